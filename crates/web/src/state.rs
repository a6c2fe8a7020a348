//! Trạng thái ứng dụng — the configuration and the shared state every handler sees.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::visits::VisitCounter;

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
    /// XML site map; `None` means "from the request's Host header".
    pub public_url: Option<String>,
    /// Trust the first address of `X-Forwarded-For` as the client (only behind a proxy you run).
    pub trust_forwarded_for: bool,
    /// How often the visit buffer is written to the database.
    pub visit_flush_interval: Duration,
    /// Per-IP rating limit: burst size.
    pub rating_burst: NonZeroU32,
    /// Per-IP rating limit: one more rating allowed per this period once the burst is spent.
    pub rating_period: Duration,
}

impl Config {
    /// A configuration with the documented defaults for `data_dir`.
    pub fn new(data_dir: impl Into<PathBuf>) -> Config {
        Config {
            data_dir: data_dir.into(),
            database_url: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            time_zone: daihoi_domain::vn::DEFAULT_TIME_ZONE,
            portal_name: "Cổng thông tin điện tử (bản trình diễn)".to_owned(),
            load_demo: true,
            instance_id: default_instance_id(),
            public_url: None,
            trust_forwarded_for: false,
            visit_flush_interval: Duration::from_secs(5),
            rating_burst: NonZeroU32::new(30).expect("30 > 0"),
            rating_period: Duration::from_secs(2),
        }
    }

    /// Thư mục ảnh tải lên — `<data_dir>/uploads`, served under `/uploads/`.
    pub fn uploads_dir(&self) -> PathBuf {
        self.data_dir.join("uploads")
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

/// Đồng hồ — where handlers read "now". Real time in production; tests set and move it.
#[derive(Clone, Default)]
pub struct Clock {
    manual: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { manual: None }
    }

    /// A clock that stands still at `at` until [`Clock::set`] or [`Clock::advance`].
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock {
            manual: Some(Arc::new(Mutex::new(at))),
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            Some(at) => *at.lock().unwrap_or_else(|e| e.into_inner()),
            None => Utc::now(),
        }
    }

    /// Sets a manual clock (no effect on the system clock).
    pub fn set(&self, to: DateTime<Utc>) {
        if let Some(at) = &self.manual {
            *at.lock().unwrap_or_else(|e| e.into_inner()) = to;
        }
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance(&self, by: chrono::Duration) {
        if let Some(at) = &self.manual {
            let mut at = at.lock().unwrap_or_else(|e| e.into_inner());
            *at += by;
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.manual {
            Some(_) => write!(f, "Clock::manual({})", self.now()),
            None => f.write_str("Clock::system"),
        }
    }
}

/// Giới hạn đánh giá theo IP — the in-memory per-IP rating limiter.
pub type RatingLimiter = DefaultKeyedRateLimiter<IpAddr>;

/// Trạng thái chung — what every handler shares: one reference-counted [`Shared`], so a clone
/// (axum makes several per request: one per middleware layer and `State` extractor) is a single
/// atomic increment, not one per field.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] holds.
pub struct Shared {
    /// The database.
    pub store: daihoi_store::Store,
    /// This instance's configuration.
    pub config: Arc<Config>,
    /// Khóa bí mật — the HMAC key for form tokens (from the database, shared by all instances).
    pub secret: Arc<[u8]>,
    /// Bộ đếm truy cập — the in-memory visit buffer of this instance.
    pub visits: VisitCounter,
    /// The per-IP rating limiter.
    pub rating_limiter: Arc<RatingLimiter>,
    /// Where "now" comes from.
    pub clock: Clock,
    /// Khung trang — the portal name and the category menu, reused for a moment so a page view
    /// does not ask the database for them every time.
    pub chrome: Arc<Mutex<Option<ChromeCache>>>,
    /// Bài viết đã dựng — published articles with their rendered body, by slug.
    pub articles: Arc<TtlCache<String, Arc<crate::portal::views::CachedArticle>>>,
    /// Trang bài viết dựng sẵn — article pages rendered once with holes for the per-request
    /// values, by (slug, base URL).
    pub article_pages: Arc<TtlCache<(String, String), Arc<crate::portal::RenderedArticle>>>,
    /// Trang danh sách dựng sẵn — the home and category pages rendered once with holes for the
    /// statistics, by (path with page number, base URL).
    pub list_pages: Arc<TtlCache<(String, String), Arc<crate::portal::RenderedList>>>,
    /// Danh sách bài — pages of published articles by (category, page, per page).
    pub lists: Arc<ListCache>,
    /// Điểm đánh giá — rating sums by article id (updated at once by this instance's ratings).
    pub ratings: Arc<TtlCache<i64, daihoi_store::RatingSummary>>,
}

/// Pages of published articles by (category, page, per page).
pub type ListCache =
    TtlCache<(Option<i64>, u32, u32), Arc<daihoi_store::Page<daihoi_store::ArticleSummary>>>;

/// Bộ nhớ đệm ngắn hạn — a small map whose entries live `ttl_ms` milliseconds (by the app's
/// clock). When it holds `cap` entries it is emptied, which bounds memory without bookkeeping.
pub struct TtlCache<K, V> {
    map: Mutex<std::collections::HashMap<K, (DateTime<Utc>, V)>>,
    ttl_ms: i64,
    cap: usize,
}

impl<K: std::hash::Hash + Eq, V: Clone> TtlCache<K, V> {
    /// An empty cache.
    pub fn new(ttl_ms: i64, cap: usize) -> TtlCache<K, V> {
        TtlCache {
            map: Mutex::new(std::collections::HashMap::new()),
            ttl_ms,
            cap,
        }
    }

    /// The value stored for `key` if it is younger than the time to live at `now`.
    pub fn get(&self, key: &K, now: DateTime<Utc>) -> Option<V> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let (at, value) = map.get(key)?;
        let age = (now - *at).num_milliseconds();
        (0..self.ttl_ms).contains(&age).then(|| value.clone())
    }

    /// Stores `value` for `key` as of `now`.
    pub fn put(&self, key: K, value: V, now: DateTime<Utc>) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= self.cap {
            map.clear();
        }
        map.insert(key, (now, value));
    }

    /// Forgets everything.
    pub fn clear(&self) {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// How long the portal name and categories are reused, in seconds. An edit in the
/// administration shows on the public pages within this time.
pub const CHROME_CACHE_SECONDS: i64 = 2;

/// Portal name and categories as read at `fetched_at`.
#[derive(Debug, Clone)]
pub struct ChromeCache {
    /// When they were read.
    pub fetched_at: DateTime<Utc>,
    /// Tên cổng.
    pub portal_name: String,
    /// Chuyên mục, in menu order.
    pub categories: Arc<Vec<daihoi_store::Category>>,
}

impl AppState {
    /// Builds the state over a connected, migrated store.
    pub async fn new(
        store: daihoi_store::Store,
        config: Config,
        clock: Clock,
    ) -> Result<AppState, daihoi_store::StoreError> {
        let secret: Arc<[u8]> = store.secret_key().await?.into_bytes().into();
        let quota = Quota::with_period(config.rating_period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(config.rating_burst);
        let visits = VisitCounter::new(config.time_zone, config.instance_id.clone());
        Ok(AppState(Arc::new(Shared {
            store,
            config: Arc::new(config),
            secret,
            visits,
            rating_limiter: Arc::new(RatingLimiter::keyed(quota)),
            clock,
            chrome: Arc::new(Mutex::new(None)),
            articles: Arc::new(TtlCache::new(CHROME_CACHE_SECONDS * 1000, 1024)),
            article_pages: Arc::new(TtlCache::new(CHROME_CACHE_SECONDS * 1000, 1024)),
            list_pages: Arc::new(TtlCache::new(CHROME_CACHE_SECONDS * 1000, 1024)),
            lists: Arc::new(TtlCache::new(CHROME_CACHE_SECONDS * 1000, 256)),
            ratings: Arc::new(TtlCache::new(1000, 4096)),
        })))
    }

    /// Now, from the state's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Forgets every cached public-page piece (portal name, categories, articles, lists,
    /// rating figures), so the next page reads them again. The administration calls it after a
    /// change; without it a change shows within [`CHROME_CACHE_SECONDS`].
    pub fn invalidate_caches(&self) {
        *self.chrome.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.articles.clear();
        self.article_pages.clear();
        self.list_pages.clear();
        self.lists.clear();
        self.ratings.clear();
    }
}
