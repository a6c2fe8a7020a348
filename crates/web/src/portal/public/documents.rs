//! Văn bản trên cổng — the public documents: the list `/van-ban` with its filters (type, issuing
//! body, year, signer) and search box, paged; a document's page `/van-ban/{id}-{slug}`; its PDF
//! `/van-ban/{id}/tep`; the feed `/van-ban/rss.xml`.
//!
//! Every read here goes through the store's public queries, which never return a document that
//! is unpublished or classified "Mật" or higher: such a document is a 404 by id, is not listed,
//! has no feed item and its file is not served.

use std::collections::HashMap;

use askama::Template;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::document::pdf_file_name;
use daihoi_domain::vn::format::{format_date, format_int};
use daihoi_domain::vn::{nfc, slugify};
use daihoi_store::{Document, DocumentFacets, DocumentFilter, DocumentType};

use super::feeds::{Feed, FeedItem, rss};
use super::pages::{encode_component, page_number, pager, query_map, slug_from};
use super::views::{self, FeedLink, Layout, Pager};
use crate::kernel::HttpError;
use crate::kernel::error::quoted;
use crate::portal::PortalState;
use crate::portal::document_files::{documents_dir, path_of};

/// Văn bản mỗi trang — documents per page of the list.
pub const DOCUMENT_PAGE_SIZE: u32 = 20;

/// Văn bản trong tin — documents in the feed.
pub const DOCUMENT_FEED_SIZE: u32 = 20;

/// Longest search text kept from the address, in characters.
const QUERY_MAX: usize = 200;

/// `/van-ban/{id}-{slug}`: the document's page.
pub fn document_url(d: &Document) -> String {
    format!("/van-ban/{}-{}", d.id, slugify(&d.title))
}

/// `/van-ban/{id}/tep`: the document's PDF.
pub fn file_url(id: i64) -> String {
    format!("/van-ban/{id}/tep")
}

/// "1,2 MB", "350 KB".
pub fn file_size_text(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{},{} MB", format_int(tenths / 10), tenths % 10)
    } else {
        format!("{} KB", format_int((bytes + 1023) / 1024))
    }
}

/// Một văn bản trong danh sách.
#[derive(Debug, Clone)]
pub struct DocumentLine {
    /// Its page.
    pub url: String,
    /// Số, ký hiệu.
    pub number: String,
    /// Trích yếu.
    pub title: String,
    /// Loại.
    pub type_name: String,
    /// `dd/mm/yyyy`.
    pub issued: String,
    /// `yyyy-mm-dd`.
    pub issued_iso: String,
    /// Cơ quan ban hành.
    pub issuer: String,
}

impl DocumentLine {
    fn of(d: &Document) -> DocumentLine {
        DocumentLine {
            url: document_url(d),
            number: d.number_symbol.clone(),
            title: d.title.clone(),
            type_name: d.type_name.clone(),
            issued: format_date(d.issued_on),
            issued_iso: d.issued_on.to_string(),
            issuer: d.issuer.clone(),
        }
    }
}

/// One choice of a filter's list.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// What the reader sees.
    pub label: String,
    /// Whether it is the one chosen.
    pub selected: bool,
}

/// Trang danh sách văn bản.
#[derive(Template)]
#[template(path = "portal/documents.html")]
pub struct DocumentsPage {
    /// Chrome.
    pub layout: Layout,
    /// The search box's text.
    pub query: String,
    /// Types.
    pub types: Vec<Choice>,
    /// Issuing bodies.
    pub issuers: Vec<Choice>,
    /// Years.
    pub years: Vec<Choice>,
    /// Signers.
    pub signers: Vec<Choice>,
    /// "Có 25 văn bản." / "Không có văn bản nào phù hợp."
    pub summary: String,
    /// Whether any filter is set.
    pub filtered: bool,
    /// This page's documents.
    pub documents: Vec<DocumentLine>,
    /// Pages.
    pub pager: Pager,
}

/// The filter read from the address, and the address parameters that give it back.
struct ReadFilter {
    filter: DocumentFilter,
    query: String,
    params: Vec<(&'static str, String)>,
}

fn read_filter(
    params: &HashMap<String, String>,
    types: &[DocumentType],
) -> Result<ReadFilter, HttpError> {
    let mut filter = DocumentFilter::default();
    let mut kept = Vec::new();
    let get = |key: &str| {
        params
            .get(key)
            .map(|v| nfc(v.trim()))
            .filter(|v| !v.is_empty())
    };
    let query: String = get("q")
        .unwrap_or_default()
        .chars()
        .take(QUERY_MAX)
        .collect();
    if !query.is_empty() {
        filter.text = query.clone();
        kept.push(("q", query.clone()));
    }
    if let Some(raw) = get("loai") {
        let id = raw
            .parse::<i64>()
            .ok()
            .filter(|id| types.iter().any(|t| t.id == *id))
            .ok_or_else(|| {
                HttpError::BadRequest(format!(
                    "Loại văn bản «{}» không có trong danh sách.",
                    quoted(&raw)
                ))
            })?;
        filter.type_id = Some(id);
        kept.push(("loai", id.to_string()));
    }
    if let Some(raw) = get("nam") {
        let year = raw
            .parse::<i32>()
            .ok()
            .filter(|y| (1945..=2100).contains(y))
            .ok_or_else(|| {
                HttpError::BadRequest(format!(
                    "Năm «{}» không hợp lệ: cần một năm từ 1945 đến 2100.",
                    quoted(&raw)
                ))
            })?;
        filter.year = Some(year);
        kept.push(("nam", year.to_string()));
    }
    for (key, slot) in [
        ("co-quan", &mut filter.issuer),
        ("nguoi-ky", &mut filter.signer),
    ] {
        if let Some(value) = get(key) {
            let value: String = value.chars().take(QUERY_MAX).collect();
            *slot = Some(value.clone());
            kept.push((key, value));
        }
    }
    Ok(ReadFilter {
        filter,
        query,
        params: kept,
    })
}

fn choices<T: ToString>(values: &[T], chosen: Option<&str>) -> Vec<Choice> {
    values
        .iter()
        .map(|v| {
            let value = v.to_string();
            Choice {
                selected: chosen == Some(value.as_str()),
                label: value.clone(),
                value,
            }
        })
        .collect()
}

/// `GET /van-ban?q=&loai=&co-quan=&nam=&nguoi-ky=&trang=` — the public documents, newest issue
/// date first, [`DOCUMENT_PAGE_SIZE`] a page.
pub async fn list(
    State(state): State<PortalState>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    let params = query_map(query)?;
    let page = page_number(&params)?;
    let (types, facets) = tokio::join!(state.store.document_types(), state.store.document_facets());
    let (types, facets): (Vec<DocumentType>, DocumentFacets) = (types?, facets?);
    let read = read_filter(&params, &types)?;
    let listed = state
        .store
        .list_published_documents(&read.filter, page, DOCUMENT_PAGE_SIZE)
        .await?;
    let page_count = listed.page_count();
    if page > page_count {
        return Err(HttpError::NotFound(format!(
            "Danh sách văn bản chỉ có {} trang; không có trang {}.",
            format_int(i64::from(page_count)),
            format_int(i64::from(page)),
        )));
    }
    let base = {
        let mut url = "/van-ban".to_owned();
        for (i, (key, value)) in read.params.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(key);
            url.push('=');
            url.push_str(&encode_component(value));
        }
        url
    };
    let url_of = |n: u32| match (n, read.params.is_empty()) {
        (1, _) => base.clone(),
        (n, true) => format!("{base}?trang={n}"),
        (n, false) => format!("{base}&trang={n}"),
    };
    let filtered = !read.params.is_empty();
    let summary = match (listed.total, filtered) {
        (0, true) => "Không có văn bản nào phù hợp với điều kiện lọc.".to_owned(),
        (0, false) => "Chưa có văn bản nào được công bố.".to_owned(),
        (n, _) => format!(
            "Có {} văn bản{} — trang {} / {}.",
            format_int(i64::try_from(n).unwrap_or(i64::MAX)),
            if filtered { " phù hợp" } else { "" },
            format_int(i64::from(listed.page)),
            format_int(i64::from(page_count)),
        ),
    };
    let title = if page > 1 {
        format!("Văn bản — trang {page}")
    } else {
        "Văn bản".to_owned()
    };
    let mut layout = views::layout(&state, &headers, "/van-ban", &title).await?;
    layout.canonical = Some(format!("{}{}", state.config.base_url(), url_of(page)));
    layout.description = format!(
        "Văn bản của {}: nghị quyết, quyết định, chỉ thị, kế hoạch, hướng dẫn.",
        layout.portal_name
    );
    layout.feeds.push(documents_feed_link(&layout.portal_name));
    let chosen_type = read.filter.type_id.map(|id| id.to_string());
    let chosen_year = read.filter.year.map(|y| y.to_string());
    let page = DocumentsPage {
        query: read.query.clone(),
        types: types
            .iter()
            .map(|t| Choice {
                value: t.id.to_string(),
                label: t.name.clone(),
                selected: chosen_type.as_deref() == Some(&t.id.to_string()),
            })
            .collect(),
        issuers: choices(&facets.issuers, read.filter.issuer.as_deref()),
        years: choices(&facets.years, chosen_year.as_deref()),
        signers: choices(&facets.signers, read.filter.signer.as_deref()),
        summary,
        filtered,
        documents: listed.items.iter().map(DocumentLine::of).collect(),
        pager: pager(page, page_count, url_of),
        layout,
    };
    Ok(Html(page.render()?).into_response())
}

/// The documents feed as a `<link rel="alternate">`.
pub fn documents_feed_link(portal_name: &str) -> FeedLink {
    FeedLink {
        media_type: "application/rss+xml",
        title: format!("Văn bản — {portal_name} (RSS)"),
        url: "/van-ban/rss.xml".to_owned(),
    }
}

/// Trang một văn bản.
#[derive(Template)]
#[template(path = "portal/document.html")]
pub struct DocumentPage {
    /// Chrome.
    pub layout: Layout,
    /// The document as listed.
    pub line: DocumentLine,
    /// Người ký.
    pub signer: String,
    /// Ngày có hiệu lực (`dd/mm/yyyy`), empty when not given.
    pub effective: String,
    /// Tóm tắt.
    pub summary: String,
    /// The PDF's address, its offered name and size, if a file is attached.
    pub file: Option<(String, String, String)>,
}

/// The document id at the start of `/van-ban/{id}-{slug}` (or `/van-ban/{id}`), or a 404.
fn id_of(key: &str) -> Result<i64, HttpError> {
    let digits = key.split('-').next().unwrap_or("");
    digits
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0 && digits.len() <= 18)
        .ok_or_else(|| not_found(key))
}

fn not_found(key: &str) -> HttpError {
    HttpError::NotFound(format!(
        "Không tìm thấy văn bản «{}». Văn bản có thể đã bị gỡ hoặc địa chỉ bị gõ sai.",
        quoted(key)
    ))
}

/// `GET /van-ban/{id}-{slug}` — one public document; another slug answers `301` to its address.
pub async fn show(
    State(state): State<PortalState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    let key = slug_from(path)?;
    let id = id_of(&key)?;
    let doc = state
        .store
        .published_document(id)
        .await?
        .ok_or_else(|| not_found(&key))?;
    let url = document_url(&doc);
    if format!("/van-ban/{key}") != url {
        return Ok((
            axum::http::StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, url)],
        )
            .into_response());
    }
    let mut layout = views::layout(&state, &headers, "/van-ban", &doc.title).await?;
    layout.canonical = Some(format!("{}{url}", state.config.base_url()));
    layout.description = format!("{} {}: {}", doc.type_name, doc.number_symbol, doc.title);
    let page = DocumentPage {
        layout,
        line: DocumentLine::of(&doc),
        signer: doc.signer.clone(),
        effective: doc.effective_on.map(format_date).unwrap_or_default(),
        summary: doc.summary.clone(),
        file: doc.file_name.as_ref().map(|_| {
            (
                file_url(doc.id),
                pdf_file_name(&doc.number_symbol),
                file_size_text(doc.file_size.unwrap_or(0)),
            )
        }),
    };
    Ok(Html(page.render()?).into_response())
}

/// The PDF of `doc` as a response: `application/pdf`, shown in the browser under a safe name.
pub async fn pdf_response(state: &PortalState, doc: &Document) -> Result<Response, HttpError> {
    let missing = || HttpError::NotFound(format!("Văn bản số {} chưa có tệp đính kèm.", doc.id));
    let name = doc.file_name.as_deref().ok_or_else(missing)?;
    let path = path_of(&documents_dir(&state.config), name).ok_or_else(missing)?;
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(error = %err, file = %path.display(), "document file missing");
            return Err(missing());
        }
    };
    let disposition = format!("inline; filename=\"{}\"", pdf_file_name(&doc.number_symbol));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).unwrap_or_else(|_| {
                    HeaderValue::from_static("inline; filename=\"van-ban.pdf\"")
                }),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /van-ban/{id}/tep` — the PDF of a public document; any other document's file is a 404.
pub async fn file(
    State(state): State<PortalState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    let key = slug_from(path)?;
    let id = id_of(&key)?;
    let doc = state
        .store
        .published_document(id)
        .await?
        .ok_or_else(|| not_found(&key))?;
    pdf_response(&state, &doc).await
}

/// `GET /van-ban/rss.xml` — the documents published last, RSS 2.0.
pub async fn feed(State(state): State<PortalState>) -> Result<Response, HttpError> {
    let docs = state
        .store
        .latest_published_documents(DOCUMENT_FEED_SIZE)
        .await?;
    let base = state.config.base_url();
    let portal = views::portal_name(&state).await?;
    let now = state.now();
    let feed = Feed {
        title: format!("Văn bản — {portal}"),
        description: format!("Văn bản mới công bố trên {portal}."),
        page_url: format!("{base}/van-ban"),
        self_url: format!("{base}/van-ban/rss.xml"),
        publisher: portal,
        items: docs
            .iter()
            .map(|d| {
                let published = d.published_at.unwrap_or(d.updated_at);
                FeedItem {
                    title: format!("{} {}: {}", d.type_name, d.number_symbol, d.title),
                    url: format!("{base}{}", document_url(d)),
                    summary: d.summary.clone(),
                    author: d.issuer.clone(),
                    category: d.type_name.clone(),
                    category_slug: slugify(&d.type_name),
                    published,
                    updated: d.updated_at.max(published),
                }
            })
            .collect(),
        now,
    };
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/rss+xml; charset=utf-8"),
        )],
        rss(&feed, state.config.time_zone),
    )
        .into_response())
}

/// `GET /van-ban/` — the list.
pub async fn trailing_slash() -> Redirect {
    Redirect::permanent("/van-ban")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_vietnamese() {
        assert_eq!(file_size_text(1), "1 KB");
        assert_eq!(file_size_text(350 * 1024), "350 KB");
        assert_eq!(file_size_text(1_258_291), "1,2 MB");
        assert_eq!(file_size_text(20 * 1024 * 1024), "20,0 MB");
    }

    #[test]
    fn the_id_leads_the_address() {
        assert_eq!(id_of("15-nghi-quyet").unwrap(), 15);
        assert_eq!(id_of("15").unwrap(), 15);
        assert!(id_of("x-15").is_err());
        assert!(id_of("0-a").is_err());
        assert!(id_of("99999999999999999999-a").is_err());
    }
}
