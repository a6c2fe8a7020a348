use daihoi_store::{
    Actor, AddressRatingLimit, RATINGS_PER_ADDRESS, RatingOutcome, RatingSummary, Stars, StoreError,
};

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
                other => panic!("one visitor is far from the address limit: {other:?}"),
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

/// Rating farming (issue 10): a new cookie per vote made a new visitor each time, so one address
/// gave an article a vote every time its flood limit allowed. Now 40 new visitors from one
/// address rating one article at once add exactly the limit; the others change nothing, not
/// even the address's count. Another address, another article, and the same address after the
/// window are not affected.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_address_adds_at_most_the_limit_to_one_article() {
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
        let limit = RATINGS_PER_ADDRESS.per_article;
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..40 {
            let store = store.clone();
            tasks.spawn(async move {
                store
                    .add_rating(a.id, &format!("cookie-moi-{i}"), stars(5), "ip-farm", t0())
                    .await
                    .expect("rating attempt")
            });
        }
        let (mut recorded, mut refused) = (0, 0);
        while let Some(outcome) = tasks.join_next().await {
            match outcome.unwrap() {
                RatingOutcome::Recorded(_) => recorded += 1,
                RatingOutcome::AddressLimit(_) => refused += 1,
                other => panic!("every visitor is new: {other:?}"),
            }
        }
        assert_eq!((recorded, refused), (limit, 40 - limit));
        assert_eq!(
            store.rating_summary(a.id).await.unwrap().count,
            u64::from(limit)
        );

        // A visitor who already rated hears that, not the limit.
        assert!(matches!(
            store
                .add_rating(a.id, "cookie-moi-0", stars(1), "ip-farm", t0())
                .await
                .unwrap(),
            RatingOutcome::AlreadyRated(_) | RatingOutcome::AddressLimit(_)
        ));
        // Another address, and another article from this address, are not affected.
        assert!(matches!(
            store
                .add_rating(a.id, "nguoi-khac", stars(3), "ip-other", t0())
                .await
                .unwrap(),
            RatingOutcome::Recorded(_)
        ));
        assert!(matches!(
            store
                .add_rating(b.id, "cookie-moi-x", stars(3), "ip-farm", t0())
                .await
                .unwrap(),
            RatingOutcome::Recorded(_)
        ));
        // One window later the address may rate the article again.
        let later = t0() + RATINGS_PER_ADDRESS.window;
        assert!(matches!(
            store
                .add_rating(a.id, "cookie-sau", stars(4), "ip-farm", later)
                .await
                .unwrap(),
            RatingOutcome::Recorded(_)
        ));
    })
    .await;
}

/// The limit is a parameter of the store; a refused attempt spends nothing, and a visitor who
/// already rated does not use up the address's allowance.
#[tokio::test]
async fn refused_attempts_spend_nothing() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let a = store
            .create_article(&article_input("a", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        let two = AddressRatingLimit {
            per_article: 2,
            window: chrono::TimeDelta::hours(1),
        };
        let rate = |visitor: &'static str, minutes: i64| {
            let store = store.clone();
            async move {
                store
                    .add_rating_within(
                        a.id,
                        visitor,
                        stars(4),
                        "ip",
                        &two,
                        t0() + chrono::TimeDelta::minutes(minutes),
                    )
                    .await
                    .unwrap()
            }
        };
        assert!(matches!(rate("v1", 0).await, RatingOutcome::Recorded(_)));
        assert!(matches!(
            rate("v1", 1).await,
            RatingOutcome::AlreadyRated(_)
        ));
        assert!(matches!(rate("v2", 2).await, RatingOutcome::Recorded(_)));
        assert!(matches!(rate("v3", 3).await, RatingOutcome::AddressLimit(s) if s.count == 2));
        assert_eq!(store.rating_of_visitor(a.id, "v3").await.unwrap(), None);
        // The window counts from the first rating: at 60 minutes it is over.
        assert!(matches!(
            rate("v3", 59).await,
            RatingOutcome::AddressLimit(_)
        ));
        assert!(matches!(rate("v3", 60).await, RatingOutcome::Recorded(_)));
    })
    .await;
}
