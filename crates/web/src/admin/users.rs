//! Người dùng — the account list (admin only). Accounts are added with `daihoi user add`.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::AdminError;
use super::views::{Layout, local_time, render};
use crate::AppState;
use crate::auth::{CurrentUser, Permission, role_label};

struct UserRow {
    username: String,
    display_name: String,
    role: &'static str,
    created_at: String,
    state: &'static str,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    rows: Vec<UserRow>,
}

/// `GET /quan-tri/nguoi-dung` — every account.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AdminError> {
    user.require(Permission::ManageUsers)?;
    let rows = state
        .store
        .list_users()
        .await?
        .into_iter()
        .map(|u| UserRow {
            username: u.username,
            display_name: u.display_name,
            role: role_label(u.role),
            created_at: local_time(&state, u.created_at),
            state: if u.disabled {
                "Đã khoá"
            } else {
                "Đang hoạt động"
            },
        })
        .collect();
    let page = UsersPage {
        layout: Layout::for_user(&state, &user, "users", None).await,
        rows,
    };
    render(&page)
}
