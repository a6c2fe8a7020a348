//! Quản lý chuyên mục — list, create and edit categories (admin only).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::address::category_slug;
use daihoi_domain::vn::nfc;
use daihoi_store::{Category, Constraint, NewCategory, StoreError};
use serde::Deserialize;

use super::views::{Layout, render};
use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;

#[derive(Template)]
#[template(path = "admin/categories.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Category>,
}

/// Query carrying a confirmation code.
#[derive(Debug, Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    thong_bao: Option<String>,
}

/// `GET /quan-tri/chuyen-muc` — every category in menu order.
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    let page = ListPage {
        layout: Layout::for_user(&state, &user, "categories", query.thong_bao.as_deref()).await,
        rows: state.store.list_categories().await?,
    };
    render(&page)
}

/// Fields of the category form, kept as typed.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct CategoryForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    position: String,
}

type FieldErrors = Vec<(&'static str, String)>;

#[derive(Template)]
#[template(path = "admin/category_form.html")]
struct FormPage {
    layout: Layout,
    category_id: Option<i64>,
    form: CategoryForm,
    errors: FieldErrors,
    form_action: String,
}

impl FormPage {
    /// The error shown next to `field`, if any.
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }
}

/// Checks the form; the slug is made from the name when left empty and must already be a slug
/// (lowercase ASCII words joined by `-`) when typed.
fn check_form(form: &CategoryForm) -> Result<NewCategory, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = nfc(form.name.trim());
    if name.is_empty() {
        errors.push(("name", "Tên chuyên mục không được để trống.".to_owned()));
    } else if name.chars().count() > 200 {
        errors.push(("name", "Tên chuyên mục dài quá 200 ký tự.".to_owned()));
    }
    let slug = match category_slug(&name, &form.slug) {
        Ok(slug) => slug,
        Err(refusal) => {
            errors.push(("slug", refusal.to_string()));
            String::new()
        }
    };
    let position = match form.position.trim() {
        "" => Some(0),
        text => text
            .parse::<i64>()
            .ok()
            .filter(|p| (0..=100_000).contains(p)),
    };
    if position.is_none() {
        errors.push((
            "position",
            "Thứ tự hiển thị phải là số nguyên từ 0 đến 100000.".to_owned(),
        ));
    }
    match position {
        Some(position) if errors.is_empty() => Ok(NewCategory {
            slug,
            name,
            description: nfc(form.description.trim()),
            position,
        }),
        _ => Err(errors),
    }
}

async fn page(
    state: &PortalState,
    user: &CurrentUser,
    category_id: Option<i64>,
    form: CategoryForm,
    errors: FieldErrors,
) -> FormPage {
    FormPage {
        layout: Layout::for_user(state, user, "categories", None).await,
        category_id,
        form,
        errors,
        form_action: match category_id {
            Some(id) => format!("/quan-tri/chuyen-muc/{id}"),
            None => "/quan-tri/chuyen-muc".to_owned(),
        },
    }
}

fn refused(page: &FormPage) -> Result<Response, HttpError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// `GET /quan-tri/chuyen-muc/moi`.
pub async fn new_form(
    State(state): State<PortalState>,
    user: CurrentUser,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    render(&page(&state, &user, None, CategoryForm::default(), Vec::new()).await)
}

async fn load(state: &PortalState, raw_id: &str) -> Result<Category, HttpError> {
    let id = parse_id(raw_id, "chuyên mục")?;
    state
        .store
        .category_by_id(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy chuyên mục số {id}.")))
}

/// `GET /quan-tri/chuyen-muc/{id}`.
pub async fn edit_form(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    let category = load(&state, &id).await?;
    let form = CategoryForm {
        csrf_token: String::new(),
        name: category.name.clone(),
        slug: category.slug.clone(),
        description: category.description.clone(),
        position: category.position.to_string(),
    };
    render(&page(&state, &user, Some(category.id), form, Vec::new()).await)
}

/// A taken slug becomes an error next to the slug field.
fn slug_taken(err: &StoreError, slug: &str) -> Option<(&'static str, String)> {
    match err {
        StoreError::Conflict(Constraint::CategorySlug) => Some((
            "slug",
            format!("Đường dẫn «{slug}» đã được chuyên mục khác dùng."),
        )),
        _ => None,
    }
}

/// `POST /quan-tri/chuyen-muc` — creates a category.
pub async fn create(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<CategoryForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let new = match check_form(&form) {
        Ok(new) => new,
        Err(errors) => return refused(&page(&state, &user, None, form, errors).await),
    };
    match state
        .store
        .create_category(&new, &user.actor(), state.now())
        .await
    {
        Ok(_) => {
            state.menu_changed();
            Ok(Redirect::to("/quan-tri/chuyen-muc?thong_bao=da-luu-chuyen-muc").into_response())
        }
        Err(err) => match slug_taken(&err, &new.slug) {
            Some(error) => refused(&page(&state, &user, None, form, vec![error]).await),
            None => Err(err.into()),
        },
    }
}

/// `POST /quan-tri/chuyen-muc/{id}` — edits a category.
pub async fn update(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<CategoryForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageCategories)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let category = load(&state, &id).await?;
    let update = match check_form(&form) {
        Ok(update) => update,
        Err(errors) => {
            return refused(&page(&state, &user, Some(category.id), form, errors).await);
        }
    };
    match state
        .store
        .update_category(category.id, &update, &user.actor(), state.now())
        .await
    {
        Ok(_) => {
            state.menu_changed();
            Ok(Redirect::to("/quan-tri/chuyen-muc?thong_bao=da-luu-chuyen-muc").into_response())
        }
        Err(err) => match slug_taken(&err, &update.slug) {
            Some(error) => {
                refused(&page(&state, &user, Some(category.id), form, vec![error]).await)
            }
            None => Err(err.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_comes_from_the_name_or_must_be_clean() {
        let form = CategoryForm {
            name: "Tin Đại hội".into(),
            ..CategoryForm::default()
        };
        let new = check_form(&form).unwrap();
        assert_eq!(new.slug, "tin-dai-hoi");
        assert_eq!(new.position, 0);
        let form = CategoryForm {
            name: "Tin".into(),
            slug: "Tin Đại Hội".into(),
            position: "x".into(),
            ..CategoryForm::default()
        };
        let errors = check_form(&form).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.0).collect();
        assert_eq!(fields, ["slug", "position"]);
    }
}
