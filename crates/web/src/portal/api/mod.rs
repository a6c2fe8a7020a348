//! API JSON `/api/v1` — published articles, the search and the visit statistics, for other portals and the
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
use crate::portal::public::views::article_url;

/// Default and largest page sizes of `/api/v1/articles`.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// The API routes (nested at `/api/v1` by `lib.rs`).
pub fn router() -> Router<PortalState> {
    Router::new()
        .route("/articles", get(articles))
        .route("/stats/visits", get(visit_stats))
        .route("/search", get(search))
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

/// Kết quả tìm kiếm trong API — one hit.
#[derive(Debug, Serialize)]
pub struct SearchItemJson {
    /// What was found: `article`, `question`, `document` or `page` (an about page).
    pub kind: &'static str,
    /// Title (white space runs collapsed, as `title_marks` counts it).
    pub title: String,
    /// Absolute URL of the item's page.
    pub url: String,
    /// Publication time, RFC 3339 in the portal's time zone.
    pub published_at: String,
    /// A short excerpt of the item's text around the query words, plain text (not HTML: escape it
    /// before putting it in a page).
    pub snippet: String,
    /// The query words in `snippet`: `[start, end)` offsets counted in Unicode characters (code
    /// points), in order, not overlapping.
    pub marks: Vec<[usize; 2]>,
    /// The query words in `title`, the same way.
    pub title_marks: Vec<[usize; 2]>,
}

/// Trang kết quả tìm kiếm trong API.
#[derive(Debug, Serialize)]
pub struct SearchJson {
    /// The words searched for (folded: lowercase, no diacritics).
    pub words: Vec<String>,
    /// The hits of this page, most relevant first.
    pub items: Vec<SearchItemJson>,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// Number of pages (at least 1).
    pub pages: u32,
    /// Number of hits listed (at most the ranking window, 1.000).
    pub total: u64,
    /// More items match than are listed: `total` is a lower bound and only the newest `total`
    /// matches are ranked and paged (add words to narrow the search).
    pub more: bool,
}

fn marks_json(snippet: &daihoi_domain::search::Snippet) -> Vec<[usize; 2]> {
    snippet.marks().into_iter().map(|(a, b)| [a, b]).collect()
}

/// `GET /api/v1/search?q=&page=&per_page=` — the portal search as JSON: published articles
/// holding every word of `q` (diacritics and case folded), most relevant first, each with its
/// title, absolute URL and a plain-text snippet with the marked ranges; the 1.000 newest matches
/// at most, `more` saying whether older ones match too. An empty `q`, one of only
/// punctuation or one over 200 characters is a 400 with a Vietnamese message; a page past the
/// last is an empty `items`.
pub async fn search(
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
    let raw = params.get("q").map(String::as_str).unwrap_or("");
    let words = daihoi_domain::search::parse_query(raw)
        .map_err(|problem| HttpError::BadRequest(problem.to_string()))?;
    let daihoi_store::SearchResults { hits: found, more } = state
        .store
        .search_published(&words, state.now(), page, per_page)
        .await?;
    let base = base_url(&state);
    let items = found
        .items
        .iter()
        .map(|hit| {
            let snippet = daihoi_domain::search::snippet(
                &hit.text,
                &words,
                daihoi_domain::search::SNIPPET_CHARS,
            );
            let (kind, title, url, at) = match &hit.item {
                daihoi_store::SearchItem::Article(a) => (
                    "article",
                    a.title.clone(),
                    article_url(&a.slug),
                    a.published_at.unwrap_or(a.updated_at),
                ),
                // The question's subject, address and time: never the asker's contact.
                daihoi_store::SearchItem::Question(q) => (
                    "question",
                    q.subject.clone(),
                    crate::portal::public::questions::question_url(q.id),
                    q.published_at,
                ),
                daihoi_store::SearchItem::Document(d) => (
                    "document",
                    format!("{} {}: {}", d.type_name, d.number_symbol, d.title),
                    crate::portal::public::documents::document_url(d),
                    d.published_at.unwrap_or(d.updated_at),
                ),
                daihoi_store::SearchItem::Page(p) => (
                    "page",
                    p.title.clone(),
                    crate::portal::public::about::about_url(&p.slug),
                    p.updated_at,
                ),
            };
            let title = daihoi_domain::search::highlight(&title, &words);
            SearchItemJson {
                kind,
                title: title.plain(),
                url: format!("{base}{url}"),
                published_at: crate::portal::public::iso_time_of(&state, at),
                snippet: snippet.plain(),
                marks: marks_json(&snippet),
                title_marks: marks_json(&title),
            }
        })
        .collect();
    Ok(Json(SearchJson {
        pages: found.page_count(),
        words,
        items,
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        more,
    })
    .into_response())
}

/// `GET /api/v1/stats/visits` — the statistics block's figures plus bots.
pub async fn visit_stats(State(state): State<PortalState>) -> Result<Response, HttpError> {
    // `online` and the stored sums (people today … total, bots today and in all), flat.
    let figures = state.visits.figures(&state.store, state.now()).await?;
    Ok(Json(figures).into_response())
}
