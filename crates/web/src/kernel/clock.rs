//! Đồng hồ — where every handler reads "now": the system clock in production, a clock that tests
//! set and move.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

/// Đồng hồ — where handlers read "now". Real time in production; tests set and move it.
#[derive(Clone, Default)]
pub struct Clock {
    manual: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { manual: None }
    }

    /// A clock that stands still at `at` until [`Clock::set`] or [`Clock::advance`].
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock {
            manual: Some(Arc::new(Mutex::new(at))),
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            Some(at) => *at.lock().unwrap_or_else(|e| e.into_inner()),
            None => Utc::now(),
        }
    }

    /// Sets a manual clock (no effect on the system clock).
    pub fn set(&self, to: DateTime<Utc>) {
        if let Some(at) = &self.manual {
            *at.lock().unwrap_or_else(|e| e.into_inner()) = to;
        }
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance(&self, by: chrono::Duration) {
        if let Some(at) = &self.manual {
            let mut at = at.lock().unwrap_or_else(|e| e.into_inner());
            *at += by;
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.manual {
            Some(_) => write!(f, "Clock::manual({})", self.now()),
            None => f.write_str("Clock::system"),
        }
    }
}
