//! Đại hội trên cổng — the public part of the congress cycle: a list of the congresses the
//! portal reports on, and a page per congress with its dates and status, whether the
//! organizations below it have held theirs (held or not yet, and when), and the news that names
//! it. Nothing internal (people, delegates, the personnel plan) is read here.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use daihoi_domain::congress::congress::{progress, progress_sentence};
use daihoi_domain::vn::format::{format_date, format_date_range};
use daihoi_store::{Congress, Organization, ProgressRow};

use super::views::{self, ArticleCard, Layout};
use crate::kernel::HttpError;
use crate::portal::PortalState;

/// Most congresses listed on the index.
pub const INDEX_LIMIT: u32 = 200;
/// Most news items on a congress page.
pub const NEWS_LIMIT: u32 = 20;

/// `/dai-hoi-cac-cap/{id}`.
pub fn congress_url(id: i64) -> String {
    format!("/dai-hoi-cac-cap/{id}")
}

/// What a reader is told of a congress's status: held or not yet (the workspace's finer steps
/// are internal).
fn public_status(c: Option<&Congress>) -> (&'static str, bool) {
    match c {
        Some(c) if c.status.is_held() => ("Đã tổ chức", true),
        _ => ("Chưa tổ chức", false),
    }
}

/// One congress in a public list.
pub struct CongressLine {
    /// Its page.
    pub url: String,
    /// Tên đại hội.
    pub name: String,
    /// The organization's name.
    pub organization: String,
    /// "2020–2025".
    pub term: String,
    /// Dates held, else planned.
    pub days: String,
    /// "Đã tổ chức" / "Chưa tổ chức".
    pub status: &'static str,
    /// Whether held.
    pub held: bool,
    /// Đại hội điểm.
    pub pilot: bool,
}

impl CongressLine {
    fn of(c: &Congress, org: &Organization) -> CongressLine {
        let (status, held) = public_status(Some(c));
        CongressLine {
            url: congress_url(c.id),
            name: c.name.clone(),
            organization: org.name.clone(),
            term: c.term.to_string(),
            days: if held {
                format_date_range(c.held)
            } else {
                format_date_range(c.planned)
            },
            status,
            held,
            pilot: c.pilot,
        }
    }
}

#[derive(Template)]
#[template(path = "portal/congresses.html")]
struct IndexPage {
    layout: Layout,
    lines: Vec<CongressLine>,
}

/// `GET /dai-hoi-cac-cap` — the congresses the portal reports on (of organizations with
/// organizations below them), newest term first.
pub async fn index(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let listed = state.store.congresses_to_name(INDEX_LIMIT).await?;
    let layout = views::layout(&state, &headers, "/dai-hoi-cac-cap", "Đại hội các cấp").await?;
    let page = IndexPage {
        layout,
        lines: listed.iter().map(|(c, o)| CongressLine::of(c, o)).collect(),
    };
    Ok(Html(page.render()?).into_response())
}

/// One organization below, as the public sees it.
pub struct BelowLine {
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: String,
    /// "Đã tổ chức" / "Chưa tổ chức".
    pub status: &'static str,
    /// Whether held.
    pub held: bool,
    /// The day it was held, or the planned one, or empty.
    pub day: String,
    /// Đại hội điểm.
    pub pilot: bool,
    /// Its own congress page, if it has a congress.
    pub url: Option<String>,
}

#[derive(Template)]
#[template(path = "portal/congress.html")]
struct CongressPage {
    layout: Layout,
    congress: CongressLine,
    venue: String,
    sentences: Vec<String>,
    below: Vec<BelowLine>,
    cards: Vec<ArticleCard>,
    show_category: bool,
}

fn below_line(row: &ProgressRow) -> BelowLine {
    let (status, held) = public_status(row.congress.as_ref());
    let day = row
        .congress
        .as_ref()
        .and_then(|c| if held { c.held.0 } else { c.planned.0 })
        .map(format_date)
        .unwrap_or_default();
    BelowLine {
        name: row.organization.name.clone(),
        level: row.organization.level.clone(),
        status,
        held,
        day,
        pilot: row.congress.as_ref().is_some_and(|c| c.pilot),
        url: row.congress.as_ref().map(|c| congress_url(c.id)),
    }
}

/// `GET /dai-hoi-cac-cap/{id}` — one congress: its public facts, the organizations directly
/// below with their congress held or not yet, the counts by level, and its news.
pub async fn page(
    State(state): State<PortalState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    let not_found = || HttpError::NotFound("Không tìm thấy đại hội này.".to_owned());
    let Ok(Path(raw)) = path else {
        return Err(not_found());
    };
    let id = raw
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(not_found)?;
    let congress = state.store.congress(id).await?.ok_or_else(not_found)?;
    let org = state
        .store
        .organization(congress.organization_id)
        .await?
        .ok_or_else(not_found)?;
    let (facts, children) = tokio::join!(
        state.store.progress_facts(org.id, congress.term.start_year),
        state
            .store
            .progress_children(org.id, congress.term.start_year)
    );
    let (facts, children) = (facts?, children?);
    let today = state
        .now()
        .with_timezone(&state.config.time_zone)
        .date_naive();
    let counted = progress(&facts, today);
    let news = state
        .store
        .articles_of_congress(congress.id, state.now(), NEWS_LIMIT)
        .await?;
    let line = CongressLine::of(&congress, &org);
    let path = congress_url(congress.id);
    let layout = views::layout(&state, &headers, &path, &line.name).await?;
    let page = CongressPage {
        layout,
        venue: congress.venue.clone(),
        sentences: counted
            .by_level
            .iter()
            .map(|(level, c)| progress_sentence(c.held, c.total, level))
            .collect(),
        below: children.iter().map(below_line).collect(),
        cards: news
            .iter()
            .map(|a| ArticleCard::from_summary(&state, a))
            .collect(),
        show_category: true,
        congress: line,
    };
    Ok(Html(page.render()?).into_response())
}
