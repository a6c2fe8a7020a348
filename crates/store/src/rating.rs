//! Đánh giá bài viết — article ratings, one row per rating.
//!
//! A visitor (identified by the web layer's visitor cookie) rates an article once: the unique
//! `(article_id, visitor_id)` pair and `INSERT … ON CONFLICT DO NOTHING` make a second attempt a
//! no-op, race-free on both databases. Sum and count are computed from the rows, so "X trong Y
//! đánh giá" can always be recomputed and audited. One (hashed) address may add at most
//! [`RATINGS_PER_ADDRESS`] ratings to one article per window: counted in `rating_address` by an
//! upsert in the rating's transaction, so the bound holds across instances. The per-IP flood
//! limit over all articles lives in the web layer.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::Row;

use crate::time::to_micros;
use crate::{Store, StoreError};

/// Tổng hợp đánh giá — the domain's sum-and-count of one article's ratings; số sao — the
/// domain's 1–5 stars, so a value out of range never reaches the store.
pub use daihoi_domain::rating::{AddressRatingLimit, RATINGS_PER_ADDRESS, RatingSummary, Stars};

/// Kết quả đánh giá — what happened to a rating attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RatingOutcome {
    /// The rating was stored; the summary includes it.
    Recorded(RatingSummary),
    /// This visitor had already rated the article; nothing changed.
    AlreadyRated(RatingSummary),
    /// The address gave the article as many ratings as the window allows; nothing changed.
    AddressLimit(RatingSummary),
}

impl RatingOutcome {
    /// The article's summary after the attempt.
    pub fn summary(&self) -> RatingSummary {
        match self {
            RatingOutcome::Recorded(s)
            | RatingOutcome::AlreadyRated(s)
            | RatingOutcome::AddressLimit(s) => *s,
        }
    }
}

/// Largest number of ids put into one `IN (…)` list.
const IN_CHUNK: usize = 500;

impl Store {
    /// Đánh giá — record `stars` from `visitor_id` for an article. `ip_key` is the web layer's
    /// (hashed) client network; the article takes at most [`RATINGS_PER_ADDRESS`] ratings from
    /// it per window. An unknown article gives [`StoreError::NotFound`]; an empty visitor id
    /// [`StoreError::Invalid`].
    pub async fn add_rating(
        &self,
        article_id: i64,
        visitor_id: &str,
        stars: Stars,
        ip_key: &str,
        now: DateTime<Utc>,
    ) -> Result<RatingOutcome, StoreError> {
        self.add_rating_within(
            article_id,
            visitor_id,
            stars,
            ip_key,
            &RATINGS_PER_ADDRESS,
            now,
        )
        .await
    }

    /// [`Store::add_rating`] under `limit` instead of the product's [`RATINGS_PER_ADDRESS`].
    ///
    /// One transaction: the rating is inserted (nothing when the visitor already rated), then
    /// the address's count for the article is raised by an upsert that only happens while it is
    /// under the limit (a new window starts when the old one is over). When either does nothing
    /// the transaction is rolled back, so a refused attempt spends nothing. On PostgreSQL the
    /// count's row is locked by the upsert until commit, on SQLite the transaction holds the
    /// write lock: concurrent ratings from one address never exceed the limit.
    pub async fn add_rating_within(
        &self,
        article_id: i64,
        visitor_id: &str,
        stars: Stars,
        ip_key: &str,
        limit: &AddressRatingLimit,
        now: DateTime<Utc>,
    ) -> Result<RatingOutcome, StoreError> {
        if visitor_id.is_empty() {
            return Err(StoreError::Invalid("thiếu mã khách truy cập".into()));
        }
        let window_over = to_micros(now - limit.window);
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM rating_address WHERE first_at <= $1")
            .bind(window_over)
            .execute(&mut *tx)
            .await?;
        let inserted = sqlx::query(
            "INSERT INTO rating (article_id, visitor_id, stars, ip_key, created_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (article_id, visitor_id) DO NOTHING RETURNING id",
        )
        .bind(article_id)
        .bind(visitor_id)
        .bind(i64::from(stars.get()))
        .bind(ip_key)
        .bind(to_micros(now))
        .fetch_optional(&mut *tx)
        .await;
        let inserted = match inserted {
            Ok(row) => row.is_some(),
            Err(e) if crate::error::is_foreign_key_violation(&e) => {
                return Err(StoreError::NotFound {
                    entity: "bài viết",
                    key: article_id.to_string(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let counted = if inserted {
            sqlx::query(
                "INSERT INTO rating_address (article_id, ip_key, votes, first_at) \
                 VALUES ($1, $2, 1, $3) \
                 ON CONFLICT (article_id, ip_key) DO UPDATE SET \
                   votes = CASE WHEN rating_address.first_at <= $4 THEN 1 \
                                ELSE rating_address.votes + 1 END, \
                   first_at = CASE WHEN rating_address.first_at <= $5 THEN excluded.first_at \
                                   ELSE rating_address.first_at END \
                 WHERE rating_address.votes < $6 OR rating_address.first_at <= $7 \
                 RETURNING votes",
            )
            .bind(article_id)
            .bind(ip_key)
            .bind(to_micros(now))
            .bind(window_over)
            .bind(window_over)
            .bind(i64::from(limit.per_article))
            .bind(window_over)
            .fetch_optional(&mut *tx)
            .await?
            .is_some()
        } else {
            false
        };
        if counted {
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        let summary = self.rating_summary(article_id).await?;
        Ok(match (inserted, counted) {
            (true, true) => RatingOutcome::Recorded(summary),
            (false, _) => RatingOutcome::AlreadyRated(summary),
            (true, false) => RatingOutcome::AddressLimit(summary),
        })
    }

    /// Đã đánh giá chưa — the stars this visitor gave the article, if any.
    pub async fn rating_of_visitor(
        &self,
        article_id: i64,
        visitor_id: &str,
    ) -> Result<Option<Stars>, StoreError> {
        let stars: Option<i64> = sqlx::query_scalar(
            "SELECT stars FROM rating WHERE article_id = $1 AND visitor_id = $2",
        )
        .bind(article_id)
        .bind(visitor_id)
        .fetch_optional(self.pool())
        .await?;
        stars
            .map(|s| {
                Stars::try_from(s)
                    .map_err(|_| StoreError::Corrupt(format!("số sao đã lưu {s} nằm ngoài 1–5")))
            })
            .transpose()
    }

    /// Tổng hợp đánh giá — sum and count of an article's ratings (zero when none), the figures
    /// carried over from an old site included (schema 12).
    pub async fn rating_summary(&self, article_id: i64) -> Result<RatingSummary, StoreError> {
        let row = sqlx::query(
            "SELECT CAST(COALESCE(SUM(stars), 0) \
                    + COALESCE((SELECT stars_sum FROM rating_carried WHERE article_id = $1), 0) \
                    AS BIGINT) AS sum, \
                    CAST(COUNT(*) \
                    + COALESCE((SELECT votes FROM rating_carried WHERE article_id = $1), 0) \
                    AS BIGINT) AS count \
             FROM rating WHERE article_id = $1",
        )
        .bind(article_id)
        .fetch_one(self.pool())
        .await?;
        Ok(RatingSummary {
            sum: row.try_get::<i64, _>("sum")?.max(0) as u64,
            count: row.try_get::<i64, _>("count")?.max(0) as u64,
        })
    }

    /// Tổng hợp đánh giá nhiều bài — summaries for a list of articles; articles without ratings
    /// are present with zero.
    pub async fn rating_summaries(
        &self,
        article_ids: &[i64],
    ) -> Result<HashMap<i64, RatingSummary>, StoreError> {
        let mut out: HashMap<i64, RatingSummary> = article_ids
            .iter()
            .map(|&id| (id, RatingSummary::default()))
            .collect();
        for chunk in article_ids.chunks(IN_CHUNK) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            // Live ratings and the figures carried over from an old site (schema 12).
            let sql = format!(
                "SELECT article_id, CAST(SUM(stars) AS BIGINT) AS sum, \
                        CAST(SUM(votes) AS BIGINT) AS count FROM ( \
                   SELECT article_id, stars, 1 AS votes FROM rating WHERE article_id IN ({0}) \
                   UNION ALL \
                   SELECT article_id, stars_sum, votes FROM rating_carried \
                   WHERE article_id IN ({0})) AS r \
                 GROUP BY article_id",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(self.pool()).await? {
                let id: i64 = row.try_get("article_id")?;
                out.insert(
                    id,
                    RatingSummary {
                        sum: row.try_get::<i64, _>("sum")?.max(0) as u64,
                        count: row.try_get::<i64, _>("count")?.max(0) as u64,
                    },
                );
            }
        }
        Ok(out)
    }
}
