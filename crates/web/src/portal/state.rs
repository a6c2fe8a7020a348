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
    pub chrome: Arc<TtlCache<(), ChromeCache>>,
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
///
/// [`TtlCache::get_or_fill`] refreshes an expired entry *once*: while one request reads the new
/// value from the store, the requests arriving meanwhile get the expired value (for at most
/// [`STALE_GRACE_MS`] past its lifetime) instead of all reading the store at the same moment.
pub struct TtlCache<K, V> {
    map: Mutex<std::collections::HashMap<K, Slot<V>>>,
    ttl_ms: i64,
    cap: usize,
}

/// One cached value: when it was stored, and since when a refresh of it is running (if one is).
struct Slot<V> {
    at: DateTime<Utc>,
    value: V,
    refreshing_since: Option<DateTime<Utc>>,
}

/// How long past its lifetime an entry may still be served while another request refreshes it.
pub const STALE_GRACE_MS: i64 = 5_000;

/// A refresh that has not finished after this long (its request was dropped, say) no longer holds
/// the others back: the next request refreshes the entry itself.
pub const REFRESH_TIMEOUT_MS: i64 = 5_000;

impl<K: std::hash::Hash + Eq + Clone, V: Clone> TtlCache<K, V> {
    /// An empty cache.
    pub fn new(ttl_ms: i64, cap: usize) -> TtlCache<K, V> {
        TtlCache {
            map: Mutex::new(std::collections::HashMap::new()),
            ttl_ms,
            cap,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<K, Slot<V>>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value stored for `key` if it is younger than the time to live at `now`.
    pub fn get(&self, key: &K, now: DateTime<Utc>) -> Option<V> {
        let map = self.lock();
        let slot = map.get(key)?;
        let age = (now - slot.at).num_milliseconds();
        (0..self.ttl_ms).contains(&age).then(|| slot.value.clone())
    }

    /// The value for `key` at `now`: the stored one while it is young enough, else the result of
    /// `fill`, which is then stored. While a refresh of an expired value is running, other callers
    /// get the expired value rather than calling `fill` too (see [`TtlCache`]). An error of
    /// `fill` is returned and leaves the stored value as it was.
    pub async fn get_or_fill<E, Fut>(
        &self,
        key: K,
        now: DateTime<Utc>,
        fill: impl FnOnce() -> Fut,
    ) -> Result<V, E>
    where
        Fut: std::future::Future<Output = Result<V, E>>,
    {
        {
            let mut map = self.lock();
            if let Some(slot) = map.get_mut(&key) {
                let age = (now - slot.at).num_milliseconds();
                if (0..self.ttl_ms).contains(&age) {
                    return Ok(slot.value.clone());
                }
                // (A request whose clock reading came a moment before the refresh began counts it
                // as running too.)
                let refresh_running = slot
                    .refreshing_since
                    .is_some_and(|since| (now - since).num_milliseconds() < REFRESH_TIMEOUT_MS);
                if refresh_running && (0..self.ttl_ms + STALE_GRACE_MS).contains(&age) {
                    return Ok(slot.value.clone());
                }
                slot.refreshing_since = Some(now);
            }
        }
        match fill().await {
            Ok(value) => {
                self.put(key, value.clone(), now);
                Ok(value)
            }
            Err(err) => {
                if let Some(slot) = self.lock().get_mut(&key) {
                    slot.refreshing_since = None;
                }
                Err(err)
            }
        }
    }

    /// Stores `value` for `key` as of `now`.
    pub fn put(&self, key: K, value: V, now: DateTime<Utc>) {
        let mut map = self.lock();
        if map.len() >= self.cap {
            map.clear();
        }
        map.insert(
            key,
            Slot {
                at: now,
                value,
                refreshing_since: None,
            },
        );
    }

    /// Forgets everything.
    pub fn clear(&self) {
        self.lock().clear();
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
            chrome: Arc::new(TtlCache::new(CHROME_CACHE_SECONDS * 1000, 1)),
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
        self.chrome.clear();
        self.articles.clear();
        self.article_pages.clear();
        self.list_pages.clear();
        self.lists.clear();
        self.ratings.clear();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use chrono::{Duration, TimeZone};

    use super::*;

    fn t(ms: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap() + Duration::milliseconds(ms)
    }

    async fn fill_with(
        cache: &TtlCache<u8, u32>,
        at: DateTime<Utc>,
        value: u32,
        calls: &AtomicU32,
    ) -> Result<u32, &'static str> {
        cache
            .get_or_fill(1, at, async || {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok(value)
            })
            .await
    }

    #[tokio::test]
    async fn a_young_value_is_reused_and_an_expired_one_is_read_again() {
        let cache = TtlCache::new(2_000, 8);
        let calls = AtomicU32::new(0);
        assert_eq!(fill_with(&cache, t(0), 1, &calls).await, Ok(1));
        assert_eq!(fill_with(&cache, t(1_999), 2, &calls).await, Ok(1));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(fill_with(&cache, t(2_000), 3, &calls).await, Ok(3));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert_eq!(cache.get(&1, t(2_500)), Some(3));
    }

    #[tokio::test]
    async fn while_one_request_refreshes_the_others_get_the_expired_value() {
        let cache = TtlCache::new(2_000, 8);
        let calls = AtomicU32::new(0);
        fill_with(&cache, t(0), 1, &calls).await.unwrap();
        let (release, wait) = tokio::sync::oneshot::channel::<()>();
        let refresh = cache.get_or_fill(1, t(2_100), async || {
            wait.await.ok();
            Ok::<_, &'static str>(2)
        });
        let others = async {
            // The refresh has started (its first poll marked the entry) before these run.
            tokio::task::yield_now().await;
            let during = fill_with(&cache, t(2_200), 9, &calls).await;
            release.send(()).ok();
            during
        };
        let (refreshed, during) = tokio::join!(refresh, others);
        assert_eq!(refreshed, Ok(2));
        assert_eq!(during, Ok(1), "the expired value while the refresh runs");
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "no second read of the store"
        );
        assert_eq!(cache.get(&1, t(2_300)), Some(2));
    }

    #[tokio::test]
    async fn a_failed_or_abandoned_refresh_does_not_hold_the_others_back() {
        let cache = TtlCache::new(2_000, 8);
        let calls = AtomicU32::new(0);
        fill_with(&cache, t(0), 1, &calls).await.unwrap();
        // A failed refresh keeps the old value and lets the next request try again.
        let failed = cache
            .get_or_fill(1, t(2_100), async || Err::<u32, _>("store down"))
            .await;
        assert_eq!(failed, Err("store down"));
        assert_eq!(fill_with(&cache, t(2_200), 2, &calls).await, Ok(2));
        // A refresh whose request was dropped: after REFRESH_TIMEOUT_MS the next request reads.
        let abandoned = cache.get_or_fill(1, t(4_300), async || {
            std::future::pending::<()>().await;
            Ok::<u32, &'static str>(0)
        });
        let mut abandoned = Box::pin(abandoned);
        assert!(futures_util::poll!(abandoned.as_mut()).is_pending());
        drop(abandoned);
        assert_eq!(fill_with(&cache, t(4_400), 7, &calls).await, Ok(2), "stale");
        assert_eq!(
            fill_with(&cache, t(4_300 + REFRESH_TIMEOUT_MS), 8, &calls).await,
            Ok(8)
        );
        // Past the grace period nothing expired is served, refresh or not.
        let cache = TtlCache::new(2_000, 8);
        fill_with(&cache, t(0), 1, &calls).await.unwrap();
        cache.lock().get_mut(&1).unwrap().refreshing_since = Some(t(2_000 + STALE_GRACE_MS));
        assert_eq!(
            fill_with(&cache, t(2_000 + STALE_GRACE_MS + 1), 5, &calls).await,
            Ok(5)
        );
    }
}
