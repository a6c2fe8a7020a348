//! Tầng chung — request logging and time limits, the same for every area.
//!
//! Logging: each request runs in a `tracing` span (method, path) at DEBUG level, so
//! `RUST_LOG=debug` shows every request with its status and time, and server errors (5xx) are
//! logged at ERROR whatever the level. At the default level the spans are disabled and cost next
//! to nothing.
//!
//! Time limits: a handler that has not answered after its area's limit is cut off with 408 and
//! the area's error page (a stuck database read must not hold a connection for ever). The limit
//! is per area: public pages answer in milliseconds; the administration gets longer for photo
//! uploads over slow links.

use std::time::Duration;

use axum::http::StatusCode;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Thời hạn trang công khai — public pages, the API and the congress screens.
pub const PUBLIC_REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// Thời hạn trang quản trị — the administration (uploads of up to 10 MB over a slow link).
pub const ADMIN_REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The request-logging layer (see the module documentation).
pub fn request_log() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>> {
    TraceLayer::new_for_http()
}

/// A time limit of `limit` on the handlers below it: past it the request is answered 408.
pub fn time_limit(limit: Duration) -> TimeoutLayer {
    TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limit)
}
