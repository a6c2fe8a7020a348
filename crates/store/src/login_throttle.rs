//! Đăng nhập sai — the table of failed logins per (user name, client address), kept in the
//! database so that every instance behind a load balancer counts the same attempts.
//!
//! The policy (how many failures, how long the window and the lockout) is the caller's, passed
//! as a [`LoginThrottlePolicy`]; the store only counts. "May this attempt go ahead?" and "count
//! it" are one upsert ([`Store::reserve_login_attempt`]), atomic on both databases, so concurrent
//! attempts on several instances never check more passwords than the policy allows. These rows are not administrative changes and have no audit row; the web
//! layer records the failed login itself in the audit log.

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::Row;

use crate::time::{from_micros, to_micros};
use crate::{Store, StoreError};

/// Chính sách chặn — when a (user name, address) pair is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottlePolicy {
    /// Failed attempts allowed inside `window` before the pair is locked.
    pub max_failures: u32,
    /// How far back failures are counted (from the first of the current run).
    pub window: TimeDelta,
    /// How long a locked pair stays locked after its last failure.
    pub lockout: TimeDelta,
}

impl LoginThrottlePolicy {
    /// Rows whose last failure is this old at `now` can no longer lock or count: older than
    /// both the window and the lockout.
    fn stale_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.window.max(self.lockout)
    }
}

/// Số lần đăng nhập sai — the stored count of one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailures {
    /// Failures in the current run.
    pub failures: u32,
    /// When the current run started.
    pub first_at: DateTime<Utc>,
    /// The latest failure.
    pub last_at: DateTime<Utc>,
}

impl LoginFailures {
    /// How long the pair stays locked at `now` under `policy` (`None`: not locked).
    pub fn locked_for(
        &self,
        policy: &LoginThrottlePolicy,
        now: DateTime<Utc>,
    ) -> Option<TimeDelta> {
        if self.failures < policy.max_failures {
            return None;
        }
        let opens = self.last_at + policy.lockout;
        (opens > now).then(|| opens - now)
    }
}

/// Lượt thử đăng nhập — the answer of [`Store::reserve_login_attempt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginAttempt {
    /// The attempt may check the password; it is already counted (the pair's count after it).
    Reserved(LoginFailures),
    /// The pair is locked for this long; nothing was counted.
    Locked(TimeDelta),
}

impl Store {
    /// The failures stored for (`username`, `client`), if any (stale rows included).
    pub async fn login_failures(
        &self,
        username: &str,
        client: &str,
    ) -> Result<Option<LoginFailures>, StoreError> {
        let row = sqlx::query(
            "SELECT failures, first_at, last_at FROM login_failure \
             WHERE username = $1 AND client = $2",
        )
        .bind(username)
        .bind(client)
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(LoginFailures {
                failures: u32::try_from(r.try_get::<i64, _>("failures")?).unwrap_or(u32::MAX),
                first_at: from_micros(r.try_get("first_at")?)?,
                last_at: from_micros(r.try_get("last_at")?)?,
            })
        })
        .transpose()
    }

    /// Chặn đăng nhập — how long (`username`, `client`) is still locked at `now`, if it is.
    pub async fn login_locked_for(
        &self,
        username: &str,
        client: &str,
        policy: &LoginThrottlePolicy,
        now: DateTime<Utc>,
    ) -> Result<Option<TimeDelta>, StoreError> {
        Ok(self
            .login_failures(username, client)
            .await?
            .and_then(|f| f.locked_for(policy, now)))
    }

    /// Giữ lượt thử — reserves one login attempt for (`username`, `client`) at `now`, or refuses
    /// it when the pair is locked. Checking and counting are **one statement** (an upsert whose
    /// update only happens while the pair is not locked), so however many attempts arrive at once
    /// on however many instances, at most `policy.max_failures` of them go ahead in a run.
    ///
    /// A reserved attempt counts as a failure from the moment it is reserved: the caller does
    /// nothing more when the password is wrong, and calls [`Store::clear_login_failures`] when it
    /// is right. So an attempt that started before a successful login and fails after it was
    /// already counted before the success cleared the pair, and cannot lock it again.
    ///
    /// A run starts again from 1 when the pair was locked and its lockout has passed, or was not
    /// locked and its window has passed. Rows of every pair too old to matter are deleted first,
    /// so the table stays as small as the recent attempts.
    pub async fn reserve_login_attempt(
        &self,
        username: &str,
        client: &str,
        policy: &LoginThrottlePolicy,
        now: DateTime<Utc>,
    ) -> Result<LoginAttempt, StoreError> {
        self.forget_stale_login_failures(policy, now).await?;
        // A locked pair is one with `max` failures whose lockout is not over; the `WHERE` of the
        // upsert leaves it untouched and returns no row. Every SET expression sees the row as it
        // was before the update; on PostgreSQL the row is locked and re-read by a concurrent
        // upsert, on SQLite writes are serialised.
        for _ in 0..3 {
            let row = failure_upsert(RESERVE_SQL, username, client, policy, now)
                .bind(i64::from(policy.max_failures))
                .bind(to_micros(now - policy.lockout))
                .fetch_optional(self.pool())
                .await?;
            if let Some(row) = row {
                return Ok(LoginAttempt::Reserved(failures_of(&row)?));
            }
            // Locked: say for how long. The pair may have been cleared (a success) or opened
            // since the upsert; then try again.
            if let Some(wait) = self.login_locked_for(username, client, policy, now).await? {
                return Ok(LoginAttempt::Locked(wait));
            }
        }
        // Three rounds of "locked, then not": a success keeps clearing what failures lock. Refuse
        // this one attempt for the shortest while; nothing was counted.
        Ok(LoginAttempt::Locked(TimeDelta::seconds(1)))
    }

    /// Ghi đăng nhập sai — counts one failed attempt at `now` and returns the pair's count,
    /// whether or not the pair is locked. For a password check use
    /// [`Store::reserve_login_attempt`], which counts the attempt *before* the check and refuses
    /// it when locked, in one step.
    pub async fn record_login_failure(
        &self,
        username: &str,
        client: &str,
        policy: &LoginThrottlePolicy,
        now: DateTime<Utc>,
    ) -> Result<LoginFailures, StoreError> {
        self.forget_stale_login_failures(policy, now).await?;
        let row = failure_upsert(RECORD_SQL, username, client, policy, now)
            .fetch_one(self.pool())
            .await?;
        failures_of(&row)
    }

    /// Deletes the rows of every pair too old to matter at `now`.
    async fn forget_stale_login_failures(
        &self,
        policy: &LoginThrottlePolicy,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failure WHERE last_at <= $1")
            .bind(to_micros(policy.stale_before(now)))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Xoá đếm — forgets the pair after a successful login.
    pub async fn clear_login_failures(
        &self,
        username: &str,
        client: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failure WHERE username = $1 AND client = $2")
            .bind(username)
            .bind(client)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// The upsert that counts one failure of a (user name, client) pair: a run starts again from 1
/// when the pair was locked and its lockout has passed, or was not locked and its window has
/// passed. Every SET expression sees the row as it was before the update. `$1`–`$12` are bound
/// by [`failure_upsert`].
macro_rules! failure_upsert_sql {
    () => {
        "INSERT INTO login_failure (username, client, failures, first_at, last_at) \
         VALUES ($1, $2, 1, $3, $4) \
         ON CONFLICT (username, client) DO UPDATE SET \
           failures = CASE \
             WHEN (login_failure.failures >= $5 AND login_failure.last_at <= $6) \
               OR (login_failure.failures < $7 AND login_failure.first_at <= $8) THEN 1 \
             ELSE login_failure.failures + 1 END, \
           first_at = CASE \
             WHEN (login_failure.failures >= $9 AND login_failure.last_at <= $10) \
               OR (login_failure.failures < $11 AND login_failure.first_at <= $12) \
             THEN excluded.first_at \
             ELSE login_failure.first_at END, \
           last_at = excluded.last_at "
    };
}

/// Counts the failure whatever the pair's state ([`Store::record_login_failure`]).
const RECORD_SQL: &str = concat!(
    failure_upsert_sql!(),
    "RETURNING failures, first_at, last_at"
);

/// Counts the attempt only while the pair is not locked (`$13` failures, lockout over at `$14`);
/// a locked pair returns no row ([`Store::reserve_login_attempt`]).
const RESERVE_SQL: &str = concat!(
    failure_upsert_sql!(),
    "WHERE login_failure.failures < $13 OR login_failure.last_at <= $14 \
     RETURNING failures, first_at, last_at"
);

/// `sql` (one of the two statements above) with `$1`–`$12` bound for this pair at `now`.
fn failure_upsert<'q>(
    sql: &'q str,
    username: &'q str,
    client: &'q str,
    policy: &LoginThrottlePolicy,
    now: DateTime<Utc>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let max = i64::from(policy.max_failures);
    let lockout_over = to_micros(now - policy.lockout);
    let window_over = to_micros(now - policy.window);
    sqlx::query(sql)
        .bind(username)
        .bind(client)
        .bind(to_micros(now))
        .bind(to_micros(now))
        .bind(max)
        .bind(lockout_over)
        .bind(max)
        .bind(window_over)
        .bind(max)
        .bind(lockout_over)
        .bind(max)
        .bind(window_over)
}

/// The pair's count as a returned row holds it.
fn failures_of(row: &sqlx::any::AnyRow) -> Result<LoginFailures, StoreError> {
    Ok(LoginFailures {
        failures: u32::try_from(row.try_get::<i64, _>("failures")?).unwrap_or(u32::MAX),
        first_at: from_micros(row.try_get("first_at")?)?,
        last_at: from_micros(row.try_get("last_at")?)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_pair_is_locked_only_at_the_limit_and_until_the_lockout_ends() {
        let policy = LoginThrottlePolicy {
            max_failures: 5,
            window: TimeDelta::minutes(15),
            lockout: TimeDelta::minutes(10),
        };
        let t = Utc.with_ymd_and_hms(2021, 7, 15, 3, 0, 0).unwrap();
        let mut f = LoginFailures {
            failures: 4,
            first_at: t,
            last_at: t,
        };
        assert_eq!(f.locked_for(&policy, t), None);
        f.failures = 5;
        assert_eq!(f.locked_for(&policy, t), Some(TimeDelta::minutes(10)));
        assert_eq!(
            f.locked_for(&policy, t + TimeDelta::minutes(9)),
            Some(TimeDelta::minutes(1))
        );
        assert_eq!(f.locked_for(&policy, t + TimeDelta::minutes(10)), None);
        assert_eq!(policy.stale_before(t), t - TimeDelta::minutes(15));
    }
}
