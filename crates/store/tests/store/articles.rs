use chrono::Duration;
use daihoi_store::{
    Actor, ArticleKind, ArticleStatus, Constraint, NewCategory, NewPhoto, NewUser, Role, StoreError,
};

use crate::common::{article_input, category, each_backend, t0};

#[tokio::test]
async fn articles_are_created_read_and_updated() {
    each_backend(|store| async move {
        let cat = category(&store, "tin-tuc").await;
        let mut input = article_input("dai-hoi-diem", cat, None);
        input.kind = ArticleKind::Interview;
        input.body_md = "PV: Hỏi?\n\nĐáp.".into();
        let created = store
            .create_article(&input, &Actor::System, t0())
            .await
            .expect("create");
        assert_eq!(created.slug, "dai-hoi-diem");
        assert_eq!(created.kind, ArticleKind::Interview);
        assert_eq!(created.status, ArticleStatus::Published);
        assert_eq!(
            created.published_at,
            Some(t0()),
            "published without a time means now"
        );
        assert_eq!(created.created_at, t0());

        let by_id = store.article_by_id(created.id).await.unwrap().unwrap();
        assert_eq!(by_id, created);
        let by_slug = store
            .published_article_by_slug("dai-hoi-diem", t0())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(by_slug, created);
        assert!(
            store
                .published_article_by_slug("khong-co", t0())
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .article_by_id(created.id + 100)
                .await
                .unwrap()
                .is_none()
        );

        let later = t0() + Duration::hours(2);
        let mut update = input.clone();
        update.title = "Tiêu đề mới".into();
        update.status = ArticleStatus::Draft;
        update.published_at = created.published_at;
        let updated = store
            .update_article(created.id, &update, &Actor::System, later)
            .await
            .expect("update");
        assert_eq!(updated.title, "Tiêu đề mới");
        assert_eq!(updated.updated_at, later);
        assert_eq!(updated.created_at, t0());
        assert!(
            store
                .published_article_by_slug("dai-hoi-diem", later)
                .await
                .unwrap()
                .is_none(),
            "a draft is not public"
        );

        let published = store
            .set_article_status(created.id, ArticleStatus::Published, &Actor::System, later)
            .await
            .unwrap();
        assert_eq!(published.status, ArticleStatus::Published);
        assert_eq!(
            published.published_at,
            Some(t0()),
            "an existing time is kept"
        );
        let gone = store
            .set_article_status(
                created.id,
                ArticleStatus::Unpublished,
                &Actor::System,
                later,
            )
            .await
            .unwrap();
        assert!(!gone.is_public(later));
        assert!(
            store
                .published_article_by_slug("dai-hoi-diem", later)
                .await
                .unwrap()
                .is_none()
        );

        let all = store.list_all_articles(1, 20).await.unwrap();
        assert_eq!(all.total, 1);
        assert_eq!(all.items[0].status, ArticleStatus::Unpublished);

        let missing = store
            .set_article_status(9999, ArticleStatus::Published, &Actor::System, later)
            .await
            .expect_err("unknown article");
        assert!(
            matches!(missing, StoreError::NotFound { .. }),
            "{missing:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_draft_published_later_gets_the_publication_time() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let mut input = article_input("nhap", cat, None);
        input.status = ArticleStatus::Draft;
        let draft = store
            .create_article(&input, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(draft.published_at, None);
        let when = t0() + Duration::days(1);
        let published = store
            .set_article_status(draft.id, ArticleStatus::Published, &Actor::System, when)
            .await
            .unwrap();
        assert_eq!(published.published_at, Some(when));
    })
    .await;
}

#[tokio::test]
async fn scheduled_articles_appear_only_when_their_time_comes() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let future = t0() + Duration::hours(3);
        store
            .create_article(
                &article_input("da-dang", cat, Some(t0() - Duration::hours(1))),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        store
            .create_article(
                &article_input("hen-gio", cat, Some(future)),
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let mut draft = article_input("nhap", cat, Some(t0() - Duration::hours(2)));
        draft.status = ArticleStatus::Draft;
        store
            .create_article(&draft, &Actor::System, t0())
            .await
            .unwrap();

        let now_list = store.list_published(None, 1, 10, t0()).await.unwrap();
        let slugs: Vec<_> = now_list.items.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, ["da-dang"]);
        assert_eq!(now_list.total, 1);
        assert!(
            store
                .published_article_by_slug("hen-gio", t0())
                .await
                .unwrap()
                .is_none()
        );

        let later = store.list_published(None, 1, 10, future).await.unwrap();
        let slugs: Vec<_> = later.items.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["hen-gio", "da-dang"],
            "newest first, scheduled one now visible"
        );
        assert!(
            store
                .published_article_by_slug("hen-gio", future)
                .await
                .unwrap()
                .is_some()
        );
    })
    .await;
}

#[tokio::test]
async fn lists_are_paged_newest_first_and_filtered_by_category() {
    each_backend(|store| async move {
        let news = category(&store, "tin").await;
        let congress = category(&store, "dai-hoi").await;
        for i in 0..25 {
            let cat = if i % 5 == 0 { congress } else { news };
            let at = t0() - Duration::minutes(i64::from(i));
            store
                .create_article(
                    &article_input(&format!("bai-{i:02}"), cat, Some(at)),
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
        }
        let mut seen = Vec::new();
        for (page, expected_len) in [(1, 10), (2, 10), (3, 5), (4, 0)] {
            let p = store.list_published(None, page, 10, t0()).await.unwrap();
            assert_eq!(p.total, 25);
            assert_eq!(p.page, page);
            assert_eq!(p.per_page, 10);
            assert_eq!(p.page_count(), 3);
            assert_eq!(p.items.len(), expected_len, "page {page}");
            seen.extend(p.items.into_iter().map(|a| a.slug));
        }
        let expected: Vec<String> = (0..25).map(|i| format!("bai-{i:02}")).collect();
        assert_eq!(
            seen, expected,
            "newest first, no gaps or repeats across pages"
        );

        let only = store
            .list_published(Some(congress), 1, 100, t0())
            .await
            .unwrap();
        assert_eq!(only.total, 5);
        assert!(
            only.items
                .iter()
                .all(|a| a.category_id == congress && a.category_slug == "dai-hoi")
        );
        assert_eq!(only.items[0].slug, "bai-00");

        let page0 = store.list_published(None, 0, 0, t0()).await.unwrap();
        assert_eq!((page0.page, page0.per_page, page0.items.len()), (1, 1, 1));
    })
    .await;
}

/// Each unique constraint the application tells apart is recognised from the database's own
/// report — the constraint's name on PostgreSQL, the `table.column` list on SQLite — and comes
/// back as the typed conflict, never as text to match.
#[tokio::test]
async fn every_unique_constraint_is_recognised_on_this_backend() {
    each_backend(|store| async move {
        let conflict = |err: StoreError| match err {
            StoreError::Conflict(c) => c,
            other => panic!("expected a typed conflict, got {other:?}"),
        };
        let cat = category(&store, "trung").await;
        let new_category = NewCategory {
            slug: "trung".into(),
            name: "Trùng".into(),
            description: String::new(),
            position: 1,
        };
        let err = store
            .create_category(&new_category, &Actor::System, t0())
            .await
            .expect_err("category slug taken");
        assert_eq!(conflict(err), Constraint::CategorySlug);

        let article = store
            .create_article(&article_input("trung", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        let err = store
            .create_article(&article_input("trung", cat, None), &Actor::System, t0())
            .await
            .expect_err("article slug taken");
        assert_eq!(conflict(err), Constraint::ArticleSlug);

        let new_user = NewUser {
            username: "trung".into(),
            display_name: "Trùng".into(),
            role: Role::Editor,
            password_hash: "h".into(),
        };
        let user = store
            .create_user(&new_user, &Actor::System, t0())
            .await
            .unwrap();
        let err = store
            .create_user(&new_user, &Actor::System, t0())
            .await
            .expect_err("username taken");
        assert_eq!(conflict(err), Constraint::Username);

        let expires = t0() + chrono::TimeDelta::hours(8);
        store
            .create_session("ma-phien", user.id, expires, t0())
            .await
            .unwrap();
        let err = store
            .create_session("ma-phien", user.id, expires, t0())
            .await
            .expect_err("session token taken");
        assert_eq!(conflict(err), Constraint::SessionToken);

        // `add_rating` never meets this one (its insert does nothing on conflict): a plain insert
        // shows that the database's report is still recognised.
        let insert = || {
            sqlx::query(
                "INSERT INTO rating (article_id, visitor_id, stars, ip_key, created_at) \
                 VALUES ($1, 'khach', 4, 'ip', 0)",
            )
            .bind(article.id)
            .execute(store.pool())
        };
        insert().await.unwrap();
        let err = insert()
            .await
            .expect_err("second rating by the same visitor");
        assert_eq!(
            daihoi_store::conflict_of(&err),
            Some(Constraint::RatingPerVisitor)
        );
        assert_eq!(conflict(err.into()), Constraint::RatingPerVisitor);

        // Any other error is no conflict.
        let err = sqlx::query("SELECT nothing FROM nowhere")
            .execute(store.pool())
            .await
            .unwrap_err();
        assert_eq!(daihoi_store::conflict_of(&err), None);
    })
    .await;
}

#[tokio::test]
async fn a_taken_slug_is_a_conflict_and_changes_nothing() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let first = store
            .create_article(&article_input("trung", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        let err = store
            .create_article(&article_input("trung", cat, None), &Actor::System, t0())
            .await
            .expect_err("duplicate slug");
        assert!(
            matches!(err, StoreError::Conflict(Constraint::ArticleSlug)),
            "{err:?}"
        );

        let second = store
            .create_article(&article_input("khac", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        let mut clash = article_input("trung", cat, None);
        clash.title = "Không được lưu".into();
        let err = store
            .update_article(second.id, &clash, &Actor::System, t0())
            .await
            .expect_err("update onto a taken slug");
        assert!(
            matches!(err, StoreError::Conflict(Constraint::ArticleSlug)),
            "{err:?}"
        );
        assert_eq!(
            store.article_by_id(second.id).await.unwrap().unwrap(),
            second
        );
        assert_eq!(store.article_by_id(first.id).await.unwrap().unwrap(), first);
        assert_eq!(store.list_all_articles(1, 10).await.unwrap().total, 2);

        let dup_cat = store
            .create_category(
                &NewCategory {
                    slug: "c".into(),
                    name: "Trùng".into(),
                    description: String::new(),
                    position: 1,
                },
                &Actor::System,
                t0(),
            )
            .await
            .expect_err("duplicate category slug");
        assert!(
            matches!(dup_cat, StoreError::Conflict(Constraint::CategorySlug)),
            "{dup_cat:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn unknown_category_and_bad_input_are_refused() {
    each_backend(|store| async move {
        let err = store
            .create_article(&article_input("x", 4242, None), &Actor::System, t0())
            .await
            .expect_err("unknown category");
        assert!(
            matches!(
                err,
                StoreError::NotFound {
                    entity: "chuyên mục",
                    ..
                }
            ),
            "{err:?}"
        );
        let cat = category(&store, "c").await;
        let mut empty = article_input(" ", cat, None);
        empty.slug = "  ".into();
        assert!(matches!(
            store.create_article(&empty, &Actor::System, t0()).await,
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(store.list_all_articles(1, 10).await.unwrap().total, 0);
    })
    .await;
}

#[tokio::test]
async fn categories_are_listed_in_order_and_updated() {
    each_backend(|store| async move {
        let b = store
            .create_category(
                &NewCategory {
                    slug: "b".into(),
                    name: "Bê".into(),
                    description: "mô tả".into(),
                    position: 2,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let a = store
            .create_category(
                &NewCategory {
                    slug: "a".into(),
                    name: "A".into(),
                    description: String::new(),
                    position: 1,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let list = store.list_categories().await.unwrap();
        assert_eq!(list, vec![a.clone(), b.clone()]);
        assert_eq!(store.category_by_slug("b").await.unwrap(), Some(b.clone()));
        assert_eq!(store.category_by_id(a.id).await.unwrap(), Some(a.clone()));
        let changed = store
            .update_category(
                b.id,
                &NewCategory {
                    slug: "b2".into(),
                    name: "Bê hai".into(),
                    description: String::new(),
                    position: 0,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(store.list_categories().await.unwrap()[0], changed);
        assert!(store.category_by_slug("b").await.unwrap().is_none());
        let err = store
            .update_category(
                b.id,
                &NewCategory {
                    slug: "a".into(),
                    name: "x".into(),
                    description: String::new(),
                    position: 0,
                },
                &Actor::System,
                t0(),
            )
            .await
            .expect_err("taken slug");
        assert!(matches!(
            err,
            StoreError::Conflict(Constraint::CategorySlug)
        ));
        assert!(!store.is_empty().await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn photos_keep_their_order_and_can_be_the_cover() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let input = article_input("co-anh", cat, None);
        let article = store
            .create_article(&input, &Actor::System, t0())
            .await
            .unwrap();
        let other = store
            .create_article(&article_input("bai-khac", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        let mut ids = Vec::new();
        for i in 0..3u32 {
            let photo = store
                .add_photo(
                    &NewPhoto {
                        article_id: article.id,
                        file_name: format!("p{i}.jpg"),
                        thumb_name: format!("p{i}-thumb.jpg"),
                        caption: format!("Chú thích {i}"),
                        width: 800 + i,
                        height: 600,
                        mime: "image/jpeg".into(),
                    },
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
            assert_eq!(photo.position, i64::from(i) + 1);
            ids.push(photo.id);
        }
        let photos = store.photos_of_article(article.id).await.unwrap();
        assert_eq!(photos.iter().map(|p| p.id).collect::<Vec<_>>(), ids);
        assert_eq!(photos[2].width, 802);
        assert!(store.photos_of_article(other.id).await.unwrap().is_empty());
        let edited = store
            .update_photo_caption(ids[1], "Chú thích mới", &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(store.photo_by_id(ids[1]).await.unwrap(), Some(edited));

        let mut with_cover = input.clone();
        with_cover.cover_photo_id = Some(ids[0]);
        let a = store
            .update_article(article.id, &with_cover, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(a.cover_photo_id, Some(ids[0]));
        let list = store.list_published(None, 1, 10, t0()).await.unwrap();
        let summary = list.items.iter().find(|s| s.id == article.id).unwrap();
        assert_eq!(summary.cover_thumb_name.as_deref(), Some("p0-thumb.jpg"));
        assert_eq!(summary.cover_caption.as_deref(), Some("Chú thích 0"));

        let mut foreign = article_input("bai-khac", cat, None);
        foreign.cover_photo_id = Some(ids[0]);
        let err = store
            .update_article(other.id, &foreign, &Actor::System, t0())
            .await
            .expect_err("a cover photo of another article");
        assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");

        let err = store
            .add_photo(
                &NewPhoto {
                    article_id: 777,
                    file_name: "x.jpg".into(),
                    thumb_name: "x-t.jpg".into(),
                    caption: String::new(),
                    width: 1,
                    height: 1,
                    mime: "image/jpeg".into(),
                },
                &Actor::System,
                t0(),
            )
            .await
            .expect_err("unknown article");
        assert!(matches!(err, StoreError::NotFound { .. }));

        // Deleting the cover leaves the article without one; another article's photo, or one
        // already gone, is not found; each deletion is in the audit log.
        let removed = store
            .delete_photo(article.id, ids[0], &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(removed.file_name, "p0.jpg");
        let a = store.article_by_id(article.id).await.unwrap().unwrap();
        assert_eq!(a.cover_photo_id, None);
        assert_eq!(
            store
                .photos_of_article(article.id)
                .await
                .unwrap()
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>(),
            ids[1..]
        );
        for (owner, id) in [(other.id, ids[1]), (article.id, ids[0])] {
            let err = store
                .delete_photo(owner, id, &Actor::System, t0())
                .await
                .expect_err("not this article's photo");
            assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
        }
        assert_eq!(store.photos_of_article(article.id).await.unwrap().len(), 2);
        let log = store.list_audit(1, 50).await.unwrap();
        assert!(
            log.items.iter().any(|e| e.action == "delete"
                && e.entity == "photo"
                && e.entity_id == Some(ids[0]))
        );
    })
    .await;
}

/// The upload of a first photo used to write the article back as the upload had loaded it, so a
/// save made during the upload was undone. The cover step writes the cover only.
#[tokio::test]
async fn a_first_photo_becomes_the_cover_without_undoing_a_save_made_meanwhile() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let article = store
            .create_article(&article_input("anh-bia", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        // The editor saves a new title and body while the photo is being cleaned.
        let mut saved = article_input("anh-bia", cat, None);
        saved.title = "Tiêu đề vừa lưu".into();
        saved.body_md = "Nội dung vừa lưu".into();
        store
            .update_article(article.id, &saved, &Actor::System, t0())
            .await
            .unwrap();
        let photo = |name: &str| NewPhoto {
            article_id: article.id,
            file_name: format!("{name}.jpg"),
            thumb_name: format!("{name}-t.jpg"),
            caption: String::new(),
            width: 10,
            height: 10,
            mime: "image/jpeg".into(),
        };
        let (first, became) = store
            .add_photo_as_cover_if_none(&photo("p1"), &Actor::System, t0())
            .await
            .unwrap();
        assert!(became);
        let now = store.article_by_id(article.id).await.unwrap().unwrap();
        assert_eq!(now.title, "Tiêu đề vừa lưu");
        assert_eq!(now.body_md, "Nội dung vừa lưu");
        assert_eq!(now.cover_photo_id, Some(first.id));
        // A second photo leaves the cover as it is.
        let (_, became) = store
            .add_photo_as_cover_if_none(&photo("p2"), &Actor::System, t0())
            .await
            .unwrap();
        assert!(!became);
        let now = store.article_by_id(article.id).await.unwrap().unwrap();
        assert_eq!(now.cover_photo_id, Some(first.id));
        let actions: Vec<String> = store
            .audit_of("article", article.id)
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.action)
            .collect();
        assert_eq!(
            actions.iter().filter(|a| *a == "set_cover").count(),
            1,
            "{actions:?}"
        );
    })
    .await;
}
