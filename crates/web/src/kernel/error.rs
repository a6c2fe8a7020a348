//! Lỗi HTTP — the one error type of the web layer, the one mapping from store errors, and the
//! helper each area uses to dress an error response in its own page.
//!
//! A handler in any area returns [`HttpError`]. Its response is a plain status with the Vietnamese
//! message and an [`ErrorInfo`] extension. Each area's error middleware (the portal's public
//! pages, the administration, the congress workspace) calls [`dress`] with its own renderer, so
//! the same error reads as a portal page, an administration page or JSON, and the kernel knows
//! none of those pages. JSON callers (`/api/…` paths, or an `Accept` preferring JSON) always get
//! `{ "error": { "code": …, "message": … } }`.

use std::future::Future;

use axum::Json;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use daihoi_store::StoreError;
use serde_json::json;

/// Lỗi HTTP — everything a request can fail with; messages are Vietnamese and say what was wrong.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// Không tìm thấy (404).
    #[error("{0}")]
    NotFound(String),
    /// Yêu cầu sai (400): malformed URL, page number, query or form.
    #[error("{0}")]
    BadRequest(String),
    /// Bị từ chối (403) with a reason: e.g. a missing visitor cookie or form token.
    #[error("{0}")]
    Forbidden(String),
    /// Không đủ quyền (403): the user's role does not allow this.
    #[error("Tài khoản của bạn không có quyền thực hiện thao tác này.")]
    NotPermitted,
    /// Mã chống giả mạo sai (403): the form's `csrf_token` is missing or not this session's.
    #[error(
        "Mã bảo vệ của biểu mẫu bị thiếu hoặc không hợp lệ (có thể phiên đã thay đổi). Vui lòng tải lại trang rồi gửi lại."
    )]
    BadCsrf,
    /// Khác nguồn (403): the POST came from a page of another site.
    #[error("Yêu cầu gửi từ một trang web khác nên bị từ chối.")]
    CrossOrigin,
    /// Xung đột (409): e.g. a second rating by the same visitor, a slug already taken.
    #[error("{0}")]
    Conflict(String),
    /// Dữ liệu không hợp lệ (422): e.g. stars outside 1–5.
    #[error("{0}")]
    Unprocessable(String),
    /// Quá nhiều yêu cầu (429).
    #[error("{0}")]
    TooManyRequests(String),
    /// Any other refusal with its own status (an area's error converted, e.g. a photo that is too
    /// large: 413).
    #[error("{message}")]
    Refused {
        /// The HTTP status.
        status: StatusCode,
        /// The Vietnamese message.
        message: String,
    },
    /// Lỗi lưu trữ: 404/409/422 for the store's own not-found, conflict and invalid, else 500.
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Store(#[from] StoreError),
    /// Lỗi dựng trang (500).
    #[error("Lỗi dựng trang: {0}")]
    Template(#[from] askama::Error),
}

/// The sentence for an internal error: the detail goes to the log, not to the reader.
pub const INTERNAL_MESSAGE: &str = "Máy chủ gặp lỗi khi xử lý yêu cầu; thay đổi (nếu có) chưa được lưu. Vui lòng thử lại sau ít phút.";

impl HttpError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            HttpError::NotFound(_) => StatusCode::NOT_FOUND,
            HttpError::BadRequest(_) => StatusCode::BAD_REQUEST,
            HttpError::Forbidden(_)
            | HttpError::NotPermitted
            | HttpError::BadCsrf
            | HttpError::CrossOrigin => StatusCode::FORBIDDEN,
            HttpError::Conflict(_) => StatusCode::CONFLICT,
            HttpError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            HttpError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            HttpError::Refused { status, .. } => *status,
            HttpError::Store(err) => store_status(err),
            HttpError::Template(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short machine-readable code for the JSON shape.
    pub fn code(&self) -> &'static str {
        match self {
            HttpError::NotPermitted | HttpError::BadCsrf | HttpError::CrossOrigin => "forbidden",
            HttpError::TooManyRequests(_) => "rate_limited",
            other => code_for_status(other.status()),
        }
    }

    /// The message shown to the reader. Internal errors show a generic sentence; the detail
    /// goes to the log.
    pub fn public_message(&self) -> String {
        match self {
            HttpError::Store(err) => store_message(err),
            HttpError::Template(_) => INTERNAL_MESSAGE.to_owned(),
            other => other.to_string(),
        }
    }
}

/// The one mapping from a store error to an HTTP status: a vanished row is 404, a unique
/// constraint 409, a refused value 422, an unreachable database 503 (with [`RETRY_AFTER`]),
/// anything else 500.
pub fn store_status(err: &StoreError) -> StatusCode {
    match err {
        StoreError::NotFound { .. } => StatusCode::NOT_FOUND,
        StoreError::Conflict(_) => StatusCode::CONFLICT,
        StoreError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        StoreError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The sentence for a request that could not reach the database (503).
pub const DATABASE_UNAVAILABLE_MESSAGE: &str = "Hệ thống tạm thời không truy cập được cơ sở dữ liệu nên chưa trả lời được yêu cầu này; thay đổi (nếu có) chưa được lưu. Vui lòng thử lại sau ít phút.";

/// `Retry-After` (seconds) of a 503 for an unreachable database.
pub const RETRY_AFTER: &str = "10";

/// The Vietnamese sentence for a store error (see [`store_status`]).
pub fn store_message(err: &StoreError) -> String {
    match err {
        StoreError::NotFound { entity, key } => format!("Không tìm thấy {entity} «{key}»."),
        StoreError::Conflict(constraint) => conflict_message(*constraint).to_owned(),
        StoreError::Invalid(detail) => format!("Dữ liệu không hợp lệ: {detail}."),
        StoreError::Unavailable(_) => DATABASE_UNAVAILABLE_MESSAGE.to_owned(),
        _ => INTERNAL_MESSAGE.to_owned(),
    }
}

/// The words for a unique value already taken, when the handler did not word it next to a field
/// itself.
pub fn conflict_message(constraint: daihoi_store::Constraint) -> &'static str {
    use daihoi_store::Constraint;
    match constraint {
        Constraint::ArticleSlug => {
            "Đường dẫn này đã được bài viết khác dùng. Hãy chọn đường dẫn khác."
        }
        Constraint::CategorySlug => {
            "Đường dẫn này đã được chuyên mục khác dùng. Hãy chọn đường dẫn khác."
        }
        Constraint::Username => "Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.",
        Constraint::RatingPerVisitor => "Bạn đã đánh giá bài viết này rồi.",
        Constraint::SessionToken => {
            "Không tạo được phiên đăng nhập (mã phiên trùng). Vui lòng đăng nhập lại."
        }
        Constraint::OrganizationCode => {
            "Mã tổ chức này đã được tổ chức khác dùng. Hãy chọn mã khác."
        }
        Constraint::PersonCard => "Số thẻ đảng viên này đã có trong danh sách của người khác.",
        Constraint::CongressTerm => "Tổ chức này đã có đại hội của nhiệm kỳ này.",
        Constraint::AboutPageSlug => {
            "Đường dẫn này đã được trang giới thiệu khác dùng. Hãy chọn đường dẫn khác."
        }
        Constraint::DocumentTypeName => {
            "Đã có loại văn bản trùng tên này (không phân biệt hoa thường, dấu). Hãy chọn tên khác."
        }
    }
}

/// The machine-readable code of a status.
pub fn code_for_status(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::CONFLICT => "conflict",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        s if s.is_server_error() => "internal",
        _ => "error",
    }
}

/// Thông tin lỗi — attached to an error response so the area's middleware can dress it.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// Machine-readable code.
    pub code: &'static str,
    /// Vietnamese message for the reader.
    pub message: String,
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
        let info = ErrorInfo {
            code: self.code(),
            message: self.public_message(),
        };
        let mut response = (status, info.message.clone()).into_response();
        if matches!(self, HttpError::Store(StoreError::Unavailable(_))) {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(RETRY_AFTER),
            );
        }
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

/// Dresses an error response (status 4xx or 5xx) for the reader: JSON when `json`, otherwise the
/// HTML that `render(status, message)` gives (the area's own error page). The message is the
/// one of the [`ErrorInfo`] the handler attached, or [`message_for_status`] for responses that
/// carry none (405 from the router, 413 from the body limit). Responses that are not errors, and
/// error responses that are already HTML or JSON without an [`ErrorInfo`], pass unchanged. The
/// original headers (cookies, `Retry-After`…) are kept.
pub async fn dress<F, Fut>(response: Response, json: bool, render: F) -> Response
where
    F: FnOnce(StatusCode, String) -> Fut,
    Fut: Future<Output = Response>,
{
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_dressed_already = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"));
    let info = match response.extensions().get::<ErrorInfo>() {
        Some(info) => info.clone(),
        None if is_dressed_already => return response,
        None => ErrorInfo {
            code: code_for_status(status),
            message: message_for_status(status).to_owned(),
        },
    };
    let (mut parts, _body) = response.into_parts();
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let dressed = if json {
        json_error(status, info.code, &info.message)
    } else {
        render(status, info.message).await
    };
    let (dressed_parts, body) = dressed.into_parts();
    for (name, value) in dressed_parts.headers.iter() {
        parts.headers.insert(name.clone(), value.clone());
    }
    // Dressed once: an outer layer leaves it as it is.
    parts.extensions.remove::<ErrorInfo>();
    Response::from_parts(parts, body)
}

/// Middleware for routes outside every area (static files, uploads, the health check): errors
/// become the kernel's plain page, or JSON.
pub async fn plain_pages(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let json = wants_json(request.uri().path(), request.headers());
    let response = next.run(request).await;
    dress(response, json, |status, message| async move {
        plain_error_page(status, &message)
    })
    .await
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
        StatusCode::SERVICE_UNAVAILABLE => {
            "Máy chủ đang tạm thời không phục vụ được. Vui lòng thử lại sau ít phút."
        }
        _ if status.is_server_error() => {
            "Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."
        }
        _ => "Yêu cầu không thực hiện được.",
    }
}

/// Trang lỗi tối giản — the plain page the kernel itself answers with, for areas that have no
/// page of their own yet and for paths outside every area. Escapes the message.
pub fn plain_error_page(status: StatusCode, message: &str) -> Response {
    let message = escape_html(message);
    let code = status.as_u16();
    let html = format!(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Lỗi {code}</title></head><body><main><h1>Lỗi {code}</h1><p>{message}</p>\
         <p><a href=\"/\">Về trang chủ</a></p></main></body></html>\n"
    );
    (status, axum::response::Html(html)).into_response()
}

/// Whether an address or a form body carries a NUL character, raw or as `%00`. PostgreSQL cannot
/// store one in text and SQLite would keep it silently, so every area refuses it up front, the
/// same on both databases.
pub fn has_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes
            .windows(3)
            .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
}

/// The refusal of a request carrying a NUL character (see [`has_nul`]).
pub fn nul_refused() -> HttpError {
    HttpError::BadRequest(
        "Yêu cầu chứa ký tự NUL (%00), không được chấp nhận. Hãy xoá ký tự đó rồi gửi lại."
            .to_owned(),
    )
}

/// The refusal for a request whose address carries a NUL character, if it does.
pub fn refuse_nul_in_uri(uri: &axum::http::Uri) -> Option<Response> {
    let text = uri.path_and_query().map_or("", |pq| pq.as_str());
    has_nul(text.as_bytes()).then(|| nul_refused().into_response())
}

/// Longest piece of the reader's own input (a slug, a page number) that an error message quotes.
pub const QUOTED_MAX_CHARS: usize = 80;

/// The reader's input as an error message quotes it: at most [`QUOTED_MAX_CHARS`] characters,
/// then "…", so a 65.000-character address is not echoed back whole.
pub fn quoted(input: &str) -> std::borrow::Cow<'_, str> {
    match input.char_indices().nth(QUOTED_MAX_CHARS) {
        None => std::borrow::Cow::Borrowed(input),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &input[..cut])),
    }
}

/// HTML-escapes `&`, `<`, `>`, `"` and `'`.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vanished_row_is_a_404_not_a_500() {
        let err = HttpError::from(StoreError::NotFound {
            entity: "bài viết",
            key: "x".to_owned(),
        });
        assert_eq!(err.status(), StatusCode::NOT_FOUND);
        assert_eq!(err.code(), "not_found");
        assert_eq!(err.public_message(), "Không tìm thấy bài viết «x».");
    }

    #[test]
    fn internal_errors_keep_their_detail_out_of_the_page() {
        let err = HttpError::from(StoreError::Corrupt("password authentication failed".into()));
        assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!err.public_message().contains("password"));
    }

    #[test]
    fn an_unreachable_database_is_a_503_with_retry_after() {
        for cause in [sqlx::Error::PoolTimedOut, sqlx::Error::PoolClosed] {
            let err = HttpError::from(StoreError::from(cause));
            assert_eq!(err.status(), StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(err.public_message(), DATABASE_UNAVAILABLE_MESSAGE);
            let response = err.into_response();
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(response.headers()[header::RETRY_AFTER], RETRY_AFTER);
        }
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        let err = HttpError::from(StoreError::from(sqlx::Error::Io(refused)));
        assert_eq!(err.status(), StatusCode::SERVICE_UNAVAILABLE);
        // A query the database refuses is still the server's fault: 500.
        let err = HttpError::from(StoreError::from(sqlx::Error::RowNotFound));
        assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn nul_is_found_raw_and_percent_encoded() {
        assert!(has_nul(b"q=a%00b"));
        assert!(has_nul(b"a\0b"));
        assert!(!has_nul(b"q=100%25&trang=100"));
        assert!(!has_nul("q=đại hội".as_bytes()));
    }

    #[test]
    fn long_input_is_quoted_short() {
        assert_eq!(quoted("tan-uyen"), "tan-uyen");
        let long = "đ".repeat(65_000);
        let shown = quoted(&long);
        assert_eq!(shown.chars().count(), QUOTED_MAX_CHARS + 1);
        assert!(shown.ends_with('…'));
    }

    #[test]
    fn the_plain_page_escapes() {
        let html = plain_error_page(StatusCode::NOT_FOUND, "<b>x</b>");
        assert_eq!(html.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            escape_html("<a href='x'>&"),
            "&lt;a href=&#39;x&#39;&gt;&amp;"
        );
    }
}
