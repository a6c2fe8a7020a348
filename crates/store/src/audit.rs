//! Nhật ký — the audit log of administrative changes.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::time::{from_micros, to_micros};
use crate::{Page, Store, StoreError, paging};

/// Người thực hiện — who makes a change, recorded in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Actor {
    /// A logged-in user (id of `app_user`).
    User(i64),
    /// The system itself: demo loader, command line, scheduled work.
    System,
}

impl Actor {
    /// The user id, if a user acted.
    pub fn user_id(self) -> Option<i64> {
        match self {
            Actor::User(id) => Some(id),
            Actor::System => None,
        }
    }
}

/// Dòng nhật ký — one recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Row id, increasing with time.
    pub id: i64,
    /// When the change was made (UTC).
    pub at: DateTime<Utc>,
    /// Who made it; `None` for the system.
    pub actor_user_id: Option<i64>,
    /// Username of the actor at listing time, for display.
    pub actor_username: Option<String>,
    /// What was done: `create`, `update`, `set_status`, `add_photo`, …
    pub action: String,
    /// Which kind of thing: `article`, `category`, `photo`, `user`, `setting`.
    pub entity: String,
    /// Id of the thing, when it has one.
    pub entity_id: Option<i64>,
    /// Details as JSON text (the new values, never a password hash or secret).
    pub detail: String,
}

/// Write one audit row on `conn` (the caller's transaction).
pub(crate) async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    now: DateTime<Utc>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    let result = sqlx::query(
        "INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(to_micros(now))
    .bind(actor.user_id())
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(detail.to_string())
    .execute(&mut *conn)
    .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if crate::error::is_foreign_key_violation(&e) => Err(StoreError::NotFound {
            entity: "người dùng thực hiện",
            key: actor.user_id().map(|i| i.to_string()).unwrap_or_default(),
        }),
        Err(e) => Err(e.into()),
    }
}

fn audit_from_row(r: &AnyRow) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        id: r.try_get("id")?,
        at: from_micros(r.try_get("at")?)?,
        actor_user_id: r.try_get("actor_user_id")?,
        actor_username: r.try_get("username")?,
        action: r.try_get("action")?,
        entity: r.try_get("entity")?,
        entity_id: r.try_get("entity_id")?,
        detail: r.try_get("detail")?,
    })
}

impl Store {
    /// Ghi sự kiện — records an event that changes no other row (a login, a failed login, a
    /// logout), so the audit log also traces who came in and from where.
    pub async fn record_event(
        &self,
        actor: &Actor,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        detail: serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool().acquire().await?;
        record(&mut conn, actor, now, action, entity, entity_id, detail).await
    }

    /// Xem nhật ký — the audit log, newest first.
    pub async fn list_audit(
        &self,
        page: u32,
        per_page: u32,
    ) -> Result<Page<AuditEntry>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(self.pool())
            .await?;
        let rows = sqlx::query(
            "SELECT l.id, l.at, l.actor_user_id, u.username, l.action, l.entity, l.entity_id, \
                    l.detail \
             FROM audit_log l LEFT JOIN app_user u ON u.id = l.actor_user_id \
             ORDER BY l.id DESC LIMIT $1 OFFSET $2",
        )
        .bind(i64::from(per_page))
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        let items = rows.iter().map(audit_from_row).collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            total: total.max(0) as u64,
            page,
            per_page,
        })
    }

    /// Nhật ký của một đối tượng — every audit row about one entity, oldest first.
    pub async fn audit_of(
        &self,
        entity: &str,
        entity_id: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT l.id, l.at, l.actor_user_id, u.username, l.action, l.entity, l.entity_id, \
                    l.detail \
             FROM audit_log l LEFT JOIN app_user u ON u.id = l.actor_user_id \
             WHERE l.entity = $1 AND l.entity_id = $2 ORDER BY l.id",
        )
        .bind(entity)
        .bind(entity_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(audit_from_row).collect()
    }
}
