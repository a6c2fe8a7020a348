//! Giới thiệu — the about pages, a small tree (schema 14). The tree rule (no loop, at most
//! [`daihoi_domain::about::MAX_DEPTH`] levels) is the domain's; the store applies it inside the
//! write's transaction, over the rows as they are then.

use chrono::{DateTime, Utc};
use daihoi_domain::about::{AboutFields, check_parent};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::record;
use crate::search_index::{IndexEntry, index_item, remove_item};
use crate::time::{from_micros, to_micros};
use crate::{Actor, Store, StoreError};

/// Trang giới thiệu — one about page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AboutPage {
    /// Row id.
    pub id: i64,
    /// The page above it, if any.
    pub parent_id: Option<i64>,
    /// Address segment (`/gioi-thieu/{slug}`), unique.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Body in Markdown (rendered and sanitised by the web layer).
    pub body_md: String,
    /// Order among its siblings, smallest first.
    pub position: i64,
    /// Whether it is published (it is public when every page above it is too).
    pub published: bool,
    /// When the row was created.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

/// Trang giới thiệu mới — every editable field of an about page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAboutPage {
    /// The checked fields.
    pub fields: AboutFields,
    /// The page above it.
    pub parent_id: Option<i64>,
    /// Published or not.
    pub published: bool,
}

/// Trang còn trang con — why an about page was not deleted: the pages right under it (their
/// titles, in sibling order), which must be moved or deleted first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AboutPageHasChildren {
    /// Titles of the child pages.
    pub children: Vec<String>,
}

const COLUMNS: &str =
    "id, parent_id, slug, title, body_md, position, published, created_at, updated_at";

fn page_from_row(r: &AnyRow) -> Result<AboutPage, StoreError> {
    Ok(AboutPage {
        id: r.try_get("id")?,
        parent_id: r.try_get("parent_id")?,
        slug: r.try_get("slug")?,
        title: r.try_get("title")?,
        body_md: r.try_get("body_md")?,
        position: r.try_get("position")?,
        published: r.try_get::<i64, _>("published")? == 1,
        created_at: from_micros(r.try_get("created_at")?)?,
        updated_at: from_micros(r.try_get("updated_at")?)?,
    })
}

fn audit_detail(p: &AboutPage) -> serde_json::Value {
    json!({
        "slug": p.slug,
        "title": p.title,
        "parent_id": p.parent_id,
        "position": p.position,
        "published": p.published,
    })
}

/// The `kind` of an about page's search index row.
pub(crate) const KIND_PAGE: &str = "page";

/// The pages of `all` that readers may see: published, under published pages only.
fn visible(all: &[AboutPage]) -> Vec<AboutPage> {
    let by_id: std::collections::HashMap<i64, (Option<i64>, bool)> = all
        .iter()
        .map(|p| (p.id, (p.parent_id, p.published)))
        .collect();
    let public = |p: &AboutPage| {
        let mut at = Some(p.id);
        let mut steps = 0;
        while let Some(id) = at {
            match by_id.get(&id) {
                Some((parent, true)) => at = *parent,
                _ => return false,
            }
            steps += 1;
            if steps > all.len() {
                return false;
            }
        }
        true
    };
    all.iter().filter(|p| public(p)).cloned().collect()
}

async fn all_pages_on(conn: &mut AnyConnection) -> Result<Vec<AboutPage>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM about_page ORDER BY position, id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(page_from_row).collect()
}

/// Rewrite the search index rows of every about page on `conn` (the tree is small, and a
/// page's visibility follows its ancestors'): public pages indexed, the others removed.
async fn index_pages(conn: &mut AnyConnection) -> Result<(), StoreError> {
    let all = all_pages_on(conn).await?;
    let public: Vec<i64> = visible(&all).iter().map(|p| p.id).collect();
    for page in &all {
        if public.contains(&page.id) {
            let body = daihoi_domain::search::plain_text_of_markdown(&page.body_md);
            index_item(
                conn,
                &IndexEntry {
                    kind: KIND_PAGE,
                    item_id: page.id,
                    visible_from: Some(to_micros(page.updated_at)),
                    title: &page.title,
                    body: &body,
                },
            )
            .await?;
        } else {
            remove_item(conn, KIND_PAGE, page.id).await?;
        }
    }
    Ok(())
}

/// Checks the tree rule for `page` (None: new) under `parent`, over the rows read on `conn`.
async fn check_tree(
    conn: &mut AnyConnection,
    page: Option<i64>,
    parent: Option<i64>,
) -> Result<(), StoreError> {
    let rows = sqlx::query("SELECT id, parent_id FROM about_page")
        .fetch_all(&mut *conn)
        .await?;
    let tree: Vec<(i64, Option<i64>)> = rows
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("parent_id")?)))
        .collect::<Result<_, StoreError>>()?;
    check_parent(&tree, page, parent).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// [`Store::create_about_page`] on the caller's transaction (the demo uses it too).
pub(crate) async fn insert_about_page_in(
    conn: &mut AnyConnection,
    new: &NewAboutPage,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<AboutPage, StoreError> {
    check_tree(conn, None, new.parent_id).await?;
    let f = &new.fields;
    let row = sqlx::query(&format!(
        "INSERT INTO about_page (parent_id, slug, title, body_md, position, published, \
             created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING {COLUMNS}"
    ))
    .bind(new.parent_id)
    .bind(&f.slug)
    .bind(&f.title)
    .bind(&f.body_md)
    .bind(f.position)
    .bind(i64::from(new.published))
    .bind(to_micros(now))
    .fetch_one(&mut *conn)
    .await?;
    let page = page_from_row(&row)?;
    index_pages(conn).await?;
    record(
        conn,
        actor,
        now,
        "create",
        "about_page",
        Some(page.id),
        audit_detail(&page),
    )
    .await?;
    Ok(page)
}

/// The titles of the pages right under `id`, in sibling order.
async fn children_on(conn: &mut AnyConnection, id: i64) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT title FROM about_page WHERE parent_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

impl Store {
    /// Trang con — the titles of the pages right under about page `id`, in sibling order (the
    /// administration says them before a delete).
    pub async fn about_page_children(&self, id: i64) -> Result<Vec<String>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        children_on(&mut conn, id).await
    }

    /// Xoá trang — deletes about page `id` with its search index row, in one transaction with
    /// the audit row, and returns it. A page with pages under it is not deleted:
    /// `Ok(Err(has_children))` names them, and nothing is changed.
    pub async fn delete_about_page(
        &self,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Result<AboutPage, AboutPageHasChildren>, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM about_page WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                entity: "trang giới thiệu",
                key: id.to_string(),
            })?;
        let page = page_from_row(&row)?;
        let children = children_on(&mut tx, id).await?;
        if !children.is_empty() {
            tx.rollback().await?;
            return Ok(Err(AboutPageHasChildren { children }));
        }
        remove_item(&mut tx, KIND_PAGE, id).await?;
        sqlx::query("DELETE FROM about_page WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "delete",
            "about_page",
            Some(id),
            audit_detail(&page),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(page))
    }

    /// Trang giới thiệu — every about page whatever its state, in tree order of siblings
    /// (position, then id); the caller builds the tree.
    pub async fn list_about_pages(&self) -> Result<Vec<AboutPage>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM about_page ORDER BY position, id"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(page_from_row).collect()
    }

    /// Trang công khai — the about pages readers may see: published, under published pages
    /// only, in sibling order.
    pub async fn public_about_pages(&self) -> Result<Vec<AboutPage>, StoreError> {
        Ok(visible(&self.list_about_pages().await?))
    }

    /// About pages by id for the search hits: only public ones.
    pub(crate) async fn public_about_pages_by_ids(
        &self,
        ids: &[i64],
    ) -> Result<Vec<AboutPage>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .public_about_pages()
            .await?
            .into_iter()
            .filter(|p| ids.contains(&p.id))
            .collect())
    }

    /// Trang theo mã — about page `id` whatever its state.
    pub async fn about_page_by_id(&self, id: i64) -> Result<Option<AboutPage>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM about_page WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(page_from_row).transpose()
    }

    /// Tạo trang — create an about page under `parent_id`. The tree rule's refusal is
    /// [`StoreError::Invalid`]; a taken slug is `Conflict(Constraint::AboutPageSlug)`.
    pub async fn create_about_page(
        &self,
        new: &NewAboutPage,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<AboutPage, StoreError> {
        let mut tx = self.begin().await?;
        let page = insert_about_page_in(&mut tx, new, actor, now).await?;
        tx.commit().await?;
        Ok(page)
    }

    /// Sửa trang — replace every editable field of about page `id`, its place in the tree and
    /// its publication included.
    pub async fn update_about_page(
        &self,
        id: i64,
        update: &NewAboutPage,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<AboutPage, StoreError> {
        let mut tx = self.begin().await?;
        check_tree(&mut tx, Some(id), update.parent_id).await?;
        let f = &update.fields;
        let row = sqlx::query(&format!(
            "UPDATE about_page SET parent_id = $1, slug = $2, title = $3, body_md = $4, \
                 position = $5, published = $6, updated_at = $7 \
             WHERE id = $8 RETURNING {COLUMNS}"
        ))
        .bind(update.parent_id)
        .bind(&f.slug)
        .bind(&f.title)
        .bind(&f.body_md)
        .bind(f.position)
        .bind(i64::from(update.published))
        .bind(to_micros(now))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "trang giới thiệu",
            key: id.to_string(),
        })?;
        let page = page_from_row(&row)?;
        index_pages(&mut tx).await?;
        record(
            &mut tx,
            actor,
            now,
            "update",
            "about_page",
            Some(id),
            audit_detail(&page),
        )
        .await?;
        tx.commit().await?;
        Ok(page)
    }
}
