//! Liên hệ — the messages of the contact form ([`Permission::ReadContactMessages`], editor and
//! admin): listed newest first (not handled, handled, all), marked handled or not, deleted.
//! Every change is audited by the store.

use std::collections::HashMap;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::schedule::TokenForm;
use super::views::{Layout, Pager, local_time, render};
use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;

const BASE: &str = "/quan-tri/lien-he";
const PAGE_SIZE: u32 = 20;

/// Một thư trong danh sách.
struct Row {
    id: i64,
    sender_name: String,
    contact: String,
    subject: String,
    message: String,
    received: String,
    handled: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/contact_messages.html")]
struct ListPage {
    layout: Layout,
    filter: &'static str,
    filters: Vec<(&'static str, &'static str)>,
    rows: Vec<Row>,
    total: u64,
    pager: Pager,
}

fn filter_of(raw: Option<&str>) -> Result<(&'static str, Option<bool>), HttpError> {
    match raw.unwrap_or("") {
        "" | "chua-xu-ly" => Ok(("chua-xu-ly", Some(false))),
        "da-xu-ly" => Ok(("da-xu-ly", Some(true))),
        "tat-ca" => Ok(("tat-ca", None)),
        other => Err(HttpError::BadRequest(format!(
            "Bộ lọc «{}» không có: chọn chua-xu-ly, da-xu-ly hoặc tat-ca.",
            crate::kernel::error::quoted(other)
        ))),
    }
}

/// `GET /quan-tri/lien-he?loc=chua-xu-ly|da-xu-ly|tat-ca&trang=N`.
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, HttpError> {
    user.require(Permission::ReadContactMessages)?;
    let params = crate::portal::public::pages::query_map(query)?;
    let (filter, handled) = filter_of(params.get("loc").map(String::as_str))?;
    let page = crate::kernel::forms::positive(&params, "trang", 1, 100_000)?;
    let found = state
        .store
        .contact_messages(handled, page, PAGE_SIZE)
        .await?;
    let page = ListPage {
        layout: Layout::for_user(
            &state,
            &user,
            "contact",
            params.get("thong_bao").map(String::as_str),
        )
        .await,
        filter,
        filters: vec![
            ("chua-xu-ly", "Chưa xử lý"),
            ("da-xu-ly", "Đã xử lý"),
            ("tat-ca", "Tất cả"),
        ],
        rows: found
            .items
            .iter()
            .map(|m| Row {
                id: m.id,
                sender_name: m.sender_name.clone(),
                contact: m.contact.clone(),
                subject: m.subject.clone(),
                message: m.message.clone(),
                received: local_time(&state, m.received_at),
                handled: m.handled_at.map(|t| local_time(&state, t)),
            })
            .collect(),
        total: found.total,
        pager: Pager {
            page: found.page,
            pages: found.page_count(),
            base: format!("{BASE}?loc={filter}&"),
        },
    };
    render(&page)
}

/// The handled form: the token and whether to mark handled (`1`) or not (`0`), and where to
/// go back to.
#[derive(Debug, Deserialize, Default)]
pub struct HandledForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    da_xu_ly: String,
    #[serde(default)]
    loc: String,
}

/// `POST /quan-tri/lien-he/{id}/xu-ly`.
pub async fn set_handled(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<HandledForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ReadContactMessages)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let id = parse_id(&id, "thư liên hệ")?;
    let handled = match form.da_xu_ly.as_str() {
        "1" => true,
        "0" => false,
        _ => {
            return Err(HttpError::BadRequest(
                "Thiếu trường «da_xu_ly» (1: đã xử lý, 0: chưa xử lý).".to_owned(),
            ));
        }
    };
    let (filter, _) = filter_of(Some(form.loc.as_str()))?;
    state
        .store
        .mark_contact_handled(id, handled, &user.actor(), state.now())
        .await?;
    let notice = if handled {
        "da-xu-ly-thu"
    } else {
        "da-mo-lai-thu"
    };
    Ok(Redirect::to(&format!("{BASE}?loc={filter}&thong_bao={notice}")).into_response())
}

/// `POST /quan-tri/lien-he/{id}/xoa`.
pub async fn delete(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ReadContactMessages)?;
    user.check_csrf(&state, form.csrf_token())?;
    let id = parse_id(&id, "thư liên hệ")?;
    state
        .store
        .delete_contact_message(id, &user.actor(), state.now())
        .await?;
    Ok(Redirect::to(&format!("{BASE}?loc=tat-ca&thong_bao=da-xoa-thu")).into_response())
}
