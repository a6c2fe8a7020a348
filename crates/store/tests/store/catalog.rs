//! The site maps' reads (`catalog.rs`): the stamp moves with every change that matters, the
//! entries are every public article by id and nothing else, and a period of a section is read
//! newest first with its count.

use chrono::{Duration, TimeZone, Utc};
use daihoi_store::{Actor, ArticleStatus, Store};

use crate::common::{article_input, category, each_backend, t0};

/// Creates `slug` in `cat` published at `at` (status published) and returns its id.
async fn publish(store: &Store, slug: &str, cat: i64, at: chrono::DateTime<Utc>) -> i64 {
    store
        .create_article(&article_input(slug, cat, Some(at)), &Actor::System, t0())
        .await
        .expect("create")
        .id
}

#[tokio::test]
async fn the_stamp_moves_with_every_change_to_the_public_articles() {
    each_backend(|store| async move {
        let empty = store.catalog_stamp(t0()).await.unwrap();
        assert_eq!(
            (
                empty.articles,
                empty.max_id,
                empty.last_update,
                empty.public
            ),
            (0, 0, 0, 0)
        );
        let cat = category(&store, "thoi-su").await;
        let a = publish(&store, "mot", cat, t0() - Duration::days(1)).await;
        let first = store.catalog_stamp(t0()).await.unwrap();
        assert_eq!((first.articles, first.public), (1, 1));
        assert_ne!(first, empty);
        // Nothing changed: the same stamp.
        assert_eq!(store.catalog_stamp(t0()).await.unwrap(), first);

        // A scheduled article: counted, not public until its time.
        let later = t0() + Duration::hours(3);
        publish(&store, "hen-gio", cat, later).await;
        let scheduled = store.catalog_stamp(t0()).await.unwrap();
        assert_eq!((scheduled.articles, scheduled.public), (2, 1));
        assert_ne!(scheduled, first);
        let out = store.catalog_stamp(later).await.unwrap();
        assert_eq!(out.public, 2, "the scheduled article came out");
        assert_ne!(out, scheduled);

        // Withdrawing an article moves the latest change.
        let edit = t0() + Duration::minutes(5);
        store
            .set_article_status(a, ArticleStatus::Unpublished, &Actor::System, edit)
            .await
            .unwrap();
        let withdrawn = store.catalog_stamp(edit).await.unwrap();
        assert_eq!(withdrawn.public, 0);
        assert_eq!(
            withdrawn.last_update,
            edit.timestamp_micros(),
            "the latest change is the withdrawal"
        );
    })
    .await;
}

#[tokio::test]
async fn entries_are_the_public_articles_by_id() {
    each_backend(|store| async move {
        let cat = category(&store, "thoi-su").await;
        let other = category(&store, "van-hoa").await;
        let old = t0() - Duration::days(30);
        let a = publish(&store, "a", cat, old).await;
        let draft = publish(&store, "nhap", cat, old).await;
        let mut input = article_input("nhap", cat, Some(old));
        input.status = ArticleStatus::Draft;
        store
            .update_article(draft, &input, &Actor::System, t0())
            .await
            .unwrap();
        publish(&store, "sau-nay", cat, t0() + Duration::days(1)).await;
        let b = publish(&store, "b", other, t0() - Duration::hours(1)).await;
        let entries = store.published_entries(t0()).await.unwrap();
        let got: Vec<(i64, &str, i64)> = entries
            .iter()
            .map(|e| (e.id, e.slug.as_str(), e.category_id))
            .collect();
        assert_eq!(got, vec![(a, "a", cat), (b, "b", other)]);
        assert_eq!(entries[0].published_at, old);
        assert_eq!(entries[0].updated_at, t0());
        assert_eq!(entries[0].last_modified(), t0(), "edited after publication");
        // A scheduled article written before its time: its page changed when it came out.
        let out = t0() + Duration::days(1);
        let entries = store.published_entries(out).await.unwrap();
        let scheduled = entries.iter().find(|e| e.slug == "sau-nay").unwrap();
        assert_eq!(scheduled.last_modified(), out);
    })
    .await;
}

#[tokio::test]
async fn entries_are_read_past_one_slice() {
    each_backend(|store| async move {
        let cat = category(&store, "thoi-su").await;
        let at = t0() - Duration::days(1);
        // 10.000 rows a read: 10.003 articles take two reads (inserted in one statement here).
        let values: Vec<String> = (0..10_003)
            .map(|i| {
                format!(
                    "('bai-{i}', 'Bài {i}', 'news', {cat}, 'published', {m}, {m}, {m})",
                    m = at.timestamp_micros()
                )
            })
            .collect();
        sqlx::query(&format!(
            "INSERT INTO article (slug, title, kind, category_id, status, published_at, \
             created_at, updated_at) VALUES {}",
            values.join(", ")
        ))
        .execute(store.pool())
        .await
        .unwrap();
        let entries = store.published_entries(t0()).await.unwrap();
        assert_eq!(entries.len(), 10_003);
        assert!(entries.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(store.catalog_stamp(t0()).await.unwrap().public, 10_003);
    })
    .await;
}

#[tokio::test]
async fn a_month_of_a_section_is_read_newest_first_with_its_count() {
    each_backend(|store| async move {
        let cat = category(&store, "thoi-su").await;
        let other = category(&store, "van-hoa").await;
        // July 2021 in Hà Nội: 30/06 17:00 UTC to 31/07 17:00 UTC.
        let start = Utc.with_ymd_and_hms(2021, 6, 30, 17, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2021, 7, 31, 17, 0, 0).unwrap();
        publish(&store, "cuoi-thang-6", cat, start - Duration::seconds(1)).await;
        let first = publish(&store, "dau-thang-7", cat, start).await;
        let second = publish(&store, "giua-thang-7", cat, start + Duration::days(3)).await;
        publish(&store, "khac-muc", other, start + Duration::days(3)).await;
        // Scheduled after now (t0 = 15/07): not public yet.
        publish(&store, "hen-gio", cat, t0() + Duration::days(1)).await;
        publish(&store, "thang-8", cat, end).await;
        let page = store
            .published_between(cat, (start, end), t0(), 1, 1)
            .await
            .unwrap();
        assert_eq!(page.total, 2);
        assert_eq!(page.page_count(), 2);
        assert_eq!(page.items[0].id, second, "newest first");
        let page2 = store
            .published_between(cat, (start, end), t0(), 2, 1)
            .await
            .unwrap();
        assert_eq!(page2.items[0].id, first);
        let later = store
            .published_between(cat, (start, end), end, 1, 10)
            .await
            .unwrap();
        assert_eq!(
            later.total, 3,
            "the scheduled one is out by the month's end"
        );
    })
    .await;
}
