//! Cập nhật trực tiếp — attendance changes pushed to every open hall screen without reloading,
//! as server-sent events (`GET /dai-hoi/ky/{id}/diem-danh/su-kien`, `text/event-stream`).
//!
//! - Within one instance, a [`LiveHub`] keeps a `tokio::sync::broadcast` channel per congress
//!   that has open screens. A change is published once: the figures and the changed delegate are
//!   read from the store one time and the same JSON goes to every screen, so a hundred screens
//!   cost one set of queries, not a hundred, and no screen holds a database connection.
//! - Across instances (PostgreSQL), the instance that made the change sends a `NOTIFY`
//!   (`Store::notify_attendance`); every instance runs one [`run_listener`] task on one
//!   dedicated connection, and publishes the changes made elsewhere to its own screens.
//!
//! Publishing is serialised per congress and the figures are read after the change committed,
//! so the last event a screen receives always carries the latest figures. A screen first gets a
//! `snapshot` (the figures and every delegate's state), then an `attendance` event per change;
//! after a gap (a slow screen that fell behind, a lost listening connection) it gets a fresh
//! `snapshot`. A comment line every 15 s keeps the connection open; `checkin.js` reconnects.
//! Every 5 minutes a stream checks that its session is still live and still holds the right to
//! check in at that congress (a logout, a locked account or a revoked grant ends it).

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use daihoi_store::{AttendanceListener, AttendanceSignal, Store, StoreError};
use futures_util::stream::{self, Stream};
use serde::Serialize;
use tokio::sync::broadcast;

use daihoi_domain::access::{Permission, Target};

use super::CongressState;
use super::checkin::{DelegateRow, Figures, load_for_check_in};
use crate::kernel::auth::CurrentUser;
use crate::kernel::{HttpError, Kernel};

/// How often an idle event stream sends a keep-alive comment.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// How many changes a screen may fall behind before it is sent a fresh snapshot instead.
const CHANNEL_CAPACITY: usize = 256;

/// How often an open stream checks that its session and rights still hold.
pub const RIGHTS_RECHECK: Duration = Duration::from_secs(300);

/// Thay đổi điểm danh — one published change: the new figures and the delegate that changed.
#[derive(Debug, Clone, Serialize)]
pub struct AttendanceUpdate {
    /// The congress.
    pub congress_id: i64,
    /// The figures after the change.
    pub figures: Figures,
    /// The delegate as now recorded (`None` when only the figures are sent).
    pub delegate: Option<DelegateRow>,
}

/// What goes through a congress's channel.
#[derive(Debug, Clone)]
enum Message {
    /// An `attendance` event, already serialised.
    Change(Arc<str>),
    /// Changes may have been missed: each screen is sent a fresh snapshot.
    Resync,
}

struct Channel {
    sender: broadcast::Sender<Message>,
    /// Held while one change is read and sent, so changes go out in the order they were read.
    publishing: Arc<tokio::sync::Mutex<()>>,
}

/// Kênh trực tiếp — this instance's broadcast channels, one per congress with open screens.
pub struct LiveHub {
    channels: Mutex<HashMap<i64, Channel>>,
    /// How often an open stream checks its session and rights ([`RIGHTS_RECHECK`]).
    recheck: Duration,
}

impl Default for LiveHub {
    fn default() -> LiveHub {
        LiveHub::with_recheck(RIGHTS_RECHECK)
    }
}

impl std::fmt::Debug for LiveHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveHub")
            .field("congresses", &self.lock().len())
            .finish()
    }
}

impl LiveHub {
    /// An empty hub.
    pub fn new() -> LiveHub {
        LiveHub::default()
    }

    /// An empty hub whose streams check their session and rights every `recheck` (tests use a
    /// short one).
    pub fn with_recheck(recheck: Duration) -> LiveHub {
        LiveHub {
            channels: Mutex::default(),
            recheck,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Channel>> {
        self.channels.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Listens to `congress_id`'s changes (for one screen). Channels nobody listens to any
    /// more are dropped here.
    fn subscribe(&self, congress_id: i64) -> broadcast::Receiver<Message> {
        let mut channels = self.lock();
        channels.retain(|id, ch| *id == congress_id || ch.sender.receiver_count() > 0);
        channels
            .entry(congress_id)
            .or_insert_with(|| Channel {
                sender: broadcast::channel(CHANNEL_CAPACITY).0,
                publishing: Arc::default(),
            })
            .sender
            .subscribe()
    }

    /// Số màn hình đang mở — how many screens of `congress_id` listen on this instance.
    pub fn screens(&self, congress_id: i64) -> usize {
        self.lock()
            .get(&congress_id)
            .map_or(0, |ch| ch.sender.receiver_count())
    }

    /// Phát thay đổi — reads the figures of `congress_id` (and `delegate_id`'s row) after a
    /// committed change and sends them to this instance's screens of that congress; returns
    /// what was sent (the check-in answer uses it too).
    pub async fn publish(
        &self,
        store: &Store,
        congress_id: i64,
        delegate_id: Option<i64>,
    ) -> Result<AttendanceUpdate, StoreError> {
        let channel = self
            .lock()
            .get(&congress_id)
            .map(|ch| (ch.sender.clone(), ch.publishing.clone()));
        let _turn = match &channel {
            Some((_, publishing)) => Some(publishing.clone().lock_owned().await),
            None => None,
        };
        let update = read_update(store, congress_id, delegate_id).await?;
        if let Some((sender, _)) = channel {
            match serde_json::to_string(&update) {
                // No screen listening is not an error.
                Ok(json) => drop(sender.send(Message::Change(json.into()))),
                Err(err) => tracing::error!(error = %err, "attendance update not serialised"),
            }
        }
        Ok(update)
    }

    /// Asks every open screen to reload its snapshot (after notifications may have been lost).
    pub fn resync_all(&self) {
        for ch in self.lock().values() {
            let _ = ch.sender.send(Message::Resync);
        }
    }
}

/// The figures and one delegate's row, read now.
async fn read_update(
    store: &Store,
    congress_id: i64,
    delegate_id: Option<i64>,
) -> Result<AttendanceUpdate, StoreError> {
    let congress = store
        .congress(congress_id)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "đại hội",
            key: congress_id.to_string(),
        })?;
    let counts = store.attendance_counts(congress_id).await?;
    let delegate = match delegate_id {
        Some(id) => store
            .delegate_attendance(id)
            .await?
            .filter(|d| d.congress_id == congress_id)
            .map(|d| DelegateRow::of(&d)),
        None => None,
    };
    Ok(AttendanceUpdate {
        congress_id,
        figures: Figures::of(counts, congress.quorum),
        delegate,
    })
}

/// Ảnh chụp — everything a screen shows: the figures and every convened delegate's state.
#[derive(Debug, Serialize)]
struct Snapshot {
    congress_id: i64,
    figures: Figures,
    delegates: Vec<DelegateRow>,
}

async fn snapshot_event(store: &Store, congress_id: i64) -> Result<Event, StoreError> {
    let update = read_update(store, congress_id, None).await?;
    let delegates = store.attendance_list(congress_id).await?;
    let snapshot = Snapshot {
        congress_id,
        figures: update.figures,
        delegates: delegates.iter().map(DelegateRow::of).collect(),
    };
    let json = serde_json::to_string(&snapshot)
        .map_err(|e| StoreError::Corrupt(format!("ảnh chụp điểm danh: {e}")))?;
    Ok(Event::default().event("snapshot").data(json))
}

/// One screen's feed: the first snapshot, then the congress's channel.
struct Feed {
    first: Option<Event>,
    receiver: broadcast::Receiver<Message>,
    store: Store,
    congress_id: i64,
    /// For the periodic check of the session and the right to check in.
    kernel: Kernel,
    session_id: String,
    organization_path: Vec<i64>,
    recheck_at: tokio::time::Instant,
    recheck: Duration,
}

impl Feed {
    /// Whether the stream's session is live and still holds `CheckIn` at its congress. A
    /// database that cannot answer now does not end the stream.
    async fn still_allowed(&self) -> bool {
        match CurrentUser::of_session(&self.kernel, self.session_id.clone()).await {
            Ok(Some(user)) => user.can_on(
                Permission::CheckIn,
                Target::Congress {
                    id: self.congress_id,
                    organization_path: &self.organization_path,
                },
            ),
            Ok(None) => false,
            Err(err) => {
                tracing::warn!(error = %err, "event stream's session not checked; kept open");
                true
            }
        }
    }
}

fn feed(feed: Feed) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(feed, |mut feed| async move {
        if let Some(first) = feed.first.take() {
            return Some((Ok(first), feed));
        }
        let received = loop {
            tokio::select! {
                received = feed.receiver.recv() => break received,
                () = tokio::time::sleep_until(feed.recheck_at) => {
                    if !feed.still_allowed().await {
                        return None;
                    }
                    feed.recheck_at = tokio::time::Instant::now() + feed.recheck;
                }
            }
        };
        let resync = match received {
            Ok(Message::Change(json)) => {
                let event = Event::default().event("attendance").data(&*json);
                return Some((Ok(event), feed));
            }
            Ok(Message::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => true,
            Err(broadcast::error::RecvError::Closed) => false,
        };
        if !resync {
            return None;
        }
        match snapshot_event(&feed.store, feed.congress_id).await {
            Ok(event) => Some((Ok(event), feed)),
            Err(err) => {
                // The screen's script reconnects and gets a snapshot then.
                tracing::warn!(error = %err, "attendance snapshot failed; stream closed");
                None
            }
        }
    })
}

/// `GET /dai-hoi/ky/{id}/diem-danh/su-kien` — the hall screen's event stream.
pub async fn events(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let (congress, org) = load_for_check_in(&state, &user, &id).await?;
    // Subscribe before reading the snapshot: a change in between is sent (again) after it.
    let receiver = state.live.subscribe(congress.id);
    let store = state.kernel.store.clone();
    let first = snapshot_event(&store, congress.id).await?;
    let stream = feed(Feed {
        first: Some(first),
        receiver,
        store,
        congress_id: congress.id,
        kernel: state.kernel.clone(),
        session_id: user.session_id.clone(),
        organization_path: org.path.clone(),
        recheck_at: tokio::time::Instant::now() + state.live.recheck,
        recheck: state.live.recheck,
    });
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE).text("giữ kết nối"))
        .into_response();
    // A reverse proxy in front (nginx) must pass each event on at once, not buffer the stream.
    response.headers_mut().insert(
        axum::http::HeaderName::from_static("x-accel-buffering"),
        axum::http::HeaderValue::from_static("no"),
    );
    Ok(response)
}

/// Người nghe — one instance's task publishing the attendance changes made on the other
/// instances (PostgreSQL `LISTEN`) to its own screens. `instance` is this instance's id: its
/// own changes are already published. Runs until the process stops.
pub async fn run_listener(
    mut listener: AttendanceListener,
    hub: Arc<LiveHub>,
    store: Store,
    instance: String,
) {
    loop {
        match listener.next().await {
            Ok(signal) if signal.is_from(&instance) => {}
            Ok(AttendanceSignal::Changed {
                congress_id,
                delegate_id,
                ..
            }) => {
                if hub.screens(congress_id) == 0 {
                    continue;
                }
                if let Err(err) = hub.publish(&store, congress_id, delegate_id).await {
                    tracing::warn!(error = %err, congress = congress_id, "attendance update not read");
                }
            }
            Ok(AttendanceSignal::Reconnected) => {
                tracing::info!("attendance listener reconnected; open screens resynchronised");
                hub.resync_all();
            }
            Err(err) => {
                tracing::warn!(error = %err, "attendance listener failed; retrying in 1 s");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}
