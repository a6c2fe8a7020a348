//! Kết nối — the accept loop: HTTP/1.1 over hyper with the limits a server on the public internet
//! needs, whatever the handlers do.
//!
//! - **Header read** ([`Limits::header_read_timeout`], 10 s): a new connection must send a whole
//!   request head within it, and so must a kept-alive connection from the first byte of its next
//!   request. A client that sends one header line every few seconds is closed.
//! - **Idle** ([`Limits::idle_timeout`], 60 s): a connection on which no handler runs and no byte
//!   moved for this long is closed — an idle kept-alive connection, or a client that stopped
//!   reading its response.
//! - **Body read** ([`Limits::body_read_timeout`], 10 s): a request body must keep coming: it
//!   gets this long, plus one second for every [`BODY_MIN_RATE`] bytes received (Apache's
//!   `mod_reqtimeout` rule), so a body that trickles is cut with an error while an upload over a
//!   slow link goes on; the whole request is still bounded by its area's time limit
//!   (`kernel::layers`).
//! - **Open connections** ([`Limits::max_connections`]): when all are taken the loop stops
//!   accepting, so new connections wait in the kernel's listen backlog (they are not refused) until
//!   a slot frees. While the cap is reached, a connection still sending its request head gets
//!   only [`Limits::crowded_header_read_timeout`] (1 s) for it instead of the full header read
//!   timeout, so thousands of slow clients are cut at once and the waiting connections (a load
//!   balancer's health check among them) get their slots in about a second; the full timeout
//!   comes back once a tenth of the slots are free. The cap is kept under the process's
//!   file-descriptor limit, which [`raise_open_files_limit`] raises to the hard limit at start.
//! - **Shutdown** ([`Limits::shutdown_grace`], 5 s): when `shutdown` resolves the listening socket
//!   is closed, kept-alive connections are closed after their current response, requests in
//!   flight get the grace period, and whatever is still open then (a half-sent request, a slow
//!   reader) is closed.
//!
//! HTTP/2 is not spoken: the server runs behind one reverse proxy, which speaks HTTP/1.1 to it.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use bytes::Bytes;
use http_body::{Body as HttpBody, Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::time::{Instant, Sleep};
use tower::ServiceExt as _;

use crate::config::Config;

/// Bytes per second a request body must keep up, on average, once its first
/// [`Limits::body_read_timeout`] is spent: every 8 KiB received buys one more second.
pub const BODY_MIN_RATE: u64 = 8 * 1024;

/// Time to send a request head while the connection cap is reached (see the module documentation).
pub const CROWDED_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(1);

/// File descriptors kept out of the connection cap: the database pool, uploads being written,
/// the log, the listening socket.
pub const RESERVED_FILE_DESCRIPTORS: u64 = 256;

/// Giới hạn kết nối — the limits of [`serve_connections`] (see the module documentation).
#[derive(Debug, Clone)]
pub struct Limits {
    /// Time to receive a whole request head.
    pub header_read_timeout: Duration,
    /// Time to receive a whole request head while the connection cap is reached.
    pub crowded_header_read_timeout: Duration,
    /// Time a request body gets before [`BODY_MIN_RATE`] extends it.
    pub body_read_timeout: Duration,
    /// Time a connection may stay without a running handler and without a byte moving.
    pub idle_timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
    /// Time requests in flight get after the shutdown signal.
    pub shutdown_grace: Duration,
}

impl Limits {
    /// The limits configured for this instance.
    pub fn from_config(config: &Config) -> Limits {
        Limits {
            header_read_timeout: config.header_read_timeout,
            crowded_header_read_timeout: CROWDED_HEADER_READ_TIMEOUT
                .min(config.header_read_timeout),
            body_read_timeout: config.body_read_timeout,
            idle_timeout: config.idle_timeout,
            max_connections: config.max_connections.max(1),
            shutdown_grace: config.shutdown_grace,
        }
    }
}

/// What [`serve_connections`] reports when it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    /// Connections still open when the grace period ended, which were closed.
    pub closed_after_grace: usize,
}

/// Nâng giới hạn tệp mở — raises the soft limit of open files (RLIMIT_NOFILE) to the hard limit
/// where the system allows it. Returns the (soft, hard) limits in force afterwards, or `None` when
/// they cannot be read (not a Unix system).
pub fn raise_open_files_limit() -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes into the struct we own; no other memory is touched.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
            return None;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            // SAFETY: setrlimit only reads the struct we pass; a refusal leaves the limit as it was.
            if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
                limit.rlim_cur = limit.rlim_max;
            }
        }
        Some((limit.rlim_cur, limit.rlim_max))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Giữ bộ nhớ có giới hạn — makes glibc's allocator give large blocks back to the system at
/// once. By default glibc raises its mmap threshold to the size of the last large block freed,
/// so later blocks of that size (a password hash's 19 MiB, an image's pixels) come from the
/// heap and stay in it when freed: each failed login then kept 19 MiB more resident (measured:
/// six sequential logins, 24 → 142 MiB). A fixed threshold of 1 MiB keeps blocks above it
/// mmapped and returned on free (six logins: 25 MiB). Other allocators and systems: nothing to do.
pub fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets a tuning parameter of the allocator; any value is accepted
        // or refused (returns 0) without touching memory the program owns.
        let applied = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20) };
        if applied == 0 {
            tracing::warn!("the allocator's mmap threshold could not be set");
        }
    }
}

/// The connection cap that fits under `soft_limit` open files: `wanted`, or fewer when the limit
/// (less [`RESERVED_FILE_DESCRIPTORS`]) is lower; never below 16.
pub fn cap_under_file_limit(wanted: usize, soft_limit: Option<u64>) -> usize {
    match soft_limit {
        Some(soft) => {
            let room = soft.saturating_sub(RESERVED_FILE_DESCRIPTORS).max(16);
            wanted.min(usize::try_from(room).unwrap_or(usize::MAX))
        }
        None => wanted,
    }
}

/// The stage the connections are told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Serving,
    /// Finish the current response, then close.
    Draining,
    /// Close now.
    Closing,
}

/// Phục vụ các kết nối — accepts connections on `listener` and serves `app` on each, within
/// `limits`, until `shutdown` resolves; then drains and closes them (see the module
/// documentation). Handlers see the peer as `ConnectInfo<SocketAddr>`.
pub async fn serve_connections(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> Stopped {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (stage_tx, stage_rx) = watch::channel(Stage::Serving);
    let (crowd_tx, crowd_rx) = watch::channel(false);
    let roomy = (limits.max_connections / 10).max(1);
    let limits = Arc::new(limits);
    tokio::pin!(shutdown);
    loop {
        let slot = match slots.clone().try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                if crowd_tx.send_if_modified(|crowded| !std::mem::replace(crowded, true)) {
                    tracing::debug!("connection cap reached: slow request heads are cut sooner");
                }
                tokio::select! {
                    biased;
                    () = &mut shutdown => break,
                    slot = slots.clone().acquire_owned() => match slot {
                        Ok(slot) => slot,
                        Err(_) => break,
                    },
                }
            }
        };
        if slots.available_permits() >= roomy {
            crowd_tx.send_if_modified(|crowded| std::mem::replace(crowded, false));
        }
        let (stream, peer) = tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // A connection reset before it was accepted is nothing; anything else (out
                    // of file descriptors) is logged and retried after a pause, not a busy loop.
                    if !is_connection_error(&err) {
                        tracing::error!(error = %err, "accept error");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let limits = limits.clone();
        let stage = stage_rx.clone();
        let crowd = crowd_rx.clone();
        tokio::spawn(async move {
            serve_one(stream, peer, app, &limits, stage, crowd).await;
            drop(slot);
        });
    }
    drop(listener);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let open = limits.max_connections - slots.available_permits();
    tracing::info!(open, "stopped accepting; finishing the requests in flight");
    let _ = stage_tx.send(Stage::Draining);
    if tokio::time::timeout(limits.shutdown_grace, slots.acquire_many(all))
        .await
        .is_ok()
    {
        return Stopped {
            closed_after_grace: 0,
        };
    }
    let left = limits.max_connections - slots.available_permits();
    tracing::warn!(
        connections = left,
        grace = ?limits.shutdown_grace,
        "closing the connections still open after the grace period"
    );
    let _ = stage_tx.send(Stage::Closing);
    let _ = tokio::time::timeout(Duration::from_secs(1), slots.acquire_many(all)).await;
    Stopped {
        closed_after_grace: left,
    }
}

fn is_connection_error(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// Serves one connection until it ends, a timeout closes it or the shutdown closes it.
async fn serve_one(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    limits: &Limits,
    mut stage: watch::Receiver<Stage>,
    mut crowd: watch::Receiver<bool>,
) {
    let activity = Arc::new(Activity::new(limits));
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: activity.clone(),
    });
    let body_timeout = limits.body_read_timeout;
    let on_request = activity.clone();
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let running = Running::start(&on_request);
        let mut request =
            request.map(|body| Body::new(DeadlineBody::new(body, body_timeout, BODY_MIN_RATE)));
        request.extensions_mut().insert(ConnectInfo(peer));
        let call = app.clone().oneshot(request);
        async move {
            let response = call.await;
            drop(running);
            response
        }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .header_read_timeout(None)
        .serve_connection(io, service);
    tokio::pin!(connection);
    let mut watching_stage = true;
    let mut watching_crowd = true;
    if *stage.borrow_and_update() != Stage::Serving {
        connection.as_mut().graceful_shutdown();
    }
    loop {
        let check_at = activity.next_check(Instant::now(), *crowd.borrow_and_update());
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(err) = result {
                    tracing::debug!(%peer, error = %err, "connection ended with an error");
                }
                return;
            }
            () = tokio::time::sleep_until(check_at) => {
                if activity.expired(Instant::now(), *crowd.borrow()) {
                    tracing::debug!(%peer, "connection closed: header read or idle timeout");
                    return;
                }
            }
            changed = crowd.changed(), if watching_crowd => {
                if changed.is_err() {
                    watching_crowd = false;
                }
            }
            changed = stage.changed(), if watching_stage => {
                match changed.map(|()| *stage.borrow_and_update()) {
                    Ok(Stage::Draining) => connection.as_mut().graceful_shutdown(),
                    Ok(Stage::Closing) => return,
                    Ok(Stage::Serving) => {}
                    Err(_) => watching_stage = false,
                }
            }
        }
    }
}

/// Where a connection is, for its timeouts.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Waiting for a whole request head, since `since` (the connection's opening or the first
    /// byte of its next request).
    Head { since: Instant },
    /// `count` handlers are running (no timeout here: the area's time limit and the body's).
    Busy { count: u32 },
    /// No handler runs; the last byte moved at `since`.
    Idle { since: Instant },
}

/// A connection's phase, shared by its I/O, its service and its watcher.
///
/// The watcher is never woken when the phase changes (that would cost two task wake-ups and two
/// timer re-arms per request): it looks again at least once per header read timeout
/// ([`Activity::next_check`]), which is never later than the earliest deadline a change of phase
/// can bring, since a new request head gets the header read timeout from its first byte.
struct Activity {
    phase: Mutex<Phase>,
    header_read_timeout: Duration,
    crowded_header_read_timeout: Duration,
    idle_timeout: Duration,
}

impl Activity {
    fn new(limits: &Limits) -> Activity {
        Activity {
            phase: Mutex::new(Phase::Head {
                since: Instant::now(),
            }),
            header_read_timeout: limits.header_read_timeout,
            crowded_header_read_timeout: limits.crowded_header_read_timeout,
            idle_timeout: limits.idle_timeout,
        }
    }

    fn phase(&self) -> std::sync::MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// When the connection is to be closed, if nothing changes; `crowded`: the cap is reached.
    fn deadline(&self, crowded: bool) -> Option<Instant> {
        match *self.phase() {
            Phase::Head { since } if crowded => Some(since + self.crowded_header_read_timeout),
            Phase::Head { since } => Some(since + self.header_read_timeout),
            Phase::Busy { .. } => None,
            Phase::Idle { since } => Some(since + self.idle_timeout),
        }
    }

    /// When the watcher looks again: the deadline of a request head; for an idle or busy
    /// connection, the earlier of its deadline and one header read timeout from `now` (bytes
    /// arriving meanwhile start a head whose deadline is at least that far away).
    fn next_check(&self, now: Instant, crowded: bool) -> Instant {
        let head = if crowded {
            self.crowded_header_read_timeout
        } else {
            self.header_read_timeout
        };
        match self.deadline(crowded) {
            Some(deadline) if matches!(*self.phase(), Phase::Head { .. }) => deadline,
            Some(deadline) => deadline.min(now + head),
            None => now + head,
        }
    }

    fn expired(&self, now: Instant, crowded: bool) -> bool {
        self.deadline(crowded)
            .is_some_and(|deadline| now >= deadline)
    }

    /// Bytes arrived: on an idle connection they begin the next request's head.
    fn read(&self) {
        let mut phase = self.phase();
        if let Phase::Idle { .. } = *phase {
            *phase = Phase::Head {
                since: Instant::now(),
            };
        }
    }

    /// Bytes left: a response still moving keeps an idle connection alive.
    fn wrote(&self) {
        let mut phase = self.phase();
        if let Phase::Idle { since } = &mut *phase {
            *since = Instant::now();
        }
    }
}

/// A handler running on a connection, from its request head to its response head.
struct Running(Arc<Activity>);

impl Running {
    fn start(activity: &Arc<Activity>) -> Running {
        let mut phase = activity.phase();
        *phase = match *phase {
            Phase::Busy { count } => Phase::Busy { count: count + 1 },
            Phase::Head { .. } | Phase::Idle { .. } => Phase::Busy { count: 1 },
        };
        drop(phase);
        Running(activity.clone())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let mut phase = self.0.phase();
        *phase = match *phase {
            Phase::Busy { count } if count > 1 => Phase::Busy { count: count - 1 },
            _ => Phase::Idle {
                since: Instant::now(),
            },
        };
    }
}

/// The TCP stream, telling its [`Activity`] when bytes move.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.read();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Thời hạn đọc thân yêu cầu — a request body that must arrive within `timeout`, extended by one
/// second per `min_rate` bytes received; past it the body fails with [`BodyTooSlow`].
struct DeadlineBody {
    inner: Incoming,
    sleep: Pin<Box<Sleep>>,
    deadline: Instant,
    per_byte: Duration,
    timed_out: bool,
}

impl DeadlineBody {
    fn new(inner: Incoming, timeout: Duration, min_rate: u64) -> DeadlineBody {
        let deadline = Instant::now() + timeout;
        DeadlineBody {
            inner,
            sleep: Box::pin(tokio::time::sleep_until(deadline)),
            deadline,
            per_byte: Duration::from_secs(1) / u32::try_from(min_rate.max(1)).unwrap_or(u32::MAX),
            timed_out: false,
        }
    }
}

/// The error of a body that did not arrive in time.
#[derive(Debug, thiserror::Error)]
#[error("thân yêu cầu đến quá chậm / request body too slow")]
pub struct BodyTooSlow;

impl HttpBody for DeadlineBody {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if self.timed_out {
            return Poll::Ready(Some(Err(BodyTooSlow.into())));
        }
        match Pin::new(&mut self.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
                    let extended = self.deadline + self.per_byte * len;
                    self.deadline = extended;
                    self.sleep.as_mut().reset(extended);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(err))) => Poll::Ready(Some(Err(err.into()))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => {
                if self.sleep.as_mut().poll(cx).is_ready() {
                    self.timed_out = true;
                    return Poll::Ready(Some(Err(BodyTooSlow.into())));
                }
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_stays_under_the_file_limit() {
        assert_eq!(cap_under_file_limit(10_000, Some(1024)), 768);
        assert_eq!(cap_under_file_limit(10_000, Some(1_048_576)), 10_000);
        assert_eq!(cap_under_file_limit(10_000, Some(100)), 16);
        assert_eq!(cap_under_file_limit(10_000, None), 10_000);
    }

    #[test]
    fn the_open_files_limit_is_raised_to_the_hard_limit() {
        if let Some((soft, hard)) = raise_open_files_limit() {
            assert_eq!(soft, hard);
        }
    }
}
