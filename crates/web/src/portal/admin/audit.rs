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

/// Vietnamese name of an audit action (the store's action keys; an unknown key is shown as it
/// is stored, so nothing recorded is ever hidden).
fn action_label(action: &str) -> String {
    match action {
        "create" => "Tạo mới",
        "update" => "Sửa",
        "delete" => "Xoá",
        "set_status" => "Đổi trạng thái",
        "add_photo" => "Thêm ảnh",
        "set_cover" => "Đặt ảnh đại diện",
        "update_caption" => "Sửa chú thích ảnh",
        "set_password" => "Đổi mật khẩu",
        "set_disabled" => "Khoá/mở khoá tài khoản",
        "set_role" => "Đổi vai trò",
        "set_portal_access" => "Đổi quyền vào trang quản trị",
        "set" => "Đổi thiết lập",
        "login" => "Đăng nhập",
        "login_failed" => "Đăng nhập không thành công",
        "logout" => "Đăng xuất",
        "grant" => "Cấp quyền",
        "revoke" => "Thu hồi quyền",
        "move" => "Chuyển vị trí trong cây tổ chức",
        "close" => "Đóng (giải thể, sáp nhập)",
        "reopen" => "Mở lại",
        "import" => "Nhập từ tệp",
        "import_delegates" => "Nhập danh sách đại biểu",
        "export_people" => "Xuất danh sách nhân sự",
        "export_delegates" => "Xuất danh sách đại biểu",
        "view_person" => "Xem hồ sơ cá nhân",
        "view_personnel_plan" => "Xem phương án nhân sự",
        "save_allocation" => "Lưu phân bổ đại biểu",
        "replace" => "Thay đại biểu",
        "check_in" => "Điểm danh",
        "mark_absent" => "Ghi vắng mặt",
        "undo_attendance" => "Huỷ điểm danh",
        "add_candidate" => "Thêm người vào danh sách",
        "update_candidate" => "Sửa người trong danh sách",
        "remove_candidate" => "Bỏ người khỏi danh sách",
        "add_target" => "Thêm chỉ tiêu cơ cấu",
        "update_target" => "Sửa chỉ tiêu cơ cấu",
        "remove_target" => "Bỏ chỉ tiêu cơ cấu",
        "load_demo" => "Nạp dữ liệu trình diễn",
        "answer" => "Trả lời",
        "publish" => "Xuất bản",
        "unpublish" => "Gỡ xuất bản",
        "reject" => "Từ chối",
        "handle" => "Đánh dấu đã xử lý",
        "attach_file" => "Đính kèm tệp",
        "reorder" => "Đổi thứ tự",
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
        ("document_type", _) => ("Loại văn bản", Some("/quan-tri/loai-van-ban".to_owned())),
        ("about_page", Some(id)) => (
            "Trang giới thiệu",
            Some(format!("/quan-tri/gioi-thieu/{id}")),
        ),
        ("about_page", None) => ("Trang giới thiệu", None),
        ("photo", _) => ("Ảnh", None),
        ("user", _) => ("Người dùng", None),
        ("setting", _) => ("Thiết lập", None),
        ("boundary_map", _) => ("Bản đồ địa giới", None),
        ("organization", _) => ("Tổ chức", None),
        ("person", _) => ("Người", None),
        ("congress", _) => ("Đại hội", None),
        ("congress_cycle", _) => ("Đợt đại hội", None),
        ("delegate", _) => ("Đại biểu", None),
        ("personnel_plan", _) => ("Phương án nhân sự", None),
        ("nukeviet", _) => ("Dữ liệu NukeViet", None),
        ("schedule_entry", _) => ("Lịch công tác", None),
        ("question", _) => ("Câu hỏi của công dân", None),
        ("contact_message", _) => ("Thư liên hệ", None),
        (other, _) => (other, None),
    };
    let label = match id {
        Some(id) => format!("{name} #{id}"),
        None => name.to_owned(),
    };
    (label, href)
}

/// Vietnamese name of a key of an audit row's detail (unknown keys are shown as stored).
fn detail_key_label(key: &str) -> &str {
    match key {
        "slug" => "địa chỉ",
        "title" => "tiêu đề",
        "name" => "tên",
        "full_name" => "họ và tên",
        "username" => "tên đăng nhập",
        "status" => "trạng thái",
        "position" => "thứ tự",
        "caption" => "chú thích",
        "cover_photo_id" => "ảnh đại diện",
        "article_id" => "bài viết",
        "parent_id" => "thuộc",
        "organization_id" => "tổ chức",
        "congress_id" => "đại hội",
        "person_id" => "người",
        "alternate_id" => "đại biểu dự khuyết",
        "target_id" => "chỉ tiêu",
        "file_name" | "file" => "tệp",
        "format" => "định dạng",
        "kind" => "loại",
        "key" => "thiết lập",
        "value" => "giá trị",
        "role" => "vai trò",
        "grant" | "grants" => "quyền",
        "disabled" => "bị khoá",
        "portal_access" => "vào trang quản trị",
        "client" => "máy",
        "reason" => "lý do",
        "before" => "trước",
        "from" => "từ",
        "to" => "đến",
        "code" => "mã",
        "level" => "cấp",
        "members" => "số đảng viên",
        "seats" => "số đại biểu",
        "committee_seats" => "số ủy viên",
        "committee_level" => "cấp ủy",
        "count" => "số lượng",
        "inserted" => "thêm mới",
        "updated" => "cập nhật",
        "unchanged" => "không đổi",
        "removed" => "bỏ đi",
        "ids" => "các mục",
        "organizations" => "tổ chức",
        "people" => "người",
        "congresses" => "đại hội",
        "delegates" => "đại biểu",
        "candidates" => "người trong danh sách",
        "targets" => "chỉ tiêu",
        "marks" => "đánh dấu",
        "sensitive" => "thông tin nhạy cảm",
        "what" => "nội dung",
        "rules" => "quy tắc",
        "overrides" => "điều chỉnh",
        "by_code" => "theo mã",
        "renominated" => "tái cử",
        "source" => "nguồn",
        "articles_added" => "bài thêm",
        "categories_added" => "chuyên mục thêm",
        "categories_merged" => "chuyên mục gộp",
        "photos_added" => "ảnh thêm",
        "ratings_changed" => "đánh giá thay đổi",
        "units" => "đơn vị",
        "linked" => "gắn với tổ chức",
        "replaced" => "thay thế",
        "visits_added" => "lượt truy cập thêm",
        other => other,
    }
}

/// The stored JSON detail as `key: value · key: value` (keys in Vietnamese, strings unquoted);
/// anything that is not a JSON object is shown as stored.
fn readable_detail(detail: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(detail) {
        Ok(serde_json::Value::Object(map)) => map
            .iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(key, value)| {
                let key = detail_key_label(key);
                match value {
                    serde_json::Value::String(text) => format!("{key}: {text}"),
                    other => format!("{key}: {other}"),
                }
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
            text.contains("địa chỉ: tin-a") && text.contains("thứ tự: 2"),
            "{text}"
        );
        assert_eq!(text.matches(" · ").count(), 1, "null left out: {text}");
        assert_eq!(readable_detail("không phải JSON"), "không phải JSON");
        assert_eq!(action_label("set_status"), "Đổi trạng thái");
        assert_eq!(entity_label("boundary_map", None).0, "Bản đồ địa giới");
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

    /// Every action the code records has a Vietnamese label: the first string literal of each
    /// `record(` / `record_event(` call in the store's and the web's sources.
    #[test]
    fn every_recorded_action_has_a_vietnamese_label() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        let mut dirs = vec![root.join("store/src"), root.join("web/src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut seen = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for call in ["record(", "record_event("] {
                for (at, _) in text.match_indices(call) {
                    let args = &text[at + call.len()..];
                    let args = &args[..args.find(".await").unwrap_or(args.len()).min(600)];
                    let Some(start) = args.find('"') else {
                        continue;
                    };
                    let rest = &args[start + 1..];
                    let Some(end) = rest.find('"') else { continue };
                    let action = &rest[..end];
                    if action.is_empty()
                        || !action.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                    {
                        continue;
                    }
                    // The action was computed (a variable) and the first literal is the entity:
                    // that one must have a label instead.
                    if entity_label(action, None).0 != action {
                        continue;
                    }
                    seen += 1;
                    assert_ne!(
                        action_label(action),
                        action,
                        "{} records «{action}» with no label",
                        file.display()
                    );
                }
            }
        }
        assert!(
            seen > 20,
            "the scan found {seen} calls: it no longer reads the sources"
        );
    }
}
