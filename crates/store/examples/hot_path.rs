//! Đo đường nóng — time the store calls an article page makes, on a demo-sized database.
//!
//! `cargo run --release -p daihoi-store --example hot_path [DATABASE_URL]`
//! (default: a temporary SQLite file). A PostgreSQL URL must name an empty database.
//! Not a test: it prints figures for docs/store.md.

use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use daihoi_store::{
    Actor, ArticleKind, ArticleStatus, NewArticle, NewCategory, NewPhoto, Stars, Store, VisitKind,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| dir.path().join("hot.db").display().to_string());
    let store = Store::connect(&url).await?;
    store.migrate().await?;
    let now = Utc.with_ymd_and_hms(2021, 7, 15, 3, 0, 0).unwrap();
    let actor = Actor::System;

    let cat = store
        .create_category(
            &NewCategory {
                slug: "tin".into(),
                name: "Tin".into(),
                description: String::new(),
                position: 0,
            },
            &actor,
            now,
        )
        .await?;
    let mut last = None;
    for i in 0..200 {
        let a = store
            .create_article(
                &NewArticle {
                    slug: format!("bai-{i}"),
                    title: format!("Bài {i}"),
                    lead: "Sapo ".repeat(20),
                    body_md: "Nội dung. ".repeat(400),
                    kind: ArticleKind::News,
                    category_id: cat.id,
                    author: "Kim Anh".into(),
                    source: String::new(),
                    status: ArticleStatus::Published,
                    published_at: Some(now - Duration::hours(i)),
                    cover_photo_id: None,
                    congress_id: None,
                },
                &actor,
                now,
            )
            .await?;
        last = Some(a);
    }
    let article = last.expect("articles");
    for i in 0..3 {
        store
            .add_photo(
                &NewPhoto {
                    article_id: article.id,
                    file_name: format!("p{i}.jpg"),
                    thumb_name: format!("p{i}-t.jpg"),
                    caption: "Chú thích".into(),
                    width: 800,
                    height: 600,
                    mime: "image/jpeg".into(),
                },
                &actor,
                now,
            )
            .await?;
    }
    for v in 0..1000 {
        store
            .add_rating(
                article.id,
                &format!("v{v}"),
                Stars::try_from(1 + v % 5)?,
                // One address per reader: one address adds at most a few ratings per article.
                &format!("ip{v}"),
                now,
            )
            .await?;
    }
    let start = NaiveDate::from_ymd_opt(2008, 1, 1).unwrap();
    let mut history = Vec::new();
    for d in 0..5000 {
        history.push((start + Duration::days(d), VisitKind::Person, 12_000));
        history.push((start + Duration::days(d), VisitKind::Bot, 3_000));
    }
    store.replace_daily_visits(&history).await?;
    let today = start + Duration::days(4999);

    const N: u32 = 2000;
    macro_rules! time {
        ($name:expr, $body:expr) => {{
            let t = Instant::now();
            for _ in 0..N {
                $body;
            }
            let per = t.elapsed() / N;
            println!("{:<44} {:>8.1} µs/call", $name, per.as_secs_f64() * 1e6);
        }};
    }
    println!("backend: {:?}, {N} calls each", store.backend());
    time!(
        "published_article_by_slug",
        store.published_article_by_slug(&article.slug, now).await?
    );
    time!(
        "photos_of_article (3 photos)",
        store.photos_of_article(article.id).await?
    );
    time!(
        "rating_summary (1000 ratings)",
        store.rating_summary(article.id).await?
    );
    time!(
        "visit_totals (10000 daily rows)",
        store.visit_totals(today).await?
    );
    time!(
        "list_published page 1 of 20",
        store.list_published(None, 1, 20, now).await?
    );
    time!(
        "add_visit_counts (2 rows, one transaction)",
        store
            .add_visit_counts(&[(today, VisitKind::Person, 3), (today, VisitKind::Bot, 1)])
            .await?
    );
    store.close().await;
    Ok(())
}
