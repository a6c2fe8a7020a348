//! Giới thiệu trên cổng — the about pages: the tree at `/gioi-thieu` and a page at
//! `/gioi-thieu/{slug}` with its breadcrumb and the pages below it. Only pages that are published
//! under published pages are shown ([`daihoi_store::Store::public_about_pages`]); the body is the
//! Markdown rendered and sanitised by [`crate::portal::markdown::render`].

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use daihoi_store::AboutPage;

use super::pages::slug_from;
use super::views::{self, Layout};
use crate::kernel::HttpError;
use crate::kernel::error::quoted;
use crate::portal::PortalState;

/// `/gioi-thieu/{slug}`.
pub fn about_url(slug: &str) -> String {
    format!("/gioi-thieu/{slug}")
}

/// Một nhánh của cây giới thiệu — a page with the pages below it.
#[derive(Debug, Clone)]
pub struct AboutNode {
    /// Title.
    pub title: String,
    /// Its address.
    pub url: String,
    /// The pages below it, in order.
    pub children: Vec<AboutNode>,
}

/// The tree of `pages` (already in sibling order) under `parent`.
pub fn tree_of(pages: &[AboutPage], parent: Option<i64>) -> Vec<AboutNode> {
    tree_below(pages, parent, 0)
}

fn tree_below(pages: &[AboutPage], parent: Option<i64>, depth: usize) -> Vec<AboutNode> {
    if depth > daihoi_domain::about::MAX_DEPTH {
        return Vec::new();
    }
    pages
        .iter()
        .filter(|p| p.parent_id == parent)
        .map(|p| AboutNode {
            title: p.title.clone(),
            url: about_url(&p.slug),
            children: tree_below(pages, Some(p.id), depth + 1),
        })
        .collect()
}

/// Cây giới thiệu.
#[derive(Template)]
#[template(path = "portal/about_index.html")]
pub struct AboutIndexPage {
    /// Chrome.
    pub layout: Layout,
    /// The top pages with theirs below.
    pub tree: Vec<AboutNode>,
}

/// Một trang giới thiệu.
#[derive(Template)]
#[template(path = "portal/about_page.html")]
pub struct AboutPageView {
    /// Chrome.
    pub layout: Layout,
    /// Title.
    pub title: String,
    /// The pages above it, top first: (title, address).
    pub trail: Vec<(String, String)>,
    /// The sanitised body.
    pub body_html: String,
    /// The pages directly below it.
    pub children: Vec<AboutNode>,
}

/// `GET /gioi-thieu` — the tree of public about pages.
pub async fn index(
    State(state): State<PortalState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let pages = state.store.public_about_pages().await?;
    let mut layout = views::layout(&state, &headers, "/gioi-thieu", "Giới thiệu").await?;
    layout.canonical = Some(format!("{}/gioi-thieu", state.config.base_url()));
    let page = AboutIndexPage {
        layout,
        tree: tree_of(&pages, None),
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /gioi-thieu/{slug}` — one public about page.
pub async fn show(
    State(state): State<PortalState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, HttpError> {
    let slug = slug_from(path)?;
    let pages = state.store.public_about_pages().await?;
    let Some(page) = pages.iter().find(|p| p.slug == slug) else {
        return Err(HttpError::NotFound(format!(
            "Không tìm thấy trang giới thiệu «{}».",
            quoted(&slug)
        )));
    };
    let mut trail = Vec::new();
    let mut at = page.parent_id;
    while let Some(id) = at {
        match pages.iter().find(|p| p.id == id) {
            Some(p) if trail.len() < daihoi_domain::about::MAX_DEPTH => {
                trail.push((p.title.clone(), about_url(&p.slug)));
                at = p.parent_id;
            }
            _ => break,
        }
    }
    trail.reverse();
    let url = about_url(&page.slug);
    let mut layout = views::layout(&state, &headers, "/gioi-thieu", &page.title).await?;
    layout.canonical = Some(format!("{}{url}", state.config.base_url()));
    let view = AboutPageView {
        layout,
        title: page.title.clone(),
        trail,
        body_html: crate::portal::markdown::render(&page.body_md),
        children: tree_of(&pages, Some(page.id))
            .into_iter()
            .map(|mut n| {
                n.children.clear();
                n
            })
            .collect(),
    };
    Ok(Html(view.render()?).into_response())
}
