use daihoi_store::{Actor, ArticleStatus, StoreError};

use crate::common::{article_input, audit_count, category, each_backend, editor, t0};

#[tokio::test]
async fn every_admin_change_writes_one_audit_row() {
    each_backend(|store| async move {
        let uid = editor(&store, "bientap").await;
        let actor = Actor::User(uid);
        let before = audit_count(&store).await;
        let cat = category(&store, "c").await;
        let article = store
            .create_article(&article_input("a", cat, None), &actor, t0())
            .await
            .unwrap();
        let mut update = article_input("a", cat, None);
        update.title = "Mới".into();
        store
            .update_article(article.id, &update, &actor, t0())
            .await
            .unwrap();
        store
            .set_article_status(article.id, ArticleStatus::Unpublished, &actor, t0())
            .await
            .unwrap();
        assert_eq!(audit_count(&store).await, before + 4);

        let rows = store.audit_of("article", article.id).await.unwrap();
        let actions: Vec<_> = rows.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["create", "update", "set_status"]);
        assert!(
            rows.iter()
                .all(|r| r.actor_user_id == Some(uid) && r.at == t0())
        );
        assert_eq!(rows[0].actor_username.as_deref(), Some("bientap"));
        let detail: serde_json::Value = serde_json::from_str(&rows[2].detail).unwrap();
        assert_eq!(detail["status"], "unpublished");

        let page = store.list_audit(1, 2).await.unwrap();
        assert_eq!(page.total, u64::try_from(before + 4).unwrap());
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.items[0].action, "set_status", "newest first");
    })
    .await;
}

#[tokio::test]
async fn a_failed_change_leaves_no_audit_row_and_no_partial_change() {
    each_backend(|store| async move {
        let cat = category(&store, "c").await;
        let article = store
            .create_article(&article_input("a", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        store
            .create_article(&article_input("b", cat, None), &Actor::System, t0())
            .await
            .unwrap();
        let rows_before = audit_count(&store).await;

        // The change itself fails (slug taken): nothing written.
        let mut clash = article_input("b", cat, None);
        clash.title = "Không lưu".into();
        store
            .update_article(article.id, &clash, &Actor::System, t0())
            .await
            .expect_err("conflict");

        // The change succeeds but its audit row cannot be written (no such actor): the change
        // must be rolled back with it.
        let mut update = article_input("a", cat, None);
        update.title = "Cũng không lưu".into();
        let err = store
            .update_article(article.id, &update, &Actor::User(987_654), t0())
            .await
            .expect_err("audit row fails");
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
        let err = store
            .set_article_status(
                article.id,
                ArticleStatus::Draft,
                &Actor::User(987_654),
                t0(),
            )
            .await
            .expect_err("audit row fails");
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
        let err = store
            .create_article(&article_input("c", cat, None), &Actor::User(987_654), t0())
            .await
            .expect_err("audit row fails");
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");

        assert_eq!(audit_count(&store).await, rows_before);
        assert_eq!(
            store.article_by_id(article.id).await.unwrap().unwrap(),
            article
        );
        assert_eq!(store.list_all_articles(1, 10).await.unwrap().total, 2);
    })
    .await;
}

#[tokio::test]
async fn events_without_a_change_are_recorded_too() {
    each_backend(|store| async move {
        let uid = editor(&store, "bientap").await;
        let before = audit_count(&store).await;
        store
            .record_event(
                &Actor::User(uid),
                "login",
                "user",
                Some(uid),
                serde_json::json!({"client": "203.0.113.7"}),
                t0(),
            )
            .await
            .unwrap();
        store
            .record_event(
                &Actor::System,
                "login_failed",
                "user",
                None,
                serde_json::json!({"username": "ai-do", "client": "203.0.113.8"}),
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(audit_count(&store).await, before + 2);
        let rows = store.audit_of("user", uid).await.unwrap();
        assert_eq!(rows.last().map(|r| r.action.as_str()), Some("login"));
        // An unknown user as actor is refused, as for every other audit row.
        let err = store
            .record_event(
                &Actor::User(999_999),
                "login",
                "user",
                None,
                serde_json::json!({}),
                t0(),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
        assert_eq!(audit_count(&store).await, before + 2);
    })
    .await;
}
