//! Thống kê truy cập — dated daily visit counters (kept for good, people and bots apart) and the
//! per-instance "online" presence (a count and a HyperLogLog sketch per instance).
//!
//! The web layer counts visits in memory and flushes them here with [`Store::add_visit_counts`],
//! an upsert-add in one transaction. Days are local days in the portal's time zone, computed by the
//! web layer; the store only sees calendar dates.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use daihoi_domain::hll::{PresenceReport, Sketch};
use daihoi_domain::visits::{Period, StatPeriods};
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use crate::time::{from_day, to_day, to_micros};
use crate::{Store, StoreError};

/// Loại lượt truy cập — a person or a bot (crawler, client without a User-Agent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VisitKind {
    /// Người — counted in the public figures.
    Person,
    /// Máy (bot) — counted apart, left out of the public figures.
    Bot,
}

impl VisitKind {
    /// The stored name (`person`, `bot`).
    pub fn as_str(self) -> &'static str {
        match self {
            VisitKind::Person => "person",
            VisitKind::Bot => "bot",
        }
    }
}

/// Số liệu truy cập — the figures of the statistics block, for a given local day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct VisitSums {
    /// Hôm nay — people today.
    pub today: u64,
    /// Hôm qua — people yesterday.
    pub yesterday: u64,
    /// Tháng này — people from the 1st of this month through today.
    pub month: u64,
    /// Năm nay — people from 1 January through today.
    pub year: u64,
    /// Tổng số — people on every stored day up to today.
    pub total: u64,
    /// Bots today.
    pub bots_today: u64,
    /// Bots on every stored day up to today.
    pub bots_total: u64,
}

impl VisitSums {
    /// Adds `n` visits of `kind` dated `day` to the figures whose period holds that day, as the
    /// domain decides ([`StatPeriods::periods_of`]): people to today, yesterday, month, year and
    /// total; bots to their today and total. Saturating.
    pub fn add(&mut self, periods: &StatPeriods, day: NaiveDate, kind: VisitKind, n: u64) {
        for period in periods.periods_of(day) {
            let figure = match (kind, period) {
                (VisitKind::Person, Period::Today) => &mut self.today,
                (VisitKind::Person, Period::Yesterday) => &mut self.yesterday,
                (VisitKind::Person, Period::Month) => &mut self.month,
                (VisitKind::Person, Period::Year) => &mut self.year,
                (VisitKind::Person, Period::Total) => &mut self.total,
                (VisitKind::Bot, Period::Today) => &mut self.bots_today,
                (VisitKind::Bot, Period::Total) => &mut self.bots_total,
                (VisitKind::Bot, Period::Yesterday | Period::Month | Period::Year) => continue,
            };
            *figure = figure.saturating_add(n);
        }
    }
}

/// How long an instance's presence report counts towards [`Store::online_total`].
pub const PRESENCE_FRESHNESS: Duration = Duration::seconds(60);

fn to_i64(v: u64, what: &str) -> Result<i64, StoreError> {
    i64::try_from(v).map_err(|_| StoreError::Invalid(format!("{what} quá lớn: {v}")))
}

fn merge(
    counts: &[(NaiveDate, VisitKind, u64)],
) -> Result<BTreeMap<(i64, VisitKind), i64>, StoreError> {
    let mut merged: BTreeMap<(i64, VisitKind), i64> = BTreeMap::new();
    for &(day, kind, n) in counts {
        let slot = merged.entry((to_day(day), kind)).or_default();
        *slot = slot
            .checked_add(to_i64(n, "số lượt truy cập")?)
            .ok_or_else(|| StoreError::Invalid("số lượt truy cập quá lớn".into()))?;
    }
    Ok(merged)
}

/// Per-kind sums of merged rows, in kind order.
fn kind_sums(rows: &[((i64, VisitKind), i64)]) -> BTreeMap<VisitKind, i64> {
    let mut sums: BTreeMap<VisitKind, i64> = BTreeMap::new();
    for &((_, kind), n) in rows {
        *sums.entry(kind).or_default() += n;
    }
    sums
}

/// Add per-kind sums to the running totals. Called after the daily rows, in kind order, so
/// concurrent flushes take row locks in one global order and cannot deadlock.
async fn add_to_totals(
    conn: &mut AnyConnection,
    sums: &BTreeMap<VisitKind, i64>,
) -> Result<(), StoreError> {
    for (kind, n) in sums {
        sqlx::query(
            "INSERT INTO visit_total (kind, visits) VALUES ($1, $2) \
             ON CONFLICT (kind) DO UPDATE SET visits = visit_total.visits + excluded.visits",
        )
        .bind(kind.as_str())
        .bind(*n)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Replace every daily counter and the running totals with `counts` on `conn` (the caller's
/// transaction): the body of [`Store::replace_daily_visits`], also used by the demo loader.
pub(crate) async fn replace_daily_visits_in(
    conn: &mut AnyConnection,
    counts: &[(NaiveDate, VisitKind, u64)],
) -> Result<(), StoreError> {
    let merged: Vec<_> = merge(counts)?.into_iter().collect();
    sqlx::query("DELETE FROM daily_visit")
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM visit_total")
        .execute(&mut *conn)
        .await?;
    add_to_totals(conn, &kind_sums(&merged)).await?;
    for chunk in merged.chunks(300) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
            .collect();
        let sql = format!(
            "INSERT INTO daily_visit (day, kind, visits) VALUES {}",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for ((day, kind), n) in chunk {
            query = query.bind(*day).bind(kind.as_str()).bind(*n);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

impl Store {
    /// Cộng lượt truy cập — add counts to the daily counters in one transaction (all or
    /// nothing). Several entries for the same day and kind are added together. Rows are written in
    /// (day, kind) order so concurrent flushes from several instances cannot deadlock.
    pub async fn add_visit_counts(
        &self,
        counts: &[(NaiveDate, VisitKind, u64)],
    ) -> Result<(), StoreError> {
        let merged: Vec<_> = merge(counts)?.into_iter().filter(|&(_, n)| n > 0).collect();
        if merged.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        for &((day, kind), n) in &merged {
            sqlx::query(
                "INSERT INTO daily_visit (day, kind, visits) VALUES ($1, $2, $3) \
                 ON CONFLICT (day, kind) DO UPDATE SET visits = daily_visit.visits + excluded.visits",
            )
            .bind(day)
            .bind(kind.as_str())
            .bind(n)
            .execute(&mut *tx)
            .await?;
        }
        add_to_totals(&mut tx, &kind_sums(&merged)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Thay lịch sử truy cập — replace every daily counter with `counts` in one transaction
    /// (demo history loading). Entries for the same day and kind are added together.
    pub async fn replace_daily_visits(
        &self,
        counts: &[(NaiveDate, VisitKind, u64)],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        replace_daily_visits_in(&mut tx, counts).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Lượt truy cập theo ngày — the stored daily counts of one kind from `from` through `to`
    /// (inclusive), oldest first; days without visits are absent.
    pub async fn daily_visits(
        &self,
        kind: VisitKind,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, u64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT day, visits FROM daily_visit WHERE kind = $1 AND day >= $2 AND day <= $3 \
             ORDER BY day",
        )
        .bind(kind.as_str())
        .bind(to_day(from))
        .bind(to_day(to))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    from_day(r.try_get("day")?)?,
                    r.try_get::<i64, _>("visits")?.max(0) as u64,
                ))
            })
            .collect()
    }

    /// Số liệu khối thống kê — today, yesterday, this month, this year and total people, plus
    /// bots, as seen on local day `today`, in one query. Which days each figure sums is the
    /// domain's rule ([`StatPeriods::days`]): the query only sums the daily rows of each range it
    /// is given. The totals read the running totals (`visit_total`) minus any rows dated after
    /// the total's last day, so days after `today` are counted nowhere and no query scans years
    /// of history.
    pub async fn visit_totals(&self, today: NaiveDate) -> Result<VisitSums, StoreError> {
        let periods = StatPeriods::for_day(today);
        let range = |period: Period| {
            let (first, last) = periods.days(period);
            (first.map(to_day).unwrap_or(i64::MIN), to_day(last))
        };
        let (today_from, today_to) = range(Period::Today);
        let (yesterday_from, yesterday_to) = range(Period::Yesterday);
        let (month_from, month_to) = range(Period::Month);
        let (year_from, year_to) = range(Period::Year);
        let (_, total_to) = range(Period::Total);
        let scan_from = today_from
            .min(yesterday_from)
            .min(month_from)
            .min(year_from);
        let scan_to = today_to.max(yesterday_to).max(month_to).max(year_to);
        let row = sqlx::query(
            "SELECT \
               CAST(COALESCE(SUM(CASE WHEN kind = 'person' AND day >= $1 AND day <= $2 THEN visits ELSE 0 END), 0) AS BIGINT) AS today, \
               CAST(COALESCE(SUM(CASE WHEN kind = 'person' AND day >= $3 AND day <= $4 THEN visits ELSE 0 END), 0) AS BIGINT) AS yesterday, \
               CAST(COALESCE(SUM(CASE WHEN kind = 'person' AND day >= $5 AND day <= $6 THEN visits ELSE 0 END), 0) AS BIGINT) AS month, \
               CAST(COALESCE(SUM(CASE WHEN kind = 'person' AND day >= $7 AND day <= $8 THEN visits ELSE 0 END), 0) AS BIGINT) AS year, \
               CAST(COALESCE(SUM(CASE WHEN kind = 'bot' AND day >= $1 AND day <= $2 THEN visits ELSE 0 END), 0) AS BIGINT) AS bots_today, \
               CAST(COALESCE((SELECT visits FROM visit_total WHERE kind = 'person'), 0) \
                  - COALESCE((SELECT SUM(visits) FROM daily_visit WHERE kind = 'person' AND day > $9), 0) \
                  AS BIGINT) AS total, \
               CAST(COALESCE((SELECT visits FROM visit_total WHERE kind = 'bot'), 0) \
                  - COALESCE((SELECT SUM(visits) FROM daily_visit WHERE kind = 'bot' AND day > $9), 0) \
                  AS BIGINT) AS bots_total \
             FROM daily_visit WHERE day >= $10 AND day <= $11",
        )
        .bind(today_from)
        .bind(today_to)
        .bind(yesterday_from)
        .bind(yesterday_to)
        .bind(month_from)
        .bind(month_to)
        .bind(year_from)
        .bind(year_to)
        .bind(total_to)
        .bind(scan_from)
        .bind(scan_to)
        .fetch_one(self.pool())
        .await?;
        let get = |name: &str| -> Result<u64, StoreError> {
            Ok(row.try_get::<i64, _>(name)?.max(0) as u64)
        };
        Ok(VisitSums {
            today: get("today")?,
            yesterday: get("yesterday")?,
            month: get("month")?,
            year: get("year")?,
            total: get("total")?,
            bots_today: get("bots_today")?,
            bots_total: get("bots_total")?,
        })
    }

    /// Báo số người đang xem — this instance's in-memory count of distinct visitors in the last
    /// 5 minutes and the HyperLogLog sketch of those visitors (schema 6), written at each flush
    /// (upsert by `instance_id`). `None` stores no sketch: the count is then only added.
    pub async fn report_presence(
        &self,
        instance_id: &str,
        online: u64,
        sketch: Option<&Sketch>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO instance_presence (instance_id, online, updated_at, sketch) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (instance_id) DO UPDATE SET online = excluded.online, \
                                                     updated_at = excluded.updated_at, \
                                                     sketch = excluded.sketch",
        )
        .bind(instance_id)
        .bind(to_i64(online, "số người đang xem")?)
        .bind(to_micros(now))
        .bind(sketch.map(|s| s.as_bytes().to_vec()))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Các máy chủ khác — the reports of every instance except `instance_id` written within
    /// [`PRESENCE_FRESHNESS`] of `now`, by instance id. A stored sketch that cannot be read
    /// (wrong length or register) is treated as missing: that report's count is then added.
    pub async fn other_presence(
        &self,
        instance_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<PresenceReport>, StoreError> {
        let rows = sqlx::query(
            "SELECT instance_id, online, sketch FROM instance_presence \
             WHERE updated_at >= $1 AND instance_id <> $2 ORDER BY instance_id",
        )
        .bind(to_micros(now - PRESENCE_FRESHNESS))
        .bind(instance_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let sketch: Option<Vec<u8>> = r.try_get("sketch")?;
                Ok(PresenceReport {
                    instance_id: r.try_get("instance_id")?,
                    online: r.try_get::<i64, _>("online")?.max(0) as u64,
                    sketch: sketch.and_then(|b| Sketch::from_bytes(&b).ok()),
                })
            })
            .collect()
    }

    /// Rút báo cáo — forget this instance's presence (at graceful shutdown).
    pub async fn remove_presence(&self, instance_id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM instance_presence WHERE instance_id = $1")
            .bind(instance_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Tổng số báo cáo — the sum of the counts of every instance that reported within
    /// [`PRESENCE_FRESHNESS`] of `now`: an upper bound that counts a visitor bounced between
    /// instances once by each. The portal's figure merges the sketches instead
    /// ([`Store::other_presence`], `docs/store.md`).
    pub async fn online_total(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let since = to_micros(now - PRESENCE_FRESHNESS);
        let total: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(online), 0) AS BIGINT) FROM instance_presence \
             WHERE updated_at >= $1",
        )
        .bind(since)
        .fetch_one(self.pool())
        .await?;
        Ok(total.max(0) as u64)
    }
}
