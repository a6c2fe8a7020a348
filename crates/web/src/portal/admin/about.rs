//! Trang giới thiệu — the about pages in the administration under `/quan-tri/gioi-thieu`: the
//! tree, add, edit (title, address, parent, order, Markdown body, published or not), delete
//! (after a confirmation page; a page with pages under it is not deleted, the page says which).
//!
//! Rights as for articles: editors add pages and edit them while unpublished; publishing,
//! unpublishing, editing a published page and deleting are for admins. The tree rule (three levels, no
//! loop) is the domain's and is checked again by the store in its transaction.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::about::{AboutInput, check_about, check_parent};
use daihoi_store::{AboutPage, AboutPageHasChildren, Constraint, NewAboutPage, StoreError};
use serde::Deserialize;

use super::views::{Layout, render};
use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;
use crate::portal::public::about::about_url;

/// One page in the tree as the administration lists it (depth from 0).
pub struct TreeRow {
    id: i64,
    title: String,
    url: String,
    depth: usize,
    published: bool,
}

/// Every page, depth-first in sibling order, with its depth.
fn flatten(pages: &[AboutPage]) -> Vec<TreeRow> {
    fn walk(pages: &[AboutPage], parent: Option<i64>, depth: usize, out: &mut Vec<TreeRow>) {
        if depth > daihoi_domain::about::MAX_DEPTH {
            return;
        }
        for p in pages.iter().filter(|p| p.parent_id == parent) {
            out.push(TreeRow {
                id: p.id,
                title: p.title.clone(),
                url: about_url(&p.slug),
                depth,
                published: p.published,
            });
            walk(pages, Some(p.id), depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(pages, None, 0, &mut out);
    out
}

#[derive(Template)]
#[template(path = "admin/about_pages.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<TreeRow>,
}

/// Query carrying a confirmation code.
#[derive(Debug, Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    thong_bao: Option<String>,
}

/// `GET /quan-tri/gioi-thieu` — the tree.
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ViewArticles)?;
    let pages = state.store.list_about_pages().await?;
    render(&ListPage {
        layout: Layout::for_user(&state, &user, "about", query.thong_bao.as_deref()).await,
        rows: flatten(&pages),
    })
}

/// Fields of the page form, kept as typed.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct AboutForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    published: Option<String>,
}

type FieldErrors = Vec<(&'static str, String)>;

#[derive(Template)]
#[template(path = "admin/about_form.html")]
struct FormPage {
    layout: Layout,
    page_id: Option<i64>,
    public_url: Option<String>,
    form: AboutForm,
    errors: FieldErrors,
    parents: Vec<TreeRow>,
    can_publish: bool,
    form_action: String,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }
}

async fn form_page(
    state: &PortalState,
    user: &CurrentUser,
    page: Option<&AboutPage>,
    form: AboutForm,
    errors: FieldErrors,
    notice: Option<&str>,
) -> Result<FormPage, HttpError> {
    let pages = state.store.list_about_pages().await?;
    let id = page.map(|p| p.id);
    // Offered as parents: pages that are not this one and whose depth leaves room.
    let parents = flatten(&pages)
        .into_iter()
        .filter(|row| Some(row.id) != id)
        .collect();
    Ok(FormPage {
        layout: Layout::for_user(state, user, "about", notice).await,
        page_id: id,
        public_url: page.map(|p| about_url(&p.slug)),
        form,
        errors,
        parents,
        can_publish: user.can(Permission::Publish),
        form_action: match id {
            Some(id) => format!("/quan-tri/gioi-thieu/{id}"),
            None => "/quan-tri/gioi-thieu".to_owned(),
        },
    })
}

fn refused(page: &FormPage) -> Result<Response, HttpError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// Checks the form against the stored tree; `page` is the page edited (None: new).
fn check_form(
    form: &AboutForm,
    tree: &[(i64, Option<i64>)],
    page: Option<i64>,
) -> Result<NewAboutPage, FieldErrors> {
    let checked = check_about(&AboutInput {
        title: &form.title,
        slug: &form.slug,
        position: &form.position,
        body: &form.body,
    });
    let mut errors = match &checked {
        Ok(_) => Vec::new(),
        Err(e) => e.clone(),
    };
    let parent_id = match form.parent_id.trim() {
        "" => Ok(None),
        raw => raw.parse::<i64>().map(Some).map_err(|_| ()),
    };
    match parent_id {
        Ok(parent) => {
            if let Err(refusal) = check_parent(tree, page, parent) {
                errors.push(("parent_id", refusal.to_string()));
            }
        }
        Err(()) => errors.push((
            "parent_id",
            "Trang cha: hãy chọn một trang trong danh sách.".to_owned(),
        )),
    }
    match (checked, parent_id) {
        (Ok(fields), Ok(parent_id)) if errors.is_empty() => Ok(NewAboutPage {
            fields,
            parent_id,
            published: form.published.is_some(),
        }),
        _ => Err(errors),
    }
}

fn tree_of(pages: &[AboutPage]) -> Vec<(i64, Option<i64>)> {
    pages.iter().map(|p| (p.id, p.parent_id)).collect()
}

fn slug_taken(err: &StoreError, slug: &str) -> Option<(&'static str, String)> {
    match err {
        StoreError::Conflict(Constraint::AboutPageSlug) => Some((
            "slug",
            format!("Đường dẫn «{slug}» đã được trang giới thiệu khác dùng."),
        )),
        _ => None,
    }
}

/// `GET /quan-tri/gioi-thieu/moi`.
pub async fn new_form(
    State(state): State<PortalState>,
    user: CurrentUser,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    render(&form_page(&state, &user, None, AboutForm::default(), Vec::new(), None).await?)
}

async fn load(state: &PortalState, raw_id: &str) -> Result<AboutPage, HttpError> {
    let id = parse_id(raw_id, "trang giới thiệu")?;
    state
        .store
        .about_page_by_id(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy trang giới thiệu số {id}.")))
}

/// `GET /quan-tri/gioi-thieu/{id}`.
pub async fn edit_form(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ViewArticles)?;
    let page = load(&state, &id).await?;
    let form = AboutForm {
        csrf_token: String::new(),
        title: page.title.clone(),
        slug: page.slug.clone(),
        parent_id: page.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        position: page.position.to_string(),
        body: page.body_md.clone(),
        published: page.published.then(|| "1".to_owned()),
    };
    render(
        &form_page(
            &state,
            &user,
            Some(&page),
            form,
            Vec::new(),
            query.thong_bao.as_deref(),
        )
        .await?,
    )
}

/// An editor may neither publish a page nor change a published one.
fn check_rights(
    user: &CurrentUser,
    old: Option<&AboutPage>,
    new: &AboutForm,
) -> Result<(), HttpError> {
    let was_published = old.is_some_and(|p| p.published);
    let publishes = new.published.is_some();
    if (publishes != was_published) && !user.can(Permission::Publish) {
        return Err(HttpError::NotPermitted);
    }
    if was_published && !user.can(Permission::EditPublished) {
        return Err(HttpError::NotPermitted);
    }
    Ok(())
}

/// `POST /quan-tri/gioi-thieu` — adds a page.
pub async fn create(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<AboutForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    user.check_csrf(&state, &form.csrf_token)?;
    check_rights(&user, None, &form)?;
    let pages = state.store.list_about_pages().await?;
    let new = match check_form(&form, &tree_of(&pages), None) {
        Ok(new) => new,
        Err(errors) => return refused(&form_page(&state, &user, None, form, errors, None).await?),
    };
    match state
        .store
        .create_about_page(&new, &user.actor(), state.now())
        .await
    {
        Ok(page) => {
            state.sitemaps.clear();
            Ok(Redirect::to(&format!(
                "/quan-tri/gioi-thieu/{}?thong_bao=da-luu-trang",
                page.id
            ))
            .into_response())
        }
        Err(err) => match slug_taken(&err, &new.fields.slug) {
            Some(error) => refused(&form_page(&state, &user, None, form, vec![error], None).await?),
            None => Err(err.into()),
        },
    }
}

/// `POST /quan-tri/gioi-thieu/{id}` — edits a page.
pub async fn update(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<AboutForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::WriteDrafts)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let page = load(&state, &id).await?;
    check_rights(&user, Some(&page), &form)?;
    let pages = state.store.list_about_pages().await?;
    let update = match check_form(&form, &tree_of(&pages), Some(page.id)) {
        Ok(update) => update,
        Err(errors) => {
            return refused(&form_page(&state, &user, Some(&page), form, errors, None).await?);
        }
    };
    match state
        .store
        .update_about_page(page.id, &update, &user.actor(), state.now())
        .await
    {
        Ok(_) => {
            state.sitemaps.clear();
            Ok(Redirect::to(&format!(
                "/quan-tri/gioi-thieu/{}?thong_bao=da-luu-trang",
                page.id
            ))
            .into_response())
        }
        Err(err) => match slug_taken(&err, &update.fields.slug) {
            Some(error) => {
                refused(&form_page(&state, &user, Some(&page), form, vec![error], None).await?)
            }
            None => Err(err.into()),
        },
    }
}

#[derive(Template)]
#[template(path = "admin/about_delete.html")]
struct DeletePage {
    layout: Layout,
    id: i64,
    title: String,
    url: String,
    /// The pages right under it (nothing is offered to delete while there are some).
    children: Vec<String>,
    /// What the refusal says when there are children.
    refusal: String,
}

/// What the page says when pages are under the one to delete.
fn children_refusal(title: &str, children: &[String]) -> String {
    let count = children.len();
    format!(
        "Không xoá được trang «{title}» vì còn {count} trang con ở ngay dưới nó. Hãy chuyển các \
         trang con sang trang cha khác hoặc xoá chúng trước."
    )
}

async fn delete_page(
    state: &PortalState,
    user: &CurrentUser,
    page: &AboutPage,
    children: Vec<String>,
) -> DeletePage {
    DeletePage {
        layout: Layout::for_user(state, user, "about", None).await,
        id: page.id,
        title: page.title.clone(),
        url: about_url(&page.slug),
        refusal: children_refusal(&page.title, &children),
        children,
    }
}

/// `GET /quan-tri/gioi-thieu/{id}/xoa` — asks before deleting a page (or says why it cannot be).
pub async fn confirm_delete(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    user.require(Permission::Publish)?;
    let page = load(&state, &id).await?;
    let children = state.store.about_page_children(page.id).await?;
    render(&delete_page(&state, &user, &page, children).await)
}

/// `POST /quan-tri/gioi-thieu/{id}/xoa` — deletes a page with no pages under it, and its search
/// index row; the site maps are checked again.
pub async fn delete(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<DeleteForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::Publish)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let page = load(&state, &id).await?;
    match state
        .store
        .delete_about_page(page.id, &user.actor(), state.now())
        .await?
    {
        Ok(_) => {
            state.sitemaps.clear();
            Ok(Redirect::to("/quan-tri/gioi-thieu?thong_bao=da-xoa-trang").into_response())
        }
        Err(AboutPageHasChildren { children }) => {
            let refused = delete_page(&state, &user, &page, children).await;
            Ok((StatusCode::CONFLICT, Html(refused.render()?)).into_response())
        }
    }
}

/// The token of the delete form.
#[derive(Debug, Default, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf_token: String,
}
