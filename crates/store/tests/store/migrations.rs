use daihoi_store::{Store, StoreError};

use crate::common::{each_backend, for_each_url};

#[tokio::test]
async fn migrations_are_idempotent_and_the_store_starts_empty() {
    for_each_url(|url| async move {
        tokio::spawn(async move {
            let store = Store::connect(&url).await.expect("connect");
            assert_eq!(store.schema_version().await.unwrap(), 0);
            store.migrate().await.expect("first migrate");
            let v = store.schema_version().await.unwrap();
            assert_eq!(v, store.known_schema_version());
            assert!(v >= 1);
            store.migrate().await.expect("second migrate");
            assert_eq!(store.schema_version().await.unwrap(), v);
            assert!(store.is_empty().await.unwrap());
            store.close().await;
            // A second process opening the same database migrates nothing and still works.
            let again = Store::connect(&url).await.expect("reconnect");
            again.migrate().await.expect("migrate after reconnect");
            assert!(again.is_empty().await.unwrap());
            again.close().await;
        })
        .await
    })
    .await;
}

#[tokio::test]
async fn a_newer_schema_is_a_clear_error_and_is_left_untouched() {
    each_backend(|store| async move {
        let known = store.known_schema_version();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES ($1, 'from the future', $2, $3, 0)",
        )
        .bind(known + 1000)
        .bind(true)
        .bind(vec![0u8; 48])
        .execute(store.pool())
        .await
        .expect("pretend a newer binary migrated");
        let err = store.migrate().await.expect_err("must refuse");
        match &err {
            StoreError::SchemaTooNew { found, known: k } => {
                assert_eq!(*found, known + 1000);
                assert_eq!(*k, known);
            }
            other => panic!("expected SchemaTooNew, got {other:?}"),
        }
        let msg = err.to_string();
        assert!(msg.contains("mới hơn"), "{msg}");
        assert!(msg.contains("newer"), "{msg}");
        assert_eq!(store.schema_version().await.unwrap(), known + 1000);
    })
    .await;
}

#[tokio::test]
async fn bad_urls_are_refused_with_a_message() {
    let err = Store::connect("mysql://localhost/x")
        .await
        .expect_err("refused");
    assert!(matches!(err, StoreError::BadUrl(_)), "{err:?}");
    assert!(err.to_string().contains("không hợp lệ"));
}

/// A PostgreSQL server that accepts the connection and never answers (a hung host, a firewall
/// that swallows packets): connecting gives up after `CONNECT_TIMEOUT`, not the system's TCP
/// timeout. No PostgreSQL server is needed: the silent one is a socket of the test.
#[tokio::test]
async fn a_database_that_never_answers_is_given_up_on_at_connect() {
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            open.push(socket);
        }
    });
    let started = std::time::Instant::now();
    let err = Store::connect(&format!("postgres://daihoi@127.0.0.1:{port}/daihoi"))
        .await
        .expect_err("a server that never answers");
    let waited = started.elapsed();
    held.abort();
    assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
    assert!(err.to_string().contains("daihoi@127.0.0.1"), "{err}");
    // The bound the product promises, with room for a slow machine; the old code waited forever.
    assert!(
        waited < daihoi_store::CONNECT_TIMEOUT + std::time::Duration::from_secs(20),
        "{waited:?}"
    );
}

#[tokio::test]
async fn plain_paths_create_the_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let store = Store::connect(path.to_str().unwrap())
        .await
        .expect("connect");
    store.migrate().await.unwrap();
    assert!(path.exists());
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    store.close().await;
}

#[tokio::test]
async fn an_in_memory_database_keeps_its_data_across_queries() {
    let store = Store::connect("sqlite::memory:").await.expect("connect");
    store.migrate().await.unwrap();
    store.ping().await.unwrap();
    crate::common::category(&store, "c").await;
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store.list_categories().await.unwrap().len()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 1);
    }
    assert!(!store.is_empty().await.unwrap());
}

#[tokio::test]
async fn an_unreachable_database_names_itself_without_the_password() {
    let err = Store::connect("/nonexistent-folder-daihoi/x/daihoi.db")
        .await
        .expect_err("folder does not exist");
    match &err {
        StoreError::Connect { url, .. } => assert!(url.contains("nonexistent-folder-daihoi")),
        other => panic!("expected Connect, got {other:?}"),
    }
    assert!(err.to_string().contains("Không kết nối được"));
    let err = Store::connect("postgres://u:matkhau@127.0.0.1:1/x?connect_timeout=1")
        .await
        .expect_err("nothing listens on port 1");
    let msg = err.to_string();
    assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
    assert!(!msg.contains("matkhau"), "{msg}");
}
