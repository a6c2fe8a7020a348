//! Cấu hình — a small key/value table shared by every instance using the database.

use chrono::{DateTime, Utc};
use serde_json::json;

use sqlx::AnyConnection;

use crate::audit::record;
use crate::{Actor, Store, StoreError};

/// Key of the portal's display name (tên cổng thông tin).
pub const SETTING_PORTAL_NAME: &str = "portal_name";
/// Key of the demo's reference day (`yyyy-mm-dd`), the day whose figures match the seed.
pub const SETTING_DEMO_REFERENCE_DAY: &str = "demo_reference_day";
/// Key of the notice the congress workspace shows above people's data when it is invented (the
/// demo sets it: "Dữ liệu minh họa, họ tên và thông tin cá nhân là hư cấu").
pub const SETTING_INVENTED_DATA_NOTICE: &str = "invented_data_notice";
/// Key of the secret used to sign cookies and form tokens (never audited in clear).
pub const SETTING_SECRET_KEY: &str = "secret_key";

/// Length of the generated secret in bytes (hex-encoded when stored).
const SECRET_BYTES: usize = 32;

impl Store {
    /// Đọc cấu hình — the value stored under `key`, if any.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM setting WHERE key = $1")
            .bind(key)
            .fetch_optional(self.pool())
            .await?;
        Ok(value)
    }

    /// Ghi cấu hình — store `value` under `key` (insert or replace), audited.
    pub async fn set_setting(
        &self,
        key: &str,
        value: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        set_setting_in(&mut tx, key, value, actor, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Khóa bí mật — the secret for signing cookies and CSRF tokens (64 hex digits). Created
    /// from the operating system's random source on the first call; every instance sharing the
    /// database gets the same value, even when several create it at the same moment.
    pub async fn secret_key(&self) -> Result<String, StoreError> {
        if let Some(existing) = self.setting(SETTING_SECRET_KEY).await? {
            return Ok(existing);
        }
        let mut bytes = [0u8; SECRET_BYTES];
        getrandom::fill(&mut bytes).map_err(|e| {
            StoreError::Invalid(format!(
                "không lấy được số ngẫu nhiên của hệ điều hành: {e}"
            ))
        })?;
        let candidate: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        sqlx::query(
            "INSERT INTO setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(SETTING_SECRET_KEY)
        .bind(&candidate)
        .execute(self.pool())
        .await?;
        self.setting(SETTING_SECRET_KEY)
            .await?
            .ok_or_else(|| StoreError::Corrupt("khóa bí mật vừa tạo đã biến mất".into()))
    }
}

/// [`Store::set_setting`] inside the caller's transaction.
pub(crate) async fn set_setting_in(
    conn: &mut AnyConnection,
    key: &str,
    value: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if key.trim().is_empty() {
        return Err(StoreError::Invalid(
            "khóa cấu hình không được để trống".into(),
        ));
    }
    sqlx::query(
        "INSERT INTO setting (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(&mut *conn)
    .await?;
    let shown = if key == SETTING_SECRET_KEY {
        "***"
    } else {
        value
    };
    record(
        conn,
        actor,
        now,
        "set",
        "setting",
        None,
        json!({"key": key, "value": shown}),
    )
    .await
}
