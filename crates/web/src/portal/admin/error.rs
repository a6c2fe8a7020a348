//! Trang lỗi quản trị — how an error in the administration reads: a page in the administration's
//! own bare layout, or JSON for `fetch` callers (the live preview).

use askama::Template;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use super::views::{ErrorPage, Layout};
use crate::kernel::error::{dress, plain_error_page, refuse_nul_in_uri, wants_json};

/// Middleware on the administration: dresses every error response (see
/// [`crate::kernel::error::dress`]) in the administration's error page.
pub async fn error_pages(request: Request, next: Next) -> Response {
    let path = request
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .map(|uri| uri.path().to_owned())
        .unwrap_or_else(|| request.uri().path().to_owned());
    let json = wants_json(&path, request.headers());
    let response = match refuse_nul_in_uri(request.uri()) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    dress(response, json, |status, message| async move {
        let page = ErrorPage {
            layout: Layout::bare(),
            heading: heading(status),
            message,
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(err) => {
                tracing::error!(error = %err, "administration error page could not be rendered");
                plain_error_page(status, &page.message)
            }
        }
    })
    .await
}

/// The heading of the error page for `status`.
fn heading(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "Không tìm thấy",
        StatusCode::FORBIDDEN => "Không được phép",
        StatusCode::PAYLOAD_TOO_LARGE => "Tệp quá lớn",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "Tệp không được chấp nhận",
        s if s.is_server_error() => "Lỗi máy chủ",
        _ => "Yêu cầu không thực hiện được",
    }
}
