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

/// Key of the managing agency (cơ quan chủ quản) shown in the footer.
pub const SETTING_SITE_AGENCY: &str = "site_agency";
/// Key of the person responsible (người chịu trách nhiệm) shown in the footer.
pub const SETTING_SITE_RESPONSIBLE: &str = "site_responsible";
/// Key of the licence line (giấy phép số …) shown in the footer.
pub const SETTING_SITE_LICENCE: &str = "site_licence";
/// Key of the body's postal address.
pub const SETTING_SITE_ADDRESS: &str = "site_address";
/// Key of the body's phone number(s).
pub const SETTING_SITE_PHONE: &str = "site_phone";
/// Key of the body's e-mail address.
pub const SETTING_SITE_EMAIL: &str = "site_email";
/// Key of the emblem or banner of the header: a path under the uploads folder, empty for none.
pub const SETTING_SITE_EMBLEM: &str = "site_emblem";
/// Key of the favicon: a path under the uploads folder, empty for the built-in one.
pub const SETTING_SITE_FAVICON: &str = "site_favicon";
/// Key of a one-line note in the footer (the demo says there that it is a demonstration).
pub const SETTING_SITE_NOTE: &str = "site_note";

/// Every key of the site's identity, in the order the footer shows them (the name first).
pub const SITE_IDENTITY_KEYS: [&str; 10] = [
    SETTING_PORTAL_NAME,
    SETTING_SITE_AGENCY,
    SETTING_SITE_RESPONSIBLE,
    SETTING_SITE_LICENCE,
    SETTING_SITE_ADDRESS,
    SETTING_SITE_PHONE,
    SETTING_SITE_EMAIL,
    SETTING_SITE_NOTE,
    SETTING_SITE_EMBLEM,
    SETTING_SITE_FAVICON,
];

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

    /// Thay tệp cấu hình — stores `value` under `key` (insert or replace), audited, like
    /// [`Store::set_setting`], for a setting that names a file (the emblem, the favicon).
    /// Returns the value it replaced when, once this has committed, nothing stored names it any
    /// more: no setting holds it and no photo is that file. The caller may then remove that
    /// file; `None` when there was no other value or something still names it.
    pub async fn replace_file_setting(
        &self,
        key: &str,
        value: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError> {
        let mut tx = self.begin().await?;
        let old: Option<String> = sqlx::query_scalar("SELECT value FROM setting WHERE key = $1")
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
        set_setting_in(&mut tx, key, value, actor, now).await?;
        let old = old.filter(|old| !old.trim().is_empty() && old != value);
        let unused = match old {
            Some(old) => {
                let named: i64 = sqlx::query_scalar(
                    "SELECT (SELECT COUNT(*) FROM setting WHERE value = $1) \
                          + (SELECT COUNT(*) FROM photo WHERE file_name = $1 OR thumb_name = $1)",
                )
                .bind(&old)
                .fetch_one(&mut *tx)
                .await?;
                (named == 0).then_some(old)
            }
            None => None,
        };
        tx.commit().await?;
        Ok(unused)
    }

    /// Đọc nhiều cấu hình — the values stored under `keys` (those absent are left out), in one
    /// read.
    pub async fn settings(&self, keys: &[&str]) -> Result<Vec<(String, String)>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=keys.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT key, value FROM setting WHERE key IN ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String, String)>(&sql);
        for key in keys {
            query = query.bind(*key);
        }
        Ok(query.fetch_all(self.pool()).await?)
    }

    /// Ghi nhiều cấu hình — stores every `(key, value)` in one transaction, each with its audit
    /// row: all of them or none.
    pub async fn set_settings(
        &self,
        pairs: &[(&str, &str)],
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        for (key, value) in pairs {
            set_setting_in(&mut tx, key, value, actor, now).await?;
        }
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
