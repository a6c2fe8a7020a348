//! Bộ đồ nghề kiểm thử — what daihoi's tests share: a fresh database per test.
//!
//! Dev-only (`publish = false`, a dev-dependency of the crates that test against a database).
//!
//! - SQLite always: a database file in a fresh temporary folder.
//! - PostgreSQL when [`PG_ENV`] names a server (e.g. `postgres://postgres@127.0.0.1:5432/test`,
//!   a user allowed to create databases): a fresh database `daihoi_t_<random>` on that server,
//!   dropped afterwards — also when the test panics — so tests run in parallel and leave nothing
//!   behind. When the variable is unset, the PostgreSQL case is skipped and the test says so on
//!   standard error, naming itself.
//!
//! [`each_store`] runs a body against a migrated [`Store`] on each backend; [`each_database`] hands
//! the body the fresh database itself (URL and folder) for tests that connect on their own;
//! [`TestDatabase::sqlite`] and [`TestDatabase::postgres`] give one database of a kind (also from a
//! test without an async runtime).

use std::future::Future;
use std::path::Path;

use daihoi_store::Store;
use sqlx::{Connection, Executor, PgConnection};

/// Environment variable naming the PostgreSQL server the tests may create databases on.
pub const PG_ENV: &str = "DAIHOI_TEST_DATABASE_URL";

/// Hệ quản trị — the database system a test case runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, in a temporary file.
    Sqlite,
    /// PostgreSQL, a fresh database on the server named by [`PG_ENV`].
    Postgres,
}

impl Backend {
    /// The name used in messages: `SQLite` or `PostgreSQL`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// Cơ sở dữ liệu thử — one fresh, empty database for one test case, with a temporary folder of
/// its own (for data directories, uploads, …).
///
/// Dropping it removes the folder and, on PostgreSQL, drops the database (forcefully: open
/// connections are ended) — also while a panicking test unwinds.
pub struct TestDatabase {
    backend: Backend,
    url: String,
    dir: tempfile::TempDir,
    /// `(server URL, database name)` of the PostgreSQL database to drop.
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// A fresh SQLite database file in a fresh temporary folder (the file is created on first
    /// connection).
    pub fn sqlite() -> TestDatabase {
        let dir = tempfile::tempdir().expect("create a temporary folder for the test database");
        let url = format!("sqlite://{}", dir.path().join("daihoi-test.db").display());
        TestDatabase {
            backend: Backend::Sqlite,
            url,
            dir,
            postgres: None,
        }
    }

    /// A fresh PostgreSQL database on the server named by [`PG_ENV`], or `None` — after saying
    /// on standard error that this test's PostgreSQL case is skipped — when the variable is not
    /// set. Works with or without an async runtime around it.
    pub fn postgres() -> Option<TestDatabase> {
        let Some(server_url) = postgres_server() else {
            eprintln!(
                "{}: PostgreSQL case skipped: {PG_ENV} is not set",
                current_test_name()
            );
            return None;
        };
        let name = format!("daihoi_t_{}", random_hex(8));
        let statement = format!("CREATE DATABASE {name}");
        if let Err(e) = run_admin_statement(&server_url, statement) {
            panic!("cannot create the test database {name} on {PG_ENV}: {e}");
        }
        let dir = tempfile::tempdir().expect("create a temporary folder for the test database");
        Some(TestDatabase {
            backend: Backend::Postgres,
            url: with_database(&server_url, &name),
            dir,
            postgres: Some((server_url, name)),
        })
    }

    /// Which backend this database is on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL to give `Store::connect` or `daihoi serve --database-url`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A temporary folder that lives as long as the database.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A store connected to this database and migrated.
    pub async fn store(&self) -> Store {
        let store = Store::connect(&self.url).await.unwrap_or_else(|e| {
            panic!("connect to the {} test database: {e}", self.backend.name())
        });
        store
            .migrate()
            .await
            .unwrap_or_else(|e| panic!("migrate the {} test database: {e}", self.backend.name()));
        store
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((server_url, name)) = self.postgres.take() else {
            return;
        };
        let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        if let Err(e) = run_admin_statement(&server_url, statement) {
            // A second panic while unwinding would abort the process and hide the first one.
            if std::thread::panicking() {
                eprintln!("could not drop the test database {name}: {e}");
            } else {
                panic!("could not drop the test database {name}: {e}");
            }
        }
    }
}

/// Run `test` on a fresh SQLite database, then — when [`PG_ENV`] is set — on a fresh PostgreSQL
/// database (otherwise the test says its PostgreSQL case is skipped). The body owns the
/// database: keep the value alive as long as it is used (`|db| async move { … db.url() … }`).
/// When the body panics, the test also prints which backend it failed on.
pub async fn each_database<F, Fut>(test: F)
where
    F: Fn(TestDatabase) -> Fut,
    Fut: Future<Output = ()>,
{
    let case = Case(Backend::Sqlite);
    test(TestDatabase::sqlite()).await;
    drop(case);
    if let Some(db) = TestDatabase::postgres() {
        let case = Case(Backend::Postgres);
        test(db).await;
        drop(case);
    }
}

/// One backend's run of a test body: says which backend failed when dropped by a panic.
struct Case(Backend);

impl Drop for Case {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("failed on {}", self.0.name());
        }
    }
}

/// Run `test` against a connected, migrated, empty [`Store`] on SQLite, then on PostgreSQL when
/// [`PG_ENV`] is set; the store is closed and the database removed after each run.
pub async fn each_store<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let test = &test;
    each_database(move |db| async move {
        let store = db.store().await;
        test(store.clone()).await;
        store.close().await;
        drop(db);
    })
    .await;
}

/// The PostgreSQL server URL from [`PG_ENV`], if set (and not empty).
pub fn postgres_server() -> Option<String> {
    std::env::var(PG_ENV)
        .ok()
        .map(|url| url.trim().to_owned())
        .filter(|url| !url.is_empty())
}

/// The running test's name: libtest runs each test on a thread named after it.
fn current_test_name() -> String {
    match std::thread::current().name() {
        Some(name) if name != "main" && !name.starts_with("tokio-") => name.to_owned(),
        _ => "this test".to_owned(),
    }
}

/// Run one statement on the server's own database, on a thread of its own with its own runtime,
/// so that it works inside an async test, outside any runtime and while unwinding.
fn run_admin_statement(server_url: &str, statement: String) -> Result<(), String> {
    let server_url = server_url.to_owned();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(async move {
            let mut conn = PgConnection::connect(&server_url)
                .await
                .map_err(|e| format!("connect to {PG_ENV}: {e}"))?;
            let outcome = conn.execute(statement.as_str()).await;
            conn.close().await.ok();
            outcome.map(|_| ()).map_err(|e| e.to_string())
        })
    })
    .join()
    .unwrap_or_else(|_| Err("the database thread panicked".to_owned()))
}

/// The same PostgreSQL URL with another database name (user, host, port and query kept).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[host_start..].find('/') {
        Some(i) => &base[..host_start + i],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("random bytes for the test database name");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_replaces_the_path_and_keeps_the_rest() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "daihoi_t_1"),
            "postgres://postgres@127.0.0.1:5432/daihoi_t_1"
        );
        assert_eq!(
            with_database("postgresql://u:p@db/test?sslmode=disable", "x"),
            "postgresql://u:p@db/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://db:5432", "x"),
            "postgres://db:5432/x"
        );
        assert_eq!(
            with_database("postgres://db?connect_timeout=5", "x"),
            "postgres://db/x?connect_timeout=5"
        );
    }

    #[test]
    fn an_sqlite_database_lives_as_long_as_its_value() {
        let db = TestDatabase::sqlite();
        assert_eq!(db.backend(), Backend::Sqlite);
        assert!(db.url().starts_with("sqlite://"));
        let dir = db.dir().to_owned();
        assert!(dir.is_dir());
        drop(db);
        assert!(!dir.exists());
    }

    /// Whether a database of this name exists on the server (asked from a thread of its own, so
    /// that it works inside an async test).
    fn database_exists(server_url: &str, name: &str) -> bool {
        let (server_url, name) = (server_url.to_owned(), name.to_owned());
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let mut conn = PgConnection::connect(&server_url).await.unwrap();
                let found: Option<i32> =
                    sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
                        .bind(&name)
                        .fetch_optional(&mut conn)
                        .await
                        .unwrap();
                conn.close().await.ok();
                found.is_some()
            })
        })
        .join()
        .unwrap()
    }

    #[test]
    fn postgresql_databases_are_dropped_also_when_the_body_panics() {
        let Some(server_url) = postgres_server() else {
            eprintln!(
                "{}: PostgreSQL case skipped: {PG_ENV} is not set",
                current_test_name()
            );
            return;
        };
        let names = std::sync::Mutex::new(Vec::<String>::new());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            runtime.block_on(each_database(|db| {
                let (names, server_url) = (&names, &server_url);
                async move {
                    let store = db.store().await;
                    let Some((_, name)) = db.postgres.clone() else {
                        return;
                    };
                    names.lock().unwrap().push(name.clone());
                    assert!(database_exists(server_url, &name));
                    let _open_connection = store.pool().acquire().await.unwrap();
                    panic!("the body fails on PostgreSQL");
                }
            }))
        }));
        assert!(outcome.is_err(), "the body's panic reaches the test");
        let names = names.into_inner().unwrap();
        let name = names.last().expect("the body ran on PostgreSQL");
        assert!(name.starts_with("daihoi_t_"), "{names:?}");
        assert!(!database_exists(&server_url, name), "{name} is left behind");
    }

    #[test]
    fn the_skip_line_names_the_test() {
        assert_eq!(current_test_name(), "tests::the_skip_line_names_the_test");
    }
}
