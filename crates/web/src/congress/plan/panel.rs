//! Bảng đối chiếu — the figures of the compliance panel of a personnel plan, computed once from
//! the congress and its plan through the domain's rules (`structure::compliance`, `makeup`,
//! `candidates_against_seats`, `age::eligible`), shared by the page and
//! `GET /api/v1/congresses/{id}/structure`. No formatting here beyond the domain's phrases.

use chrono::NaiveDate;
use daihoi_domain::congress::age::{AgeLimits, CommitteeLevel, eligible};
use daihoi_domain::congress::congress::Term;
use daihoi_domain::congress::structure::{
    Candidate, Criterion, Makeup, StructureTarget, TargetCompliance, candidates_against_seats,
    compliance, makeup,
};
use daihoi_domain::election::rules::RuleSet;
use daihoi_domain::election::surplus::SurplusCheck;
use daihoi_store::{Congress, PersonnelPlan, PlanCandidate};

/// Ngày khai mạc — which first day the ages are computed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstDay {
    /// The day the congress opened (held).
    Held(NaiveDate),
    /// The planned opening day.
    Planned(NaiveDate),
}

impl FirstDay {
    /// The first day of `congress`: held if known, else planned.
    pub fn of(congress: &Congress) -> Option<FirstDay> {
        congress
            .held
            .0
            .map(FirstDay::Held)
            .or(congress.planned.0.map(FirstDay::Planned))
    }

    /// The day.
    pub fn day(self) -> NaiveDate {
        match self {
            FirstDay::Held(d) | FirstDay::Planned(d) => d,
        }
    }

    /// `held` or `planned`, for JSON.
    pub fn source_code(self) -> &'static str {
        match self {
            FirstDay::Held(_) => "held",
            FirstDay::Planned(_) => "planned",
        }
    }
}

/// Một dòng chỉ tiêu — a stored target and how the slate meets it; `result` is `None` for a
/// target on age while the congress has no first day.
#[derive(Debug, Clone)]
pub struct TargetLine {
    /// The stored target's id.
    pub id: i64,
    /// The target.
    pub target: StructureTarget,
    /// The slate against it.
    pub result: Option<TargetCompliance>,
}

/// Ngoài độ tuổi — a candidate outside the age limits, by index in the plan's slate.
#[derive(Debug, Clone)]
pub struct OutsideLimit {
    /// Index in `PersonnelPlan::candidates`.
    pub index: usize,
    /// The limit they miss, in words ("nam tái cử phải sinh từ tháng 12/1962 trở lại đây").
    pub rule: String,
}

/// Bảng đối chiếu — everything the panel shows.
#[derive(Debug, Clone)]
pub struct Panel {
    /// The day ages are computed on, if the congress has one.
    pub first_day: Option<FirstDay>,
    /// The targets with their results, in order.
    pub targets: Vec<TargetLine>,
    /// Số ủy viên cần bầu, when decided.
    pub seats: Option<i64>,
    /// Số ứng viên.
    pub candidates: usize,
    /// The rule set (`None` when the plan names one this binary does not know).
    pub rules: Option<RuleSet>,
    /// The slate against the seats under the rule set; `None` without seats or rule set.
    pub surplus: Option<SurplusCheck>,
    /// The age limits applied.
    pub age_limits: AgeLimits,
    /// Whether the limits (2020–2025) are those of the congress's term.
    pub limits_match_term: bool,
    /// The candidates outside the limits.
    pub outside_limits: Vec<OutsideLimit>,
    /// The make-up; its age bands mean something only with a first day.
    pub makeup: Makeup,
}

/// The term Chỉ thị 35's age limits were written for.
pub const CHI_THI_35_TERM: (i32, i32) = (2020, 2025);

/// What the structure rules need of one candidate of the slate.
pub fn candidate_of(c: &PlanCandidate) -> Candidate {
    Candidate {
        sex: c.person.sex,
        birth: c.person.birth,
        ethnicity: c.person.ethnicity.clone(),
        renominated: c.renominated,
        marks: c.marks.clone(),
    }
}

impl Panel {
    /// The panel of `plan` for `congress`.
    pub fn of(congress: &Congress, plan: &PersonnelPlan) -> Panel {
        let first_day = FirstDay::of(congress);
        let slate: Vec<Candidate> = plan.candidates.iter().map(candidate_of).collect();
        let targets = plan
            .targets
            .iter()
            .map(|stored| {
                let on_age = matches!(stored.target.criterion, Criterion::UnderAge(_));
                let result = match first_day {
                    Some(day) => {
                        compliance(std::slice::from_ref(&stored.target), &slate, day.day()).pop()
                    }
                    None if on_age => None,
                    // Any day will do for a target that does not look at ages.
                    None => {
                        compliance(std::slice::from_ref(&stored.target), &slate, NaiveDate::MIN)
                            .pop()
                    }
                };
                TargetLine {
                    id: stored.id,
                    target: stored.target.clone(),
                    result,
                }
            })
            .collect();
        let rules = RuleSet::named(&plan.rules);
        let seats = congress.committee_seats;
        let surplus = match (&rules, seats) {
            (Some(rules), Some(seats)) => Some(candidates_against_seats(
                rules,
                u32::try_from(slate.len()).unwrap_or(u32::MAX),
                u32::try_from(seats).unwrap_or(u32::MAX),
            )),
            _ => None,
        };
        let age_limits = AgeLimits::chi_thi_35(plan.committee_level);
        let outside_limits = plan
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| !eligible(c.person.birth, c.person.sex, c.renominated, &age_limits))
            .map(|(index, c)| OutsideLimit {
                index,
                rule: age_limits.rule_phrase(c.person.sex, c.renominated),
            })
            .collect();
        let term: Term = congress.term;
        Panel {
            first_day,
            targets,
            seats,
            candidates: slate.len(),
            rules,
            surplus,
            limits_match_term: (term.start_year, term.end_year) == CHI_THI_35_TERM,
            age_limits,
            outside_limits,
            makeup: makeup(
                &slate,
                first_day.map(FirstDay::day).unwrap_or(NaiveDate::MIN),
            ),
        }
    }
}

/// The committee level in words ("cấp huyện").
pub fn level_label(level: CommitteeLevel) -> &'static str {
    match level {
        CommitteeLevel::District => "cấp huyện và tương đương",
        CommitteeLevel::Provincial => "cấp tỉnh và tương đương",
    }
}

/// The committee level's form value.
pub fn level_code(level: CommitteeLevel) -> &'static str {
    match level {
        CommitteeLevel::District => "district",
        CommitteeLevel::Provincial => "provincial",
    }
}

/// The committee level of a form value.
pub fn level_from_code(code: &str) -> Option<CommitteeLevel> {
    match code {
        "district" => Some(CommitteeLevel::District),
        "provincial" => Some(CommitteeLevel::Provincial),
        _ => None,
    }
}
