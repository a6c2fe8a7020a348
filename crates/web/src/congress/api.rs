//! API JSON của không gian đại hội — the workspace's public lists and figures under `/api/v1`:
//! organizations, congresses, a subtree's progress and a congress's attendance, and (for an
//! account with rights) the personnel plan's compliance figures. Nothing personal is ever in a
//! public answer.
//!
//! Errors use the API's shape `{ "error": { "code": …, "message": … } }`.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
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
            "/api/v1/congresses/{id}/structure",
            get(super::plan::structure_json),
        )
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
