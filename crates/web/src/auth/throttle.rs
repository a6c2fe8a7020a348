//! Chặn đăng nhập sai nhiều lần — in-memory throttle of failed logins per user name and address.
//!
//! After [`MAX_FAILURES`] failed attempts for one (user name, client address) pair within
//! [`WINDOW`], further attempts for that pair are refused without checking the password until
//! [`LOCKOUT`] has passed since the last failure. A successful login clears the pair. Keying on
//! the pair (not the user name alone) keeps an attacker from locking a real editor out from
//! elsewhere; keying on the user name too keeps one office behind a NAT from locking out every
//! colleague. The table lives in one process: several instances each keep their own, which only
//! multiplies the allowance by the number of instances.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed inside [`WINDOW`] before the pair is locked.
pub const MAX_FAILURES: u32 = 5;
/// How far back failures are counted.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// How long a locked pair stays locked after its last failure.
pub const LOCKOUT: Duration = Duration::from_secs(15 * 60);
/// Above this many remembered pairs, stale ones are dropped on the next failure.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    first: Instant,
    last: Instant,
}

/// Bộ đếm đăng nhập sai — the failed-login table (one per router).
#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<(String, String), Failures>>,
}

impl LoginThrottle {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    fn key(username: &str, client: &str) -> (String, String) {
        (username.trim().to_lowercase(), client.to_owned())
    }

    /// If the pair is locked at `now`, how long until it opens again (rounded up to whole
    /// minutes by the caller for display).
    pub fn locked_for(&self, username: &str, client: &str, now: Instant) -> Option<Duration> {
        let table = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let entry = table.get(&Self::key(username, client))?;
        if entry.count >= MAX_FAILURES {
            let opens = entry.last + LOCKOUT;
            (opens > now).then(|| opens - now)
        } else {
            None
        }
    }

    /// Records one failed attempt at `now`.
    pub fn record_failure(&self, username: &str, client: &str, now: Instant) {
        let mut table = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if table.len() > PRUNE_ABOVE {
            table.retain(|_, f| now.saturating_duration_since(f.last) < WINDOW.max(LOCKOUT));
        }
        let entry = table
            .entry(Self::key(username, client))
            .or_insert(Failures {
                count: 0,
                first: now,
                last: now,
            });
        let expired = if entry.count >= MAX_FAILURES {
            now.saturating_duration_since(entry.last) >= LOCKOUT
        } else {
            now.saturating_duration_since(entry.first) >= WINDOW
        };
        if expired {
            *entry = Failures {
                count: 0,
                first: now,
                last: now,
            };
        }
        entry.count += 1;
        entry.last = now;
    }

    /// Forgets the pair after a successful login.
    pub fn record_success(&self, username: &str, client: &str) {
        let mut table = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        table.remove(&Self::key(username, client));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_max_failures_and_opens_after_lockout() {
        let throttle = LoginThrottle::new();
        let t0 = Instant::now();
        for i in 0..MAX_FAILURES {
            assert!(
                throttle.locked_for("Admin", "10.0.0.1", t0).is_none(),
                "attempt {i}"
            );
            throttle.record_failure("Admin", "10.0.0.1", t0);
        }
        assert!(throttle.locked_for("admin", "10.0.0.1", t0).is_some());
        // Another address, or another user from the same address, is not locked.
        assert!(throttle.locked_for("admin", "10.0.0.2", t0).is_none());
        assert!(throttle.locked_for("bientap", "10.0.0.1", t0).is_none());
        assert!(
            throttle
                .locked_for("admin", "10.0.0.1", t0 + LOCKOUT)
                .is_none()
        );
    }

    #[test]
    fn old_failures_fall_out_of_the_window() {
        let throttle = LoginThrottle::new();
        let t0 = Instant::now();
        for _ in 0..MAX_FAILURES - 1 {
            throttle.record_failure("admin", "ip", t0);
        }
        let later = t0 + WINDOW;
        throttle.record_failure("admin", "ip", later);
        assert!(throttle.locked_for("admin", "ip", later).is_none());
    }

    #[test]
    fn success_clears_the_count() {
        let throttle = LoginThrottle::new();
        let t0 = Instant::now();
        for _ in 0..MAX_FAILURES - 1 {
            throttle.record_failure("admin", "ip", t0);
        }
        throttle.record_success("admin", "ip");
        throttle.record_failure("admin", "ip", t0);
        assert!(throttle.locked_for("admin", "ip", t0).is_none());
    }
}
