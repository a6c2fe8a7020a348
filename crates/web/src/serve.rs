//! `daihoi serve` — connect, migrate, load the demo, listen, and stop gracefully.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use daihoi_store::{Store, StoreError};
use tokio::net::TcpListener;

use std::future::Future;
use std::pin::Pin;

use chrono::NaiveDate;

use crate::config::Config;
use crate::kernel::{Clock, Kernel, listener};
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
/// 1. Raises the open-files limit to the hard limit where allowed and keeps the connection cap
///    under it; makes the allocator return large blocks at once (`kernel::listener`).
/// 2. Connects to the database (`config.database_url()`) and applies the migrations; a database
///    migrated by a newer daihoi is an error (the caller exits with code 1).
/// 3. Refuses to start (an error naming the path) when the database or the uploads folder cannot
///    be written: a read-only data directory would otherwise serve pages and then fail every
///    login and every visit flush.
/// 4. Loads the demo data into an empty database unless `config.load_demo` is false.
/// 5. Binds, prints `daihoi: đang phục vụ tại http://…` and serves within the connection limits.
/// 6. On SIGINT/SIGTERM, within `shutdown_grace` + `final_flush_timeout` + about 2 s (10 s with
///    the defaults): stops accepting, lets in-flight requests finish for the grace period and
///    closes what is left, then writes the visit buffer (retrying until `final_flush_timeout`)
///    and withdraws this instance's presence. Visits that could not be written (the database is
///    down) are logged and make this an error: the process exits 1.
pub async fn serve(config: Config, demo: Option<DemoLoader>) -> anyhow::Result<()> {
    serve_until(config, demo, shutdown_signal()).await
}

/// [`serve`], stopping when `shutdown` resolves instead of on a signal.
pub async fn serve_until(
    mut config: Config,
    demo: Option<DemoLoader>,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    if let Some(url) = config.public_url.as_deref()
        && !crate::kernel::csrf::is_site_url(url)
    {
        anyhow::bail!(
            "--public-url «{url}» không dùng được: cần một địa chỉ http:// hoặc https:// đầy đủ, ví dụ https://congthongtin.example.vn"
        );
    }
    listener::return_large_blocks_to_the_system();
    let files = listener::raise_open_files_limit();
    let cap = listener::cap_under_file_limit(config.max_connections, files.map(|(soft, _)| soft));
    match files {
        Some((soft, hard)) => {
            tracing::info!(soft, hard, max_connections = cap, "open-files limit");
        }
        None => tracing::info!(max_connections = cap, "open-files limit unknown"),
    }
    if cap < config.max_connections {
        tracing::warn!(
            wanted = config.max_connections,
            max_connections = cap,
            "connection cap lowered to fit under the open-files limit"
        );
    }
    config.max_connections = cap;

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
    check_dir_writable(&config.uploads_dir())?;
    let url = config.database_url();
    let store = Store::connect(&url)
        .await
        .with_context(|| "không kết nối được cơ sở dữ liệu".to_owned())?;
    match store.migrate().await {
        Ok(()) => {}
        Err(err @ StoreError::SchemaTooNew { .. }) => return Err(err.into()),
        Err(err) => {
            let context = if is_read_only(&err) {
                read_only_message(&store)
            } else {
                "không chuyển đổi được lược đồ".to_owned()
            };
            return Err(anyhow::Error::new(err).context(context));
        }
    }
    store
        .check_writable()
        .await
        .with_context(|| read_only_message(&store))?;
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
    let limits = listener::Limits::from_config(&config);
    let final_flush_timeout = config.final_flush_timeout;
    let kernel = Kernel::new(store.clone(), config, Clock::system()).await?;
    let state = PortalState::over(kernel);
    let tcp = bind(listen).with_context(|| format!("không mở được cổng {listen}"))?;
    let local = tcp.local_addr()?;
    println!("daihoi: đang phục vụ tại http://{local}");
    tracing::info!(%local, instance = %state.config.instance_id, ?limits, "serving");
    if state.config.public_url.is_none() {
        tracing::warn!(base = %state.config.base_url(),
            "--public-url is not set: canonical links, Open Graph, share links, sitemap.xml, robots.txt and the API's url use this base; set --public-url to the address readers use");
    }

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut flusher = tokio::spawn(crate::portal::visits::run_flusher(
        state.clone(),
        flush_interval,
        stop_rx,
    ));

    // The hall screens' live channels; on PostgreSQL one task hears the other instances'
    // attendance changes on one dedicated connection.
    let live = std::sync::Arc::new(crate::congress::live::LiveHub::new());
    let attendance_listener = match store
        .attendance_listener()
        .await
        .context("không mở được kết nối nghe thay đổi điểm danh (LISTEN)")?
    {
        Some(listener) => Some(tokio::spawn(crate::congress::live::run_listener(
            listener,
            live.clone(),
            store.clone(),
            state.config.instance_id.clone(),
        ))),
        None => None,
    };
    let app = crate::router_with_live(state.clone(), live);
    let stopped = listener::serve_connections(tcp, app, limits, shutdown).await;
    tracing::info!(
        closed_after_grace = stopped.closed_after_grace,
        "stopped serving"
    );

    let flushed = tokio::time::timeout(final_flush_timeout, async {
        // The periodic flusher may be in the middle of a write: it finishes it (or the deadline
        // cuts it), then the last write takes what is left.
        let _ = stop_tx.send(true);
        let _ = (&mut flusher).await;
        final_flush(&state).await
    })
    .await;
    flusher.abort();
    if let Some(task) = attendance_listener {
        task.abort();
    }
    let outcome = match flushed {
        Ok(result) => result,
        Err(_) => Err(lost_visits(&state, "hết thời hạn ghi khi dừng")),
    };
    // Connections still out in a query (a database that stopped answering) are not waited for.
    if tokio::time::timeout(Duration::from_secs(1), store.close())
        .await
        .is_err()
    {
        tracing::warn!("database connections still busy at exit; not waited for");
    }
    outcome?;
    tracing::info!("daihoi stopped cleanly");
    Ok(())
}

/// The listening socket, with a backlog where connections wait while the connection cap is
/// reached.
fn bind(listen: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if listen.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(listen)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Connections the kernel queues for the accept loop (Linux caps it at `net.core.somaxconn`).
const LISTEN_BACKLOG: u32 = 4096;

/// Whether a store error says the database is read-only (SQLite's `SQLITE_READONLY` family,
/// PostgreSQL's `read_only_sql_transaction`).
fn is_read_only(err: &StoreError) -> bool {
    let text = err.to_string().to_ascii_lowercase();
    text.contains("readonly") || text.contains("read-only") || text.contains("read only")
}

/// The refusal to start on a database that cannot be written, naming it.
fn read_only_message(store: &Store) -> String {
    format!(
        "cơ sở dữ liệu «{}» không ghi được (tệp hoặc thư mục chứa nó chỉ cho đọc, hoặc máy chủ \
         PostgreSQL chỉ cho đọc); daihoi cần ghi được để lưu đăng nhập và lượt truy cập, nên không \
         khởi động",
        store.url_redacted()
    )
}

/// Refuses a folder daihoi cannot write into: creates and removes a temporary file there.
fn check_dir_writable(dir: &Path) -> anyhow::Result<()> {
    tempfile::Builder::new()
        .prefix(".daihoi-write-check")
        .tempfile_in(dir)
        .map(drop)
        .with_context(|| {
            format!(
                "thư mục ảnh {} không ghi được; daihoi cần ghi vào đó để lưu ảnh tải lên, nên \
                 không khởi động",
                dir.display()
            )
        })
}

/// Writes what is left in the visit buffer, retrying until it succeeds (the caller bounds the
/// time).
async fn final_flush(state: &PortalState) -> anyhow::Result<()> {
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
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
                if attempt >= 5 {
                    return Err(lost_visits(state, &err.to_string()));
                }
                tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
            }
        }
    }
}

/// The error for the visits that stay unwritten at exit (also logged).
fn lost_visits(state: &PortalState, why: &str) -> anyhow::Error {
    let lost = state.visits.unflushed_total();
    tracing::error!(lost_visits = lost, reason = why, "visits lost at shutdown");
    anyhow::anyhow!("không ghi được {lost} lượt truy cập còn trong bộ đệm: {why}")
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
