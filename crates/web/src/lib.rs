//! # daihoi-web
//!
//! The HTTP application: a shared kernel and two areas over it. Knows HTTP and HTML; asks
//! `daihoi-store` for data and `daihoi-domain` for rules.
//!
//! - [`kernel`]: what both areas share and what knows no feature (errors, sessions, CSRF, cookies,
//!   security headers, the short-lived cache, the clock, logging and time limits).
//! - [`portal`]: the public site, its administration under `/quan-tri`, its API under `/api/v1`,
//!   visit counting and its caches, with its own state and middleware.
//! - [`congress`]: the congress workspace under `/dai-hoi`, with its own state and middleware.
//! - [`router`] puts the areas together with the static files, the uploads and the health check;
//!   [`serve()`] runs it (connect, migrate, demo, listen, graceful shutdown).

pub mod config;
pub mod congress;
pub mod kernel;
pub mod portal;
pub mod serve;

pub use config::Config;
pub use kernel::{Clock, Kernel};
pub use portal::PortalState;
pub use serve::{DemoLoader, serve, serve_until};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path};
use axum::http::{HeaderValue, header};
use axum::middleware::from_fn;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower::ServiceBuilder;
use tower::util::MapResponseLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::kernel::HttpError;

/// Tệp tĩnh — the stylesheets and scripts, compiled into the binary so `daihoi` runs from any
/// folder: (name, content type, bytes).
const STATIC_FILES: &[(&str, &str, &str)] = &[
    (
        "portal.css",
        "text/css; charset=utf-8",
        include_str!("../static/portal.css"),
    ),
    (
        "portal.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/portal.js"),
    ),
    (
        "prefs.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/prefs.js"),
    ),
    (
        "map.css",
        "text/css; charset=utf-8",
        include_str!("../static/map.css"),
    ),
    (
        "admin.css",
        "text/css; charset=utf-8",
        include_str!("../static/admin.css"),
    ),
    (
        "admin.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/admin.js"),
    ),
    (
        "checkin.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/checkin.js"),
    ),
    (
        "citizens.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/citizens.js"),
    ),
];

/// Builds the whole application over the portal's state (the congress area shares its kernel):
/// the portal, the congress workspace at `/dai-hoi`, static files, uploads and the health check,
/// under the kernel's layers (request log, body limit, security headers). Each area brings its
/// own middleware; nothing of one area runs on the other's requests.
pub fn router(portal: PortalState) -> Router {
    router_with_live(portal, std::sync::Arc::new(congress::live::LiveHub::new()))
}

/// [`router`] with the congress area's live channels given: `serve` shares them with the task
/// that hears the other instances' attendance changes (`congress::live::run_listener`).
pub fn router_with_live(
    portal: PortalState,
    live: std::sync::Arc<congress::live::LiveHub>,
) -> Router {
    let congress = congress::CongressState {
        kernel: portal.kernel.clone(),
        live,
    };
    // Strict-Transport-Security only when the public address is https: a browser that saw it
    // will not fall back to plain http for a year.
    let hsts = portal
        .config
        .public_url_is_https()
        .then(|| HeaderValue::from_static(kernel::security::STRICT_TRANSPORT_SECURITY));
    let store = portal.store.clone();
    let shared = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(move || readyz(store.clone())))
        .route("/static/{file}", get(static_file))
        .nest_service(
            "/uploads",
            ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static(kernel::security::UPLOADS_CACHE_CONTROL),
                ))
                .service(ServeDir::new(portal.config.uploads_dir())),
        )
        .layer(from_fn(kernel::error::plain_pages));
    Router::new()
        .merge(shared)
        .nest("/dai-hoi", congress::router(congress.clone()))
        .merge(congress::api_router(congress))
        .merge(portal::router(portal))
        .layer(DefaultBodyLimit::max(kernel::security::BODY_LIMIT_BYTES))
        .layer(MapResponseLayer::new(kernel::security::add_headers))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &Response| hsts.clone(),
        ))
        .layer(kernel::layers::compression())
        .layer(kernel::layers::request_log())
}

/// `GET /healthz` — liveness: "ok" while the process answers, without touching the database
/// (a load balancer or orchestrator restarts the process when this fails; see `/readyz` for
/// whether to send it traffic).
async fn healthz() -> &'static str {
    "ok"
}

/// How long `/readyz` waits for the database.
pub const READY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// `GET /readyz` — readiness: "ok" when the database answers a write (rolled back) within
/// [`READY_TIMEOUT`], else 503 with `Retry-After`, so a load balancer stops sending traffic to an
/// instance whose database is unreachable or read-only, and sends it again once it recovers.
async fn readyz(store: daihoi_store::Store) -> Response {
    let why = match tokio::time::timeout(READY_TIMEOUT, store.check_writable()).await {
        Ok(Ok(())) => {
            return ([(header::CACHE_CONTROL, "no-store")], "ok").into_response();
        }
        Ok(Err(err)) => err.to_string(),
        Err(_) => format!("không trả lời trong {} giây", READY_TIMEOUT.as_secs()),
    };
    tracing::warn!(reason = %why, "not ready: the database cannot be written");
    let mut response = HttpError::Refused {
        status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
        message: "Chưa sẵn sàng: máy chủ không truy cập được cơ sở dữ liệu hoặc cơ sở dữ liệu \
                  không ghi được."
            .to_owned(),
    }
    .into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(kernel::error::RETRY_AFTER),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /static/<file>`.
async fn static_file(Path(name): Path<String>) -> Response {
    match STATIC_FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, content_type, body)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=86400"),
                ),
            ],
            *body,
        )
            .into_response(),
        None => HttpError::NotFound(format!(
            "Không có tệp tĩnh «{}».",
            kernel::error::quoted(&name)
        ))
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    /// The kernel knows no feature: none of its files imports an area.
    #[test]
    fn the_kernel_imports_no_area() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/kernel");
        let mut stack = vec![dir];
        let mut seen = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                seen += 1;
                for area in ["crate::portal", "crate::congress", "daihoi_demo"] {
                    let uses = text
                        .lines()
                        .filter(|line| !line.trim_start().starts_with("//"))
                        .any(|line| line.contains(area));
                    assert!(!uses, "{} uses {area}", path.display());
                }
            }
        }
        assert!(seen >= 8, "the kernel's files were found");
    }
}
