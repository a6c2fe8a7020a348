//! Lịch công tác — the entries of the leaders' work schedule (table `schedule_entry`).

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};
use daihoi_domain::schedule::{PartOfDay, ScheduleEntryFields};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::record;
use crate::time::{from_day, from_micros, to_day, to_micros};
use crate::{Actor, Store, StoreError};

/// Một mục lịch công tác — a stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleEntry {
    /// Row id.
    pub id: i64,
    /// Its checked fields.
    pub fields: ScheduleEntryFields,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, day, part, start_minute, content, location, attendees, preparer, note, \
                       updated_at";

fn entry_from_row(r: &AnyRow) -> Result<ScheduleEntry, StoreError> {
    let part: String = r.try_get("part")?;
    let minute: Option<i64> = r.try_get("start_minute")?;
    let time = match minute {
        None => None,
        Some(m) => Some(
            u32::try_from(m)
                .ok()
                .and_then(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0))
                .ok_or_else(|| StoreError::Corrupt(format!("giờ bắt đầu {m} không hợp lệ")))?,
        ),
    };
    Ok(ScheduleEntry {
        id: r.try_get("id")?,
        fields: ScheduleEntryFields {
            day: from_day(r.try_get("day")?)?,
            part: PartOfDay::parse(&part)
                .ok_or_else(|| StoreError::Corrupt(format!("buổi «{part}» không hợp lệ")))?,
            time,
            content: r.try_get("content")?,
            location: r.try_get("location")?,
            attendees: r.try_get("attendees")?,
            preparer: r.try_get("preparer")?,
            note: r.try_get("note")?,
        },
        updated_at: from_micros(r.try_get("updated_at")?)?,
    })
}

fn minute_of(time: Option<NaiveTime>) -> Option<i64> {
    time.map(|t| i64::from(t.hour() * 60 + t.minute()))
}

fn audit_detail(f: &ScheduleEntryFields) -> serde_json::Value {
    json!({
        "day": f.day.to_string(),
        "part": f.part.as_str(),
        "time": f.time.map(|t| t.format("%H:%M").to_string()),
        "content": f.content,
    })
}

/// The order a day lists its entries: whole day, morning, afternoon, evening; by start time
/// within a part (entries without a time first), then as entered.
pub fn sort_entries(entries: &mut [ScheduleEntry]) {
    entries.sort_by(|a, b| {
        (a.fields.day, a.fields.part, a.fields.time, a.id).cmp(&(
            b.fields.day,
            b.fields.part,
            b.fields.time,
            b.id,
        ))
    });
}

impl Store {
    /// Lịch từ ngày đến ngày — the entries from `first` to `last` (both included), in the order
    /// of [`sort_entries`].
    pub async fn schedule_between(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<ScheduleEntry>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM schedule_entry WHERE day >= $1 AND day <= $2 ORDER BY day, id"
        ))
        .bind(to_day(first))
        .bind(to_day(last))
        .fetch_all(self.pool())
        .await?;
        let mut entries = rows
            .iter()
            .map(entry_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        sort_entries(&mut entries);
        Ok(entries)
    }

    /// Một mục lịch — the entry `id`, if any.
    pub async fn schedule_entry(&self, id: i64) -> Result<Option<ScheduleEntry>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM schedule_entry WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(entry_from_row).transpose()
    }

    /// Thêm mục lịch — stores a new entry, audited.
    pub async fn create_schedule_entry(
        &self,
        fields: &ScheduleEntryFields,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ScheduleEntry, StoreError> {
        let mut tx = self.begin().await?;
        let entry = create_schedule_entry_in(&mut tx, fields, actor, now).await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// Sửa mục lịch — replaces every field of entry `id`, audited.
    pub async fn update_schedule_entry(
        &self,
        id: i64,
        fields: &ScheduleEntryFields,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ScheduleEntry, StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "UPDATE schedule_entry SET day = $1, part = $2, start_minute = $3, content = $4, \
                 location = $5, attendees = $6, preparer = $7, note = $8, updated_at = $9 \
             WHERE id = $10 RETURNING {COLUMNS}"
        ))
        .bind(to_day(fields.day))
        .bind(fields.part.as_str())
        .bind(minute_of(fields.time))
        .bind(&fields.content)
        .bind(&fields.location)
        .bind(&fields.attendees)
        .bind(&fields.preparer)
        .bind(&fields.note)
        .bind(to_micros(now))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "mục lịch công tác",
            key: id.to_string(),
        })?;
        let entry = entry_from_row(&row)?;
        record(
            &mut tx,
            actor,
            now,
            "update",
            "schedule_entry",
            Some(id),
            audit_detail(fields),
        )
        .await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// Xoá mục lịch — deletes entry `id`, audited with what it said.
    pub async fn delete_schedule_entry(
        &self,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(&format!(
            "DELETE FROM schedule_entry WHERE id = $1 RETURNING {COLUMNS}"
        ))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "mục lịch công tác",
            key: id.to_string(),
        })?;
        let entry = entry_from_row(&row)?;
        record(
            &mut tx,
            actor,
            now,
            "delete",
            "schedule_entry",
            Some(id),
            audit_detail(&entry.fields),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// [`Store::create_schedule_entry`] inside the caller's transaction (the demo uses it).
pub(crate) async fn create_schedule_entry_in(
    conn: &mut AnyConnection,
    fields: &ScheduleEntryFields,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ScheduleEntry, StoreError> {
    let row = sqlx::query(&format!(
        "INSERT INTO schedule_entry (day, part, start_minute, content, location, attendees, \
             preparer, note, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING {COLUMNS}"
    ))
    .bind(to_day(fields.day))
    .bind(fields.part.as_str())
    .bind(minute_of(fields.time))
    .bind(&fields.content)
    .bind(&fields.location)
    .bind(&fields.attendees)
    .bind(&fields.preparer)
    .bind(&fields.note)
    .bind(to_micros(now))
    .fetch_one(&mut *conn)
    .await?;
    let entry = entry_from_row(&row)?;
    record(
        conn,
        actor,
        now,
        "create",
        "schedule_entry",
        Some(entry.id),
        audit_detail(fields),
    )
    .await?;
    Ok(entry)
}
