//! Trang công khai — the portal's public pages: home, category pages, articles, print view, search, site
//! map, rating. Handlers read top to bottom: parse the request, ask the store, fill a template.

pub mod about;
pub mod citizen_form;
pub mod congress;
pub mod contact;
pub mod documents;
pub mod feeds;
pub mod pages;
pub mod questions;
mod rating;
pub mod schedule;
pub mod sitemaps;
pub mod splice;
pub mod views;
pub mod xml;

/// Một trang bài viết dựng sẵn — an article page rendered with holes ([`splice`]), with what it
/// was rendered from: the cached article (the same `Arc` while the article is unchanged) and the
/// rating figures it shows.
#[derive(Debug)]
pub struct RenderedArticle {
    /// The article the page was rendered from.
    pub source: std::sync::Arc<views::CachedArticle>,
    /// The rating figures on the page.
    pub rating: daihoi_store::RatingSummary,
    /// The page.
    pub page: splice::Spliced,
}

/// Một trang danh sách dựng sẵn — the home page or a category page rendered with holes for the
/// statistics, with what it was rendered from.
#[derive(Debug)]
pub struct RenderedList {
    /// When the portal name and categories it shows were read.
    pub chrome_at: chrono::DateTime<chrono::Utc>,
    /// The categories of its menu.
    pub categories: std::sync::Arc<Vec<daihoi_store::Category>>,
    /// The articles it lists.
    pub list: std::sync::Arc<daihoi_store::Page<daihoi_store::ArticleSummary>>,
    /// The page.
    pub page: splice::Spliced,
}

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};

use crate::kernel::HttpError;
use crate::portal::PortalState;

pub use views::{ArticleCard, Layout, NavItem, OpenGraph, StatsView};

/// RFC 3339 in the portal's time zone (`2020-06-08T14:05:00+07:00`).
pub fn iso_time_of(state: &PortalState, at: chrono::DateTime<chrono::Utc>) -> String {
    views::iso_time(state, at)
}

/// Số bài mỗi trang chuyên mục — articles per category page.
pub const CATEGORY_PAGE_SIZE: u32 = 10;

/// Số bài trên trang chủ — articles on the home page.
pub const HOME_PAGE_SIZE: u32 = 12;

/// The public pages' routes (merged into the portal area's router by [`crate::portal::router`]).
pub fn router() -> Router<PortalState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/chuyen-muc/{slug}", get(pages::category))
        .route("/tin-tuc/{slug}", get(pages::article))
        .route("/tin-tuc/{slug}/ban-in", get(pages::print_view))
        .route("/tin-tuc/{slug}/rating", post(rating::rate))
        .route("/tim-kiem", get(pages::search))
        .route("/dai-hoi-cac-cap", get(congress::index))
        .route("/dai-hoi-cac-cap/{id}", get(congress::page))
        .route("/so-do-trang", get(sitemaps::tree))
        .route("/so-do-trang/{slug}/{month}", get(sitemaps::month))
        .route("/sitemap.xml", get(sitemaps::index))
        .route("/sitemap-pages.xml", get(sitemaps::pages))
        .route("/sitemap-articles-{file}", get(sitemaps::articles))
        .route("/rss.xml", get(feeds::site_rss))
        .route("/atom.xml", get(feeds::site_atom))
        .route("/chuyen-muc/{slug}/rss.xml", get(feeds::category_rss))
        .route("/chuyen-muc/{slug}/atom.xml", get(feeds::category_atom))
        .route("/robots.txt", get(pages::robots))
        .route("/lich-cong-tac", get(schedule::current))
        .route("/lich-cong-tac/{week}", get(schedule::week))
        .route("/hoi-dap", get(questions::list))
        .route("/hoi-dap/rss.xml", get(questions::feed))
        .route(
            "/hoi-dap/gui-cau-hoi",
            get(questions::ask_form)
                .post(questions::ask)
                .layer(DefaultBodyLimit::max(citizen_form::FORM_BODY_LIMIT)),
        )
        .route("/hoi-dap/{id}", get(questions::show))
        .route(
            "/lien-he",
            get(contact::show)
                .post(contact::send)
                .layer(DefaultBodyLimit::max(citizen_form::FORM_BODY_LIMIT)),
        )
        .route("/gioi-thieu", get(about::index))
        .route("/gioi-thieu/{slug}", get(about::show))
        .route("/van-ban", get(documents::list))
        .route("/van-ban/", get(documents::trailing_slash))
        .route("/van-ban/rss.xml", get(documents::feed))
        .route("/van-ban/{key}", get(documents::show))
        .route("/van-ban/{key}/tep", get(documents::file))
}

/// Renders the Vietnamese error page with the full portal chrome (used by
/// [`crate::kernel::error::error_pages`]).
pub async fn render_error_page(
    state: &PortalState,
    path: &str,
    status: StatusCode,
    message: &str,
) -> Result<String, HttpError> {
    let heading = match status {
        StatusCode::NOT_FOUND => "Không tìm thấy trang",
        StatusCode::BAD_REQUEST => "Địa chỉ hoặc dữ liệu không hợp lệ",
        StatusCode::FORBIDDEN => "Yêu cầu bị từ chối",
        StatusCode::TOO_MANY_REQUESTS => "Quá nhiều yêu cầu",
        StatusCode::CONFLICT => "Yêu cầu không thực hiện được",
        StatusCode::UNPROCESSABLE_ENTITY => "Dữ liệu không hợp lệ",
        s if s.is_server_error() => "Lỗi máy chủ",
        _ => "Không thực hiện được yêu cầu",
    };
    let mut layout = views::layout(state, &HeaderMap::new(), path, heading).await?;
    layout.title = format!("{heading} — {}", layout.portal_name);
    let page = views::ErrorPage {
        layout,
        status: status.as_u16(),
        heading: heading.to_owned(),
        message: message.to_owned(),
    };
    Ok(askama::Template::render(&page)?)
}

/// Most documents the pages site map lists (it holds at most 50.000 addresses with the rest).
pub const SITEMAP_DOCUMENTS: u32 = 40_000;

/// The addresses of the sections besides articles that the pages site map lists: `/gioi-thieu`
/// and each public about page, `/van-ban` and each public document (never a classified one:
/// the store's public reads leave them out).
pub async fn section_paths(state: &PortalState) -> Result<Vec<String>, HttpError> {
    let (pages, docs) = tokio::join!(
        state.store.public_about_pages(),
        state.store.latest_published_documents(SITEMAP_DOCUMENTS),
    );
    let mut paths = vec!["/gioi-thieu".to_owned()];
    paths.extend(pages?.iter().map(|p| about::about_url(&p.slug)));
    paths.push("/van-ban".to_owned());
    paths.extend(docs?.iter().map(documents::document_url));
    Ok(paths)
}

/// The site's absolute base URL, no trailing slash: [`crate::Config::base_url`] (the public
/// URL, or the listen address; never the request's `Host`).
pub fn base_url(state: &PortalState) -> String {
    state.config.base_url()
}
