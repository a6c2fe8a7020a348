//! Bài viết — articles: news and interviews, their publication state and listings.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use daihoi_domain::publication::stored_time;

use crate::audit::record;
use crate::search::{search_text, search_text_of};
use crate::search_index::{IndexTexts, article_index_texts, index_article, index_article_with};
use crate::time::{from_micros, from_micros_opt, to_micros};
use crate::{Actor, Page, Store, StoreError, paging};

/// Loại bài — what kind of article it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    /// Tin — an ordinary news article.
    News,
    /// Phỏng vấn — an interview; the body holds questions (`PV:`) and answers.
    Interview,
}

impl ArticleKind {
    /// The stored name (`news`, `interview`).
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::News => "news",
            ArticleKind::Interview => "interview",
        }
    }

    /// Parse the stored name.
    pub fn parse(s: &str) -> Option<ArticleKind> {
        match s {
            "news" => Some(ArticleKind::News),
            "interview" => Some(ArticleKind::Interview),
            _ => None,
        }
    }
}

/// Định dạng nội dung — how an article's body is written (schema 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    /// Markdown, written in the editor (the default).
    Markdown,
    /// HTML brought over from another site (NukeViet), sanitised on import and on every render.
    Html,
}

impl BodyFormat {
    /// The stored name (`markdown`, `html`).
    pub fn as_str(self) -> &'static str {
        match self {
            BodyFormat::Markdown => "markdown",
            BodyFormat::Html => "html",
        }
    }

    /// Parse the stored name.
    pub fn parse(s: &str) -> Option<BodyFormat> {
        match s {
            "markdown" => Some(BodyFormat::Markdown),
            "html" => Some(BodyFormat::Html),
            _ => None,
        }
    }
}

/// Trạng thái bài — the domain's publication state of an article.
pub use daihoi_domain::publication::ArticleStatus;

/// Bài viết — one article with its full body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Row id.
    pub id: i64,
    /// URL segment, unique, without diacritics.
    pub slug: String,
    /// Tiêu đề — title.
    pub title: String,
    /// Sapo — the lead paragraph.
    pub lead: String,
    /// Nội dung — the body, in Markdown or HTML as [`Article::body_format`] says (rendered and
    /// sanitised by the web layer).
    pub body_md: String,
    /// How the body is written; an edit keeps it.
    pub body_format: BodyFormat,
    /// News or interview.
    pub kind: ArticleKind,
    /// Chuyên mục.
    pub category_id: i64,
    /// Tác giả — author line.
    pub author: String,
    /// Nguồn — source line.
    pub source: String,
    /// Publication state.
    pub status: ArticleStatus,
    /// Thời gian đăng — when it goes or went public; a future time means scheduled.
    pub published_at: Option<DateTime<Utc>>,
    /// When the row was created.
    pub created_at: DateTime<Utc>,
    /// When the row was last changed.
    pub updated_at: DateTime<Utc>,
    /// Ảnh đại diện — the photo shown in lists and share cards.
    pub cover_photo_id: Option<i64>,
    /// The congress the article reports on, if any.
    pub congress_id: Option<i64>,
}

impl Article {
    /// Whether readers may see the article at `now`.
    pub fn is_public(&self, now: DateTime<Utc>) -> bool {
        daihoi_domain::publication::is_public(self.status, self.published_at, now)
    }
}

/// Tóm tắt bài — what a list of articles shows (no body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// Row id.
    pub id: i64,
    /// URL segment.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Lead paragraph.
    pub lead: String,
    /// News or interview.
    pub kind: ArticleKind,
    /// Publication state.
    pub status: ArticleStatus,
    /// Category id.
    pub category_id: i64,
    /// Category slug, for links.
    pub category_slug: String,
    /// Category name, for display.
    pub category_name: String,
    /// Author line.
    pub author: String,
    /// Publication time; always `Some` in [`Store::list_published`].
    pub published_at: Option<DateTime<Utc>>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Cover photo id.
    pub cover_photo_id: Option<i64>,
    /// Thumbnail file name of the cover photo.
    pub cover_thumb_name: Option<String>,
    /// Caption of the cover photo.
    pub cover_caption: Option<String>,
}

/// Bài viết mới — every editable field of an article.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewArticle {
    /// URL segment, unique.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Lead paragraph.
    pub lead: String,
    /// Body in Markdown.
    pub body_md: String,
    /// News or interview.
    pub kind: ArticleKind,
    /// Category id (must exist).
    pub category_id: i64,
    /// Author line.
    pub author: String,
    /// Source line.
    pub source: String,
    /// Publication state.
    pub status: ArticleStatus,
    /// Publication time; `None` with `Published` means "now".
    pub published_at: Option<DateTime<Utc>>,
    /// Cover photo id (must exist and belong to this article).
    pub cover_photo_id: Option<i64>,
    /// The congress the article reports on, if any (its page lists the article).
    pub congress_id: Option<i64>,
}

/// Sửa bài viết — the new values of every editable field (same shape as [`NewArticle`]).
pub type ArticleUpdate = NewArticle;

const ARTICLE_COLUMNS: &str = "id, slug, title, lead, body_md, body_format, kind, category_id, \
     author, source, status, published_at, created_at, updated_at, cover_photo_id, congress_id";

pub(crate) const SUMMARY_SELECT: &str = "SELECT a.id, a.slug, a.title, a.lead, a.kind, a.status, \
     a.category_id, c.slug AS category_slug, c.name AS category_name, a.author, a.published_at, \
     a.updated_at, a.cover_photo_id, p.thumb_name AS cover_thumb_name, p.caption AS cover_caption \
     FROM article a JOIN category c ON c.id = a.category_id \
     LEFT JOIN photo p ON p.id = a.cover_photo_id";

fn kind_from(s: String) -> Result<ArticleKind, StoreError> {
    ArticleKind::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("loại bài «{s}»")))
}

fn status_from(s: String) -> Result<ArticleStatus, StoreError> {
    ArticleStatus::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("trạng thái bài «{s}»")))
}

fn article_from_row(r: &AnyRow) -> Result<Article, StoreError> {
    Ok(Article {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        title: r.try_get("title")?,
        lead: r.try_get("lead")?,
        body_md: r.try_get("body_md")?,
        body_format: {
            let format: String = r.try_get("body_format")?;
            BodyFormat::parse(&format)
                .ok_or_else(|| StoreError::Corrupt(format!("định dạng nội dung «{format}»")))?
        },
        kind: kind_from(r.try_get("kind")?)?,
        category_id: r.try_get("category_id")?,
        author: r.try_get("author")?,
        source: r.try_get("source")?,
        status: status_from(r.try_get("status")?)?,
        published_at: from_micros_opt(r.try_get("published_at")?)?,
        created_at: from_micros(r.try_get("created_at")?)?,
        updated_at: from_micros(r.try_get("updated_at")?)?,
        cover_photo_id: r.try_get("cover_photo_id")?,
        congress_id: r.try_get("congress_id")?,
    })
}

/// One page of article summaries from the rows of a `SUMMARY_SELECT` query and the total count.
pub(crate) fn summaries_page(
    rows: &[sqlx::any::AnyRow],
    total: i64,
    page: u32,
    per_page: u32,
) -> Result<Page<ArticleSummary>, StoreError> {
    Ok(Page {
        items: rows
            .iter()
            .map(summary_from_row)
            .collect::<Result<_, _>>()?,
        total: total.max(0) as u64,
        page,
        per_page,
    })
}

pub(crate) fn summary_from_row(r: &AnyRow) -> Result<ArticleSummary, StoreError> {
    Ok(ArticleSummary {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        title: r.try_get("title")?,
        lead: r.try_get("lead")?,
        kind: kind_from(r.try_get("kind")?)?,
        status: status_from(r.try_get("status")?)?,
        category_id: r.try_get("category_id")?,
        category_slug: r.try_get("category_slug")?,
        category_name: r.try_get("category_name")?,
        author: r.try_get("author")?,
        published_at: from_micros_opt(r.try_get("published_at")?)?,
        updated_at: from_micros(r.try_get("updated_at")?)?,
        cover_photo_id: r.try_get("cover_photo_id")?,
        cover_thumb_name: r.try_get("cover_thumb_name")?,
        cover_caption: r.try_get("cover_caption")?,
    })
}

pub(crate) fn validate(a: &NewArticle) -> Result<(), StoreError> {
    if a.slug.trim().is_empty() {
        return Err(StoreError::Invalid(
            "đường dẫn (slug) bài viết không được để trống".into(),
        ));
    }
    if a.title.trim().is_empty() {
        return Err(StoreError::Invalid(
            "tiêu đề bài viết không được để trống".into(),
        ));
    }
    Ok(())
}

pub(crate) fn audit_detail(a: &Article) -> serde_json::Value {
    json!({
        "slug": a.slug,
        "title": a.title,
        "status": a.status.as_str(),
        "kind": a.kind.as_str(),
        "category_id": a.category_id,
        "published_at": a.published_at,
        "cover_photo_id": a.cover_photo_id,
    })
}

/// Check, inside the caller's transaction, that the referenced category and cover photo exist.
async fn check_references(
    conn: &mut AnyConnection,
    a: &NewArticle,
    article_id: Option<i64>,
) -> Result<(), StoreError> {
    let category: Option<i64> = sqlx::query_scalar("SELECT id FROM category WHERE id = $1")
        .bind(a.category_id)
        .fetch_optional(&mut *conn)
        .await?;
    if category.is_none() {
        return Err(StoreError::NotFound {
            entity: "chuyên mục",
            key: a.category_id.to_string(),
        });
    }
    if let Some(photo_id) = a.cover_photo_id {
        let owner: Option<i64> = sqlx::query_scalar("SELECT article_id FROM photo WHERE id = $1")
            .bind(photo_id)
            .fetch_optional(&mut *conn)
            .await?;
        match owner {
            None => {
                return Err(StoreError::NotFound {
                    entity: "ảnh",
                    key: photo_id.to_string(),
                });
            }
            Some(owner) if Some(owner) != article_id => {
                return Err(StoreError::Invalid(format!(
                    "ảnh đại diện {photo_id} thuộc bài viết khác"
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Insert an article on `conn` (the caller's transaction) with its folded search text and its
/// search index row, after
/// checking its category; no audit row. The cover photo must be `None` (a new article has none).
pub(crate) async fn insert_article(
    conn: &mut AnyConnection,
    new: &NewArticle,
    now: DateTime<Utc>,
) -> Result<Article, StoreError> {
    check_references(conn, new, None).await?;
    let texts = ArticleTexts::of(&new.title, &new.lead, &new.author, &new.body_md);
    write_new_article(conn, new, &texts, BodyFormat::Markdown, now, now).await
}

/// Chữ để tìm của một bài — what the store derives from an article's title, lead, author and
/// body for search: its folded search text and its index words. Computed by
/// [`ArticleTexts::of`] on any thread, before the article is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleTexts {
    search_text: String,
    index: IndexTexts,
}

impl ArticleTexts {
    /// The texts of an article with these fields (`body` in Markdown or HTML: markup is not
    /// searchable either way).
    pub fn of(title: &str, lead: &str, author: &str, body: &str) -> ArticleTexts {
        ArticleTexts {
            search_text: search_text(title, lead, author, body),
            index: article_index_texts(title, lead, author, body),
        }
    }
}

/// The row and the index row of a new article, its texts prepared before ([`ArticleTexts::of`]
/// of the same fields), in the body's format and with its own creation and edit times
/// (`created_at` decides the publication time of a `Published` article without one). No
/// checks: [`insert_article`] checks first; an import writes articles whose category it has
/// just written or read in the same transaction.
pub(crate) async fn write_new_article(
    conn: &mut AnyConnection,
    new: &NewArticle,
    texts: &ArticleTexts,
    body_format: BodyFormat,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
) -> Result<Article, StoreError> {
    let published_at = stored_time(new.status, new.published_at, created_at);
    let row = sqlx::query(&format!(
        "INSERT INTO article (slug, title, lead, body_md, body_format, kind, category_id, author, \
                              source, status, published_at, created_at, updated_at, \
                              cover_photo_id, search_text, congress_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, $14, $15) \
         RETURNING {ARTICLE_COLUMNS}"
    ))
    .bind(&new.slug)
    .bind(&new.title)
    .bind(&new.lead)
    .bind(&new.body_md)
    .bind(body_format.as_str())
    .bind(new.kind.as_str())
    .bind(new.category_id)
    .bind(&new.author)
    .bind(&new.source)
    .bind(new.status.as_str())
    .bind(published_at.map(to_micros))
    .bind(to_micros(created_at))
    .bind(to_micros(updated_at))
    .bind(&texts.search_text)
    .bind(new.congress_id)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| unknown_congress(e, new.congress_id))?;
    let article = article_from_row(&row)?;
    index_article_with(conn, &article, &texts.index).await?;
    Ok(article)
}

/// A foreign-key refusal of an article write can only be its congress (the category and the
/// cover photo are checked first): it is a missing congress.
fn unknown_congress(err: sqlx::Error, congress_id: Option<i64>) -> StoreError {
    if crate::error::is_foreign_key_violation(&err) {
        StoreError::NotFound {
            entity: "đại hội",
            key: congress_id.map(|id| id.to_string()).unwrap_or_default(),
        }
    } else {
        err.into()
    }
}

/// Replace every editable field of article `id` on `conn` (the caller's transaction), search
/// text and index row included, after checking the category and cover photo; no audit row.
pub(crate) async fn rewrite_article(
    conn: &mut AnyConnection,
    id: i64,
    update: &ArticleUpdate,
    now: DateTime<Utc>,
) -> Result<Article, StoreError> {
    check_references(conn, update, Some(id)).await?;
    let published_at = stored_time(update.status, update.published_at, now);
    let row = sqlx::query(&format!(
        "UPDATE article SET slug = $1, title = $2, lead = $3, body_md = $4, kind = $5, \
             category_id = $6, author = $7, source = $8, status = $9, published_at = $10, \
             updated_at = $11, cover_photo_id = $12, search_text = $14, congress_id = $15 \
         WHERE id = $13 RETURNING {ARTICLE_COLUMNS}"
    ))
    .bind(&update.slug)
    .bind(&update.title)
    .bind(&update.lead)
    .bind(&update.body_md)
    .bind(update.kind.as_str())
    .bind(update.category_id)
    .bind(&update.author)
    .bind(&update.source)
    .bind(update.status.as_str())
    .bind(published_at.map(to_micros))
    .bind(to_micros(now))
    .bind(update.cover_photo_id)
    .bind(id)
    .bind(search_text_of(update))
    .bind(update.congress_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(|e| unknown_congress(e, update.congress_id))?
    .ok_or_else(|| StoreError::NotFound {
        entity: "bài viết",
        key: id.to_string(),
    })?;
    let article = article_from_row(&row)?;
    index_article(conn, &article).await?;
    Ok(article)
}

/// The article with this id read on `conn` (the caller's transaction), whatever its state.
pub(crate) async fn article_on(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<Article>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM article WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(article_from_row).transpose()
}

impl Store {
    /// Bài đã đăng — published articles visible at `now` (optionally of one category), newest
    /// first. `page` counts from 1; `per_page` is clamped to `1..=100`.
    pub async fn list_published(
        &self,
        category_id: Option<i64>,
        page: u32,
        per_page: u32,
        now: DateTime<Utc>,
    ) -> Result<Page<ArticleSummary>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let now = to_micros(now);
        let (total, rows) = match category_id {
            None => {
                let total: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM article WHERE status = 'published' AND published_at <= $1",
                )
                .bind(now)
                .fetch_one(self.pool())
                .await?;
                let rows = sqlx::query(&format!(
                    "{SUMMARY_SELECT} WHERE a.status = 'published' AND a.published_at <= $1 \
                     ORDER BY a.published_at DESC, a.id DESC LIMIT $2 OFFSET $3"
                ))
                .bind(now)
                .bind(i64::from(per_page))
                .bind(offset)
                .fetch_all(self.pool())
                .await?;
                (total, rows)
            }
            Some(cid) => {
                // An article also listed under other sections (a site moved over from NukeViet
                // keeps them in `article_category`) shows on their pages too. Most sections have
                // none: they keep the plain query, which the (category, status, time) index
                // answers in order.
                let others: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM \
                     (SELECT 1 FROM article_category WHERE category_id = $1 LIMIT 1) AS one",
                )
                .bind(cid)
                .fetch_one(self.pool())
                .await?;
                let has_others = others > 0;
                let in_section = if has_others {
                    "(a.category_id = $2 OR a.id IN \
                     (SELECT article_id FROM article_category WHERE category_id = $2))"
                } else {
                    "a.category_id = $2"
                };
                let total: i64 = sqlx::query_scalar(&format!(
                    "SELECT COUNT(*) FROM article a \
                     WHERE a.status = 'published' AND a.published_at <= $1 AND {in_section}"
                ))
                .bind(now)
                .bind(cid)
                .fetch_one(self.pool())
                .await?;
                let rows = sqlx::query(&format!(
                    "{SUMMARY_SELECT} WHERE a.status = 'published' AND a.published_at <= $1 \
                     AND {in_section} \
                     ORDER BY a.published_at DESC, a.id DESC LIMIT $3 OFFSET $4"
                ))
                .bind(now)
                .bind(cid)
                .bind(i64::from(per_page))
                .bind(offset)
                .fetch_all(self.pool())
                .await?;
                (total, rows)
            }
        };
        summaries_page(&rows, total, page, per_page)
    }

    /// Tất cả bài viết — every article whatever its state (administration), last changed first.
    pub async fn list_all_articles(
        &self,
        page: u32,
        per_page: u32,
    ) -> Result<Page<ArticleSummary>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM article")
            .fetch_one(self.pool())
            .await?;
        let rows = sqlx::query(&format!(
            "{SUMMARY_SELECT} ORDER BY a.updated_at DESC, a.id DESC LIMIT $1 OFFSET $2"
        ))
        .bind(i64::from(per_page))
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        summaries_page(&rows, total, page, per_page)
    }

    /// Bài đã đăng theo đường dẫn — the article with this slug if readers may see it at `now`.
    pub async fn published_article_by_slug(
        &self,
        slug: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Article>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM article \
             WHERE slug = $1 AND status = 'published' AND published_at <= $2"
        ))
        .bind(slug)
        .bind(to_micros(now))
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(article_from_row).transpose()
    }

    /// Bài viết theo mã — the article with this id whatever its state (administration, preview).
    pub async fn article_by_id(&self, id: i64) -> Result<Option<Article>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM article WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(article_from_row).transpose()
    }

    /// Tạo bài viết — create an article. A taken slug gives [`StoreError::Conflict`]; an unknown
    /// category gives [`StoreError::NotFound`]. `Published` without a time is published at `now`.
    pub async fn create_article(
        &self,
        new: &NewArticle,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Article, StoreError> {
        validate(new)?;
        if new.cover_photo_id.is_some() {
            return Err(StoreError::Invalid(
                "bài viết mới chưa có ảnh; hãy tải ảnh lên rồi chọn ảnh đại diện".into(),
            ));
        }
        let mut tx = self.begin().await?;
        let article = insert_article(&mut tx, new, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "create",
            "article",
            Some(article.id),
            audit_detail(&article),
        )
        .await?;
        tx.commit().await?;
        Ok(article)
    }

    /// Sửa bài viết — replace every editable field of article `id` (including status and
    /// publication time). Nothing changes when any check fails.
    pub async fn update_article(
        &self,
        id: i64,
        update: &ArticleUpdate,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Article, StoreError> {
        validate(update)?;
        let mut tx = self.begin().await?;
        let article = rewrite_article(&mut tx, id, update, now).await?;
        record(
            &mut tx,
            actor,
            now,
            "update",
            "article",
            Some(id),
            audit_detail(&article),
        )
        .await?;
        tx.commit().await?;
        Ok(article)
    }

    /// Đăng / gỡ bài — change only the status of article `id`. Publishing an article that has no
    /// publication time publishes it at `now`; a scheduled time is kept.
    pub async fn set_article_status(
        &self,
        id: i64,
        status: ArticleStatus,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Article, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "UPDATE article SET status = $1, updated_at = $2, \
                 published_at = CASE WHEN $3 = 1 AND published_at IS NULL THEN $2 \
                                     ELSE published_at END \
             WHERE id = $4 RETURNING {ARTICLE_COLUMNS}"
        ))
        .bind(status.as_str())
        .bind(to_micros(now))
        .bind(i64::from(status == ArticleStatus::Published))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "bài viết",
            key: id.to_string(),
        })?;
        let article = article_from_row(&row)?;
        index_article(&mut tx, &article).await?;
        record(
            &mut tx,
            actor,
            now,
            "set_status",
            "article",
            Some(id),
            audit_detail(&article),
        )
        .await?;
        tx.commit().await?;
        Ok(article)
    }
}
