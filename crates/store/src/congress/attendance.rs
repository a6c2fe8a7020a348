//! Điểm danh — attendance at the hall: a convened delegate is checked in by the code on their
//! card (or picked from the list), marked absent with a reason, or the mark is undone; the counts
//! of a congress (convened, present, absent) and the list of convened delegates with their state.
//!
//! Only delegates whose `status` is `convened` take part: a replaced delegate's or a standing-by
//! alternate's code is refused with a typed [`CheckInError`]. The delegate rows themselves are
//! written by the delegate management (`delegate.rs`); this file only reads them.
//!
//! Every change also goes to the other app instances: on PostgreSQL, [`Store::notify_attendance`]
//! sends a `NOTIFY` on [`ATTENDANCE_CHANNEL`] and [`Store::attendance_listener`] opens the one
//! dedicated connection per instance that hears them (never a pooled connection per screen).

use chrono::{DateTime, Utc};
use daihoi_domain::congress::delegate::normalize_check_in_code;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;
use thiserror::Error;

use daihoi_domain::vn::collate::sort_person_names;

use crate::audit::record;
use crate::time::{from_micros_opt, to_micros};
use crate::{Actor, Backend, Store, StoreError};

/// Kênh thông báo điểm danh — the PostgreSQL `LISTEN`/`NOTIFY` channel of attendance changes.
pub const ATTENDANCE_CHANNEL: &str = "daihoi_attendance";

/// Trạng thái điểm danh — the recorded state of a convened delegate (no row: not yet checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceState {
    /// Có mặt.
    Present,
    /// Vắng mặt (with a reason).
    Absent,
}

impl AttendanceState {
    /// The stored name: `present`, `absent`.
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceState::Present => "present",
            AttendanceState::Absent => "absent",
        }
    }

    /// Reads a stored name.
    pub fn from_stored(s: &str) -> Option<AttendanceState> {
        match s {
            "present" => Some(AttendanceState::Present),
            "absent" => Some(AttendanceState::Absent),
            _ => None,
        }
    }
}

/// Đại biểu tại hội trường — a convened delegate with their attendance, as the hall screen
/// lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegateAttendance {
    /// Id of the delegate row.
    pub delegate_id: i64,
    /// The congress.
    pub congress_id: i64,
    /// Họ và tên.
    pub full_name: String,
    /// The organization that elected them (or whose member an ex-officio delegate is).
    pub organization_name: Option<String>,
    /// `ex_officio`, `elected` or `alternate` (an alternate who took a seat).
    pub kind: String,
    /// Có mặt, vắng, or `None` while not checked.
    pub state: Option<AttendanceState>,
    /// Lý do vắng mặt.
    pub reason: Option<String>,
    /// When the state was recorded (UTC).
    pub at: Option<DateTime<Utc>>,
}

/// Số liệu điểm danh — the counts of a congress's convened delegates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct AttendanceCounts {
    /// Số đại biểu được triệu tập (delegate rows with status `convened`).
    pub convened: u32,
    /// Số có mặt.
    pub present: u32,
    /// Số vắng mặt có lý do.
    pub absent: u32,
}

/// Kết quả điểm danh — what a check-in did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedIn {
    /// The delegate, as now recorded.
    pub delegate: DelegateAttendance,
    /// The delegate was already present: nothing changed, nothing was logged.
    pub already_present: bool,
}

/// Tình trạng đại biểu — a delegate's credential status when it is not `convened`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotConvened {
    /// Đã được thay thế — could not attend; an alternate took the seat.
    Replaced,
    /// Dự khuyết chưa được gọi — an alternate not called.
    Standby,
}

/// Không điểm danh được — why an attendance change is refused. The facts only; the web words
/// them.
#[derive(Debug, Error)]
pub enum CheckInError {
    /// No delegate carries this code (as normalised: capitals, no spaces).
    #[error("không có đại biểu nào mang mã «{code}»")]
    UnknownCode {
        /// The code as normalised.
        code: String,
    },
    /// The code (or id) is of a delegate of another congress.
    #[error("mã của đại biểu «{full_name}» thuộc đại hội khác (số {congress_id})")]
    OtherCongress {
        /// The delegate's name.
        full_name: String,
        /// The congress the delegate belongs to.
        congress_id: i64,
    },
    /// The delegate is not convened (replaced, or an alternate on standby).
    #[error("đại biểu «{full_name}» không thuộc danh sách triệu tập")]
    NotConvened {
        /// The delegate's name.
        full_name: String,
        /// Their status.
        status: NotConvened,
    },
    /// No delegate with this id.
    #[error("không có đại biểu số {0}")]
    UnknownDelegate(i64),
    /// Any store failure.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CheckInError {
    fn from(err: sqlx::Error) -> CheckInError {
        CheckInError::Store(err.into())
    }
}

const LIST_COLUMNS: &str = "d.id, d.congress_id, d.full_name, d.kind, o.name AS organization_name, \
     a.state, a.reason, a.at";

fn attendance_from_row(r: &AnyRow) -> Result<DelegateAttendance, StoreError> {
    let state: Option<String> = r.try_get("state")?;
    Ok(DelegateAttendance {
        delegate_id: r.try_get("id")?,
        congress_id: r.try_get("congress_id")?,
        full_name: r.try_get("full_name")?,
        organization_name: r.try_get("organization_name")?,
        kind: r.try_get("kind")?,
        state: state
            .map(|s| {
                AttendanceState::from_stored(&s)
                    .ok_or_else(|| StoreError::Corrupt(format!("trạng thái điểm danh «{s}»")))
            })
            .transpose()?,
        reason: r.try_get("reason")?,
        at: from_micros_opt(r.try_get("at")?)?,
    })
}

/// The facts of one delegate row that decide whether it may be checked at `congress_id`.
async fn convened_delegate(
    conn: &mut sqlx::AnyConnection,
    congress_id: i64,
    delegate: Lookup<'_>,
) -> Result<i64, CheckInError> {
    let row = match delegate {
        Lookup::Code(code) => {
            sqlx::query(
                "SELECT id, congress_id, full_name, status FROM delegate \
                 WHERE check_in_code = $1",
            )
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?
        }
        Lookup::Id(id) => {
            sqlx::query("SELECT id, congress_id, full_name, status FROM delegate WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
        }
    };
    let Some(row) = row else {
        return Err(match delegate {
            Lookup::Code(code) => CheckInError::UnknownCode {
                code: code.to_owned(),
            },
            Lookup::Id(id) => CheckInError::UnknownDelegate(id),
        });
    };
    let id: i64 = row.try_get("id")?;
    let of: i64 = row.try_get("congress_id")?;
    let full_name: String = row.try_get("full_name")?;
    let status: String = row.try_get("status")?;
    if of != congress_id {
        return Err(CheckInError::OtherCongress {
            full_name,
            congress_id: of,
        });
    }
    let not_convened = match status.as_str() {
        "convened" => return Ok(id),
        "replaced" => NotConvened::Replaced,
        "standby" => NotConvened::Standby,
        other => {
            return Err(StoreError::Corrupt(format!("tình trạng đại biểu «{other}»")).into());
        }
    };
    Err(CheckInError::NotConvened {
        full_name,
        status: not_convened,
    })
}

#[derive(Clone, Copy)]
enum Lookup<'a> {
    Code(&'a str),
    Id(i64),
}

async fn current_state(
    conn: &mut sqlx::AnyConnection,
    delegate_id: i64,
) -> Result<Option<(String, Option<String>)>, StoreError> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT state, reason FROM attendance WHERE delegate_id = $1")
            .bind(delegate_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row)
}

/// Records `state` for a convened delegate (insert or replace the row).
async fn set_state(
    conn: &mut sqlx::AnyConnection,
    congress_id: i64,
    delegate_id: i64,
    state: AttendanceState,
    reason: Option<&str>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO attendance (delegate_id, congress_id, state, reason, at, by_user) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (delegate_id) DO UPDATE SET state = excluded.state, \
             reason = excluded.reason, at = excluded.at, by_user = excluded.by_user",
    )
    .bind(delegate_id)
    .bind(congress_id)
    .bind(state.as_str())
    .bind(reason)
    .bind(to_micros(now))
    .bind(actor.user_id())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Tín hiệu điểm danh — what the listener of one instance hears from the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceSignal {
    /// Attendance changed at `congress_id` (for `delegate_id`, when one delegate changed), on
    /// the instance named `origin`.
    Changed {
        /// The congress.
        congress_id: i64,
        /// The delegate whose state changed.
        delegate_id: Option<i64>,
        /// The instance that made the change (its `instance_id`).
        origin: String,
    },
    /// The listening connection was lost and opened again: notifications may have been missed,
    /// so every open screen should be refreshed.
    Reconnected,
}

/// An instance name as sent in a payload: one word (spaces become `_`) of at most 200
/// characters, so the payload splits cleanly.
fn origin_word(origin: &str) -> String {
    origin
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .take(200)
        .collect()
}

impl AttendanceSignal {
    /// Whether this change was made by the instance named `instance` (which has published it to
    /// its own screens already).
    pub fn is_from(&self, instance: &str) -> bool {
        matches!(self, AttendanceSignal::Changed { origin, .. } if *origin == origin_word(instance))
    }

    /// Reads a notification's payload: `congress delegate-or-dash origin`.
    fn parse(payload: &str) -> Option<AttendanceSignal> {
        let mut parts = payload.splitn(3, ' ');
        let congress_id = parts.next()?.parse().ok()?;
        let delegate_id = match parts.next()? {
            "-" => None,
            id => Some(id.parse().ok()?),
        };
        let origin = parts.next().unwrap_or_default().to_owned();
        Some(AttendanceSignal::Changed {
            congress_id,
            delegate_id,
            origin,
        })
    }
}

/// Người nghe điểm danh — one instance's dedicated PostgreSQL connection listening on
/// [`ATTENDANCE_CHANNEL`]. It reconnects by itself when the connection drops.
pub struct AttendanceListener {
    listener: sqlx::postgres::PgListener,
}

impl std::fmt::Debug for AttendanceListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AttendanceListener")
    }
}

impl AttendanceListener {
    /// Waits for the next signal. Payloads that cannot be read are skipped (and logged).
    pub async fn next(&mut self) -> Result<AttendanceSignal, StoreError> {
        loop {
            match self.listener.try_recv().await {
                Ok(Some(notification)) => match AttendanceSignal::parse(notification.payload()) {
                    Some(signal) => return Ok(signal),
                    None => tracing::warn!(
                        payload = notification.payload(),
                        "unreadable attendance notification skipped"
                    ),
                },
                // The connection was lost; the next call reconnects.
                Ok(None) => return Ok(AttendanceSignal::Reconnected),
                Err(err) => return Err(err.into()),
            }
        }
    }
}

impl Store {
    /// Điểm danh bằng mã — check in the delegate whose card carries `code` (read as the domain's
    /// `congress::delegate::normalize_check_in_code` reads it: without case, spaces or dashes,
    /// `O` as `0`, `I`/`L` as `1`) at `congress_id`. A code of another
    /// congress, of a replaced delegate or an alternate on standby is refused; a delegate
    /// already present stays so (`already_present`, nothing logged); an absent one becomes
    /// present. Audit-logged with the actor.
    pub async fn check_in_by_code(
        &self,
        congress_id: i64,
        code: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<CheckedIn, CheckInError> {
        let Some(code) = normalize_check_in_code(code) else {
            return Err(CheckInError::UnknownCode {
                code: code.trim().to_owned(),
            });
        };
        self.check_in_lookup(congress_id, Lookup::Code(&code), actor, now)
            .await
    }

    /// Điểm danh theo danh sách — check in convened delegate `delegate_id` at `congress_id`
    /// (picked from the list at the hall); as [`Store::check_in_by_code`] otherwise.
    pub async fn check_in(
        &self,
        congress_id: i64,
        delegate_id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<CheckedIn, CheckInError> {
        self.check_in_lookup(congress_id, Lookup::Id(delegate_id), actor, now)
            .await
    }

    async fn check_in_lookup(
        &self,
        congress_id: i64,
        lookup: Lookup<'_>,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<CheckedIn, CheckInError> {
        let mut tx = self.begin().await?;
        let delegate_id = convened_delegate(&mut tx, congress_id, lookup).await?;
        let before = current_state(&mut tx, delegate_id).await?;
        let already_present = matches!(&before, Some((s, _)) if s == "present");
        if !already_present {
            set_state(
                &mut tx,
                congress_id,
                delegate_id,
                AttendanceState::Present,
                None,
                actor,
                now,
            )
            .await?;
            record(
                &mut tx,
                actor,
                now,
                "check_in",
                "delegate",
                Some(delegate_id),
                json!({
                    "congress_id": congress_id,
                    "by_code": matches!(lookup, Lookup::Code(_)),
                    "before": before.map(|(s, _)| s),
                }),
            )
            .await?;
        }
        tx.commit().await?;
        let delegate = self.delegate_attendance_or_gone(delegate_id).await?;
        Ok(CheckedIn {
            delegate,
            already_present,
        })
    }

    /// Ghi vắng mặt — mark convened delegate `delegate_id` absent at `congress_id` with
    /// `reason` (checked by the caller: required, one line). Audit-logged.
    pub async fn mark_absent(
        &self,
        congress_id: i64,
        delegate_id: i64,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<DelegateAttendance, CheckInError> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("cần lý do vắng mặt".into()).into());
        }
        let mut tx = self.begin().await?;
        let id = convened_delegate(&mut tx, congress_id, Lookup::Id(delegate_id)).await?;
        let before = current_state(&mut tx, id).await?;
        set_state(
            &mut tx,
            congress_id,
            id,
            AttendanceState::Absent,
            Some(reason),
            actor,
            now,
        )
        .await?;
        record(
            &mut tx,
            actor,
            now,
            "mark_absent",
            "delegate",
            Some(id),
            json!({"congress_id": congress_id, "reason": reason, "before": before.map(|(s, _)| s)}),
        )
        .await?;
        tx.commit().await?;
        Ok(self.delegate_attendance_or_gone(id).await?)
    }

    /// Hoàn tác điểm danh — forget the state recorded for `delegate_id` at `congress_id` (the
    /// row is deleted: not yet checked again). Returns whether there was one; the undo is
    /// audit-logged with the state it removed. A delegate of another congress is refused; a
    /// replaced delegate's leftover mark may be undone.
    pub async fn undo_attendance(
        &self,
        congress_id: i64,
        delegate_id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<bool, CheckInError> {
        let mut tx = self.begin().await?;
        let of: Option<(i64, String)> =
            sqlx::query_as("SELECT congress_id, full_name FROM delegate WHERE id = $1")
                .bind(delegate_id)
                .fetch_optional(&mut *tx)
                .await?;
        match of {
            None => return Err(CheckInError::UnknownDelegate(delegate_id)),
            Some((of, full_name)) if of != congress_id => {
                return Err(CheckInError::OtherCongress {
                    full_name,
                    congress_id: of,
                });
            }
            Some(_) => {}
        }
        let Some((state, reason)) = current_state(&mut tx, delegate_id).await? else {
            return Ok(false);
        };
        sqlx::query("DELETE FROM attendance WHERE delegate_id = $1")
            .bind(delegate_id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "undo_attendance",
            "delegate",
            Some(delegate_id),
            json!({"congress_id": congress_id, "removed": state, "reason": reason}),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Số liệu điểm danh — convened, present and absent at `congress_id`, in one query.
    pub async fn attendance_counts(
        &self,
        congress_id: i64,
    ) -> Result<AttendanceCounts, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS convened, \
                    COALESCE(SUM(CASE WHEN a.state = 'present' THEN 1 ELSE 0 END), 0) AS present, \
                    COALESCE(SUM(CASE WHEN a.state = 'absent' THEN 1 ELSE 0 END), 0) AS absent \
             FROM delegate d LEFT JOIN attendance a ON a.delegate_id = d.id \
             WHERE d.congress_id = $1 AND d.status = 'convened'",
        )
        .bind(congress_id)
        .fetch_one(self.pool())
        .await?;
        let count = |name: &str| -> Result<u32, StoreError> {
            let n: i64 = row.try_get(name)?;
            u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("số đại biểu {n}")))
        };
        Ok(AttendanceCounts {
            convened: count("convened")?,
            present: count("present")?,
            absent: count("absent")?,
        })
    }

    /// Danh sách điểm danh — the convened delegates of `congress_id` with their state, in
    /// Vietnamese name order (given name, family, middle).
    pub async fn attendance_list(
        &self,
        congress_id: i64,
    ) -> Result<Vec<DelegateAttendance>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {LIST_COLUMNS} FROM delegate d \
             LEFT JOIN attendance a ON a.delegate_id = d.id \
             LEFT JOIN organization o ON o.id = d.organization_id \
             WHERE d.congress_id = $1 AND d.status = 'convened' ORDER BY d.id"
        ))
        .bind(congress_id)
        .fetch_all(self.pool())
        .await?;
        let mut list = rows
            .iter()
            .map(attendance_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        sort_person_names(&mut list, |d| d.full_name.as_str());
        Ok(list)
    }

    /// Một đại biểu tại hội trường — delegate `delegate_id` with their attendance, whatever their
    /// status (`None` when there is no such delegate).
    pub async fn delegate_attendance(
        &self,
        delegate_id: i64,
    ) -> Result<Option<DelegateAttendance>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {LIST_COLUMNS} FROM delegate d \
             LEFT JOIN attendance a ON a.delegate_id = d.id \
             LEFT JOIN organization o ON o.id = d.organization_id \
             WHERE d.id = $1"
        ))
        .bind(delegate_id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(attendance_from_row).transpose()
    }

    async fn delegate_attendance_or_gone(
        &self,
        delegate_id: i64,
    ) -> Result<DelegateAttendance, StoreError> {
        self.delegate_attendance(delegate_id)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                entity: "đại biểu",
                key: delegate_id.to_string(),
            })
    }

    /// Báo thay đổi điểm danh — tell the other instances that attendance changed at
    /// `congress_id` (for `delegate_id`), made by instance `origin`: a `NOTIFY` on
    /// [`ATTENDANCE_CHANNEL`] on PostgreSQL; nothing on SQLite (one instance only). Called after
    /// the change is committed.
    pub async fn notify_attendance(
        &self,
        congress_id: i64,
        delegate_id: Option<i64>,
        origin: &str,
    ) -> Result<(), StoreError> {
        if self.backend() != Backend::Postgres {
            return Ok(());
        }
        let delegate = delegate_id.map_or_else(|| "-".to_owned(), |id| id.to_string());
        let origin = origin_word(origin);
        // `pg_notify` returns void, a type the Any driver cannot describe: select a constant.
        sqlx::query("SELECT 1 AS sent FROM (SELECT pg_notify($1, $2)) AS n")
            .bind(ATTENDANCE_CHANNEL)
            .bind(format!("{congress_id} {delegate} {origin}"))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Người nghe điểm danh — on PostgreSQL, a dedicated connection (outside the pool) listening
    /// to [`ATTENDANCE_CHANNEL`]; `None` on SQLite. Open one per instance.
    pub async fn attendance_listener(&self) -> Result<Option<AttendanceListener>, StoreError> {
        let Some(url) = self.listen_url() else {
            return Ok(None);
        };
        let mut listener = sqlx::postgres::PgListener::connect(url)
            .await
            .map_err(|source| StoreError::Connect {
                url: self.url_redacted().to_owned(),
                source,
            })?;
        listener.listen(ATTENDANCE_CHANNEL).await?;
        Ok(Some(AttendanceListener { listener }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip() {
        assert_eq!(
            AttendanceSignal::parse("7 42 host-1"),
            Some(AttendanceSignal::Changed {
                congress_id: 7,
                delegate_id: Some(42),
                origin: "host-1".into()
            })
        );
        assert_eq!(
            AttendanceSignal::parse("7 - h"),
            Some(AttendanceSignal::Changed {
                congress_id: 7,
                delegate_id: None,
                origin: "h".into()
            })
        );
        assert_eq!(AttendanceSignal::parse("x 1 h"), None);
        assert_eq!(AttendanceSignal::parse("7 y h"), None);
        assert_eq!(AttendanceSignal::parse(""), None);
    }
}
