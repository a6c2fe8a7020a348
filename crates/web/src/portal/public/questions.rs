//! Hỏi đáp — the published questions and their answers (`/hoi-dap`, paged; `/hoi-dap/{id}`),
//! the public form that asks one (`/hoi-dap/gui-cau-hoi`) and the feed (`/hoi-dap/rss.xml`).
//!
//! Everything here reads [`PublishedQuestion`], which has no contact field: the asker's e-mail
//! or phone cannot reach a page, the feed or the search from here.

use std::collections::HashMap;
use std::net::SocketAddr;

use askama::Template;
use axum::Extension;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use daihoi_domain::citizen::CitizenForm;
use daihoi_domain::vn::format_int;
use daihoi_store::PublishedQuestion;

use super::citizen_form::{self, CitizenPost, FormView};
use super::feeds::{Feed, FeedItem, rss};
use super::pages::{page_number, pager, query_map, slug_from};
use super::views::{self, Layout, Pager, iso_time, local_time};
use crate::kernel::HttpError;
use crate::kernel::forms::CheckedForm;
use crate::portal::PortalState;

/// Câu hỏi mỗi trang — questions per page of `/hoi-dap`.
pub const QUESTIONS_PAGE_SIZE: u32 = 10;
/// Câu hỏi trong tin RSS.
pub const QUESTIONS_FEED_SIZE: u32 = 20;
/// The address of the form.
pub const ASK_URL: &str = "/hoi-dap/gui-cau-hoi";

/// `/hoi-dap/{id}`.
pub fn question_url(id: i64) -> String {
    format!("/hoi-dap/{id}")
}

/// Một câu hỏi hiển thị.
#[derive(Debug, Clone)]
pub struct QuestionView {
    /// `/hoi-dap/{id}`.
    pub url: String,
    /// Tiêu đề.
    pub subject: String,
    /// Người hỏi.
    pub asker_name: String,
    /// Câu hỏi (lines kept by CSS).
    pub question: String,
    /// Câu trả lời.
    pub answer: String,
    /// `dd/mm/yyyy HH:MM` of publication.
    pub published: String,
    /// RFC 3339 of publication.
    pub published_iso: String,
    /// `dd/mm/yyyy HH:MM` of receipt.
    pub received: String,
}

impl QuestionView {
    /// The view of a published question.
    pub fn of(state: &PortalState, q: &PublishedQuestion) -> QuestionView {
        QuestionView {
            url: question_url(q.id),
            subject: q.subject.clone(),
            asker_name: q.asker_name.clone(),
            question: q.question.clone(),
            answer: q.answer.clone(),
            published: local_time(state, q.published_at),
            published_iso: iso_time(state, q.published_at),
            received: local_time(state, q.received_at),
        }
    }
}

/// Trang hỏi đáp.
#[derive(Template)]
#[template(path = "portal/questions.html")]
pub struct QuestionsPage {
    /// Chrome.
    pub layout: Layout,
    /// "Có 12 câu hỏi đã được trả lời."
    pub summary: String,
    /// This page's questions.
    pub questions: Vec<QuestionView>,
    /// Pages.
    pub pager: Pager,
}

/// Trang một câu hỏi.
#[derive(Template)]
#[template(path = "portal/question.html")]
pub struct QuestionPage {
    /// Chrome.
    pub layout: Layout,
    /// The question.
    pub q: QuestionView,
}

/// Trang gửi câu hỏi.
#[derive(Template)]
#[template(path = "portal/ask.html")]
pub struct AskPage {
    /// Chrome.
    pub layout: Layout,
    /// The form.
    pub form: FormView,
    /// Set after a question was received: the thanks shown instead of the form.
    pub received: bool,
}

async fn layout_for(
    state: &PortalState,
    headers: &HeaderMap,
    path: &str,
    title: &str,
) -> Result<Layout, HttpError> {
    let mut layout = views::layout(state, headers, path, title).await?;
    layout.current_path = "/hoi-dap".to_owned();
    layout.description = format!(
        "Hỏi đáp: câu hỏi của người dân và trả lời của {}.",
        layout.portal_name
    );
    Ok(layout)
}

/// `GET /hoi-dap?trang=N` — published questions, newest first.
pub async fn list(
    State(state): State<PortalState>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    let params = query_map(query)?;
    let page = page_number(&params)?;
    let found = state
        .store
        .published_questions(page, QUESTIONS_PAGE_SIZE)
        .await?;
    let pages = found.page_count();
    if page > pages {
        return Err(HttpError::NotFound(format!(
            "Mục Hỏi đáp chỉ có {} trang; không có trang {}.",
            format_int(i64::from(pages)),
            format_int(i64::from(page))
        )));
    }
    let title = if page > 1 {
        format!("Hỏi đáp — trang {page}")
    } else {
        "Hỏi đáp".to_owned()
    };
    let mut layout = layout_for(&state, &headers, "/hoi-dap", &title).await?;
    layout.feeds.push(views::FeedLink {
        media_type: "application/rss+xml",
        title: format!("Hỏi đáp — {} (RSS)", layout.portal_name),
        url: "/hoi-dap/rss.xml".to_owned(),
    });
    let summary = if found.total == 0 {
        "Chưa có câu hỏi nào được trả lời.".to_owned()
    } else {
        format!(
            "Có {} câu hỏi đã được trả lời.",
            format_int(i64::try_from(found.total).unwrap_or(i64::MAX))
        )
    };
    let page_view = QuestionsPage {
        layout,
        summary,
        questions: found
            .items
            .iter()
            .map(|q| QuestionView::of(&state, q))
            .collect(),
        pager: pager(page, pages, |n| {
            if n == 1 {
                "/hoi-dap".to_owned()
            } else {
                format!("/hoi-dap?trang={n}")
            }
        }),
    };
    Ok(Html(page_view.render()?).into_response())
}

/// `GET /hoi-dap/{id}` — one published question; a question not published is not found.
pub async fn show(
    State(state): State<PortalState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    let raw = slug_from(path)?;
    let not_found = || {
        HttpError::NotFound(format!(
            "Không tìm thấy câu hỏi «{}» trong mục Hỏi đáp. Câu hỏi có thể chưa được trả lời hoặc đã được gỡ.",
            crate::kernel::error::quoted(&raw)
        ))
    };
    let id = raw
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0 && raw.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(not_found)?;
    let q = state
        .store
        .published_question(id)
        .await?
        .ok_or_else(not_found)?;
    let view = QuestionView::of(&state, &q);
    let mut layout = layout_for(&state, &headers, &view.url, &view.subject).await?;
    layout.canonical = Some(format!("{}{}", super::base_url(&state), view.url));
    Ok(Html(QuestionPage { layout, q: view }.render()?).into_response())
}

/// `GET /hoi-dap/gui-cau-hoi` — the form.
pub async fn ask_form(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let layout = layout_for(&state, &headers, ASK_URL, "Gửi câu hỏi").await?;
    let form = FormView::new(&state, CitizenForm::Question, ASK_URL, state.now());
    no_store(Html(
        AskPage {
            layout,
            form,
            received: false,
        }
        .render()?,
    ))
}

/// `POST /hoi-dap/gui-cau-hoi` — stores the question as "chờ duyệt" and thanks the asker, or
/// shows the form again with what was typed and why it was refused
/// ([`citizen_form::check`]).
pub async fn ask(
    State(state): State<PortalState>,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    CheckedForm(post): CheckedForm<CitizenPost>,
) -> Result<Response, HttpError> {
    let layout = layout_for(&state, &headers, ASK_URL, "Gửi câu hỏi").await?;
    match citizen_form::check(&state, CitizenForm::Question, ASK_URL, &headers, peer, post) {
        Ok((message, address_key)) => {
            state
                .store
                .add_question(&message, &address_key, state.now())
                .await?;
            let form = FormView::new(&state, CitizenForm::Question, ASK_URL, state.now());
            no_store(Html(
                AskPage {
                    layout,
                    form,
                    received: true,
                }
                .render()?,
            ))
        }
        Err(refused) => {
            let mut response = no_store(Html(
                AskPage {
                    layout,
                    form: *refused.form,
                    received: false,
                }
                .render()?,
            ))?;
            *response.status_mut() = refused.status;
            Ok(response)
        }
    }
}

/// A page with a form ticket is never cached: the ticket carries the time it was served.
pub(crate) fn no_store(page: Html<String>) -> Result<Response, HttpError> {
    let mut response = page.into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `GET /hoi-dap/rss.xml` — the newest published questions as RSS 2.0 (subject, the start of the
/// answer; never the contact).
pub async fn feed(State(state): State<PortalState>) -> Result<Response, HttpError> {
    let latest = state
        .store
        .published_questions(1, QUESTIONS_FEED_SIZE)
        .await?;
    let base = state.config.base_url();
    let portal = views::portal_name(&state).await?;
    let feed = Feed {
        title: format!("Hỏi đáp — {portal}"),
        description: format!("Câu hỏi của người dân và trả lời của {portal}."),
        page_url: format!("{base}/hoi-dap"),
        self_url: format!("{base}/hoi-dap/rss.xml"),
        publisher: portal,
        items: latest
            .items
            .iter()
            .map(|q| FeedItem {
                title: q.subject.clone(),
                url: format!("{base}{}", question_url(q.id)),
                summary: excerpt(&q.answer, 300),
                author: String::new(),
                category: "Hỏi đáp".to_owned(),
                category_slug: "hoi-dap".to_owned(),
                published: q.published_at,
                updated: q.published_at,
            })
            .collect(),
        now: state.now(),
    };
    Ok((
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/rss+xml; charset=utf-8"),
        )],
        rss(&feed, state.config.time_zone),
    )
        .into_response())
}

/// The first `max` characters of `text` on one line, with `…` when cut.
fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("một  hai\nba", 20), "một hai ba");
        assert_eq!(excerpt("một hai ba bốn", 9), "một hai…");
    }
}
