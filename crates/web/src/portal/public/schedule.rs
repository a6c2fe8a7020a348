//! Lịch công tác — `GET /lich-cong-tac` (this week on the portal's calendar) and
//! `GET /lich-cong-tac/{yyyy}-W{ww}` (any ISO week): the seven days Monday to Sunday with their
//! entries, the previous and next weeks, a print button (`/static/citizens.js`) and a print
//! stylesheet that fits the week on A4 landscape.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use daihoi_domain::schedule::{WeekId, weekday_name};
use daihoi_domain::vn::format_date;
use daihoi_store::ScheduleEntry;

use super::pages::slug_from;
use super::views::{self, Layout};
use crate::kernel::HttpError;
use crate::portal::PortalState;

/// `/lich-cong-tac/{week}`.
pub fn week_url(week: WeekId) -> String {
    format!("/lich-cong-tac/{week}")
}

/// Một mục hiển thị — an entry as the page shows it.
#[derive(Debug, Clone)]
pub struct EntryView {
    /// "Sáng", "Chiều 14:00".
    pub when: String,
    /// What (lines kept by CSS).
    pub content: String,
    /// Where.
    pub location: String,
    /// Who leads or attends.
    pub attendees: String,
    /// Preparing unit.
    pub preparer: String,
    /// Note.
    pub note: String,
}

impl EntryView {
    /// The view of a stored entry.
    pub fn of(e: &ScheduleEntry) -> EntryView {
        let f = &e.fields;
        EntryView {
            when: match f.time {
                Some(t) => format!("{} {}", f.part.label(), t.format("%H:%M")),
                None => f.part.label().to_owned(),
            },
            content: f.content.clone(),
            location: f.location.clone(),
            attendees: f.attendees.clone(),
            preparer: f.preparer.clone(),
            note: f.note.clone(),
        }
    }
}

/// Một ngày — a day of the week with its entries.
#[derive(Debug, Clone)]
pub struct DayView {
    /// "Thứ Hai".
    pub weekday: &'static str,
    /// "30/11/2026".
    pub date: String,
    /// `2026-11-30`, for `<time datetime>`.
    pub iso: String,
    /// Whether it is today on the portal's calendar.
    pub today: bool,
    /// Its entries, in order.
    pub entries: Vec<EntryView>,
}

/// Trang lịch công tác.
#[derive(Template)]
#[template(path = "portal/schedule.html")]
pub struct SchedulePage {
    /// Chrome.
    pub layout: Layout,
    /// "Tuần 49 năm 2026 (từ 30/11/2026 đến 06/12/2026)".
    pub week_title: String,
    /// The days, Monday first.
    pub days: Vec<DayView>,
    /// The week before, if any.
    pub previous: Option<String>,
    /// The week after, if any.
    pub next: Option<String>,
    /// This week's address, when the page shows another week.
    pub this_week: Option<String>,
    /// Whether the week has no entry at all.
    pub empty: bool,
}

/// The days of `week` with `entries` (sorted), today marked.
pub fn days_of(week: WeekId, entries: &[ScheduleEntry], today: NaiveDate) -> Vec<DayView> {
    week.days()
        .iter()
        .map(|day| DayView {
            weekday: weekday_name(day.weekday()),
            date: format_date(*day),
            iso: day.format("%Y-%m-%d").to_string(),
            today: *day == today,
            entries: entries
                .iter()
                .filter(|e| e.fields.day == *day)
                .map(EntryView::of)
                .collect(),
        })
        .collect()
}

async fn show(
    state: &PortalState,
    headers: &HeaderMap,
    week: WeekId,
    path: &str,
) -> Result<Response, HttpError> {
    let today = state.today();
    let current = WeekId::of(today);
    let entries = state
        .store
        .schedule_between(week.monday(), week.sunday())
        .await?;
    let week_title = week.title();
    let mut layout = views::layout(
        state,
        headers,
        path,
        &format!("Lịch công tác {}", week_title.to_lowercase()),
    )
    .await?;
    layout.current_path = "/lich-cong-tac".to_owned();
    layout.description = format!("Lịch công tác của lãnh đạo, {}.", week_title.to_lowercase());
    let page = SchedulePage {
        layout,
        week_title,
        days: days_of(week, &entries, today),
        previous: week.previous().map(week_url),
        next: week.next().map(week_url),
        this_week: (week != current).then(|| "/lich-cong-tac".to_owned()),
        empty: entries.is_empty(),
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /lich-cong-tac` — this week on the portal's calendar.
pub async fn current(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let week = WeekId::containing(state.now(), state.config.time_zone);
    show(&state, &headers, week, "/lich-cong-tac").await
}

/// `GET /lich-cong-tac/{yyyy}-W{ww}` — any week; a week that does not exist is a 404 saying why.
pub async fn week(
    State(state): State<PortalState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    let raw = slug_from(path)?;
    let week = WeekId::parse(&raw).map_err(|e| {
        HttpError::NotFound(format!(
            "Không có lịch công tác «{}»: {e}",
            crate::kernel::error::quoted(&raw)
        ))
    })?;
    show(&state, &headers, week, &week_url(week)).await
}
