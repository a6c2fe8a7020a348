//! Đại hội — the congress workspace area at `/dai-hoi`: the secretariats' workspace (organizations,
//! congresses, delegates, check-in, elections) and later the counting room and the hall screen.
//!
//! Today it answers its home page, a placeholder. It has its own state ([`CongressState`], the
//! kernel only so far) and its own middleware: it counts no visits, touches no portal cache, and
//! dresses its errors in its own page.

use askama::Template;
use axum::Router;
use axum::extract::{FromRef, Request};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::kernel::Kernel;
use crate::kernel::error::{HttpError, dress, plain_error_page, refuse_nul_in_uri, wants_json};
use crate::kernel::layers::{PUBLIC_REQUEST_TIMEOUT, time_limit};

/// Trạng thái đại hội — what every congress handler shares.
#[derive(Clone)]
pub struct CongressState {
    /// Store, configuration, secret and clock.
    pub kernel: Kernel,
}

impl FromRef<CongressState> for Kernel {
    fn from_ref(state: &CongressState) -> Kernel {
        state.kernel.clone()
    }
}

/// The congress area's routes, to be nested at `/dai-hoi`.
pub fn router(state: CongressState) -> Router {
    Router::new()
        .route("/", get(home))
        .fallback(not_found)
        .layer(from_fn(error_pages))
        .layer(time_limit(PUBLIC_REQUEST_TIMEOUT))
        .with_state(state)
}

/// Trang chủ đại hội.
#[derive(Template)]
#[template(path = "congress/home.html")]
struct HomePage;

/// Trang lỗi đại hội.
#[derive(Template)]
#[template(path = "congress/error.html")]
struct ErrorPage {
    heading: &'static str,
    message: String,
}

/// `GET /dai-hoi` — the workspace's home page.
async fn home() -> Result<Html<String>, HttpError> {
    Ok(Html(HomePage.render()?))
}

async fn not_found() -> HttpError {
    HttpError::NotFound("Không có trang này trong không gian làm việc đại hội.".to_owned())
}

/// Middleware: errors of the congress area wear its own page (or JSON for `fetch` callers).
async fn error_pages(request: Request, next: Next) -> Response {
    let json = wants_json(request.uri().path(), request.headers());
    let response = match refuse_nul_in_uri(request.uri()) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    dress(response, json, |status, message| async move {
        let heading = match status {
            StatusCode::NOT_FOUND => "Không tìm thấy",
            StatusCode::FORBIDDEN => "Không được phép",
            s if s.is_server_error() => "Lỗi máy chủ",
            _ => "Yêu cầu không thực hiện được",
        };
        let page = ErrorPage { heading, message };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => plain_error_page(status, &page.message),
        }
    })
    .await
}
