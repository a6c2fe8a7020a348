//! Người dùng và phiên đăng nhập — administration accounts and login sessions.
//!
//! Passwords are hashed (argon2id) and session tokens hashed by the web layer; the store keeps
//! only the resulting strings.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use daihoi_domain::account::check_username;

use crate::audit::record;
use crate::time::{from_micros, to_micros};
use crate::{Actor, Backend, Store, StoreError};

/// Khoảng ghi lần truy cập — a session's `last_seen_at` is written at most this often, so a busy
/// editor does not cost one database write per request. The idle timeout is therefore measured
/// with up to this much slack (a session may end this much early, never late).
pub const SESSION_TOUCH_INTERVAL: TimeDelta = TimeDelta::minutes(1);

/// Vai trò — what a user may do; the rule lives in `daihoi_domain::access`.
pub use daihoi_domain::access::Role;

/// Người dùng — an administration account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Tên đăng nhập — login name, unique.
    pub username: String,
    /// Tên hiển thị — name shown in the interface and the audit log.
    pub display_name: String,
    /// Admin or editor.
    pub role: Role,
    /// PHC string of the argon2id hash (never shown, never audited).
    #[serde(skip_serializing)]
    pub password_hash: String,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// Bị khóa — a disabled account cannot log in and its sessions are not honoured.
    pub disabled: bool,
    /// Whether `role` applies: an account of the congress workspace only (a secretariat, the
    /// hall staff) has no portal role and holds only its grants (`role_grant`).
    pub portal_access: bool,
}

/// Người dùng mới — what is needed to create an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Login name, unique.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Admin or editor.
    pub role: Role,
    /// PHC string of the argon2id hash.
    pub password_hash: String,
}

/// Phiên đăng nhập — a login session, found by the hash of its cookie token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Hash of the session token (the token itself is only in the cookie).
    pub token_hash: String,
    /// Whose session it is.
    pub user_id: i64,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it stops being valid.
    pub expires_at: DateTime<Utc>,
    /// Lần truy cập cuối — the last request seen on it (written at most once per
    /// [`SESSION_TOUCH_INTERVAL`]).
    pub last_seen_at: DateTime<Utc>,
}

const USER_COLUMNS: &str =
    "id, username, display_name, role, password_hash, created_at, disabled, portal_access";

fn user_from_row(r: &AnyRow) -> Result<User, StoreError> {
    let role: String = r.try_get("role")?;
    Ok(User {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        role: Role::parse_portal(&role)
            .ok_or_else(|| StoreError::Corrupt(format!("vai trò «{role}»")))?,
        password_hash: r.try_get("password_hash")?,
        created_at: from_micros(r.try_get("created_at")?)?,
        disabled: r.try_get::<i64, _>("disabled")? != 0,
        portal_access: r.try_get::<i64, _>("portal_access")? != 0,
    })
}

impl Store {
    /// Tạo người dùng — create an account; a taken username gives [`StoreError::Conflict`], a
    /// name outside the domain's [`check_username`] rule [`StoreError::Invalid`].
    pub async fn create_user(
        &self,
        new: &NewUser,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<User, StoreError> {
        let mut tx = self.begin().await?;
        let user = create_user_in(&mut tx, new, actor, now).await?;
        tx.commit().await?;
        Ok(user)
    }

    /// Người dùng theo tên đăng nhập.
    pub async fn user_by_username(&self, username: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM app_user WHERE username = $1"
        ))
        .bind(username)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Người dùng theo mã.
    pub async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM app_user WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Danh sách người dùng — every account, by username.
    pub async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM app_user ORDER BY username"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Số quản trị viên — how many enabled admin accounts exist.
    pub async fn count_admins(&self) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM app_user WHERE role = 'admin' AND disabled = 0",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(n.max(0) as u64)
    }

    /// Đổi mật khẩu — store a new password hash for user `id` and end all their sessions.
    pub async fn set_user_password(
        &self,
        id: i64,
        password_hash: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if password_hash.is_empty() {
            return Err(StoreError::Invalid("thiếu mật khẩu đã băm".into()));
        }
        let mut tx = self.begin().await?;
        let done = sqlx::query("UPDATE app_user SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "người dùng",
                key: id.to_string(),
            });
        }
        sqlx::query("DELETE FROM user_session WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "set_password",
            "user",
            Some(id),
            json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Khóa / mở khóa — disable or enable user `id`; disabling ends their sessions at once.
    ///
    /// Locking the last enabled admin is refused with [`StoreError::Invalid`] (nobody could
    /// administer the portal any more). The check and the change are one transaction, and on
    /// PostgreSQL the enabled admin rows are locked first, so two admins locking each other at
    /// the same moment cannot both succeed.
    pub async fn set_user_disabled(
        &self,
        id: i64,
        disabled: bool,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let active_admins = self.lock_active_admins(&mut tx).await?;
        let user = user_for_update(&mut tx, id).await?;
        if disabled && is_last_admin(&user, &active_admins) {
            return Err(last_admin_error(&user));
        }
        sqlx::query("UPDATE app_user SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM user_session WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        record(
            &mut tx,
            actor,
            now,
            "set_disabled",
            "user",
            Some(id),
            json!({"disabled": disabled}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Đổi vai trò — give user `id` the role `role`; returns the account as changed. Nothing is
    /// written (no audit row) when the role is already `role`.
    ///
    /// Demoting the last enabled admin is refused with [`StoreError::Invalid`], under the same
    /// lock as [`Store::set_user_disabled`]. The new role counts from the user's next request:
    /// sessions read the account on every request.
    pub async fn set_user_role(
        &self,
        id: i64,
        role: Role,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<User, StoreError> {
        let mut tx = self.begin().await?;
        let active_admins = self.lock_active_admins(&mut tx).await?;
        let user = user_for_update(&mut tx, id).await?;
        if user.role == role {
            return Ok(user);
        }
        if role != Role::Admin && is_last_admin(&user, &active_admins) {
            return Err(last_admin_error(&user));
        }
        sqlx::query("UPDATE app_user SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "set_role",
            "user",
            Some(id),
            json!({"role": role.as_str(), "from": user.role.as_str()}),
        )
        .await?;
        tx.commit().await?;
        Ok(User { role, ..user })
    }

    /// Quyền vào cổng thông tin — give or take an account's portal role (an account of the
    /// congress workspace only has none). An admin always keeps it (`Invalid`).
    pub async fn set_portal_access(
        &self,
        id: i64,
        access: bool,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<User, StoreError> {
        let mut tx = self.begin().await?;
        let user = user_for_update(&mut tx, id).await?;
        if user.portal_access == access {
            return Ok(user);
        }
        if user.role == Role::Admin && !access {
            return Err(StoreError::Invalid(format!(
                "tài khoản quản trị «{}» luôn có quyền vào cổng thông tin",
                user.username
            )));
        }
        sqlx::query("UPDATE app_user SET portal_access = $1 WHERE id = $2")
            .bind(i64::from(access))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "set_portal_access",
            "user",
            Some(id),
            json!({"portal_access": access}),
        )
        .await?;
        tx.commit().await?;
        Ok(User {
            portal_access: access,
            ..user
        })
    }

    /// The ids of the enabled admins, locked for the rest of the transaction on PostgreSQL (in
    /// id order, so concurrent callers queue instead of deadlocking). SQLite needs no row lock:
    /// the write transaction (`BEGIN IMMEDIATE`) already excludes every other writer.
    async fn lock_active_admins(&self, conn: &mut AnyConnection) -> Result<Vec<i64>, StoreError> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT id FROM app_user WHERE role = 'admin' AND disabled = 0 ORDER BY id"
            }
            Backend::Postgres => {
                "SELECT id FROM app_user WHERE role = 'admin' AND disabled = 0 ORDER BY id \
                 FOR UPDATE"
            }
        };
        Ok(sqlx::query_scalar(sql).fetch_all(&mut *conn).await?)
    }

    /// Tạo phiên — store a new session for `user_id`.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Session, StoreError> {
        let result = sqlx::query(
            "INSERT INTO user_session (token_hash, user_id, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $3)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(to_micros(now))
        .bind(to_micros(expires_at))
        .execute(self.pool())
        .await;
        match result {
            Ok(_) => Ok(Session {
                token_hash: token_hash.to_owned(),
                user_id,
                created_at: now,
                expires_at,
                last_seen_at: now,
            }),
            Err(e) if crate::error::is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                entity: "người dùng",
                key: user_id.to_string(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Phiên theo mã băm — the live session with this token hash and its user: not expired at
    /// `now`, the user not disabled, and a request seen on it less than `idle_timeout` ago.
    ///
    /// A session idle for `idle_timeout` or longer is deleted and `None` returned (thời gian
    /// chờ). A live session's `last_seen_at` is moved to `now` when it is at least
    /// [`SESSION_TOUCH_INTERVAL`] old, so the database sees at most one write a minute per
    /// session.
    pub async fn session_by_token_hash(
        &self,
        token_hash: &str,
        idle_timeout: TimeDelta,
        now: DateTime<Utc>,
    ) -> Result<Option<(Session, User)>, StoreError> {
        let row = sqlx::query(
            "SELECT s.token_hash, s.user_id, s.created_at AS session_created_at, s.expires_at, \
                    s.last_seen_at, u.id, u.username, u.display_name, u.role, u.password_hash, \
                    u.created_at, u.disabled, u.portal_access \
             FROM user_session s JOIN app_user u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
        )
        .bind(token_hash)
        .bind(to_micros(now))
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let last_seen_micros: i64 = row.try_get("last_seen_at")?;
        let mut session = Session {
            token_hash: row.try_get("token_hash")?,
            user_id: row.try_get("user_id")?,
            created_at: from_micros(row.try_get("session_created_at")?)?,
            expires_at: from_micros(row.try_get("expires_at")?)?,
            last_seen_at: from_micros(last_seen_micros)?,
        };
        if now - session.last_seen_at >= idle_timeout {
            // Only the stamp we read: another instance may have just seen a request on it.
            sqlx::query("DELETE FROM user_session WHERE token_hash = $1 AND last_seen_at = $2")
                .bind(token_hash)
                .bind(last_seen_micros)
                .execute(self.pool())
                .await?;
            return Ok(None);
        }
        if now - session.last_seen_at >= SESSION_TOUCH_INTERVAL {
            sqlx::query(
                "UPDATE user_session SET last_seen_at = $1 \
                 WHERE token_hash = $2 AND last_seen_at < $3",
            )
            .bind(to_micros(now))
            .bind(token_hash)
            .bind(to_micros(now))
            .execute(self.pool())
            .await?;
            session.last_seen_at = now;
        }
        Ok(Some((session, user_from_row(&row)?)))
    }

    /// Đăng xuất — delete the session with this token hash (no error if it is already gone).
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM user_session WHERE token_hash = $1")
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Dọn phiên hết hạn — delete every session expired at `now`; returns how many.
    pub async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM user_session WHERE expires_at <= $1")
            .bind(to_micros(now))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}

/// The account `id` read inside a change's transaction; [`StoreError::NotFound`] if missing.
async fn user_for_update(conn: &mut AnyConnection, id: i64) -> Result<User, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM app_user WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound {
        entity: "người dùng",
        key: id.to_string(),
    })?;
    user_from_row(&row)
}

/// Whether `user` is the only enabled admin among `active_admins`.
fn is_last_admin(user: &User, active_admins: &[i64]) -> bool {
    user.role == Role::Admin && !user.disabled && active_admins == [user.id]
}

fn last_admin_error(user: &User) -> StoreError {
    StoreError::Invalid(format!(
        "tài khoản «{}» là quản trị viên cuối cùng còn hoạt động nên không thể khoá hay chuyển \
         sang vai trò khác; hãy cấp quyền quản trị cho một tài khoản khác trước",
        user.username
    ))
}
/// [`Store::create_user`] inside the caller's transaction.
pub(crate) async fn create_user_in(
    conn: &mut AnyConnection,
    new: &NewUser,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<User, StoreError> {
    if new.username.trim().is_empty() {
        return Err(StoreError::Invalid(
            "tên đăng nhập không được để trống".into(),
        ));
    }
    check_username(&new.username).map_err(|e| StoreError::Invalid(e.to_string()))?;
    if new.password_hash.is_empty() {
        return Err(StoreError::Invalid("thiếu mật khẩu đã băm".into()));
    }
    let row = sqlx::query(&format!(
        "INSERT INTO app_user (username, display_name, role, password_hash, created_at, disabled) \
         VALUES ($1, $2, $3, $4, $5, 0) RETURNING {USER_COLUMNS}"
    ))
    .bind(&new.username)
    .bind(&new.display_name)
    .bind(new.role.as_str())
    .bind(&new.password_hash)
    .bind(to_micros(now))
    .fetch_one(&mut *conn)
    .await?;
    let user = user_from_row(&row)?;
    record(
        conn,
        actor,
        now,
        "create",
        "user",
        Some(user.id),
        json!({"username": user.username, "role": user.role.as_str()}),
    )
    .await?;
    Ok(user)
}
