//! Điểm danh tại hội trường — the hall screen of a congress (`/dai-hoi/ky/{id}/diem-danh`): a
//! large field to type or scan a delegate's code, the figures "Có mặt 200/247 — cần 165 để đủ
//! 2/3 — ĐỦ" from the congress's quorum fraction, and the list of convened delegates with
//! buttons to mark them present, absent with a reason, or undo.
//!
//! Every form works without JavaScript (POST, then a redirect back); `checkin.js` sends the same
//! forms with `fetch` and `Accept: application/json` and gets a JSON answer instead. Each change
//! is published to the open screens ([`super::live`]). Rights: `Permission::CheckIn` on the
//! congress (the `checkin` role on that congress, a secretariat on its subtree, the admin).

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::access::{Permission, Target};
use daihoi_domain::congress::field::required_line;
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_domain::vn::format::format_uint;
use daihoi_store::{
    AttendanceCounts, AttendanceState, CheckInError, Congress, DelegateAttendance, NotConvened,
    Organization,
};
use serde::{Deserialize, Serialize};

use super::CongressState;
use super::views::Layout;
use crate::kernel::HttpError;
use crate::kernel::auth::CurrentUser;
use crate::kernel::error::{quoted, wants_json};
use crate::kernel::forms::{CheckedForm, parse_id};

/// Permissions-Policy of the hall screen: the kernel's, except that this page may use the
/// camera of the device it is open on (to scan the QR code of a delegate's card).
pub fn hall_permissions_policy() -> String {
    crate::kernel::security::PERMISSIONS_POLICY.replacen("camera=()", "camera=(self)", 1)
}

/// Số liệu trên màn hình — the figures of the hall screen, as numbers and as Vietnamese text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Số đại biểu được triệu tập.
    pub convened: u32,
    /// Số có mặt.
    pub present: u32,
    /// Số vắng có lý do.
    pub absent: u32,
    /// Số cần có mặt (the congress's fraction of `convened`, rounded up).
    pub quorum_needed: u32,
    /// Đủ số đại biểu.
    pub quorum_met: bool,
    /// The fraction, "2/3".
    pub quorum: String,
    /// The same figures worded for the screen.
    pub text: FiguresText,
}

/// The figures as the screen shows them ("1.934"), worded once here for the page and the script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiguresText {
    /// "200".
    pub present: String,
    /// "247".
    pub convened: String,
    /// "165".
    pub needed: String,
    /// "3".
    pub absent: String,
    /// "ĐỦ" or "CHƯA ĐỦ".
    pub verdict: &'static str,
    /// The domain's sentence: "Có mặt 200/247 đại biểu, đủ số đại biểu cần có mặt (…)".
    pub summary: String,
}

impl Figures {
    /// The figures of `counts` under `quorum`.
    pub fn of(counts: AttendanceCounts, quorum: QuorumFraction) -> Figures {
        let needed = quorum.needed(counts.convened);
        let met = quorum.met(counts.present, counts.convened);
        Figures {
            convened: counts.convened,
            present: counts.present,
            absent: counts.absent,
            quorum_needed: needed,
            quorum_met: met,
            quorum: quorum.to_string(),
            text: FiguresText {
                present: format_uint(u64::from(counts.present)),
                convened: format_uint(u64::from(counts.convened)),
                needed: format_uint(u64::from(needed)),
                absent: format_uint(u64::from(counts.absent)),
                verdict: if met { "ĐỦ" } else { "CHƯA ĐỦ" },
                summary: quorum.summary(counts.present, counts.convened),
            },
        }
    }
}

/// Một dòng đại biểu — one convened delegate on the hall screen (and in a live update).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegateRow {
    /// Id of the delegate.
    pub id: i64,
    /// Họ và tên.
    pub name: String,
    /// Tổ chức (may be empty).
    pub organization: String,
    /// `present`, `absent` or `none` (not yet checked).
    pub state: &'static str,
    /// "Có mặt", "Vắng mặt" or "Chưa điểm danh".
    pub state_label: &'static str,
    /// Lý do vắng mặt (empty unless absent).
    pub reason: String,
}

impl DelegateRow {
    /// The row of `d`.
    pub fn of(d: &DelegateAttendance) -> DelegateRow {
        let (state, state_label) = match d.state {
            Some(AttendanceState::Present) => ("present", "Có mặt"),
            Some(AttendanceState::Absent) => ("absent", "Vắng mặt"),
            None => ("none", "Chưa điểm danh"),
        };
        DelegateRow {
            id: d.delegate_id,
            name: d.full_name.clone(),
            organization: d.organization_name.clone().unwrap_or_default(),
            state,
            state_label,
            reason: d.reason.clone().unwrap_or_default(),
        }
    }
}

/// Loads congress `raw_id` and its organization, and refuses (403) a user without
/// `Permission::CheckIn` on it.
pub async fn load_for_check_in(
    state: &CongressState,
    user: &CurrentUser,
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
    let target = Target::Congress {
        id: congress.id,
        organization_path: &org.path,
    };
    if !user.can_on(Permission::CheckIn, target) {
        return Err(HttpError::NotPermitted);
    }
    Ok((congress, org))
}

/// The words of a refused change, with its status; `None` for a store failure (the kernel's
/// mapping words it).
fn refusal(err: &CheckInError, code: Option<&str>) -> Option<(StatusCode, String)> {
    let code_text = code
        .map(|c| format!(" «{}»", quoted(c)))
        .unwrap_or_default();
    Some(match err {
        CheckInError::UnknownCode { .. } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "Không có đại biểu nào mang mã{code_text} trong danh sách. Hãy kiểm tra lại mã in \
                 trên thẻ đại biểu."
            ),
        ),
        CheckInError::OtherCongress { full_name, .. } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "Mã{code_text} là của đại biểu {full_name} thuộc một đại hội khác, không điểm \
                 danh ở đại hội này."
            ),
        ),
        CheckInError::NotConvened {
            full_name,
            status: NotConvened::Replaced,
        } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Đại biểu {full_name} đã được thay thế, không còn trong danh sách triệu tập."),
        ),
        CheckInError::NotConvened {
            full_name,
            status: NotConvened::Standby,
        } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{full_name} là đại biểu dự khuyết chưa được triệu tập."),
        ),
        CheckInError::UnknownDelegate(id) => (
            StatusCode::NOT_FOUND,
            format!("Không tìm thấy đại biểu số {id}."),
        ),
        CheckInError::Store(_) => return None,
    })
}

fn into_http(err: CheckInError, code: Option<&str>) -> HttpError {
    match refusal(&err, code) {
        Some((status, message)) => HttpError::Refused { status, message },
        None => match err {
            CheckInError::Store(e) => e.into(),
            _ => HttpError::Refused {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: "Lỗi máy chủ.".to_owned(),
            },
        },
    }
}

/// Query of the hall screen: a confirmation and the delegate just handled.
#[derive(Debug, Deserialize, Default)]
pub struct HallQuery {
    #[serde(default)]
    thong_bao: Option<String>,
    #[serde(default)]
    vua: Option<String>,
}

#[derive(Template)]
#[template(path = "congress/checkin.html")]
struct HallPage {
    layout: Layout,
    org_name: String,
    congress_id: i64,
    congress_name: String,
    /// Whether the user may open the congress's page (the check-in staff may not).
    congress_link: bool,
    figures: Figures,
    delegates: Vec<DelegateRow>,
    /// The code as typed, shown again with `error`.
    code: String,
    error: Option<String>,
    /// The delegate just handled.
    last: Option<DelegateRow>,
}

#[allow(clippy::too_many_arguments)]
async fn hall_page(
    state: &CongressState,
    user: &CurrentUser,
    congress: &Congress,
    org: &Organization,
    notice: Option<&str>,
    code: String,
    error: Option<String>,
    last: Option<DelegateRow>,
) -> Result<HallPage, HttpError> {
    let store = &state.kernel.store;
    let counts = store.attendance_counts(congress.id).await?;
    let delegates = store.attendance_list(congress.id).await?;
    Ok(HallPage {
        layout: Layout::new(state, user, notice).await,
        org_name: org.name.clone(),
        congress_id: congress.id,
        congress_name: congress.name.clone(),
        congress_link: user.can_on(Permission::ViewWorkspace, Target::Organization(&org.path)),
        figures: Figures::of(counts, congress.quorum),
        delegates: delegates.iter().map(DelegateRow::of).collect(),
        code,
        error,
        last,
    })
}

/// The hall page's HTML with the camera allowed.
fn hall_response(status: StatusCode, page: &HallPage) -> Result<Response, HttpError> {
    let mut response = (status, Html(page.render()?)).into_response();
    if let Ok(policy) = HeaderValue::from_str(&hall_permissions_policy()) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("permissions-policy"), policy);
    }
    Ok(response)
}

/// `GET /dai-hoi/ky/{id}/diem-danh` — the hall screen.
pub async fn hall(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<HallQuery>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for_check_in(&state, &user, &id).await?;
    let mut last = None;
    if let Some(raw) = query.vua.as_deref()
        && let Ok(delegate_id) = raw.parse::<i64>()
        && let Some(d) = state.kernel.store.delegate_attendance(delegate_id).await?
        && d.congress_id == congress.id
    {
        last = Some(DelegateRow::of(&d));
    }
    let page = hall_page(
        &state,
        &user,
        &congress,
        &org,
        query.thong_bao.as_deref(),
        String::new(),
        None,
        last,
    )
    .await?;
    hall_response(StatusCode::OK, &page)
}

/// Fields of the check-in form.
#[derive(Debug, Deserialize, Default)]
pub struct CodeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
}

/// Fields of the present, absent and undo forms.
#[derive(Debug, Deserialize, Default)]
pub struct DelegateForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    reason: String,
}

/// The JSON answer of a change sent by `fetch`.
#[derive(Debug, Serialize)]
pub struct ChangeAnswer {
    /// What was done, in words.
    pub message: String,
    /// The delegate was already present (a card scanned twice).
    pub already_present: bool,
    /// The delegate as now recorded.
    pub delegate: DelegateRow,
    /// The new figures.
    pub figures: Figures,
}

/// Publishes a committed change to this instance's screens and the other instances, and answers
/// the caller: JSON for `fetch`, else a redirect back to the hall screen.
async fn after_change(
    state: &CongressState,
    headers: &HeaderMap,
    congress: &Congress,
    delegate_id: i64,
    message: String,
    already_present: bool,
    notice: &str,
) -> Result<Response, HttpError> {
    let store = &state.kernel.store;
    let update = state
        .live
        .publish(store, congress.id, Some(delegate_id))
        .await?;
    if let Err(err) = store
        .notify_attendance(
            congress.id,
            Some(delegate_id),
            &state.kernel.config.instance_id,
        )
        .await
    {
        // The change is saved; the other instances' screens catch up on their next event.
        tracing::warn!(error = %err, congress = congress.id, "attendance notification not sent");
    }
    if wants_json("", headers) {
        let delegate = match update.delegate {
            Some(d) => d,
            None => {
                return Err(HttpError::NotFound(format!(
                    "Không tìm thấy đại biểu số {delegate_id}."
                )));
            }
        };
        return Ok(Json(ChangeAnswer {
            message,
            already_present,
            delegate,
            figures: update.figures,
        })
        .into_response());
    }
    Ok(Redirect::to(&format!(
        "/dai-hoi/ky/{}/diem-danh?thong_bao={notice}&vua={delegate_id}",
        congress.id
    ))
    .into_response())
}

/// `POST /dai-hoi/ky/{id}/diem-danh` — check a delegate in by the code typed or scanned.
pub async fn check_in_by_code(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    CheckedForm(form): CheckedForm<CodeForm>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for_check_in(&state, &user, &id).await?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let code = form.code.trim().chars().take(100).collect::<String>();
    let outcome = state
        .kernel
        .store
        .check_in_by_code(congress.id, &code, &user.actor(), state.kernel.now())
        .await;
    match outcome {
        Ok(done) => {
            let name = &done.delegate.full_name;
            let (message, notice) = if done.already_present {
                (
                    format!("Đại biểu {name} đã được ghi có mặt từ trước."),
                    "da-co-mat-truoc",
                )
            } else {
                (format!("Đã ghi nhận có mặt: {name}."), "da-diem-danh")
            };
            after_change(
                &state,
                &headers,
                &congress,
                done.delegate.delegate_id,
                message,
                done.already_present,
                notice,
            )
            .await
        }
        Err(err) => {
            // The code as the person typed it (capitals, without spaces or dashes), so that
            // they can compare it with the card; not the reading the lookup used.
            let shown: String = code
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .flat_map(char::to_uppercase)
                .take(40)
                .collect();
            let Some((status, message)) = refusal(&err, Some(&shown)) else {
                return Err(into_http(err, None));
            };
            let message = if shown.is_empty() {
                "Hãy gõ hoặc quét mã in trên thẻ đại biểu.".to_owned()
            } else {
                message
            };
            refuse(
                &state, &user, &congress, &org, &headers, status, message, code,
            )
            .await
        }
    }
}

/// A change to one delegate's mark (by its row, no code typed) the store refused: [`refuse`] with
/// the [`refusal`]'s status and sentence, or the error itself when it is not a refusal.
async fn refuse_change(
    state: &CongressState,
    user: &CurrentUser,
    congress: &Congress,
    org: &Organization,
    headers: &HeaderMap,
    err: CheckInError,
) -> Result<Response, HttpError> {
    match refusal(&err, None) {
        Some((status, message)) => {
            refuse(
                state,
                user,
                congress,
                org,
                headers,
                status,
                message,
                String::new(),
            )
            .await
        }
        None => Err(into_http(err, None)),
    }
}

/// A refused change: a JSON error for `fetch`, else the hall screen again with the message and
/// the code as typed (422).
#[allow(clippy::too_many_arguments)]
async fn refuse(
    state: &CongressState,
    user: &CurrentUser,
    congress: &Congress,
    org: &Organization,
    headers: &HeaderMap,
    status: StatusCode,
    message: String,
    code: String,
) -> Result<Response, HttpError> {
    if wants_json("", headers) || status == StatusCode::NOT_FOUND {
        return Err(HttpError::Refused { status, message });
    }
    let page = hall_page(state, user, congress, org, None, code, Some(message), None).await?;
    hall_response(status, &page)
}

fn delegate_id(raw: &str) -> Result<i64, HttpError> {
    parse_id(raw, "đại biểu")
}

/// `POST /dai-hoi/ky/{id}/diem-danh/{delegate}/co-mat` — mark a delegate present from the list.
pub async fn mark_present(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, delegate)): Path<(String, String)>,
    headers: HeaderMap,
    CheckedForm(form): CheckedForm<DelegateForm>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for_check_in(&state, &user, &id).await?;
    let delegate = delegate_id(&delegate)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    match state
        .kernel
        .store
        .check_in(congress.id, delegate, &user.actor(), state.kernel.now())
        .await
    {
        Ok(done) => {
            let name = &done.delegate.full_name;
            after_change(
                &state,
                &headers,
                &congress,
                delegate,
                format!("Đã ghi nhận có mặt: {name}."),
                done.already_present,
                if done.already_present {
                    "da-co-mat-truoc"
                } else {
                    "da-diem-danh"
                },
            )
            .await
        }
        Err(err) => refuse_change(&state, &user, &congress, &org, &headers, err).await,
    }
}

/// `POST /dai-hoi/ky/{id}/diem-danh/{delegate}/vang` — mark a delegate absent with a reason.
pub async fn mark_absent(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, delegate)): Path<(String, String)>,
    headers: HeaderMap,
    CheckedForm(form): CheckedForm<DelegateForm>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for_check_in(&state, &user, &id).await?;
    let delegate = delegate_id(&delegate)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let reason = match required_line(&form.reason, 200) {
        Ok(reason) => reason,
        Err(e) => {
            let message = format!("Lý do vắng mặt: {e}.");
            return refuse(
                &state,
                &user,
                &congress,
                &org,
                &headers,
                StatusCode::UNPROCESSABLE_ENTITY,
                message,
                String::new(),
            )
            .await;
        }
    };
    match state
        .kernel
        .store
        .mark_absent(
            congress.id,
            delegate,
            &reason,
            &user.actor(),
            state.kernel.now(),
        )
        .await
    {
        Ok(d) => {
            after_change(
                &state,
                &headers,
                &congress,
                delegate,
                format!("Đã ghi vắng mặt: {} ({reason}).", d.full_name),
                false,
                "da-ghi-vang",
            )
            .await
        }
        Err(err) => refuse_change(&state, &user, &congress, &org, &headers, err).await,
    }
}

/// `POST /dai-hoi/ky/{id}/diem-danh/{delegate}/hoan-tac` — undo a delegate's mark.
pub async fn undo(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path((id, delegate)): Path<(String, String)>,
    headers: HeaderMap,
    CheckedForm(form): CheckedForm<DelegateForm>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for_check_in(&state, &user, &id).await?;
    let delegate = delegate_id(&delegate)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    match state
        .kernel
        .store
        .undo_attendance(congress.id, delegate, &user.actor(), state.kernel.now())
        .await
    {
        Ok(_) => {
            let name = state
                .kernel
                .store
                .delegate_attendance(delegate)
                .await?
                .map(|d| d.full_name)
                .unwrap_or_default();
            after_change(
                &state,
                &headers,
                &congress,
                delegate,
                format!("Đã hoàn tác điểm danh: {name}."),
                false,
                "da-hoan-tac",
            )
            .await
        }
        Err(err) => refuse_change(&state, &user, &congress, &org, &headers, err).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hall_may_use_the_camera_and_nothing_more() {
        let policy = hall_permissions_policy();
        assert!(policy.contains("camera=(self)"), "{policy}");
        assert!(policy.contains("microphone=()"), "{policy}");
        assert!(!policy.contains("camera=()"), "{policy}");
    }

    #[test]
    fn figures_follow_the_congress_fraction() {
        let counts = AttendanceCounts {
            convened: 247,
            present: 200,
            absent: 3,
        };
        let f = Figures::of(counts, QuorumFraction::TWO_THIRDS);
        assert_eq!((f.quorum_needed, f.quorum_met), (165, true));
        assert_eq!(f.text.verdict, "ĐỦ");
        assert_eq!(f.quorum, "2/3");
        let f = Figures::of(
            AttendanceCounts {
                convened: 1588,
                present: 1000,
                absent: 0,
            },
            QuorumFraction::parse("3/4").unwrap(),
        );
        assert_eq!(f.text.convened, "1.588");
        assert_eq!(f.text.needed, "1.191");
        assert_eq!(f.text.verdict, "CHƯA ĐỦ");
        assert!(!f.quorum_met);
    }
}
