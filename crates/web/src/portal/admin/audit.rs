//! Nhật ký — the audit log page (admin only): who changed what, when.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::HttpError;
use super::views::{Layout, Pager, local_time, render, zone_label};
use crate::kernel::auth::{CurrentUser, Permission};
use crate::portal::PortalState;

/// Rows per page of the audit log.
const PER_PAGE: u32 = 50;

struct AuditRow {
    at: String,
    at_iso: String,
    actor: String,
    action: String,
    entity: String,
    href: Option<String>,
    detail: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    layout: Layout,
    rows: Vec<AuditRow>,
    zone_label: String,
    pager: Pager,
}

/// Query of the audit page.
#[derive(Debug, Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    trang: Option<String>,
}

/// Vietnamese name of an audit action.
fn action_label(action: &str) -> String {
    match action {
        "create" => "Tạo mới",
        "update" => "Sửa",
        "set_status" => "Đổi trạng thái",
        "add_photo" => "Thêm ảnh",
        "set_cover" => "Đặt ảnh đại diện",
        "update_caption" => "Sửa chú thích ảnh",
        "set_password" => "Đổi mật khẩu",
        "set_disabled" => "Khoá/mở khoá tài khoản",
        "set" => "Đổi thiết lập",
        "publish" => "Xuất bản",
        "unpublish" => "Gỡ xuất bản",
        "attach_file" => "Đính kèm tệp",
        "delete" => "Xoá",
        other => return other.to_owned(),
    }
    .to_owned()
}

/// Vietnamese name of an audited entity and, where there is one, its administration page.
fn entity_label(entity: &str, id: Option<i64>) -> (String, Option<String>) {
    let (name, href) = match (entity, id) {
        ("article", Some(id)) => ("Bài viết", Some(format!("/quan-tri/bai-viet/{id}"))),
        ("category", Some(id)) => ("Chuyên mục", Some(format!("/quan-tri/chuyen-muc/{id}"))),
        ("article", None) => ("Bài viết", None),
        ("category", None) => ("Chuyên mục", None),
        ("document", Some(id)) => ("Văn bản", Some(format!("/quan-tri/van-ban/{id}"))),
        ("document", None) => ("Văn bản", None),
        ("about_page", Some(id)) => (
            "Trang giới thiệu",
            Some(format!("/quan-tri/gioi-thieu/{id}")),
        ),
        ("about_page", None) => ("Trang giới thiệu", None),
        ("photo", _) => ("Ảnh", None),
        ("user", _) => ("Người dùng", None),
        ("setting", _) => ("Thiết lập", None),
        (other, _) => (other, None),
    };
    let label = match id {
        Some(id) => format!("{name} #{id}"),
        None => name.to_owned(),
    };
    (label, href)
}

/// The stored JSON detail as `key: value · key: value` (strings unquoted); anything that is not
/// a JSON object is shown as stored.
fn readable_detail(detail: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(detail) {
        Ok(serde_json::Value::Object(map)) => map
            .iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(key, value)| match value {
                serde_json::Value::String(text) => format!("{key}: {text}"),
                other => format!("{key}: {other}"),
            })
            .collect::<Vec<_>>()
            .join(" · "),
        _ => detail.to_owned(),
    }
}

/// `GET /quan-tri/nhat-ky?trang=N` — the audit log, newest first.
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    Query(query): Query<AuditQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ReadAuditLog)?;
    let requested = query
        .trang
        .as_deref()
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    let page = state.store.list_audit(requested, PER_PAGE).await?;
    let pages = page.page_count();
    let rows = page
        .items
        .into_iter()
        .map(|entry| {
            let (entity, href) = entity_label(&entry.entity, entry.entity_id);
            AuditRow {
                at: local_time(&state, entry.at),
                at_iso: entry.at.to_rfc3339(),
                actor: match (entry.actor_username, entry.actor_user_id) {
                    (Some(name), _) => name,
                    (None, Some(id)) => format!("người dùng #{id}"),
                    (None, None) => "Hệ thống".to_owned(),
                },
                action: action_label(&entry.action),
                entity,
                href,
                detail: readable_detail(&entry.detail),
            }
        })
        .collect();
    let view = AuditPage {
        layout: Layout::for_user(&state, &user, "audit", None).await,
        rows,
        zone_label: zone_label(&state),
        pager: Pager {
            page: page.page,
            pages,
            base: "/quan-tri/nhat-ky?".to_owned(),
        },
    };
    render(&view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_as_pairs() {
        let text = readable_detail(r#"{"slug":"tin-a","position":2,"cover":null}"#);
        assert!(
            text.contains("slug: tin-a") && text.contains("position: 2"),
            "{text}"
        );
        assert_eq!(text.matches(" · ").count(), 1, "null left out: {text}");
        assert_eq!(readable_detail("không phải JSON"), "không phải JSON");
        assert_eq!(action_label("set_status"), "Đổi trạng thái");
        assert_eq!(action_label("attach_file"), "Đính kèm tệp");
        assert_eq!(entity_label("document", Some(3)).0, "Văn bản #3");
        assert_eq!(
            entity_label("article", Some(4)),
            (
                "Bài viết #4".to_owned(),
                Some("/quan-tri/bai-viet/4".to_owned())
            )
        );
    }
}
