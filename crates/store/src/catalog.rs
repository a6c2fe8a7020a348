//! Mục lục bài đã đăng — what the site maps read of the published articles: a cheap stamp that
//! changes whenever the set of public articles or their addresses may have changed, every public
//! article's address and times in id order, and the articles of one section in one period.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::article::{SUMMARY_SELECT, summaries_page};
use crate::time::{from_micros, to_micros};
use crate::{ArticleSummary, Page, Store, StoreError, paging};

/// Dấu mục lục — a few figures of the article table that a change to the public articles always
/// moves: how many articles there are and the highest id (an article added or deleted), the
/// latest `updated_at` (every write of an article sets it to the time of the write), and how many
/// are public at the time asked (a scheduled article coming out). Two equal stamps mean the public
/// articles, their addresses and times are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogStamp {
    /// Every article, whatever its state.
    pub articles: i64,
    /// The highest article id (0 with none).
    pub max_id: i64,
    /// The latest change of any article, as stored (microseconds; 0 with none).
    pub last_update: i64,
    /// Articles public at the time asked.
    pub public: i64,
}

/// Bài trong mục lục — one public article as the site maps list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedEntry {
    /// Row id.
    pub id: i64,
    /// URL segment.
    pub slug: String,
    /// Chuyên mục.
    pub category_id: i64,
    /// When it became public.
    pub published_at: DateTime<Utc>,
    /// Its last change.
    pub updated_at: DateTime<Utc>,
}

impl PublishedEntry {
    /// The last time its page changed: its last edit, or its publication if that came later (a
    /// scheduled article is written before it comes out).
    pub fn last_modified(&self) -> DateTime<Utc> {
        self.published_at.max(self.updated_at)
    }
}

/// Rows read per query by [`Store::published_entries`]: bounds the memory of one read.
const ENTRIES_PER_READ: i64 = 10_000;

impl Store {
    /// Dấu mục lục — the [`CatalogStamp`] at `now`: three index look-ups and one counted index
    /// range, a few milliseconds at 100.000 articles.
    pub async fn catalog_stamp(&self, now: DateTime<Utc>) -> Result<CatalogStamp, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS articles, COALESCE(MAX(id), 0) AS max_id, \
                    COALESCE(MAX(updated_at), 0) AS last_update, \
                    (SELECT COUNT(*) FROM article \
                     WHERE status = 'published' AND published_at <= $1) AS public \
             FROM article",
        )
        .bind(to_micros(now))
        .fetch_one(self.pool())
        .await?;
        Ok(CatalogStamp {
            articles: row.try_get("articles")?,
            max_id: row.try_get("max_id")?,
            last_update: row.try_get("last_update")?,
            public: row.try_get("public")?,
        })
    }

    /// Mục lục — every article public at `now`, by id (oldest first), with what a site map
    /// lists: address, section, publication and change times. Read in slices of 10.000 rows.
    pub async fn published_entries(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<PublishedEntry>, StoreError> {
        let now = to_micros(now);
        let mut entries = Vec::new();
        let mut after = i64::MIN;
        loop {
            let rows = sqlx::query(
                "SELECT id, slug, category_id, published_at, updated_at FROM article \
                 WHERE status = 'published' AND published_at <= $1 AND id > $2 \
                 ORDER BY id LIMIT $3",
            )
            .bind(now)
            .bind(after)
            .bind(ENTRIES_PER_READ)
            .fetch_all(self.pool())
            .await?;
            for r in &rows {
                entries.push(PublishedEntry {
                    id: r.try_get("id")?,
                    slug: r.try_get("slug")?,
                    category_id: r.try_get("category_id")?,
                    published_at: from_micros(r.try_get("published_at")?)?,
                    updated_at: from_micros(r.try_get("updated_at")?)?,
                });
            }
            match entries.last() {
                Some(last) if rows.len() as i64 == ENTRIES_PER_READ => after = last.id,
                _ => break,
            }
        }
        Ok(entries)
    }

    /// Bài của chuyên mục trong một khoảng — the articles of category `category_id` published
    /// in `[from, to)` and public at `now`, newest first. `page` counts from 1; `per_page` is
    /// clamped to `1..=100`.
    pub async fn published_between(
        &self,
        category_id: i64,
        (from, to): (DateTime<Utc>, DateTime<Utc>),
        now: DateTime<Utc>,
        page: u32,
        per_page: u32,
    ) -> Result<Page<ArticleSummary>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let to = to_micros(to).min(to_micros(now).saturating_add(1));
        let from = to_micros(from);
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM article WHERE category_id = $1 AND status = 'published' \
             AND published_at >= $2 AND published_at < $3",
        )
        .bind(category_id)
        .bind(from)
        .bind(to)
        .fetch_one(self.pool())
        .await?;
        let rows = sqlx::query(&format!(
            "{SUMMARY_SELECT} WHERE a.category_id = $1 AND a.status = 'published' \
             AND a.published_at >= $2 AND a.published_at < $3 \
             ORDER BY a.published_at DESC, a.id DESC LIMIT $4 OFFSET $5"
        ))
        .bind(category_id)
        .bind(from)
        .bind(to)
        .bind(i64::from(per_page))
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        summaries_page(&rows, total, page, per_page)
    }
}
