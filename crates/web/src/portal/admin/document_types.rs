//! Loại văn bản — the document types in the administration under `/quan-tri/loai-van-ban`: the
//! list with how many documents use each, add, rename, move up or down, delete.
//!
//! Admin only (the right that manages the categories, the articles' own lists). A name is
//! checked by the domain ([`check_type_name`]) and must differ from every other type's once
//! folded ([`type_name_key`]: "Quyết định" and "QUYET DINH" are one name); the store checks both
//! again in its transaction. A type that documents still use is not deleted: the page says how
//! many use it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::document::{TYPE_NAME_MAX, check_type_name, type_name_key};
use daihoi_domain::vn::format_int;
use daihoi_store::{Constraint, DocumentTypeUse, StoreError, TypeMove};
use serde::Deserialize;

use super::views::{Layout, render};
use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;

/// The page's address.
const BASE: &str = "/quan-tri/loai-van-ban";

/// One type as the list shows it.
pub struct TypeRow {
    id: i64,
    /// The name in its field (as typed, after a refused rename).
    name: String,
    /// The stored name (for labels).
    stored_name: String,
    /// How many documents use it, formatted.
    documents: String,
    first: bool,
    last: bool,
    /// The refusal of a rename of this row.
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/document_types.html")]
struct TypesPage {
    layout: Layout,
    rows: Vec<TypeRow>,
    /// A refusal about the list as a whole (a delete).
    error: Option<String>,
    /// The add form's name, as typed.
    new_name: String,
    /// The add form's refusal.
    new_error: Option<String>,
    max: usize,
}

/// What a refused form puts back on the page.
#[derive(Default)]
struct Refusal {
    /// On the page as a whole.
    page: Option<String>,
    /// On the add form, with its typed name.
    new: Option<(String, String)>,
    /// On one row's rename, with its typed name.
    row: Option<(i64, String, String)>,
}

async fn page(
    state: &PortalState,
    user: &CurrentUser,
    refusal: Refusal,
    notice: Option<&str>,
) -> Result<TypesPage, HttpError> {
    let uses = state.store.document_type_uses().await?;
    let count = uses.len();
    let rows = uses
        .into_iter()
        .enumerate()
        .map(
            |(
                i,
                DocumentTypeUse {
                    document_type: t,
                    documents,
                },
            )| {
                let typed = refusal.row.as_ref().filter(|(id, _, _)| *id == t.id);
                TypeRow {
                    id: t.id,
                    name: typed.map_or_else(|| t.name.clone(), |(_, name, _)| name.clone()),
                    stored_name: t.name,
                    documents: format_int(documents),
                    first: i == 0,
                    last: i + 1 == count,
                    error: typed.map(|(_, _, message)| message.clone()),
                }
            },
        )
        .collect();
    let (new_name, new_error) = match refusal.new {
        Some((name, message)) => (name, Some(message)),
        None => (String::new(), None),
    };
    Ok(TypesPage {
        layout: Layout::for_user(state, user, "documents", notice).await,
        rows,
        error: refusal.page,
        new_name,
        new_error,
        max: TYPE_NAME_MAX,
    })
}

async fn refused(
    state: &PortalState,
    user: &CurrentUser,
    status: StatusCode,
    refusal: Refusal,
) -> Result<Response, HttpError> {
    let page = page(state, user, refusal, None).await?;
    Ok((status, Html(page.render()?)).into_response())
}

/// Query carrying a confirmation code.
#[derive(Debug, Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    thong_bao: Option<String>,
}

/// `GET /quan-tri/loai-van-ban` — the types in list order.
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    render(
        &page(
            &state,
            &user,
            Refusal::default(),
            query.thong_bao.as_deref(),
        )
        .await?,
    )
}

/// The name form (add and rename).
#[derive(Debug, Default, Deserialize)]
pub struct NameForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    name: String,
}

/// Why a name was refused, worded, with the status of the answer: the domain's sentence, or
/// the type whose name it folds to.
async fn name_refusal(
    state: &PortalState,
    name: &str,
    except: Option<i64>,
) -> Result<Option<(StatusCode, String)>, HttpError> {
    let name = match check_type_name(name) {
        Ok(name) => name,
        Err(message) => return Ok(Some((StatusCode::UNPROCESSABLE_ENTITY, message))),
    };
    let key = type_name_key(&name);
    let types = state.store.document_types().await?;
    Ok(types
        .iter()
        .find(|t| Some(t.id) != except && type_name_key(&t.name) == key)
        .map(|t| (StatusCode::CONFLICT, taken(&name, &t.name))))
}

fn taken(name: &str, existing: &str) -> String {
    format!(
        "Tên loại văn bản: «{name}» trùng với loại «{existing}» đã có (không phân biệt chữ hoa, \
         chữ thường và dấu). Hãy chọn tên khác."
    )
}

/// The store's refusal of a name (two admins at once), worded like [`name_refusal`]'s.
fn store_refusal(err: StoreError, name: &str) -> Result<(StatusCode, String), HttpError> {
    match err {
        StoreError::Conflict(Constraint::DocumentTypeName) => {
            Ok((StatusCode::CONFLICT, taken(name, "khác vừa được lưu")))
        }
        StoreError::Invalid(message) => Ok((StatusCode::UNPROCESSABLE_ENTITY, message)),
        other => Err(other.into()),
    }
}

/// `POST /quan-tri/loai-van-ban` — adds a type at the end of the list.
pub async fn create(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<NameForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let refusal = match name_refusal(&state, &form.name, None).await? {
        Some(refusal) => Some(refusal),
        None => match state
            .store
            .create_document_type(&form.name, &user.actor(), state.now())
            .await
        {
            Ok(_) => None,
            Err(err) => Some(store_refusal(err, form.name.trim())?),
        },
    };
    match refusal {
        None => Ok(Redirect::to(&format!("{BASE}?thong_bao=da-them-loai")).into_response()),
        Some((status, message)) => {
            let new = Some((form.name, message));
            refused(
                &state,
                &user,
                status,
                Refusal {
                    new,
                    ..Refusal::default()
                },
            )
            .await
        }
    }
}

async fn type_id(state: &PortalState, raw: &str) -> Result<i64, HttpError> {
    let id = parse_id(raw, "loại văn bản")?;
    let types = state.store.document_types().await?;
    if types.iter().any(|t| t.id == id) {
        Ok(id)
    } else {
        Err(HttpError::NotFound(format!(
            "Không tìm thấy loại văn bản số {id}."
        )))
    }
}

/// `POST /quan-tri/loai-van-ban/{id}` — renames a type.
pub async fn rename(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<NameForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let id = type_id(&state, &id).await?;
    let refusal = match name_refusal(&state, &form.name, Some(id)).await? {
        Some(refusal) => Some(refusal),
        None => match state
            .store
            .rename_document_type(id, &form.name, &user.actor(), state.now())
            .await
        {
            Ok(_) => None,
            Err(err) => Some(store_refusal(err, form.name.trim())?),
        },
    };
    match refusal {
        None => Ok(
            Redirect::to(&format!("{BASE}?thong_bao=da-doi-ten-loai#loai-{id}")).into_response(),
        ),
        Some((status, message)) => {
            let row = Some((id, form.name, message));
            refused(
                &state,
                &user,
                status,
                Refusal {
                    row,
                    ..Refusal::default()
                },
            )
            .await
        }
    }
}

/// The token of the small forms (move, delete).
#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf_token: String,
}

async fn move_type(
    state: PortalState,
    user: CurrentUser,
    id: String,
    form: TokenForm,
    direction: TypeMove,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let id = type_id(&state, &id).await?;
    state
        .store
        .move_document_type(id, direction, &user.actor(), state.now())
        .await?;
    Ok(Redirect::to(&format!("{BASE}?thong_bao=da-doi-thu-tu-loai#loai-{id}")).into_response())
}

/// `POST /quan-tri/loai-van-ban/{id}/len` — moves a type one place up.
pub async fn move_up(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    move_type(state, user, id, form, TypeMove::Up).await
}

/// `POST /quan-tri/loai-van-ban/{id}/xuong` — moves a type one place down.
pub async fn move_down(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    move_type(state, user, id, form, TypeMove::Down).await
}

/// The refusal of deleting `name` while `documents` documents use it.
fn in_use(name: &str, documents: i64) -> String {
    format!(
        "Không xoá được loại «{name}»: còn {} văn bản thuộc loại này. Hãy chuyển các văn bản đó \
         sang loại khác (hoặc xoá chúng) rồi xoá loại.",
        format_int(documents)
    )
}

/// `POST /quan-tri/loai-van-ban/{id}/xoa` — deletes a type no document uses.
pub async fn delete(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let id = type_id(&state, &id).await?;
    let name = state
        .store
        .document_types()
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .map(|t| t.name)
        .unwrap_or_default();
    match state
        .store
        .delete_document_type(id, &user.actor(), state.now())
        .await?
    {
        Ok(()) => Ok(Redirect::to(&format!("{BASE}?thong_bao=da-xoa-loai")).into_response()),
        Err(used) => {
            let page = Some(in_use(&name, used.documents));
            refused(
                &state,
                &user,
                StatusCode::CONFLICT,
                Refusal {
                    page,
                    ..Refusal::default()
                },
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refusals_name_the_type_and_the_count() {
        let message = in_use("Nghị quyết", 1934);
        assert!(message.contains("«Nghị quyết»"), "{message}");
        assert!(message.contains("còn 1.934 văn bản"), "{message}");
        let message = taken("QUYET DINH", "Quyết định");
        assert!(message.contains("«QUYET DINH»") && message.contains("«Quyết định»"));
    }
}
