//! Đếm lượt truy cập — the visit-counting middleware and this instance's in-memory buffer.
//!
//! A **visit** is the first request of a client that has no live `dh_visit` cookie. The cookie
//! holds a random 128-bit visitor id (base64url), is `HttpOnly`, `SameSite=Lax`, `Path=/`, and
//! lives 30 minutes from the client's *last* request (it is sent again, refreshed, on every
//! response). The visitor id is also the subject of the rating form's CSRF token.
//!
//! Counting never touches the database on the request path: counts go to two atomics of the
//! current local day (people, bots); a background task ([`run_flusher`]) moves them to the
//! store every few seconds with [`daihoi_store::Store::add_visit_counts`]. Counts taken for a
//! flush stay in an "unflushed" map until the store confirms the write, so a failed flush loses
//! nothing and is retried; the statistics shown are the stored sums plus everything still here.
//!
//! **One address cannot inflate the figures.** A script that drops its cookies is a new visitor
//! on every request, and a forged cookie a new "online" id. So each *new* visitor (a request
//! that starts a visit, or brings an id not yet online) spends one unit of its network
//! address's allowance ([`daihoi_domain::visits::NEW_VISITORS_PER_ADDRESS`]: 300 at once, then
//! one per 10 s; an IPv6 address counts by its /64). Beyond it the request is counted as
//! automated, with the bots, and is not online. The per-address table holds at most
//! [`MAX_TRACKED_ADDRESSES`] addresses; idle ones are forgotten (an idle address is the same as
//! a new one), and while it is full of busy ones, new addresses are counted as automated.
//! Requests whose address is unknown (no socket peer: only tests that call the router) are
//! not limited.
//!
//! "Online" is the number of distinct visitor ids (people only) seen in the current minute and the
//! four before it. Each instance keeps its own window and reports, at each flush, its count and the
//! HyperLogLog sketch of the window ([`daihoi_domain::hll`]) through the store's presence rows. The
//! figure shown merges the other instances' fresh sketches (read at most once per cache period)
//! with this instance's live window, so a visitor who reached several instances counts once. On a
//! single instance (no other fresh report) the figure stays exact for small numbers.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use std::fmt::Write as _;

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, Utc};
use daihoi_domain::hll::{OtherInstances, Sketch, hash_id};
use daihoi_domain::visits::{
    NEW_VISITORS_PER_ADDRESS, NewVisitorAllowance, ONLINE_WINDOW_MINUTES, StatPeriods,
    VISIT_IDLE_TIMEOUT, online_in_minute,
};
use daihoi_store::{Store, StoreError, VisitKind, VisitSums};
use rand::Rng as _;

use crate::kernel::TtlCache;
use crate::portal::PortalState;

/// Name of the visit cookie.
pub const VISIT_COOKIE: &str = "dh_visit";

/// Lifetime of the visit cookie in seconds: the domain's [`VISIT_IDLE_TIMEOUT`] (30 minutes)
/// since the last request.
pub const VISIT_COOKIE_MAX_AGE: u32 = VISIT_IDLE_TIMEOUT.num_seconds() as u32;

/// Minutes kept by the online window: the [`ONLINE_WINDOW_MINUTES`] counted and one more, so
/// that the slot of a new minute never holds a minute still counted.
const WINDOW_SLOTS: usize = ONLINE_WINDOW_MINUTES as usize + 1;

/// Name of the visitor cookie: the browser's lasting identity for "one rating per visitor and
/// article" and the subject of the public form tokens. The visit cookie ends after 30 idle
/// minutes; this one lasts a year, so a returning reader cannot rate the same article again.
pub const VISITOR_COOKIE: &str = "dh_visitor";

/// Lifetime of the visitor cookie in seconds (365 days).
pub const VISITOR_COOKIE_MAX_AGE: u32 = 365 * 24 * 60 * 60;

/// How long the stored sums are reused before the store is asked again, in seconds.
const SUMS_CACHE_SECONDS: i64 = 2;

/// Distinct visitors remembered exactly per minute before the minute switches to an estimate.
const EXACT_PER_MINUTE: usize = 20_000;

/// Địa chỉ theo dõi tối đa — the most network addresses the new-visitor allowance remembers at
/// once (about 5 MB). Only addresses that brought many new visitors recently stay in it.
pub const MAX_TRACKED_ADDRESSES: usize = 100_000;

/// Khách truy cập — the visitor of this request, put into the request extensions by
/// [`count_visits`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visitor {
    /// The visitor id (the cookie value).
    pub id: String,
    /// Whether this request started a new visit (no live cookie came with it).
    pub new_visit: bool,
    /// Whether the client looks like a crawler, sent no User-Agent, or is a new visitor beyond
    /// its address's allowance (counted as automated).
    pub is_bot: bool,
}

/// Ngày địa phương — the calendar day of `now` in `tz`.
pub fn local_day(now: DateTime<Utc>, tz: chrono_tz::Tz) -> NaiveDate {
    daihoi_domain::visits::local_day(now, tz)
}

/// A fresh random visitor id: 128 bits, base64url without padding (22 characters).
pub fn new_visitor_id() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether `value` has the shape of a visitor id this server issues.
pub fn is_valid_visitor_id(value: &str) -> bool {
    value.len() == 22
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && URL_SAFE_NO_PAD.decode(value).is_ok_and(|b| b.len() == 16)
}

/// The visitor id from the request's `Cookie` headers: the lasting visitor cookie if present and
/// well formed, else the visit cookie (a browser from before the visitor cookie existed).
pub fn visitor_cookie(headers: &axum::http::HeaderMap) -> Option<String> {
    cookie_value(headers, VISITOR_COOKIE).or_else(|| cookie_value(headers, VISIT_COOKIE))
}

/// The value of cookie `name` if it is a well-formed visitor id.
fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    crate::kernel::cookies::request_cookie(headers, name).filter(|v| is_valid_visitor_id(v))
}

/// Whether requests to `path` are counted. Only the public pages' router counts at all (the
/// administration, the API, the congress workspace, static files and uploads never reach it);
/// among its paths, the ones browsers and crawlers fetch on their own are not visits.
pub fn is_counted_path(path: &str) -> bool {
    !(path == "/favicon.ico" || path == "/robots.txt")
}

/// Cookie của lượt truy cập — what counting decided to send back: the visit cookie (refreshed on
/// every page) and, the first time, the lasting visitor cookie.
#[derive(Debug)]
pub struct VisitCookies {
    visit: HeaderValue,
    visitor: Option<HeaderValue>,
}

impl VisitCookies {
    /// Adds the cookies to `response`.
    pub fn set_on(self, response: &mut Response) {
        let headers = response.headers_mut();
        headers.append(header::SET_COOKIE, self.visit);
        if let Some(visitor) = self.visitor {
            headers.append(header::SET_COOKIE, visitor);
        }
    }
}

/// Counts a request to a public page: records a new visit (a person or a bot) and the visitor's
/// presence for "online", puts the [`Visitor`] into the request's extensions for the handlers
/// (the rating form's token), and returns the cookies to send back. `None` for paths that are
/// not counted ([`is_counted_path`]).
pub fn count_request(state: &PortalState, request: &mut Request) -> Option<VisitCookies> {
    if !is_counted_path(request.uri().path()) {
        return None;
    }
    let counts = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let user_agent = request
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let is_bot = daihoi_domain::visits::is_bot(user_agent);
    let live_visit = cookie_value(request.headers(), VISIT_COOKIE);
    let known_visitor = cookie_value(request.headers(), VISITOR_COOKIE);
    let new_visit = live_visit.is_none();
    let has_visitor_cookie = known_visitor.is_some();
    let id = known_visitor.or(live_visit).unwrap_or_else(new_visitor_id);
    let now = state.now();
    let mut automated = false;
    if counts {
        let hash = hash_id(&id);
        // A new visitor starts a visit or brings an id not online yet; it is a person only
        // within its address's allowance.
        let new_visitor = new_visit || !state.visits.is_online(hash, now);
        let person = !is_bot
            && (!new_visitor || {
                let peer = crate::kernel::auth::peer_of_request(request);
                let address = crate::kernel::auth::client_ip(state, request.headers(), peer)
                    .map(crate::kernel::auth::network_of);
                state.visits.admit_new_visitor(address, now)
            });
        automated = !is_bot && !person;
        if new_visit {
            state.visits.record_visit(
                if person {
                    VisitKind::Person
                } else {
                    VisitKind::Bot
                },
                now,
            );
        }
        if person {
            state.visits.seen_hash(hash, now);
        }
    }
    let secure = state.config.public_url_is_https();
    let cookie = |name: &str, max_age: u32| {
        let mut text = String::with_capacity(96);
        let _ = write!(
            text,
            "{name}={id}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax"
        );
        if secure {
            text.push_str("; Secure");
        }
        // The id is base64url, so the value is always a valid header.
        HeaderValue::from_str(&text).ok()
    };
    let visit = cookie(VISIT_COOKIE, VISIT_COOKIE_MAX_AGE)?;
    // The lasting cookie is sent once, when the browser does not have it yet.
    let visitor = if has_visitor_cookie {
        None
    } else {
        cookie(VISITOR_COOKIE, VISITOR_COOKIE_MAX_AGE)
    };
    request.extensions_mut().insert(Visitor {
        id,
        new_visit,
        is_bot: is_bot || automated,
    });
    Some(VisitCookies { visit, visitor })
}

/// Số liệu hiển thị — the figures of the statistics block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct VisitFiguresNow {
    /// Đang truy cập — distinct people in the last 5 minutes, all instances.
    pub online: u64,
    /// Stored sums plus this instance's unflushed counts.
    #[serde(flatten)]
    pub sums: VisitSums,
}

/// Bộ đếm truy cập — this instance's visit buffer; cheap to clone.
#[derive(Clone)]
pub struct VisitCounter {
    inner: Arc<Inner>,
}

struct DayCounts {
    day: Option<NaiveDate>,
    people: AtomicU64,
    bots: AtomicU64,
}

/// The "online" figure's inputs besides this instance's window, and the last figure computed.
#[derive(Default)]
struct OnlineCache {
    /// The other instances' fresh reports, merged.
    others: OtherInstances,
    /// When `others` was read from the store.
    others_at: Option<DateTime<Utc>>,
    /// Bumped whenever `others` is replaced.
    epoch: u64,
    /// (second, window generation, epoch, figure) of the last computation.
    last: Option<(i64, u64, u64, u64)>,
}

struct Inner {
    tz: chrono_tz::Tz,
    instance_id: String,
    /// The current day's counters. Lock order: `current` before `unflushed`, never the other way.
    current: RwLock<DayCounts>,
    unflushed: Mutex<BTreeMap<(NaiveDate, VisitKind), u64>>,
    online: Mutex<OnlineWindow>,
    /// The new-visitor allowance's state per network address.
    addresses: Mutex<AddressTable>,
    online_cached: Mutex<OnlineCache>,
    online_generation: AtomicU64,
    /// The stored sums by local day, kept [`SUMS_CACHE_SECONDS`] and refreshed by one request
    /// at a time (see [`TtlCache`]).
    cache: TtlCache<NaiveDate, VisitSums>,
    flush_lock: tokio::sync::Mutex<()>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl VisitCounter {
    /// A new, empty buffer counting days in `tz`, reporting presence as `instance_id`.
    pub fn new(tz: chrono_tz::Tz, instance_id: String) -> VisitCounter {
        VisitCounter {
            inner: Arc::new(Inner {
                tz,
                instance_id,
                current: RwLock::new(DayCounts {
                    day: None,
                    people: AtomicU64::new(0),
                    bots: AtomicU64::new(0),
                }),
                unflushed: Mutex::new(BTreeMap::new()),
                online: Mutex::new(OnlineWindow::new()),
                addresses: Mutex::new(AddressTable::default()),
                online_cached: Mutex::new(OnlineCache::default()),
                online_generation: AtomicU64::new(0),
                cache: TtlCache::new(SUMS_CACHE_SECONDS * 1000, 4),
                flush_lock: tokio::sync::Mutex::new(()),
            }),
        }
    }

    /// Counts one visit of `kind` at `now` (no I/O; two atomics in the common case).
    pub fn record_visit(&self, kind: VisitKind, now: DateTime<Utc>) {
        let day = local_day(now, self.inner.tz);
        {
            let current = self.inner.current.read().unwrap_or_else(|e| e.into_inner());
            if current.day == Some(day) {
                current.counter(kind).fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
        let mut current = self
            .inner
            .current
            .write()
            .unwrap_or_else(|e| e.into_inner());
        if current.day != Some(day) {
            // The day turned over (or this is the first visit): park the old day's counts.
            let mut unflushed = lock(&self.inner.unflushed);
            current.drain_into(&mut unflushed);
            current.day = Some(day);
        }
        current.counter(kind).fetch_add(1, Ordering::Relaxed);
    }

    /// Notes that visitor `id` (a person) was seen at `now`, for the "online" figure.
    pub fn seen(&self, id: &str, now: DateTime<Utc>) {
        // A fixed, specified hash: every instance must hash an id alike for the sketches to merge.
        self.seen_hash(hash_id(id), now);
    }

    /// Whether the visitor with id hash `hash` is already online here at `now` (seen in the
    /// window, in a minute still counted exactly).
    pub fn is_online(&self, hash: u64, now: DateTime<Utc>) -> bool {
        lock(&self.inner.online).contains(hash, now.timestamp().div_euclid(60))
    }

    /// Whether one more new visitor from `address` (its network, see
    /// [`crate::kernel::auth::network_of`]) counts as a person at `now`, under the domain's
    /// [`NEW_VISITORS_PER_ADDRESS`]. An unknown address is not limited.
    pub fn admit_new_visitor(&self, address: Option<IpAddr>, now: DateTime<Utc>) -> bool {
        match address {
            Some(address) => lock(&self.inner.addresses).admit(address, now),
            None => true,
        }
    }

    /// How many addresses the new-visitor allowance remembers now.
    pub fn tracked_addresses(&self) -> usize {
        lock(&self.inner.addresses).paces.len()
    }

    /// [`VisitCounter::seen`] with the id already hashed.
    pub fn seen_hash(&self, hash: u64, now: DateTime<Utc>) {
        let added = lock(&self.inner.online).insert(hash, now.timestamp().div_euclid(60));
        if added {
            self.inner.online_generation.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Distinct people seen by this instance in the current minute and the four before it.
    pub fn online_here(&self, now: DateTime<Utc>) -> u64 {
        lock(&self.inner.online).count(now.timestamp().div_euclid(60))
    }

    /// Đang truy cập, mọi máy chủ — distinct people of every instance: this instance's live window
    /// merged with the other instances' sketches last read from the store (see
    /// [`OtherInstances::online_with`]). Without another fresh report this is
    /// [`VisitCounter::online_here`], exact for small numbers.
    ///
    /// Not recounted on every page view: the figure is reused while no new visitor arrived and the
    /// other instances' reports were not re-read, and — once it is large (a union of big sets is
    /// too costly per request) — for the rest of the second. Small counts are therefore always
    /// current. No allocation when the other instances' sketch is merged (it is copied on the
    /// stack).
    fn online_cached(&self, now: DateTime<Utc>) -> u64 {
        let second = now.timestamp();
        let minute = second.div_euclid(60);
        let generation = self.inner.online_generation.load(Ordering::Relaxed);
        let mut cache = lock(&self.inner.online_cached);
        if let Some((at, seen_gen, seen_epoch, n)) = cache.last
            && seen_epoch == cache.epoch
            && ((seen_gen == generation && at.div_euclid(60) == minute)
                || (at == second && n >= 1000))
        {
            return n;
        }
        let n = {
            let window = lock(&self.inner.online);
            cache
                .others
                .online_with(|| window.count(minute), |s| window.fill(minute, s))
        };
        cache.last = Some((second, generation, cache.epoch, n));
        n
    }

    /// Replaces the other instances' reports with `others`, read at `at`.
    fn set_others(&self, others: OtherInstances, at: DateTime<Utc>) {
        let mut cache = lock(&self.inner.online_cached);
        cache.others = others;
        cache.others_at = Some(at);
        cache.epoch = cache.epoch.wrapping_add(1);
    }

    /// Whether the other instances' reports were read less than a cache period before `now`.
    fn others_fresh(&self, now: DateTime<Utc>) -> bool {
        lock(&self.inner.online_cached)
            .others_at
            .is_some_and(|at| now >= at && (now - at).num_seconds() < SUMS_CACHE_SECONDS)
    }

    /// Reads the other instances' fresh reports from the store and keeps them merged.
    async fn refresh_others(&self, store: &Store, now: DateTime<Utc>) -> Result<(), StoreError> {
        let reports = store.other_presence(&self.inner.instance_id, now).await?;
        self.set_others(OtherInstances::merge(&reports), now);
        Ok(())
    }

    /// Everything counted here and not yet confirmed stored, by (day, kind).
    pub fn unflushed(&self) -> BTreeMap<(NaiveDate, VisitKind), u64> {
        let mut all = lock(&self.inner.unflushed).clone();
        let current = self.inner.current.read().unwrap_or_else(|e| e.into_inner());
        if let Some(day) = current.day {
            for kind in [VisitKind::Person, VisitKind::Bot] {
                let n = current.counter(kind).load(Ordering::Relaxed);
                if n > 0 {
                    *all.entry((day, kind)).or_default() += n;
                }
            }
        }
        all
    }

    /// Total visits (people + bots) counted here and not yet stored.
    pub fn unflushed_total(&self) -> u64 {
        self.unflushed().values().sum()
    }

    /// Ghi bộ đệm — writes the buffered counts to the store (all or nothing), reports this
    /// instance's online count and sketch, and reads the other instances' reports. On failure the
    /// counts stay buffered for the next try.
    pub async fn flush(&self, store: &Store, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let _one_at_a_time = self.inner.flush_lock.lock().await;
        let batch: Vec<(NaiveDate, VisitKind, u64)> = {
            // Lock order, everywhere: the day's counters (`current`) before `unflushed`. The first
            // visit of a new day holds `current` for writing while it parks the old day's counts
            // in `unflushed`; taking them the other way round here deadlocked at midnight.
            let current = self.inner.current.read().unwrap_or_else(|e| e.into_inner());
            let mut unflushed = lock(&self.inner.unflushed);
            current.drain_into(&mut unflushed);
            unflushed
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|((day, kind), n)| (*day, *kind, *n))
                .collect()
        };
        let written: u64 = batch.iter().map(|(_, _, n)| n).sum();
        if !batch.is_empty() {
            store.add_visit_counts(&batch).await?;
            let today = local_day(now, self.inner.tz);
            let fresh = store.visit_totals(today).await;
            let mut unflushed = lock(&self.inner.unflushed);
            for (day, kind, n) in &batch {
                if let Some(slot) = unflushed.get_mut(&(*day, *kind)) {
                    *slot = slot.saturating_sub(*n);
                    if *slot == 0 {
                        unflushed.remove(&(*day, *kind));
                    }
                }
            }
            match fresh {
                Ok(sums) => self.inner.cache.put(today, sums, now),
                Err(_) => self.inner.cache.clear(),
            }
        }
        let (online, sketch) = {
            let window = lock(&self.inner.online);
            let minute = now.timestamp().div_euclid(60);
            let mut sketch = Box::new(Sketch::new());
            window.fill(minute, &mut sketch);
            (window.count(minute), sketch)
        };
        store
            .report_presence(&self.inner.instance_id, online, Some(&sketch), now)
            .await?;
        // Read the others after our own report, so two instances flushing at once each see the
        // other's latest report by their next flush at the latest.
        self.refresh_others(store, now).await?;
        Ok(written)
    }

    /// Thống kê truy cập — the figures to show at `now`: stored sums (cached for a couple of
    /// seconds) plus this instance's unflushed counts; online = distinct people of every instance
    /// (the other instances' sketches, read at most once per cache period, merged with this
    /// instance's live window).
    pub async fn figures(
        &self,
        store: &Store,
        now: DateTime<Utc>,
    ) -> Result<VisitFiguresNow, StoreError> {
        let today = local_day(now, self.inner.tz);
        let mut sums = self
            .inner
            .cache
            .get_or_fill(today, now, async || {
                let sums = store.visit_totals(today).await?;
                if !self.others_fresh(now) {
                    self.refresh_others(store, now).await?;
                }
                Ok::<_, StoreError>(sums)
            })
            .await?;
        let periods = StatPeriods::for_day(today);
        for ((day, kind), n) in self.unflushed() {
            sums.add(&periods, day, kind, n);
        }
        let online = self.online_cached(now);
        Ok(VisitFiguresNow { online, sums })
    }

    /// Withdraws this instance's presence row (at shutdown, after the last flush).
    pub async fn withdraw_presence(&self, store: &Store) -> Result<(), StoreError> {
        store.remove_presence(&self.inner.instance_id).await
    }
}

impl DayCounts {
    fn counter(&self, kind: VisitKind) -> &AtomicU64 {
        match kind {
            VisitKind::Person => &self.people,
            VisitKind::Bot => &self.bots,
        }
    }

    /// Moves the atomics' counts into `into` (exact: each count is swapped out once).
    fn drain_into(&self, into: &mut BTreeMap<(NaiveDate, VisitKind), u64>) {
        let Some(day) = self.day else { return };
        for kind in [VisitKind::Person, VisitKind::Bot] {
            let n = self.counter(kind).swap(0, Ordering::Relaxed);
            if n > 0 {
                *into.entry((day, kind)).or_default() += n;
            }
        }
    }
}

/// The background task: flushes every `interval` until `stop` fires. A failed flush is logged
/// and retried at the next tick; the final flush after the server has drained is the caller's.
pub async fn run_flusher(
    state: PortalState,
    interval: std::time::Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticker.tick().await;
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = stop.changed() => break,
        }
        if let Err(err) = state.visits.flush(&state.store, state.now()).await {
            tracing::warn!(error = %err, buffered = state.visits.unflushed_total(),
                "visit flush or presence report failed; counts not yet stored (buffered) are kept for the next try");
        }
        state.rating_limiter.retain_recent();
    }
}

/// Nhịp khách mới theo địa chỉ — the allowance's state of each busy address, at most
/// [`MAX_TRACKED_ADDRESSES`] of them.
#[derive(Default)]
struct AddressTable {
    paces: HashMap<IpAddr, DateTime<Utc>>,
    /// When idle entries were last swept out.
    swept_at: Option<DateTime<Utc>>,
    /// When a refusal was last logged (at most one line a minute).
    warned_at: Option<DateTime<Utc>>,
}

impl AddressTable {
    /// The domain's decision for one more new visitor from `address` at `now`, remembered.
    fn admit(&mut self, address: IpAddr, now: DateTime<Utc>) -> bool {
        let pace = self.paces.get(&address).copied();
        if pace.is_none() && self.paces.len() >= MAX_TRACKED_ADDRESSES {
            // Full: forget the idle addresses (at most once a second, so a flood of new
            // addresses does not sweep on every request). Still full: this one is automated.
            if self
                .swept_at
                .is_none_or(|at| now - at >= chrono::TimeDelta::seconds(1) || now < at)
            {
                self.paces
                    .retain(|_, pace| !NewVisitorAllowance::is_idle(*pace, now));
                self.swept_at = Some(now);
            }
            if self.paces.len() >= MAX_TRACKED_ADDRESSES {
                return false;
            }
        }
        let (counted, next) = NEW_VISITORS_PER_ADDRESS.admit(pace, now);
        if let Some(next) = next {
            self.paces.insert(address, next);
        }
        if !counted
            && self
                .warned_at
                .is_none_or(|at| now - at >= chrono::TimeDelta::minutes(1) || now < at)
        {
            self.warned_at = Some(now);
            tracing::warn!(%address,
                "new visitors from this address beyond its allowance are counted as automated \
                 (if every client seems to come from one address, a reverse proxy is in front: \
                 start with --trust-proxy)");
        }
        counted
    }
}

/// Người đang xem — distinct ids per minute for the last five minutes. Each minute is exact up
/// to [`EXACT_PER_MINUTE`] ids, then switches to a HyperLogLog [`Sketch`] (about ±1,6 %), so a
/// flood of cookieless clients cannot make memory grow without bound.
struct OnlineWindow {
    minutes: [Minute; WINDOW_SLOTS],
}

struct Minute {
    minute: i64,
    ids: HashSet<u64>,
    sketch: Option<Box<Sketch>>,
}

impl OnlineWindow {
    fn new() -> OnlineWindow {
        OnlineWindow {
            minutes: std::array::from_fn(|_| Minute {
                minute: i64::MIN,
                ids: HashSet::new(),
                sketch: None,
            }),
        }
    }

    /// Records `hash` in `minute`; true when the minute's record changed (a new id, or a new
    /// minute began, or the minute is estimated).
    fn insert(&mut self, hash: u64, minute: i64) -> bool {
        let slot = &mut self.minutes[minute.rem_euclid(WINDOW_SLOTS as i64) as usize];
        let mut changed = false;
        if slot.minute != minute {
            slot.minute = minute;
            slot.ids.clear();
            slot.ids.shrink_to(1024);
            slot.sketch = None;
            changed = true;
        }
        match &mut slot.sketch {
            Some(sketch) => {
                sketch.insert(hash);
                true
            }
            None => {
                changed |= slot.ids.insert(hash);
                if slot.ids.len() > EXACT_PER_MINUTE {
                    let mut sketch = Box::new(Sketch::new());
                    for &h in &slot.ids {
                        sketch.insert(h);
                    }
                    slot.ids = HashSet::new();
                    slot.sketch = Some(sketch);
                }
                changed
            }
        }
    }

    /// Whether `hash` is among the exactly kept ids of the window ending at `minute`.
    fn contains(&self, hash: u64, minute: i64) -> bool {
        self.live(minute).any(|m| m.ids.contains(&hash))
    }

    /// The minutes in the window ending at `minute` ([`daihoi_domain::visits::ONLINE_WINDOW`]: that one and the four
    /// before it; the domain's [`online_in_minute`]).
    fn live(&self, minute: i64) -> impl Iterator<Item = &Minute> {
        self.minutes
            .iter()
            .filter(move |m| online_in_minute(m.minute, minute))
    }

    /// Distinct ids in the window: exact while every minute is, else the sketch's estimate.
    fn count(&self, minute: i64) -> u64 {
        if self.live(minute).all(|m| m.sketch.is_none()) {
            let mut union: HashSet<u64> = HashSet::new();
            for m in self.live(minute) {
                union.extend(m.ids.iter().copied());
            }
            return union.len() as u64;
        }
        let mut sketch = Sketch::new();
        self.fill(minute, &mut sketch);
        sketch.estimate()
    }

    /// Adds the window's ids into `sketch` (the exact minutes id by id, the others merged).
    fn fill(&self, minute: i64, sketch: &mut Sketch) {
        for m in self.live(minute) {
            match &m.sketch {
                Some(s) => sketch.merge(s),
                None => m.ids.iter().for_each(|&h| sketch.insert(h)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visitor_ids_are_128_bit_base64url() {
        let id = new_visitor_id();
        assert_eq!(id.len(), 22);
        assert!(is_valid_visitor_id(&id));
        assert!(!is_valid_visitor_id("short"));
        assert!(!is_valid_visitor_id("!!!!!!!!!!!!!!!!!!!!!!"));
        assert_ne!(new_visitor_id(), id);
    }

    #[test]
    fn cookie_is_found_among_others() {
        let id = new_visitor_id();
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=1; {VISIT_COOKIE}={id}; b=2")).unwrap(),
        );
        assert_eq!(visitor_cookie(&headers), Some(id));
        headers.insert(header::COOKIE, HeaderValue::from_static("dh_visit=forged"));
        assert_eq!(visitor_cookie(&headers), None);
    }

    #[test]
    fn online_window_is_exact_for_small_numbers_and_forgets_old_minutes() {
        let mut w = OnlineWindow::new();
        w.insert(1, 100);
        w.insert(2, 100);
        w.insert(1, 101);
        w.insert(3, 104);
        assert_eq!(w.count(104), 3);
        // Minute 100 leaves the window at minute 105; id 1 is still there from minute 101.
        assert_eq!(w.count(105), 2);
        assert_eq!(w.count(110), 0);
    }

    #[test]
    fn online_window_estimates_large_floods_closely() {
        let mut w = OnlineWindow::new();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let n = 60_000u64;
        for _ in 0..n {
            // splitmix64: well-spread distinct hashes.
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            w.insert(z ^ (z >> 31), 7);
        }
        let estimate = w.count(7) as f64;
        assert!(
            (estimate - n as f64).abs() / (n as f64) < 0.05,
            "{estimate}"
        );
    }

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().to_utc()
    }

    #[test]
    fn online_merges_the_other_instances_and_stays_exact_alone() {
        use daihoi_domain::hll::PresenceReport;
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        let now = at("2021-07-15T03:00:00Z");
        let here = VisitCounter::new(tz, "a".into());
        // Fixed ids, so the sketch estimates below are the same on every run.
        let (x, y, z) = (
            "xxxxxxxxxxxxxxxxxxxxxA".to_owned(),
            "yyyyyyyyyyyyyyyyyyyyyA".to_owned(),
            "zzzzzzzzzzzzzzzzzzzzzA".to_owned(),
        );
        here.seen(&x, now);
        here.seen(&y, now);
        assert_eq!(here.online_cached(now), 2);
        // Another instance saw x (shared) and z: 3 people, not 2 + 2.
        let mut theirs = Sketch::new();
        theirs.insert(hash_id(&x));
        theirs.insert(hash_id(&z));
        let report = PresenceReport {
            instance_id: "b".into(),
            online: 2,
            sketch: Some(theirs),
        };
        here.set_others(OtherInstances::merge(std::slice::from_ref(&report)), now);
        assert_eq!(here.online_cached(now), 3, "new reports are used at once");
        // z now reaches this instance too: still 3.
        here.seen(&z, now);
        assert_eq!(here.online_cached(now), 3);
        assert_eq!(here.online_here(now), 3);
        // The other instance went away: back to this instance's exact count.
        here.set_others(OtherInstances::default(), now);
        assert_eq!(here.online_cached(now), 3);
        here.set_others(
            OtherInstances::merge(&[PresenceReport {
                sketch: None,
                ..report
            }]),
            now,
        );
        assert_eq!(
            here.online_cached(now),
            5,
            "a report without a sketch is added"
        );
    }

    #[tokio::test]
    async fn two_counters_on_one_store_count_a_shared_visitor_once() {
        let store = Store::connect("sqlite::memory:").await.unwrap();
        store.migrate().await.unwrap();
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        let now = at("2021-07-15T03:00:00Z");
        let a = VisitCounter::new(tz, "may-a".into());
        let b = VisitCounter::new(tz, "may-b".into());
        let shared = "chungchungchungchung0A";
        a.seen(shared, now);
        b.seen(shared, now);
        b.seen("rienGcuaBrienGcuaBri0A", now);
        // Before any flush each sees only itself.
        assert_eq!(a.figures(&store, now).await.unwrap().online, 1);
        assert_eq!(b.figures(&store, now).await.unwrap().online, 2);
        a.flush(&store, now).await.unwrap();
        b.flush(&store, now).await.unwrap();
        a.flush(&store, now).await.unwrap();
        assert_eq!(a.figures(&store, now).await.unwrap().online, 2);
        assert_eq!(b.figures(&store, now).await.unwrap().online, 2);
        assert_eq!(
            store.online_total(now).await.unwrap(),
            3,
            "the sum counts twice"
        );
        // A stopped: after its report is withdrawn B counts only its own, exactly.
        a.withdraw_presence(&store).await.unwrap();
        b.flush(&store, now).await.unwrap();
        assert_eq!(b.figures(&store, now).await.unwrap().online, 2);
        assert_eq!(b.online_cached(now), b.online_here(now));
    }

    /// The first visit of a new local day (which parks the old day's counts) racing a flush
    /// must not deadlock: both paths take the day's counters before the unflushed map. Visits
    /// alternate between 23:59:59.9 and 00:00:00.1 local time so that every one of them turns
    /// the day over, while another thread flushes as fast as it can. A watchdog fails the test
    /// when the threads have not finished after a generous minute (the old lock order hung
    /// here); nothing counted may be lost.
    #[test]
    fn day_turnover_racing_a_flush_neither_hangs_nor_loses_counts() {
        use std::sync::atomic::AtomicBool;
        use std::sync::mpsc;
        use std::time::Duration;

        const RECORDERS: usize = 2;
        const FLUSHES: usize = 400;
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        // 16:59:59.9 UTC is 23:59:59.9 on 14/07/2021 in Hà Nội; 17:00:00.1 UTC is 00:00:00.1 on
        // 15/07/2021.
        let before = at("2021-07-14T16:59:59.900Z");
        let after = at("2021-07-14T17:00:00.100Z");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let store = runtime.block_on(async {
            let store = Store::connect("sqlite::memory:").await.unwrap();
            store.migrate().await.unwrap();
            store
        });
        let counter = VisitCounter::new(tz, "nua-dem".into());
        let flushing = Arc::new(AtomicBool::new(true));
        let (done, finished) = mpsc::channel::<(&'static str, u64)>();
        let mut recorders = Vec::new();
        for _ in 0..RECORDERS {
            let (counter, flushing, done) = (counter.clone(), flushing.clone(), done.clone());
            recorders.push(std::thread::spawn(move || {
                let mut recorded = 0u64;
                // At least one turnover pair, then as many as fit while the flusher runs.
                while recorded == 0 || flushing.load(Ordering::Relaxed) {
                    counter.record_visit(VisitKind::Person, before);
                    counter.record_visit(VisitKind::Person, after);
                    recorded += 2;
                }
                done.send(("ghi", recorded)).unwrap();
            }));
        }
        let flusher = {
            let (counter, flushing, done) = (counter.clone(), flushing.clone(), done.clone());
            std::thread::spawn(move || {
                for _ in 0..FLUSHES {
                    runtime.block_on(counter.flush(&store, after)).unwrap();
                }
                flushing.store(false, Ordering::Relaxed);
                done.send(("đẩy", 0)).unwrap();
                // Hand the runtime and store back for the final check.
                (runtime, store)
            })
        };
        drop(done);
        let mut recorded = 0;
        for _ in 0..=RECORDERS {
            match finished.recv_timeout(Duration::from_secs(60)) {
                Ok((_, n)) => recorded += n,
                Err(_) => panic!(
                    "ghi lượt truy cập và đẩy bộ đệm qua nửa đêm không xong sau 60 giây: \
                     hai luồng chờ khóa của nhau (deadlock)"
                ),
            }
        }
        for recorder in recorders {
            recorder.join().unwrap();
        }
        let (runtime, store) = flusher.join().unwrap();
        let stored: u64 = runtime.block_on(async {
            counter.flush(&store, after).await.unwrap();
            let d1 = NaiveDate::from_ymd_opt(2021, 7, 14).unwrap();
            let d2 = NaiveDate::from_ymd_opt(2021, 7, 15).unwrap();
            let days = store.daily_visits(VisitKind::Person, d1, d2).await.unwrap();
            days.iter().map(|(_, n)| n).sum()
        });
        assert_eq!(stored, recorded, "every visit counted is stored once");
        assert_eq!(counter.unflushed_total(), 0);
    }

    /// The per-address table cannot grow without bound: at [`MAX_TRACKED_ADDRESSES`] busy
    /// addresses a new one is counted as automated; once they are idle they are swept out.
    #[test]
    fn the_address_table_is_bounded() {
        let now = at("2021-07-15T03:00:00Z");
        let mut table = AddressTable::default();
        for n in 0..MAX_TRACKED_ADDRESSES as u32 {
            assert!(table.admit(IpAddr::from(n.to_be_bytes()), now));
        }
        assert_eq!(table.paces.len(), MAX_TRACKED_ADDRESSES);
        let newcomer = IpAddr::from([250, 0, 0, 1]);
        assert!(!table.admit(newcomer, now), "full of busy addresses");
        assert!(
            table.admit(IpAddr::from([0, 0, 0, 1]), now),
            "a known one still counts"
        );
        // One interval later every address is idle again: swept, and the newcomer counts.
        let later = now + NEW_VISITORS_PER_ADDRESS.every;
        assert!(table.admit(newcomer, later));
        assert!(table.paces.len() <= 2, "{}", table.paces.len());
    }

    #[test]
    fn day_turnover_parks_counts_under_the_old_day() {
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        let c = VisitCounter::new(tz, "t".into());
        // 16:59:59 UTC = 23:59:59 in Hà Nội on 31/12/2025; one second later it is 2026.
        let before = DateTime::parse_from_rfc3339("2025-12-31T16:59:59Z")
            .unwrap()
            .to_utc();
        let after = DateTime::parse_from_rfc3339("2025-12-31T17:00:00Z")
            .unwrap()
            .to_utc();
        c.record_visit(VisitKind::Person, before);
        c.record_visit(VisitKind::Bot, before);
        c.record_visit(VisitKind::Person, after);
        let u = c.unflushed();
        let d1 = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let d2 = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(u.get(&(d1, VisitKind::Person)), Some(&1));
        assert_eq!(u.get(&(d1, VisitKind::Bot)), Some(&1));
        assert_eq!(u.get(&(d2, VisitKind::Person)), Some(&1));
        assert_eq!(c.unflushed_total(), 3);
    }
}
