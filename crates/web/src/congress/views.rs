//! Khung trang đại hội — the shared layout of the workspace's pages, the rights checks every
//! page makes, and the small view helpers (breadcrumbs, notices).

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use daihoi_domain::access::{Permission, Role, Target};
use daihoi_store::Organization;

use super::CongressState;
use crate::kernel::HttpError;
use crate::kernel::auth::CurrentUser;

/// Khung trang — the data of `congress/base.html`.
pub struct Layout {
    /// Tên hiển thị of the logged-in account.
    pub display_name: String,
    /// What the account holds, in words ("Văn phòng cấp ủy", "Quản trị").
    pub role_label: String,
    /// Whether the account also reaches the portal's administration.
    pub portal_access: bool,
    /// This session's CSRF token.
    pub csrf_token: String,
    /// A one-line confirmation shown above the content.
    pub notice: Option<&'static str>,
    /// The notice that the people shown are invented (the demo sets it).
    pub invented: Option<String>,
}

impl Layout {
    /// The layout of a page shown to `user`, with the confirmation named by `notice` if known.
    pub async fn new(state: &CongressState, user: &CurrentUser, notice: Option<&str>) -> Layout {
        let mut roles: Vec<&'static str> = Vec::new();
        for grant in user.grants() {
            let label = grant.role.label();
            if !roles.contains(&label) {
                roles.push(label);
            }
        }
        Layout {
            display_name: user.user.display_name.clone(),
            role_label: roles.join(", "),
            portal_access: daihoi_domain::access::carries(user.grants(), Permission::ViewArticles),
            csrf_token: user.csrf_token(&state.kernel),
            notice: notice.and_then(notice_text),
            invented: state
                .kernel
                .store
                .setting(daihoi_store::SETTING_INVENTED_DATA_NOTICE)
                .await
                .ok()
                .flatten(),
        }
    }
}

/// The confirmations a redirect may name with `?thong_bao=` (never free text from the URL).
fn notice_text(code: &str) -> Option<&'static str> {
    Some(match code {
        "da-luu" => "Đã lưu thay đổi.",
        "da-them" => "Đã thêm.",
        "da-chuyen" => "Đã chuyển tổ chức sang cấp trên mới.",
        "da-giai-the" => "Đã đánh dấu tổ chức giải thể; tổ chức vẫn được giữ trong lịch sử.",
        "da-khoi-phuc" => "Đã khôi phục tổ chức.",
        "da-nhap" => "Đã nhập tệp.",
        "da-diem-danh" => "Đã ghi nhận đại biểu có mặt.",
        "da-co-mat-truoc" => "Đại biểu này đã được ghi có mặt từ trước.",
        "da-ghi-vang" => "Đã ghi nhận đại biểu vắng mặt.",
        "da-hoan-tac" => "Đã hoàn tác điểm danh.",
        "da-bo" => "Đã bỏ.",
        "da-lap-de-an" => "Đã lập đề án nhân sự với các chỉ tiêu của Chỉ thị 35-CT/TW.",
        "da-them-ung-vien" => "Đã thêm vào danh sách ứng viên.",
        "ung-vien-da-co" => "Người này đã có trong danh sách ứng viên.",
        "da-luu-phan-bo" => "Đã lưu phân bổ đại biểu.",
        "da-them-dai-bieu" => "Đã thêm đại biểu.",
        "da-nhap-ket-qua" => "Đã nhập kết quả bầu đại biểu từ tệp.",
        "da-thay-the" => "Đã ghi đại biểu không dự được và triệu tập đại biểu dự khuyết kế tiếp.",
        "da-xoa-dai-bieu" => "Đã xoá đại biểu.",
        _ => return None,
    })
}

/// Renders a page, or the kernel's error for a template failure.
pub fn render(page: &impl Template) -> Result<Response, HttpError> {
    Ok(Html(page.render()?).into_response())
}

/// Đường dẫn phân cấp — one step of the breadcrumb above an organization's pages.
pub struct Crumb {
    /// Id of the organization.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Whether the user may open it (an ancestor above the user's grant is shown without link).
    pub reachable: bool,
}

/// The breadcrumb of `org`: its ancestors and itself, each marked reachable when `user` may
/// see it.
pub async fn breadcrumb(
    state: &CongressState,
    user: &CurrentUser,
    org: &Organization,
) -> Result<Vec<Crumb>, HttpError> {
    let mut crumbs = Vec::with_capacity(org.path.len());
    for (depth, id) in org.path.iter().enumerate() {
        let name = if *id == org.id {
            org.name.clone()
        } else {
            match state.kernel.store.organization(*id).await? {
                Some(ancestor) => ancestor.name,
                None => continue,
            }
        };
        let path = &org.path[..=depth];
        crumbs.push(Crumb {
            id: *id,
            name,
            reachable: user.can_on(Permission::ViewWorkspace, Target::Organization(path)),
        });
    }
    Ok(crumbs)
}

/// Refuses (403) unless `user` holds `permission` on `org`.
pub fn require_on(
    user: &CurrentUser,
    permission: Permission,
    org: &Organization,
) -> Result<(), HttpError> {
    if user.can_on(permission, Target::Organization(&org.path)) {
        Ok(())
    } else {
        Err(HttpError::NotPermitted)
    }
}

/// Refuses (403) an account that holds nothing in the workspace (the portal's editor).
pub fn require_workspace(user: &CurrentUser) -> Result<(), HttpError> {
    let reaches = user
        .grants()
        .iter()
        .any(|g| g.role == Role::Admin || Role::WORKSPACE.contains(&g.role));
    if reaches {
        Ok(())
    } else {
        Err(HttpError::NotPermitted)
    }
}

/// Loads organization `raw_id` (404 naming it when absent).
pub async fn load_organization(
    state: &CongressState,
    raw_id: &str,
) -> Result<Organization, HttpError> {
    let id = crate::kernel::forms::parse_id(raw_id, "tổ chức")?;
    state
        .kernel
        .store
        .organization(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy tổ chức số {id}.")))
}
