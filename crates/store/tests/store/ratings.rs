use daihoi_store::{Actor, RatingOutcome, RatingSummary, Stars, StoreError};

fn stars(n: i64) -> Stars {
    Stars::try_from(n).unwrap()
}

use crate::common::{article_input, category, each_backend, t0};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_rating_per_visitor_even_under_concurrency() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let article = store
            .create_article(&article_input("bai", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        let mut tasks = Vec::new();
        for i in 0..20i64 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .add_rating(article.id, "khach-1", stars(1 + i % 5), "ip-a", t0())
                    .await
                    .expect("rating attempt")
            }));
        }
        let mut recorded = 0;
        for t in tasks {
            match t.await.unwrap() {
                RatingOutcome::Recorded(s) => {
                    recorded += 1;
                    assert_eq!(s.count, 1);
                }
                RatingOutcome::AlreadyRated(s) => assert_eq!(s.count, 1),
            }
        }
        assert_eq!(recorded, 1, "exactly one attempt is recorded");
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rating WHERE article_id = $1")
            .bind(article.id)
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(rows, 1);
        let stars = store
            .rating_of_visitor(article.id, "khach-1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store.rating_summary(article.id).await.unwrap(),
            RatingSummary {
                sum: u64::from(stars.get()),
                count: 1
            }
        );
    })
    .await;
}

#[tokio::test]
async fn summaries_add_up_the_rows() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let a = store
            .create_article(&article_input("a", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        let b = store
            .create_article(&article_input("b", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        let c = store
            .create_article(&article_input("c", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(
            store.rating_summary(a.id).await.unwrap(),
            RatingSummary { sum: 0, count: 0 }
        );
        assert_eq!(RatingSummary::default().average(), None);

        let first = store
            .add_rating(a.id, "v1", stars(5), "ip", t0())
            .await
            .unwrap();
        assert_eq!(
            first,
            RatingOutcome::Recorded(RatingSummary { sum: 5, count: 1 })
        );
        store
            .add_rating(a.id, "v2", stars(4), "ip", t0())
            .await
            .unwrap();
        store
            .add_rating(a.id, "v3", stars(2), "ip", t0())
            .await
            .unwrap();
        let again = store
            .add_rating(a.id, "v1", stars(1), "ip", t0())
            .await
            .unwrap();
        assert_eq!(
            again,
            RatingOutcome::AlreadyRated(RatingSummary { sum: 11, count: 3 })
        );
        assert_eq!(
            store.rating_of_visitor(a.id, "v1").await.unwrap(),
            Some(stars(5)),
            "the first rating stays"
        );
        store
            .add_rating(b.id, "v1", stars(3), "ip", t0())
            .await
            .unwrap();

        let summary = store.rating_summary(a.id).await.unwrap();
        assert_eq!(summary, RatingSummary { sum: 11, count: 3 });
        assert!((summary.average().unwrap() - 11.0 / 3.0).abs() < 1e-9);

        let many = store.rating_summaries(&[a.id, b.id, c.id]).await.unwrap();
        assert_eq!(many[&a.id], RatingSummary { sum: 11, count: 3 });
        assert_eq!(many[&b.id], RatingSummary { sum: 3, count: 1 });
        assert_eq!(many[&c.id], RatingSummary { sum: 0, count: 0 });
        assert!(store.rating_summaries(&[]).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn bad_ratings_are_refused_and_store_nothing() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let a = store
            .create_article(&article_input("a", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        // Stars outside 1–5 cannot reach the store: the domain's `Stars` refuses them first,
        // and the database's CHECK would refuse a raw insert.
        assert!(Stars::try_from(0).is_err() && Stars::try_from(6).is_err());
        let raw = sqlx::query(
            "INSERT INTO rating (article_id, visitor_id, stars, ip_key, created_at) \
             VALUES ($1, 'v', 9, 'ip', 0)",
        )
        .bind(a.id)
        .execute(store.pool())
        .await;
        assert!(raw.is_err(), "the CHECK refuses 9 stars");
        let err = store
            .add_rating(a.id + 50, "v", stars(3), "ip", t0())
            .await
            .expect_err("unknown article");
        assert!(
            matches!(
                err,
                StoreError::NotFound {
                    entity: "bài viết",
                    ..
                }
            ),
            "{err:?}"
        );
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rating")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(rows, 0);
    })
    .await;
}
