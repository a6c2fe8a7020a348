//! View models and templates of the portal pages, and the shared page chrome ([`Layout`]).

use askama::Template;
use axum::http::HeaderMap;
use chrono::{DateTime, Datelike, Utc};
use daihoi_domain::rating::RatingSummary;
use daihoi_domain::search::{SNIPPET_CHARS, Segment, highlight, snippet};
use daihoi_domain::vn::{format_datetime, format_int};
use daihoi_store::{ArticleSummary, SearchHit, SearchItem};

use std::sync::Arc;

use crate::kernel::HttpError;
use crate::portal::PortalState;
use crate::portal::state::ChromeCache;

/// Khung trang — what every public page shows around its content.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Tên cổng — the portal's name.
    pub portal_name: String,
    /// `<title>`.
    pub title: String,
    /// `<meta name="description">`.
    pub description: String,
    /// Absolute canonical URL, when the page has one.
    pub canonical: Option<String>,
    /// Open Graph / Twitter card data (articles).
    pub og: Option<OpenGraph>,
    /// The query shown in the header search box.
    pub search_query: String,
    /// Path of the page, to mark the current menu item.
    pub current_path: String,
    /// Menu: one item per category.
    pub categories: Vec<NavItem>,
    /// Thống kê truy cập.
    pub stats: StatsView,
    /// Thông tin cổng — agency, person responsible, licence, contact, emblem (footer, header).
    pub site: Arc<crate::portal::identity::SiteView>,
    /// Bản đồ nhỏ — the sidebar's map picture.
    pub small_map: Arc<crate::portal::map::SmallMap>,
    /// Tin RSS/Atom of the page (`<link rel="alternate">` in its head): the whole portal's, and
    /// a category's on its pages.
    pub feeds: Vec<FeedLink>,
}

/// Liên kết tin — a feed named in a page's head.
#[derive(Debug, Clone)]
pub struct FeedLink {
    /// `application/rss+xml` or `application/atom+xml`.
    pub media_type: &'static str,
    /// Its name ("Thời sự — Cổng …").
    pub title: String,
    /// Its address.
    pub url: String,
}

/// The RSS and Atom links of the whole portal (`category` `None`) or of a category (slug,
/// name), titled after `portal_name`.
pub fn feed_links(portal_name: &str, category: Option<(&str, &str)>) -> Vec<FeedLink> {
    use super::feeds::{FeedKind, feed_url};
    [FeedKind::Rss, FeedKind::Atom]
        .into_iter()
        .map(|kind| {
            let format = match kind {
                FeedKind::Rss => "RSS",
                FeedKind::Atom => "Atom",
            };
            FeedLink {
                media_type: kind.media_type(),
                title: match category {
                    None => format!("{portal_name} ({format})"),
                    Some((_, name)) => format!("{name} — {portal_name} ({format})"),
                },
                url: feed_url(kind, category.map(|(slug, _)| slug)),
            }
        })
        .collect()
}

/// Mục trình đơn — one category in the menu.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// `/chuyen-muc/<slug>`.
    pub url: String,
    /// Category name.
    pub name: String,
    /// Whether the page belongs to this category.
    pub current: bool,
}

/// Thẻ chia sẻ — Open Graph and Twitter card meta of a page.
#[derive(Debug, Clone)]
pub struct OpenGraph {
    /// `og:type` (`article` or `website`).
    pub kind: &'static str,
    /// `og:title`.
    pub title: String,
    /// `og:description` (the lead).
    pub description: String,
    /// `og:url` (absolute).
    pub url: String,
    /// `og:image` (absolute URL of the cover photo).
    pub image: Option<String>,
    /// `og:image:alt` (the cover photo's caption).
    pub image_alt: Option<String>,
    /// `article:published_time` (RFC 3339).
    pub published_time: Option<String>,
}

/// Khối thống kê — the figures, formatted `62.883.393`, and the labels that name the period.
#[derive(Debug, Clone, Default)]
pub struct StatsView {
    /// Đang truy cập.
    pub online: String,
    /// Hôm nay.
    pub today: String,
    /// Hôm qua.
    pub yesterday: String,
    /// Tháng này.
    pub month: String,
    /// Năm nay.
    pub year: String,
    /// Tổng số.
    pub total: String,
    /// "Tháng 07".
    pub month_label: String,
    /// "Năm 2021".
    pub year_label: String,
}

/// Ảnh thu nhỏ — a list thumbnail.
#[derive(Debug, Clone)]
pub struct Thumb {
    /// Image address under `/uploads/`.
    pub src: String,
}

/// Thẻ bài viết — one article in a list.
#[derive(Debug, Clone)]
pub struct ArticleCard {
    /// `/tin-tuc/<slug>`.
    pub url: String,
    /// Title.
    pub title: String,
    /// Lead.
    pub lead: String,
    /// `dd/mm/yyyy HH:MM` in the portal's time zone.
    pub published: String,
    /// RFC 3339, for `<time datetime>`.
    pub published_iso: String,
    /// Category name.
    pub category_name: String,
    /// `/chuyen-muc/<slug>`.
    pub category_url: String,
    /// Cover thumbnail, if the article has a cover photo.
    pub thumb: Option<Thumb>,
}

/// `/tin-tuc/<slug>`.
pub fn article_url(slug: &str) -> String {
    format!("/tin-tuc/{slug}")
}

/// `/chuyen-muc/<slug>`.
pub fn category_url(slug: &str) -> String {
    format!("/chuyen-muc/{slug}")
}

/// `/uploads/<path>` for a stored photo file (path relative to the uploads folder).
pub use crate::portal::markdown::upload_url;

/// `dd/mm/yyyy HH:MM` in the portal's time zone.
pub fn local_time(state: &PortalState, at: DateTime<Utc>) -> String {
    format_datetime(at.with_timezone(&state.config.time_zone))
}

/// RFC 3339 in the portal's time zone (`2020-06-08T14:05:00+07:00`).
pub fn iso_time(state: &PortalState, at: DateTime<Utc>) -> String {
    at.with_timezone(&state.config.time_zone)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

impl ArticleCard {
    /// The card of a listed article.
    pub fn from_summary(state: &PortalState, a: &ArticleSummary) -> ArticleCard {
        let published_at = a.published_at.unwrap_or(a.updated_at);
        ArticleCard {
            url: article_url(&a.slug),
            title: a.title.clone(),
            lead: a.lead.clone(),
            published: local_time(state, published_at),
            published_iso: iso_time(state, published_at),
            category_name: a.category_name.clone(),
            category_url: category_url(&a.category_slug),
            thumb: a
                .cover_thumb_name
                .as_deref()
                .map(|t| Thumb { src: upload_url(t) }),
        }
    }
}

/// The portal's name, its identity settings and its categories, from the short-lived cache or
/// the store.
pub async fn chrome(state: &PortalState) -> Result<ChromeCache, HttpError> {
    let now = state.now();
    state
        .chrome
        .get_or_fill((), now, async || {
            let (settings, categories, small_map) = tokio::join!(
                state.store.settings(&daihoi_store::SITE_IDENTITY_KEYS),
                state.store.list_categories(),
                crate::portal::map::small_map(state),
            );
            let settings = settings?;
            let name = settings
                .iter()
                .find(|(k, _)| k == daihoi_store::SETTING_PORTAL_NAME)
                .map(|(_, v)| v.trim().to_owned())
                .filter(|n| !n.is_empty());
            Ok::<_, HttpError>(ChromeCache {
                fetched_at: now,
                portal_name: name.unwrap_or_else(|| state.config.portal_name.clone()),
                categories: Arc::new(categories?),
                site: Arc::new(crate::portal::identity::SiteView::from_settings(&settings)),
                small_map: small_map?,
            })
        })
        .await
}

/// The portal's name: the stored setting, else the configured default.
pub async fn portal_name(state: &PortalState) -> Result<String, HttpError> {
    Ok(chrome(state).await?.portal_name)
}

/// Builds the page chrome: portal name, menu, statistics. `title` is the page's own title; the
/// `<title>` becomes "`title` — portal name".
pub async fn layout(
    state: &PortalState,
    headers: &HeaderMap,
    path: &str,
    title: &str,
) -> Result<Layout, HttpError> {
    let _ = headers;
    let now = state.now();
    let (chrome, figures) = tokio::join!(chrome(state), state.visits.figures(&state.store, now));
    let chrome = chrome?;
    let figures = figures?;
    let name = chrome.portal_name;
    let stats = stats_view(state, &figures, now);
    let full_title = if title.is_empty() || title == name {
        name.clone()
    } else {
        format!("{title} — {name}")
    };
    let feeds = feed_links(&name, None);
    Ok(Layout {
        description: format!("{name}: tin tức, bài viết, phỏng vấn."),
        title: full_title,
        portal_name: name,
        canonical: None,
        og: None,
        search_query: String::new(),
        current_path: path.to_owned(),
        // The menu shows the top sections; those under them are listed on their section's page.
        categories: chrome
            .categories
            .iter()
            .filter(|c| c.parent_id.is_none())
            .map(|c| {
                let url = category_url(&c.slug);
                NavItem {
                    current: path == url,
                    url,
                    name: c.name.clone(),
                }
            })
            .collect(),
        feeds,
        stats,
        site: chrome.site,
        small_map: chrome.small_map,
    })
}

/// The statistics block's texts for `figures` at `now` (month and year named in local time).
pub fn stats_view(
    state: &PortalState,
    figures: &crate::portal::visits::VisitFiguresNow,
    now: chrono::DateTime<chrono::Utc>,
) -> StatsView {
    let local = now.with_timezone(&state.config.time_zone);
    StatsView {
        online: format_int(figures.online as i64),
        today: format_int(figures.sums.today as i64),
        yesterday: format_int(figures.sums.yesterday as i64),
        month: format_int(figures.sums.month as i64),
        year: format_int(figures.sums.year as i64),
        total: format_int(figures.sums.total as i64),
        month_label: format!("Tháng {:02}", local.month()),
        year_label: format!("Năm {}", local.year()),
    }
}

/// Trang chủ.
#[derive(Template)]
#[template(path = "portal/home.html")]
pub struct HomePage {
    /// Chrome.
    pub layout: Layout,
    /// Latest articles.
    pub cards: Vec<ArticleCard>,
    /// Cards show their category.
    pub show_category: bool,
}

/// Một ô của thanh phân trang — a page link, or an ellipsis where pages are left out.
#[derive(Debug, Clone)]
pub struct PageLink {
    /// Page number; `None` for an ellipsis.
    pub number: Option<u32>,
    /// Its address.
    pub url: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// Phân trang.
#[derive(Debug, Clone, Default)]
pub struct Pager {
    /// Previous page address.
    pub prev: Option<String>,
    /// Next page address.
    pub next: Option<String>,
    /// The pages shown: a window around the current one, the first and the last, with ellipses.
    pub pages: Vec<PageLink>,
}

/// Trang chuyên mục.
#[derive(Template)]
#[template(path = "portal/category.html")]
pub struct CategoryPage {
    /// Chrome.
    pub layout: Layout,
    /// Category name.
    pub category_name: String,
    /// Category description.
    pub category_description: String,
    /// The sections above this one, outermost first (a tree moved over from NukeViet).
    pub ancestors: Vec<NavItem>,
    /// The sections directly under this one.
    pub children: Vec<NavItem>,
    /// Articles on this page.
    pub cards: Vec<ArticleCard>,
    /// Cards show their category (no: they are all of this one).
    pub show_category: bool,
    /// Pagination.
    pub pager: Pager,
}

/// Ảnh hiển thị — a photo shown on the article page.
#[derive(Debug, Clone)]
pub struct PhotoView {
    /// Image address.
    pub src: String,
    /// Alternative text.
    pub alt: String,
    /// Caption (may be empty).
    pub caption: String,
    /// Width and height in pixels (0 when unknown: the attributes are then left out).
    pub width: u32,
    /// See `width`.
    pub height: u32,
    /// `srcset` with the narrow copy (empty when there is none).
    pub srcset: String,
}

/// `sizes` of an article's cover photo: the whole width on a phone (less the page's margins),
/// the main column on a wider screen.
pub const COVER_PHOTO_SIZES: &str = "(max-width: 52rem) calc(100vw - 2rem), 51rem";

/// Bài viết hiển thị — what the article page shows.
#[derive(Debug, Clone)]
pub struct ArticleView {
    /// Title.
    pub title: String,
    /// Lead.
    pub lead: String,
    /// Sanitised body HTML.
    pub body_html: String,
    /// Author (may be empty).
    pub author: String,
    /// Source (may be empty).
    pub source: String,
    /// `dd/mm/yyyy HH:MM`.
    pub published: String,
    /// RFC 3339.
    pub published_iso: String,
    /// Category name.
    pub category_name: String,
    /// Category address.
    pub category_url: String,
    /// `/tin-tuc/<slug>`.
    pub url: String,
    /// Absolute address.
    pub absolute_url: String,
    /// `/tin-tuc/<slug>/ban-in`.
    pub print_url: String,
    /// `/tin-tuc/<slug>/rating`.
    pub rating_url: String,
    /// Cover photo.
    pub cover: Option<PhotoView>,
    /// The picture a share card shows (`og:image`): the cover photo, shown above or placed in
    /// the body, else the first photo the body places. A photo uploaded but placed nowhere is
    /// not published (the editor lists it as not placed).
    pub share_image: Option<PhotoView>,
}

/// Bài viết đã dựng — an article with everything its page shows that does not depend on the
/// request (cached for a moment by slug).
#[derive(Debug, Clone)]
pub struct CachedArticle {
    /// The stored article.
    pub article: daihoi_store::Article,
    /// Its view, with `absolute_url` left empty (it depends on the request's host).
    pub view: ArticleView,
}

/// Liên kết chia sẻ.
#[derive(Debug, Clone)]
pub struct ShareLinks {
    /// Facebook sharer.
    pub facebook: String,
    /// X (Twitter) intent.
    pub x: String,
    /// Zalo share.
    pub zalo: String,
}

/// Đánh giá hiển thị.
#[derive(Debug, Clone)]
pub struct RatingView {
    /// "Tổng số điểm của bài viết là: X trong Y đánh giá".
    pub sentence: String,
    /// Average with one decimal, Vietnamese comma ("4,3"); "chưa có" before any rating.
    pub average: String,
}

/// Trang bài viết.
#[derive(Template)]
#[template(path = "portal/article.html")]
pub struct ArticlePage {
    /// Chrome.
    pub layout: Layout,
    /// The article.
    pub article: ArticleView,
    /// Share links.
    pub share: ShareLinks,
    /// The rating form's token (bound to the visitor id).
    pub csrf_token: String,
    /// Rating figures.
    pub rating: RatingView,
    /// Message after a rating (no-JS flow), empty otherwise.
    pub rating_message: String,
    /// Whether the message is a refusal.
    pub rating_message_is_error: bool,
    /// The stars this reader gave the article, when they rated it: the form is then shown with
    /// their choice and disabled.
    pub rated_stars: Option<u8>,
}

impl ArticlePage {
    /// Whether this reader gave the article `n` stars.
    pub fn rated_with(&self, n: &u8) -> bool {
        self.rated_stars == Some(*n)
    }
}

/// Bản in.
#[derive(Template)]
#[template(path = "portal/print.html")]
pub struct PrintPage {
    /// Portal name.
    pub portal_name: String,
    /// The article.
    pub article: ArticleView,
}

/// Trang tìm kiếm.
#[derive(Template)]
#[template(path = "portal/search.html")]
pub struct SearchPage {
    /// Chrome.
    pub layout: Layout,
    /// The query as typed.
    pub query: String,
    /// "Tìm thấy N kết quả cho «…»" (articles, documents, about pages, answered questions), or why the query cannot be searched; empty without a query.
    pub summary: String,
    /// The hits of this page, best first.
    pub hits: Vec<SearchHitView>,
    /// Cards show their category.
    pub show_category: bool,
    /// Pages of results (`?trang=N`).
    pub pager: Pager,
}

/// Một kết quả tìm kiếm — a hit as the search page shows it: the article's card, its title and a
/// snippet of its text with the query words marked (`<mark>`; the text is escaped).
#[derive(Debug, Clone)]
pub struct SearchHitView {
    /// The article's card (address, date, category, thumbnail).
    pub card: ArticleCard,
    /// The title in pieces, query words marked.
    pub title: Vec<Segment>,
    /// An excerpt of the lead and body, query words marked.
    pub snippet: Vec<Segment>,
}

impl SearchHitView {
    /// The view of `hit` for the query `words`.
    pub fn of(state: &PortalState, hit: &SearchHit, words: &[String]) -> SearchHitView {
        match &hit.item {
            SearchItem::Article(a) => SearchHitView {
                card: ArticleCard::from_summary(state, a),
                title: highlight(&a.title, words).segments,
                snippet: snippet(&hit.text, words, SNIPPET_CHARS).segments,
            },
            // An answered question: its card names the «Hỏi đáp» section, never the contact.
            SearchItem::Question(q) => SearchHitView {
                card: ArticleCard {
                    url: super::questions::question_url(q.id),
                    title: q.subject.clone(),
                    lead: String::new(),
                    published: local_time(state, q.published_at),
                    published_iso: iso_time(state, q.published_at),
                    category_name: "Hỏi đáp".to_owned(),
                    category_url: "/hoi-dap".to_owned(),
                    thumb: None,
                },
                title: highlight(&q.subject, words).segments,
                snippet: snippet(&hit.text, words, SNIPPET_CHARS).segments,
            },
            SearchItem::Document(d) => {
                let at = d.published_at.unwrap_or(d.updated_at);
                let title = format!("{} {}: {}", d.type_name, d.number_symbol, d.title);
                SearchHitView {
                    card: ArticleCard {
                        url: super::documents::document_url(d),
                        title: title.clone(),
                        lead: d.summary.clone(),
                        published: local_time(state, at),
                        published_iso: iso_time(state, at),
                        category_name: "Văn bản".to_owned(),
                        category_url: "/van-ban".to_owned(),
                        thumb: None,
                    },
                    title: highlight(&title, words).segments,
                    snippet: snippet(&hit.text, words, SNIPPET_CHARS).segments,
                }
            }
            SearchItem::Page(p) => SearchHitView {
                card: ArticleCard {
                    url: super::about::about_url(&p.slug),
                    title: p.title.clone(),
                    lead: String::new(),
                    published: local_time(state, p.updated_at),
                    published_iso: iso_time(state, p.updated_at),
                    category_name: "Giới thiệu".to_owned(),
                    category_url: "/gioi-thieu".to_owned(),
                    thumb: None,
                },
                title: highlight(&p.title, words).segments,
                snippet: snippet(&hit.text, words, SNIPPET_CHARS).segments,
            },
        }
    }
}

/// Trang lỗi.
#[derive(Template)]
#[template(path = "portal/error.html")]
pub struct ErrorPage {
    /// Chrome.
    pub layout: Layout,
    /// HTTP status.
    pub status: u16,
    /// Heading.
    pub heading: String,
    /// What went wrong, in Vietnamese.
    pub message: String,
}

/// The rating figures as shown: the domain's sentence and average of `summary` (see
/// [`RatingSummary::sentence`] and [`RatingSummary::average_text`]).
pub fn rating_view(summary: RatingSummary) -> RatingView {
    RatingView {
        sentence: summary.sentence(),
        average: summary.average_text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_view_words_the_domain_summary() {
        let v = rating_view(RatingSummary::default());
        assert_eq!(
            v.sentence,
            "Tổng số điểm của bài viết là: 0 trong 0 đánh giá"
        );
        assert_eq!(v.average, "chưa có");
        let v = rating_view(RatingSummary { sum: 13, count: 3 });
        assert_eq!(v.average, "4,3");
        let v = rating_view(RatingSummary {
            sum: 5000,
            count: 1000,
        });
        assert_eq!(
            v.sentence,
            "Tổng số điểm của bài viết là: 5.000 trong 1.000 đánh giá"
        );
        assert_eq!(v.average, "5,0");
    }
}
