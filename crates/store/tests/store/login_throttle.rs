use chrono::Duration;
use daihoi_store::{LoginAttempt, LoginThrottlePolicy, Store};

use crate::common::{each_backend, t0};

const POLICY: LoginThrottlePolicy = LoginThrottlePolicy {
    max_failures: 3,
    window: Duration::minutes(15),
    lockout: Duration::minutes(10),
};

async fn fail(store: &Store, user: &str, client: &str, at: chrono::DateTime<chrono::Utc>) -> u32 {
    store
        .record_login_failure(user, client, &POLICY, at)
        .await
        .expect("record failure")
        .failures
}

async fn rows(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM login_failure")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn failures_are_counted_per_pair_and_lock_at_the_limit() {
    each_backend(|store| async move {
        assert_eq!(
            store.login_failures("admin", "10.0.0.1").await.unwrap(),
            None
        );
        for n in 1..=POLICY.max_failures {
            assert_eq!(
                store
                    .login_locked_for("admin", "10.0.0.1", &POLICY, t0())
                    .await
                    .unwrap(),
                None,
                "before failure {n}"
            );
            let at = t0() + Duration::seconds(i64::from(n));
            assert_eq!(fail(&store, "admin", "10.0.0.1", at).await, n);
        }
        let last = t0() + Duration::seconds(3);
        let stored = store
            .login_failures("admin", "10.0.0.1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.failures, stored.first_at, stored.last_at),
            (3, t0() + Duration::seconds(1), last)
        );
        assert_eq!(
            store
                .login_locked_for("admin", "10.0.0.1", &POLICY, last)
                .await
                .unwrap(),
            Some(POLICY.lockout)
        );
        // Another address, or another user from the same address, is not locked.
        for (user, client) in [("admin", "10.0.0.2"), ("bientap", "10.0.0.1")] {
            assert_eq!(
                store
                    .login_locked_for(user, client, &POLICY, last)
                    .await
                    .unwrap(),
                None
            );
        }
        // Still locked just before the lockout ends, open at its end.
        let opens = last + POLICY.lockout;
        assert_eq!(
            store
                .login_locked_for("admin", "10.0.0.1", &POLICY, opens - Duration::seconds(1))
                .await
                .unwrap(),
            Some(Duration::seconds(1))
        );
        assert_eq!(
            store
                .login_locked_for("admin", "10.0.0.1", &POLICY, opens)
                .await
                .unwrap(),
            None
        );
        // A failure during the lockout extends it; after the lockout a new run starts at 1.
        assert_eq!(
            fail(&store, "admin", "10.0.0.1", opens - Duration::seconds(1)).await,
            4
        );
        assert!(
            store
                .login_locked_for("admin", "10.0.0.1", &POLICY, opens)
                .await
                .unwrap()
                .is_some()
        );
        let later = opens - Duration::seconds(1) + POLICY.lockout;
        assert_eq!(fail(&store, "admin", "10.0.0.1", later).await, 1);
        let stored = store
            .login_failures("admin", "10.0.0.1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.first_at, later);
        // A success forgets the pair, and only that pair.
        fail(&store, "admin", "10.0.0.2", later).await;
        store
            .clear_login_failures("admin", "10.0.0.1")
            .await
            .unwrap();
        assert_eq!(
            store.login_failures("admin", "10.0.0.1").await.unwrap(),
            None
        );
        assert!(
            store
                .login_failures("admin", "10.0.0.2")
                .await
                .unwrap()
                .is_some()
        );
    })
    .await;
}

#[tokio::test]
async fn old_failures_fall_out_of_the_window_and_stale_rows_are_removed() {
    each_backend(|store| async move {
        for _ in 1..POLICY.max_failures {
            fail(&store, "admin", "ip", t0()).await;
        }
        // The window is counted from the first failure of the run: at its end the run restarts.
        let end = t0() + POLICY.window;
        assert_eq!(
            fail(&store, "admin", "ip", end - Duration::seconds(1)).await,
            POLICY.max_failures
        );
        store.clear_login_failures("admin", "ip").await.unwrap();
        for _ in 1..POLICY.max_failures {
            fail(&store, "admin", "ip", t0()).await;
        }
        assert_eq!(fail(&store, "admin", "ip", end).await, 1);
        assert_eq!(
            store
                .login_locked_for("admin", "ip", &POLICY, end)
                .await
                .unwrap(),
            None
        );

        // Rows older than both the window and the lockout go on the next failure of anyone.
        let cu = t0() + Duration::seconds(1);
        fail(&store, "cu", "ip", cu).await;
        fail(&store, "moi", "ip", end).await;
        assert_eq!(rows(&store).await, 3);
        fail(&store, "khac", "ip", cu + POLICY.window.max(POLICY.lockout)).await;
        assert_eq!(store.login_failures("cu", "ip").await.unwrap(), None);
        assert!(store.login_failures("moi", "ip").await.unwrap().is_some());
        assert_eq!(rows(&store).await, 3);
    })
    .await;
}

#[tokio::test]
async fn concurrent_failures_are_all_counted() {
    each_backend(|store| async move {
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                fail(&store, "admin", "ip", t0()).await
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let stored = store.login_failures("admin", "ip").await.unwrap().unwrap();
        assert_eq!(stored.failures, 20);
    })
    .await;
}

/// 200 attempts for one pair at the same moment (as 200 parallel logins on several instances):
/// checking "may it go ahead?" and counting it are one statement, so exactly `max_failures`
/// go ahead. With a check and a separate record, many more passed the check before the first
/// failure was written.
#[tokio::test]
async fn parallel_attempts_reserve_at_most_the_limit() {
    each_backend(|store| async move {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..200 {
            let store = store.clone();
            tasks.spawn(async move {
                store
                    .reserve_login_attempt("admin", "10.0.0.1", &POLICY, t0())
                    .await
                    .expect("reserve")
            });
        }
        let mut reserved = 0;
        let mut locked = 0;
        while let Some(outcome) = tasks.join_next().await {
            match outcome.unwrap() {
                LoginAttempt::Reserved(_) => reserved += 1,
                LoginAttempt::Locked(wait) => {
                    assert_eq!(wait, POLICY.lockout);
                    locked += 1;
                }
            }
        }
        assert_eq!(
            (reserved, locked),
            (POLICY.max_failures, 200 - POLICY.max_failures)
        );
        assert_eq!(
            store
                .login_failures("admin", "10.0.0.1")
                .await
                .unwrap()
                .unwrap()
                .failures,
            POLICY.max_failures
        );
    })
    .await;
}

/// Attempts that started before a successful login were counted when they started; the
/// success clears the pair, and their failing afterwards adds nothing, so the account stays
/// open. (Recording failures after the check re-locked the account behind the success.)
#[tokio::test]
async fn a_success_is_not_undone_by_failures_that_started_before_it() {
    each_backend(|store| async move {
        let reserve = |at| {
            let store = store.clone();
            async move {
                store
                    .reserve_login_attempt("admin", "10.0.0.1", &POLICY, at)
                    .await
                    .unwrap()
            }
        };
        // Two wrong passwords and the right one start together (the limit is 3).
        for _ in 0..POLICY.max_failures {
            assert!(matches!(reserve(t0()).await, LoginAttempt::Reserved(_)));
        }
        // The right one finishes first: the pair is cleared.
        store
            .clear_login_failures("admin", "10.0.0.1")
            .await
            .unwrap();
        // The two wrong ones finish after it and record nothing more. The next attempts start
        // a fresh run: the user is not locked out.
        let next = reserve(t0() + Duration::seconds(1)).await;
        assert!(
            matches!(next, LoginAttempt::Reserved(f) if f.failures == 1),
            "{next:?}"
        );
        // A locked pair refuses without counting, and opens when the lockout is over.
        for _ in 1..POLICY.max_failures {
            reserve(t0() + Duration::seconds(2)).await;
        }
        let last = t0() + Duration::seconds(2);
        assert_eq!(reserve(last).await, LoginAttempt::Locked(POLICY.lockout));
        assert_eq!(
            reserve(last + POLICY.lockout).await,
            LoginAttempt::Reserved(daihoi_store::LoginFailures {
                failures: 1,
                first_at: last + POLICY.lockout,
                last_at: last + POLICY.lockout,
            })
        );
    })
    .await;
}
