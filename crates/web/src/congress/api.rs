//! API JSON của không gian đại hội — the workspace's public lists and figures under `/api/v1`:
//! organizations, congresses, a subtree's progress and a congress's attendance, and (for an
//! account with rights) the personnel plan's compliance figures. Nothing personal is ever in a
//! public answer.
//!
//! Errors use the API's shape `{ "error": { "code": …, "message": … } }`.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use super::CongressState;
use crate::kernel::HttpError;
use crate::kernel::forms::positive;

/// Default page size of the lists.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// The workspace's API routes, merged under `/api/v1` by `lib.rs`.
pub fn router() -> Router<CongressState> {
    Router::new()
        .route("/api/v1/organizations", get(organizations))
        .route(
            "/api/v1/organizations/{id}/progress",
            get(organization_progress),
        )
        .route("/api/v1/congresses", get(congresses))
        .route("/api/v1/congresses/{id}/attendance", get(attendance))
        .route(
            "/api/v1/congresses/{id}/structure",
            get(super::plan::structure_json),
        )
}

/// Số liệu điểm danh trong API — a congress's public attendance figures.
#[derive(Debug, Serialize)]
pub struct AttendanceJson {
    /// Số đại biểu được triệu tập.
    pub convened: u32,
    /// Số có mặt.
    pub present: u32,
    /// Số cần có mặt để đủ tỷ lệ của đại hội.
    pub quorum_needed: u32,
    /// Đủ số đại biểu.
    pub quorum_met: bool,
}

/// `GET /api/v1/congresses/{id}/attendance` — public counts of a congress's check-in (no
/// names): `convened`, `present`, `quorum_needed`, `quorum_met`. Unknown id: 404.
pub async fn attendance(
    State(state): State<CongressState>,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let id = crate::kernel::forms::parse_id(&id, "đại hội")?;
    let store = &state.kernel.store;
    let Some(congress) = store.congress(id).await? else {
        return Err(HttpError::NotFound(format!(
            "Không tìm thấy đại hội số {id}."
        )));
    };
    let counts = store.attendance_counts(id).await?;
    Ok(Json(AttendanceJson {
        convened: counts.convened,
        present: counts.present,
        quorum_needed: congress.quorum.needed(counts.convened),
        quorum_met: congress.quorum.met(counts.present, counts.convened),
    })
    .into_response())
}

/// Một tổ chức trong API.
#[derive(Debug, Serialize)]
pub struct OrganizationJson {
    /// Id.
    pub id: i64,
    /// Mã.
    pub code: String,
    /// Tên.
    pub name: String,
    /// Cấp.
    pub level: String,
    /// Số đảng viên.
    pub members: i64,
    /// The organization above, if any.
    pub parent_id: Option<i64>,
}

/// Một trang danh sách trong API.
#[derive(Debug, Serialize)]
pub struct PageJson<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// Rows in the whole list.
    pub total: u64,
}

/// The query parameters of a list, or a 400 naming what is wrong.
pub fn list_params(
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<(String, u32, u32), HttpError> {
    let Ok(Query(params)) = query else {
        return Err(HttpError::BadRequest(
            "Tham số trên địa chỉ không đọc được.".to_owned(),
        ));
    };
    let page = positive(&params, "page", 1, 1_000_000)?;
    let per_page = positive(
        &params,
        "per_page",
        DEFAULT_PER_PAGE,
        daihoi_store::MAX_PER_PAGE,
    )?;
    let q = params.get("q").map(|q| q.trim()).unwrap_or_default();
    if q.chars().count() > 200 {
        return Err(HttpError::BadRequest(
            "Tham số «q» dài quá 200 ký tự.".to_owned(),
        ));
    }
    Ok((daihoi_domain::vn::fold::nfc(q), page, per_page))
}

/// `GET /api/v1/organizations?q=&page=&per_page=` — open organizations whose name or code holds
/// every word of `q` (with or without diacritics), parents before children.
pub async fn organizations(
    State(state): State<CongressState>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    let (q, page, per_page) = list_params(query)?;
    let listed = state
        .kernel
        .store
        .search_organizations(&q, None, page, per_page)
        .await?;
    Ok(Json(PageJson {
        items: listed
            .items
            .into_iter()
            .map(|o| OrganizationJson {
                id: o.id,
                code: o.code,
                name: o.name,
                level: o.level,
                members: o.members,
                parent_id: o.parent_id,
            })
            .collect(),
        page: listed.page,
        per_page: listed.per_page,
        total: listed.total,
    })
    .into_response())
}

/// Một đại hội trong API.
#[derive(Debug, Serialize)]
pub struct CongressJson {
    /// Id.
    pub id: i64,
    /// Tên.
    pub name: String,
    /// The organization holding it.
    pub organization: OrganizationRef,
    /// Nhiệm kỳ, "2020–2025".
    pub term: String,
    /// First year of the term.
    pub term_start: i32,
    /// Last year of the term.
    pub term_end: i32,
    /// Planned first day, `yyyy-mm-dd`.
    pub planned_start: Option<String>,
    /// Planned last day.
    pub planned_end: Option<String>,
    /// Actual first day, once held.
    pub held_start: Option<String>,
    /// Actual last day.
    pub held_end: Option<String>,
    /// Đại hội điểm.
    pub pilot: bool,
    /// `planned`, `preparing`, `held` or `approved`.
    pub status: &'static str,
    /// The status in Vietnamese.
    pub status_label: &'static str,
}

/// An organization named inside another answer.
#[derive(Debug, Serialize)]
pub struct OrganizationRef {
    /// Id.
    pub id: i64,
    /// Mã.
    pub code: String,
    /// Tên.
    pub name: String,
}

fn iso(day: Option<chrono::NaiveDate>) -> Option<String> {
    day.map(|d| d.format("%Y-%m-%d").to_string())
}

/// The public JSON of a congress.
pub fn congress_json(c: &daihoi_store::Congress, org: &daihoi_store::Organization) -> CongressJson {
    CongressJson {
        id: c.id,
        name: c.name.clone(),
        organization: OrganizationRef {
            id: org.id,
            code: org.code.clone(),
            name: org.name.clone(),
        },
        term: c.term.to_string(),
        term_start: c.term.start_year,
        term_end: c.term.end_year,
        planned_start: iso(c.planned.0),
        planned_end: iso(c.planned.1),
        held_start: iso(c.held.0),
        held_end: iso(c.held.1),
        pilot: c.pilot,
        status: c.status.as_str(),
        status_label: c.status.label(),
    }
}

/// `GET /api/v1/congresses?q=&page=&per_page=` — congresses whose name or organization's name
/// holds every word of `q` (with or without diacritics), newest term first.
pub async fn congresses(
    State(state): State<CongressState>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    let (q, page, per_page) = list_params(query)?;
    let listed = state
        .kernel
        .store
        .search_congresses(&q, page, per_page)
        .await?;
    Ok(Json(PageJson {
        items: listed
            .items
            .iter()
            .map(|(c, o)| congress_json(c, o))
            .collect(),
        page: listed.page,
        per_page: listed.per_page,
        total: listed.total,
    })
    .into_response())
}

/// Counts of the progress in the API.
#[derive(Debug, Serialize)]
pub struct ProgressJson {
    /// The organization asked about.
    pub organization: OrganizationRef,
    /// The term counted, or `null` when the subtree has no congress.
    pub term: Option<String>,
    /// Organizations below (not the one asked about).
    pub total: u32,
    /// Of which held their congress (held or approved).
    pub held: u32,
    /// Of which had the results approved.
    pub approved: u32,
    /// Of which are past their planned day and not held.
    pub overdue: u32,
    /// Of which were pilots.
    pub pilots: u32,
    /// The same counts per level name, in tree order.
    pub by_level: Vec<LevelJson>,
    /// Each directly subordinate organization and its congress's status (`none` without one).
    pub organizations: Vec<ChildJson>,
}

/// One level's counts.
#[derive(Debug, Serialize)]
pub struct LevelJson {
    /// The level's name.
    pub level: String,
    /// The counts.
    #[serde(flatten)]
    pub counts: daihoi_domain::congress::congress::ProgressCounts,
    /// "47/47 tổ chức cơ sở đảng đã tổ chức đại hội".
    pub sentence: String,
}

/// One directly subordinate organization.
#[derive(Debug, Serialize)]
pub struct ChildJson {
    /// Id.
    pub id: i64,
    /// Mã.
    pub code: String,
    /// Tên.
    pub name: String,
    /// Cấp.
    pub level: String,
    /// Its congress of the term's status, or `none`.
    pub status: &'static str,
    /// Its congress's id, if any.
    pub congress_id: Option<i64>,
}

/// `GET /api/v1/organizations/{id}/progress?term=2020-2025` — public counts of the congresses of
/// the organizations below `id` for a term (the newest of the subtree when not given).
pub async fn organization_progress(
    State(state): State<CongressState>,
    Path(raw): Path<String>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    let Ok(Query(params)) = query else {
        return Err(HttpError::BadRequest(
            "Tham số trên địa chỉ không đọc được.".to_owned(),
        ));
    };
    let org = super::views::load_organization(&state, &raw).await?;
    let term =
        super::progress::choose_term(&state, &org, params.get("term").map(String::as_str)).await?;
    let mut answer = ProgressJson {
        organization: OrganizationRef {
            id: org.id,
            code: org.code.clone(),
            name: org.name.clone(),
        },
        term: term.map(|t| t.to_string()),
        total: 0,
        held: 0,
        approved: 0,
        overdue: 0,
        pilots: 0,
        by_level: Vec::new(),
        organizations: Vec::new(),
    };
    if let Some(term) = term {
        let computed = super::progress::compute(&state, &org, term, state.kernel.today()).await?;
        let c = computed.progress.counts;
        (
            answer.total,
            answer.held,
            answer.approved,
            answer.overdue,
            answer.pilots,
        ) = (c.total, c.held, c.approved, c.overdue, c.pilots);
        answer.by_level = computed
            .progress
            .by_level
            .iter()
            .map(|(level, counts)| LevelJson {
                level: level.clone(),
                counts: *counts,
                sentence: daihoi_domain::congress::congress::progress_sentence(
                    counts.held,
                    counts.total,
                    level,
                ),
            })
            .collect();
        answer.organizations = computed
            .children
            .iter()
            .filter(|r| r.organization.parent_id == Some(org.id))
            .map(|r| ChildJson {
                id: r.organization.id,
                code: r.organization.code.clone(),
                name: r.organization.name.clone(),
                level: r.organization.level.clone(),
                status: r
                    .congress
                    .as_ref()
                    .map(|c| c.status.as_str())
                    .unwrap_or("none"),
                congress_id: r.congress.as_ref().map(|c| c.id),
            })
            .collect();
    }
    Ok(Json(answer).into_response())
}
