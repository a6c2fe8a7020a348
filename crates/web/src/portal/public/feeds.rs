//! Tin RSS và Atom — the feeds of the latest published articles: the whole portal at `/rss.xml`
//! and `/atom.xml`, one category at `/chuyen-muc/{slug}/rss.xml` and `/chuyen-muc/{slug}/atom.xml`.
//!
//! A feed lists the [`FEED_SIZE`] newest articles public now (the same list the home and
//! category pages read, from the same short-lived cache), so drafts, scheduled and withdrawn
//! articles never appear. Links are absolute from [`crate::Config::base_url`], never from the
//! request's `Host`; dates are in the portal's time zone (RFC 822 in RSS, RFC 3339 in Atom).

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use daihoi_store::ArticleSummary;

use super::pages::{published_page, slug_from};
use super::views::{self, article_url, category_url};
use super::xml::XmlDoc;
use crate::kernel::HttpError;
use crate::portal::PortalState;

/// Số bài mỗi tin — articles in a feed.
pub const FEED_SIZE: u32 = 20;

/// Loại tin — the two feed formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// RSS 2.0.
    Rss,
    /// Atom 1.0 (RFC 4287).
    Atom,
}

impl FeedKind {
    /// The file name in addresses (`rss.xml`, `atom.xml`).
    pub fn file(self) -> &'static str {
        match self {
            FeedKind::Rss => "rss.xml",
            FeedKind::Atom => "atom.xml",
        }
    }

    /// The media type of the feed (`<link rel="alternate" type=…>` and `Content-Type`).
    pub fn media_type(self) -> &'static str {
        match self {
            FeedKind::Rss => "application/rss+xml",
            FeedKind::Atom => "application/atom+xml",
        }
    }
}

/// The address of the whole portal's feed (`/rss.xml`) or of a category's
/// (`/chuyen-muc/{slug}/rss.xml`).
pub fn feed_url(kind: FeedKind, category_slug: Option<&str>) -> String {
    match category_slug {
        None => format!("/{}", kind.file()),
        Some(slug) => format!("{}/{}", category_url(slug), kind.file()),
    }
}

/// Một tin — what a feed says, with absolute addresses.
#[derive(Debug, Clone)]
pub struct Feed {
    /// Tên tin: the portal's name, or "category — portal".
    pub title: String,
    /// One sentence on what it lists.
    pub description: String,
    /// The HTML page the feed follows (home or category), absolute.
    pub page_url: String,
    /// The feed's own address, absolute.
    pub self_url: String,
    /// The portal's name (Atom's author of the feed).
    pub publisher: String,
    /// Its items, newest first.
    pub items: Vec<FeedItem>,
    /// When it was asked for (Atom's `updated` of a feed with no item).
    pub now: DateTime<Utc>,
}

/// Một mục — one article in a feed.
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// Title.
    pub title: String,
    /// The article's address, absolute.
    pub url: String,
    /// The lead.
    pub summary: String,
    /// Author line (may be empty).
    pub author: String,
    /// Category name.
    pub category: String,
    /// Category slug.
    pub category_slug: String,
    /// Publication time.
    pub published: DateTime<Utc>,
    /// Last change (never before its publication).
    pub updated: DateTime<Utc>,
}

impl FeedItem {
    /// The item of a listed article, its address under `base`.
    pub fn of(base: &str, a: &ArticleSummary) -> FeedItem {
        let published = a.published_at.unwrap_or(a.updated_at);
        FeedItem {
            title: a.title.clone(),
            url: format!("{base}{}", article_url(&a.slug)),
            summary: a.lead.clone(),
            author: a.author.clone(),
            category: a.category_name.clone(),
            category_slug: a.category_slug.clone(),
            published,
            updated: a.updated_at.max(published),
        }
    }
}

/// RFC 822 (RSS's date: `Sat, 10 Jul 2021 14:05:00 +0700`) in `tz`.
pub fn rfc822(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).to_rfc2822()
}

/// RFC 3339 (Atom's date: `2021-07-10T14:05:00+07:00`) in `tz`.
pub fn rfc3339(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The feed as RSS 2.0, dates in `tz`.
pub fn rss(feed: &Feed, tz: Tz) -> Vec<u8> {
    let mut doc = XmlDoc::new(1024 + 640 * feed.items.len());
    doc.open(
        "rss",
        &[
            ("version", "2.0"),
            ("xmlns:atom", "http://www.w3.org/2005/Atom"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ],
    );
    doc.open("channel", &[]);
    doc.text("title", &[], &feed.title);
    doc.text("link", &[], &feed.page_url);
    doc.text("description", &[], &feed.description);
    doc.text("language", &[], "vi");
    doc.empty(
        "atom:link",
        &[
            ("href", &feed.self_url),
            ("rel", "self"),
            ("type", FeedKind::Rss.media_type()),
        ],
    );
    if let Some(newest) = feed.items.iter().map(|i| i.updated).max() {
        doc.text("lastBuildDate", &[], &rfc822(newest, tz));
    }
    for item in &feed.items {
        doc.open("item", &[]);
        doc.text("title", &[], &item.title);
        doc.text("link", &[], &item.url);
        doc.text("guid", &[("isPermaLink", "true")], &item.url);
        doc.text("pubDate", &[], &rfc822(item.published, tz));
        if !item.summary.is_empty() {
            doc.text("description", &[], &item.summary);
        }
        if !item.author.is_empty() {
            doc.text("dc:creator", &[], &item.author);
        }
        doc.text("category", &[], &item.category);
        doc.close("item");
    }
    doc.close("channel");
    doc.close("rss");
    doc.finish()
}

/// The feed as Atom 1.0, dates in `tz`.
pub fn atom(feed: &Feed, tz: Tz) -> Vec<u8> {
    let mut doc = XmlDoc::new(1024 + 720 * feed.items.len());
    doc.open(
        "feed",
        &[("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", "vi")],
    );
    doc.text("title", &[], &feed.title);
    doc.text("subtitle", &[], &feed.description);
    doc.text("id", &[], &feed.self_url);
    doc.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &feed.page_url),
        ],
    );
    doc.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", FeedKind::Atom.media_type()),
            ("href", &feed.self_url),
        ],
    );
    let updated = feed
        .items
        .iter()
        .map(|i| i.updated)
        .max()
        .unwrap_or(feed.now);
    doc.text("updated", &[], &rfc3339(updated, tz));
    doc.open("author", &[]);
    doc.text("name", &[], &feed.publisher);
    doc.close("author");
    for item in &feed.items {
        doc.open("entry", &[]);
        doc.text("title", &[], &item.title);
        doc.empty(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("href", &item.url),
            ],
        );
        doc.text("id", &[], &item.url);
        doc.text("published", &[], &rfc3339(item.published, tz));
        doc.text("updated", &[], &rfc3339(item.updated, tz));
        if !item.author.is_empty() {
            doc.open("author", &[]);
            doc.text("name", &[], &item.author);
            doc.close("author");
        }
        doc.empty(
            "category",
            &[("term", &item.category_slug), ("label", &item.category)],
        );
        if !item.summary.is_empty() {
            doc.text("summary", &[], &item.summary);
        }
        doc.close("entry");
    }
    doc.close("feed");
    doc.finish()
}

/// The feed of `kind` for the whole portal (`category_slug` `None`) or one category, as a
/// response; an unknown category is a Vietnamese 404.
async fn serve(
    state: &PortalState,
    kind: FeedKind,
    category_slug: Option<String>,
) -> Result<Response, HttpError> {
    let chrome = views::chrome(state).await?;
    let category = match &category_slug {
        None => None,
        Some(slug) => Some(
            chrome
                .categories
                .iter()
                .find(|c| &c.slug == slug)
                .cloned()
                .ok_or_else(|| {
                    HttpError::NotFound(format!(
                        "Không có tin RSS/Atom cho chuyên mục «{}»: chuyên mục không tồn tại.",
                        crate::kernel::error::quoted(slug)
                    ))
                })?,
        ),
    };
    let listed = published_page(state, category.as_ref().map(|c| c.id), 1, FEED_SIZE).await?;
    let base = state.config.base_url();
    let portal = chrome.portal_name.clone();
    let (title, description, page) = match &category {
        None => (
            portal.clone(),
            format!("Tin bài mới nhất của {portal}."),
            "/".to_owned(),
        ),
        Some(c) => (
            format!("{} — {portal}", c.name),
            format!("Tin bài mới nhất chuyên mục «{}» của {portal}.", c.name),
            category_url(&c.slug),
        ),
    };
    let feed = Feed {
        title,
        description,
        page_url: format!("{base}{page}"),
        self_url: format!(
            "{base}{}",
            feed_url(kind, category.as_ref().map(|c| c.slug.as_str()))
        ),
        publisher: portal,
        items: listed
            .items
            .iter()
            .map(|a| FeedItem::of(&base, a))
            .collect(),
        now: state.now(),
    };
    let tz = state.config.time_zone;
    let (body, media) = match kind {
        FeedKind::Rss => (rss(&feed, tz), "application/rss+xml; charset=utf-8"),
        FeedKind::Atom => (atom(&feed, tz), "application/atom+xml; charset=utf-8"),
    };
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static(media))],
        body,
    )
        .into_response())
}

/// `GET /rss.xml`.
pub async fn site_rss(State(state): State<PortalState>) -> Result<Response, HttpError> {
    serve(&state, FeedKind::Rss, None).await
}

/// `GET /atom.xml`.
pub async fn site_atom(State(state): State<PortalState>) -> Result<Response, HttpError> {
    serve(&state, FeedKind::Atom, None).await
}

/// `GET /chuyen-muc/{slug}/rss.xml`.
pub async fn category_rss(
    State(state): State<PortalState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    serve(&state, FeedKind::Rss, Some(slug_from(path)?)).await
}

/// `GET /chuyen-muc/{slug}/atom.xml`.
pub async fn category_atom(
    State(state): State<PortalState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    serve(&state, FeedKind::Atom, Some(slug_from(path)?)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn feed_with(title: &str, summary: &str, author: &str) -> Feed {
        let at = Utc.with_ymd_and_hms(2021, 7, 10, 7, 5, 0).unwrap();
        Feed {
            title: format!("{title} — cổng"),
            description: summary.to_owned(),
            page_url: "https://x.vn/".to_owned(),
            self_url: "https://x.vn/rss.xml".to_owned(),
            publisher: author.to_owned(),
            items: vec![FeedItem {
                title: title.to_owned(),
                url: "https://x.vn/tin-tuc/a?x=1&y=2".to_owned(),
                summary: summary.to_owned(),
                author: author.to_owned(),
                category: title.to_owned(),
                category_slug: "a\"b".to_owned(),
                published: at,
                updated: at,
            }],
            now: at,
        }
    }

    /// The text of the first element named `name` under the document's first `item`/`entry`.
    fn item_field(doc: &roxmltree::Document, item: &str, name: &str) -> Option<String> {
        doc.descendants()
            .find(|n| n.tag_name().name() == item)?
            .children()
            .find(|n| n.tag_name().name() == name)
            .map(|n| n.text().unwrap_or("").to_owned())
    }

    proptest! {
        /// Whatever an editor or an imported site put in a title, lead or author line, both
        /// feeds parse, and give the text back less only what XML cannot carry.
        #[test]
        fn any_text_gives_a_valid_feed(title in any::<String>(), summary in any::<String>(), author in "[^\\x00]{0,20}") {
            let feed = feed_with(&title, &summary, &author);
            let hcm = chrono_tz::Asia::Ho_Chi_Minh;
            let clean = |s: &str| super::super::xml::xml_safe(s).into_owned();
            // XML parsers normalise line ends (CR LF and CR become LF).
            let read = |s: String| s.replace("\r\n", "\n").replace('\r', "\n");
            let rss_bytes = rss(&feed, hcm);
            let rss_text = std::str::from_utf8(&rss_bytes).unwrap();
            let doc = roxmltree::Document::parse(rss_text).map_err(|e| TestCaseError::fail(format!("{e}: {rss_text}")))?;
            prop_assert_eq!(item_field(&doc, "item", "title"), Some(read(clean(&title))));
            prop_assert_eq!(item_field(&doc, "item", "link"), Some("https://x.vn/tin-tuc/a?x=1&y=2".to_owned()));
            let atom_bytes = atom(&feed, hcm);
            let atom_text = std::str::from_utf8(&atom_bytes).unwrap();
            let doc = roxmltree::Document::parse(atom_text).map_err(|e| TestCaseError::fail(format!("{e}: {atom_text}")))?;
            prop_assert_eq!(item_field(&doc, "entry", "title"), Some(read(clean(&title))));
        }
    }

    #[test]
    fn dates_are_in_the_portal_s_time_zone() {
        let hcm = chrono_tz::Asia::Ho_Chi_Minh;
        let at = Utc.with_ymd_and_hms(2021, 7, 10, 7, 5, 0).unwrap();
        assert_eq!(rfc822(at, hcm), "Sat, 10 Jul 2021 14:05:00 +0700");
        assert_eq!(rfc3339(at, hcm), "2021-07-10T14:05:00+07:00");
    }
}
