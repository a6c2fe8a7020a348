//! Cấu hình — how this instance runs, from the flags of `daihoi serve`. Read by the kernel and
//! by both areas.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;

/// Default [`Config::header_read_timeout`]: 10 s.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Default [`Config::body_read_timeout`]: 10 s (plus a second per 8 KiB received).
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Default [`Config::idle_timeout`]: 60 s.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Default [`Config::max_connections`]: 10.000 (a reverse proxy needs far fewer; the rest is
/// headroom for clients that reach the server directly).
pub const DEFAULT_MAX_CONNECTIONS: usize = 10_000;
/// Default [`Config::shutdown_grace`]: 5 s.
pub const DEFAULT_SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// Default [`Config::final_flush_timeout`]: 3 s (grace and flush stay within 10 s).
pub const DEFAULT_FINAL_FLUSH_TIMEOUT: Duration = Duration::from_secs(3);

/// Cấu hình — how this instance runs (from `daihoi serve` flags).
#[derive(Debug, Clone)]
pub struct Config {
    /// Thư mục dữ liệu — where the SQLite file and the uploads live.
    pub data_dir: PathBuf,
    /// Database URL (`sqlite://…` or `postgres://…`); `None` means `<data_dir>/daihoi.db`.
    pub database_url: Option<String>,
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Múi giờ — days, months and years of the statistics and every displayed time use it.
    pub time_zone: chrono_tz::Tz,
    /// Tên cổng — the portal's name when the database has none.
    pub portal_name: String,
    /// Load the demo data into an empty database.
    pub load_demo: bool,
    /// Tên phiên bản — identifies this process among several behind a load balancer (used for
    /// the "online" presence rows).
    pub instance_id: String,
    /// Public base URL (`https://cong.example.gov.vn`) for absolute links in share cards and the
    /// XML site map, and the origin administration forms must come from; `None` means
    /// `http://` and the listen address ([`Config::base_url`]), never the request's Host.
    pub public_url: Option<String>,
    /// Trust `X-Forwarded-For`: its last address, the one the proxy appended, is the client (only
    /// behind one proxy you run).
    pub trust_forwarded_for: bool,
    /// How often the visit buffer is written to the database.
    pub visit_flush_interval: Duration,
    /// Per-IP rating limit: burst size.
    pub rating_burst: NonZeroU32,
    /// Per-IP rating limit: one more rating allowed per this period once the burst is spent.
    pub rating_period: Duration,
    /// Per-address limit of the public forms (Hỏi đáp, Liên hệ, together): burst size.
    pub citizen_burst: NonZeroU32,
    /// Per-address limit of the public forms: one more post allowed per this period once the
    /// burst is spent.
    pub citizen_period: Duration,
    /// Thời hạn đọc phần đầu — time a connection gets to send a whole request head (from its
    /// opening, or from the first byte of its next request).
    pub header_read_timeout: Duration,
    /// Thời hạn đọc thân — time a request body gets, plus one second per 8 KiB received.
    pub body_read_timeout: Duration,
    /// Thời hạn chờ — a connection with no handler running and no byte moving is closed after it.
    pub idle_timeout: Duration,
    /// Số kết nối tối đa — connections open at once (kept under the open-files limit); more wait
    /// in the kernel's listen backlog.
    pub max_connections: usize,
    /// Thời gian ân hạn khi dừng — what requests in flight get after SIGTERM before their
    /// connections are closed.
    pub shutdown_grace: Duration,
    /// Thời hạn ghi lượt truy cập khi dừng — how long the last write of the buffered visits may
    /// take at shutdown (the visits still buffered after it are logged as lost).
    pub final_flush_timeout: Duration,
}

impl Config {
    /// A configuration with the documented defaults for `data_dir`.
    pub fn new(data_dir: impl Into<PathBuf>) -> Config {
        Config {
            data_dir: data_dir.into(),
            database_url: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            time_zone: daihoi_domain::vn::DEFAULT_TIME_ZONE,
            portal_name: "Cổng thông tin điện tử".to_owned(),
            load_demo: true,
            instance_id: default_instance_id(),
            public_url: None,
            trust_forwarded_for: false,
            visit_flush_interval: Duration::from_secs(5),
            rating_burst: NonZeroU32::new(30).expect("30 > 0"),
            rating_period: Duration::from_secs(2),
            citizen_burst: NonZeroU32::new(5).expect("5 > 0"),
            citizen_period: Duration::from_secs(10 * 60),
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            shutdown_grace: DEFAULT_SHUTDOWN_GRACE,
            final_flush_timeout: DEFAULT_FINAL_FLUSH_TIMEOUT,
        }
    }

    /// Thư mục ảnh tải lên — `<data_dir>/uploads`, served under `/uploads/`.
    pub fn uploads_dir(&self) -> PathBuf {
        self.data_dir.join("uploads")
    }

    /// Whether the configured public address is `https://…` (Secure cookies, HSTS).
    pub fn public_url_is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.to_ascii_lowercase().starts_with("https://"))
    }

    /// Địa chỉ gốc — the site's absolute base URL, no trailing slash, for canonical links, Open
    /// Graph, share links, `sitemap.xml`, `robots.txt` and the API's `url`: the public URL when
    /// it is set, else `http://` and the listen address (`localhost` for an unspecified
    /// address such as `0.0.0.0`). Never the request's `Host`, which the client writes: a real
    /// deployment sets `--public-url` (the server warns at start when it is missing).
    pub fn base_url(&self) -> String {
        if let Some(url) = self
            .public_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            return url.trim_end_matches('/').to_owned();
        }
        if self.listen.ip().is_unspecified() {
            format!("http://localhost:{}", self.listen.port())
        } else {
            format!("http://{}", self.listen)
        }
    }

    /// The database URL to connect to: the configured one or SQLite in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.clone(),
            _ => format!("sqlite://{}", self.data_dir.join("daihoi.db").display()),
        }
    }
}

/// `hostname-pid`, or `daihoi-pid` when the host name is unknown.
pub fn default_instance_id() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_owned())
                .filter(|h| !h.is_empty())
        })
        .unwrap_or_else(|| "daihoi".to_owned());
    format!("{host}-{}", std::process::id())
}
