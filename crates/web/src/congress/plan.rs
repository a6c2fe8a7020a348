//! Đề án nhân sự — the personnel plan of a congress at `/dai-hoi/ky/{id}/de-an…`: the committee
//! size, the election rule set and committee level, the structure targets as data (Chỉ thị 35's
//! to start with; add, edit, remove, custom ones on marks), the slate of candidates from the
//! rolls of the congress's subtree (re-nominated or new, with marks), and the compliance panel
//! with charts of the make-up. `GET /api/v1/congresses/{id}/structure` gives the panel's
//! figures as JSON.
//!
//! Everything needs `Permission::ManagePersonnelPlan` on the congress's organization. The plan
//! is internal (the area sends `Cache-Control: no-store`; nothing of it is on the portal), and
//! the slate shows dates of birth and ethnicities: each view of it is written to the audit log.
//!
//! - [`panel`]: the panel's figures through the domain's rules.
//! - [`charts`]: the make-up charts' geometry.

pub mod charts;
pub mod panel;

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::access::Permission;
use daihoi_domain::congress::age::{CommitteeLevel, age_on};
use daihoi_domain::congress::field::FieldError;
use daihoi_domain::congress::organization::check_members;
use daihoi_domain::congress::person::Sex;
use daihoi_domain::congress::structure::{
    AGE_MAX, Bound, Criterion, StructureError, StructureTarget, parse_marks, parse_percent,
};
use daihoi_domain::election::rules::RuleSet;
use daihoi_domain::vn::fold::fold;
use daihoi_domain::vn::format::{format_date, format_int, format_percent_hundredths, format_uint};
use daihoi_store::{Congress, Organization, PersonnelPlan, PlanSettings, StoreError};
use serde::{Deserialize, Serialize};

use self::charts::{Chart, makeup_charts};
use self::panel::{FirstDay, Panel, level_code, level_from_code, level_label};
use super::CongressState;
use super::views::{Crumb, Layout, breadcrumb, render, require_on, require_workspace};
use crate::kernel::HttpError;
use crate::kernel::auth::CurrentUser;
use crate::kernel::forms::{CheckedForm, parse_id};

/// Largest committee size a form accepts.
pub const SEATS_MAX: i64 = 1_000;

/// Lỗi biểu mẫu — the refused fields of one form: (field name, sentence).
#[derive(Debug, Clone, Default)]
pub struct Errors(Vec<(&'static str, String)>);

impl Errors {
    /// The error of `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether no field was refused.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn push(&mut self, field: &'static str, label: &str, error: impl std::fmt::Display) {
        self.0.push((field, format!("{label}: {error}.")));
    }
}

/// The congress `raw_id` and its organization (404 naming it when absent).
async fn load_congress(
    state: &CongressState,
    raw_id: &str,
) -> Result<(Congress, Organization), HttpError> {
    let id = parse_id(raw_id, "đại hội")?;
    let store = &state.kernel.store;
    let missing = || HttpError::NotFound(format!("Không tìm thấy đại hội số {id}."));
    let congress = store.congress(id).await?.ok_or_else(missing)?;
    let org = store
        .organization(congress.organization_id)
        .await?
        .ok_or_else(missing)?;
    Ok((congress, org))
}

/// Loads the congress and checks the right on its organization.
async fn load_for(
    state: &CongressState,
    user: &CurrentUser,
    raw_id: &str,
) -> Result<(Congress, Organization), HttpError> {
    require_workspace(user)?;
    let (congress, org) = load_congress(state, raw_id).await?;
    require_on(user, Permission::ManagePersonnelPlan, &org)?;
    Ok((congress, org))
}

/// The plan of `congress`, or a 404 saying it is not drawn up yet.
async fn load_plan(state: &CongressState, congress: &Congress) -> Result<PersonnelPlan, HttpError> {
    state
        .kernel
        .store
        .personnel_plan(congress.id)
        .await?
        .ok_or_else(|| {
            HttpError::NotFound(format!(
                "Đại hội «{}» chưa có đề án nhân sự.",
                congress.name
            ))
        })
}

fn plan_url(congress_id: i64) -> String {
    format!("/dai-hoi/ky/{congress_id}/de-an")
}

fn redirect_to_plan(congress_id: i64, notice: &str, anchor: &str) -> Response {
    Redirect::to(&format!(
        "{}?thong_bao={notice}{anchor}",
        plan_url(congress_id)
    ))
    .into_response()
}

// ---------------------------------------------------------------------------------------------
// Forms.

/// Fields of the settings form (and of the form that draws the plan up), kept as typed.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct SettingsForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    committee_seats: String,
    #[serde(default)]
    rules: String,
    #[serde(default)]
    committee_level: String,
    /// Drawing up only: the ethnic-minority range, from…
    #[serde(default)]
    ethnic_low: String,
    /// …to.
    #[serde(default)]
    ethnic_high: String,
}

impl SettingsForm {
    fn of(congress: &Congress, plan: Option<&PersonnelPlan>) -> SettingsForm {
        let rules = match plan {
            Some(p) => p.rules.clone(),
            // The rules of the term: 244-QĐ/TW up to 2020–2025, 190-QĐ/TW from 2025–2030.
            None if congress.term.start_year < 2025 => "party-2014".to_owned(),
            None => "party-2024".to_owned(),
        };
        SettingsForm {
            csrf_token: String::new(),
            committee_seats: congress
                .committee_seats
                .map(|n| n.to_string())
                .unwrap_or_default(),
            rules,
            committee_level: level_code(
                plan.map_or(CommitteeLevel::District, |p| p.committee_level),
            )
            .to_owned(),
            ethnic_low: String::new(),
            ethnic_high: String::new(),
        }
    }
}

/// The checked settings, or every field's error.
fn check_settings(form: &SettingsForm) -> Result<PlanSettings, Errors> {
    let mut errors = Errors::default();
    let seats = match form.committee_seats.trim() {
        "" => None,
        raw => match check_members(raw, true) {
            Ok(n) if (1..=SEATS_MAX).contains(&n) => Some(n),
            Ok(_) => {
                errors.push(
                    "committee_seats",
                    "Số ủy viên ban chấp hành",
                    FieldError::OutOfRange {
                        given: raw.to_owned(),
                        min: 1,
                        max: SEATS_MAX,
                    },
                );
                None
            }
            Err(e) => {
                errors.push("committee_seats", "Số ủy viên ban chấp hành", e);
                None
            }
        },
    };
    if RuleSet::named(&form.rules).is_none() {
        errors.0.push((
            "rules",
            "Quy chế bầu cử: hãy chọn một quy chế trong danh sách.".to_owned(),
        ));
    }
    let level = level_from_code(&form.committee_level);
    if level.is_none() {
        errors.0.push((
            "committee_level",
            "Cấp ủy: hãy chọn cấp huyện hoặc cấp tỉnh.".to_owned(),
        ));
    }
    match level {
        Some(committee_level) if errors.is_empty() => Ok(PlanSettings {
            rules: form.rules.clone(),
            committee_level,
            committee_seats: seats,
        }),
        _ => Err(errors),
    }
}

/// The first targets of a new plan: Chỉ thị 35's, and the ethnic-minority range when typed.
fn check_first_targets(form: &SettingsForm) -> Result<Vec<StructureTarget>, Errors> {
    let mut targets = StructureTarget::chi_thi_35();
    let mut errors = Errors::default();
    let low = form.ethnic_low.trim();
    let high = form.ethnic_high.trim();
    if low.is_empty() && high.is_empty() {
        return Ok(targets);
    }
    let read =
        |errors: &mut Errors, field: &'static str, label: &str, raw: &str| match parse_percent(raw)
        {
            Ok(v) => Some(v),
            Err(e) => {
                errors.push(field, label, e);
                None
            }
        };
    let low = read(&mut errors, "ethnic_low", "Dân tộc thiểu số, từ", low);
    let high = read(&mut errors, "ethnic_high", "Dân tộc thiểu số, đến", high);
    if let (Some(low), Some(high)) = (low, high) {
        match StructureTarget::new(
            "Dân tộc thiểu số",
            Criterion::EthnicMinority,
            Bound::Within(low, high),
        ) {
            Ok(t) => targets.push(t),
            Err(e) => errors.0.push(("ethnic_high", format!("{e}."))),
        }
    }
    if errors.is_empty() {
        Ok(targets)
    } else {
        Err(errors)
    }
}

/// Fields of a target form, kept as typed.
#[derive(Debug, Clone, Deserialize)]
pub struct TargetForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    criterion: String,
    #[serde(default)]
    age: String,
    #[serde(default)]
    mark: String,
    #[serde(default)]
    bound: String,
    #[serde(default)]
    low: String,
    #[serde(default)]
    high: String,
}

impl Default for TargetForm {
    fn default() -> TargetForm {
        TargetForm {
            csrf_token: String::new(),
            label: String::new(),
            criterion: "mark".to_owned(),
            age: String::new(),
            mark: String::new(),
            bound: "at_least".to_owned(),
            low: String::new(),
            high: String::new(),
        }
    }
}

/// A percent as a form shows it: `15`, `12,5`.
fn percent_text(hundredths: u32) -> String {
    format_percent_hundredths(i64::from(hundredths))
        .trim_end_matches('%')
        .trim_end_matches('0')
        .trim_end_matches(',')
        .to_owned()
}

impl TargetForm {
    fn of(t: &StructureTarget) -> TargetForm {
        let (criterion, age, mark) = match &t.criterion {
            Criterion::Women => ("women", String::new(), String::new()),
            Criterion::UnderAge(a) => ("under_age", a.to_string(), String::new()),
            Criterion::EthnicMinority => ("ethnic_minority", String::new(), String::new()),
            Criterion::Renominated => ("renominated", String::new(), String::new()),
            Criterion::Mark(m) => ("mark", String::new(), m.clone()),
        };
        let (low, high) = t.bound.parts();
        TargetForm {
            csrf_token: String::new(),
            label: t.label.clone(),
            criterion: criterion.to_owned(),
            age,
            mark,
            bound: t.bound.kind_code().to_owned(),
            low: percent_text(low),
            high: if matches!(t.bound, Bound::Within(..)) {
                percent_text(high)
            } else {
                String::new()
            },
        }
    }
}

/// The criteria a target may count: (form value, words).
pub const CRITERIA: [(&str, &str); 5] = [
    ("women", "Nữ"),
    ("under_age", "Dưới … tuổi (ghi số tuổi)"),
    ("ethnic_minority", "Dân tộc thiểu số"),
    ("renominated", "Tái cử"),
    ("mark", "Ứng viên có đánh dấu … (ghi tên đánh dấu)"),
];

/// The kinds of bound: (form value, words).
pub const BOUNDS: [(&str, &str); 3] = [
    ("at_least", "Từ … trở lên (≥)"),
    ("at_most", "Không quá … (≤)"),
    ("within", "Trong khoảng … đến …"),
];

/// The checked target, or every field's error.
fn check_target(form: &TargetForm) -> Result<StructureTarget, Errors> {
    let mut errors = Errors::default();
    let criterion = match form.criterion.as_str() {
        "women" => Some(Criterion::Women),
        "ethnic_minority" => Some(Criterion::EthnicMinority),
        "renominated" => Some(Criterion::Renominated),
        "under_age" => {
            let raw = form.age.trim();
            match raw.parse::<u32>() {
                Ok(age) => Some(Criterion::UnderAge(age)),
                Err(_) if raw.is_empty() => {
                    errors.push("age", "Số tuổi", FieldError::Missing);
                    None
                }
                Err(_) if raw.chars().all(|c| c.is_ascii_digit()) => {
                    errors.push(
                        "age",
                        "Số tuổi",
                        FieldError::OutOfRange {
                            given: raw.to_owned(),
                            min: 1,
                            max: i64::from(AGE_MAX),
                        },
                    );
                    None
                }
                Err(_) => {
                    errors.push(
                        "age",
                        "Số tuổi",
                        FieldError::invalid(raw, "một số tuổi (số nguyên từ 1 đến 120)"),
                    );
                    None
                }
            }
        }
        "mark" => Some(Criterion::Mark(form.mark.clone())),
        _ => {
            errors.0.push((
                "criterion",
                "Tiêu chí: hãy chọn một tiêu chí trong danh sách.".to_owned(),
            ));
            None
        }
    };
    let low = match parse_percent(&form.low) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push("low", "Tỷ lệ", e);
            None
        }
    };
    let bound = match (form.bound.as_str(), low) {
        ("at_least", Some(low)) => Some(Bound::AtLeast(low)),
        ("at_most", Some(low)) => Some(Bound::AtMost(low)),
        ("within", low) => match parse_percent(&form.high) {
            Ok(high) => low.map(|low| Bound::Within(low, high)),
            Err(e) => {
                errors.push("high", "Cận trên", e);
                None
            }
        },
        ("at_least" | "at_most", None) => None,
        _ => {
            errors.0.push((
                "bound",
                "Mức chỉ tiêu: hãy chọn một loại mức trong danh sách.".to_owned(),
            ));
            None
        }
    };
    let (Some(criterion), Some(bound)) = (criterion, bound) else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    StructureTarget::new(&form.label, criterion, bound).map_err(|e| {
        let field = match &e {
            StructureError::Label(_) => "label",
            StructureError::PercentOutOfRange { .. } => "low",
            StructureError::EmptyRange { .. } => "high",
            StructureError::AgeOutOfRange { .. } => "age",
            StructureError::Mark(_) => "mark",
        };
        Errors(vec![(field, format!("{e}."))])
    })
}

/// A target form with its errors, as the templates show it.
pub struct TargetFormView {
    /// The typed values.
    pub form: TargetForm,
    /// The refused fields.
    pub errors: Errors,
    /// Where it is sent.
    pub action: String,
    /// The submit button's words.
    pub submit: &'static str,
}

impl TargetFormView {
    /// The error of `field`, if any.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }
}

/// Fields of a candidate's row form.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct CandidateForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    renominated: Option<String>,
    #[serde(default)]
    marks: String,
}

/// Fields of the "add to the slate" form.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct AddCandidateForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    q: String,
}

/// A form that carries only its token (removals).
#[derive(Debug, Clone, Deserialize, Default)]
pub struct TokenForm {
    #[serde(default)]
    csrf_token: String,
}

// ---------------------------------------------------------------------------------------------
// The plan page.

/// One target row of the panel, formatted.
pub struct TargetRow {
    /// Stored id.
    pub id: i64,
    /// Tên chỉ tiêu.
    pub label: String,
    /// What is counted, in words.
    pub criterion: String,
    /// "≥ 15%".
    pub bound: String,
    /// "6/35 – 17,14%", or empty when not computable.
    pub figure: String,
    /// "17,14% — vượt 2,14 điểm % so với chỉ tiêu ≥ 15%", or why it is not computed.
    pub phrase: String,
    /// Met (`Some(true)`), not met, or not computable.
    pub met: Option<bool>,
}

fn criterion_words(c: &Criterion) -> String {
    match c {
        Criterion::Women => "nữ".to_owned(),
        Criterion::UnderAge(a) => format!("dưới {a} tuổi vào ngày khai mạc"),
        Criterion::EthnicMinority => "người dân tộc thiểu số".to_owned(),
        Criterion::Renominated => "tái cử".to_owned(),
        Criterion::Mark(m) => format!("có đánh dấu «{m}»"),
    }
}

/// One candidate row, formatted (sensitive fields included: the view is audited).
pub struct CandidateRow {
    /// Person id.
    pub person_id: i64,
    /// Họ và tên.
    pub name: String,
    /// Nam / Nữ.
    pub sex: &'static str,
    /// Ngày sinh.
    pub birth: String,
    /// Tuổi on the first day, or empty.
    pub age: String,
    /// Dân tộc.
    pub ethnicity: String,
    /// Tổ chức.
    pub organization: String,
    /// Tái cử.
    pub renominated: bool,
    /// Marks as typed ("cán bộ trẻ, chuyên trách").
    pub marks: String,
    /// Within the age limits.
    pub within_limits: bool,
    /// The row form's error, after a refused save.
    pub error: Option<String>,
}

/// A candidate outside the age limits.
pub struct OutsideRow {
    /// Họ và tên.
    pub name: String,
    /// Ngày sinh.
    pub birth: String,
    /// The limit missed, in words.
    pub rule: String,
}

/// The plan, formatted for its page.
pub struct PlanView {
    /// "35", or empty when not decided.
    pub seats: String,
    /// The rule set's title and source.
    pub rules: (String, String),
    /// The committee level in words.
    pub level: &'static str,
    /// How ages are computed, in one sentence.
    pub first_day: String,
    /// Whether a first day is known.
    pub ages_known: bool,
    /// The targets.
    pub targets: Vec<TargetRow>,
    /// "35 ứng viên cho 35 ủy viên cần bầu: số dư 0 người (0,00%)."
    pub surplus: String,
    /// The rule set's surplus limits in words.
    pub surplus_limits: Vec<String>,
    /// The surplus warnings.
    pub surplus_warnings: Vec<String>,
    /// Whether the slate is within the surplus limits.
    pub surplus_ok: bool,
    /// Where the age limits come from.
    pub age_source: String,
    /// The four thresholds in words.
    pub age_rules: Vec<String>,
    /// Said when the limits were written for another term.
    pub age_note: Option<String>,
    /// Candidates outside the age limits.
    pub outside: Vec<OutsideRow>,
    /// Make-up charts.
    pub charts: Vec<Chart>,
    /// The slate.
    pub candidates: Vec<CandidateRow>,
}

/// What a refused form sends back to the page: its typed values and errors.
#[derive(Default)]
struct Refusals {
    settings: Option<(SettingsForm, Errors)>,
    target: Option<(TargetForm, Errors)>,
    candidate: Option<(i64, CandidateForm, String)>,
}

#[derive(Template)]
#[template(path = "congress/plan.html")]
struct PlanPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    congress_id: i64,
    congress_name: String,
    term: String,
    plan: Option<PlanView>,
    settings: SettingsForm,
    settings_errors: Errors,
    rule_choices: Vec<(String, String)>,
    tf: TargetFormView,
    criteria: [(&'static str, &'static str); 5],
    bounds: [(&'static str, &'static str); 3],
}

fn rule_choices() -> Vec<(String, String)> {
    RuleSet::builtin()
        .into_iter()
        .map(|r| (r.name, r.title))
        .collect()
}

fn surplus_limits(rules: &RuleSet) -> Vec<String> {
    let s = &rules.surplus;
    let mut out = Vec::new();
    if let Some(max) = s.max_percent {
        out.push(format!("Số dư tối đa {max}% số ủy viên cần bầu."));
    }
    if let Some(small) = s.small_committee {
        out.push(format!(
            "Ban chấp hành có {} đến {} ủy viên: dư tối đa {} người.",
            small.min_seats, small.max_seats, small.max_extra
        ));
    }
    if let Some((low, high)) = s.recommended_percent {
        out.push(format!("Cấp ủy triệu tập chuẩn bị số dư {low}–{high}%."));
    }
    if out.is_empty() {
        out.push("Quy chế này không giới hạn số dư.".to_owned());
    }
    out
}

fn plan_view(
    congress: &Congress,
    plan: &PersonnelPlan,
    refused: Option<&(i64, CandidateForm, String)>,
) -> PlanView {
    let panel = Panel::of(congress, plan);
    let first_day = match panel.first_day {
        Some(FirstDay::Held(d)) => format!(
            "Tuổi tính đến ngày khai mạc đại hội {} (ngày đã tổ chức).",
            format_date(d)
        ),
        Some(FirstDay::Planned(d)) => format!(
            "Tuổi tính đến ngày khai mạc dự kiến {}; khi đại hội diễn ra, tuổi được tính lại theo \
             ngày khai mạc thực tế.",
            format_date(d)
        ),
        None => "Đại hội chưa có ngày khai mạc (dự kiến hay thực tế) nên chưa tính được tuổi: các \
                 chỉ tiêu theo tuổi và biểu đồ độ tuổi sẽ có khi nhập ngày khai mạc ở trang đại \
                 hội."
            .to_owned(),
    };
    let targets = panel
        .targets
        .iter()
        .map(|line| TargetRow {
            id: line.id,
            label: line.target.label.clone(),
            // What is counted, unless the label already says it ("Nữ").
            criterion: Some(criterion_words(&line.target.criterion))
                .filter(|words| fold(words) != fold(&line.target.label))
                .unwrap_or_default(),
            bound: line.target.bound.to_string(),
            figure: line.result.as_ref().map(|r| r.figure()).unwrap_or_default(),
            phrase: match &line.result {
                Some(r) => r.phrase.clone(),
                None => format!(
                    "Chưa tính được: đại hội chưa có ngày khai mạc — chỉ tiêu {}",
                    line.target.bound
                ),
            },
            met: line.result.as_ref().map(|r| r.met),
        })
        .collect();
    let candidates_text = format!("{} ứng viên", format_uint(panel.candidates as u64));
    let (surplus, surplus_warnings, surplus_ok) = match (&panel.surplus, panel.seats) {
        (Some(check), Some(seats)) => {
            let extra = if check.extra >= 0 {
                format!(
                    "số dư {} người ({})",
                    format_int(check.extra),
                    format_percent_hundredths(check.percent_hundredths)
                )
            } else {
                format!("thiếu {} người", format_int(-check.extra))
            };
            (
                format!(
                    "{candidates_text} cho {} ủy viên cần bầu: {extra}.",
                    format_int(seats)
                ),
                check
                    .warnings
                    .iter()
                    .map(|w| w.message.clone())
                    .collect::<Vec<_>>(),
                check.warnings.is_empty(),
            )
        }
        (_, None) => (
            format!(
                "{candidates_text}; chưa định số ủy viên ban chấp hành cần bầu (nhập ở phần «Thiết \
                 lập»)."
            ),
            Vec::new(),
            false,
        ),
        (None, Some(_)) => (
            format!(
                "{candidates_text}; quy chế «{}» không có trong phần mềm.",
                plan.rules
            ),
            Vec::new(),
            false,
        ),
    };
    let rules = panel
        .rules
        .as_ref()
        .map(|r| (r.title.clone(), r.source.clone()))
        .unwrap_or_else(|| (plan.rules.clone(), String::new()));
    let limits = &panel.age_limits;
    let age_rules = [
        (Sex::Male, false),
        (Sex::Female, false),
        (Sex::Male, true),
        (Sex::Female, true),
    ]
    .into_iter()
    .map(|(sex, again)| limits.rule_phrase(sex, again))
    .collect();
    let age_note = (!panel.limits_match_term).then(|| {
        format!(
            "Giới hạn tuổi này của nhiệm kỳ {}–{}; đại hội thuộc nhiệm kỳ {}: hãy đối chiếu với \
             hướng dẫn của nhiệm kỳ đó.",
            panel::CHI_THI_35_TERM.0,
            panel::CHI_THI_35_TERM.1,
            congress.term
        )
    });
    let outside_index: Vec<usize> = panel.outside_limits.iter().map(|o| o.index).collect();
    let outside = panel
        .outside_limits
        .iter()
        .map(|o| {
            let c = &plan.candidates[o.index];
            OutsideRow {
                name: c.person.full_name.clone(),
                birth: c.person.birth.display(),
                rule: o.rule.clone(),
            }
        })
        .collect();
    let candidates = plan
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let refused = refused.filter(|(id, _, _)| *id == c.person.id);
            CandidateRow {
                person_id: c.person.id,
                name: c.person.full_name.clone(),
                sex: c.person.sex.label(),
                birth: c.person.birth.display(),
                age: panel
                    .first_day
                    .map(|d| age_on(c.person.birth, d.day()).to_string())
                    .unwrap_or_default(),
                ethnicity: c.person.ethnicity.clone().unwrap_or_default(),
                organization: c.organization_name.clone(),
                renominated: match refused {
                    Some((_, form, _)) => form.renominated.is_some(),
                    None => c.renominated,
                },
                marks: match refused {
                    Some((_, form, _)) => form.marks.clone(),
                    None => c.marks.join(", "),
                },
                within_limits: !outside_index.contains(&i),
                error: refused.map(|(_, _, e)| e.clone()),
            }
        })
        .collect();
    PlanView {
        seats: congress.committee_seats.map(format_int).unwrap_or_default(),
        rules,
        level: level_label(plan.committee_level),
        first_day,
        ages_known: panel.first_day.is_some(),
        targets,
        surplus,
        surplus_limits: panel.rules.as_ref().map(surplus_limits).unwrap_or_default(),
        surplus_warnings,
        surplus_ok,
        age_source: limits.source.to_owned(),
        age_rules,
        age_note,
        outside,
        charts: makeup_charts(&panel.makeup, panel.first_day.is_some()),
        candidates,
    }
}

/// Renders the plan page of `congress` (with a refused form's values and errors, then 422),
/// writing the view of the slate to the audit log.
async fn plan_page(
    state: &CongressState,
    user: &CurrentUser,
    congress: &Congress,
    org: &Organization,
    notice: Option<&str>,
    refusals: Refusals,
) -> Result<Response, HttpError> {
    let store = &state.kernel.store;
    let plan = store.personnel_plan(congress.id).await?;
    if let Some(p) = &plan
        && !p.candidates.is_empty()
    {
        store
            .record_plan_view(
                &user.actor(),
                congress.id,
                p.candidates.len(),
                state.kernel.now(),
            )
            .await?;
    }
    let refused =
        refusals.settings.is_some() || refusals.target.is_some() || refusals.candidate.is_some();
    let (settings, settings_errors) = refusals
        .settings
        .unwrap_or_else(|| (SettingsForm::of(congress, plan.as_ref()), Errors::default()));
    let (target_form, target_errors) = refusals
        .target
        .unwrap_or_else(|| (TargetForm::default(), Errors::default()));
    let page = PlanPage {
        layout: Layout::new(state, user, notice).await,
        crumbs: breadcrumb(state, user, org).await?,
        congress_id: congress.id,
        congress_name: congress.name.clone(),
        term: congress.term.to_string(),
        plan: plan
            .as_ref()
            .map(|p| plan_view(congress, p, refusals.candidate.as_ref())),
        settings,
        settings_errors,
        rule_choices: rule_choices(),
        tf: TargetFormView {
            form: target_form,
            errors: target_errors,
            action: format!("{}/chi-tieu", plan_url(congress.id)),
            submit: "Thêm chỉ tiêu",
        },
        criteria: CRITERIA,
        bounds: BOUNDS,
    };
    if refused {
        Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
    } else {
        render(&page)
    }
}

/// The confirmation asked for by `?thong_bao=`.
#[derive(Debug, Deserialize, Default)]
pub struct PlanQuery {
    #[serde(default)]
    thong_bao: Option<String>,
    #[serde(default)]
    q: Option<String>,
}

/// `GET /dai-hoi/ky/{id}/de-an` — the plan and its compliance panel, or the form that draws it
/// up.
pub async fn show(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<PlanQuery>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for(&state, &user, &id).await?;
    plan_page(
        &state,
        &user,
        &congress,
        &org,
        query.thong_bao.as_deref(),
        Refusals::default(),
    )
    .await
}

/// `POST /dai-hoi/ky/{id}/de-an` — draws the plan up (committee size, rule set, level, Chỉ thị
/// 35's targets and the ethnic-minority range if typed).
pub async fn create(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<SettingsForm>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for(&state, &user, &id).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let checked = match (check_settings(&form), check_first_targets(&form)) {
        (Ok(settings), Ok(targets)) => Ok((settings, targets)),
        (a, b) => {
            let mut errors = a.err().unwrap_or_default();
            errors.0.extend(b.err().unwrap_or_default().0);
            Err(errors)
        }
    };
    match checked {
        Ok((settings, targets)) => {
            state
                .kernel
                .store
                .create_personnel_plan(
                    congress.id,
                    &settings,
                    &targets,
                    &user.actor(),
                    state.kernel.now(),
                )
                .await?;
            Ok(redirect_to_plan(congress.id, "da-lap-de-an", ""))
        }
        Err(errors) => {
            plan_page(
                &state,
                &user,
                &congress,
                &org,
                None,
                Refusals {
                    settings: Some((form, errors)),
                    ..Refusals::default()
                },
            )
            .await
        }
    }
}

/// `POST /dai-hoi/ky/{id}/de-an/thiet-lap` — saves the committee size, rule set and level.
pub async fn update_settings(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<SettingsForm>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for(&state, &user, &id).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    load_plan(&state, &congress).await?;
    match check_settings(&form) {
        Ok(settings) => {
            state
                .kernel
                .store
                .update_plan_settings(congress.id, &settings, &user.actor(), state.kernel.now())
                .await?;
            Ok(redirect_to_plan(congress.id, "da-luu", "#thiet-lap"))
        }
        Err(errors) => {
            plan_page(
                &state,
                &user,
                &congress,
                &org,
                None,
                Refusals {
                    settings: Some((form, errors)),
                    ..Refusals::default()
                },
            )
            .await
        }
    }
}

/// `POST /dai-hoi/ky/{id}/de-an/chi-tieu` — adds a target.
pub async fn add_target(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<TargetForm>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for(&state, &user, &id).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    load_plan(&state, &congress).await?;
    match check_target(&form) {
        Ok(target) => {
            state
                .kernel
                .store
                .add_plan_target(congress.id, &target, &user.actor(), state.kernel.now())
                .await?;
            Ok(redirect_to_plan(congress.id, "da-them", "#doi-chieu"))
        }
        Err(errors) => {
            plan_page(
                &state,
                &user,
                &congress,
                &org,
                None,
                Refusals {
                    target: Some((form, errors)),
                    ..Refusals::default()
                },
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "congress/plan_target.html")]
struct TargetPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    congress_id: i64,
    congress_name: String,
    tf: TargetFormView,
    criteria: [(&'static str, &'static str); 5],
    bounds: [(&'static str, &'static str); 3],
}

/// The target `raw_tid` of `plan` (404 when it is not one of its targets).
fn find_target(plan: &PersonnelPlan, raw_tid: &str) -> Result<(i64, StructureTarget), HttpError> {
    let tid = parse_id(raw_tid, "chỉ tiêu")?;
    plan.targets
        .iter()
        .find(|t| t.id == tid)
        .map(|t| (t.id, t.target.clone()))
        .ok_or_else(|| HttpError::NotFound(format!("Đề án không có chỉ tiêu số {tid}.")))
}

async fn target_page(
    state: &CongressState,
    user: &CurrentUser,
    congress: &Congress,
    org: &Organization,
    tid: i64,
    form: TargetForm,
    errors: Errors,
) -> Result<Response, HttpError> {
    let refused = !errors.is_empty();
    let page = TargetPage {
        layout: Layout::new(state, user, None).await,
        crumbs: breadcrumb(state, user, org).await?,
        congress_id: congress.id,
        congress_name: congress.name.clone(),
        tf: TargetFormView {
            form,
            errors,
            action: format!("{}/chi-tieu/{tid}", plan_url(congress.id)),
            submit: "Lưu chỉ tiêu",
        },
        criteria: CRITERIA,
        bounds: BOUNDS,
    };
    if refused {
        Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
    } else {
        render(&page)
    }
}

/// `GET /dai-hoi/ky/{id}/de-an/chi-tieu/{tid}` — the form to edit a target.
pub async fn edit_target_form(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, tid)): Path<(String, String)>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for(&state, &user, &id).await?;
    let plan = load_plan(&state, &congress).await?;
    let (tid, target) = find_target(&plan, &tid)?;
    target_page(
        &state,
        &user,
        &congress,
        &org,
        tid,
        TargetForm::of(&target),
        Errors::default(),
    )
    .await
}

/// `POST /dai-hoi/ky/{id}/de-an/chi-tieu/{tid}` — saves it.
pub async fn update_target(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, tid)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<TargetForm>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for(&state, &user, &id).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let plan = load_plan(&state, &congress).await?;
    let (tid, _) = find_target(&plan, &tid)?;
    match check_target(&form) {
        Ok(target) => {
            state
                .kernel
                .store
                .update_plan_target(congress.id, tid, &target, &user.actor(), state.kernel.now())
                .await?;
            Ok(redirect_to_plan(congress.id, "da-luu", "#doi-chieu"))
        }
        Err(errors) => target_page(&state, &user, &congress, &org, tid, form, errors).await,
    }
}

/// `POST /dai-hoi/ky/{id}/de-an/chi-tieu/{tid}/xoa` — removes a target.
pub async fn remove_target(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, tid)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<TokenForm>,
) -> Result<Response, HttpError> {
    let (congress, _) = load_for(&state, &user, &id).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let plan = load_plan(&state, &congress).await?;
    let (tid, _) = find_target(&plan, &tid)?;
    state
        .kernel
        .store
        .remove_plan_target(congress.id, tid, &user.actor(), state.kernel.now())
        .await?;
    Ok(redirect_to_plan(congress.id, "da-bo", "#doi-chieu"))
}

// ---------------------------------------------------------------------------------------------
// The slate.

/// One person found to add.
pub struct FoundRow {
    /// Id.
    pub id: i64,
    /// Họ và tên.
    pub name: String,
    /// Tổ chức.
    pub organization: String,
    /// Chức vụ.
    pub position: String,
    /// Already on the slate.
    pub on_slate: bool,
}

#[derive(Template)]
#[template(path = "congress/plan_candidates.html")]
struct SearchPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    congress_id: i64,
    congress_name: String,
    org_name: String,
    query: String,
    rows: Vec<FoundRow>,
    more: bool,
    slate_size: usize,
}

/// `GET /dai-hoi/ky/{id}/de-an/ung-vien?q=` — finds people of the rolls of the congress's
/// subtree by name (with or without diacritics) to put on the slate.
pub async fn search(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<PlanQuery>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for(&state, &user, &id).await?;
    let plan = load_plan(&state, &congress).await?;
    let store = &state.kernel.store;
    let q = daihoi_domain::vn::fold::nfc(query.q.as_deref().unwrap_or_default().trim());
    let q: String = q.chars().take(100).collect();
    let (people, more) = if q.is_empty() {
        (Vec::new(), false)
    } else {
        store.search_people(org.id, &q).await?
    };
    let mut names = std::collections::HashMap::new();
    let mut rows = Vec::with_capacity(people.len());
    for p in people {
        let organization = match names.get(&p.organization_id) {
            Some(name) => String::clone(name),
            None => {
                let name = store
                    .organization(p.organization_id)
                    .await?
                    .map(|o| o.name)
                    .unwrap_or_default();
                names.insert(p.organization_id, name.clone());
                name
            }
        };
        rows.push(FoundRow {
            id: p.id,
            on_slate: plan.candidates.iter().any(|c| c.person.id == p.id),
            name: p.full_name,
            organization,
            position: p.position.unwrap_or_default(),
        });
    }
    render(&SearchPage {
        layout: Layout::new(&state, &user, query.thong_bao.as_deref()).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        congress_id: congress.id,
        congress_name: congress.name.clone(),
        org_name: org.name.clone(),
        query: q,
        rows,
        more,
        slate_size: plan.candidates.len(),
    })
}

/// `POST /dai-hoi/ky/{id}/de-an/ung-vien` — puts a person on the slate, then back to the search.
pub async fn add_candidate(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<AddCandidateForm>,
) -> Result<Response, HttpError> {
    let (congress, _) = load_for(&state, &user, &id).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    load_plan(&state, &congress).await?;
    let person_id = form
        .person_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| HttpError::BadRequest("Thiếu người cần thêm vào danh sách.".to_owned()))?;
    let added = match state
        .kernel
        .store
        .add_plan_candidate(congress.id, person_id, &user.actor(), state.kernel.now())
        .await
    {
        Ok(added) => added,
        Err(StoreError::Invalid(why)) => {
            return Err(HttpError::Unprocessable(format!(
                "Không thêm được vào danh sách ứng viên: {why}."
            )));
        }
        Err(err) => return Err(err.into()),
    };
    let notice = if added {
        "da-them-ung-vien"
    } else {
        "ung-vien-da-co"
    };
    let q: String = form.q.trim().chars().take(100).collect();
    Ok(Redirect::to(&format!(
        "{}/ung-vien?q={}&thong_bao={notice}",
        plan_url(congress.id),
        percent_encoding::utf8_percent_encode(&q, percent_encoding::NON_ALPHANUMERIC)
    ))
    .into_response())
}

/// `POST /dai-hoi/ky/{id}/de-an/ung-vien/{pid}` — saves a candidate's re-nominated flag and
/// marks.
pub async fn update_candidate(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, pid)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<CandidateForm>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for(&state, &user, &id).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let pid = parse_id(&pid, "ứng viên")?;
    let plan = load_plan(&state, &congress).await?;
    let Some(candidate) = plan.candidates.iter().find(|c| c.person.id == pid) else {
        return Err(HttpError::NotFound(format!(
            "Người số {pid} không có trong danh sách ứng viên."
        )));
    };
    match parse_marks(&form.marks) {
        Ok(marks) => {
            state
                .kernel
                .store
                .update_plan_candidate(
                    congress.id,
                    pid,
                    form.renominated.is_some(),
                    &marks,
                    &user.actor(),
                    state.kernel.now(),
                )
                .await?;
            Ok(redirect_to_plan(
                congress.id,
                "da-luu",
                &format!("#ung-vien-{pid}"),
            ))
        }
        Err(e) => {
            let message = format!("Đánh dấu của {}: {e}.", candidate.person.full_name);
            plan_page(
                &state,
                &user,
                &congress,
                &org,
                None,
                Refusals {
                    candidate: Some((pid, form, message)),
                    ..Refusals::default()
                },
            )
            .await
        }
    }
}

/// `POST /dai-hoi/ky/{id}/de-an/ung-vien/{pid}/xoa` — takes a candidate off the slate.
pub async fn remove_candidate(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, pid)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<TokenForm>,
) -> Result<Response, HttpError> {
    let (congress, _) = load_for(&state, &user, &id).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let pid = parse_id(&pid, "ứng viên")?;
    state
        .kernel
        .store
        .remove_plan_candidate(congress.id, pid, &user.actor(), state.kernel.now())
        .await?;
    Ok(redirect_to_plan(congress.id, "da-bo", "#danh-sach"))
}

// ---------------------------------------------------------------------------------------------
// JSON.

/// Một mức chỉ tiêu trong API.
#[derive(Debug, Serialize)]
pub struct BoundJson {
    /// `at_least`, `at_most`, `within`.
    pub kind: &'static str,
    /// Lower figure in percent (`15.0`).
    pub low: f64,
    /// Upper figure in percent (repeats `low` for a one-sided bound).
    pub high: f64,
    /// "≥ 15%".
    pub text: String,
}

/// Một chỉ tiêu trong API.
#[derive(Debug, Serialize)]
pub struct TargetJson {
    /// Tên chỉ tiêu.
    pub label: String,
    /// The criterion's stored form (`women`, `under_age:40`, `mark:cán bộ trẻ`).
    pub criterion: String,
    /// Mức chỉ tiêu.
    pub bound: BoundJson,
    /// Candidates counted; `null` when not computable (an age target without a first day).
    pub count: Option<u64>,
    /// The slate's size.
    pub base: u64,
    /// Share in percent with two decimals (`17.14`); `null` for an empty slate or not
    /// computable.
    pub share: Option<f64>,
    /// Whether the target is met; `null` when not computable.
    pub met: Option<bool>,
    /// Share minus the nearest edge of the bound, in percentage points (`2.14`).
    pub distance: Option<f64>,
    /// The panel's sentence.
    pub phrase: String,
}

/// Số dư trong API.
#[derive(Debug, Serialize)]
pub struct SurplusJson {
    /// Candidates minus seats (negative when too few).
    pub extra: i64,
    /// The surplus in percent of the seats, two decimals.
    pub percent: f64,
    /// The rule set's largest surplus in percent, if any.
    pub max_percent: Option<u32>,
    /// The surplus the convening committee prepares, in percent, if the rules say.
    pub recommended_percent: Option<[u32; 2]>,
    /// The warnings (`code`, `message`).
    pub warnings: Vec<daihoi_domain::election::surplus::Warning>,
}

/// Bảng đối chiếu trong API — `GET /api/v1/congresses/{id}/structure`.
#[derive(Debug, Serialize)]
pub struct StructureJson {
    /// The congress.
    pub congress_id: i64,
    /// Whether the congress has a plan (all figures below are empty otherwise).
    pub has_plan: bool,
    /// The rule set's name.
    pub rules: Option<String>,
    /// `district` or `provincial`.
    pub committee_level: Option<&'static str>,
    /// Số ủy viên cần bầu.
    pub seats: Option<i64>,
    /// Số ứng viên.
    pub candidates: u64,
    /// The day ages are computed on (`2020-06-08`).
    pub first_day: Option<String>,
    /// `held` or `planned`.
    pub first_day_source: Option<&'static str>,
    /// The slate against the seats; `null` without seats.
    pub surplus: Option<SurplusJson>,
    /// The targets.
    pub targets: Vec<TargetJson>,
    /// How many candidates are outside the age limits.
    pub outside_age_limits: u64,
}

fn percent(hundredths: i64) -> f64 {
    hundredths as f64 / 100.0
}

/// `GET /api/v1/congresses/{id}/structure` — the compliance panel's figures. 401 without a
/// session, 403 without `ManagePersonnelPlan` on the congress's organization, 404 for an
/// unknown congress.
pub async fn structure_json(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let (congress, _) = load_for(&state, &user, &id).await?;
    let Some(plan) = state.kernel.store.personnel_plan(congress.id).await? else {
        return Ok(Json(StructureJson {
            congress_id: congress.id,
            has_plan: false,
            rules: None,
            committee_level: None,
            seats: congress.committee_seats,
            candidates: 0,
            first_day: FirstDay::of(&congress).map(|d| d.day().to_string()),
            first_day_source: FirstDay::of(&congress).map(FirstDay::source_code),
            surplus: None,
            targets: Vec::new(),
            outside_age_limits: 0,
        })
        .into_response());
    };
    let panel = Panel::of(&congress, &plan);
    let targets = panel
        .targets
        .iter()
        .map(|line| {
            let (low, high) = line.target.bound.parts();
            let r = line.result.as_ref();
            TargetJson {
                label: line.target.label.clone(),
                criterion: line.target.criterion.to_stored(),
                bound: BoundJson {
                    kind: line.target.bound.kind_code(),
                    low: percent(i64::from(low)),
                    high: percent(i64::from(high)),
                    text: line.target.bound.to_string(),
                },
                count: r.map(|r| r.count),
                base: panel.candidates as u64,
                share: r.and_then(|r| r.share).map(percent),
                met: r.map(|r| r.met),
                distance: r.and_then(|r| r.distance).map(percent),
                phrase: match r {
                    Some(r) => r.phrase.clone(),
                    None => format!(
                        "Chưa tính được: đại hội chưa có ngày khai mạc — chỉ tiêu {}",
                        line.target.bound
                    ),
                },
            }
        })
        .collect();
    let surplus = panel.surplus.as_ref().map(|check| SurplusJson {
        extra: check.extra,
        percent: percent(check.percent_hundredths),
        max_percent: panel.rules.as_ref().and_then(|r| r.surplus.max_percent),
        recommended_percent: panel
            .rules
            .as_ref()
            .and_then(|r| r.surplus.recommended_percent)
            .map(|(a, b)| [a, b]),
        warnings: check.warnings.clone(),
    });
    Ok(Json(StructureJson {
        congress_id: congress.id,
        has_plan: true,
        rules: Some(plan.rules.clone()),
        committee_level: Some(level_code(plan.committee_level)),
        seats: panel.seats,
        candidates: panel.candidates as u64,
        first_day: panel.first_day.map(|d| d.day().to_string()),
        first_day_source: panel.first_day.map(FirstDay::source_code),
        surplus,
        targets,
        outside_age_limits: panel.outside_limits.len() as u64,
    })
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target_form(pairs: &[(&str, &str)]) -> TargetForm {
        let mut f = TargetForm::default();
        for (k, v) in pairs {
            let v = (*v).to_owned();
            match *k {
                "label" => f.label = v,
                "criterion" => f.criterion = v,
                "age" => f.age = v,
                "mark" => f.mark = v,
                "bound" => f.bound = v,
                "low" => f.low = v,
                "high" => f.high = v,
                _ => unreachable!(),
            }
        }
        f
    }

    #[test]
    fn target_forms_read_and_refuse_field_by_field() {
        let t = check_target(&target_form(&[
            ("label", "Cán bộ trẻ"),
            ("criterion", "mark"),
            ("mark", "cán bộ trẻ"),
            ("low", "5"),
        ]))
        .unwrap();
        assert_eq!(t.criterion, Criterion::Mark("cán bộ trẻ".into()));
        assert_eq!(t.bound, Bound::AtLeast(500));
        let t = check_target(&target_form(&[
            ("label", "Dân tộc thiểu số"),
            ("criterion", "ethnic_minority"),
            ("bound", "within"),
            ("low", "20"),
            ("high", "25%"),
        ]))
        .unwrap();
        assert_eq!(t.bound, Bound::Within(2000, 2500));
        // The form of a stored target reads back as the same target.
        assert_eq!(check_target(&TargetForm::of(&t)).unwrap(), t);
        let under =
            StructureTarget::new("Trẻ", Criterion::UnderAge(35), Bound::AtMost(1250)).unwrap();
        assert_eq!(check_target(&TargetForm::of(&under)).unwrap(), under);

        let e = check_target(&target_form(&[
            ("label", ""),
            ("criterion", "under_age"),
            ("age", "x"),
            ("low", "abc"),
        ]))
        .unwrap_err();
        assert!(e.get("age").is_some());
        assert!(e.get("low").unwrap().starts_with("Tỷ lệ: "), "{e:?}");
        let e = check_target(&target_form(&[
            ("label", "Dân tộc"),
            ("criterion", "ethnic_minority"),
            ("bound", "within"),
            ("low", "25"),
            ("high", "20"),
        ]))
        .unwrap_err();
        assert_eq!(
            e.get("high"),
            Some("Khoảng chỉ tiêu 25–20% không hợp lệ: cận dưới lớn hơn cận trên.")
        );
        let e =
            check_target(&target_form(&[("label", ""), ("low", "10"), ("mark", "x")])).unwrap_err();
        assert_eq!(
            e.get("label"),
            Some("Tên chỉ tiêu: bắt buộc nhưng đang để trống.")
        );
        let e = check_target(&target_form(&[("label", "Khác"), ("low", "10")])).unwrap_err();
        assert!(e.get("mark").is_some(), "a mark target names its mark");
    }

    #[test]
    fn settings_and_first_targets() {
        let form = SettingsForm {
            committee_seats: "35".into(),
            rules: "party-2014".into(),
            committee_level: "district".into(),
            ethnic_low: "20".into(),
            ethnic_high: "25".into(),
            ..SettingsForm::default()
        };
        let s = check_settings(&form).unwrap();
        assert_eq!(s.committee_seats, Some(35));
        let targets = check_first_targets(&form).unwrap();
        assert_eq!(targets.len(), 3);
        assert_eq!(targets[2].bound, Bound::Within(2000, 2500));
        let bad = SettingsForm {
            committee_seats: "0".into(),
            rules: "x".into(),
            committee_level: "commune".into(),
            ethnic_low: "20".into(),
            ..SettingsForm::default()
        };
        let e = check_settings(&bad).unwrap_err();
        for field in ["committee_seats", "rules", "committee_level"] {
            assert!(e.get(field).is_some(), "{field}");
        }
        let e = check_first_targets(&bad).unwrap_err();
        assert!(e.get("ethnic_high").is_some(), "both ends of the range");
        assert_eq!(
            check_first_targets(&SettingsForm::default()).unwrap(),
            StructureTarget::chi_thi_35()
        );
    }
}
