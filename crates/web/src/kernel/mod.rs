//! Nhân HTTP — what both areas share and what knows no feature: errors and their one mapping from
//! the store, sessions and the current user, passwords, the login throttle, CSRF tokens, cookies,
//! security headers, the short-lived cache, the clock, request logging and timeouts.
//!
//! **Never** here: a portal or congress route, template, table or rule. The kernel may use
//! [`crate::config`]; it imports nothing from [`crate::portal`] or [`crate::congress`] (a test
//! in `lib.rs` checks the sources).

pub mod auth;
pub mod cache;
pub mod clock;
pub mod cookies;
pub mod csrf;
pub mod error;
pub mod forms;
pub mod gate;
pub mod layers;
pub mod listener;
pub mod security;

use std::sync::Arc;

use chrono::{DateTime, Utc};

pub use cache::TtlCache;
pub use clock::Clock;
pub use error::HttpError;

use crate::config::Config;

/// Nhân — what every area's state holds: the store, the configuration, the secret key of form
/// tokens and the clock. One `Arc`, so a clone is one atomic increment.
#[derive(Clone)]
pub struct Kernel(Arc<KernelParts>);

/// What [`Kernel`] holds.
pub struct KernelParts {
    /// The database.
    pub store: daihoi_store::Store,
    /// This instance's configuration.
    pub config: Arc<Config>,
    /// Khóa bí mật — the HMAC key for form tokens (from the database, shared by all instances).
    pub secret: Arc<[u8]>,
    /// Where "now" comes from.
    pub clock: Clock,
}

impl std::ops::Deref for Kernel {
    type Target = KernelParts;

    fn deref(&self) -> &KernelParts {
        &self.0
    }
}

impl Kernel {
    /// The kernel over a connected, migrated store (reads the secret key from it).
    pub async fn new(
        store: daihoi_store::Store,
        config: Config,
        clock: Clock,
    ) -> Result<Kernel, daihoi_store::StoreError> {
        let secret: Arc<[u8]> = store.secret_key().await?.into_bytes().into();
        Ok(Kernel(Arc::new(KernelParts {
            store,
            config: Arc::new(config),
            secret,
            clock,
        })))
    }

    /// Now, from the kernel's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today in the configured time zone (Asia/Ho_Chi_Minh by default).
    pub fn today(&self) -> chrono::NaiveDate {
        self.now()
            .with_timezone(&self.config.time_zone)
            .date_naive()
    }
}
