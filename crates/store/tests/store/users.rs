use chrono::Duration;
use daihoi_domain::account::check_username;
use daihoi_store::{Actor, Constraint, NewUser, Role, StoreError};

use crate::common::{audit_count, each_backend, editor, t0};

/// An idle timeout longer than any session of these tests: only the absolute expiry counts.
const LONG_IDLE: Duration = Duration::days(1);

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
            matches!(err, StoreError::Conflict(Constraint::Username)),
            "{err:?}"
        );

        // The only admin cannot be locked (see also `the_last_enabled_admin_is_kept`).
        let err = store
            .set_user_disabled(admin.id, true, &Actor::System, t0())
            .await
            .expect_err("last admin");
        assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
        assert_eq!(store.count_admins().await.unwrap(), 1);
        store
            .set_user_disabled(ed, true, &Actor::System, t0())
            .await
            .unwrap();
        assert!(store.user_by_id(ed).await.unwrap().unwrap().disabled);
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
            .session_by_token_hash("hash-1", LONG_IDLE, t0())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(session.user_id, uid);
        assert_eq!(session.expires_at, expires);
        assert_eq!(user.id, uid);
        assert!(
            store
                .session_by_token_hash("khac", LONG_IDLE, t0())
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .session_by_token_hash("hash-1", LONG_IDLE, expires)
                .await
                .unwrap()
                .is_none(),
            "a session is dead at its expiry instant"
        );
        assert!(
            store
                .session_by_token_hash("hash-1", LONG_IDLE, expires - Duration::seconds(1))
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
                .session_by_token_hash("hash-2", LONG_IDLE, t0())
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .session_by_token_hash("hash-1", LONG_IDLE, t0())
                .await
                .unwrap()
                .is_some()
        );

        store.delete_session("hash-1").await.unwrap();
        assert!(
            store
                .session_by_token_hash("hash-1", LONG_IDLE, t0())
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
                .session_by_token_hash("s1", LONG_IDLE, t0())
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
                .session_by_token_hash("s2", LONG_IDLE, t0())
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

async fn admin(store: &daihoi_store::Store, username: &str) -> i64 {
    store
        .create_user(
            &NewUser {
                username: username.into(),
                display_name: format!("Quản trị {username}"),
                role: Role::Admin,
                password_hash: "$argon2id$test".into(),
            },
            &Actor::System,
            t0(),
        )
        .await
        .expect("create admin")
        .id
}

#[tokio::test]
async fn user_names_follow_one_rule() {
    assert!(check_username("bientap").is_ok());
    assert!(check_username("nguyen.van-a_2").is_ok());
    for bad in ["Admin", "biên", "a", "có dấu", "a b", &"x".repeat(65)] {
        let err = check_username(bad).expect_err(bad);
        assert!(err.to_string().contains("không hợp lệ"), "{err}");
    }
    each_backend(|store| async move {
        for bad in ["QuanTri", "lê", "x"] {
            let err = store
                .create_user(
                    &NewUser {
                        username: bad.into(),
                        display_name: "Sai".into(),
                        role: Role::Editor,
                        password_hash: "h".into(),
                    },
                    &Actor::System,
                    t0(),
                )
                .await
                .expect_err(bad);
            assert!(
                matches!(&err, StoreError::Invalid(m) if m.contains(bad)),
                "{err:?}"
            );
        }
        assert!(store.list_users().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn roles_change_with_an_audit_row() {
    each_backend(|store| async move {
        let boss = admin(&store, "quantri").await;
        let ed = editor(&store, "bientap").await;
        let before = audit_count(&store).await;
        let promoted = store
            .set_user_role(ed, Role::Admin, &Actor::User(boss), t0())
            .await
            .unwrap();
        assert_eq!(promoted.role, Role::Admin);
        assert_eq!(
            store.user_by_id(ed).await.unwrap().unwrap().role,
            Role::Admin
        );
        assert_eq!(store.count_admins().await.unwrap(), 2);
        let rows = store.audit_of("user", ed).await.unwrap();
        let last = rows.last().unwrap();
        assert_eq!(last.action, "set_role");
        assert_eq!(last.actor_user_id, Some(boss));
        assert!(
            last.detail.contains("\"role\":\"admin\""),
            "{}",
            last.detail
        );
        assert_eq!(audit_count(&store).await, before + 1);
        // The same role again changes nothing and writes nothing.
        store
            .set_user_role(ed, Role::Admin, &Actor::User(boss), t0())
            .await
            .unwrap();
        assert_eq!(audit_count(&store).await, before + 1);
        // Now there are two admins, either may be demoted.
        store
            .set_user_role(boss, Role::Editor, &Actor::User(ed), t0())
            .await
            .unwrap();
        assert_eq!(store.count_admins().await.unwrap(), 1);
        assert!(matches!(
            store
                .set_user_role(4040, Role::Editor, &Actor::System, t0())
                .await,
            Err(StoreError::NotFound { .. })
        ));
    })
    .await;
}

#[tokio::test]
async fn the_last_enabled_admin_is_kept() {
    each_backend(|store| async move {
        let a = admin(&store, "quantri").await;
        let b = admin(&store, "quantri2").await;
        let before = audit_count(&store).await;
        // B locked: A is now the last enabled admin, and can be neither locked nor demoted.
        store
            .set_user_disabled(b, true, &Actor::User(a), t0())
            .await
            .unwrap();
        for attempt in ["lock", "demote"] {
            let result = match attempt {
                "lock" => {
                    store
                        .set_user_disabled(a, true, &Actor::User(a), t0())
                        .await
                }
                _ => store
                    .set_user_role(a, Role::Editor, &Actor::User(a), t0())
                    .await
                    .map(|_| ()),
            };
            let err = result.expect_err(attempt);
            match &err {
                StoreError::Invalid(m) => {
                    assert!(m.contains("«quantri»"), "{m}");
                    assert!(m.contains("quản trị viên cuối cùng"), "{m}");
                }
                other => panic!("{attempt}: {other:?}"),
            }
        }
        let a_now = store.user_by_id(a).await.unwrap().unwrap();
        assert_eq!((a_now.role, a_now.disabled), (Role::Admin, false));
        assert_eq!(audit_count(&store).await, before + 1, "only B's lock");
        // A locked admin does not count, and demoting it is allowed.
        store
            .set_user_role(b, Role::Editor, &Actor::User(a), t0())
            .await
            .unwrap();
        // Once B is an enabled admin again, A may go.
        store
            .set_user_role(b, Role::Admin, &Actor::User(a), t0())
            .await
            .unwrap();
        store
            .set_user_disabled(b, false, &Actor::User(a), t0())
            .await
            .unwrap();
        store
            .set_user_disabled(a, true, &Actor::User(b), t0())
            .await
            .unwrap();
        assert_eq!(store.count_admins().await.unwrap(), 1);
    })
    .await;
}

#[tokio::test]
async fn two_admins_locking_each_other_at_once_leave_one() {
    each_backend(|store| async move {
        for _ in 0..5 {
            sqlx::query("DELETE FROM user_session")
                .execute(store.pool())
                .await
                .unwrap();
            sqlx::query("DELETE FROM audit_log")
                .execute(store.pool())
                .await
                .unwrap();
            sqlx::query("DELETE FROM app_user")
                .execute(store.pool())
                .await
                .unwrap();
            let a = admin(&store, "quantri").await;
            let b = admin(&store, "quantri2").await;
            let (s1, s2) = (store.clone(), store.clone());
            let (r1, r2) = tokio::join!(
                tokio::spawn(
                    async move { s1.set_user_disabled(b, true, &Actor::User(a), t0()).await }
                ),
                tokio::spawn(
                    async move { s2.set_user_disabled(a, true, &Actor::User(b), t0()).await }
                ),
            );
            let ok = [r1.unwrap().is_ok(), r2.unwrap().is_ok()];
            assert_eq!(ok.iter().filter(|x| **x).count(), 1, "{ok:?}");
            assert_eq!(store.count_admins().await.unwrap(), 1);
        }
    })
    .await;
}

#[tokio::test]
async fn idle_sessions_are_refused_and_deleted() {
    each_backend(|store| async move {
        let uid = editor(&store, "bientap").await;
        let idle = Duration::hours(2);
        let expires = t0() + Duration::hours(8);
        store.create_session("s", uid, expires, t0()).await.unwrap();
        let seen = |store: daihoi_store::Store| async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT last_seen_at FROM user_session WHERE token_hash = 's'",
            )
            .fetch_optional(store.pool())
            .await
            .unwrap()
        };
        let t0_micros = t0().timestamp_micros();
        assert_eq!(seen(store.clone()).await, Some(t0_micros));

        // Within a minute of the last write, a request writes nothing.
        let (session, _) = store
            .session_by_token_hash("s", idle, t0() + Duration::seconds(59))
            .await
            .unwrap()
            .expect("live");
        assert_eq!(session.last_seen_at, t0());
        assert_eq!(seen(store.clone()).await, Some(t0_micros));
        // A minute or more later, the request is the new last-seen time.
        let t1 = t0() + Duration::minutes(90);
        let (session, _) = store
            .session_by_token_hash("s", idle, t1)
            .await
            .unwrap()
            .expect("live after 90 minutes");
        assert_eq!(session.last_seen_at, t1);
        assert_eq!(seen(store.clone()).await, Some(t1.timestamp_micros()));
        // So well over 3 h after login it is still alive (1 h 59 idle) …
        let t2 = t1 + idle - Duration::minutes(1);
        assert!(
            store
                .session_by_token_hash("s", idle, t2)
                .await
                .unwrap()
                .is_some()
        );
        // … and two hours without a request end it: refused and the row is gone.
        let t3 = t2 + idle;
        assert!(
            store
                .session_by_token_hash("s", idle, t3)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(seen(store.clone()).await, None);
        // Exactly at the limit counts as idle too.
        store.create_session("s", uid, expires, t0()).await.unwrap();
        assert!(
            store
                .session_by_token_hash("s", idle, t0() + idle)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(seen(store.clone()).await, None);
    })
    .await;
}
