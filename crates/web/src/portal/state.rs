//! Trạng thái cổng — the portal area's state: the kernel, this instance's visit counter, the
//! per-address rating limiter and the short-lived caches of public pages.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use axum::extract::FromRef;
use chrono::{DateTime, Utc};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::config::Config;
use crate::kernel::{Clock, Kernel, TtlCache};
use crate::portal::public::sitemaps::SiteCatalog;
use crate::portal::public::{RenderedArticle, RenderedList, views::CachedArticle};
use crate::portal::visits::VisitCounter;

/// Giới hạn đánh giá theo IP — the in-memory per-IP rating limiter.
pub type RatingLimiter = DefaultKeyedRateLimiter<IpAddr>;

/// Trạng thái cổng — what every portal handler shares: one reference-counted [`PortalParts`], so
/// a clone (axum makes several per request: one per middleware layer and `State` extractor) is a
/// single atomic increment, not one per field.
///
/// It dereferences to [`PortalParts`], which dereferences to the [`Kernel`]'s parts, so
/// `state.store`, `state.config` and `state.now()` read the kernel's.
#[derive(Clone)]
pub struct PortalState(Arc<PortalParts>);

impl std::ops::Deref for PortalState {
    type Target = PortalParts;

    fn deref(&self) -> &PortalParts {
        &self.0
    }
}

impl FromRef<PortalState> for Kernel {
    fn from_ref(state: &PortalState) -> Kernel {
        state.kernel.clone()
    }
}

/// What [`PortalState`] holds.
pub struct PortalParts {
    /// Store, configuration, secret and clock.
    pub kernel: Kernel,
    /// Bộ đếm truy cập — the in-memory visit buffer of this instance.
    pub visits: VisitCounter,
    /// The per-IP rating limiter.
    pub rating_limiter: Arc<RatingLimiter>,
    /// The per-address limiter of the public forms (Hỏi đáp and Liên hệ share it).
    pub citizen_limiter: Arc<RatingLimiter>,
    /// Khung trang — the portal name and the category menu, reused for a moment so a page view
    /// does not ask the database for them every time.
    pub chrome: TtlCache<(), ChromeCache>,
    /// Bài viết đã dựng — published articles with their rendered body, by slug.
    pub articles: TtlCache<String, Arc<CachedArticle>>,
    /// Trang bài viết dựng sẵn — article pages rendered once with holes for the per-request
    /// values, by (slug, base URL).
    pub article_pages: TtlCache<(String, String), Arc<RenderedArticle>>,
    /// Trang danh sách dựng sẵn — the home and category pages rendered once with holes for the
    /// statistics, by (path with page number, base URL).
    pub list_pages: TtlCache<(String, String), Arc<RenderedList>>,
    /// Danh sách bài — pages of published articles by (category, page, per page).
    pub lists: ListCache,
    /// Điểm đánh giá — rating sums by article id (updated at once by this instance's ratings).
    pub ratings: TtlCache<i64, daihoi_store::RatingSummary>,
    /// Sơ đồ trang — the site maps as last checked against the store (for
    /// [`crate::portal::public::sitemaps::CATALOG_CHECK_MS`]).
    pub sitemaps: TtlCache<(), Arc<SiteCatalog>>,
    /// The site maps last built, reused by the next check when the store's stamp is the same.
    pub sitemaps_kept: Mutex<Option<Arc<SiteCatalog>>>,
    /// Bản đồ ranh giới — the boundary map as drawn with its units' congress progress.
    pub boundaries: TtlCache<(), Arc<crate::portal::map::DrawnMap>>,
    /// Bản đồ nhỏ — the sidebar's picture as last checked against the store's boundary stamp
    /// (every two seconds at most).
    pub small_map: TtlCache<(), Arc<crate::portal::map::SmallMap>>,
    /// The sidebar's picture last drawn, reused by the next check when the stamp is the same.
    pub small_map_kept: Mutex<Option<Arc<crate::portal::map::SmallMap>>>,
}

impl std::ops::Deref for PortalParts {
    type Target = Kernel;

    fn deref(&self) -> &Kernel {
        &self.kernel
    }
}

/// Pages of published articles by (category, page, per page).
pub type ListCache =
    TtlCache<(Option<i64>, u32, u32), Arc<daihoi_store::Page<daihoi_store::ArticleSummary>>>;

/// How long the portal name and categories are reused, in seconds. An edit in the
/// administration shows at once on the instance that made it, and on the others within this time.
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
    /// Thông tin cổng — the footer's and header's identity settings.
    pub site: Arc<crate::portal::identity::SiteView>,
    /// Bản đồ nhỏ — the sidebar's map picture (its address, size and text alternative).
    pub small_map: Arc<crate::portal::map::SmallMap>,
}

impl PortalState {
    /// Builds the state over a connected, migrated store.
    pub async fn new(
        store: daihoi_store::Store,
        config: Config,
        clock: Clock,
    ) -> Result<PortalState, daihoi_store::StoreError> {
        let kernel = Kernel::new(store, config, clock).await?;
        Ok(PortalState::over(kernel))
    }

    /// The portal's state over an existing kernel (shared with the other areas).
    pub fn over(kernel: Kernel) -> PortalState {
        let config = &kernel.config;
        let quota = Quota::with_period(config.rating_period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(config.rating_burst);
        let citizen_quota = Quota::with_period(config.citizen_period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(config.citizen_burst);
        let visits = VisitCounter::new(config.time_zone, config.instance_id.clone());
        let ttl = CHROME_CACHE_SECONDS * 1000;
        PortalState(Arc::new(PortalParts {
            visits,
            rating_limiter: Arc::new(RatingLimiter::keyed(quota)),
            citizen_limiter: Arc::new(RatingLimiter::keyed(citizen_quota)),
            chrome: TtlCache::new(ttl, 1),
            articles: TtlCache::new(ttl, 1024),
            article_pages: TtlCache::new(ttl, 1024),
            list_pages: TtlCache::new(ttl, 1024),
            lists: TtlCache::new(ttl, 256),
            ratings: TtlCache::new(1000, 4096),
            sitemaps: TtlCache::new(crate::portal::public::sitemaps::CATALOG_CHECK_MS, 1),
            sitemaps_kept: Mutex::new(None),
            boundaries: TtlCache::new(ttl, 1),
            small_map: TtlCache::new(ttl, 1),
            small_map_kept: Mutex::new(None),
            kernel,
        }))
    }

    /// Now, from the kernel's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.kernel.now()
    }

    /// An article changed (written, published, withdrawn, its photos or cover): forgets that
    /// article under each of `slugs` (its old and new address) and the lists, which show its
    /// card, and has the site maps check the store again. Other articles' pages and the menu stay
    /// cached.
    pub fn article_changed(&self, slugs: &[&str]) {
        for slug in slugs {
            self.articles.remove(&(*slug).to_owned());
            self.article_pages
                .remove_where(|(page_slug, _)| page_slug == slug);
        }
        self.list_pages.clear();
        self.lists.clear();
        self.sitemaps.clear();
    }

    /// The menu changed (a category added or renamed, the portal's name): every page shows the
    /// menu, so every rendered page is forgotten; rating figures stay.
    pub fn menu_changed(&self) {
        self.chrome.clear();
        self.articles.clear();
        self.article_pages.clear();
        self.list_pages.clear();
        self.lists.clear();
        self.sitemaps.clear();
    }
}
