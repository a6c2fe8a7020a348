//! # daihoi-store
//!
//! Lưu trữ — persistence for daihoi over **SQLite** (embedded default) and **PostgreSQL** (several
//! app instances behind a load balancer), chosen at run time by the database URL.
//!
//! One code path serves both databases: a [`sqlx::AnyPool`] with runtime queries written in SQL
//! that both accept (`$1` placeholders, `ON CONFLICT … DO …`, `RETURNING`). Timestamps are stored
//! as BIGINT microseconds since the Unix epoch (UTC) and calendar days as BIGINT `yyyymmdd`, so
//! they sort and compare identically on both. The reasons are in
//! `docs/decisions/0001-sqlx-two-backends.md`; the tables are described in `docs/store.md`.
//!
//! Every mutating function the administration uses takes an [`Actor`] and writes its
//! [`AuditEntry`] (nhật ký) in the same transaction as the change.
//!
//! The store never reads the clock: callers pass `now`.

mod about;
mod article;
mod audit;
mod bind;
mod boundary;
mod catalog;
mod category;
mod congress;
mod contact;
mod demo;
mod document;
mod error;
mod login_throttle;
mod nukeviet;
mod photo;
mod question;
mod rating;
mod schedule;
mod search;
mod search_index;
mod settings;
mod time;
mod user;
mod visits;

pub use about::{AboutPage, AboutPageHasChildren, NewAboutPage};
pub use article::{
    Article, ArticleKind, ArticleStatus, ArticleSummary, ArticleUpdate, BodyFormat, NewArticle,
};
pub use audit::{Actor, AuditEntry};
pub use boundary::{
    BoundaryCounts, BoundaryRow, BoundaryStamp, NewBoundaryMap, NewBoundaryUnit,
    SETTING_BOUNDARY_ATTRIBUTION, SETTING_BOUNDARY_TITLE, UnmatchedUnit,
};
pub use catalog::{CatalogStamp, PublishedEntry};
pub use category::{Category, CategoryUpdate, NewCategory};
pub use congress::attendance::{
    ATTENDANCE_CHANNEL, AttendanceCounts, AttendanceListener, AttendanceSignal, AttendanceState,
    CheckInError, CheckedIn, DelegateAttendance, NotConvened,
};
pub use congress::congress::{Congress, CongressFields, ProgressRow};
pub use congress::delegate::{
    AllocationRow, Delegate, NewDelegate, Removal, Replacement, sort_delegates,
};
pub use congress::grant::StoredGrant;
pub use congress::import::ImportCounts;
pub use congress::organization::{Closed, NewOrganization, Organization, OrganizationUpdate};
pub use congress::person::{NewPerson, PERSON_SEARCH_LIMIT, Person};
pub use congress::plan::{PersonnelPlan, PlanCandidate, PlanSettings, PlanTarget};
pub use contact::ContactMessage;
pub use demo::{
    DemoAllocationRow, DemoArticleRows, DemoBundle, DemoCitizenRows, DemoCongressRow,
    DemoCongressRows, DemoDelegateRow, DemoDocumentRow, DemoPhotoRow, DemoQuestionRow,
    DemoSectionRows, DemoSlateRow, DemoWorkspaceAccount,
};
pub use document::{
    Document, DocumentFacets, DocumentFilter, DocumentType, DocumentTypeInUse, DocumentTypeUse,
    NewDocument, TypeMove,
};
pub use error::{Constraint, StoreError, conflict_of, is_unavailable};
pub use login_throttle::{LoginAttempt, LoginFailures, LoginThrottlePolicy};
pub use nukeviet::{
    ImportedArticle, ImportedCategory, ImportedFile, ImportedPhoto, NukevietCounts, NukevietImport,
    NukevietKnown, NukevietWriter, PreparedArticle,
};
pub use photo::{NewPhoto, Photo};
pub use question::{PublishedQuestion, Question, QuestionCounts};
pub use rating::{AddressRatingLimit, RATINGS_PER_ADDRESS, RatingOutcome, RatingSummary, Stars};
pub use schedule::{ScheduleEntry, sort_entries};
pub use search::{ArticleFilter, ArticleState, MAX_SEARCH_TERMS, search_terms};
pub use search_index::{RANK_WINDOW, SearchHit, SearchItem, SearchResults};
pub use settings::{
    SETTING_DEMO_REFERENCE_DAY, SETTING_INVENTED_DATA_NOTICE, SETTING_PORTAL_NAME,
    SETTING_SECRET_KEY,
};
pub use settings::{
    SETTING_SITE_ADDRESS, SETTING_SITE_AGENCY, SETTING_SITE_EMAIL, SETTING_SITE_EMBLEM,
    SETTING_SITE_FAVICON, SETTING_SITE_LICENCE, SETTING_SITE_NOTE, SETTING_SITE_PHONE,
    SETTING_SITE_RESPONSIBLE, SITE_IDENTITY_KEYS,
};
pub use user::{NewUser, Role, SESSION_TOUCH_INTERVAL, Session, User};
pub use visits::{PRESENCE_FRESHNESS, VisitKind, VisitSums};

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Connection, Executor, Transaction};

/// Thời hạn lấy kết nối — how long a query waits for a pooled connection (opening one included)
/// before it fails with [`StoreError::Unavailable`]: short, so that with the database unreachable
/// a page answers 503 in seconds instead of hanging.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// How long [`Store::connect`] waits for the database's first answer before it gives up.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Embedded migrations for SQLite.
static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
/// Embedded migrations for PostgreSQL.
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Hệ quản trị CSDL — which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Backend {
    /// SQLite, one file, one app instance (the embedded default).
    Sqlite,
    /// PostgreSQL, shareable by several app instances.
    Postgres,
}

/// Kho dữ liệu — a handle on the database; cheap to clone, shared by all requests.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    url_redacted: Arc<str>,
    /// The full PostgreSQL URL, for the one listening connection (`attendance_listener`).
    listen_url: Option<Arc<str>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .field("url", &self.url_redacted)
            .finish()
    }
}

/// Trang kết quả — one page of a longer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page<T> {
    /// The rows on this page.
    pub items: Vec<T>,
    /// How many rows the whole list has.
    pub total: u64,
    /// This page's number, counted from 1.
    pub page: u32,
    /// Rows per page.
    pub per_page: u32,
}

impl<T> Page<T> {
    /// Số trang — how many pages the whole list has (at least 1).
    pub fn page_count(&self) -> u32 {
        let per = u64::from(self.per_page.max(1));
        u32::try_from(self.total.div_ceil(per).max(1)).unwrap_or(u32::MAX)
    }
}

/// Largest page size any list accepts; larger requests are clamped.
pub const MAX_PER_PAGE: u32 = 100;

/// Normalise paging input: page counted from 1, `per_page` in `1..=MAX_PER_PAGE`.
/// Returns `(page, per_page, offset)`.
pub(crate) fn paging(page: u32, per_page: u32) -> (u32, u32, i64) {
    let page = page.max(1);
    let per_page = per_page.clamp(1, MAX_PER_PAGE);
    let offset = i64::from(page - 1) * i64::from(per_page);
    (page, per_page, offset)
}

impl Store {
    /// Kết nối — open the database named by `url`.
    ///
    /// - `postgres://…` / `postgresql://…` selects PostgreSQL.
    /// - `sqlite://path`, `sqlite:path` or a plain file path selects SQLite. The file is created if
    ///   missing (`mode=rwc` is added unless the URL names a mode); every connection runs in WAL
    ///   mode with a 5 s busy timeout and foreign keys on.
    ///
    /// Connecting does not migrate; call [`Store::migrate`].
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let url = url.trim();
        if url.is_empty() {
            return Err(StoreError::BadUrl(String::new()));
        }
        let (backend, full_url) = normalise_url(url)?;
        let options =
            AnyConnectOptions::from_str(&full_url).map_err(|_| StoreError::BadUrl(redact(url)))?;
        // One direct connection first: a wrong URL or a stopped server fails at once with the
        // driver's reason, instead of after the pool's acquire timeout.
        // Bounded: a host that drops packets would otherwise hold the start for the system's TCP
        // timeout (minutes).
        let probe =
            tokio::time::timeout(CONNECT_TIMEOUT, sqlx::AnyConnection::connect_with(&options))
                .await
                .unwrap_or_else(|_| {
                    Err(sqlx::Error::Io(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
                    )))
                })
                .map_err(|source| StoreError::Connect {
                    url: redact(url),
                    source,
                })?;
        probe.close().await.ok();
        let pool = match backend {
            Backend::Sqlite => {
                // An in-memory database lives and dies with its one connection: keep exactly one,
                // forever.
                let in_memory = full_url.contains(":memory:") || full_url.contains("mode=memory");
                let pool_options = if in_memory {
                    AnyPoolOptions::new()
                        .max_connections(1)
                        .idle_timeout(None)
                        .max_lifetime(None)
                } else {
                    AnyPoolOptions::new().max_connections(8)
                };
                pool_options
                    .min_connections(1)
                    .acquire_timeout(ACQUIRE_TIMEOUT)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                                 PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await
                    .map_err(|source| StoreError::Connect {
                        url: redact(url),
                        source,
                    })?
            }
            Backend::Postgres => AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        conn.execute("SET TIME ZONE 'UTC'").await?;
                        Ok(())
                    })
                })
                .connect_with(options)
                .await
                .map_err(|source| StoreError::Connect {
                    url: redact(url),
                    source,
                })?,
        };
        Ok(Store {
            pool,
            backend,
            url_redacted: redact(url).into(),
            listen_url: (backend == Backend::Postgres).then(|| full_url.as_str().into()),
        })
    }

    /// Kiểm tra kết nối — one round trip to the database (for health checks).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Ghi được — whether the database accepts a write now: one write (the secret-key setting
    /// set to itself) in a transaction that is rolled back, so nothing changes. Fails on a
    /// read-only SQLite file or a PostgreSQL standby as well as on an unreachable database.
    /// Needs the migrated schema.
    pub async fn check_writable(&self) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE setting SET value = value WHERE key = $1")
            .bind(SETTING_SECRET_KEY)
            .execute(&mut *tx)
            .await?;
        tx.rollback().await?;
        Ok(())
    }

    /// The database URL, with any password hidden (for messages and logs).
    pub fn url_redacted(&self) -> &str {
        &self.url_redacted
    }

    /// Which database this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The PostgreSQL URL (password included) for a dedicated listening connection; `None` on
    /// SQLite. Never for messages or logs.
    pub(crate) fn listen_url(&self) -> Option<&str> {
        self.listen_url.as_deref()
    }

    /// The underlying pool, for tests and tools that need raw SQL.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Đóng — wait for in-flight queries and close every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    fn migrator(&self) -> &'static sqlx::migrate::Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// Highest schema version this binary carries for the current backend.
    pub fn known_schema_version(&self) -> i64 {
        self.migrator().iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// Phiên bản lược đồ — the highest schema version applied to the database (0 when none).
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let exists_sql = match self.backend {
            Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
            Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
            }
        };
        let exists: i64 = sqlx::query_scalar(exists_sql).fetch_one(&self.pool).await?;
        if exists == 0 {
            return Ok(0);
        }
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = $1")
                .bind(true)
                .fetch_one(&self.pool)
                .await?;
        Ok(version.unwrap_or(0))
    }

    /// Chuyển đổi lược đồ — apply the migrations this binary carries. Idempotent; safe to call
    /// from several instances at once on PostgreSQL (the migrator takes an advisory lock).
    ///
    /// A database migrated by a newer binary gives [`StoreError::SchemaTooNew`] and is left
    /// untouched. After the migrations, articles without a folded search text (rows from before
    /// schema 4) get one: see [`Store::fill_search_text`]; document types without their folded
    /// name key (from before schema 17) get one; and articles without a search index row (from
    /// before schema 11) get one: see [`Store::index_missing`].
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let found = self.schema_version().await?;
        let known = self.known_schema_version();
        if found > known {
            return Err(StoreError::SchemaTooNew { found, known });
        }
        self.migrator().run(&self.pool).await?;
        let filled = self.fill_search_text().await?;
        if filled > 0 {
            tracing::info!(
                filled,
                "search text filled for articles written before schema 4"
            );
        }
        let keyed = document::fill_document_type_keys(self).await?;
        if keyed > 0 {
            tracing::info!(keyed, "folded name keys set for document types (schema 17)");
        }
        let indexed = self.index_missing().await?;
        if indexed > 0 {
            tracing::info!(
                indexed,
                "search index filled for articles without an index row"
            );
        }
        Ok(())
    }

    /// Cơ sở dữ liệu trống — true when there are no articles, categories, users or organizations
    /// yet, i.e. the demo data should load.
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM article) + (SELECT COUNT(*) FROM category) \
                  + (SELECT COUNT(*) FROM app_user) + (SELECT COUNT(*) FROM organization)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }

    /// Begin a write transaction. On SQLite it is `BEGIN IMMEDIATE`, so concurrent writers wait
    /// on the busy timeout instead of failing when a read lock cannot be upgraded.
    pub(crate) async fn begin(&self) -> Result<Transaction<'static, Any>, StoreError> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(tx)
    }
}

/// Decide the backend and the URL sqlx should see.
fn normalise_url(url: &str) -> Result<(Backend, String), StoreError> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
        if !names_a_database(url) {
            return Err(StoreError::NoDatabaseName(redact(url)));
        }
        return Ok((Backend::Postgres, url.to_owned()));
    }
    let sqlite_url = if lower.starts_with("sqlite:") {
        url.to_owned()
    } else if lower.contains("://") {
        return Err(StoreError::BadUrl(redact(url)));
    } else {
        format!("sqlite://{url}")
    };
    let with_mode = if sqlite_url.contains("mode=") || sqlite_url.contains(":memory:") {
        sqlite_url
    } else if sqlite_url.contains('?') {
        format!("{sqlite_url}&mode=rwc")
    } else {
        format!("{sqlite_url}?mode=rwc")
    };
    Ok((Backend::Sqlite, with_mode))
}

/// Whether a PostgreSQL URL names its database (`…/name` or `?dbname=name`). Without one the
/// driver would fall back to libpq's defaults (the user's name), and daihoi would load its schema
/// and demo into an unrelated database.
fn names_a_database(url: &str) -> bool {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let after_scheme = base.split_once("://").map_or("", |(_, rest)| rest);
    let in_path = after_scheme
        .split_once('/')
        .is_some_and(|(_, name)| !name.trim_matches('/').is_empty());
    let in_query = query.split('&').any(|pair| {
        pair.strip_prefix("dbname=")
            .is_some_and(|name| !name.is_empty())
    });
    in_path || in_query
}

/// Hide a password in a URL before it goes into a message or a log.
fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((creds, host)) = rest.split_once('@')
        && let Some((user, _password)) = creds.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_become_sqlite_urls_that_create_the_file() {
        let (b, u) = normalise_url("/tmp/x/daihoi.db").unwrap();
        assert_eq!(b, Backend::Sqlite);
        assert_eq!(u, "sqlite:///tmp/x/daihoi.db?mode=rwc");
        let (_, u) = normalise_url("data/daihoi.db").unwrap();
        assert_eq!(u, "sqlite://data/daihoi.db?mode=rwc");
        let (_, u) = normalise_url("sqlite://a.db?mode=ro").unwrap();
        assert_eq!(u, "sqlite://a.db?mode=ro");
        let (b, _) = normalise_url("postgres://u:p@h/db").unwrap();
        assert_eq!(b, Backend::Postgres);
        assert!(matches!(
            normalise_url("mysql://h/db"),
            Err(StoreError::BadUrl(_))
        ));
    }

    #[test]
    fn a_postgresql_url_must_name_its_database() {
        for without in [
            "postgres://",
            "postgres://db",
            "postgresql://u:p@h:5432/",
            "postgres://h?sslmode=disable",
        ] {
            assert!(
                matches!(normalise_url(without), Err(StoreError::NoDatabaseName(_))),
                "{without}"
            );
        }
        for with in [
            "postgres://h/daihoi",
            "postgresql://u:p@h:5432/daihoi?sslmode=disable",
            "postgres://h?dbname=daihoi",
        ] {
            assert!(normalise_url(with).is_ok(), "{with}");
        }
        let message = normalise_url("postgres://u:secret@h/")
            .unwrap_err()
            .to_string();
        assert!(message.contains("tên cơ sở dữ liệu"), "{message}");
        assert!(!message.contains("secret"), "{message}");
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }

    #[test]
    fn paging_is_clamped() {
        assert_eq!(paging(0, 0), (1, 1, 0));
        assert_eq!(paging(3, 10), (3, 10, 20));
        assert_eq!(paging(1, 1000), (1, MAX_PER_PAGE, 0));
        let p = Page::<u8> {
            items: vec![],
            total: 21,
            page: 1,
            per_page: 10,
        };
        assert_eq!(p.page_count(), 3);
    }
}
