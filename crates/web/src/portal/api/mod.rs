//! API JSON `/api/v1` — published articles and the visit statistics, for other portals and the
//! national measurement platform (dữ liệu chia sẻ dưới dạng dịch vụ web, TT 22/2023).
//!
//! Errors use the shape `{ "error": { "code": …, "message": … } }` with Vietnamese messages.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::kernel::HttpError;
use crate::kernel::forms::positive;
use crate::portal::PortalState;
use crate::portal::public::base_url;

/// Default and largest page sizes of `/api/v1/articles`.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// The API routes (nested at `/api/v1` by `lib.rs`).
pub fn router() -> Router<PortalState> {
    Router::new()
        .route("/articles", get(articles))
        .route("/stats/visits", get(visit_stats))
}

/// Chuyên mục trong API.
#[derive(Debug, Serialize)]
pub struct CategoryRef {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
}

/// Đánh giá trong API.
#[derive(Debug, Serialize)]
pub struct RatingJson {
    /// Sum of stars.
    pub sum: u64,
    /// Number of ratings.
    pub count: u64,
}

/// Một bài viết trong API.
#[derive(Debug, Serialize)]
pub struct ArticleJson {
    /// Id.
    pub id: i64,
    /// Slug.
    pub slug: String,
    /// Absolute URL of the article page.
    pub url: String,
    /// Title.
    pub title: String,
    /// Category.
    pub category: CategoryRef,
    /// Publication time, RFC 3339 in the portal's time zone.
    pub published_at: String,
    /// Rating sum and count.
    pub rating: RatingJson,
}

/// Danh sách bài viết trong API.
#[derive(Debug, Serialize)]
pub struct ArticlesJson {
    /// The articles of this page.
    pub items: Vec<ArticleJson>,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// Number of published articles.
    pub total: u64,
}

/// `GET /api/v1/articles?page=&per_page=` — published articles, newest first.
pub async fn articles(
    State(state): State<PortalState>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
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
    let listed = state
        .store
        .list_published(None, page, per_page, state.now())
        .await?;
    let ids: Vec<i64> = listed.items.iter().map(|a| a.id).collect();
    let ratings = state.store.rating_summaries(&ids).await?;
    let base = base_url(&state);
    let items = listed
        .items
        .into_iter()
        .map(|a| {
            let r = ratings.get(&a.id).copied().unwrap_or_default();
            let at = a.published_at.unwrap_or(a.updated_at);
            ArticleJson {
                id: a.id,
                url: format!("{base}/tin-tuc/{}", a.slug),
                slug: a.slug,
                title: a.title,
                category: CategoryRef {
                    slug: a.category_slug,
                    name: a.category_name,
                },
                published_at: crate::portal::public::iso_time_of(&state, at),
                rating: RatingJson {
                    sum: r.sum,
                    count: r.count,
                },
            }
        })
        .collect();
    Ok(Json(ArticlesJson {
        items,
        page: listed.page,
        per_page: listed.per_page,
        total: listed.total,
    })
    .into_response())
}

/// `GET /api/v1/stats/visits` — the statistics block's figures plus bots.
pub async fn visit_stats(State(state): State<PortalState>) -> Result<Response, HttpError> {
    // `online` and the stored sums (people today … total, bots today and in all), flat.
    let figures = state.visits.figures(&state.store, state.now()).await?;
    Ok(Json(figures).into_response())
}
