use chrono::Duration;
use daihoi_store::{Actor, NewUser, Role, StoreError};

use crate::common::{each_backend, editor, t0};

#[tokio::test]
async fn users_are_created_found_and_counted() {
    each_backend(|store| async move {
        let admin = store
            .create_user(
                &NewUser {
                    username: "quantri".into(),
                    display_name: "Quản trị".into(),
                    role: Role::Admin,
                    password_hash: "$argon2id$v=19$x".into(),
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        assert_eq!(admin.role, Role::Admin);
        assert!(!admin.disabled);
        assert_eq!(store.count_admins().await.unwrap(), 1);
        let ed = editor(&store, "bientap").await;
        assert_eq!(store.count_admins().await.unwrap(), 1);
        assert_eq!(
            store.user_by_username("quantri").await.unwrap(),
            Some(admin.clone())
        );
        assert_eq!(
            store.user_by_id(ed).await.unwrap().unwrap().username,
            "bientap"
        );
        assert!(store.user_by_username("khong").await.unwrap().is_none());
        assert_eq!(store.list_users().await.unwrap().len(), 2);

        let err = store
            .create_user(
                &NewUser {
                    username: "quantri".into(),
                    display_name: "Trùng".into(),
                    role: Role::Editor,
                    password_hash: "h".into(),
                },
                &Actor::User(admin.id),
                t0(),
            )
            .await
            .expect_err("taken username");
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    what: "tên đăng nhập",
                    ..
                }
            ),
            "{err:?}"
        );

        store
            .set_user_disabled(admin.id, true, &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(store.count_admins().await.unwrap(), 0);
        assert!(store.user_by_id(admin.id).await.unwrap().unwrap().disabled);
    })
    .await;
}

#[tokio::test]
async fn sessions_expire_and_can_be_deleted() {
    each_backend(|store| async move {
        let uid = editor(&store, "bientap").await;
        let expires = t0() + Duration::hours(8);
        store
            .create_session("hash-1", uid, expires, t0())
            .await
            .unwrap();
        store
            .create_session("hash-2", uid, t0() + Duration::hours(1), t0())
            .await
            .unwrap();

        let (session, user) = store
            .session_by_token_hash("hash-1", t0())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(session.user_id, uid);
        assert_eq!(session.expires_at, expires);
        assert_eq!(user.id, uid);
        assert!(
            store
                .session_by_token_hash("khac", t0())
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .session_by_token_hash("hash-1", expires)
                .await
                .unwrap()
                .is_none(),
            "a session is dead at its expiry instant"
        );
        assert!(
            store
                .session_by_token_hash("hash-1", expires - Duration::seconds(1))
                .await
                .unwrap()
                .is_some()
        );

        let removed = store
            .delete_expired_sessions(t0() + Duration::hours(2))
            .await
            .unwrap();
        assert_eq!(removed, 1);
        assert!(
            store
                .session_by_token_hash("hash-2", t0())
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .session_by_token_hash("hash-1", t0())
                .await
                .unwrap()
                .is_some()
        );

        store.delete_session("hash-1").await.unwrap();
        assert!(
            store
                .session_by_token_hash("hash-1", t0())
                .await
                .unwrap()
                .is_none()
        );
        store.delete_session("hash-1").await.unwrap();

        let err = store
            .create_session("h", 999, expires, t0())
            .await
            .expect_err("unknown user");
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn disabling_a_user_or_changing_the_password_ends_sessions() {
    each_backend(|store| async move {
        let uid = editor(&store, "bientap").await;
        let expires = t0() + Duration::hours(8);
        store
            .create_session("s1", uid, expires, t0())
            .await
            .unwrap();
        store
            .set_user_password(uid, "$argon2id$new", &Actor::User(uid), t0())
            .await
            .unwrap();
        assert!(
            store
                .session_by_token_hash("s1", t0())
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            store.user_by_id(uid).await.unwrap().unwrap().password_hash,
            "$argon2id$new"
        );

        store
            .create_session("s2", uid, expires, t0())
            .await
            .unwrap();
        store
            .set_user_disabled(uid, true, &Actor::System, t0())
            .await
            .unwrap();
        assert!(
            store
                .session_by_token_hash("s2", t0())
                .await
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            store
                .set_user_disabled(4040, true, &Actor::System, t0())
                .await,
            Err(StoreError::NotFound { .. })
        ));
    })
    .await;
}
