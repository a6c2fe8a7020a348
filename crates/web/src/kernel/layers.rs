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
//!
//! Compression: HTML, CSS, JavaScript, JSON, XML and SVG go out gzip-compressed at level 1 (as
//! nginx does by default: most of the saving for a fraction of the work, on pages made per
//! request) to a browser that accepts gzip; pictures, PDFs, spreadsheets (already compressed) and
//! the live event streams of the congress screens (which must reach a screen at once) go out as
//! they are. Decision 0017 (brotli was measured and left out).

use std::time::Duration;

use axum::http::StatusCode;
use tower_http::CompressionLevel;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::compression::predicate::{And, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, DefaultPredicate};
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

/// Mức nén — gzip level 1: the home page's 13,6 KB become about 4,5 KB; higher levels save a few
/// hundred bytes more for several times the work on every request (decision 0017).
pub const COMPRESSION_QUALITY: i32 = 1;

/// What the compression layer leaves alone: what tower-http already skips (bodies of 32 bytes or
/// less, pictures, event streams, gRPC), and PDFs and Office files, compressed already.
pub type CompressWhen =
    And<And<And<DefaultPredicate, NotForContentType>, NotForContentType>, NotForContentType>;

/// The responses [`compression`] compresses.
pub fn compress_when() -> CompressWhen {
    DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats",
        ))
        .and(NotForContentType::const_new("application/zip"))
}

/// The compression layer (see the module documentation).
pub fn compression() -> CompressionLayer<CompressWhen> {
    CompressionLayer::new()
        .quality(CompressionLevel::Precise(COMPRESSION_QUALITY))
        .compress_when(compress_when())
}

#[cfg(test)]
mod tests {
    use axum::http::{Response, header};
    use tower_http::compression::Predicate;

    use super::*;

    fn compressed(content_type: &str) -> bool {
        let response = Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_LENGTH, "5000")
            .body(axum::body::Body::from(vec![b'a'; 5000]))
            .unwrap();
        compress_when().should_compress(&response)
    }

    #[test]
    fn text_is_compressed_and_what_is_compressed_already_or_live_is_not() {
        for yes in [
            "text/html; charset=utf-8",
            "text/css; charset=utf-8",
            "text/javascript; charset=utf-8",
            "application/json",
            "application/rss+xml; charset=utf-8",
            "image/svg+xml",
        ] {
            assert!(compressed(yes), "{yes}");
        }
        for no in [
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/zip",
            "image/jpeg",
            "image/webp",
            "text/event-stream",
        ] {
            assert!(!compressed(no), "{no}");
        }
    }
}
