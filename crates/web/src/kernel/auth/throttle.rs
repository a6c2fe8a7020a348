//! Chặn đăng nhập sai nhiều lần — throttle of failed logins per user name and address, counted
//! in the database so that every instance behind a load balancer shares one count.
//!
//! After [`MAX_FAILURES`] failed attempts for one (user name, client address) pair within
//! [`WINDOW`], further attempts for that pair are refused without checking the password until
//! [`LOCKOUT`] has passed since the last failure. A successful login clears the pair.
//!
//! Each attempt is counted *before* its password is checked, in the same atomic step that
//! decides whether it may go ahead ([`LoginThrottle::begin`]): 200 parallel attempts check at
//! most [`MAX_FAILURES`] passwords, and an attempt that started before a successful login and
//! fails after it cannot lock the pair again (it was counted before the success cleared it). An
//! attempt that found no hashing slot (503) stays counted: it is the same pair's flood.
//!
//! Keying on the pair (not the user name alone) keeps an attacker from locking a real editor
//! out from elsewhere; keying on the user name too keeps one office behind a NAT from locking
//! out every colleague. The counting is in `daihoi_store` (`login_failure` table); the policy is here.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use daihoi_store::{LoginAttempt, LoginThrottlePolicy, Store, StoreError};

/// Failed attempts allowed inside [`WINDOW`] before the pair is locked.
pub const MAX_FAILURES: u32 = 5;
/// How far back failures are counted.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// How long a locked pair stays locked after its last failure.
pub const LOCKOUT: Duration = Duration::from_secs(15 * 60);

/// The policy above, in the store's terms.
pub const POLICY: LoginThrottlePolicy = LoginThrottlePolicy {
    max_failures: MAX_FAILURES,
    window: TimeDelta::seconds(WINDOW.as_secs() as i64),
    lockout: TimeDelta::seconds(LOCKOUT.as_secs() as i64),
};

/// Bộ đếm đăng nhập sai — the failed-login table of the shared database.
#[derive(Debug, Clone, Copy)]
pub struct LoginThrottle<'a> {
    store: &'a Store,
}

impl<'a> LoginThrottle<'a> {
    /// The throttle over `store`.
    pub fn new(store: &'a Store) -> Self {
        LoginThrottle { store }
    }

    /// User names are compared trimmed and in lowercase.
    fn key(username: &str) -> String {
        username.trim().to_lowercase()
    }

    /// The client's network, as the other per-address limits count it
    /// ([`super::network_of`]: an IPv6 address by its /64, which one subscriber holds whole and
    /// could otherwise walk through for fresh attempts). Text that is no address stays as it is.
    fn client_key(client: &str) -> String {
        client
            .parse::<std::net::IpAddr>()
            .map(|ip| super::network_of(ip).to_string())
            .unwrap_or_else(|_| client.to_owned())
    }

    /// May this attempt check a password? `Ok(())` when it may — the attempt is then already
    /// counted as a failure — or `Err(wait)` while the pair is locked (`wait` rounded up to
    /// whole minutes by the caller for display). One atomic step in the shared store, so
    /// parallel attempts on any number of instances check at most [`MAX_FAILURES`] passwords
    /// per run. After a right password call [`LoginThrottle::record_success`]; after a wrong
    /// one, nothing.
    pub async fn begin(
        &self,
        username: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<(), Duration>, StoreError> {
        Ok(
            match self
                .store
                .reserve_login_attempt(
                    &Self::key(username),
                    &Self::client_key(client),
                    &POLICY,
                    now,
                )
                .await?
            {
                LoginAttempt::Reserved(_) => Ok(()),
                LoginAttempt::Locked(wait) => Err(wait.to_std().unwrap_or(Duration::ZERO)),
            },
        )
    }

    /// Forgets the pair after a successful login.
    pub async fn record_success(&self, username: &str, client: &str) -> Result<(), StoreError> {
        self.store
            .clear_login_failures(&Self::key(username), &Self::client_key(client))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_throttled_by_their_64_and_ipv4_ones_by_their_address() {
        let a = LoginThrottle::client_key("2001:db8:1:2::1");
        let b = LoginThrottle::client_key("2001:db8:1:2:ffff:ffff:ffff:fffe");
        let other = LoginThrottle::client_key("2001:db8:1:3::1");
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(LoginThrottle::client_key("203.0.113.7"), "203.0.113.7");
        assert_eq!(
            LoginThrottle::client_key("::ffff:203.0.113.7"),
            "203.0.113.7"
        );
        assert_eq!(LoginThrottle::client_key("unknown"), "unknown");
    }

    #[test]
    fn the_store_policy_is_the_documented_one() {
        assert_eq!(POLICY.max_failures, MAX_FAILURES);
        assert_eq!(POLICY.window.to_std().unwrap(), WINDOW);
        assert_eq!(POLICY.lockout.to_std().unwrap(), LOCKOUT);
    }
}
