//! Storing a NukeViet site moved over: one transaction, idempotent, a later dump adds what is
//! new; carried-over ratings and visits show in the summaries.

use chrono::{Duration, NaiveDate};
use daihoi_store::{
    ArticleStatus, BodyFormat, ImportedArticle, ImportedCategory, ImportedFile, ImportedPhoto,
    NukevietImport, PreparedArticle, StoreError,
};

use crate::common::{category, each_backend, t0};

fn site() -> NukevietImport {
    let cat = |nv_id, parent, slug: &str| ImportedCategory {
        nv_id,
        parent_nv_id: parent,
        name: format!("Chuyên mục {slug}"),
        slug: slug.into(),
        alias: slug.to_uppercase(),
        position: nv_id,
    };
    let article = |nv_id: i64, slug: &str| ImportedArticle {
        nv_id,
        category_nv_id: 2,
        other_category_nv_ids: vec![1, 3],
        slug: slug.into(),
        title: format!("Bài {nv_id} về đại hội"),
        lead: "Sapo".into(),
        body_html: "<p>Nội <strong>dung</strong></p><img src=\"/uploads/2026/11/a.jpg\">".into(),
        author: "Minh Anh".into(),
        source: "Báo tỉnh".into(),
        status: ArticleStatus::Published,
        published_at: t0() - Duration::days(nv_id),
        created_at: t0() - Duration::days(nv_id + 1),
        edited_at: t0() - Duration::days(nv_id),
        cover: Some(ImportedPhoto {
            path: "news/a.jpg".into(),
            caption: "Ảnh đại diện".into(),
        }),
        body_photos: vec![
            ImportedPhoto {
                path: "news/a.jpg".into(),
                caption: String::new(),
            },
            ImportedPhoto {
                path: "news/thieu.jpg".into(),
                caption: String::new(),
            },
        ],
        rating_sum: 9,
        rating_count: 2,
    };
    NukevietImport {
        categories: vec![
            cat(1, None, "tin-tuc"),
            cat(2, Some(1), "thoi-su"),
            cat(3, None, "khac"),
        ],
        articles: vec![article(1, "bai-mot"), article(2, "bai-mot")],
        files: vec![ImportedFile {
            path: "news/a.jpg".into(),
            file_name: "2026/11/a.jpg".into(),
            thumb_name: "2026/11/a-400.jpg".into(),
            width: 800,
            height: 500,
            mime: "image/jpeg".into(),
        }],
        daily_visits: vec![
            (NaiveDate::from_ymd_opt(2020, 12, 31).unwrap(), 1000),
            (NaiveDate::from_ymd_opt(2021, 7, 15).unwrap(), 34),
        ],
    }
}

#[tokio::test]
async fn an_import_is_whole_and_a_second_run_changes_nothing() {
    each_backend(|store| async move {
        // An existing category with the same slug is reused.
        let existing = category(&store, "khac").await;
        let counts = store.import_nukeviet(&site(), t0()).await.unwrap();
        assert_eq!(counts.categories_added, 2);
        assert_eq!(counts.categories_merged, 1);
        assert_eq!(counts.articles_added, 2);
        assert_eq!(counts.photos_added, 2);
        assert_eq!(counts.ratings_changed, 2);
        assert_eq!(counts.visits_added, 1034);

        let slug1 = store.nukeviet_article_slug(1).await.unwrap().unwrap();
        let slug2 = store.nukeviet_article_slug(2).await.unwrap().unwrap();
        assert_eq!((slug1.as_str(), slug2.as_str()), ("bai-mot", "bai-mot-2"));
        assert_eq!(
            store
                .nukeviet_category_slug("thoi-su")
                .await
                .unwrap()
                .as_deref(),
            Some("thoi-su")
        );
        assert_eq!(store.nukeviet_category_slug("nothing").await.unwrap(), None);
        let article = store
            .published_article_by_slug("bai-mot", t0())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(article.body_format, BodyFormat::Html);
        assert_eq!(article.created_at, t0() - Duration::days(2));
        let photos = store.photos_of_article(article.id).await.unwrap();
        assert_eq!(photos.len(), 1, "{photos:?}");
        assert_eq!(article.cover_photo_id, Some(photos[0].id));
        assert_eq!(photos[0].caption, "Ảnh đại diện");
        let summary = store.rating_summary(article.id).await.unwrap();
        assert_eq!((summary.sum, summary.count), (9, 2));
        let many = store.rating_summaries(&[article.id]).await.unwrap();
        assert_eq!(many[&article.id], summary);
        let sums = store
            .visit_totals(NaiveDate::from_ymd_opt(2021, 7, 15).unwrap())
            .await
            .unwrap();
        assert_eq!((sums.today, sums.year, sums.total), (34, 34, 1034));
        // The search text holds the words, not the tags.
        let text: String =
            sqlx::query_scalar("SELECT search_text FROM article WHERE slug = 'bai-mot'")
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert!(text.contains("noi dung"), "{text}");
        assert!(text.contains("dai hoi"), "{text}");
        assert!(
            !text.contains("strong") && !text.contains("uploads"),
            "{text}"
        );
        let other: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM article_category WHERE category_id = $1")
                .bind(existing)
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert_eq!(other, 2);
        // Both articles are listed on the pages of their other sections too, newest first; a
        // section with no such rows lists only its own articles.
        let listed = store
            .list_published(Some(existing), 1, 10, t0())
            .await
            .unwrap();
        assert_eq!(listed.total, 2);
        assert_eq!(
            listed
                .items
                .iter()
                .map(|a| a.slug.as_str())
                .collect::<Vec<_>>(),
            ["bai-mot", "bai-mot-2"]
        );
        let own = category(&store, "rieng").await;
        assert_eq!(
            store
                .list_published(Some(own), 1, 10, t0())
                .await
                .unwrap()
                .total,
            0
        );

        let audit_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(store.pool())
            .await
            .unwrap();
        let again = store.import_nukeviet(&site(), t0()).await.unwrap();
        assert!(!again.changed(), "{again:?}");
        assert_eq!(again.articles_known, 2);
        let audit_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(audit_before, audit_after);
        assert_eq!(
            store
                .visit_totals(NaiveDate::from_ymd_opt(2021, 7, 15).unwrap())
                .await
                .unwrap()
                .total,
            1034
        );

        // A later dump: one more article, the counter went on, a rating changed.
        let mut later = site();
        later.articles[0].rating_sum = 14;
        later.articles[0].rating_count = 3;
        let mut third = later.articles[1].clone();
        third.nv_id = 3;
        third.slug = "bai-ba".into();
        later.articles.push(third);
        later.daily_visits[1].1 = 40;
        later.files.clear();
        let counts = store.import_nukeviet(&later, t0()).await.unwrap();
        assert_eq!(counts.articles_added, 1);
        assert_eq!(counts.articles_known, 2);
        assert_eq!(counts.ratings_changed, 2);
        assert_eq!(counts.visits_added, 6);
        let sums = store
            .visit_totals(NaiveDate::from_ymd_opt(2021, 7, 15).unwrap())
            .await
            .unwrap();
        assert_eq!((sums.today, sums.total), (40, 1040));
    })
    .await;
}

#[tokio::test]
async fn a_failing_import_stores_nothing() {
    each_backend(|store| async move {
        let mut broken = site();
        // The second article names a category that is in no import.
        broken.articles[1].category_nv_id = 99;
        let err = store.import_nukeviet(&broken, t0()).await.unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
        for table in [
            "category",
            "article",
            "photo",
            "nukeviet_file",
            "daily_visit",
            "audit_log",
        ] {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(store.pool())
                .await
                .unwrap();
            assert_eq!(n, 0, "{table}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_writer_stores_article_by_article_and_nothing_unless_finished() {
    each_backend(|store| async move {
        let import = site();
        // Dropped before `finish`, after a category, a file and an article: nothing stays.
        {
            let mut writer = store
                .nukeviet_writer(&import.categories, t0())
                .await
                .unwrap();
            writer.add_file(&import.files[0]).await.unwrap();
            writer
                .add_article(&PreparedArticle::new(import.articles[0].clone()))
                .await
                .unwrap();
            assert!(writer.is_known(1));
            assert!(!writer.is_known(2));
        }
        for table in ["category", "article", "photo", "nukeviet_file", "audit_log"] {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(store.pool())
                .await
                .unwrap();
            assert_eq!(n, 0, "{table}");
        }

        // The same import article by article gives what the import in one piece gives.
        let mut writer = store
            .nukeviet_writer(&import.categories, t0())
            .await
            .unwrap();
        writer.add_file(&import.files[0]).await.unwrap();
        for article in &import.articles {
            writer
                .add_article(&PreparedArticle::new(article.clone()))
                .await
                .unwrap();
        }
        let counts = writer.finish(&import.daily_visits).await.unwrap();
        assert_eq!(
            (
                counts.articles_added,
                counts.photos_added,
                counts.visits_added
            ),
            (2, 2, 1034)
        );

        // A later run keeps the articles it knows by their ids, their ratings only.
        let mut writer = store
            .nukeviet_writer(&import.categories, t0())
            .await
            .unwrap();
        writer.keep_article(1, 9, 2).await.unwrap();
        writer.keep_article(2, 15, 3).await.unwrap();
        let err = writer.keep_article(7, 5, 1).await.unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
        let counts = writer.finish(&import.daily_visits).await.unwrap();
        assert_eq!((counts.articles_known, counts.ratings_changed), (2, 1));
        assert_eq!(counts.visits_added, 0);
        let slug = store.nukeviet_article_slug(2).await.unwrap().unwrap();
        let article = store
            .published_article_by_slug(&slug, t0())
            .await
            .unwrap()
            .unwrap();
        let summary = store.rating_summary(article.id).await.unwrap();
        assert_eq!((summary.sum, summary.count), (15, 3));
    })
    .await;
}
