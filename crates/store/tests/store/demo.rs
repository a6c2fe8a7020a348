//! `Store::load_demo`: the whole demo bundle in one transaction, all or nothing.

use chrono::{Duration, NaiveDate};
use daihoi_store::{
    Actor, ArticleKind, ArticleStatus, Constraint, DemoArticleRows, DemoBundle, DemoPhotoRow,
    NewArticle, NewCategory, NewUser, Role, Store, StoreError, VisitKind, search_terms,
};

use crate::common::{each_backend, t0};

fn link(body: &str, ids: &[(String, i64)]) -> String {
    let mut out = body.to_owned();
    for (key, id) in ids {
        out = out.replace(&format!("](photo:{key})"), &format!("](photo:{id})"));
    }
    out
}

fn photo(key: &str) -> DemoPhotoRow {
    DemoPhotoRow {
        key: key.into(),
        file_name: format!("2021/07/{key}.jpg"),
        thumb_name: format!("2021/07/{key}-400.jpg"),
        caption: format!("Ảnh {key}"),
        width: 800,
        height: 600,
        mime: "image/jpeg".into(),
    }
}

fn article(slug: &str, category: &str) -> DemoArticleRows {
    DemoArticleRows {
        category_slug: category.into(),
        article: NewArticle {
            slug: slug.into(),
            title: format!("Bài {slug}"),
            lead: "Sapo.".into(),
            body_md: format!("Mở đầu.\n\n![Cờ hoa](photo:{slug}-1)\n\n![Núi](photo:{slug}-2)"),
            kind: ArticleKind::News,
            category_id: 0,
            author: "Kim Anh".into(),
            source: String::new(),
            status: ArticleStatus::Published,
            published_at: Some(t0() - Duration::days(1)),
            cover_photo_id: None,
        },
        photos: vec![photo(&format!("{slug}-1")), photo(&format!("{slug}-2"))],
        cover_key: Some(format!("{slug}-2")),
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 7, d).unwrap()
}

fn bundle() -> DemoBundle {
    DemoBundle {
        settings: vec![("portal_name".into(), "Cổng mẫu".into())],
        categories: vec![
            NewCategory {
                slug: "tin-dai-hoi".into(),
                name: "Tin đại hội".into(),
                description: String::new(),
                position: 1,
            },
            NewCategory {
                slug: "kinh-te".into(),
                name: "Kinh tế".into(),
                description: String::new(),
                position: 2,
            },
        ],
        users: vec![NewUser {
            username: "admin".into(),
            display_name: "Quản trị".into(),
            role: Role::Admin,
            password_hash: "$argon2id$test".into(),
        }],
        articles: vec![
            article("mot", "tin-dai-hoi"),
            article("hai", "kinh-te"),
            article("ba", "kinh-te"),
        ],
        daily_visits: vec![
            (day(13), VisitKind::Person, 100),
            (day(14), VisitKind::Person, 200),
            (day(14), VisitKind::Bot, 7),
        ],
        link_photos: link,
    }
}

/// Rows in each table the demo writes.
async fn counts(store: &Store) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for table in [
        "article",
        "category",
        "app_user",
        "photo",
        "setting",
        "daily_visit",
        "visit_total",
        "audit_log",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(store.pool())
            .await
            .unwrap();
        out.push((table, n));
    }
    out
}

#[tokio::test]
async fn the_bundle_is_written_whole_with_photo_ids_covers_and_audit_rows() {
    each_backend(|store| async move {
        assert!(
            store
                .load_demo(&bundle(), &Actor::System, t0())
                .await
                .unwrap()
        );
        assert_eq!(
            counts(&store).await,
            [
                ("article", 3),
                ("category", 2),
                ("app_user", 1),
                ("photo", 6),
                ("setting", 1),
                ("daily_visit", 3),
                ("visit_total", 2),
                // 1 setting + 2 categories + 1 user + 3 articles + 6 photos.
                ("audit_log", 13),
            ]
        );
        let page = store.list_published(None, 1, 10, t0()).await.unwrap();
        assert_eq!(page.total, 3);
        for summary in &page.items {
            let a = store.article_by_id(summary.id).await.unwrap().unwrap();
            let photos = store.photos_of_article(a.id).await.unwrap();
            assert_eq!(photos.len(), 2);
            assert_eq!(photos[0].position, 1);
            assert_eq!(
                a.cover_photo_id,
                Some(photos[1].id),
                "cover is the key-2 photo"
            );
            for p in &photos {
                assert!(
                    a.body_md.contains(&format!("](photo:{})", p.id)),
                    "{}",
                    a.body_md
                );
            }
            assert!(!a.body_md.contains("photo:mot"));
        }
        let kinh_te = store.category_by_slug("kinh-te").await.unwrap().unwrap();
        let in_kinh_te = store
            .list_published(Some(kinh_te.id), 1, 10, t0())
            .await
            .unwrap();
        let mut in_kinh_te: Vec<_> = in_kinh_te.items.iter().map(|a| a.slug.as_str()).collect();
        in_kinh_te.sort();
        assert_eq!(in_kinh_te, ["ba", "hai"]);
        // The search text is written with the article.
        let found = store
            .search_published(&search_terms("mo dau co hoa"), t0(), 1, 10)
            .await
            .unwrap();
        assert_eq!(found.total, 3);
        let sums = store.visit_totals(day(14)).await.unwrap();
        assert_eq!((sums.today, sums.total, sums.bots_total), (200, 300, 7));
        assert_eq!(
            store.setting("portal_name").await.unwrap().as_deref(),
            Some("Cổng mẫu")
        );

        // A second load finds data and writes nothing.
        let before = counts(&store).await;
        assert!(
            !store
                .load_demo(&bundle(), &Actor::System, t0())
                .await
                .unwrap()
        );
        assert_eq!(counts(&store).await, before);
    })
    .await;
}

#[tokio::test]
async fn a_failure_in_the_last_article_leaves_the_database_empty() {
    each_backend(|store| async move {
        let mut broken = bundle();
        // The last article takes the first one's slug: the unique index refuses it only after
        // everything else has been written in the transaction.
        broken.articles[2].article.slug = "mot".into();
        let err = store
            .load_demo(&broken, &Actor::System, t0())
            .await
            .expect_err("duplicate slug");
        assert!(
            matches!(&err, StoreError::Conflict(Constraint::ArticleSlug)),
            "{err:?}"
        );
        assert!(store.is_empty().await.unwrap());
        for (table, n) in counts(&store).await {
            assert_eq!(n, 0, "{table} keeps {n} rows after a failed load");
        }

        // A cover that is not one of the article's photos fails the same way.
        let mut bad_cover = bundle();
        bad_cover.articles[1].cover_key = Some("khong-co".into());
        let err = store
            .load_demo(&bad_cover, &Actor::System, t0())
            .await
            .expect_err("unknown cover");
        assert!(err.to_string().contains("khong-co"), "{err}");
        assert!(counts(&store).await.iter().all(|(_, n)| *n == 0));

        // A later start loads the demo.
        assert!(
            store
                .load_demo(&bundle(), &Actor::System, t0())
                .await
                .unwrap()
        );
        assert_eq!(
            store.list_published(None, 1, 10, t0()).await.unwrap().total,
            3
        );
    })
    .await;
}

#[tokio::test]
async fn two_loads_at_once_write_the_demo_once() {
    each_backend(|store| async move {
        let a = {
            let store = store.clone();
            tokio::spawn(async move { store.load_demo(&bundle(), &Actor::System, t0()).await })
        };
        let b = {
            let store = store.clone();
            tokio::spawn(async move { store.load_demo(&bundle(), &Actor::System, t0()).await })
        };
        let (a, b) = (a.await.unwrap().unwrap(), b.await.unwrap().unwrap());
        assert!(a ^ b, "exactly one load writes: {a} {b}");
        assert_eq!(
            counts(&store).await.iter().find(|(t, _)| *t == "article"),
            Some(&("article", 3))
        );
    })
    .await;
}
