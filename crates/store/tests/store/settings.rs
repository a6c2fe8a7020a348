use daihoi_store::{
    Actor, SETTING_PORTAL_NAME, SETTING_SECRET_KEY, SETTING_SITE_AGENCY, SETTING_SITE_EMAIL,
    SETTING_SITE_EMBLEM, SETTING_SITE_FAVICON, SITE_IDENTITY_KEYS,
};

use crate::common::{audit_count, each_backend, t0};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_secret_key_is_created_once_and_shared() {
    each_backend(|store| async move {
        assert_eq!(store.setting(SETTING_SECRET_KEY).await.unwrap(), None);
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let store = store.clone();
            tasks.push(tokio::spawn(
                async move { store.secret_key().await.unwrap() },
            ));
        }
        let mut keys = Vec::new();
        for t in tasks {
            keys.push(t.await.unwrap());
        }
        assert_eq!(keys[0].len(), 64);
        assert!(keys[0].chars().all(|c| c.is_ascii_hexdigit()));
        assert!(
            keys.iter().all(|k| *k == keys[0]),
            "every caller sees the same key"
        );
        assert_eq!(store.secret_key().await.unwrap(), keys[0]);
    })
    .await;
}

#[tokio::test]
async fn settings_are_stored_replaced_and_audited() {
    each_backend(|store| async move {
        assert_eq!(store.setting(SETTING_PORTAL_NAME).await.unwrap(), None);
        store
            .set_setting(SETTING_PORTAL_NAME, "Cổng thử nghiệm", &Actor::System, t0())
            .await
            .unwrap();
        store
            .set_setting(
                SETTING_PORTAL_NAME,
                "Cổng demo daihoi",
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(
            store.setting(SETTING_PORTAL_NAME).await.unwrap().as_deref(),
            Some("Cổng demo daihoi")
        );
        assert_eq!(audit_count(&store).await, 2);
        store
            .set_setting(SETTING_SECRET_KEY, "abc123", &Actor::System, t0())
            .await
            .unwrap();
        let log = store.list_audit(1, 10).await.unwrap();
        assert!(
            !log.items[0].detail.contains("abc123"),
            "the secret never reaches the log"
        );
    })
    .await;
}

#[tokio::test]
async fn the_identity_is_written_together_and_read_in_one_call() {
    each_backend(|store| async move {
        assert!(
            store
                .settings(&SITE_IDENTITY_KEYS)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(store.settings(&[]).await.unwrap().is_empty());
        store
            .set_settings(
                &[
                    (SETTING_PORTAL_NAME, "Cổng huyện"),
                    (SETTING_SITE_AGENCY, "Huyện ủy"),
                    (SETTING_SITE_EMAIL, "a@b.vn"),
                ],
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let mut read = store.settings(&SITE_IDENTITY_KEYS).await.unwrap();
        read.sort();
        assert_eq!(
            read,
            [
                ("portal_name".to_owned(), "Cổng huyện".to_owned()),
                ("site_agency".to_owned(), "Huyện ủy".to_owned()),
                ("site_email".to_owned(), "a@b.vn".to_owned()),
            ]
        );
        assert_eq!(audit_count(&store).await, 3, "one audit row per key");
        // All or nothing: an empty key refuses the batch, and the first pair is not kept.
        let refused = store
            .set_settings(
                &[(SETTING_SITE_AGENCY, "Khác"), ("", "x")],
                &Actor::System,
                t0(),
            )
            .await;
        assert!(refused.is_err());
        assert_eq!(
            store.setting(SETTING_SITE_AGENCY).await.unwrap().as_deref(),
            Some("Huyện ủy")
        );
        assert_eq!(audit_count(&store).await, 3);
    })
    .await;
}

#[tokio::test]
async fn a_replaced_file_setting_is_returned_only_when_nothing_names_it_any_more() {
    each_backend(|store| async move {
        let set = |key: &'static str, value: &'static str| {
            let store = store.clone();
            async move {
                store
                    .replace_file_setting(key, value, &Actor::System, t0())
                    .await
                    .unwrap()
            }
        };
        assert_eq!(
            set(SETTING_SITE_EMBLEM, "2021/07/a.png").await,
            None,
            "nothing before"
        );
        let before = audit_count(&store).await;
        assert_eq!(
            set(SETTING_SITE_EMBLEM, "2021/07/b.png").await.as_deref(),
            Some("2021/07/a.png")
        );
        assert_eq!(audit_count(&store).await, before + 1, "audited");
        assert_eq!(
            store.setting(SETTING_SITE_EMBLEM).await.unwrap().as_deref(),
            Some("2021/07/b.png")
        );
        // The same value again replaces nothing.
        assert_eq!(set(SETTING_SITE_EMBLEM, "2021/07/b.png").await, None);
        // Named by another setting: kept until that one lets go of it too.
        assert_eq!(set(SETTING_SITE_FAVICON, "2021/07/b.png").await, None);
        assert_eq!(
            set(SETTING_SITE_EMBLEM, "").await,
            None,
            "the favicon names it"
        );
        assert_eq!(
            set(SETTING_SITE_FAVICON, "").await.as_deref(),
            Some("2021/07/b.png")
        );
        assert_eq!(
            set(SETTING_SITE_FAVICON, "").await,
            None,
            "empty replaced by empty"
        );
    })
    .await;
}
