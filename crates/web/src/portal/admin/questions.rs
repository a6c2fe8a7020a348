//! Hỏi đáp — moderation of citizens' questions ([`Permission::ModerateQuestions`], editor and
//! admin): the list by status (`/quan-tri/hoi-dap?trang_thai=pending`), a question with its
//! contact and the answer form (save, publish, reject, back to pending), delete. Every change is
//! audited by the store; a change of what is published refreshes the site maps at once.

use std::collections::HashMap;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::citizen::{QuestionStatus, check_answer};
use daihoi_store::{Question, QuestionCounts};
use serde::Deserialize;

use super::schedule::TokenForm;
use super::views::{Layout, Pager, local_time, render};
use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;

const BASE: &str = "/quan-tri/hoi-dap";
const PAGE_SIZE: u32 = 20;

/// Một dòng trong danh sách.
struct Row {
    id: i64,
    subject: String,
    asker_name: String,
    contact: String,
    received: String,
}

/// Một thẻ trạng thái.
struct Tab {
    code: &'static str,
    label: &'static str,
    count: u64,
    current: bool,
}

#[derive(Template)]
#[template(path = "admin/questions.html")]
struct ListPage {
    layout: Layout,
    tabs: Vec<Tab>,
    status_label: &'static str,
    rows: Vec<Row>,
    total: u64,
    pager: Pager,
}

fn count_of(counts: &QuestionCounts, status: QuestionStatus) -> u64 {
    match status {
        QuestionStatus::Pending => counts.pending,
        QuestionStatus::Published => counts.published,
        QuestionStatus::Rejected => counts.rejected,
    }
}

/// `GET /quan-tri/hoi-dap?trang_thai=…&trang=N`.
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    user.require(Permission::ModerateQuestions)?;
    let params = crate::portal::public::pages::query_map(query)?;
    let status = match params.get("trang_thai").map(String::as_str) {
        None | Some("") => QuestionStatus::Pending,
        Some(raw) => QuestionStatus::parse(raw).ok_or_else(|| {
            HttpError::BadRequest(format!(
                "Trạng thái «{}» không có: chọn pending (chờ duyệt), published (đã đăng) hoặc rejected (từ chối).",
                crate::kernel::error::quoted(raw)
            ))
        })?,
    };
    let page = crate::kernel::forms::positive(&params, "trang", 1, 100_000)?;
    let (counts, found) = tokio::join!(
        state.store.question_counts(),
        state.store.questions_with_status(status, page, PAGE_SIZE),
    );
    let (counts, found) = (counts?, found?);
    let page = ListPage {
        layout: Layout::for_user(
            &state,
            &user,
            "questions",
            params.get("thong_bao").map(String::as_str),
        )
        .await,
        tabs: QuestionStatus::ALL
            .into_iter()
            .map(|s| Tab {
                code: s.as_str(),
                label: s.label(),
                count: count_of(&counts, s),
                current: s == status,
            })
            .collect(),
        status_label: status.label(),
        rows: found
            .items
            .iter()
            .map(|q| Row {
                id: q.id,
                subject: q.subject.clone(),
                asker_name: q.asker_name.clone(),
                contact: q.contact.clone(),
                received: local_time(&state, q.received_at),
            })
            .collect(),
        total: found.total,
        pager: Pager {
            page: found.page,
            pages: found.page_count(),
            base: format!("{BASE}?trang_thai={}&", status.as_str()),
        },
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "admin/question.html")]
struct QuestionPage {
    layout: Layout,
    q: Question,
    status_label: &'static str,
    received: String,
    published: Option<String>,
    answer: String,
    error: Option<String>,
    public_url: Option<String>,
}

async fn load(state: &PortalState, raw_id: &str) -> Result<Question, HttpError> {
    let id = parse_id(raw_id, "câu hỏi")?;
    state
        .store
        .question(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy câu hỏi số {id}.")))
}

async fn question_page(
    state: &PortalState,
    user: &CurrentUser,
    q: Question,
    answer: String,
    error: Option<String>,
    notice: Option<&str>,
) -> QuestionPage {
    QuestionPage {
        layout: Layout::for_user(state, user, "questions", notice).await,
        status_label: q.status.label(),
        received: local_time(state, q.received_at),
        published: q.published_at.map(|t| local_time(state, t)),
        public_url: (q.status == QuestionStatus::Published)
            .then(|| crate::portal::public::questions::question_url(q.id)),
        answer,
        error,
        q,
    }
}

/// `GET /quan-tri/hoi-dap/{id}`.
pub async fn show(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    user.require(Permission::ModerateQuestions)?;
    let params = crate::portal::public::pages::query_map(query)?;
    let q = load(&state, &id).await?;
    let answer = q.answer.clone();
    render(
        &question_page(
            &state,
            &user,
            q,
            answer,
            None,
            params.get("thong_bao").map(String::as_str),
        )
        .await,
    )
}

/// The answer form.
#[derive(Debug, Deserialize, Default)]
pub struct AnswerForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    answer: String,
    /// `luu` (save the answer), `dang` (publish), `tu-choi` (reject), `cho-duyet` (back to
    /// pending).
    #[serde(default)]
    hanh_dong: String,
}

/// `POST /quan-tri/hoi-dap/{id}` — saves the answer and sets the status the button says.
pub async fn moderate(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<AnswerForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ModerateQuestions)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let q = load(&state, &id).await?;
    let (status, notice) = match form.hanh_dong.as_str() {
        "luu" => (q.status, "da-luu-tra-loi"),
        "dang" => (QuestionStatus::Published, "da-dang-cau-hoi"),
        "tu-choi" => (QuestionStatus::Rejected, "da-tu-choi-cau-hoi"),
        "cho-duyet" => (QuestionStatus::Pending, "da-chuyen-cho-duyet"),
        other => {
            return Err(HttpError::BadRequest(format!(
                "Thao tác «{}» không có.",
                crate::kernel::error::quoted(other)
            )));
        }
    };
    let answer = match check_answer(&form.answer, status == QuestionStatus::Published) {
        Ok(answer) => answer,
        Err(message) => {
            let page = question_page(&state, &user, q, form.answer, Some(message), None).await;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
        }
    };
    let was_public = q.status == QuestionStatus::Published;
    let saved = state
        .store
        .moderate_question(q.id, &answer, status, &user.actor(), state.now())
        .await?;
    if was_public || saved.status == QuestionStatus::Published {
        state.sitemaps.clear();
    }
    Ok(Redirect::to(&format!("{BASE}/{}?thong_bao={notice}", saved.id)).into_response())
}

/// `POST /quan-tri/hoi-dap/{id}/xoa` — deletes a question.
pub async fn delete(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ModerateQuestions)?;
    user.check_csrf(&state, form.csrf_token())?;
    let q = load(&state, &id).await?;
    state
        .store
        .delete_question(q.id, &user.actor(), state.now())
        .await?;
    if q.status == QuestionStatus::Published {
        state.sitemaps.clear();
    }
    Ok(Redirect::to(&format!(
        "{BASE}?trang_thai={}&thong_bao=da-xoa-cau-hoi",
        q.status.as_str()
    ))
    .into_response())
}
