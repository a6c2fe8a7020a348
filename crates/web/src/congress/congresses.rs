//! Đại hội của một tổ chức — plan a congress for a term, edit its dates, venue and settings,
//! move its status along (planned → preparing → held → approved), and its page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use daihoi_domain::access::{Permission, Target};
use daihoi_domain::congress::congress::{CongressStatus, Term};
use daihoi_domain::congress::field::{FieldError, line, required_line};
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_domain::vn::format::{format_date, format_date_range, format_int};
use daihoi_store::{Congress, CongressFields, Constraint, Organization, StoreError};
use serde::Deserialize;

use super::CongressState;
use super::organizations::NoticeQuery;
use super::views::{Crumb, Layout, breadcrumb, load_organization, render, require_on};
use crate::kernel::HttpError;
use crate::kernel::auth::CurrentUser;
use crate::kernel::forms::{CheckedForm, parse_id};

/// A congress as its page and lists show it.
pub struct CongressView {
    /// Id.
    pub id: i64,
    /// Tên.
    pub name: String,
    /// "2020–2025".
    pub term: String,
    /// Status label and code.
    pub status: (&'static str, &'static str),
    /// "08/06/2020 – 10/06/2020" or empty.
    pub planned: String,
    /// Same for the held days.
    pub held: String,
    /// Đại hội điểm.
    pub pilot: bool,
    /// Địa điểm.
    pub venue: String,
    /// "247" or empty.
    pub delegates: String,
    /// "2/3".
    pub quorum: String,
    /// "35" or empty.
    pub committee_seats: String,
}

impl CongressView {
    /// The view of `c`.
    pub fn of(c: &Congress) -> CongressView {
        CongressView {
            id: c.id,
            name: c.name.clone(),
            term: c.term.to_string(),
            status: (c.status.label(), c.status.as_str()),
            planned: format_date_range(c.planned),
            held: format_date_range(c.held),
            pilot: c.pilot,
            venue: c.venue.clone(),
            delegates: c.delegates.map(format_int).unwrap_or_default(),
            quorum: c.quorum.to_string(),
            committee_seats: c.committee_seats.map(format_int).unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "congress/congress.html")]
struct CongressPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    org_name: String,
    congress: CongressView,
    can_manage: bool,
    /// Whether the account may open the hall screen (check-in) of this congress.
    can_check_in: bool,
    /// Whether the account may open the personnel plan.
    can_plan: bool,
    /// The statuses it may move to: (code, button label).
    moves: Vec<(&'static str, String)>,
}

async fn load_congress(
    state: &CongressState,
    raw_id: &str,
) -> Result<(Congress, Organization), HttpError> {
    let id = parse_id(raw_id, "đại hội")?;
    let store = &state.kernel.store;
    let congress = store
        .congress(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy đại hội số {id}.")))?;
    let org = store
        .organization(congress.organization_id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy đại hội số {id}.")))?;
    Ok((congress, org))
}

/// `GET /dai-hoi/ky/{id}` — a congress.
pub async fn show(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_congress(&state, &id).await?;
    require_on(&user, Permission::ViewWorkspace, &org)?;
    let can_manage = user.can_on(
        Permission::ManageCongresses,
        Target::Organization(&org.path),
    );
    let moves = CongressStatus::ALL
        .into_iter()
        .filter(|to| congress.status.check_change(*to).is_ok())
        .map(|to| (to.as_str(), format!("Chuyển sang «{}»", to.label())))
        .collect();
    render(&CongressPage {
        layout: Layout::new(&state, &user, query.notice()).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        org_name: org.name.clone(),
        can_check_in: user.can_on(
            Permission::CheckIn,
            Target::Congress {
                id: congress.id,
                organization_path: &org.path,
            },
        ),
        congress: CongressView::of(&congress),
        can_manage,
        can_plan: user.can_on(
            Permission::ManagePersonnelPlan,
            Target::Organization(&org.path),
        ),
        moves,
    })
}

/// Fields of the congress form, kept as typed.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct CongressForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    term: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    planned_start: String,
    #[serde(default)]
    planned_end: String,
    #[serde(default)]
    held_start: String,
    #[serde(default)]
    held_end: String,
    #[serde(default)]
    pilot: Option<String>,
    #[serde(default)]
    venue: String,
    #[serde(default)]
    delegates: String,
    #[serde(default)]
    quorum: String,
    #[serde(default)]
    committee_seats: String,
}

type FieldErrors = Vec<(&'static str, String)>;

#[derive(Template)]
#[template(path = "congress/congress_form.html")]
struct FormPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    heading: String,
    form: CongressForm,
    errors: FieldErrors,
    form_action: String,
    cancel: String,
}

impl FormPage {
    /// The text fields: (name, label, hint, value).
    fn text_fields(&self) -> Vec<(&'static str, &'static str, &'static str, String)> {
        let f = &self.form;
        vec![
            ("term", "Nhiệm kỳ *", "Ví dụ: 2020–2025.", f.term.clone()),
            ("name", "Tên đại hội *", "", f.name.clone()),
            (
                "planned_start",
                "Ngày khai mạc dự kiến",
                "dd/mm/yyyy",
                f.planned_start.clone(),
            ),
            (
                "planned_end",
                "Ngày bế mạc dự kiến",
                "dd/mm/yyyy",
                f.planned_end.clone(),
            ),
            (
                "held_start",
                "Ngày khai mạc",
                "Ghi khi đại hội đã diễn ra; dd/mm/yyyy.",
                f.held_start.clone(),
            ),
            ("held_end", "Ngày bế mạc", "dd/mm/yyyy", f.held_end.clone()),
            ("venue", "Địa điểm", "", f.venue.clone()),
            (
                "delegates",
                "Số đại biểu triệu tập",
                "Để trống nếu là đại hội toàn thể.",
                f.delegates.clone(),
            ),
            (
                "quorum",
                "Tỷ lệ có mặt tối thiểu",
                "Mặc định 2/3 số đại biểu được triệu tập.",
                f.quorum.clone(),
            ),
            (
                "committee_seats",
                "Số ủy viên ban chấp hành",
                "",
                f.committee_seats.clone(),
            ),
        ]
    }

    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }
}

/// A day typed `dd/mm/yyyy` (empty: none).
fn optional_day(raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    let Some(text) = line(raw, 20, false)? else {
        return Ok(None);
    };
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let day = match parts.as_slice() {
        [d, m, y] if y.len() == 4 => match (d.parse(), m.parse(), y.parse()) {
            (Ok(d), Ok(m), Ok(y)) => NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        },
        _ => None,
    };
    day.map(Some)
        .ok_or_else(|| FieldError::invalid(&text, "một ngày có thật dạng dd/mm/yyyy"))
}

/// A whole number 0–100.000 (empty: none).
fn optional_count(raw: &str) -> Result<Option<i64>, FieldError> {
    let Some(text) = line(raw, 10, false)? else {
        return Ok(None);
    };
    match daihoi_domain::congress::organization::check_members(&text, true) {
        Ok(n) if n <= 100_000 => Ok(Some(n)),
        Ok(_) => Err(FieldError::OutOfRange {
            given: text,
            min: 0,
            max: 100_000,
        }),
        Err(e) => Err(e),
    }
}

/// The checked form, or every field's error.
fn check_form(form: &CongressForm) -> Result<CongressFields, FieldErrors> {
    let mut errors = FieldErrors::new();
    fn take<T: Default>(
        errors: &mut FieldErrors,
        name: &'static str,
        label: &str,
        r: Result<T, FieldError>,
    ) -> T {
        r.map_err(|e| errors.push((name, format!("{label}: {e}."))))
            .unwrap_or_default()
    }
    let term = take(
        &mut errors,
        "term",
        "Nhiệm kỳ",
        Term::parse(&form.term).map(Some),
    );
    let name = take(
        &mut errors,
        "name",
        "Tên đại hội",
        required_line(&form.name, 200),
    );
    let planned_start = take(
        &mut errors,
        "planned_start",
        "Ngày khai mạc dự kiến",
        optional_day(&form.planned_start),
    );
    let planned_end = take(
        &mut errors,
        "planned_end",
        "Ngày bế mạc dự kiến",
        optional_day(&form.planned_end),
    );
    let held_start = take(
        &mut errors,
        "held_start",
        "Ngày khai mạc",
        optional_day(&form.held_start),
    );
    let held_end = take(
        &mut errors,
        "held_end",
        "Ngày bế mạc",
        optional_day(&form.held_end),
    );
    let venue = take(
        &mut errors,
        "venue",
        "Địa điểm",
        line(&form.venue, 200, false),
    )
    .unwrap_or_default();
    let delegates = take(
        &mut errors,
        "delegates",
        "Số đại biểu triệu tập",
        optional_count(&form.delegates),
    );
    let committee_seats = take(
        &mut errors,
        "committee_seats",
        "Số ủy viên ban chấp hành",
        optional_count(&form.committee_seats),
    );
    let quorum = match form.quorum.trim() {
        "" => Some(QuorumFraction::default()),
        raw => match QuorumFraction::parse(raw) {
            Ok(q) => Some(q),
            Err(e) => {
                errors.push(("quorum", format!("Tỷ lệ có mặt tối thiểu: {e}.")));
                None
            }
        },
    };
    for (field, start, end) in [
        ("planned_end", planned_start, planned_end),
        ("held_end", held_start, held_end),
    ] {
        if let (Some(a), Some(b)) = (start, end)
            && b < a
        {
            errors.push((
                field,
                "Ngày bế mạc không được trước ngày khai mạc.".to_owned(),
            ));
        }
    }
    match (term, quorum) {
        (Some(term), Some(quorum)) if errors.is_empty() => Ok(CongressFields {
            term,
            name,
            planned: (planned_start, planned_end),
            held: (held_start, held_end),
            pilot: form.pilot.is_some(),
            venue,
            delegates,
            quorum,
            committee_seats,
        }),
        _ => Err(errors),
    }
}

fn refused(page: &FormPage) -> Result<Response, HttpError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

fn term_taken(err: &StoreError) -> Option<(&'static str, String)> {
    match err {
        StoreError::Conflict(Constraint::CongressTerm) => Some((
            "term",
            "Tổ chức này đã có đại hội của nhiệm kỳ này.".to_owned(),
        )),
        _ => None,
    }
}

/// `GET /dai-hoi/to-chuc/{id}/dai-hoi/them` — the form to plan a congress of an organization.
pub async fn new_form(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManageCongresses, &org)?;
    render(&FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        heading: format!("Lên kế hoạch đại hội · {}", org.name),
        form: CongressForm {
            name: format!("Đại hội {}", org.name),
            quorum: QuorumFraction::default().to_string(),
            ..CongressForm::default()
        },
        errors: Vec::new(),
        form_action: format!("/dai-hoi/to-chuc/{}/dai-hoi/them", org.id),
        cancel: format!("/dai-hoi/to-chuc/{}", org.id),
    })
}

/// `POST /dai-hoi/to-chuc/{id}/dai-hoi/them` — plans it.
pub async fn create(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<CongressForm>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManageCongresses, &org)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let errors = match check_form(&form) {
        Ok(fields) => match state
            .kernel
            .store
            .create_congress(org.id, &fields, &user.actor(), state.kernel.now())
            .await
        {
            Ok(c) => {
                return Ok(
                    Redirect::to(&format!("/dai-hoi/ky/{}?thong_bao=da-them", c.id))
                        .into_response(),
                );
            }
            Err(err) => match term_taken(&err) {
                Some(e) => vec![e],
                None => return Err(err.into()),
            },
        },
        Err(errors) => errors,
    };
    refused(&FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        heading: format!("Lên kế hoạch đại hội · {}", org.name),
        form,
        errors,
        form_action: format!("/dai-hoi/to-chuc/{}/dai-hoi/them", org.id),
        cancel: format!("/dai-hoi/to-chuc/{}", org.id),
    })
}

fn day_text(d: Option<NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

/// `GET /dai-hoi/ky/{id}/sua` — the edit form.
pub async fn edit_form(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let (c, org) = load_congress(&state, &id).await?;
    require_on(&user, Permission::ManageCongresses, &org)?;
    render(&FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        heading: format!("Sửa · {}", c.name),
        form: CongressForm {
            csrf_token: String::new(),
            term: c.term.to_string(),
            name: c.name.clone(),
            planned_start: day_text(c.planned.0),
            planned_end: day_text(c.planned.1),
            held_start: day_text(c.held.0),
            held_end: day_text(c.held.1),
            pilot: c.pilot.then(|| "1".to_owned()),
            venue: c.venue.clone(),
            delegates: c.delegates.map(|n| n.to_string()).unwrap_or_default(),
            quorum: c.quorum.to_string(),
            committee_seats: c.committee_seats.map(|n| n.to_string()).unwrap_or_default(),
        },
        errors: Vec::new(),
        form_action: format!("/dai-hoi/ky/{}/sua", c.id),
        cancel: format!("/dai-hoi/ky/{}", c.id),
    })
}

/// `POST /dai-hoi/ky/{id}/sua` — saves it.
pub async fn update(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<CongressForm>,
) -> Result<Response, HttpError> {
    let (c, org) = load_congress(&state, &id).await?;
    require_on(&user, Permission::ManageCongresses, &org)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let errors = match check_form(&form) {
        Ok(fields) => match state
            .kernel
            .store
            .update_congress(c.id, &fields, &user.actor(), state.kernel.now())
            .await
        {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/dai-hoi/ky/{}?thong_bao=da-luu", c.id)).into_response(),
                );
            }
            Err(err) => match term_taken(&err) {
                Some(e) => vec![e],
                None => return Err(err.into()),
            },
        },
        Err(errors) => errors,
    };
    refused(&FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        heading: format!("Sửa · {}", c.name),
        form,
        errors,
        form_action: format!("/dai-hoi/ky/{}/sua", c.id),
        cancel: format!("/dai-hoi/ky/{}", c.id),
    })
}

/// Fields of the status form.
#[derive(Debug, Deserialize, Default)]
pub struct StatusForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    status: String,
}

/// `POST /dai-hoi/ky/{id}/trang-thai` — moves the status one step. Approving the results is the
/// upper committee's act: it needs the right on the organization above.
pub async fn set_status(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<StatusForm>,
) -> Result<Response, HttpError> {
    let (c, org) = load_congress(&state, &id).await?;
    require_on(&user, Permission::ManageCongresses, &org)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let Some(to) = CongressStatus::from_stored(&form.status) else {
        return Err(HttpError::BadRequest(format!(
            "Trạng thái «{}» không có.",
            crate::kernel::error::quoted(&form.status)
        )));
    };
    let upper = &org.path[..org.path.len().saturating_sub(1)];
    let touches_approval = to == CongressStatus::Approved || c.status == CongressStatus::Approved;
    if touches_approval
        && (upper.is_empty()
            || !user.can_on(Permission::ManageCongresses, Target::Organization(upper)))
    {
        return Err(HttpError::Refused {
            status: StatusCode::FORBIDDEN,
            message: "Chỉ cấp ủy cấp trên mới chuẩn y (hoặc bỏ chuẩn y) kết quả đại hội."
                .to_owned(),
        });
    }
    match state
        .kernel
        .store
        .set_congress_status(c.id, to, &user.actor(), state.kernel.now())
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/dai-hoi/ky/{}?thong_bao=da-luu", c.id)).into_response())
        }
        Err(StoreError::Invalid(why)) => Err(HttpError::Refused {
            status: StatusCode::CONFLICT,
            message: format!("{why}."),
        }),
        Err(err) => Err(err.into()),
    }
}
