//! Đánh giá bài viết — article ratings, one row per rating.
//!
//! A visitor (identified by the web layer's visitor cookie) rates an article once: the unique
//! `(article_id, visitor_id)` pair and `INSERT … ON CONFLICT DO NOTHING` make a second attempt a
//! no-op, race-free on both databases. Sum and count are computed from the rows, so "X trong Y
//! đánh giá" can always be recomputed and audited. The per-IP flood limit lives in the web layer.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::Row;

use crate::time::to_micros;
use crate::{Store, StoreError};

/// Tổng hợp đánh giá — the domain's sum-and-count of one article's ratings; số sao — the
/// domain's 1–5 stars, so a value out of range never reaches the store.
pub use daihoi_domain::rating::{RatingSummary, Stars};

/// Kết quả đánh giá — what happened to a rating attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RatingOutcome {
    /// The rating was stored; the summary includes it.
    Recorded(RatingSummary),
    /// This visitor had already rated the article; nothing changed.
    AlreadyRated(RatingSummary),
}

impl RatingOutcome {
    /// The article's summary after the attempt.
    pub fn summary(&self) -> RatingSummary {
        match self {
            RatingOutcome::Recorded(s) | RatingOutcome::AlreadyRated(s) => *s,
        }
    }
}

/// Largest number of ids put into one `IN (…)` list.
const IN_CHUNK: usize = 500;

impl Store {
    /// Đánh giá — record `stars` from `visitor_id` for an article. `ip_key` is the web layer's
    /// (hashed) client address, stored for auditing floods. An unknown article gives
    /// [`StoreError::NotFound`]; an empty visitor id [`StoreError::Invalid`].
    pub async fn add_rating(
        &self,
        article_id: i64,
        visitor_id: &str,
        stars: Stars,
        ip_key: &str,
        now: DateTime<Utc>,
    ) -> Result<RatingOutcome, StoreError> {
        if visitor_id.is_empty() {
            return Err(StoreError::Invalid("thiếu mã khách truy cập".into()));
        }
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
        .fetch_optional(self.pool())
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
        let summary = self.rating_summary(article_id).await?;
        Ok(if inserted {
            RatingOutcome::Recorded(summary)
        } else {
            RatingOutcome::AlreadyRated(summary)
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

    /// Tổng hợp đánh giá — sum and count of an article's ratings (zero when none).
    pub async fn rating_summary(&self, article_id: i64) -> Result<RatingSummary, StoreError> {
        let row = sqlx::query(
            "SELECT CAST(COALESCE(SUM(stars), 0) AS BIGINT) AS sum, COUNT(*) AS count \
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
            let sql = format!(
                "SELECT article_id, CAST(SUM(stars) AS BIGINT) AS sum, COUNT(*) AS count \
                 FROM rating WHERE article_id IN ({}) GROUP BY article_id",
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
