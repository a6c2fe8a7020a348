//! Lỗi quản trị — how administration errors become Vietnamese pages.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::views::{ErrorPage, Layout};
use crate::photos::PhotoError;

/// Lỗi quản trị — what an administration request can fail with. Each becomes a page in the
/// administration layout with the right status and a Vietnamese sentence saying what was wrong.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// Không tìm thấy (404).
    #[error("{0}")]
    NotFound(String),
    /// Yêu cầu sai (400).
    #[error("{0}")]
    BadRequest(String),
    /// Không đủ quyền (403): the user's role does not allow this.
    #[error("Tài khoản của bạn không có quyền thực hiện thao tác này.")]
    Forbidden,
    /// Mã chống giả mạo sai (403): the form's `csrf_token` is missing or not this session's.
    #[error(
        "Mã bảo vệ của biểu mẫu bị thiếu hoặc không hợp lệ (có thể phiên đã thay đổi). Vui lòng tải lại trang rồi gửi lại."
    )]
    BadCsrf,
    /// Khác nguồn (403): the POST came from a page of another site.
    #[error("Yêu cầu gửi từ một trang web khác nên bị từ chối.")]
    CrossOrigin,
    /// Xung đột (409): e.g. a slug already taken.
    #[error("{0}")]
    Conflict(String),
    /// Ảnh không hợp lệ (400/413/415/422/500).
    #[error("{0}")]
    Photo(#[from] PhotoError),
    /// Lỗi lưu trữ (500, or 404/409/422 for the store's own not-found, conflict and invalid).
    #[error("{0}")]
    Store(#[from] daihoi_store::StoreError),
    /// Lỗi dựng trang (500).
    #[error("Lỗi dựng trang: {0}")]
    Template(#[from] askama::Error),
}

impl AdminError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        use daihoi_store::StoreError;
        match self {
            AdminError::NotFound(_) => StatusCode::NOT_FOUND,
            AdminError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AdminError::Forbidden | AdminError::BadCsrf | AdminError::CrossOrigin => {
                StatusCode::FORBIDDEN
            }
            AdminError::Conflict(_) => StatusCode::CONFLICT,
            AdminError::Photo(err) => err.status(),
            AdminError::Store(StoreError::NotFound { .. }) => StatusCode::NOT_FOUND,
            AdminError::Store(StoreError::Conflict(_)) => StatusCode::CONFLICT,
            AdminError::Store(StoreError::Invalid(_)) => StatusCode::UNPROCESSABLE_ENTITY,
            AdminError::Store(_) | AdminError::Template(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn heading(&self) -> &'static str {
        match self.status() {
            StatusCode::NOT_FOUND => "Không tìm thấy",
            StatusCode::FORBIDDEN => "Không được phép",
            StatusCode::PAYLOAD_TOO_LARGE => "Tệp quá lớn",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "Tệp không được chấp nhận",
            s if s.is_server_error() => "Lỗi máy chủ",
            _ => "Yêu cầu không thực hiện được",
        }
    }

    fn public_message(&self) -> String {
        match self {
            AdminError::Store(daihoi_store::StoreError::NotFound { entity, key }) => {
                format!("Không tìm thấy {entity} «{key}».")
            }
            AdminError::Store(daihoi_store::StoreError::Conflict(constraint)) => {
                conflict_message(*constraint).to_owned()
            }
            AdminError::Store(daihoi_store::StoreError::Invalid(detail)) => {
                format!("Dữ liệu không hợp lệ: {detail}.")
            }
            AdminError::Store(_) | AdminError::Template(_) => {
                "Máy chủ gặp lỗi khi xử lý yêu cầu; thay đổi chưa được lưu. Vui lòng thử lại sau ít phút."
                    .to_owned()
            }
            other => other.to_string(),
        }
    }
}

/// The administration's words for a unique value already taken, when the handler did not word
/// it next to a field itself.
fn conflict_message(constraint: daihoi_store::Constraint) -> &'static str {
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
    }
}

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = ?self, "administration request failed");
        }
        let page = ErrorPage {
            layout: Layout::bare(),
            heading: self.heading(),
            message: self.public_message(),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, self.public_message()).into_response(),
        }
    }
}
