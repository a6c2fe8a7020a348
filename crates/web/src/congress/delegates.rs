//! Đại biểu — the delegates of a congress: the allocation of its seats among the organizations
//! directly below it, the ex-officio delegates (the outgoing committee), the delegates and
//! alternates elected by each sub-organization (typed, or a `daihoi tally` result attached), the
//! credentials step (a delegate who cannot attend is replaced by the next alternate), and the
//! printed outputs: the list of delegates convened (PDF, Excel) and the cards with their QR code.
//!
//! Every page needs `ViewWorkspace` on the congress; every change and every download needs
//! `ManageDelegates` (downloads are written to the audit log). The rules live in
//! `daihoi_domain::congress::{allocation, delegate}`; this module reads forms and words facts.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_documents::model::NationalHeader;
use daihoi_documents::{
    DelegateCard, DelegateCards, DelegateGroup, DelegateLine, DelegateList, DocumentError,
};
use daihoi_domain::access::{Permission, Target};
use daihoi_domain::congress::allocation::{
    Allocation, AllocationError, allocate, apply_overrides, elected_seats,
};
use daihoi_domain::congress::delegate::{
    self as rules, DelegateKind, DelegateStatus, MAX_TALLY_FILE_BYTES, parse_tally_result,
};
use daihoi_domain::congress::field::FieldError;
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_domain::vn::format::{format_date_long, format_int, format_uint};
use daihoi_store::{
    AllocationRow, Closed, Congress, Delegate, NewDelegate, Organization, Removal, Replacement,
};
use serde::Deserialize;

use super::CongressState;
use super::views::{Crumb, Layout, breadcrumb, render};
use crate::kernel::HttpError;
use crate::kernel::auth::CurrentUser;
use crate::kernel::forms::{CheckedForm, parse_id};

/// Largest body of the allocation form (a seats field and a reason for each sub-organization).
pub const ALLOCATION_FORM_LIMIT: usize = 512 * 1024;

/// Largest body of a tally result upload: the file limit plus the form's other fields.
pub const IMPORT_BODY_LIMIT: usize = MAX_TALLY_FILE_BYTES + 64 * 1024;

/// Most organizations a minimum per organization may be asked for.
const MINIMUM_MAX: u32 = 100;

/// The congress, its organization and whether the user may manage its delegates.
struct Context {
    congress: Congress,
    org: Organization,
    can_manage: bool,
}

/// Loads congress `raw_id` and checks `ViewWorkspace` on it (and `ManageDelegates` when
/// `manage`).
async fn load(
    state: &CongressState,
    user: &CurrentUser,
    raw_id: &str,
    manage: bool,
) -> Result<Context, HttpError> {
    let id = parse_id(raw_id, "đại hội")?;
    let store = &state.kernel.store;
    let missing = || HttpError::NotFound(format!("Không tìm thấy đại hội số {id}."));
    let congress = store.congress(id).await?.ok_or_else(missing)?;
    let org = store
        .organization(congress.organization_id)
        .await?
        .ok_or_else(missing)?;
    let target = Target::Congress {
        id: congress.id,
        organization_path: &org.path,
    };
    if !user.can_on(Permission::ViewWorkspace, target) {
        return Err(HttpError::NotPermitted);
    }
    let can_manage = user.can_on(Permission::ManageDelegates, target);
    if manage && !can_manage {
        return Err(HttpError::NotPermitted);
    }
    Ok(Context {
        congress,
        org,
        can_manage,
    })
}

fn base(c: &Context) -> String {
    format!("/dai-hoi/ky/{}/dai-bieu", c.congress.id)
}

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The organizations directly below the congress's organization that are open: the ones that
/// send delegates.
async fn sub_organizations(
    state: &CongressState,
    org: &Organization,
) -> Result<Vec<Organization>, HttpError> {
    Ok(state
        .kernel
        .store
        .organization_children(org.id, Closed::Exclude)
        .await?)
}

/// One delegate as lists show it.
pub struct DelegateRow {
    /// Id.
    pub id: i64,
    /// Số thứ tự among those convened ("" for the others).
    pub number: String,
    /// Họ và tên.
    pub name: String,
    /// Đoàn đại biểu.
    pub organization: String,
    /// Loại.
    pub kind: &'static str,
    /// Tư cách, with the replacement in words.
    pub status: String,
    /// Status code for styling (`convened`, `replaced`, `standby`).
    pub status_code: &'static str,
    /// Số phiếu, formatted, or empty.
    pub votes: String,
    /// Thứ tự dự khuyết or empty.
    pub rank: String,
    /// Mã điểm danh (shown to those who manage delegates only).
    pub code: String,
}

/// The words of a delegate's status: who they replaced, or why they were replaced.
fn status_words(d: &Delegate, names: &HashMap<i64, &str>) -> String {
    match (d.status, d.replaces_id) {
        (DelegateStatus::Convened, Some(r)) => format!(
            "Được triệu tập, thay {}",
            names.get(&r).copied().unwrap_or("một đại biểu")
        ),
        (DelegateStatus::Replaced, _) => match &d.status_reason {
            Some(reason) => format!("Đã được thay thế ({reason})"),
            None => DelegateStatus::Replaced.label().to_owned(),
        },
        (s, _) => s.label().to_owned(),
    }
}

/// Rows of `delegates` (already in print order), numbered among the convened.
fn rows_of(delegates: &[Delegate], show_codes: bool) -> Vec<DelegateRow> {
    let names: HashMap<i64, &str> = delegates
        .iter()
        .map(|d| (d.id, d.full_name.as_str()))
        .collect();
    let mut number = 0;
    delegates
        .iter()
        .map(|d| {
            let convened = d.status == DelegateStatus::Convened;
            if convened {
                number += 1;
            }
            DelegateRow {
                id: d.id,
                number: if convened {
                    number.to_string()
                } else {
                    String::new()
                },
                name: d.full_name.clone(),
                organization: d.organization_name.clone().unwrap_or_default(),
                kind: d.kind.label(),
                status: status_words(d, &names),
                status_code: d.status.as_str(),
                votes: d.votes.map(format_int).unwrap_or_default(),
                rank: d.alternate_rank.map(|r| r.to_string()).unwrap_or_default(),
                code: if show_codes {
                    d.check_in_code.clone()
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

/// Một đoàn — one sub-organization's delegation against its allocated seats.
pub struct DelegationRow {
    /// Organization id.
    pub id: i64,
    /// Tên.
    pub name: String,
    /// Số được phân bổ, or empty before the allocation is saved.
    pub seats: String,
    /// Đại biểu chính thức được bầu.
    pub elected: String,
    /// Đại biểu dự khuyết chưa gọi.
    pub standby: String,
    /// The warning when elected and allocated differ.
    pub warning: Option<String>,
}

fn count(delegates: &[Delegate], f: impl Fn(&Delegate) -> bool) -> u64 {
    delegates.iter().filter(|d| f(d)).count() as u64
}

/// The delegation rows of the sub-organizations, with the seats warning of each.
fn delegations(
    subs: &[Organization],
    delegates: &[Delegate],
    saved: &[AllocationRow],
) -> Vec<DelegationRow> {
    subs.iter()
        .map(|o| {
            let of = |d: &Delegate| d.organization_id == Some(o.id);
            let elected = count(delegates, |d| of(d) && d.kind == DelegateKind::Elected);
            let standby = count(delegates, |d| {
                of(d) && d.kind == DelegateKind::Alternate && d.status == DelegateStatus::Standby
            });
            let seats = saved
                .iter()
                .find(|r| r.organization_id == o.id)
                .map(|r| r.seats.max(0) as u64);
            DelegationRow {
                id: o.id,
                name: o.name.clone(),
                seats: seats.map(format_uint).unwrap_or_default(),
                elected: format_uint(elected),
                standby: format_uint(standby),
                warning: seats.and_then(|s| {
                    (elected > 0 || s > 0)
                        .then(|| rules::seats_warning(&o.name, elected, s))
                        .flatten()
                }),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Overview

#[derive(Template)]
#[template(path = "congress/delegates.html")]
struct OverviewPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    congress_id: i64,
    congress_name: String,
    can_manage: bool,
    /// (label, value) figures.
    figures: Vec<(&'static str, String)>,
    target_phrase: Option<String>,
    delegations: Vec<DelegationRow>,
    rows: Vec<DelegateRow>,
}

/// Query of a page that may show a confirmation.
#[derive(Debug, Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    thong_bao: Option<String>,
    #[serde(default)]
    toi_thieu: Option<String>,
    #[serde(default)]
    to_chuc: Option<String>,
    #[serde(default)]
    q: Option<String>,
}

/// `GET /dai-hoi/ky/{id}/dai-bieu` — the delegates of a congress: figures, each
/// sub-organization's delegation against its seats, and the whole list.
pub async fn overview(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, false).await?;
    let store = &state.kernel.store;
    let delegates = store.delegates_of(c.congress.id).await?;
    let saved = store.delegate_allocation(c.congress.id).await?;
    let subs = sub_organizations(&state, &c.org).await?;
    let convened = count(&delegates, |d| d.status == DelegateStatus::Convened);
    let figures = vec![
        ("Được triệu tập", format_uint(convened)),
        (
            "Đương nhiên",
            format_uint(count(&delegates, |d| d.kind == DelegateKind::ExOfficio)),
        ),
        (
            "Chính thức được bầu",
            format_uint(count(&delegates, |d| d.kind == DelegateKind::Elected)),
        ),
        (
            "Dự khuyết chưa gọi",
            format_uint(count(&delegates, |d| d.status == DelegateStatus::Standby)),
        ),
        (
            "Đã được thay thế",
            format_uint(count(&delegates, |d| d.status == DelegateStatus::Replaced)),
        ),
    ];
    let target_phrase = c.congress.delegates.map(|target| {
        let target = target.max(0) as u64;
        match convened.cmp(&target) {
            std::cmp::Ordering::Equal => format!(
                "Đã đủ {} đại biểu theo số triệu tập của đại hội.",
                format_uint(target)
            ),
            std::cmp::Ordering::Less => format!(
                "Còn thiếu {} đại biểu so với số triệu tập của đại hội ({}).",
                format_uint(target - convened),
                format_uint(target)
            ),
            std::cmp::Ordering::Greater => format!(
                "Nhiều hơn số triệu tập của đại hội ({}) {} đại biểu.",
                format_uint(target),
                format_uint(convened - target)
            ),
        }
    });
    render(&OverviewPage {
        layout: Layout::new(&state, &user, query.thong_bao.as_deref()).await,
        crumbs: breadcrumb(&state, &user, &c.org).await?,
        congress_id: c.congress.id,
        congress_name: c.congress.name.clone(),
        can_manage: c.can_manage,
        figures,
        target_phrase,
        delegations: delegations(&subs, &delegates, &saved),
        rows: rows_of(&delegates, c.can_manage),
    })
}

// ---------------------------------------------------------------------------------------------
// Allocation

/// One sub-organization on the allocation page.
pub struct AllocationLine {
    /// Organization id.
    pub id: i64,
    /// Tên.
    pub name: String,
    /// Số đảng viên, formatted.
    pub members: String,
    /// Hạn ngạch chính xác ("12,34").
    pub quota: String,
    /// Số đề xuất.
    pub proposed: u32,
    /// Whether it got the minimum.
    pub at_minimum: bool,
    /// Whether it is in a tie across the last seat.
    pub tied: bool,
    /// The seats field as typed or saved.
    pub seats: String,
    /// The reason field as typed or saved.
    pub reason: String,
    /// The field's error.
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "congress/delegates_allocation.html")]
struct AllocationPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    congress_id: i64,
    congress_name: String,
    can_manage: bool,
    minimum: u32,
    /// Why no proposal can be made, if so.
    refusal: Option<String>,
    /// "247 đại biểu − 37 đương nhiên = 210 cần phân bổ".
    arithmetic: String,
    lines: Vec<AllocationLine>,
    tie_note: Option<String>,
    /// The total of the saved (or typed) seats against the target.
    total_phrase: Option<String>,
    saved: bool,
    has_errors: bool,
}

/// What the page needs to compute a proposal.
struct Proposal {
    target: u32,
    allocation: Allocation,
    subs: Vec<Organization>,
}

/// The proposal for `c` with `minimum`, or the sentence saying why there is none.
async fn proposal(
    state: &CongressState,
    c: &Context,
    minimum: u32,
) -> Result<(Result<Proposal, String>, String), HttpError> {
    let Some(delegates) = c.congress.delegates else {
        return Ok((
            Err(
                "Đại hội chưa có số đại biểu triệu tập (đại hội toàn thể hoặc chưa định): hãy \
                 ghi số đại biểu ở trang sửa đại hội trước khi phân bổ."
                    .to_owned(),
            ),
            String::new(),
        ));
    };
    let store = &state.kernel.store;
    let delegates = u32::try_from(delegates.max(0)).unwrap_or(u32::MAX);
    let ex_officio = store.count_ex_officio(c.congress.id).await?;
    let target = match elected_seats(delegates, ex_officio) {
        Ok(t) => t,
        Err(e) => return Ok((Err(format!("{e}.")), String::new())),
    };
    let arithmetic = format!(
        "{} đại biểu triệu tập − {} đại biểu đương nhiên = {} đại biểu cần phân bổ cho các tổ chức \
         trực thuộc.",
        format_uint(u64::from(delegates)),
        format_uint(u64::from(ex_officio)),
        format_uint(u64::from(target))
    );
    let subs = sub_organizations(state, &c.org).await?;
    let members: Vec<(i64, u64)> = subs
        .iter()
        .map(|o| (o.id, o.members.max(0) as u64))
        .collect();
    Ok((
        allocate(target, minimum, &members)
            .map(|allocation| Proposal {
                target,
                allocation,
                subs,
            })
            .map_err(|e: AllocationError| format!("{e}.")),
        arithmetic,
    ))
}

fn read_minimum(raw: Option<&str>) -> Result<u32, HttpError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(1),
        Some(text) => match text.parse::<u32>() {
            Ok(n) if n <= MINIMUM_MAX => Ok(n),
            _ => Err(HttpError::BadRequest(format!(
                "Số đại biểu tối thiểu mỗi tổ chức «{}» không hợp lệ: phải là số nguyên từ 0 đến \
                 {MINIMUM_MAX}.",
                crate::kernel::error::quoted(text)
            ))),
        },
    }
}

fn tie_note(p: &Proposal) -> Option<String> {
    if p.allocation.tied_for_last_seat.is_empty() {
        return None;
    }
    let names: Vec<&str> = p
        .allocation
        .tied_for_last_seat
        .iter()
        .filter_map(|k| p.subs.iter().find(|o| o.id == *k).map(|o| o.name.as_str()))
        .collect();
    Some(format!(
        "Các tổ chức sau bằng nhau cả phần dư và số đảng viên ở ghế cuối cùng: {}. Phương án \
         tạm giao ghế theo mã số; cấp ủy quyết định và ghi lý do nếu điều chỉnh.",
        names.join(", ")
    ))
}

fn lines_of(p: &Proposal, saved: &[AllocationRow]) -> Vec<AllocationLine> {
    p.allocation
        .shares
        .iter()
        .map(|share| {
            let org = p.subs.iter().find(|o| o.id == share.key);
            let stored = saved.iter().find(|r| r.organization_id == share.key);
            AllocationLine {
                id: share.key,
                name: org.map(|o| o.name.clone()).unwrap_or_default(),
                members: format_uint(share.members),
                quota: share.quota.to_string(),
                proposed: share.seats,
                at_minimum: share.at_minimum,
                tied: p.allocation.tied_for_last_seat.contains(&share.key),
                seats: stored
                    .map(|r| r.seats.to_string())
                    .unwrap_or_else(|| share.seats.to_string()),
                reason: stored.and_then(|r| r.reason.clone()).unwrap_or_default(),
                error: None,
            }
        })
        .collect()
}

/// The total of `seats` (`(key, seats)`) against the proposal's target, in words.
fn total_phrase(p: &Proposal, seats: &[(i64, u32)]) -> Option<String> {
    let overrides: Vec<(i64, u32)> = seats
        .iter()
        .filter(|(k, s)| p.allocation.seats_of(*k) != Some(*s))
        .copied()
        .collect();
    apply_overrides(&p.allocation.proposed(), &overrides, p.target)
        .ok()
        .map(|a| a.difference_phrase())
}

/// `GET /dai-hoi/ky/{id}/dai-bieu/phan-bo?toi_thieu=1` — the proposed allocation of the
/// congress's elected seats among its sub-organizations by members, and the saved one.
pub async fn allocation_page(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, false).await?;
    let minimum = read_minimum(query.toi_thieu.as_deref())?;
    let (proposal, arithmetic) = proposal(&state, &c, minimum).await?;
    let saved = state
        .kernel
        .store
        .delegate_allocation(c.congress.id)
        .await?;
    let (refusal, lines, tie, total) = match &proposal {
        Err(why) => (Some(why.clone()), Vec::new(), None, None),
        Ok(p) => {
            let lines = lines_of(p, &saved);
            let seats: Vec<(i64, u32)> = lines
                .iter()
                .map(|l| (l.id, l.seats.parse().unwrap_or(l.proposed)))
                .collect();
            let total = (!saved.is_empty())
                .then(|| total_phrase(p, &seats))
                .flatten();
            (None, lines, tie_note(p), total)
        }
    };
    render(&AllocationPage {
        layout: Layout::new(&state, &user, query.thong_bao.as_deref()).await,
        crumbs: breadcrumb(&state, &user, &c.org).await?,
        congress_id: c.congress.id,
        congress_name: c.congress.name.clone(),
        can_manage: c.can_manage,
        minimum,
        refusal,
        arithmetic,
        lines,
        tie_note: tie,
        total_phrase: total,
        saved: !saved.is_empty(),
        has_errors: false,
    })
}

/// `POST /dai-hoi/ky/{id}/dai-bieu/phan-bo` — saves the allocation: each sub-organization's
/// seats (`seats_{id}`), a reason (`reason_{id}`) required where they differ from the
/// proposal, recomputed here with the minimum sent (`toi_thieu`).
pub async fn save_allocation(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, true).await?;
    user.check_csrf(
        &state.kernel,
        form.get("csrf_token").map(String::as_str).unwrap_or(""),
    )?;
    let minimum = read_minimum(form.get("toi_thieu").map(String::as_str))?;
    let (proposal, arithmetic) = proposal(&state, &c, minimum).await?;
    let p = proposal.map_err(|why| HttpError::Refused {
        status: StatusCode::CONFLICT,
        message: why,
    })?;
    let mut lines = lines_of(&p, &[]);
    let mut rows = Vec::with_capacity(lines.len());
    let mut has_errors = false;
    for line in &mut lines {
        let seats_raw = form
            .get(&format!("seats_{}", line.id))
            .cloned()
            .unwrap_or_else(|| line.proposed.to_string());
        let reason_raw = form
            .get(&format!("reason_{}", line.id))
            .cloned()
            .unwrap_or_default();
        line.seats = seats_raw.clone();
        line.reason = reason_raw.clone();
        let seats = match rules::check_votes(&seats_raw) {
            Ok(Some(n)) => n,
            Ok(None) => {
                line.error = Some(format!(
                    "Số đại biểu của {}: {}.",
                    line.name,
                    FieldError::Missing
                ));
                has_errors = true;
                continue;
            }
            Err(e) => {
                line.error = Some(format!("Số đại biểu của {}: {e}.", line.name));
                has_errors = true;
                continue;
            }
        };
        let reason = if seats != line.proposed {
            match rules::check_reason(&reason_raw) {
                Ok(r) => Some(r),
                Err(FieldError::Missing) => {
                    line.error = Some(format!(
                        "{}: số đại biểu ({seats}) khác phương án ({}) nên cần ghi lý do điều \
                         chỉnh.",
                        line.name, line.proposed
                    ));
                    has_errors = true;
                    continue;
                }
                Err(e) => {
                    line.error = Some(format!("Lý do điều chỉnh của {}: {e}.", line.name));
                    has_errors = true;
                    continue;
                }
            }
        } else {
            None
        };
        let members = p
            .subs
            .iter()
            .find(|o| o.id == line.id)
            .map(|o| o.members)
            .unwrap_or(0);
        rows.push(AllocationRow {
            organization_id: line.id,
            members,
            proposed: i64::from(line.proposed),
            seats: i64::from(seats),
            reason,
        });
    }
    if has_errors {
        let page = AllocationPage {
            layout: Layout::new(&state, &user, None).await,
            crumbs: breadcrumb(&state, &user, &c.org).await?,
            congress_id: c.congress.id,
            congress_name: c.congress.name.clone(),
            can_manage: true,
            minimum,
            refusal: None,
            arithmetic,
            lines,
            tie_note: tie_note(&p),
            total_phrase: None,
            saved: false,
            has_errors: true,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    }
    state
        .kernel
        .store
        .save_delegate_allocation(c.congress.id, &rows, &user.actor(), state.kernel.now())
        .await?;
    Ok(see_other(&format!(
        "{}/phan-bo?toi_thieu={minimum}&thong_bao=da-luu-phan-bo",
        base(&c)
    )))
}

// ---------------------------------------------------------------------------------------------
// Ex-officio delegates

/// A person of the rolls who may be added as an ex-officio delegate.
pub struct Candidate {
    /// Person id.
    pub id: i64,
    /// Họ và tên.
    pub name: String,
    /// Chức vụ.
    pub position: String,
    /// Tổ chức.
    pub organization: String,
    /// Already a delegate of this congress.
    pub already: bool,
}

/// Typed entry of a delegate, kept as typed.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct EntryForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    birth_year: String,
    #[serde(default)]
    organization_id: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    rank: String,
    #[serde(default)]
    votes: String,
}

type FieldErrors = Vec<(&'static str, String)>;

fn error_of<'a>(errors: &'a FieldErrors, field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, m)| m.as_str())
}

#[derive(Template)]
#[template(path = "congress/delegates_ex_officio.html")]
struct ExOfficioPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    congress_id: i64,
    congress_name: String,
    org_name: String,
    can_manage: bool,
    query: String,
    searching: bool,
    candidates: Vec<Candidate>,
    more: bool,
    current: Vec<DelegateRow>,
    /// (id, name) of the congress's organization and its sub-organizations.
    organizations: Vec<(i64, String)>,
    form: EntryForm,
    errors: FieldErrors,
}

impl ExOfficioPage {
    fn error(&self, field: &str) -> Option<&str> {
        error_of(&self.errors, field)
    }
}

/// The delegation an ex-officio delegate belongs to: the organization directly below the
/// congress's on the way to `path`, or the congress's own when the person is on its roll.
/// `None` when `path` is outside the congress's subtree.
fn delegation_of(congress_org: &Organization, path: &[i64]) -> Option<i64> {
    let at = path.iter().position(|id| *id == congress_org.id)?;
    Some(path.get(at + 1).copied().unwrap_or(congress_org.id))
}

async fn ex_officio_page(
    state: &CongressState,
    user: &CurrentUser,
    c: &Context,
    query: &str,
    notice: Option<&str>,
    form: EntryForm,
    errors: FieldErrors,
) -> Result<ExOfficioPage, HttpError> {
    let store = &state.kernel.store;
    let q: String = daihoi_domain::vn::fold::nfc(query.trim())
        .chars()
        .take(100)
        .collect();
    let searching = !q.is_empty();
    let (people, more) = if searching {
        store.search_people(c.org.id, &q).await?
    } else {
        (store.people_of(c.org.id).await?, false)
    };
    let delegates = store.delegates_of(c.congress.id).await?;
    let mut org_names: BTreeMap<i64, String> = BTreeMap::new();
    for p in &people {
        if let std::collections::btree_map::Entry::Vacant(e) = org_names.entry(p.organization_id) {
            let name = store
                .organization(p.organization_id)
                .await?
                .map(|o| o.name)
                .unwrap_or_default();
            e.insert(name);
        }
    }
    let candidates = people
        .iter()
        .map(|p| Candidate {
            id: p.id,
            name: p.full_name.clone(),
            position: p.position.clone().unwrap_or_default(),
            organization: org_names
                .get(&p.organization_id)
                .cloned()
                .unwrap_or_default(),
            already: delegates.iter().any(|d| d.person_id == Some(p.id)),
        })
        .collect();
    // Numbered within the whole list, as printed.
    let current: Vec<DelegateRow> = rows_of(&delegates, c.can_manage)
        .into_iter()
        .zip(&delegates)
        .filter(|(_, d)| d.kind == DelegateKind::ExOfficio)
        .map(|(r, _)| r)
        .collect();
    let mut organizations = vec![(c.org.id, c.org.name.clone())];
    organizations.extend(
        sub_organizations(state, &c.org)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name)),
    );
    Ok(ExOfficioPage {
        layout: Layout::new(state, user, notice).await,
        crumbs: breadcrumb(state, user, &c.org).await?,
        congress_id: c.congress.id,
        congress_name: c.congress.name.clone(),
        org_name: c.org.name.clone(),
        can_manage: c.can_manage,
        query: q,
        searching,
        candidates,
        more,
        current,
        organizations,
        form,
        errors,
    })
}

/// `GET /dai-hoi/ky/{id}/dai-bieu/duong-nhien?q=` — the ex-officio delegates, the roll of the
/// congress's organization (or a search of its subtree) to pick from, and typed entry.
pub async fn ex_officio(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, false).await?;
    let page = ex_officio_page(
        &state,
        &user,
        &c,
        query.q.as_deref().unwrap_or(""),
        query.thong_bao.as_deref(),
        EntryForm::default(),
        Vec::new(),
    )
    .await?;
    render(&page)
}

/// Reads the optional sex, birth year and votes of a typed entry.
fn common_fields(
    form: &EntryForm,
    this_year: i32,
    errors: &mut FieldErrors,
) -> (Option<Sex>, Option<BirthDate>, Option<i64>) {
    let sex = match form.sex.trim() {
        "" => None,
        raw => match Sex::parse(raw) {
            Ok(s) => Some(s),
            Err(e) => {
                errors.push(("sex", format!("Giới tính: {e}.")));
                None
            }
        },
    };
    let birth = match rules::check_birth_year(&form.birth_year, this_year) {
        Ok(y) => y.map(BirthDate::YearOnly),
        Err(e) => {
            errors.push(("birth_year", format!("Năm sinh: {e}.")));
            None
        }
    };
    let votes = match rules::check_votes(&form.votes) {
        Ok(v) => v.map(i64::from),
        Err(e) => {
            errors.push(("votes", format!("Số phiếu: {e}.")));
            None
        }
    };
    (sex, birth, votes)
}

/// `POST /dai-hoi/ky/{id}/dai-bieu/duong-nhien` — adds an ex-officio delegate: a person of the
/// congress's subtree (`person_id`), or a typed one (name, sex, birth year, organization).
pub async fn add_ex_officio(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<EntryForm>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, true).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let store = &state.kernel.store;
    let mut errors = FieldErrors::new();
    let new = if !form.person_id.trim().is_empty() {
        let person_id = parse_id(form.person_id.trim(), "người")?;
        let person = store
            .person(person_id)
            .await?
            .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy người số {person_id}.")))?;
        let person_org = store
            .organization(person.organization_id)
            .await?
            .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy người số {person_id}.")))?;
        let Some(delegation) = delegation_of(&c.org, &person_org.path) else {
            return Err(HttpError::Unprocessable(format!(
                "{} không thuộc {} nên không thể là đại biểu đương nhiên của đại hội này.",
                person.full_name, c.org.name
            )));
        };
        if store
            .delegates_of(c.congress.id)
            .await?
            .iter()
            .any(|d| d.person_id == Some(person.id))
        {
            return Err(HttpError::Conflict(format!(
                "{} đã có trong danh sách đại biểu của đại hội này.",
                person.full_name
            )));
        }
        Some(NewDelegate {
            kind: DelegateKind::ExOfficio,
            person_id: Some(person.id),
            full_name: person.full_name.clone(),
            sex: Some(person.sex),
            birth: Some(person.birth),
            organization_id: Some(delegation),
            alternate_rank: None,
            votes: None,
        })
    } else {
        let name = rules::check_delegate_name(&form.full_name)
            .map_err(|e| errors.push(("full_name", format!("Họ và tên: {e}."))))
            .ok();
        let (sex, birth, _) = common_fields(
            &EntryForm {
                votes: String::new(),
                ..form.clone()
            },
            chrono::Datelike::year(&state.kernel.today()),
            &mut errors,
        );
        let organization = match form.organization_id.trim() {
            "" => Some(c.org.id),
            raw => {
                let subs = sub_organizations(&state, &c.org).await?;
                let id = raw.parse::<i64>().ok();
                let known = id.filter(|id| *id == c.org.id || subs.iter().any(|o| o.id == *id));
                if known.is_none() {
                    errors.push((
                        "organization_id",
                        "Tổ chức: hãy chọn một tổ chức trong danh sách.".to_owned(),
                    ));
                }
                known
            }
        };
        match (name, errors.is_empty()) {
            (Some(full_name), true) => Some(NewDelegate {
                kind: DelegateKind::ExOfficio,
                person_id: None,
                full_name,
                sex,
                birth,
                organization_id: organization,
                alternate_rank: None,
                votes: None,
            }),
            _ => None,
        }
    };
    let Some(new) = new else {
        let page = ex_officio_page(&state, &user, &c, "", None, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    };
    store
        .add_delegate(c.congress.id, &new, &user.actor(), state.kernel.now())
        .await?;
    Ok(see_other(&format!(
        "{}/duong-nhien?thong_bao=da-them-dai-bieu",
        base(&c)
    )))
}

// ---------------------------------------------------------------------------------------------
// Elected delegates and alternates of one sub-organization

#[derive(Template)]
#[template(path = "congress/delegates_elected.html")]
struct ElectedPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    congress_id: i64,
    congress_name: String,
    can_manage: bool,
    /// The sub-organization chosen, if any.
    organization: Option<(i64, String)>,
    delegations: Vec<DelegationRow>,
    current: Vec<DelegateRow>,
    warning: Option<String>,
    form: EntryForm,
    errors: FieldErrors,
    import_error: Option<String>,
    import_limit: String,
}

impl ElectedPage {
    fn error(&self, field: &str) -> Option<&str> {
        error_of(&self.errors, field)
    }
}

/// The sub-organization `raw` of the congress (open, directly below its organization).
async fn sub_organization(
    state: &CongressState,
    c: &Context,
    raw: &str,
) -> Result<Organization, HttpError> {
    let subs = sub_organizations(state, &c.org).await?;
    raw.trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| subs.into_iter().find(|o| o.id == id))
        .ok_or_else(|| {
            HttpError::NotFound(format!(
                "«{}» không phải một tổ chức trực thuộc {}.",
                crate::kernel::error::quoted(raw),
                c.org.name
            ))
        })
}

#[allow(clippy::too_many_arguments)]
async fn elected_page(
    state: &CongressState,
    user: &CurrentUser,
    c: &Context,
    sub: Option<&Organization>,
    notice: Option<&str>,
    form: EntryForm,
    errors: FieldErrors,
    import_error: Option<String>,
) -> Result<ElectedPage, HttpError> {
    let store = &state.kernel.store;
    let delegates = store.delegates_of(c.congress.id).await?;
    let saved = store.delegate_allocation(c.congress.id).await?;
    let subs = sub_organizations(state, &c.org).await?;
    let all = delegations(&subs, &delegates, &saved);
    let (current, warning) = match sub {
        Some(o) => {
            // Numbered within the whole list, as printed.
            let mine: Vec<DelegateRow> = rows_of(&delegates, c.can_manage)
                .into_iter()
                .zip(&delegates)
                .filter(|(_, d)| {
                    d.organization_id == Some(o.id) && d.kind != DelegateKind::ExOfficio
                })
                .map(|(r, _)| r)
                .collect();
            let warning = all
                .iter()
                .find(|r| r.id == o.id)
                .and_then(|r| r.warning.clone());
            (mine, warning)
        }
        None => (Vec::new(), None),
    };
    let mut form = form;
    if form.kind.is_empty() {
        form.kind = "elected".to_owned();
    }
    Ok(ElectedPage {
        layout: Layout::new(state, user, notice).await,
        crumbs: breadcrumb(state, user, &c.org).await?,
        congress_id: c.congress.id,
        congress_name: c.congress.name.clone(),
        can_manage: c.can_manage,
        organization: sub.map(|o| (o.id, o.name.clone())),
        delegations: all,
        current,
        warning,
        form,
        errors,
        import_error,
        import_limit: format_uint((MAX_TALLY_FILE_BYTES / 1024) as u64),
    })
}

/// `GET /dai-hoi/ky/{id}/dai-bieu/bau?to_chuc=ID` — the delegates and alternates elected by one
/// sub-organization (typed entry and tally import), or without `to_chuc` the list to choose from.
pub async fn elected(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, false).await?;
    let sub = match query.to_chuc.as_deref() {
        Some(raw) if !raw.trim().is_empty() => Some(sub_organization(&state, &c, raw).await?),
        _ => None,
    };
    let page = elected_page(
        &state,
        &user,
        &c,
        sub.as_ref(),
        query.thong_bao.as_deref(),
        EntryForm::default(),
        Vec::new(),
        None,
    )
    .await?;
    render(&page)
}

/// `POST /dai-hoi/ky/{id}/dai-bieu/bau` — adds one typed delegate or alternate of a
/// sub-organization (`organization_id`, `kind` = `elected` | `alternate`, `rank` for an
/// alternate, optional sex, birth year and votes).
pub async fn add_elected(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<EntryForm>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, true).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let sub = sub_organization(&state, &c, &form.organization_id).await?;
    let store = &state.kernel.store;
    let mut errors = FieldErrors::new();
    let name = rules::check_delegate_name(&form.full_name)
        .map_err(|e| errors.push(("full_name", format!("Họ và tên: {e}."))))
        .ok();
    let (sex, birth, votes) = common_fields(
        &form,
        chrono::Datelike::year(&state.kernel.today()),
        &mut errors,
    );
    let kind = match form.kind.as_str() {
        "alternate" => DelegateKind::Alternate,
        _ => DelegateKind::Elected,
    };
    let rank = if kind == DelegateKind::Alternate {
        match rules::check_rank(&form.rank) {
            Ok(r) => {
                let taken = store.delegates_of(c.congress.id).await?.iter().any(|d| {
                    d.organization_id == Some(sub.id) && d.alternate_rank == Some(i64::from(r))
                });
                if taken {
                    errors.push((
                        "rank",
                        format!("Thứ tự dự khuyết: {} đã có người thứ {r}.", sub.name),
                    ));
                }
                Some(i64::from(r))
            }
            Err(e) => {
                errors.push(("rank", format!("Thứ tự dự khuyết: {e}.")));
                None
            }
        }
    } else {
        None
    };
    match name {
        Some(full_name) if errors.is_empty() => {
            store
                .add_delegate(
                    c.congress.id,
                    &NewDelegate {
                        kind,
                        person_id: None,
                        full_name,
                        sex,
                        birth,
                        organization_id: Some(sub.id),
                        alternate_rank: rank,
                        votes,
                    },
                    &user.actor(),
                    state.kernel.now(),
                )
                .await?;
            Ok(see_other(&format!(
                "{}/bau?to_chuc={}&thong_bao=da-them-dai-bieu",
                base(&c),
                sub.id
            )))
        }
        _ => {
            let page =
                elected_page(&state, &user, &c, Some(&sub), None, form, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
        }
    }
}

fn multipart_error(err: MultipartError) -> HttpError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        HttpError::BadRequest(
            "Dữ liệu tải lên bị hỏng hoặc bị ngắt giữa chừng. Vui lòng chọn lại tệp và thử lại."
                .to_owned(),
        )
    }
}

fn too_large() -> HttpError {
    HttpError::Refused {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: format!(
            "Tệp kết quả kiểm phiếu quá lớn: tối đa {} KB.",
            format_uint((MAX_TALLY_FILE_BYTES / 1024) as u64)
        ),
    }
}

/// What the import form sent.
#[derive(Default)]
struct ImportUpload {
    csrf_token: String,
    organization_id: String,
    file_name: String,
    bytes: Vec<u8>,
}

async fn read_import(mut multipart: Multipart) -> Result<ImportUpload, HttpError> {
    let mut upload = ImportUpload::default();
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name().unwrap_or("") {
            "csrf_token" => upload.csrf_token = field.text().await.map_err(multipart_error)?,
            "organization_id" => {
                upload.organization_id = field.text().await.map_err(multipart_error)?
            }
            "file" => {
                upload.file_name = field.file_name().unwrap_or("").to_owned();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    if upload.bytes.len() + chunk.len() > MAX_TALLY_FILE_BYTES {
                        return Err(too_large());
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            _ => while field.chunk().await.map_err(multipart_error)?.is_some() {},
        }
    }
    Ok(upload)
}

/// `POST /dai-hoi/ky/{id}/dai-bieu/nhap` — imports a `daihoi tally` result for one
/// sub-organization: the elected become delegates and the alternates alternates in vote order,
/// all at once. Refused, naming what is wrong, for a file that is not a tally result, and when
/// the organization already has delegates or alternates entered.
pub async fn import_tally(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, true).await?;
    let multipart = multipart.map_err(|_| {
        HttpError::BadRequest(
            "Tệp kết quả phải được gửi bằng biểu mẫu tải tệp (multipart/form-data).".to_owned(),
        )
    })?;
    let upload = read_import(multipart).await?;
    user.check_csrf(&state.kernel, &upload.csrf_token)?;
    let sub = sub_organization(&state, &c, &upload.organization_id).await?;
    let store = &state.kernel.store;
    let (state_ref, user_ref, c_ref, sub_ref) = (&state, &user, &c, &sub);
    let refuse = move |message: String| async move {
        let page = elected_page(
            state_ref,
            user_ref,
            c_ref,
            Some(sub_ref),
            None,
            EntryForm::default(),
            Vec::new(),
            Some(message),
        )
        .await?;
        Ok::<Response, HttpError>(
            (StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response(),
        )
    };
    if upload.file_name.is_empty() && upload.bytes.is_empty() {
        return refuse("Chưa chọn tệp kết quả kiểm phiếu.".to_owned()).await;
    }
    let result = match parse_tally_result(&upload.bytes) {
        Ok(r) => r,
        Err(e) => return refuse(e.to_string()).await,
    };
    let existing = store
        .delegates_of(c.congress.id)
        .await?
        .iter()
        .filter(|d| d.organization_id == Some(sub.id) && d.kind != DelegateKind::ExOfficio)
        .count();
    if existing > 0 {
        return refuse(format!(
            "{} đã có {} đại biểu chính thức và dự khuyết được nhập; hãy xoá họ trước khi nhập \
             kết quả từ tệp, để không ai bị nhập hai lần.",
            sub.name,
            format_uint(existing as u64)
        ))
        .await;
    }
    let mut new: Vec<NewDelegate> = Vec::new();
    for p in &result.elected {
        new.push(NewDelegate {
            kind: DelegateKind::Elected,
            person_id: None,
            full_name: p.name.clone(),
            sex: None,
            birth: None,
            organization_id: Some(sub.id),
            alternate_rank: None,
            votes: Some(i64::from(p.votes)),
        });
    }
    for (i, p) in result.alternates.iter().enumerate() {
        new.push(NewDelegate {
            kind: DelegateKind::Alternate,
            person_id: None,
            full_name: p.name.clone(),
            sex: None,
            birth: None,
            organization_id: Some(sub.id),
            alternate_rank: Some(i as i64 + 1),
            votes: Some(i64::from(p.votes)),
        });
    }
    let source: String = upload.file_name.chars().take(200).collect();
    store
        .add_delegates(
            c.congress.id,
            &new,
            &source,
            &user.actor(),
            state.kernel.now(),
        )
        .await?;
    Ok(see_other(&format!(
        "{}/bau?to_chuc={}&thong_bao=da-nhap-ket-qua",
        base(&c),
        sub.id
    )))
}

// ---------------------------------------------------------------------------------------------
// One delegate: credentials (replacement) and removal

#[derive(Template)]
#[template(path = "congress/delegates_one.html")]
struct DelegatePage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    congress_id: i64,
    congress_name: String,
    can_manage: bool,
    row: DelegateRow,
    replaceable: bool,
    reason: String,
    error: Option<String>,
}

/// Delegate `raw` of congress `c` (404 when it belongs to another congress).
async fn load_delegate(
    state: &CongressState,
    c: &Context,
    raw: &str,
) -> Result<Delegate, HttpError> {
    let id = parse_id(raw, "đại biểu")?;
    state
        .kernel
        .store
        .delegate(id)
        .await?
        .filter(|d| d.congress_id == c.congress.id)
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy đại biểu số {id}.")))
}

async fn delegate_page(
    state: &CongressState,
    user: &CurrentUser,
    c: &Context,
    d: &Delegate,
    reason: String,
    error: Option<String>,
) -> Result<DelegatePage, HttpError> {
    let all = state.kernel.store.delegates_of(c.congress.id).await?;
    let rows = rows_of(&all, c.can_manage);
    let row = rows
        .into_iter()
        .find(|r| r.id == d.id)
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy đại biểu số {}.", d.id)))?;
    Ok(DelegatePage {
        layout: Layout::new(state, user, None).await,
        crumbs: breadcrumb(state, user, &c.org).await?,
        congress_id: c.congress.id,
        congress_name: c.congress.name.clone(),
        can_manage: c.can_manage,
        row,
        replaceable: d.status == DelegateStatus::Convened && d.kind != DelegateKind::ExOfficio,
        reason,
        error,
    })
}

/// `GET /dai-hoi/ky/{id}/dai-bieu/{delegate}` — one delegate, with the forms to replace them by
/// the next alternate or remove them.
pub async fn show(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, delegate)): Path<(String, String)>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, false).await?;
    let d = load_delegate(&state, &c, &delegate).await?;
    render(&delegate_page(&state, &user, &c, &d, String::new(), None).await?)
}

/// Fields of the replacement and removal forms.
#[derive(Debug, Deserialize, Default)]
pub struct ReasonForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    reason: String,
}

/// `POST /dai-hoi/ky/{id}/dai-bieu/{delegate}/thay-the` — the delegate cannot attend
/// (`reason`): the next alternate of the same organization is convened in their place.
pub async fn replace(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, delegate)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<ReasonForm>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, true).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let d = load_delegate(&state, &c, &delegate).await?;
    let typed = form.reason.clone();
    let (state_ref, user_ref, c_ref, d_ref, typed_ref) = (&state, &user, &c, &d, &typed);
    let refuse = move |status: StatusCode, message: String| async move {
        let page = delegate_page(
            state_ref,
            user_ref,
            c_ref,
            d_ref,
            typed_ref.clone(),
            Some(message),
        )
        .await?;
        Ok::<Response, HttpError>((status, Html(page.render()?)).into_response())
    };
    let reason = match rules::check_reason(&form.reason) {
        Ok(r) => r,
        Err(e) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("Lý do đại biểu không dự được: {e}."),
            )
            .await;
        }
    };
    let outcome = state
        .kernel
        .store
        .replace_delegate(d.id, &reason, &user.actor(), state.kernel.now())
        .await?;
    match outcome {
        Replacement::Done { .. } => Ok(see_other(&format!("{}?thong_bao=da-thay-the", base(&c)))),
        Replacement::NoAlternateLeft { delegate } => {
            let org = delegate
                .organization_name
                .unwrap_or_else(|| "Tổ chức của đại biểu".to_owned());
            refuse(
                StatusCode::CONFLICT,
                format!(
                    "{org} không còn đại biểu dự khuyết nào để thay {}. Chưa thay đổi gì: đại \
                     biểu vẫn được triệu tập; nếu vắng, hãy ghi vắng mặt khi điểm danh.",
                    delegate.full_name
                ),
            )
            .await
        }
        Replacement::NotConvened { delegate } => {
            refuse(
                StatusCode::CONFLICT,
                format!(
                    "{} không ở tư cách được triệu tập ({}), nên không thay thế được.",
                    delegate.full_name,
                    delegate.status.label().to_lowercase()
                ),
            )
            .await
        }
        Replacement::ExOfficio { delegate } => {
            refuse(
                StatusCode::CONFLICT,
                format!(
                    "{} là đại biểu đương nhiên: không có đại biểu dự khuyết thay thế; nếu vắng, \
                     hãy ghi vắng mặt khi điểm danh.",
                    delegate.full_name
                ),
            )
            .await
        }
    }
}

/// `POST /dai-hoi/ky/{id}/dai-bieu/{delegate}/xoa` — removes a delegate entered by mistake.
pub async fn remove(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, delegate)): Path<(String, String)>,
    CheckedForm(form): CheckedForm<ReasonForm>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, true).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let d = load_delegate(&state, &c, &delegate).await?;
    let why = match state
        .kernel
        .store
        .remove_delegate(d.id, &user.actor(), state.kernel.now())
        .await?
    {
        Removal::Removed => {
            return Ok(see_other(&format!(
                "{}?thong_bao=da-xoa-dai-bieu",
                base(&c)
            )));
        }
        Removal::InReplacement => format!(
            "Không xoá được {}: đại biểu đã có trong một lần thay thế (tư cách đại biểu đã ghi \
             nhận).",
            d.full_name
        ),
        Removal::HasAttendance => format!(
            "Không xoá được {}: đại biểu đã được điểm danh tại hội trường.",
            d.full_name
        ),
    };
    let page = delegate_page(&state, &user, &c, &d, String::new(), Some(why)).await?;
    Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response())
}

// ---------------------------------------------------------------------------------------------
// Outputs

/// The delegates convened of `c`, in print order, with the print number, and the model of the
/// list.
async fn convened_list(
    state: &CongressState,
    c: &Context,
) -> Result<(Vec<Delegate>, DelegateList), HttpError> {
    let all = state.kernel.store.delegates_of(c.congress.id).await?;
    let names: HashMap<i64, String> = all.iter().map(|d| (d.id, d.full_name.clone())).collect();
    let convened: Vec<Delegate> = all
        .into_iter()
        .filter(|d| d.status == DelegateStatus::Convened)
        .collect();
    let mut groups: Vec<DelegateGroup> = Vec::new();
    for (i, d) in convened.iter().enumerate() {
        let organization = d
            .organization_name
            .clone()
            .unwrap_or_else(|| "Đại biểu đương nhiên".to_owned());
        let standing = match (d.kind, d.replaces_id) {
            (DelegateKind::ExOfficio, _) => "Đương nhiên".to_owned(),
            (DelegateKind::Elected, _) => "Chính thức".to_owned(),
            (DelegateKind::Alternate, Some(r)) => format!(
                "Dự khuyết, thay {}",
                names.get(&r).map(String::as_str).unwrap_or("một đại biểu")
            ),
            (DelegateKind::Alternate, None) => "Dự khuyết".to_owned(),
        };
        let line = DelegateLine {
            number: (i + 1).to_string(),
            name: d.full_name.clone(),
            sex: d.sex.map(|s| s.label().to_owned()).unwrap_or_default(),
            birth_year: d.birth.map(|b| b.year().to_string()).unwrap_or_default(),
            standing,
        };
        match groups.last_mut() {
            Some(g) if g.organization == organization => g.rows.push(line),
            _ => groups.push(DelegateGroup {
                organization,
                rows: vec![line],
            }),
        }
    }
    let n = |f: &dyn Fn(&Delegate) -> bool| {
        format_uint(convened.iter().filter(|d| f(d)).count() as u64)
    };
    let mut summary = vec![format!(
        "Tổng số đại biểu được triệu tập: {}",
        format_uint(convened.len() as u64)
    )];
    summary.push(format!(
        "Trong đó: {} đại biểu đương nhiên, {} đại biểu chính thức được bầu, {} đại biểu dự \
         khuyết được triệu tập thay thế.",
        n(&|d| d.kind == DelegateKind::ExOfficio),
        n(&|d| d.kind == DelegateKind::Elected),
        n(&|d| d.kind == DelegateKind::Alternate)
    ));
    let list = DelegateList {
        national: NationalHeader::Party,
        issuer: format!("Ban Chấp hành {}", c.org.name),
        congress: c.congress.name.clone(),
        place_date: capitalized(&format_date_long(state.kernel.today())),
        summary,
        groups,
        note: String::new(),
    };
    Ok((convened, list))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn document_error(err: DocumentError) -> HttpError {
    match err {
        DocumentError::MissingGlyphs { .. } => {
            HttpError::Unprocessable(format!("Không in được tài liệu: {err}."))
        }
        other => {
            tracing::error!(error = %other, "delegate document failed");
            HttpError::Refused {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: crate::kernel::error::INTERNAL_MESSAGE.to_owned(),
            }
        }
    }
}

/// Renders a document off the async threads (typst and the Excel writer are CPU work).
async fn rendered<T: Send + 'static>(
    model: T,
    render: fn(&T) -> Result<Vec<u8>, DocumentError>,
) -> Result<Vec<u8>, HttpError> {
    tokio::task::spawn_blocking(move || render(&model))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "document task failed");
            HttpError::Refused {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: crate::kernel::error::INTERNAL_MESSAGE.to_owned(),
            }
        })?
        .map_err(document_error)
}

fn download(bytes: Vec<u8>, content_type: &'static str, file_name: String) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// `GET /dai-hoi/ky/{id}/dai-bieu/danh-sach.xlsx` — the list of delegates convened as Excel.
pub async fn list_xlsx(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    list_download(
        &state,
        &user,
        &id,
        ListFormat {
            render: daihoi_documents::render_delegate_list_xlsx,
            audit: "list_xlsx",
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            extension: "xlsx",
        },
    )
    .await
}

/// `GET /dai-hoi/ky/{id}/dai-bieu/danh-sach.pdf` — the list of delegates convened as PDF.
pub async fn list_pdf(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    list_download(
        &state,
        &user,
        &id,
        ListFormat {
            render: daihoi_documents::render_delegate_list_pdf,
            audit: "list_pdf",
            content_type: "application/pdf",
            extension: "pdf",
        },
    )
    .await
}

/// One format the list of delegates convened downloads in.
struct ListFormat {
    render: fn(&DelegateList) -> Result<Vec<u8>, DocumentError>,
    audit: &'static str,
    content_type: &'static str,
    extension: &'static str,
}

/// Renders the list of delegates convened in `format`, writes the export to the audit log and
/// answers the file.
async fn list_download(
    state: &CongressState,
    user: &CurrentUser,
    id: &str,
    format: ListFormat,
) -> Result<Response, HttpError> {
    let c = load(state, user, id, true).await?;
    let (convened, list) = convened_list(state, &c).await?;
    let bytes = rendered(list, format.render).await?;
    state
        .kernel
        .store
        .record_delegates_export(
            &user.actor(),
            c.congress.id,
            format.audit,
            convened.len(),
            state.kernel.now(),
        )
        .await?;
    Ok(download(
        bytes,
        format.content_type,
        format!("danh-sach-dai-bieu-{}.{}", c.congress.id, format.extension),
    ))
}

/// `GET /dai-hoi/ky/{id}/dai-bieu/the.pdf` — the delegate cards (eight per A4 page) with each
/// delegate's check-in code as a QR code.
pub async fn cards_pdf(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let c = load(&state, &user, &id, true).await?;
    let (convened, _) = convened_list(&state, &c).await?;
    let cards = DelegateCards {
        congress: c.congress.name.clone(),
        cards: convened
            .iter()
            .enumerate()
            .map(|(i, d)| DelegateCard {
                number: (i + 1).to_string(),
                name: d.full_name.clone(),
                organization: d.organization_name.clone().unwrap_or_default(),
                code: d.check_in_code.clone(),
            })
            .collect(),
    };
    let bytes = rendered(cards, daihoi_documents::render_delegate_cards_pdf).await?;
    state
        .kernel
        .store
        .record_delegates_export(
            &user.actor(),
            c.congress.id,
            "cards_pdf",
            convened.len(),
            state.kernel.now(),
        )
        .await?;
    Ok(download(
        bytes,
        "application/pdf",
        format!("the-dai-bieu-{}.pdf", c.congress.id),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: i64, path: &[i64]) -> Organization {
        Organization {
            id,
            code: format!("O{id}"),
            name: format!("Tổ chức {id}"),
            level: String::new(),
            members: 0,
            parent_id: None,
            path: path.to_vec(),
            closed_at: None,
        }
    }

    #[test]
    fn an_ex_officio_delegate_joins_the_delegation_below_the_congress() {
        let district = org(10, &[1, 10]);
        assert_eq!(delegation_of(&district, &[1, 10]), Some(10), "its own roll");
        assert_eq!(delegation_of(&district, &[1, 10, 100]), Some(100));
        assert_eq!(
            delegation_of(&district, &[1, 10, 100, 1000]),
            Some(100),
            "a cell"
        );
        assert_eq!(
            delegation_of(&district, &[1, 20, 200]),
            None,
            "another district"
        );
    }

    #[test]
    fn dates_in_the_header_start_with_a_capital() {
        assert_eq!(
            capitalized("ngày 08 tháng 6 năm 2020"),
            "Ngày 08 tháng 6 năm 2020"
        );
        assert_eq!(capitalized(""), "");
    }
}
