//! Khung trang quản trị — the shared layout of administration pages and page rendering.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};

use super::HttpError;
use crate::kernel::auth::CurrentUser;
use crate::portal::PortalState;

/// Người dùng trong khung trang — what the header shows about the logged-in user.
pub struct LayoutUser {
    /// Tên hiển thị.
    pub display_name: String,
    /// Vietnamese role name.
    pub role_label: &'static str,
    /// `admin` or `editor` (CSS class).
    pub role_code: &'static str,
    /// Whether admin-only menu entries show.
    pub is_admin: bool,
    /// Whether the account reaches the portal's articles (a workspace-only account does not).
    pub portal: bool,
    /// Whether the account reaches the congress workspace.
    pub workspace: bool,
}

/// Khung trang — the data of `admin/base.html`.
pub struct Layout {
    /// The portal's name.
    pub portal_name: String,
    /// The logged-in user, if any.
    pub user: Option<LayoutUser>,
    /// This session's CSRF token (empty without a session).
    pub csrf_token: String,
    /// Which menu entry is current (`articles`, `categories`, `users`, `audit`).
    pub section: &'static str,
    /// A one-line confirmation shown above the content.
    pub notice: Option<String>,
}

impl Layout {
    /// A layout without user or portal lookup (error pages).
    pub fn bare() -> Layout {
        Layout {
            portal_name: "daihoi".to_owned(),
            user: None,
            csrf_token: String::new(),
            section: "",
            notice: None,
        }
    }

    /// The layout of a page shown to `user`.
    pub async fn for_user(
        state: &PortalState,
        user: &CurrentUser,
        section: &'static str,
        notice: Option<&str>,
    ) -> Layout {
        Layout {
            portal_name: portal_name(state).await,
            user: Some(LayoutUser {
                display_name: user.user.display_name.clone(),
                role_label: if user.user.portal_access {
                    user.user.role.label()
                } else {
                    "Không gian đại hội"
                },
                role_code: user.user.role.as_str(),
                is_admin: user.can(daihoi_domain::access::Permission::ManageUsers),
                portal: user.can(daihoi_domain::access::Permission::ViewArticles),
                workspace: daihoi_domain::access::carries(
                    user.grants(),
                    daihoi_domain::access::Permission::ViewWorkspace,
                ) || daihoi_domain::access::carries(
                    user.grants(),
                    daihoi_domain::access::Permission::CheckIn,
                ),
            }),
            csrf_token: user.csrf_token(state),
            section,
            notice: notice.and_then(notice_text).map(str::to_owned),
        }
    }

    /// The layout of the login page.
    pub async fn anonymous(state: &PortalState, notice: Option<&str>) -> Layout {
        Layout {
            portal_name: portal_name(state).await,
            notice: notice.and_then(notice_text).map(str::to_owned),
            ..Layout::bare()
        }
    }
}

/// The portal's name: the stored setting, else the configured default.
async fn portal_name(state: &PortalState) -> String {
    match state.store.setting(daihoi_store::SETTING_PORTAL_NAME).await {
        Ok(Some(name)) if !name.trim().is_empty() => name,
        _ => state.config.portal_name.clone(),
    }
}

/// Thông báo — the fixed confirmations a redirect may ask for with `?thong_bao=…` (a fixed set,
/// so no text from the URL reaches the page).
fn notice_text(code: &str) -> Option<&'static str> {
    Some(match code {
        "da-tao" => "Đã tạo bài viết (bản nháp).",
        "da-luu" => "Đã lưu thay đổi.",
        "da-xuat-ban" => "Đã xuất bản bài viết.",
        "da-len-lich" => "Đã lên lịch xuất bản bài viết.",
        "da-go" => "Đã gỡ bài viết khỏi cổng thông tin.",
        "da-tai-anh" => "Đã tải ảnh lên.",
        "da-xoa-anh" => "Đã xoá ảnh.",
        "da-luu-chuyen-muc" => "Đã lưu chuyên mục.",
        "da-luu-van-ban" => "Đã lưu văn bản.",
        "da-xuat-ban-van-ban" => "Đã xuất bản văn bản.",
        "da-go-van-ban" => "Đã gỡ văn bản khỏi cổng thông tin.",
        "da-xoa-van-ban" => "Đã xoá văn bản.",
        "da-tai-tep" => "Đã tải tệp PDF lên.",
        "da-them-loai" => "Đã thêm loại văn bản.",
        "da-doi-ten-loai" => "Đã đổi tên loại văn bản.",
        "da-doi-thu-tu-loai" => "Đã đổi thứ tự loại văn bản.",
        "da-xoa-loai" => "Đã xoá loại văn bản.",
        "da-luu-trang" => "Đã lưu trang giới thiệu.",
        "da-xoa-trang" => "Đã xoá trang giới thiệu.",
        "da-dang-xuat" => "Bạn đã đăng xuất.",
        "da-luu-lich" => "Đã lưu mục lịch công tác.",
        "da-xoa-lich" => "Đã xoá mục lịch công tác.",
        "da-luu-tra-loi" => "Đã lưu câu trả lời.",
        "da-dang-cau-hoi" => "Đã đăng câu hỏi và câu trả lời lên mục Hỏi đáp.",
        "da-tu-choi-cau-hoi" => "Đã từ chối câu hỏi; câu hỏi không được đăng.",
        "da-chuyen-cho-duyet" => "Đã chuyển câu hỏi về trạng thái chờ duyệt.",
        "da-xoa-cau-hoi" => "Đã xoá câu hỏi.",
        "da-xu-ly-thu" => "Đã đánh dấu thư là đã xử lý.",
        "da-mo-lai-thu" => "Đã chuyển thư về chưa xử lý.",
        "da-xoa-thu" => "Đã xoá thư liên hệ.",
        _ => return None,
    })
}

/// Renders a template as an HTML response.
pub fn render<T: Template>(page: &T) -> Result<Response, HttpError> {
    Ok(Html(page.render()?).into_response())
}

/// `dd/mm/yyyy HH:MM` in the configured time zone.
pub fn local_time(state: &PortalState, at: DateTime<Utc>) -> String {
    daihoi_domain::vn::format_datetime(at.with_timezone(&state.config.time_zone))
}

/// The name of the configured time zone for labels (`Asia/Ho_Chi_Minh`).
pub fn zone_label(state: &PortalState) -> String {
    state.config.time_zone.name().to_owned()
}

/// Trang lỗi — `admin/error.html`.
#[derive(Template)]
#[template(path = "admin/error.html")]
pub struct ErrorPage {
    /// Layout.
    pub layout: Layout,
    /// Short title.
    pub heading: &'static str,
    /// What went wrong.
    pub message: String,
}

/// Phân trang — links to the neighbouring pages of a list.
pub struct Pager {
    /// Current page (from 1).
    pub page: u32,
    /// Number of pages (at least 1).
    pub pages: u32,
    /// Path and query without the page parameter, ending in `?` or `&`.
    pub base: String,
}

impl Pager {
    /// The address of page `n`.
    pub fn href(&self, n: u32) -> String {
        format!("{}trang={n}", self.base)
    }
}
