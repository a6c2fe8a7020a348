//! `daihoi serve` — connect, migrate, load the demo, listen, and stop gracefully.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use daihoi_store::{Store, StoreError};
use tokio::net::TcpListener;

use std::future::Future;
use std::pin::Pin;

use chrono::NaiveDate;

use crate::config::Config;
use crate::kernel::{Clock, Kernel};
use crate::portal::PortalState;

/// Nạp dữ liệu mẫu — what [`serve`] calls to load the demo into an empty database (the binary
/// passes `daihoi_demo::load`; the web crate does not know the demo).
pub type DemoLoader = for<'a> fn(
    &'a Store,
    &'a Config,
    NaiveDate,
) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

/// Phục vụ — runs the web server until SIGINT or SIGTERM.
///
/// 1. Connects to the database (`config.database_url()`) and applies the migrations; a database
///    migrated by a newer daihoi is an error (the caller exits with code 1).
/// 2. Loads the demo data into an empty database unless `config.load_demo` is false.
/// 3. Binds, prints `daihoi: đang phục vụ tại http://…` and serves.
/// 4. On SIGINT/SIGTERM: stops accepting, lets in-flight requests finish, then writes the visit
///    buffer to the database (retrying a few times) and withdraws this instance's presence.
pub async fn serve(config: Config, demo: Option<DemoLoader>) -> anyhow::Result<()> {
    if let Some(url) = config.public_url.as_deref()
        && !crate::kernel::csrf::is_site_url(url)
    {
        anyhow::bail!(
            "--public-url «{url}» không dùng được: cần một địa chỉ http:// hoặc https:// đầy đủ, ví dụ https://congthongtin.example.vn"
        );
    }
    std::fs::create_dir_all(&config.data_dir).with_context(|| {
        format!(
            "không tạo được thư mục dữ liệu {}",
            config.data_dir.display()
        )
    })?;
    std::fs::create_dir_all(config.uploads_dir()).with_context(|| {
        format!(
            "không tạo được thư mục ảnh {}",
            config.uploads_dir().display()
        )
    })?;
    let url = config.database_url();
    let store = Store::connect(&url)
        .await
        .with_context(|| "không kết nối được cơ sở dữ liệu".to_owned())?;
    match store.migrate().await {
        Ok(()) => {}
        Err(err @ StoreError::SchemaTooNew { .. }) => return Err(err.into()),
        Err(err) => return Err(anyhow::Error::new(err).context("không chuyển đổi được lược đồ")),
    }
    tracing::info!(backend = ?store.backend(), "database ready");

    if let Some(load_demo) = demo.filter(|_| config.load_demo)
        && store.is_empty().await?
    {
        let today = crate::portal::visits::local_day(chrono::Utc::now(), config.time_zone);
        tracing::info!(%today, "empty database: loading the demo data");
        load_demo(&store, &config, today)
            .await
            .context("không nạp được dữ liệu mẫu")?;
    }

    let flush_interval = config.visit_flush_interval;
    let listen = config.listen;
    let kernel = Kernel::new(store.clone(), config, Clock::system()).await?;
    let state = PortalState::over(kernel);
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("không mở được cổng {listen}"))?;
    let local = listener.local_addr()?;
    println!("daihoi: đang phục vụ tại http://{local}");
    tracing::info!(%local, instance = %state.config.instance_id, "serving");
    if state.config.public_url.is_none() {
        tracing::warn!(base = %state.config.base_url(),
            "--public-url is not set: canonical links, Open Graph, share links, sitemap.xml, robots.txt and the API's url use this base; set --public-url to the address readers use");
    }

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let flusher = tokio::spawn(crate::portal::visits::run_flusher(
        state.clone(),
        flush_interval,
        stop_rx,
    ));

    let app = crate::router(state.clone());
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("máy chủ web dừng vì lỗi")?;
    tracing::info!("stopped accepting; in-flight requests finished");

    let _ = stop_tx.send(true);
    let _ = flusher.await;
    final_flush(&state).await?;
    store.close().await;
    tracing::info!("daihoi stopped cleanly");
    Ok(())
}

/// Writes what is left in the visit buffer; tries a few times before giving up loudly.
async fn final_flush(state: &PortalState) -> anyhow::Result<()> {
    let mut last_err = None;
    for attempt in 1..=5 {
        match state.visits.flush(&state.store, state.now()).await {
            Ok(n) => {
                tracing::info!(visits = n, "visit buffer written");
                if let Err(err) = state.visits.withdraw_presence(&state.store).await {
                    tracing::warn!(error = %err, "presence row not removed");
                }
                return Ok(());
            }
            Err(err) => {
                tracing::warn!(attempt, error = %err, "final visit flush failed");
                last_err = Some(err);
                tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
            }
        }
    }
    let lost = state.visits.unflushed_total();
    Err(anyhow::anyhow!(
        "không ghi được {lost} lượt truy cập còn trong bộ đệm: {}",
        last_err.map(|e| e.to_string()).unwrap_or_default()
    ))
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => tracing::info!("SIGINT received, shutting down"),
        _ = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
