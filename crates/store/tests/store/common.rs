//! Test helper: run a test body against every backend under test.
//!
//! SQLite always, in a fresh temp file. PostgreSQL when `DAIHOI_TEST_DATABASE_URL` is set: a fresh
//! database `daihoi_t_<random>` is created on that server for each test and dropped afterwards,
//! so tests can run in parallel (nextest runs each test in its own process).

use std::future::Future;

use chrono::{DateTime, TimeZone, Utc};
use daihoi_store::{
    Actor, ArticleKind, ArticleStatus, NewArticle, NewCategory, NewUser, Role, Store,
};
use sqlx::{Connection, Executor};

/// Environment variable naming the PostgreSQL server used by the tests.
pub const PG_ENV: &str = "DAIHOI_TEST_DATABASE_URL";

/// Run `test` against each backend with a freshly migrated store.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let test = &test;
    for_each_url(move |url| async move {
        let store = Store::connect(&url).await.expect("connect");
        store.migrate().await.expect("migrate");
        let result = tokio::spawn(test(store.clone())).await;
        store.close().await;
        result
    })
    .await;
}

/// Run `test(url)` against each backend's fresh, empty database URL. Panics in the test are
/// re-raised after the PostgreSQL database has been dropped.
pub async fn for_each_url<F, Fut>(test: F)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<(), tokio::task::JoinError>>,
{
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("daihoi-test.db");
    let result = test(path.to_str().expect("utf-8 temp path").to_owned()).await;
    if let Err(e) = result {
        eprintln!("failed on SQLite");
        std::panic::resume_unwind(e.into_panic());
    }

    let Ok(server_url) = std::env::var(PG_ENV) else {
        println!("skipped PostgreSQL: {PG_ENV} is not set");
        return;
    };
    let name = format!("daihoi_t_{}", random_hex(8));
    let mut admin = sqlx::PgConnection::connect(&server_url)
        .await
        .expect("connect to the PostgreSQL test server");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    let result = test(with_database(&server_url, &name)).await;
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .expect("drop test database");
    admin.close().await.ok();
    if let Err(e) = result {
        eprintln!("failed on PostgreSQL");
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Replace the database name in a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("random");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fixed instant: 15 July 2021, 03:00 UTC (10:00 in Hà Nội).
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 7, 15, 3, 0, 0).unwrap()
}

/// A category for tests.
pub async fn category(store: &Store, slug: &str) -> i64 {
    store
        .create_category(
            &NewCategory {
                slug: slug.into(),
                name: format!("Chuyên mục {slug}"),
                description: String::new(),
                position: 0,
            },
            &Actor::System,
            t0(),
        )
        .await
        .expect("create category")
        .id
}

/// A published article input for tests.
pub fn article_input(
    slug: &str,
    category_id: i64,
    published_at: Option<DateTime<Utc>>,
) -> NewArticle {
    NewArticle {
        slug: slug.into(),
        title: format!("Bài {slug}"),
        lead: "Sapo".into(),
        body_md: "Nội dung".into(),
        kind: ArticleKind::News,
        category_id,
        author: "Kim Anh".into(),
        source: String::new(),
        status: ArticleStatus::Published,
        published_at,
        cover_photo_id: None,
    }
}

/// An editor account for tests.
pub async fn editor(store: &Store, username: &str) -> i64 {
    store
        .create_user(
            &NewUser {
                username: username.into(),
                display_name: format!("Biên tập {username}"),
                role: Role::Editor,
                password_hash: "$argon2id$test".into(),
            },
            &Actor::System,
            t0(),
        )
        .await
        .expect("create user")
        .id
}

/// Number of audit rows.
pub async fn audit_count(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(store.pool())
        .await
        .expect("count audit rows")
}
