//! Sơ đồ trang — the site maps: for search engines a sitemap index (`/sitemap.xml`) over files
//! of at most 50.000 addresses (`/sitemap-pages.xml`: home, sections, site map, congress pages;
//! `/sitemap-articles-1.xml`, `-2`, … the public articles by id), and for readers the tree
//! `/so-do-trang` (sections, years, months with their counts) with a paged list per month
//! (`/so-do-trang/{section}/{yyyy-mm}`).
//!
//! The article files are *kept*: built once from one read of every public article
//! ([`daihoi_store::Store::published_entries`]) and reused while the store's
//! [`CatalogStamp`] is unchanged. The stamp is read at most once per
//! [`CATALOG_CHECK_MS`] (one request checks, the others use the kept files meanwhile), and at once
//! after this instance changes an article or a section ([`PortalState::article_changed`],
//! [`PortalState::menu_changed`]); another instance's change, or a scheduled article coming out,
//! shows within that time.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use daihoi_domain::sitemap::{MAX_URLS_PER_FILE, YearMonth, file_count};
use daihoi_domain::vn::format_int;
use daihoi_store::{CatalogStamp, Category, PublishedEntry};

use super::congress::{INDEX_LIMIT, congress_url};
use super::feeds::{FeedKind, feed_url};
use super::pages::{page_number, query_map, slug_from};
use super::views::{self, Layout, Pager, article_url, category_url};
use super::xml::XmlDoc;
use crate::kernel::HttpError;
use crate::kernel::error::quoted;
use crate::portal::PortalState;

/// How often, at most, the kept site maps ask the store whether the articles changed (ms).
pub const CATALOG_CHECK_MS: i64 = 2_000;

/// Bài mỗi trang tháng — articles per page of a month in the readable site map.
pub const MONTH_PAGE_SIZE: u32 = 50;

/// Tệp sơ đồ đã dựng — the site maps as kept.
#[derive(Debug)]
pub struct SiteCatalog {
    /// The store's stamp when the article files and months were built (an article's address
    /// does not name its section, so the sections' addresses do not matter to them).
    stamp: CatalogStamp,
    /// `/sitemap-articles-{n}.xml`, n from 1, with the latest change of an article in each.
    article_files: Vec<(Bytes, Option<DateTime<Utc>>)>,
    /// `/sitemap-pages.xml`.
    pages_file: Bytes,
    /// `/sitemap.xml`.
    index: Bytes,
    /// Per section id: its months (newest first) with the count of public articles in each.
    pub months: HashMap<i64, Vec<(YearMonth, u64)>>,
    /// The sections, in menu order.
    pub categories: Arc<Vec<Category>>,
    /// How many questions are published in «Hỏi đáp».
    pub questions: u64,
}

/// The kept site maps, rebuilt only when what they list changed (see the module's text).
pub async fn catalog(state: &PortalState) -> Result<Arc<SiteCatalog>, HttpError> {
    let now = state.now();
    state
        .sitemaps
        .get_or_fill((), now, async || {
            let chrome = views::chrome(state).await?;
            let (stamp, congresses, questions) = tokio::join!(
                state.store.catalog_stamp(now),
                state.store.congresses_to_name(INDEX_LIMIT),
                state.store.published_question_ids(),
            );
            let questions = questions?;
            let stamp = stamp?;
            let base = state.config.base_url();
            let tz = state.config.time_zone;
            let kept = state.sitemaps_kept.lock().map(|k| k.clone()).ok().flatten();
            let (article_files, months) = match kept {
                Some(k) if k.stamp == stamp => (k.article_files.clone(), k.months.clone()),
                _ => {
                    let entries = state.store.published_entries(now).await?;
                    (article_files(&base, &entries, tz), months_of(&entries, tz))
                }
            };
            let congress_ids: Vec<i64> = congresses?.iter().map(|(c, _)| c.id).collect();
            let sections = super::section_paths(state).await?;
            let pages_file = Bytes::from(pages_file(
                &base,
                &chrome.categories,
                &congress_ids,
                &questions,
                &sections,
                tz,
            ));
            let index = Bytes::from(index_file(&base, &article_files, tz));
            let built = Arc::new(SiteCatalog {
                stamp,
                article_files,
                pages_file,
                index,
                months,
                categories: chrome.categories.clone(),
                questions: questions.len() as u64,
            });
            if let Ok(mut k) = state.sitemaps_kept.lock() {
                *k = Some(built.clone());
            }
            Ok::<_, HttpError>(built)
        })
        .await
}

/// A `<url>` of a sitemap.
fn url(doc: &mut XmlDoc, loc: &str, lastmod: Option<&str>) {
    doc.open("url", &[]);
    doc.text("loc", &[], loc);
    if let Some(m) = lastmod {
        doc.text("lastmod", &[], m);
    }
    doc.close("url");
}

const SITEMAP_NS: (&str, &str) = ("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");

/// W3C datetime of `at` in `tz` (the sitemaps' `lastmod`).
fn w3c(at: DateTime<Utc>, tz: Tz) -> String {
    super::feeds::rfc3339(at, tz)
}

/// The article files: `entries` (by id) cut into files of [`MAX_URLS_PER_FILE`], each with its
/// latest change.
fn article_files(
    base: &str,
    entries: &[PublishedEntry],
    tz: Tz,
) -> Vec<(Bytes, Option<DateTime<Utc>>)> {
    let mut files = Vec::with_capacity(file_count(entries.len()));
    let mut chunks: Vec<&[PublishedEntry]> = entries.chunks(MAX_URLS_PER_FILE).collect();
    if chunks.is_empty() {
        chunks.push(&[]);
    }
    for chunk in chunks {
        let mut doc = XmlDoc::new(128 + chunk.len() * 110);
        doc.open("urlset", &[SITEMAP_NS]);
        for e in chunk {
            let loc = format!("{base}{}", article_url(&e.slug));
            url(&mut doc, &loc, Some(&w3c(e.last_modified(), tz)));
        }
        doc.close("urlset");
        let latest = chunk.iter().map(PublishedEntry::last_modified).max();
        files.push((Bytes::from(doc.finish()), latest));
    }
    files
}

/// `/sitemap-pages.xml`: the home page, each section, the congress pages, the other sections'
/// pages (`extra`: about pages, documents), the work schedule, «Hỏi đáp» with each published
/// question (id, last change), «Liên hệ» and the readable site map.
fn pages_file(
    base: &str,
    categories: &[Category],
    congresses: &[i64],
    questions: &[(i64, DateTime<Utc>)],
    extra: &[String],
    tz: Tz,
) -> Vec<u8> {
    let mut doc = XmlDoc::new(
        1024 + 100 * (categories.len() + congresses.len() + questions.len() + extra.len()),
    );
    doc.open("urlset", &[SITEMAP_NS]);
    url(&mut doc, &format!("{base}/"), None);
    for c in categories {
        url(&mut doc, &format!("{base}{}", category_url(&c.slug)), None);
    }
    url(&mut doc, &format!("{base}/dai-hoi-cac-cap"), None);
    for id in congresses {
        url(&mut doc, &format!("{base}{}", congress_url(*id)), None);
    }
    for path in extra {
        url(&mut doc, &format!("{base}{path}"), None);
    }
    url(&mut doc, &format!("{base}/lich-cong-tac"), None);
    url(&mut doc, &format!("{base}/hoi-dap"), None);
    for (id, changed) in questions {
        let loc = format!("{base}{}", super::questions::question_url(*id));
        url(&mut doc, &loc, Some(&w3c(*changed, tz)));
    }
    url(&mut doc, &format!("{base}/lien-he"), None);
    url(&mut doc, &format!("{base}/so-do-trang"), None);
    doc.close("urlset");
    doc.finish()
}

/// `/sitemap.xml`: the index over the pages file and the article files.
fn index_file(base: &str, article_files: &[(Bytes, Option<DateTime<Utc>>)], tz: Tz) -> Vec<u8> {
    let mut doc = XmlDoc::new(256 + 160 * article_files.len());
    doc.open("sitemapindex", &[SITEMAP_NS]);
    doc.open("sitemap", &[]);
    doc.text("loc", &[], &format!("{base}/sitemap-pages.xml"));
    doc.close("sitemap");
    for (n, (_, latest)) in article_files.iter().enumerate() {
        doc.open("sitemap", &[]);
        doc.text(
            "loc",
            &[],
            &format!("{base}/sitemap-articles-{}.xml", n + 1),
        );
        if let Some(at) = latest {
            doc.text("lastmod", &[], &w3c(*at, tz));
        }
        doc.close("sitemap");
    }
    doc.close("sitemapindex");
    doc.finish()
}

/// Per section, its months (newest first) with the count of articles published in each
/// (months on the calendar of `tz`).
fn months_of(entries: &[PublishedEntry], tz: Tz) -> HashMap<i64, Vec<(YearMonth, u64)>> {
    let mut counts: HashMap<i64, BTreeMap<YearMonth, u64>> = HashMap::new();
    for e in entries {
        *counts
            .entry(e.category_id)
            .or_default()
            .entry(YearMonth::of(e.published_at, tz))
            .or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(id, months)| (id, months.into_iter().rev().collect()))
        .collect()
}

fn xml_response(body: Bytes) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/xml; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

/// `GET /sitemap.xml` — the sitemap index (kept).
pub async fn index(State(state): State<PortalState>) -> Result<Response, HttpError> {
    Ok(xml_response(catalog(&state).await?.index.clone()))
}

/// `GET /sitemap-pages.xml` — the pages that are not articles (kept).
pub async fn pages(State(state): State<PortalState>) -> Result<Response, HttpError> {
    Ok(xml_response(catalog(&state).await?.pages_file.clone()))
}

/// `GET /sitemap-articles-{n}.xml` — the `n`-th file of articles (kept); the route captures
/// `{n}.xml`.
pub async fn articles(
    State(state): State<PortalState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    let name = slug_from(path)?;
    let catalog = catalog(&state).await?;
    let file = name
        .strip_suffix(".xml")
        .filter(|n| !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| catalog.article_files.get(i));
    match file {
        Some((bytes, _)) => Ok(xml_response(bytes.clone())),
        None => Err(HttpError::NotFound(format!(
            "Không có tệp sơ đồ trang «sitemap-articles-{}»: sơ đồ hiện có {} tệp bài viết (xem /sitemap.xml).",
            quoted(&name),
            format_int(catalog.article_files.len() as i64)
        ))),
    }
}

/// Một tháng trong sơ đồ — a month of a section as the readable site map links it.
#[derive(Debug, Clone)]
pub struct MonthLink {
    /// "Tháng 07".
    pub label: String,
    /// `/so-do-trang/{section}/{yyyy-mm}`.
    pub url: String,
    /// "12 bài".
    pub count: String,
}

/// Một năm của một chuyên mục — a year of a section with its months.
#[derive(Debug, Clone)]
pub struct YearGroup {
    /// The year.
    pub year: i32,
    /// "1.204 bài".
    pub count: String,
    /// Its months, newest first.
    pub months: Vec<MonthLink>,
}

/// Một nhánh của sơ đồ trang — a section with its years.
#[derive(Debug, Clone)]
pub struct SitemapSection {
    /// Section name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// "1.934 bài".
    pub count: String,
    /// Its years, newest first.
    pub years: Vec<YearGroup>,
}

/// Đường dẫn tin — a feed as the site map links it.
#[derive(Debug, Clone)]
pub struct FeedLine {
    /// Its name.
    pub name: String,
    /// Its address.
    pub url: String,
}

/// Sơ đồ trang.
#[derive(Template)]
#[template(path = "portal/sitemap.html")]
pub struct SitemapPage {
    /// Chrome.
    pub layout: Layout,
    /// One section per category.
    pub sections: Vec<SitemapSection>,
    /// The whole portal's feeds.
    pub feeds: Vec<FeedLine>,
    /// "12 câu hỏi": the published questions of «Hỏi đáp».
    pub questions: String,
    /// Giới thiệu: the public about pages as a tree.
    pub about: Vec<super::about::AboutNode>,
}

/// "12 bài".
fn articles_count(n: u64) -> String {
    format!("{} bài", format_int(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// `/so-do-trang/{section}/{yyyy-mm}`.
pub fn month_url(category_slug: &str, month: YearMonth) -> String {
    format!("/so-do-trang/{category_slug}/{month}")
}

/// `GET /so-do-trang` — the readable site map: each section with its years and months (and the
/// count of articles in each), the other pages, the feeds.
pub async fn tree(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let catalog = catalog(&state).await?;
    let sections = catalog
        .categories
        .iter()
        .map(|c| {
            let months = catalog.months.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
            let mut years: Vec<YearGroup> = Vec::new();
            for (month, n) in months {
                let link = MonthLink {
                    label: format!("Tháng {:02}", month.month()),
                    url: month_url(&c.slug, *month),
                    count: articles_count(*n),
                };
                match years.last_mut() {
                    Some(y) if y.year == month.year() => {
                        y.months.push(link);
                    }
                    _ => years.push(YearGroup {
                        year: month.year(),
                        count: String::new(),
                        months: vec![link],
                    }),
                }
            }
            for y in &mut years {
                let total: u64 = months
                    .iter()
                    .filter(|(m, _)| m.year() == y.year)
                    .map(|(_, n)| n)
                    .sum();
                y.count = articles_count(total);
            }
            SitemapSection {
                name: c.name.clone(),
                url: category_url(&c.slug),
                count: articles_count(months.iter().map(|(_, n)| n).sum()),
                years,
            }
        })
        .collect();
    let feeds = vec![
        FeedLine {
            name: "Tin RSS của toàn cổng".to_owned(),
            url: feed_url(FeedKind::Rss, None),
        },
        FeedLine {
            name: "Tin Atom của toàn cổng".to_owned(),
            url: feed_url(FeedKind::Atom, None),
        },
        FeedLine {
            name: "Tin RSS mục Hỏi đáp".to_owned(),
            url: "/hoi-dap/rss.xml".to_owned(),
        },
        FeedLine {
            name: "Tin RSS văn bản mới".to_owned(),
            url: "/van-ban/rss.xml".to_owned(),
        },
    ];
    let layout = views::layout(&state, &headers, "/so-do-trang", "Sơ đồ trang").await?;
    let about = super::about::tree_of(&state.store.public_about_pages().await?, None);
    Ok(Html(
        SitemapPage {
            layout,
            sections,
            feeds,
            questions: format!(
                "{} câu hỏi",
                format_int(i64::try_from(catalog.questions).unwrap_or(i64::MAX))
            ),
            about,
        }
        .render()?,
    )
    .into_response())
}

/// Một bài trong trang tháng.
#[derive(Debug, Clone)]
pub struct MonthArticle {
    /// Title.
    pub title: String,
    /// Address.
    pub url: String,
    /// `dd/mm/yyyy HH:MM`.
    pub published: String,
    /// RFC 3339.
    pub published_iso: String,
}

/// Trang một tháng của sơ đồ trang.
#[derive(Template)]
#[template(path = "portal/sitemap_month.html")]
pub struct SitemapMonthPage {
    /// Chrome.
    pub layout: Layout,
    /// Section name.
    pub section_name: String,
    /// Section page.
    pub section_url: String,
    /// "Tháng 07/2021".
    pub month_label: String,
    /// "Có 1.204 bài, trang 2 / 25."
    pub summary: String,
    /// Articles on this page, newest first.
    pub articles: Vec<MonthArticle>,
    /// Pages.
    pub pager: Pager,
}

/// `GET /so-do-trang/{section}/{yyyy-mm}?trang=N` — the articles of one section published in one
/// month, newest first, [`MONTH_PAGE_SIZE`] a page.
pub async fn month(
    State(state): State<PortalState>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    let Ok(Path((slug, month_text))) = path else {
        return Err(HttpError::BadRequest(
            "Địa chỉ không hợp lệ: đường dẫn chứa mã phần trăm (%) sai hoặc ký tự không đọc được."
                .to_owned(),
        ));
    };
    let params = query_map(query)?;
    let page = page_number(&params)?;
    let Some(month) = YearMonth::parse(&month_text) else {
        return Err(HttpError::BadRequest(format!(
            "Tháng «{}» trên địa chỉ không hợp lệ: hãy viết năm-tháng, ví dụ 2020-06.",
            quoted(&month_text)
        )));
    };
    let chrome = views::chrome(&state).await?;
    let Some(category) = chrome.categories.iter().find(|c| c.slug == slug).cloned() else {
        return Err(HttpError::NotFound(format!(
            "Không tìm thấy chuyên mục «{}» trong sơ đồ trang.",
            quoted(&slug)
        )));
    };
    let tz = state.config.time_zone;
    let listed = state
        .store
        .published_between(
            category.id,
            month.bounds(tz),
            state.now(),
            page,
            MONTH_PAGE_SIZE,
        )
        .await?;
    if listed.total == 0 {
        return Err(HttpError::NotFound(format!(
            "Chuyên mục «{}» không có bài viết nào trong {}.",
            category.name,
            month.label().to_lowercase()
        )));
    }
    let page_count = listed.page_count();
    if page > page_count {
        return Err(HttpError::NotFound(format!(
            "{} của chuyên mục «{}» chỉ có {} trang; không có trang {}.",
            month.label(),
            category.name,
            format_int(i64::from(page_count)),
            format_int(i64::from(page)),
        )));
    }
    let base = month_url(&category.slug, month);
    let url_of = |n: u32| {
        if n == 1 {
            base.clone()
        } else {
            format!("{base}?trang={n}")
        }
    };
    let title = if page > 1 {
        format!("{} — {} — trang {page}", category.name, month.label())
    } else {
        format!("{} — {}", category.name, month.label())
    };
    let mut layout = views::layout(&state, &headers, "/so-do-trang", &title).await?;
    layout.canonical = Some(format!("{}{}", state.config.base_url(), url_of(page)));
    let summary = format!(
        "{} — trang {} / {}.",
        articles_count(listed.total),
        format_int(i64::from(page)),
        format_int(i64::from(page_count))
    );
    Ok(Html(
        SitemapMonthPage {
            layout,
            section_name: category.name.clone(),
            section_url: category_url(&category.slug),
            month_label: month.label(),
            summary,
            articles: listed
                .items
                .iter()
                .map(|a| {
                    let at = a.published_at.unwrap_or(a.updated_at);
                    MonthArticle {
                        title: a.title.clone(),
                        url: article_url(&a.slug),
                        published: views::local_time(&state, at),
                        published_iso: views::iso_time(&state, at),
                    }
                })
                .collect(),
            pager: super::pages::pager(page, page_count, url_of),
        }
        .render()?,
    )
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entries(n: usize) -> Vec<PublishedEntry> {
        let at = Utc.with_ymd_and_hms(2021, 7, 10, 7, 5, 0).unwrap();
        (0..n)
            .map(|i| PublishedEntry {
                id: i as i64 + 1,
                slug: format!("bai-{i}"),
                category_id: 1 + (i % 3) as i64,
                published_at: at + chrono::Duration::hours(i as i64),
                updated_at: at,
            })
            .collect()
    }

    #[test]
    fn files_hold_at_most_fifty_thousand_addresses() {
        let hcm = chrono_tz::Asia::Ho_Chi_Minh;
        let list = entries(MAX_URLS_PER_FILE + 1);
        let files = article_files("https://x.vn", &list, hcm);
        let pages = String::from_utf8(pages_file(
            "https://x.vn",
            &[],
            &[],
            &[],
            &["/van-ban/7-x".to_owned()],
            hcm,
        ))
        .unwrap();
        assert!(pages.contains("<loc>https://x.vn/van-ban/7-x</loc>"));
        assert_eq!(files.len(), 2);
        let first = std::str::from_utf8(&files[0].0).unwrap();
        let second = std::str::from_utf8(&files[1].0).unwrap();
        assert_eq!(first.matches("<url>").count(), MAX_URLS_PER_FILE);
        assert_eq!(second.matches("<url>").count(), 1);
        assert!(second.contains("<loc>https://x.vn/tin-tuc/bai-50000</loc>"));
        // Each file's latest change is its own.
        assert_eq!(files[1].1, Some(list[MAX_URLS_PER_FILE].last_modified()));
        assert_eq!(
            files[0].1,
            Some(list[MAX_URLS_PER_FILE - 1].last_modified())
        );
        let index = String::from_utf8(index_file("https://x.vn", &files, hcm)).unwrap();
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert!(index.contains("<loc>https://x.vn/sitemap-articles-2.xml</loc>"));
        // No articles: one empty, valid file.
        let none = article_files("https://x.vn", &[], hcm);
        assert_eq!(none.len(), 1);
        assert_eq!(none[0].1, None);
        assert!(std::str::from_utf8(&none[0].0).unwrap().contains("<urlset"));
    }

    #[test]
    fn months_are_counted_per_section_newest_first() {
        let hcm = chrono_tz::Asia::Ho_Chi_Minh;
        // 100 articles an hour apart from 10/07/2021 14:05 (Hà Nội): all in July.
        let months = months_of(&entries(100), hcm);
        let july = YearMonth::new(2021, 7).unwrap();
        assert_eq!(months[&1], vec![(july, 34)]);
        assert_eq!(months[&2], vec![(july, 33)]);
        // 1.000 hours: into August, newest first.
        let months = months_of(&entries(1000), hcm);
        let august = YearMonth::new(2021, 8).unwrap();
        assert_eq!(months[&1][0].0, august);
        assert_eq!(months[&1][1].0, july);
        let total: u64 = months.values().flatten().map(|(_, n)| n).sum();
        assert_eq!(total, 1000);
    }
}
