//! # daihoi-web
//!
//! The axum application: public portal pages, administration under `/quan-tri`, the JSON API under
//! `/api/v1`. Knows HTTP and HTML; asks `daihoi-store` for data and `daihoi-domain` for rules.
//!
//! - [`serve()`] runs the whole thing: connect, migrate, demo data, listen, graceful shutdown.
//! - [`router`] builds the application over an [`AppState`] (tests drive it with `oneshot`).
//! - [`portal`] public pages, [`api`] JSON, [`admin`] administration, [`visits`] visit counting,
//!   [`security`] headers, [`error`] Vietnamese error pages.

pub mod admin;
pub mod api;
pub mod auth;
pub mod cookies;
pub mod csrf;
pub mod demo;
pub mod error;
pub mod map;
pub mod markdown;
pub mod photos;
pub mod portal;
pub mod security;
pub mod serve;
pub mod state;
pub mod visits;

pub use serve::serve;
pub use state::{AppState, Clock, Config};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::services::ServeDir;

use crate::error::WebError;

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
];

/// Builds the whole application over `state`: portal, API, administration, static files,
/// uploads, health check; with visit counting, Vietnamese error pages, a body limit and the
/// security headers.
pub fn router(state: AppState) -> Router {
    let uploads = ServeDir::new(state.config.uploads_dir());
    Router::new()
        .merge(portal::router())
        .merge(map::router())
        .nest("/api/v1", api::router())
        .nest(
            "/quan-tri",
            admin::router().layer(from_fn_with_state(state.clone(), forget_cached_pages)),
        )
        .route("/healthz", get(healthz))
        .route("/static/{file}", get(static_file))
        .nest_service("/uploads", uploads)
        .fallback(not_found)
        .layer(from_fn_with_state(state.clone(), error::error_pages))
        .layer(from_fn_with_state(state.clone(), visits::count_visits))
        .layer(DefaultBodyLimit::max(security::BODY_LIMIT_BYTES))
        .layer(from_fn(security::headers))
        .with_state(state)
}

/// Middleware on the administration: after any change (a request that is not GET or HEAD), the
/// cached public pieces of this instance are forgotten, so the portal shows the change at once.
async fn forget_cached_pages(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let changes = !matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let response = next.run(request).await;
    if changes {
        state.invalidate_caches();
    }
    response
}

/// `GET /healthz` — "ok" while the process serves (used by load balancers and tests).
async fn healthz() -> &'static str {
    "ok"
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
        None => WebError::NotFound(format!("Không có tệp tĩnh «{name}».")).into_response(),
    }
}

/// Every unknown address.
async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        WebError::NotFound(
            "Không tìm thấy trang bạn yêu cầu. Địa chỉ có thể đã thay đổi hoặc không còn tồn tại."
                .to_owned(),
        ),
    )
        .into_response()
}
