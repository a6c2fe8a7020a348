//! `daihoi serve` — run the web server (portal, administration, API).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `daihoi serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Data folder: the SQLite file (unless --database-url) and uploaded photos.
    #[arg(long, default_value = "./data")]
    pub data_dir: PathBuf,
    /// Database URL: `postgres://…` selects PostgreSQL; default SQLite at <data-dir>/daihoi.db.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// Do not load the demo data into an empty database.
    #[arg(long)]
    pub no_demo: bool,
    /// Time zone of the statistics' days and every displayed time (IANA name).
    #[arg(long, default_value = "Asia/Ho_Chi_Minh")]
    pub time_zone: chrono_tz::Tz,
    /// Name of this instance among several behind a load balancer (default: hostname-pid).
    #[arg(long)]
    pub instance_id: Option<String>,
    /// Public base URL for absolute links (share cards, XML site map), e.g. https://cong.example.gov.vn.
    #[arg(long, env = "DAIHOI_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Trust X-Forwarded-For / X-Forwarded-Proto (only behind a proxy you run).
    #[arg(long)]
    pub trust_proxy: bool,
    /// Seconds a connection gets to send a whole request head (from its opening, or from the
    /// first byte of its next request); slower clients are disconnected.
    #[arg(long, env = "DAIHOI_HEADER_READ_TIMEOUT", default_value_t = daihoi_web::config::DEFAULT_HEADER_READ_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_read_timeout: u64,
    /// Seconds a request body gets before it must keep up 8 KiB/s on average (each 8 KiB received
    /// adds a second); a body that trickles is cut.
    #[arg(long, env = "DAIHOI_BODY_READ_TIMEOUT", default_value_t = daihoi_web::config::DEFAULT_BODY_READ_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_read_timeout: u64,
    /// Seconds a connection may stay with no request running and no byte moving (idle kept-alive
    /// connections, clients that stopped reading).
    #[arg(long, env = "DAIHOI_IDLE_TIMEOUT", default_value_t = daihoi_web::config::DEFAULT_IDLE_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub idle_timeout: u64,
    /// Connections open at once (lowered to fit under the open-files limit); more wait in the
    /// kernel's listen backlog.
    #[arg(long, env = "DAIHOI_MAX_CONNECTIONS", default_value_t = daihoi_web::config::DEFAULT_MAX_CONNECTIONS as u64, value_parser = clap::value_parser!(u64).range(16..=1_000_000))]
    pub max_connections: u64,
    /// Seconds requests in flight get after SIGTERM/SIGINT before their connections are closed.
    #[arg(long, env = "DAIHOI_SHUTDOWN_GRACE", default_value_t = daihoi_web::config::DEFAULT_SHUTDOWN_GRACE.as_secs(), value_parser = clap::value_parser!(u64).range(0..=600))]
    pub shutdown_grace: u64,
}

/// Runs `daihoi serve`: exit code 0 after a graceful stop, 1 on any error (bad database URL,
/// a schema newer than this binary, a database or uploads folder that cannot be written, port in
/// use, …) and after a stop that could not write the buffered visits (the database was down).
pub fn run(args: ServeArgs) -> ExitCode {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .try_init();
    let mut config = daihoi_web::Config::new(args.data_dir);
    config.listen = args.listen;
    config.database_url = args.database_url.filter(|u| !u.trim().is_empty());
    config.load_demo = !args.no_demo;
    config.time_zone = args.time_zone;
    if let Some(id) = args.instance_id.filter(|i| !i.trim().is_empty()) {
        config.instance_id = id;
    }
    config.public_url = args.public_url.filter(|u| !u.trim().is_empty());
    config.trust_forwarded_for = args.trust_proxy;
    config.header_read_timeout = Duration::from_secs(args.header_read_timeout);
    config.body_read_timeout = Duration::from_secs(args.body_read_timeout);
    config.idle_timeout = Duration::from_secs(args.idle_timeout);
    config.max_connections = usize::try_from(args.max_connections).unwrap_or(usize::MAX);
    config.shutdown_grace = Duration::from_secs(args.shutdown_grace);
    // On one CPU (a small VM, or `taskset -c 0`) a single-threaded runtime does the same work
    // without the multi-threaded scheduler's hand-offs; blocking work (password hashing, photo
    // cleaning) still goes to the blocking pool.
    let one_cpu = std::thread::available_parallelism().is_ok_and(|n| n.get() == 1);
    let mut builder = if one_cpu {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("daihoi serve: không khởi động được bộ chạy bất đồng bộ: {err}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(daihoi_web::serve(config, Some(load_demo))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("daihoi serve: lỗi: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// The demo loader handed to the server (the web crate does not know the demo).
fn load_demo<'a>(
    store: &'a daihoi_store::Store,
    config: &'a daihoi_web::Config,
    today: chrono::NaiveDate,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = anyhow::Result<()>> + Send + 'a>> {
    Box::pin(daihoi_demo::load(store, config, today))
}
