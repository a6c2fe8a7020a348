//! Test helper: the backends come from `daihoi-testkit` (SQLite always, in a fresh temp file;
//! PostgreSQL when `DAIHOI_TEST_DATABASE_URL` is set, in a fresh database dropped afterwards, so
//! tests can run in parallel), plus the store tests' own fixtures.

use std::future::Future;

use chrono::{DateTime, TimeZone, Utc};
use daihoi_store::{
    Actor, ArticleKind, ArticleStatus, NewArticle, NewCategory, NewUser, Role, Store,
};
pub use daihoi_testkit::each_store as each_backend;

/// Run `test(url)` against each backend's fresh, empty database URL. `test` spawns its body and
/// returns the join result; a panic in it is re-raised (after which the database is dropped).
pub async fn for_each_url<F, Fut>(test: F)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<(), tokio::task::JoinError>>,
{
    let test = &test;
    daihoi_testkit::each_database(move |db| async move {
        if let Err(e) = test(db.url().to_owned()).await {
            std::panic::resume_unwind(e.into_panic());
        }
        drop(db);
    })
    .await;
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
        congress_id: None,
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
