//! Bộ nhớ đệm ngắn hạn — the short-lived cache both areas use for what a page needs from the
//! store, with one read of the store per entry per period however many requests arrive.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use tokio::sync::watch;

/// How long past its lifetime an entry may still be served while another request refreshes it.
pub const STALE_GRACE_MS: i64 = 5_000;

/// A fill or refresh that has not finished after this long (by the app's clock) no longer holds
/// the others back: the next request reads the store itself.
pub const REFRESH_TIMEOUT_MS: i64 = 5_000;

/// Bộ nhớ đệm ngắn hạn — a small map whose entries live `ttl_ms` milliseconds (by the app's
/// clock). When it holds `cap` entries it is emptied, which bounds memory without bookkeeping.
///
/// [`TtlCache::get_or_fill`] reads the store *once* per entry:
/// - an **absent** key (a cold start, or right after [`TtlCache::clear`]) is filled by the first
///   request; the requests arriving meanwhile wait for that fill and share its value;
/// - an **expired** entry is refreshed by one request while the others get the expired value
///   (for at most [`STALE_GRACE_MS`] past its lifetime).
pub struct TtlCache<K, V> {
    map: Mutex<HashMap<K, Slot<V>>>,
    ttl_ms: i64,
    cap: usize,
}

/// One key: its value (if one was stored), and the fill running for it (if one is).
struct Slot<V> {
    value: Option<(DateTime<Utc>, V)>,
    fill: Option<Fill>,
}

/// A fill in progress: when it began, and a receiver that wakes when it ends (its sender is
/// dropped when the fill finishes, fails or is abandoned).
struct Fill {
    since: DateTime<Utc>,
    done: watch::Receiver<()>,
}

/// What a caller of [`TtlCache::get_or_fill`] does after looking at the slot.
enum Next<V> {
    Return(V),
    Wait(watch::Receiver<()>),
    Fill(watch::Sender<()>),
}

impl<K: Hash + Eq + Clone, V: Clone> TtlCache<K, V> {
    /// An empty cache.
    pub fn new(ttl_ms: i64, cap: usize) -> TtlCache<K, V> {
        TtlCache {
            map: Mutex::new(HashMap::new()),
            ttl_ms,
            cap,
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, Slot<V>>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value stored for `key` if it is younger than the time to live at `now`.
    pub fn get(&self, key: &K, now: DateTime<Utc>) -> Option<V> {
        let map = self.lock();
        let (at, value) = map.get(key)?.value.as_ref()?;
        let age = (now - *at).num_milliseconds();
        (0..self.ttl_ms).contains(&age).then(|| value.clone())
    }

    /// The value for `key` at `now`: the stored one while it is young enough, else the result of
    /// `fill`, which is then stored. While another request fills the key, this one waits for it
    /// (absent key) or gets the expired value (see [`TtlCache`]). An error of `fill` is returned
    /// and leaves the stored value as it was; requests that waited for a failed fill read the
    /// store themselves.
    pub async fn get_or_fill<E, Fut>(
        &self,
        key: K,
        now: DateTime<Utc>,
        fill: impl FnOnce() -> Fut,
    ) -> Result<V, E>
    where
        Fut: Future<Output = Result<V, E>>,
    {
        let mut waited = false;
        let sender = loop {
            match self.next_step(&key, now, waited) {
                Next::Return(value) => return Ok(value),
                Next::Fill(sender) => break sender,
                Next::Wait(mut done) => {
                    // Wakes when the fill ends, however it ends; a fill that hangs is waited
                    // for at most REFRESH_TIMEOUT_MS of real time.
                    let _ = tokio::time::timeout(
                        std::time::Duration::from_millis(REFRESH_TIMEOUT_MS as u64),
                        done.changed(),
                    )
                    .await;
                    waited = true;
                }
            }
        };
        let guard = FillGuard {
            cache: self,
            key: key.clone(),
            sender: Some(sender),
        };
        let result = fill().await;
        if let Ok(value) = &result {
            self.put(key, value.clone(), now);
        }
        drop(guard);
        result
    }

    /// Looks at the slot of `key` and says what to do; marks a new fill when this caller is to
    /// read the store. After one wait (`waited`), the caller never waits again: if the fill it
    /// waited for failed, it reads the store itself rather than queue behind the next attempt.
    fn next_step(&self, key: &K, now: DateTime<Utc>, waited: bool) -> Next<V> {
        let mut map = self.lock();
        if map.len() >= self.cap && !map.contains_key(key) {
            map.clear();
        }
        let slot = map.entry(key.clone()).or_insert(Slot {
            value: None,
            fill: None,
        });
        let age = slot
            .value
            .as_ref()
            .map(|(at, _)| (now - *at).num_milliseconds());
        if let (Some(age), Some((_, value))) = (age, &slot.value)
            && (0..self.ttl_ms).contains(&age)
        {
            return Next::Return(value.clone());
        }
        // (A request whose clock reading came a moment before the fill began counts it as
        // running too.)
        let running = slot
            .fill
            .as_ref()
            .filter(|fill| (now - fill.since).num_milliseconds() < REFRESH_TIMEOUT_MS);
        if let Some(fill) = running
            && !waited
        {
            match (&slot.value, age) {
                (Some((_, value)), Some(age))
                    if (0..self.ttl_ms + STALE_GRACE_MS).contains(&age) =>
                {
                    return Next::Return(value.clone());
                }
                _ => return Next::Wait(fill.done.clone()),
            }
        }
        let (sender, done) = watch::channel(());
        slot.fill = Some(Fill { since: now, done });
        Next::Fill(sender)
    }

    /// Stores `value` for `key` as of `now`.
    pub fn put(&self, key: K, value: V, now: DateTime<Utc>) {
        let mut map = self.lock();
        if map.len() >= self.cap && !map.contains_key(&key) {
            map.clear();
        }
        let slot = map.entry(key).or_insert(Slot {
            value: None,
            fill: None,
        });
        slot.value = Some((now, value));
    }

    /// Forgets everything (fills running now still wake their waiters when they end).
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Forgets one key.
    pub fn remove(&self, key: &K) {
        self.lock().remove(key);
    }

    /// Forgets the keys for which `drop_it` says yes.
    pub fn remove_where(&self, mut drop_it: impl FnMut(&K) -> bool) {
        self.lock().retain(|key, _| !drop_it(key));
    }
}

/// Ends a fill when dropped (finished, failed or abandoned): unmarks it if the slot still holds
/// this fill, and wakes the requests waiting for it.
struct FillGuard<'a, K: Hash + Eq + Clone, V: Clone> {
    cache: &'a TtlCache<K, V>,
    key: K,
    sender: Option<watch::Sender<()>>,
}

impl<K: Hash + Eq + Clone, V: Clone> Drop for FillGuard<'_, K, V> {
    fn drop(&mut self) {
        let Some(sender) = self.sender.take() else {
            return;
        };
        {
            let mut map = self.cache.lock();
            if let Some(slot) = map.get_mut(&self.key)
                && slot
                    .fill
                    .as_ref()
                    .is_some_and(|fill| fill.done.same_channel(&sender.subscribe()))
            {
                slot.fill = None;
                if slot.value.is_none() {
                    map.remove(&self.key);
                }
            }
        }
        drop(sender);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_absent_key_is_read_once_however_many_requests_arrive() {
        let cache = Arc::new(TtlCache::<u8, u32>::new(2_000, 8));
        let calls = Arc::new(AtomicU32::new(0));
        let (release, wait) = tokio::sync::watch::channel(false);
        let mut requests = Vec::new();
        for _ in 0..50 {
            let cache = cache.clone();
            let calls = calls.clone();
            let mut wait = wait.clone();
            requests.push(tokio::spawn(async move {
                cache
                    .get_or_fill(1, t(0), async || {
                        calls.fetch_add(1, Ordering::SeqCst);
                        // The store answers only once every request has arrived.
                        let _ = wait.wait_for(|go| *go).await;
                        Ok::<u32, &'static str>(7)
                    })
                    .await
            }));
        }
        // Let every request reach the cache, then let the one read finish.
        while cache
            .lock()
            .get(&1)
            .and_then(|slot| slot.fill.as_ref())
            .is_none()
        {
            tokio::task::yield_now().await;
        }
        for _ in 0..100 {
            tokio::task::yield_now().await;
        }
        release.send(true).unwrap();
        for request in requests {
            assert_eq!(request.await.unwrap(), Ok(7));
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1, "one read of the store");
        // After a clear the key is absent again, and read once again.
        cache.clear();
        let calls2 = AtomicU32::new(0);
        let (a, b) = tokio::join!(
            cache.get_or_fill(1, t(10), async || {
                calls2.fetch_add(1, Ordering::SeqCst);
                tokio::task::yield_now().await;
                Ok::<u32, &'static str>(8)
            }),
            cache.get_or_fill(1, t(10), async || {
                calls2.fetch_add(1, Ordering::SeqCst);
                Ok::<u32, &'static str>(9)
            })
        );
        assert_eq!((a, b), (Ok(8), Ok(8)));
        assert_eq!(calls2.load(Ordering::SeqCst), 1);
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
        assert_eq!(cache.lock().get(&1).unwrap().value.as_ref().unwrap().1, 1);
        assert_eq!(fill_with(&cache, t(2_200), 2, &calls).await, Ok(2));
        // A refresh whose request was dropped ends at once: the next request reads the store.
        let abandoned = cache.get_or_fill(1, t(4_300), async || {
            std::future::pending::<()>().await;
            Ok::<u32, &'static str>(0)
        });
        let mut abandoned = Box::pin(abandoned);
        assert!(futures_util::poll!(abandoned.as_mut()).is_pending());
        drop(abandoned);
        assert_eq!(fill_with(&cache, t(4_400), 7, &calls).await, Ok(7));
        // A refresh that hangs holds the others back for at most REFRESH_TIMEOUT_MS.
        let hung = cache.get_or_fill(1, t(6_500), async || {
            std::future::pending::<()>().await;
            Ok::<u32, &'static str>(0)
        });
        let mut hung = Box::pin(hung);
        assert!(futures_util::poll!(hung.as_mut()).is_pending());
        assert_eq!(fill_with(&cache, t(6_600), 8, &calls).await, Ok(7), "stale");
        assert_eq!(
            fill_with(&cache, t(6_500 + REFRESH_TIMEOUT_MS), 9, &calls).await,
            Ok(9)
        );
        drop(hung);
        // Past the grace period nothing expired is served, refresh or not.
        let cache = TtlCache::new(2_000, 8);
        fill_with(&cache, t(0), 1, &calls).await.unwrap();
        let hung = cache.get_or_fill(1, t(2_000), async || {
            std::future::pending::<()>().await;
            Ok::<u32, &'static str>(0)
        });
        let mut hung = Box::pin(hung);
        assert!(futures_util::poll!(hung.as_mut()).is_pending());
        assert_eq!(
            fill_with(&cache, t(2_000 + STALE_GRACE_MS + 1), 5, &calls).await,
            Ok(5)
        );
    }

    #[tokio::test]
    async fn requests_that_waited_for_a_failed_fill_read_the_store_themselves() {
        let cache = TtlCache::<u8, u32>::new(2_000, 8);
        let calls = AtomicU32::new(0);
        let (release, wait) = tokio::sync::oneshot::channel::<()>();
        let first = cache.get_or_fill(1, t(0), async || {
            wait.await.ok();
            Err::<u32, &'static str>("store down")
        });
        let second = async {
            tokio::task::yield_now().await;
            let pending = fill_with(&cache, t(0), 3, &calls);
            let mut pending = Box::pin(pending);
            assert!(
                futures_util::poll!(pending.as_mut()).is_pending(),
                "it waits"
            );
            release.send(()).ok();
            pending.await
        };
        let (first, second) = tokio::join!(first, second);
        assert_eq!(first, Err("store down"));
        assert_eq!(second, Ok(3));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
