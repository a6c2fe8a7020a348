//! Cấp quyền — the congress-workspace roles an account holds on an organization's subtree or on
//! one congress (`role_grant`), beside its portal role on the whole site (`app_user.role`).

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use daihoi_domain::access::{Grant, Role, Scope};

use crate::audit::record;
use crate::time::to_micros;
use crate::{Actor, Store, StoreError};

/// Một quyền đã cấp — one stored grant, with its id (to revoke it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredGrant {
    /// Row id.
    pub id: i64,
    /// The account.
    pub user_id: i64,
    /// The role and where it holds.
    pub grant: Grant,
}

fn grant_from_row(r: &AnyRow) -> Result<StoredGrant, StoreError> {
    let role: String = r.try_get("role")?;
    let organization_id: Option<i64> = r.try_get("organization_id")?;
    let congress_id: Option<i64> = r.try_get("congress_id")?;
    let scope = match (organization_id, congress_id) {
        (Some(org), None) => Scope::Organization(org),
        (None, Some(congress)) => Scope::Congress(congress),
        _ => return Err(StoreError::Corrupt("phạm vi quyền".into())),
    };
    Ok(StoredGrant {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        grant: Grant {
            role: Role::parse_workspace(&role)
                .ok_or_else(|| StoreError::Corrupt(format!("vai trò «{role}»")))?,
            scope,
        },
    })
}

impl Store {
    /// Quyền của tài khoản — the workspace grants of `user_id` (its portal role is on the user
    /// row).
    pub async fn grants_of(&self, user_id: i64) -> Result<Vec<StoredGrant>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, user_id, role, organization_id, congress_id FROM role_grant \
             WHERE user_id = $1 ORDER BY id",
        )
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(grant_from_row).collect()
    }

    /// Cấp quyền — give `user_id` a workspace role on an organization's subtree or a congress.
    /// A portal role or a site scope is `Invalid` (those live on the user row).
    pub async fn add_grant(
        &self,
        user_id: i64,
        grant: Grant,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<StoredGrant, StoreError> {
        if !Role::WORKSPACE.contains(&grant.role) {
            return Err(StoreError::Invalid(format!(
                "vai trò «{}» không cấp theo tổ chức",
                grant.role.label()
            )));
        }
        let (organization_id, congress_id) = match grant.scope {
            Scope::Organization(id) => (Some(id), None),
            Scope::Congress(id) => (None, Some(id)),
            Scope::Site => {
                return Err(StoreError::Invalid(
                    "quyền trong không gian đại hội cần một tổ chức hoặc một đại hội".into(),
                ));
            }
        };
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "INSERT INTO role_grant (user_id, role, organization_id, congress_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) \
             RETURNING id, user_id, role, organization_id, congress_id",
        )
        .bind(user_id)
        .bind(grant.role.as_str())
        .bind(organization_id)
        .bind(congress_id)
        .bind(to_micros(now))
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| {
            if crate::error::is_foreign_key_violation(&e) {
                StoreError::NotFound {
                    entity: "tài khoản, tổ chức hoặc đại hội",
                    key: format!("{user_id}"),
                }
            } else {
                e.into()
            }
        })?;
        let stored = grant_from_row(&row)?;
        record(
            &mut tx,
            actor,
            now,
            "grant",
            "user",
            Some(user_id),
            json!({"role": grant.role.as_str(), "organization_id": organization_id,
                   "congress_id": congress_id}),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Thu hồi quyền — remove grant `id` of `user_id`.
    pub async fn remove_grant(
        &self,
        user_id: i64,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let done = sqlx::query("DELETE FROM role_grant WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "quyền",
                key: id.to_string(),
            });
        }
        record(
            &mut tx,
            actor,
            now,
            "revoke",
            "user",
            Some(user_id),
            json!({"grant": id}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
