//! Dữ liệu mẫu — the whole demo portal written in one transaction: all of it, or nothing.
//!
//! The web layer prepares a [`DemoBundle`] (texts, hashed passwords, photo files already on disk,
//! visit history) and hands it to [`Store::load_demo`]. Nothing is written until every row can be
//! written: a failure anywhere (a clashing slug, a full disk, a lost connection) rolls back the
//! settings, categories, accounts, articles, photos, visit history and their audit rows together.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AnyConnection;

use crate::article::{NewArticle, audit_detail, insert_article, rewrite_article, validate};
use crate::audit::record;
use crate::category::create_category_in;
use crate::photo::add_photo_in;
use crate::settings::set_setting_in;
use crate::user::{NewUser, create_user_in};
use crate::visits::{VisitKind, replace_daily_visits_in};
use crate::{Actor, Backend, NewCategory, NewPhoto, Store, StoreError};

/// Key of the PostgreSQL advisory lock held while the demo loads, so that two instances started
/// at once on an empty database do not both load it.
const DEMO_LOCK_KEY: i64 = 0x6461_6968_6f69; // "daihoi"

/// Gói dữ liệu mẫu — everything the demo writes to the database.
#[derive(Debug, Clone)]
pub struct DemoBundle {
    /// Settings `(key, value)`, each audited like [`Store::set_setting`].
    pub settings: Vec<(String, String)>,
    /// Categories, in menu order.
    pub categories: Vec<NewCategory>,
    /// Accounts (password hashes already computed).
    pub users: Vec<NewUser>,
    /// Articles with their photos.
    pub articles: Vec<DemoArticleRows>,
    /// The daily visit history; it replaces whatever `daily_visit` holds.
    pub daily_visits: Vec<(NaiveDate, VisitKind, u64)>,
    /// Turns an article body written with photo keys into the stored body once the photos have
    /// ids: `(body, [(key, id)])` → body. The reference format belongs to the web layer's
    /// Markdown, so the web layer supplies it.
    pub link_photos: fn(&str, &[(String, i64)]) -> String,
}

/// Bài viết mẫu — one article of a [`DemoBundle`].
#[derive(Debug, Clone)]
pub struct DemoArticleRows {
    /// Slug of its category (one of the bundle's categories).
    pub category_slug: String,
    /// The article. `category_id` and `cover_photo_id` are ignored (taken from
    /// `category_slug` and `cover_key`); `body_md` still holds photo keys.
    pub article: NewArticle,
    /// Its photos in order; the files must already be on disk.
    pub photos: Vec<DemoPhotoRow>,
    /// Key of the cover photo, if any.
    pub cover_key: Option<String>,
}

/// Ảnh mẫu — one photo row of a demo article.
#[derive(Debug, Clone)]
pub struct DemoPhotoRow {
    /// The key the body uses for it.
    pub key: String,
    /// Stored file name of the full-size image (relative to the uploads folder).
    pub file_name: String,
    /// Stored file name of the thumbnail.
    pub thumb_name: String,
    /// Caption.
    pub caption: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// MIME type.
    pub mime: String,
}

impl Store {
    /// Nạp dữ liệu mẫu — write `bundle` in one transaction if the database is empty (no article,
    /// category or user). Returns `false`, writing nothing, when it is not empty, including when
    /// another instance loaded the demo a moment earlier (PostgreSQL: an advisory lock makes the
    /// check and the load one step; SQLite: the write transaction does). On `Err` nothing was
    /// written.
    pub async fn load_demo(
        &self,
        bundle: &DemoBundle,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        for a in &bundle.articles {
            validate(&a.article)?;
        }
        let mut tx = self.begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(DEMO_LOCK_KEY)
                .execute(&mut *tx)
                .await?;
        }
        let existing: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM article) + (SELECT COUNT(*) FROM category) \
                  + (SELECT COUNT(*) FROM app_user)",
        )
        .fetch_one(&mut *tx)
        .await?;
        if existing > 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        replace_daily_visits_in(&mut tx, &bundle.daily_visits).await?;
        for (key, value) in &bundle.settings {
            set_setting_in(&mut tx, key, value, actor, now).await?;
        }
        let mut category_ids: Vec<(&str, i64)> = Vec::with_capacity(bundle.categories.len());
        for c in &bundle.categories {
            category_ids.push((
                &c.slug,
                create_category_in(&mut tx, c, actor, now).await?.id,
            ));
        }
        for u in &bundle.users {
            create_user_in(&mut tx, u, actor, now).await?;
        }
        for a in &bundle.articles {
            let category_id = category_ids
                .iter()
                .find(|(slug, _)| *slug == a.category_slug)
                .map(|(_, id)| *id)
                .ok_or_else(|| StoreError::NotFound {
                    entity: "chuyên mục",
                    key: a.category_slug.clone(),
                })?;
            write_article(&mut tx, a, category_id, bundle.link_photos, actor, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}

/// The article (without its cover, body still with keys), its photos, then the body with photo
/// ids and the cover; audited as a creation plus one row per photo.
async fn write_article(
    conn: &mut AnyConnection,
    a: &DemoArticleRows,
    category_id: i64,
    link_photos: fn(&str, &[(String, i64)]) -> String,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut input = a.article.clone();
    input.category_id = category_id;
    input.cover_photo_id = None;
    let created = insert_article(conn, &input, now).await?;
    let mut ids: Vec<(String, i64)> = Vec::with_capacity(a.photos.len());
    for p in &a.photos {
        let photo = NewPhoto {
            article_id: created.id,
            file_name: p.file_name.clone(),
            thumb_name: p.thumb_name.clone(),
            caption: p.caption.clone(),
            width: p.width,
            height: p.height,
            mime: p.mime.clone(),
        };
        ids.push((
            p.key.clone(),
            add_photo_in(conn, &photo, actor, now).await?.id,
        ));
    }
    input.body_md = link_photos(&a.article.body_md, &ids);
    input.cover_photo_id = match &a.cover_key {
        None => None,
        Some(key) => Some(
            ids.iter()
                .find(|(k, _)| k == key)
                .map(|(_, id)| *id)
                .ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "bài mẫu «{}»: ảnh đại diện «{key}» không có trong các ảnh của bài",
                        input.slug
                    ))
                })?,
        ),
    };
    let article = rewrite_article(conn, created.id, &input, now).await?;
    record(
        conn,
        actor,
        now,
        "create",
        "article",
        Some(article.id),
        audit_detail(&article),
    )
    .await
}
