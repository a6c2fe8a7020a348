//! Handlers of the portal's GET pages.

use std::cell::RefCell;
use std::collections::HashMap;

use askama::Template;
use axum::Extension;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use daihoi_domain::search::QueryError;
use daihoi_domain::vn::format_int;
use daihoi_store::{Article, ArticleSummary};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::splice::{Hole, Spliced, marker};
use super::views::{
    self, ArticleCard, ArticlePage, ArticleView, CategoryPage, HomePage, OpenGraph, PageLink,
    Pager, PhotoView, PrintPage, SearchHitView, SearchPage, ShareLinks, article_url, category_url,
};
use super::{CATEGORY_PAGE_SIZE, HOME_PAGE_SIZE, RenderedArticle, base_url};
use crate::kernel::HttpError;
use crate::portal::PortalState;
use crate::portal::markdown::{PhotoRef, render_body};
use crate::portal::visits::Visitor;

/// What `encodeURIComponent` leaves alone; everything else is percent-encoded in share links.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Percent-encodes a query value the way `encodeURIComponent` does.
pub fn encode_component(value: &str) -> String {
    utf8_percent_encode(value, URI_COMPONENT).to_string()
}

/// A path segment (slug) from the router, or 400 when the URL is malformed (bad percent-encoding).
pub(crate) fn slug_from(path: Result<Path<String>, PathRejection>) -> Result<String, HttpError> {
    match path {
        Ok(Path(slug)) => Ok(slug),
        Err(_) => Err(HttpError::BadRequest(
            "Địa chỉ không hợp lệ: đường dẫn chứa mã phần trăm (%) sai hoặc ký tự không đọc được."
                .to_owned(),
        )),
    }
}

/// Whether `slug` could be one of ours (lowercase ASCII letters, digits, hyphens).
fn plausible_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub(crate) fn query_map(
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<HashMap<String, String>, HttpError> {
    match query {
        Ok(Query(map)) => Ok(map),
        Err(_) => Err(HttpError::BadRequest(
            "Tham số trên địa chỉ không hợp lệ (phần sau dấu «?» không đọc được).".to_owned(),
        )),
    }
}

/// Reads `?trang=N`: absent means 1; anything but a whole number from 1 up is a 400.
pub(crate) fn page_number(params: &HashMap<String, String>) -> Result<u32, HttpError> {
    match params.get("trang").map(|s| s.trim()) {
        None | Some("") => Ok(1),
        Some(raw) => match raw.parse::<u32>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(HttpError::BadRequest(format!(
                "Số trang «{}» không hợp lệ: tham số «trang» phải là số nguyên từ 1 trở lên.",
                crate::kernel::error::quoted(raw)
            ))),
        },
    }
}

fn html(page: impl Template) -> Result<Response, HttpError> {
    Ok(Html(page.render()?).into_response())
}

/// `GET /` — the latest articles (kept rendered: see [`kept_page`]).
pub async fn home(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let (chrome, latest) = tokio::join!(
        views::chrome(&state),
        published_page(&state, None, 1, HOME_PAGE_SIZE),
    );
    let (chrome, latest) = (chrome?, latest?);
    let base = base_url(&state);
    let key = ("/".to_owned(), base.clone());
    kept_page(&state, key, &chrome, &latest, async || {
        let mut layout = views::layout(&state, &headers, "/", "").await?;
        layout.stats = holes_for_stats();
        layout.canonical = Some(format!("{base}/"));
        Ok(HomePage {
            layout,
            cards: latest
                .items
                .iter()
                .map(|a| ArticleCard::from_summary(&state, a))
                .collect(),
            show_category: true,
        }
        .render()?)
    })
    .await
}

/// `GET /chuyen-muc/<slug>?trang=N` — one page of a category.
pub async fn category(
    State(state): State<PortalState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    let slug = slug_from(path)?;
    let params = query_map(query)?;
    let page = page_number(&params)?;
    let not_found = || {
        HttpError::NotFound(format!(
            "Không tìm thấy chuyên mục «{}». Chuyên mục có thể đã đổi tên hoặc địa chỉ bị gõ sai.",
            crate::kernel::error::quoted(&slug)
        ))
    };
    if !plausible_slug(&slug) {
        return Err(not_found());
    }
    let chrome = views::chrome(&state).await?;
    let Some(category) = chrome.categories.iter().find(|c| c.slug == slug).cloned() else {
        return Err(not_found());
    };
    let listed = published_page(&state, Some(category.id), page, CATEGORY_PAGE_SIZE).await?;
    let page_count = listed.page_count();
    if page > page_count {
        return Err(HttpError::NotFound(format!(
            "Chuyên mục «{}» chỉ có {} trang; không có trang {}.",
            category.name,
            format_int(i64::from(page_count)),
            format_int(i64::from(page)),
        )));
    }
    let base = category_url(&category.slug);
    let url_of = |n: u32| {
        if n == 1 {
            base.clone()
        } else {
            format!("{base}?trang={n}")
        }
    };
    let site = base_url(&state);
    let key = (url_of(page), site.clone());
    kept_page(&state, key, &chrome, &listed, async || {
        let pager = pager(page, page_count, url_of);
        let title = if page > 1 {
            format!("{} — trang {page}", category.name)
        } else {
            category.name.clone()
        };
        let mut layout = views::layout(&state, &headers, &base, &title).await?;
        layout.stats = holes_for_stats();
        layout.canonical = Some(format!("{site}{}", url_of(page)));
        if !category.description.is_empty() {
            layout.description = category.description.clone();
        }
        layout.feeds.extend(views::feed_links(
            &layout.portal_name,
            Some((&category.slug, &category.name)),
        ));
        let link = |c: &daihoi_store::Category| views::NavItem {
            url: category_url(&c.slug),
            name: c.name.clone(),
            current: false,
        };
        let mut ancestors = Vec::new();
        let mut above = category.parent_id;
        // Bounded by the number of sections, so a cycle in stored data cannot loop.
        while let Some(id) = above.filter(|_| ancestors.len() < chrome.categories.len()) {
            let Some(parent) = chrome.categories.iter().find(|c| c.id == id) else {
                break;
            };
            ancestors.insert(0, link(parent));
            above = parent.parent_id;
        }
        Ok(CategoryPage {
            layout,
            category_name: category.name.clone(),
            category_description: category.description.clone(),
            ancestors,
            children: chrome
                .categories
                .iter()
                .filter(|c| c.parent_id == Some(category.id))
                .map(link)
                .collect(),
            cards: listed
                .items
                .iter()
                .map(|a| ArticleCard::from_summary(&state, a))
                .collect(),
            show_category: false,
            pager,
        }
        .render()?)
    })
    .await
}

/// Serves a list page (home, category) kept rendered with holes for the statistics figures
/// ([`super::splice`]). The kept page is used while it was rendered from the same portal name and
/// categories (`chrome`) and the same list of articles (`list`, the same `Arc` of the short-lived
/// list cache); otherwise `render` renders it again, with [`holes_for_stats`] in its layout.
async fn kept_page(
    state: &PortalState,
    key: (String, String),
    chrome: &crate::portal::state::ChromeCache,
    list: &std::sync::Arc<daihoi_store::Page<ArticleSummary>>,
    render: impl AsyncFnOnce() -> Result<String, HttpError>,
) -> Result<Response, HttpError> {
    let now = state.now();
    let kept = match state.list_pages.get(&key, now) {
        Some(hit)
            if std::sync::Arc::ptr_eq(&hit.list, list)
                && std::sync::Arc::ptr_eq(&hit.categories, &chrome.categories)
                && hit.chrome_at == chrome.fetched_at =>
        {
            hit
        }
        _ => {
            let kept = std::sync::Arc::new(super::RenderedList {
                chrome_at: chrome.fetched_at,
                categories: chrome.categories.clone(),
                list: list.clone(),
                page: Spliced::parse(&render().await?),
            });
            state.list_pages.put(key, kept.clone(), now);
            kept
        }
    };
    filled(state, &kept.page, "").await
}

/// `page` with the statistics figures of now (and `csrf_token` in its token hole, if it has one),
/// as an HTML response.
async fn filled(
    state: &PortalState,
    page: &Spliced,
    csrf_token: &str,
) -> Result<Response, HttpError> {
    let now = state.now();
    let figures = state.visits.figures(&state.store, now).await?;
    let stats = views::stats_view(state, &figures, now);
    let body = page.fill(|hole| match hole {
        Hole::CsrfToken => csrf_token,
        Hole::Online => &stats.online,
        Hole::Today => &stats.today,
        Hole::Yesterday => &stats.yesterday,
        Hole::Month => &stats.month,
        Hole::Year => &stats.year,
        Hole::Total => &stats.total,
        Hole::MonthLabel => &stats.month_label,
        Hole::YearLabel => &stats.year_label,
    });
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response())
}

/// The published article with this slug and its rendered view (from the short-lived cache or the
/// store), or a Vietnamese 404. The view's `absolute_url` is empty: it depends on the request.
pub async fn cached_article(
    state: &PortalState,
    slug: &str,
) -> Result<std::sync::Arc<views::CachedArticle>, HttpError> {
    let not_found = || {
        HttpError::NotFound(format!(
            "Không tìm thấy bài viết «{}». Bài có thể đã bị gỡ hoặc địa chỉ bị gõ sai.",
            crate::kernel::error::quoted(slug)
        ))
    };
    if !plausible_slug(slug) {
        return Err(not_found());
    }
    let now = state.now();
    state
        .articles
        .get_or_fill(slug.to_owned(), now, async || {
            let article = state
                .store
                .published_article_by_slug(slug, now)
                .await?
                .ok_or_else(not_found)?;
            let view = article_view(state, &article).await?;
            Ok(std::sync::Arc::new(views::CachedArticle { article, view }))
        })
        .await
}

/// Rating sum and count of an article (cached for a second; this instance's own ratings update
/// the cache at once).
pub async fn rating_summary(
    state: &PortalState,
    article_id: i64,
) -> Result<daihoi_store::RatingSummary, HttpError> {
    let now = state.now();
    state
        .ratings
        .get_or_fill(article_id, now, async || {
            Ok(state.store.rating_summary(article_id).await?)
        })
        .await
}

/// One page of published articles (cached for a moment).
pub(crate) async fn published_page(
    state: &PortalState,
    category_id: Option<i64>,
    page: u32,
    per_page: u32,
) -> Result<std::sync::Arc<daihoi_store::Page<ArticleSummary>>, HttpError> {
    let now = state.now();
    let key = (category_id, page, per_page);
    state
        .lists
        .get_or_fill(key, now, async || {
            Ok(std::sync::Arc::new(
                state
                    .store
                    .list_published(category_id, page, per_page, now)
                    .await?,
            ))
        })
        .await
}

/// Everything the article and print pages show about one article.
async fn article_view(state: &PortalState, article: &Article) -> Result<ArticleView, HttpError> {
    let (chrome, photos) = tokio::join!(
        views::chrome(state),
        state.store.photos_of_article(article.id),
    );
    let category = chrome?
        .categories
        .iter()
        .find(|c| c.id == article.category_id)
        .cloned();
    let photos = photos?;
    let by_id: HashMap<String, &daihoi_store::Photo> =
        photos.iter().map(|p| (p.id.to_string(), p)).collect();
    // The first photo the body places is needed at once when no cover stands above it.
    let cover_above = article.cover_photo_id.is_some();
    let placed = RefCell::new(Vec::new());
    let body_html = render_body(article.body_format, &article.body_md, &|id: &str| {
        let photo = by_id.get(id)?;
        let mut placed = placed.borrow_mut();
        let first = placed.is_empty();
        if !placed.contains(&photo.id) {
            placed.push(photo.id);
        }
        Some(PhotoRef {
            lazy: !first || (cover_above && Some(photo.id) != article.cover_photo_id),
            ..PhotoRef::stored(photo)
        })
    });
    let mut placed = placed.into_inner();
    if article.body_format == daihoi_store::BodyFormat::Html {
        // An imported body shows its photos by address.
        placed.extend(
            photos
                .iter()
                .filter(|p| crate::portal::markdown::html_shows(&body_html, p))
                .map(|p| p.id),
        );
    }
    let view_of = |p: &daihoi_store::Photo| {
        let stored = PhotoRef::stored(p);
        PhotoView {
            srcset: stored.srcset(),
            src: stored.src,
            alt: if p.caption.is_empty() {
                format!("Ảnh minh họa: {}", article.title)
            } else {
                p.caption.clone()
            },
            caption: p.caption.clone(),
            width: p.width,
            height: p.height,
        }
    };
    let cover_photo = article
        .cover_photo_id
        .and_then(|id| photos.iter().find(|p| p.id == id));
    let cover = cover_photo.filter(|p| !placed.contains(&p.id)).map(view_of);
    let share_image = cover_photo
        .or_else(|| {
            placed
                .first()
                .and_then(|id| photos.iter().find(|p| p.id == *id))
        })
        .map(view_of);
    let published_at = article.published_at.unwrap_or(article.updated_at);
    let url = article_url(&article.slug);
    let (category_name, category_url) = match category {
        Some(c) => (c.name, category_url(&c.slug)),
        None => ("Tin tức".to_owned(), "/".to_owned()),
    };
    Ok(ArticleView {
        title: article.title.clone(),
        lead: article.lead.clone(),
        body_html,
        author: article.author.clone(),
        source: article.source.clone(),
        published: views::local_time(state, published_at),
        published_iso: views::iso_time(state, published_at),
        category_name,
        category_url,
        absolute_url: String::new(),
        print_url: format!("{url}/ban-in"),
        rating_url: format!("{url}/rating"),
        url,
        cover,
        share_image,
    })
}

/// The message shown in `#rating-message` after the no-JavaScript rating flow (`?danh-gia=…`).
pub(super) fn rating_flash(code: &str) -> Option<(&'static str, bool)> {
    Some(match code {
        "cam-on" => ("Cảm ơn bạn đã đánh giá bài viết.", false),
        "da-danh-gia" => ("Bạn đã đánh giá bài viết này rồi.", true),
        "so-sao" => (daihoi_domain::rating::STARS_RULE, true),
        "du-luot" => (super::rating::MSG_ADDRESS_LIMIT.as_str(), true),
        "qua-nhieu" => (
            "Có quá nhiều lượt đánh giá từ địa chỉ mạng của bạn. Vui lòng thử lại sau ít phút.",
            true,
        ),
        _ => return None,
    })
}

/// `GET /tin-tuc/<slug>` — the article page with reader tools and rating.
///
/// The page is rendered once per article, host and rating figures, with holes for the visitor's
/// form token and the statistics figures ([`super::splice`]); each request only fills the holes.
/// After the no-JavaScript rating flow (`?danh-gia=…`) the page carries a message and is rendered
/// whole.
pub async fn article(
    State(state): State<PortalState>,
    headers: HeaderMap,
    visitor: Option<Extension<Visitor>>,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    let slug = slug_from(path)?;
    let params = query_map(query)?;
    let cached = cached_article(&state, &slug).await?;
    let summary = rating_summary(&state, cached.article.id).await?;
    // Whether this reader rated it: one indexed read, only for a reader with the lasting cookie
    // and an article someone rated.
    let given = if summary.count > 0 {
        super::rating::stars_given(&state, &headers, cached.article.id).await?
    } else {
        None
    };
    // The thanks and "already rated" messages are for the reader who rated, not for anyone who
    // opens the address they were sent to.
    let flash = params
        .get("danh-gia")
        .filter(|code| given.is_some() || !matches!(code.as_str(), "cam-on" | "da-danh-gia"))
        .and_then(|c| rating_flash(c));
    let base = base_url(&state);
    let csrf_token = visitor
        .as_ref()
        .map(|Extension(v)| crate::kernel::csrf::issue(&state.secret, &v.id))
        .unwrap_or_default();
    if flash.is_some() || given.is_some() {
        // A message or this reader's own rating: the page is made for this request alone.
        let layout = article_layout(&state, &headers, &cached).await?;
        let (message, is_error) = match (flash, given) {
            (Some((message, is_error)), _) => (message.to_owned(), is_error),
            (None, Some(stars)) => (super::rating::already_rated_sentence(stars), false),
            (None, None) => (String::new(), false),
        };
        return html(ArticlePage {
            rating_message: message,
            rating_message_is_error: is_error,
            rated_stars: given.map(|s| s.get()),
            ..article_page(&base, &cached, summary, layout, csrf_token)
        });
    }
    let now = state.now();
    let key = (slug, base);
    let rendered = match state.article_pages.get(&key, now) {
        Some(hit) if std::sync::Arc::ptr_eq(&hit.source, &cached) && hit.rating == summary => hit,
        _ => {
            let mut layout = article_layout(&state, &headers, &cached).await?;
            layout.stats = holes_for_stats();
            let page = article_page(&key.1, &cached, summary, layout, marker(Hole::CsrfToken));
            let rendered = std::sync::Arc::new(RenderedArticle {
                source: cached.clone(),
                rating: summary,
                page: Spliced::parse(&page.render()?),
            });
            state.article_pages.put(key, rendered.clone(), now);
            rendered
        }
    };
    filled(&state, &rendered.page, &csrf_token).await
}

/// The statistics block with a marker in place of every figure and label.
fn holes_for_stats() -> views::StatsView {
    views::StatsView {
        online: marker(Hole::Online),
        today: marker(Hole::Today),
        yesterday: marker(Hole::Yesterday),
        month: marker(Hole::Month),
        year: marker(Hole::Year),
        total: marker(Hole::Total),
        month_label: marker(Hole::MonthLabel),
        year_label: marker(Hole::YearLabel),
    }
}

/// The layout of an article's page (menu, statistics, title).
async fn article_layout(
    state: &PortalState,
    headers: &HeaderMap,
    cached: &views::CachedArticle,
) -> Result<views::Layout, HttpError> {
    views::layout(
        state,
        headers,
        &cached.view.category_url,
        &cached.view.title,
    )
    .await
}

/// Everything of the article page but the layout (which it completes with the canonical address,
/// description and Open Graph tags) and the rating message (empty).
fn article_page(
    base: &str,
    cached: &views::CachedArticle,
    summary: daihoi_store::RatingSummary,
    mut layout: views::Layout,
    csrf_token: String,
) -> ArticlePage {
    let mut view = cached.view.clone();
    view.absolute_url = format!("{base}{}", view.url);
    layout.canonical = Some(view.absolute_url.clone());
    layout.description = view.lead.clone();
    let image = view.share_image.as_ref();
    layout.og = Some(OpenGraph {
        kind: "article",
        title: view.title.clone(),
        description: view.lead.clone(),
        url: view.absolute_url.clone(),
        image: image.map(|p| format!("{base}{}", p.src)),
        image_alt: image.map(|p| p.alt.clone()),
        published_time: Some(view.published_iso.clone()),
    });
    let shared = encode_component(&view.absolute_url);
    let share = ShareLinks {
        facebook: format!("https://www.facebook.com/sharer/sharer.php?u={shared}"),
        x: format!(
            "https://twitter.com/intent/tweet?url={shared}&text={}",
            encode_component(&view.title)
        ),
        zalo: format!("https://sp.zalo.me/share_to?url={shared}"),
    };
    ArticlePage {
        layout,
        article: view,
        share,
        csrf_token,
        rating: views::rating_view(summary),
        rating_message: String::new(),
        rating_message_is_error: false,
        rated_stars: None,
    }
}

/// `GET /tin-tuc/<slug>/ban-in` — the print view (no menu, no tools, the address printed).
pub async fn print_view(
    State(state): State<PortalState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    let slug = slug_from(path)?;
    let cached = cached_article(&state, &slug).await?;
    let mut view = cached.view.clone();
    view.absolute_url = format!("{}{}", base_url(&state), view.url);
    html(PrintPage {
        portal_name: views::portal_name(&state).await?,
        article: view,
    })
}

/// `GET /tim-kiem?q=…&trang=N` — search published articles through the full-text index: every
/// word of the query must be a word of the title, lead, author or body, diacritics and case
/// folded ("dai hoi" finds "Đại hội"); the best match first (see `daihoi_store::search_published`),
/// the title and a snippet with the query words marked, [`SEARCH_PAGE_SIZE`] per page. A query
/// of only punctuation gets a sentence saying so; an overlong one a 400 with the same page.
pub async fn search(
    State(state): State<PortalState>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    let params = query_map(query)?;
    let raw = params.get("q").map(|q| q.trim()).unwrap_or("");
    let page = page_number(&params)?;
    let parsed = daihoi_domain::search::parse_query(raw);
    // What the page shows back in its boxes: the query as typed, bounded.
    let query: String = daihoi_domain::vn::nfc(raw)
        .chars()
        .take(daihoi_domain::search::MAX_QUERY_CHARS)
        .collect();
    let mut hits = Vec::new();
    let mut pager = Pager::default();
    let mut status = StatusCode::OK;
    let summary = match &parsed {
        Ok(words) => {
            let daihoi_store::SearchResults { hits: found, more } = state
                .store
                .search_published(words, state.now(), page, SEARCH_PAGE_SIZE)
                .await?;
            let page_count = found.page_count();
            if page > page_count {
                return Err(HttpError::NotFound(format!(
                    "Kết quả tìm kiếm «{query}» chỉ có {} trang; không có trang {}.",
                    format_int(i64::from(page_count)),
                    format_int(i64::from(page)),
                )));
            }
            hits = found
                .items
                .iter()
                .map(|hit| SearchHitView::of(&state, hit, words))
                .collect();
            pager = search_pager(&query, page, page_count);
            daihoi_domain::search::results_summary(&query, found.total, more)
        }
        Err(QueryError::Empty) => String::new(),
        Err(problem @ QueryError::TooLong { .. }) => {
            status = StatusCode::BAD_REQUEST;
            problem.to_string()
        }
        Err(problem @ QueryError::NoWords) => problem.to_string(),
    };
    let title = if query.is_empty() {
        "Tìm kiếm".to_owned()
    } else if page > 1 {
        format!("Tìm kiếm: {query} — trang {page}")
    } else {
        format!("Tìm kiếm: {query}")
    };
    let mut layout = views::layout(&state, &headers, "/tim-kiem", &title).await?;
    layout.search_query = query.clone();
    let mut response = html(SearchPage {
        layout,
        query,
        summary,
        hits,
        show_category: true,
        pager,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

/// `GET /robots.txt` — everything public may be indexed except the administration; names the
/// XML site map.
pub async fn robots(State(state): State<PortalState>) -> Response {
    let base = base_url(&state);
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        format!("User-agent: *\nDisallow: /quan-tri\nDisallow: /tin-tuc/*/ban-in\n\nSitemap: {base}/sitemap.xml\n"),
    )
        .into_response()
}

/// Kết quả tìm kiếm mỗi trang — search results per page.
pub const SEARCH_PAGE_SIZE: u32 = 20;

/// Links to every page of the results for `query` (`/tim-kiem?q=…&trang=N`).
fn search_pager(query: &str, page: u32, page_count: u32) -> Pager {
    let base = format!("/tim-kiem?q={}", encode_component(query));
    let url_of = |n: u32| {
        if n == 1 {
            base.clone()
        } else {
            format!("{base}&trang={n}")
        }
    };
    pager(page, page_count, url_of)
}

/// Links to the previous and next pages and to a window of pages around `page` (with the first
/// and last, ellipses between: [`daihoi_domain::paging::page_window`]) of a list of `page_count`
/// pages, page `n` being at `url_of(n)`.
pub(crate) fn pager(page: u32, page_count: u32, url_of: impl Fn(u32) -> String) -> Pager {
    use daihoi_domain::paging::{PAGER_RADIUS, PageSlot, page_window};
    Pager {
        prev: (page > 1).then(|| url_of(page - 1)),
        next: (page < page_count).then(|| url_of(page + 1)),
        pages: page_window(page, page_count, PAGER_RADIUS)
            .into_iter()
            .map(|slot| match slot {
                PageSlot::Page(n) => PageLink {
                    number: Some(n),
                    url: url_of(n),
                    current: n == page,
                },
                PageSlot::Gap => PageLink {
                    number: None,
                    url: String::new(),
                    current: false,
                },
            })
            .collect(),
    }
}
