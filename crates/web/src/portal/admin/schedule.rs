//! Lịch công tác — the administration of the leaders' work schedule (editor and admin,
//! [`Permission::ManageSchedule`]): a week's entries (`/quan-tri/lich-cong-tac?tuan=2026-W05`),
//! add, edit, delete. Every change is audited by the store.

use std::collections::HashMap;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::schedule::{PartOfDay, ScheduleInput, WeekId, check_entry, parse_day};
use daihoi_store::ScheduleEntry;
use serde::Deserialize;

use super::views::{Layout, render};
use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;
use crate::portal::public::schedule::{DayView, days_of};

const BASE: &str = "/quan-tri/lich-cong-tac";

/// Trang lịch một tuần trong quản trị.
#[derive(Template)]
#[template(path = "admin/schedule.html")]
struct WeekPage {
    layout: Layout,
    week: String,
    week_title: String,
    days: Vec<DayView>,
    /// Entry ids in the order of `days`' entries (for the edit links).
    ids: Vec<Vec<i64>>,
    previous: Option<String>,
    next: Option<String>,
    public_url: String,
    new_url: String,
}

fn week_link(week: WeekId) -> String {
    format!("{BASE}?tuan={week}")
}

/// `GET /quan-tri/lich-cong-tac?tuan=yyyy-Www` — one week (this week by default).
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSchedule)?;
    let params = crate::portal::public::pages::query_map(query)?;
    let week = match params
        .get("tuan")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => WeekId::containing(state.now(), state.config.time_zone),
        Some(raw) => WeekId::parse(raw).map_err(|e| HttpError::BadRequest(e.to_string()))?,
    };
    let mut entries = state
        .store
        .schedule_between(week.monday(), week.sunday())
        .await?;
    daihoi_store::sort_entries(&mut entries);
    let days = days_of(week, &entries, state.today());
    let ids = week
        .days()
        .iter()
        .map(|d| {
            entries
                .iter()
                .filter(|e| e.fields.day == *d)
                .map(|e| e.id)
                .collect()
        })
        .collect();
    let page = WeekPage {
        layout: Layout::for_user(
            &state,
            &user,
            "schedule",
            params.get("thong_bao").map(String::as_str),
        )
        .await,
        week: week.to_string(),
        week_title: week.title(),
        days,
        ids,
        previous: week.previous().map(week_link),
        next: week.next().map(week_link),
        public_url: crate::portal::public::schedule::week_url(week),
        new_url: format!("{BASE}/moi?ngay={}", week.monday().format("%Y-%m-%d")),
    };
    render(&page)
}

/// Fields of the entry form, kept as typed.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct EntryForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    part: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    attendees: String,
    #[serde(default)]
    preparer: String,
    #[serde(default)]
    note: String,
}

impl EntryForm {
    fn input(&self) -> ScheduleInput {
        ScheduleInput {
            day: self.day.clone(),
            part: self.part.clone(),
            time: self.time.clone(),
            content: self.content.clone(),
            location: self.location.clone(),
            attendees: self.attendees.clone(),
            preparer: self.preparer.clone(),
            note: self.note.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/schedule_form.html")]
struct FormPage {
    layout: Layout,
    entry_id: Option<i64>,
    form: EntryForm,
    errors: Vec<(&'static str, String)>,
    parts: Vec<(&'static str, &'static str)>,
    form_action: String,
    back: String,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }
}

async fn form_page(
    state: &PortalState,
    user: &CurrentUser,
    entry_id: Option<i64>,
    form: EntryForm,
    errors: Vec<(&'static str, String)>,
) -> FormPage {
    let back = match parse_day(&form.day) {
        Ok(day) => week_link(WeekId::of(day)),
        Err(_) => BASE.to_owned(),
    };
    FormPage {
        layout: Layout::for_user(state, user, "schedule", None).await,
        entry_id,
        form,
        errors,
        parts: PartOfDay::ALL
            .into_iter()
            .map(|p| (p.as_str(), p.label()))
            .collect(),
        form_action: match entry_id {
            Some(id) => format!("{BASE}/{id}"),
            None => BASE.to_owned(),
        },
        back,
    }
}

fn refused(page: &FormPage) -> Result<Response, HttpError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// `GET /quan-tri/lich-cong-tac/moi?ngay=yyyy-mm-dd`.
pub async fn new_form(
    State(state): State<PortalState>,
    user: CurrentUser,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSchedule)?;
    let params = crate::portal::public::pages::query_map(query)?;
    let day = params
        .get("ngay")
        .and_then(|d| parse_day(d).ok())
        .unwrap_or_else(|| state.today());
    let form = EntryForm {
        day: day.format("%Y-%m-%d").to_string(),
        part: PartOfDay::Morning.as_str().to_owned(),
        ..EntryForm::default()
    };
    render(&form_page(&state, &user, None, form, Vec::new()).await)
}

async fn load(state: &PortalState, raw_id: &str) -> Result<ScheduleEntry, HttpError> {
    let id = parse_id(raw_id, "mục lịch công tác")?;
    state
        .store
        .schedule_entry(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy mục lịch công tác số {id}.")))
}

/// `GET /quan-tri/lich-cong-tac/{id}`.
pub async fn edit_form(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSchedule)?;
    let entry = load(&state, &id).await?;
    let f = &entry.fields;
    let form = EntryForm {
        csrf_token: String::new(),
        day: f.day.format("%Y-%m-%d").to_string(),
        part: f.part.as_str().to_owned(),
        time: f
            .time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default(),
        content: f.content.clone(),
        location: f.location.clone(),
        attendees: f.attendees.clone(),
        preparer: f.preparer.clone(),
        note: f.note.clone(),
    };
    render(&form_page(&state, &user, Some(entry.id), form, Vec::new()).await)
}

fn saved(day: chrono::NaiveDate) -> Response {
    Redirect::to(&format!(
        "{}&thong_bao=da-luu-lich",
        week_link(WeekId::of(day))
    ))
    .into_response()
}

/// `POST /quan-tri/lich-cong-tac` — adds an entry.
pub async fn create(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<EntryForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSchedule)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let fields = match check_entry(&form.input()) {
        Ok(fields) => fields,
        Err(errors) => return refused(&form_page(&state, &user, None, form, errors).await),
    };
    state
        .store
        .create_schedule_entry(&fields, &user.actor(), state.now())
        .await?;
    Ok(saved(fields.day))
}

/// `POST /quan-tri/lich-cong-tac/{id}` — replaces an entry.
pub async fn update(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<EntryForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSchedule)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let entry = load(&state, &id).await?;
    let fields = match check_entry(&form.input()) {
        Ok(fields) => fields,
        Err(errors) => {
            return refused(&form_page(&state, &user, Some(entry.id), form, errors).await);
        }
    };
    state
        .store
        .update_schedule_entry(entry.id, &fields, &user.actor(), state.now())
        .await?;
    Ok(saved(fields.day))
}

/// The token of a form that only confirms an action.
#[derive(Debug, Deserialize, Default)]
pub struct TokenForm {
    #[serde(default)]
    csrf_token: String,
}

impl TokenForm {
    /// The token as posted.
    pub fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

/// `POST /quan-tri/lich-cong-tac/{id}/xoa` — deletes an entry.
pub async fn delete(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageSchedule)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let entry = load(&state, &id).await?;
    state
        .store
        .delete_schedule_entry(entry.id, &user.actor(), state.now())
        .await?;
    Ok(Redirect::to(&format!(
        "{}&thong_bao=da-xoa-lich",
        week_link(WeekId::of(entry.fields.day))
    ))
    .into_response())
}
