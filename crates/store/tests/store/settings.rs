use daihoi_store::{Actor, SETTING_PORTAL_NAME, SETTING_SECRET_KEY};

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
