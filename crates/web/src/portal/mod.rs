//! Cổng thông tin — the portal area: the public site, its administration under `/quan-tri`, its
//! JSON API under `/api/v1`, the boundary map, visit counting and the caches of public pages.
//!
//! The area has its own state ([`PortalState`]) and its own middleware, which the congress area
//! does not get: visits are counted on the public pages only; errors on public pages wear the
//! portal's header and statistics; the administration's errors wear its own layout; the API's
//! are JSON. A change in the administration forgets exactly the cached pieces it changed
//! ([`PortalState::article_changed`], [`PortalState::menu_changed`]).

pub mod admin;
pub mod api;
pub mod document_files;
pub mod identity;
pub mod map;
pub mod markdown;
pub mod photos;
pub mod public;
pub mod state;
pub mod visits;

pub use state::PortalState;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{Html, IntoResponse, Response};

use crate::kernel::error::{HttpError, dress, plain_error_page, refuse_nul_in_uri, wants_json};
use crate::kernel::layers::{ADMIN_REQUEST_TIMEOUT, PUBLIC_REQUEST_TIMEOUT, time_limit};

/// The portal area's routes over `state`: public pages (with visit counting and the portal's
/// error pages), `/api/v1` and `/quan-tri`. Its fallback answers every address no area claims
/// with the portal's 404 page.
pub fn router(state: PortalState) -> Router {
    let public = public::router()
        .merge(map::router())
        .merge(identity::router())
        .fallback(old_address_or_not_found)
        .layer(from_fn_with_state(state.clone(), public_pages))
        .layer(time_limit(PUBLIC_REQUEST_TIMEOUT));
    let api = api::router()
        .fallback(api_not_found)
        .layer(from_fn(api_errors))
        .layer(time_limit(PUBLIC_REQUEST_TIMEOUT));
    let admin = admin::router(state.clone())
        .layer(from_fn(admin::error_pages))
        .layer(time_limit(ADMIN_REQUEST_TIMEOUT));
    Router::new()
        .merge(public)
        .nest("/api/v1", api)
        .nest("/quan-tri", admin)
        // The address typed with a final slash (as bookmarks often are) leads to the same place.
        .route(
            "/quan-tri/",
            axum::routing::get(|| async { axum::response::Redirect::permanent("/quan-tri") }),
        )
        .with_state(state)
}

/// Every unknown public address: an address of the NukeViet site moved over (decision 0012)
/// answers `301` to the article or category it named; anything else is not found.
async fn old_address_or_not_found(
    State(state): State<PortalState>,
    method: axum::http::Method,
    uri: axum::http::Uri,
) -> Result<Response, HttpError> {
    use daihoi_nukeviet::address::{OldAddress, parse_old_address};
    if method != axum::http::Method::GET && method != axum::http::Method::HEAD {
        return Err(not_found().await);
    }
    let target = match parse_old_address(uri.path(), uri.query(), "news") {
        Some(OldAddress::Article(id)) => state
            .store
            .nukeviet_article_slug(id)
            .await?
            .map(|slug| format!("/tin-tuc/{slug}")),
        Some(OldAddress::Category(alias)) => state
            .store
            .nukeviet_category_slug(&alias)
            .await?
            .map(|slug| format!("/chuyen-muc/{slug}")),
        None => None,
    };
    match target {
        // 301, as search engines expect of a moved page (axum's `Redirect::permanent` is 308).
        Some(target) => Ok((
            axum::http::StatusCode::MOVED_PERMANENTLY,
            [(axum::http::header::LOCATION, target)],
        )
            .into_response()),
        None => Err(not_found().await),
    }
}

/// The answer to an unknown public address.
async fn not_found() -> HttpError {
    HttpError::NotFound(
        "Không tìm thấy trang bạn yêu cầu. Địa chỉ có thể đã thay đổi hoặc không còn tồn tại."
            .to_owned(),
    )
}

/// Every unknown address under `/api/v1` (its own fallback, so it never reaches the public
/// pages' counting).
async fn api_not_found() -> HttpError {
    HttpError::NotFound("Không tìm thấy địa chỉ API này.".to_owned())
}

/// Middleware on the public pages (one layer, as it runs on every page view): counts the visit
/// ([`visits::count_request`]) and sets its cookies; error responses become the portal's error
/// page, with its header, menu and statistics (or JSON for `fetch` callers).
async fn public_pages(
    State(state): State<PortalState>,
    mut request: Request,
    next: Next,
) -> Response {
    let json = wants_json(request.uri().path(), request.headers());
    if let Some(refused) = refuse_nul_in_uri(request.uri()) {
        let uri = request.uri().clone();
        return dress(refused, json, |status, message| async move {
            public_error_page(&state, uri.path(), status, &message).await
        })
        .await;
    }
    let cookies = visits::count_request(&state, &mut request);
    let uri = request.uri().clone();
    let mut response = next.run(request).await;
    if let Some(cookies) = cookies {
        cookies.set_on(&mut response);
    }
    if response.status().is_success() || response.status().is_redirection() {
        return response;
    }
    dress(response, json, |status, message| async move {
        public_error_page(&state, uri.path(), status, &message).await
    })
    .await
}

/// The portal's error page for `path`, or the kernel's plain one if it cannot be rendered.
async fn public_error_page(
    state: &PortalState,
    path: &str,
    status: axum::http::StatusCode,
    message: &str,
) -> Response {
    if status == axum::http::StatusCode::SERVICE_UNAVAILABLE {
        // The database is out of reach: the portal's chrome (its menu) would wait for it again.
        return plain_error_page(status, message);
    }
    match public::render_error_page(state, path, status, message).await {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "error page could not be rendered");
            plain_error_page(status, message)
        }
    }
}

/// Middleware on the API: every error is JSON.
async fn api_errors(request: Request, next: Next) -> Response {
    let response = match refuse_nul_in_uri(request.uri()) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    dress(response, true, |status, message| async move {
        plain_error_page(status, &message)
    })
    .await
}
