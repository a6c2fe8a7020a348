//! Lỗi web — the one error enum of the web layer, and how errors become pages or JSON.
//!
//! A handler returns [`WebError`]; its response carries an [`ErrorInfo`] extension. The
//! [`error_pages`] middleware, which knows the request (path, `Accept`) and the app state, turns
//! that into a full Vietnamese error page with the portal's header and statistics, or into the
//! JSON shape `{ "error": { "code": …, "message": … } }` for the API and for `fetch` callers.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use crate::AppState;

/// Lỗi web — everything a request can fail with; messages are Vietnamese and say what was wrong.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Không tìm thấy (404).
    #[error("{0}")]
    NotFound(String),
    /// Yêu cầu sai (400): malformed URL, page number, query or form.
    #[error("{0}")]
    BadRequest(String),
    /// Bị từ chối (403): missing visitor cookie or form token.
    #[error("{0}")]
    Forbidden(String),
    /// Xung đột (409): e.g. a second rating by the same visitor.
    #[error("{0}")]
    Conflict(String),
    /// Dữ liệu không hợp lệ (422): e.g. stars outside 1–5.
    #[error("{0}")]
    Unprocessable(String),
    /// Quá nhiều yêu cầu (429).
    #[error("{0}")]
    TooManyRequests(String),
    /// Lỗi lưu trữ (500).
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Store(#[from] daihoi_store::StoreError),
    /// Lỗi dựng trang (500).
    #[error("Lỗi dựng trang: {0}")]
    Template(#[from] askama::Error),
}

impl WebError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Store(_) | WebError::Template(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short machine-readable code for the JSON shape.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::NotFound(_) => "not_found",
            WebError::BadRequest(_) => "bad_request",
            WebError::Forbidden(_) => "forbidden",
            WebError::Conflict(_) => "conflict",
            WebError::Unprocessable(_) => "invalid",
            WebError::TooManyRequests(_) => "rate_limited",
            WebError::Store(_) | WebError::Template(_) => "internal",
        }
    }

    /// The message shown to the reader. Internal errors show a generic sentence; the detail
    /// goes to the log.
    pub fn public_message(&self) -> String {
        match self {
            WebError::Store(_) | WebError::Template(_) => {
                "Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút.".to_owned()
            }
            other => other.to_string(),
        }
    }
}

/// Thông tin lỗi — attached to an error response so [`error_pages`] can dress it.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// Machine-readable code.
    pub code: &'static str,
    /// Vietnamese message for the reader.
    pub message: String,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let info = ErrorInfo {
            code: self.code(),
            message: self.public_message(),
        };
        let mut response = (status, info.message.clone()).into_response();
        response.extensions_mut().insert(info);
        response
    }
}

/// Whether the caller wants JSON: API paths, or an `Accept` that prefers JSON over HTML.
pub fn wants_json(path: &str, headers: &HeaderMap) -> bool {
    if path.starts_with("/api/") {
        return true;
    }
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json") && !accept.contains("text/html"))
}

/// The JSON error body `{ "error": { "code", "message" } }` with `status`.
pub fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message } })),
    )
        .into_response()
}

/// Middleware: turns error responses into Vietnamese pages (with the portal chrome) or JSON.
/// Error responses that did not come from a [`WebError`] (405 from the router, 413 from the body
/// limit) get a message by status.
pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let json = wants_json(&path, request.headers());
    let visitor = request
        .extensions()
        .get::<crate::visits::Visitor>()
        .cloned();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    if path.starts_with("/quan-tri") && response.extensions().get::<ErrorInfo>().is_none() {
        // The administration renders its own error pages.
        return response;
    }
    let is_html_already = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"));
    let info = match response.extensions().get::<ErrorInfo>() {
        Some(info) => info.clone(),
        None if is_html_already => return response,
        None => ErrorInfo {
            code: "error",
            message: message_for_status(status).to_owned(),
        },
    };
    let (mut parts, _body) = response.into_parts();
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let dressed = if json {
        json_error(status, info.code, &info.message)
    } else {
        match crate::portal::render_error_page(
            &state,
            visitor.as_ref(),
            &path,
            status,
            &info.message,
        )
        .await
        {
            Ok(html) => (status, Html(html)).into_response(),
            Err(err) => {
                tracing::error!(error = %err, "error page could not be rendered");
                (status, info.message).into_response()
            }
        }
    };
    let (dressed_parts, body) = dressed.into_parts();
    for (name, value) in dressed_parts.headers.iter() {
        parts.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(parts, body)
}

/// A Vietnamese sentence for an error status that carries no message of its own.
pub fn message_for_status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => {
            "Không tìm thấy trang bạn yêu cầu. Địa chỉ có thể đã thay đổi hoặc không còn tồn tại."
        }
        StatusCode::METHOD_NOT_ALLOWED => "Địa chỉ này không hỗ trợ phương thức yêu cầu đã gửi.",
        StatusCode::PAYLOAD_TOO_LARGE => "Dữ liệu gửi lên quá lớn.",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "Kiểu dữ liệu gửi lên không được hỗ trợ.",
        StatusCode::BAD_REQUEST => "Yêu cầu không hợp lệ.",
        StatusCode::FORBIDDEN => "Bạn không có quyền thực hiện yêu cầu này.",
        StatusCode::TOO_MANY_REQUESTS => "Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau.",
        StatusCode::REQUEST_TIMEOUT => "Yêu cầu mất quá nhiều thời gian.",
        _ if status.is_server_error() => {
            "Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."
        }
        _ => "Yêu cầu không thực hiện được.",
    }
}
