//! Người dùng — the accounts (admin only: list, add, change role, reset password, lock and
//! unlock) and every user's own "Tài khoản" page (change one's own password).
//!
//! Every change goes through a store function that writes its audit row in the same
//! transaction. Locking an account or setting its password ends all its sessions at once. The
//! last enabled admin can be neither locked nor demoted: the store refuses it inside the change's
//! transaction, and the page says why.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::account::{MIN_PASSWORD_CHARS, check_new_password, check_username};
use daihoi_domain::vn::nfc;
use daihoi_store::{Constraint, NewUser, Role, StoreError, User};
use serde::Deserialize;

use super::views::{Layout, local_time, render};
use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::{
    self, CurrentUser, LoginThrottle, Permission, SESSION_LIFETIME, hash_password, verify_password,
};
use crate::portal::PortalState;

/// Longest display name, in characters.
const DISPLAY_NAME_MAX: usize = 100;

type FieldErrors = Vec<(&'static str, String)>;

/// The error shown next to `field`, if any.
fn field_error<'a>(errors: &'a FieldErrors, field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, message)| message.as_str())
}

/// Thông báo — the confirmations of this module's redirects (`?thong_bao=…`, a fixed set).
fn notice(code: Option<&str>) -> Option<String> {
    let text = match code? {
        "da-tao-tai-khoan" => "Đã tạo tài khoản.",
        "da-doi-vai-tro" => "Đã đổi vai trò.",
        "da-dat-lai-mat-khau" => {
            "Đã đặt lại mật khẩu. Các phiên đăng nhập của tài khoản này đã kết thúc."
        }
        "da-khoa" => "Đã khoá tài khoản. Người dùng bị đăng xuất ngay.",
        "da-mo-khoa" => "Đã mở khoá tài khoản.",
        "da-doi-mat-khau" => "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.",
        "da-cap-quyen" => "Đã cấp quyền trong không gian đại hội.",
        "da-thu-hoi-quyen" => "Đã thu hồi quyền.",
        "da-doi-quyen-cong" => "Đã đổi quyền vào quản trị cổng thông tin.",
        _ => return None,
    };
    Some(text.to_owned())
}

/// A store message (`tài khoản «x» là …`) as a sentence for the page.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// Hashes a password with argon2id on a blocking thread, in one of the kernel's hashing slots
/// (it costs tens of milliseconds and 19 MiB).
async fn hash_blocking(password: String) -> Result<String, HttpError> {
    auth::with_hashing_slot(move || hash_password(&password)).await
}

/// Checks a new password and its confirmation; errors go to `field`.
fn check_password_pair(
    errors: &mut FieldErrors,
    field: &'static str,
    username: &str,
    password: &str,
    confirm: &str,
) {
    if let Err(refusal) = check_new_password(username, password) {
        errors.push((field, refusal.to_string()));
    } else if password != confirm {
        errors.push((field, "Hai lần nhập mật khẩu không khớp nhau.".to_owned()));
    }
}

// ---------------------------------------------------------------------------------------------
// List and add

struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    role: &'static str,
    created_at: String,
    state: &'static str,
    disabled: bool,
}

/// Fields of the "add an account" form (passwords are never shown again).
#[derive(Debug, Default, Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    rows: Vec<UserRow>,
    form: NewUserForm,
    errors: FieldErrors,
    min_password: usize,
}

impl UsersPage {
    fn error(&self, field: &str) -> Option<&str> {
        field_error(&self.errors, field)
    }
}

/// Query of the user pages.
#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    #[serde(default)]
    thong_bao: Option<String>,
}

async fn users_page(
    state: &PortalState,
    user: &CurrentUser,
    form: NewUserForm,
    errors: FieldErrors,
    notice_code: Option<&str>,
) -> Result<UsersPage, HttpError> {
    let rows = state
        .store
        .list_users()
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role.label(),
            created_at: local_time(state, u.created_at),
            state: if u.disabled {
                "Đã khoá"
            } else {
                "Đang hoạt động"
            },
            disabled: u.disabled,
        })
        .collect();
    let mut layout = Layout::for_user(state, user, "users", None).await;
    layout.notice = notice(notice_code);
    Ok(UsersPage {
        layout,
        rows,
        form: NewUserForm {
            password: String::new(),
            password_confirm: String::new(),
            ..form
        },
        errors,
        min_password: MIN_PASSWORD_CHARS,
    })
}

/// `GET /quan-tri/nguoi-dung` — every account, and the form to add one.
pub async fn list(
    State(state): State<PortalState>,
    user: CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageUsers)?;
    let form = NewUserForm {
        role: "editor".to_owned(),
        ..NewUserForm::default()
    };
    let page = users_page(&state, &user, form, Vec::new(), query.thong_bao.as_deref()).await?;
    render(&page)
}

/// `POST /quan-tri/nguoi-dung` — adds an account. The login name follows the rule of
/// `daihoi user add` (2–64 of `a-z 0-9 . _ -`), the password its strength rule.
pub async fn create(
    State(state): State<PortalState>,
    user: CurrentUser,
    AdminForm(form): AdminForm<NewUserForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageUsers)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let username = nfc(form.username.trim()).to_lowercase();
    let display_name = nfc(form.display_name.trim());
    let mut errors = FieldErrors::new();
    if username.is_empty() {
        errors.push(("username", "Tên đăng nhập không được để trống.".to_owned()));
    } else if let Err(refusal) = check_username(&username) {
        errors.push(("username", sentence(&refusal.to_string())));
    }
    let count = display_name.chars().count();
    if count > DISPLAY_NAME_MAX {
        errors.push((
            "display_name",
            format!("Họ tên dài {count} ký tự, vượt giới hạn {DISPLAY_NAME_MAX} ký tự."),
        ));
    }
    // Editor unless said otherwise, as `daihoi user add`.
    let role = match form.role.as_str() {
        "" => Some(Role::Editor),
        other => Role::parse_portal(other),
    };
    if role.is_none() {
        errors.push((
            "role",
            "Vai trò phải là «Quản trị» hoặc «Biên tập viên».".to_owned(),
        ));
    }
    check_password_pair(
        &mut errors,
        "password",
        &username,
        &form.password,
        &form.password_confirm,
    );
    let (Some(role), true) = (role, errors.is_empty()) else {
        let page = users_page(&state, &user, form, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    };
    let password_hash = hash_blocking(form.password.clone()).await?;
    let new = NewUser {
        display_name: if display_name.is_empty() {
            username.clone()
        } else {
            display_name
        },
        username: username.clone(),
        role,
        password_hash,
    };
    match state
        .store
        .create_user(&new, &user.actor(), state.now())
        .await
    {
        Ok(created) => {
            tracing::info!(by = user.user.id, user_id = created.id, %username, "account created");
            Ok(Redirect::to("/quan-tri/nguoi-dung?thong_bao=da-tao-tai-khoan").into_response())
        }
        Err(StoreError::Conflict(Constraint::Username)) => {
            let errors = vec![(
                "username",
                format!("Tên đăng nhập «{username}» đã có người dùng. Hãy chọn tên khác."),
            )];
            let page = users_page(&state, &user, form, errors, None).await?;
            Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response())
        }
        Err(err) => Err(err.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// One account

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    layout: Layout,
    target: User,
    role_label: &'static str,
    created_at: String,
    is_self: bool,
    errors: FieldErrors,
    min_password: usize,
    grants: Vec<super::grants::GrantLine>,
}

impl UserPage {
    fn error(&self, field: &str) -> Option<&str> {
        field_error(&self.errors, field)
    }
}

async fn load_user(state: &PortalState, raw_id: &str) -> Result<User, HttpError> {
    let id = parse_id(raw_id, "người dùng")?;
    state
        .store
        .user_by_id(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy người dùng số {id}.")))
}

async fn user_page(
    state: &PortalState,
    user: &CurrentUser,
    target: User,
    errors: FieldErrors,
    notice_code: Option<&str>,
) -> Result<Response, HttpError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut layout = Layout::for_user(state, user, "users", None).await;
    layout.notice = notice(notice_code);
    let page = UserPage {
        layout,
        role_label: target.role.label(),
        created_at: local_time(state, target.created_at),
        is_self: target.id == user.user.id,
        grants: super::grants::lines(state, target.id).await?,
        target,
        errors,
        min_password: MIN_PASSWORD_CHARS,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /quan-tri/nguoi-dung/{id}` — one account and its forms.
pub async fn show(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageUsers)?;
    let target = load_user(&state, &id).await?;
    user_page(
        &state,
        &user,
        target,
        Vec::new(),
        query.thong_bao.as_deref(),
    )
    .await
}

/// Fields of the role form.
#[derive(Debug, Default, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    role: String,
}

/// `POST /quan-tri/nguoi-dung/{id}/vai-tro` — changes the role. An admin who demotes themself
/// (possible while another admin is enabled) lands on their account page.
pub async fn set_role(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<RoleForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageUsers)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let target = load_user(&state, &id).await?;
    let Some(role) = Role::parse_portal(&form.role) else {
        let errors = vec![(
            "role",
            "Vai trò phải là «Quản trị» hoặc «Biên tập viên».".to_owned(),
        )];
        return user_page(&state, &user, target, errors, None).await;
    };
    match state
        .store
        .set_user_role(target.id, role, &user.actor(), state.now())
        .await
    {
        Ok(_) if target.id == user.user.id && role != Role::Admin => {
            Ok(Redirect::to("/quan-tri/tai-khoan?thong_bao=da-doi-vai-tro").into_response())
        }
        Ok(_) => Ok(Redirect::to(&format!(
            "/quan-tri/nguoi-dung/{}?thong_bao=da-doi-vai-tro",
            target.id
        ))
        .into_response()),
        Err(StoreError::Invalid(message)) => {
            user_page(
                &state,
                &user,
                target,
                vec![("role", sentence(&message))],
                None,
            )
            .await
        }
        Err(err) => Err(err.into()),
    }
}

/// Fields of the password reset form.
#[derive(Debug, Default, Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// `POST /quan-tri/nguoi-dung/{id}/mat-khau` — sets a new password for someone else (who is
/// logged out everywhere). One's own password is changed on the account page, which asks for
/// the current one.
pub async fn reset_password(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<ResetForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageUsers)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let target = load_user(&state, &id).await?;
    let mut errors = FieldErrors::new();
    if target.id == user.user.id {
        errors.push((
            "password",
            "Mật khẩu của chính bạn được đổi ở trang «Tài khoản» (cần nhập mật khẩu hiện tại)."
                .to_owned(),
        ));
    } else {
        check_password_pair(
            &mut errors,
            "password",
            &target.username,
            &form.password,
            &form.password_confirm,
        );
    }
    if !errors.is_empty() {
        return user_page(&state, &user, target, errors, None).await;
    }
    let hash = hash_blocking(form.password).await?;
    state
        .store
        .set_user_password(target.id, &hash, &user.actor(), state.now())
        .await?;
    Ok(Redirect::to(&format!(
        "/quan-tri/nguoi-dung/{}?thong_bao=da-dat-lai-mat-khau",
        target.id
    ))
    .into_response())
}

/// Fields of the lock/unlock form.
#[derive(Debug, Default, Deserialize)]
pub struct LockForm {
    #[serde(default)]
    csrf_token: String,
    /// `1` to lock, `0` to unlock.
    #[serde(default)]
    disabled: String,
}

/// `POST /quan-tri/nguoi-dung/{id}/khoa` — locks (`disabled=1`) or unlocks (`disabled=0`) an
/// account. A locked account's sessions end at once. An admin may lock themself while another
/// admin is enabled; they are then logged out.
pub async fn set_disabled(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    AdminForm(form): AdminForm<LockForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageUsers)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let target = load_user(&state, &id).await?;
    let disabled = match form.disabled.as_str() {
        "1" => true,
        "0" => false,
        _ => {
            return Err(HttpError::BadRequest(
                "Biểu mẫu khoá tài khoản thiếu lựa chọn khoá hay mở khoá.".to_owned(),
            ));
        }
    };
    match state
        .store
        .set_user_disabled(target.id, disabled, &user.actor(), state.now())
        .await
    {
        Ok(()) if disabled && target.id == user.user.id => {
            let secure = auth::is_https(&state, &headers);
            let mut response = Redirect::to("/quan-tri/dang-nhap").into_response();
            response
                .headers_mut()
                .insert(header::SET_COOKIE, auth::clear_session_cookie(secure));
            Ok(response)
        }
        Ok(()) => Ok(Redirect::to(&format!(
            "/quan-tri/nguoi-dung/{}?thong_bao={}",
            target.id,
            if disabled { "da-khoa" } else { "da-mo-khoa" }
        ))
        .into_response()),
        Err(StoreError::Invalid(message)) => {
            let errors = vec![("disabled", sentence(&message))];
            user_page(&state, &user, target, errors, None).await
        }
        Err(err) => Err(err.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Own account

#[derive(Template)]
#[template(path = "admin/account.html")]
struct AccountPage {
    layout: Layout,
    username: String,
    display_name: String,
    role_label: &'static str,
    errors: FieldErrors,
    min_password: usize,
}

impl AccountPage {
    fn error(&self, field: &str) -> Option<&str> {
        field_error(&self.errors, field)
    }
}

async fn account_page(
    state: &PortalState,
    user: &CurrentUser,
    status: StatusCode,
    errors: FieldErrors,
    notice_code: Option<&str>,
) -> Result<Response, HttpError> {
    let mut layout = Layout::for_user(state, user, "account", None).await;
    layout.notice = notice(notice_code);
    let page = AccountPage {
        layout,
        username: user.user.username.clone(),
        display_name: user.user.display_name.clone(),
        role_label: user.user.role.label(),
        errors,
        min_password: MIN_PASSWORD_CHARS,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /quan-tri/tai-khoan` — the logged-in user's own account (any role).
pub async fn account(
    State(state): State<PortalState>,
    user: CurrentUser,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    account_page(
        &state,
        &user,
        StatusCode::OK,
        Vec::new(),
        query.thong_bao.as_deref(),
    )
    .await
}

/// Fields of the own-password form.
#[derive(Debug, Default, Deserialize)]
pub struct OwnPasswordForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_confirm: String,
}

/// `POST /quan-tri/tai-khoan` — changes one's own password. The current password is required
/// (a session left open on a shared PC is not enough), and wrong guesses count towards the
/// login throttle of this user name and address. Every session of the account ends, this one
/// is replaced by a new one, so the user stays logged in here only.
pub async fn change_own_password(
    State(state): State<PortalState>,
    user: CurrentUser,
    auth::Peer(peer): auth::Peer,
    headers: HeaderMap,
    AdminForm(form): AdminForm<OwnPasswordForm>,
) -> Result<Response, HttpError> {
    user.check_csrf(&state, &form.csrf_token)?;
    let username = user.user.username.clone();
    let client = auth::client_address(&state, &headers, peer);
    let throttle = LoginThrottle::new(&state.store);
    if let Err(wait) = throttle.begin(&username, &client, state.now()).await? {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let errors = vec![(
            "current_password",
            format!("Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau khoảng {minutes} phút."),
        )];
        return account_page(&state, &user, StatusCode::TOO_MANY_REQUESTS, errors, None).await;
    }
    let mut errors = FieldErrors::new();
    check_password_pair(
        &mut errors,
        "new_password",
        &username,
        &form.new_password,
        &form.new_password_confirm,
    );
    let password = form.current_password.clone();
    let phc = user.user.password_hash.clone();
    let current_ok = auth::with_hashing_slot(move || verify_password(&password, &phc)).await?;
    if current_ok {
        // The right password clears the attempt `begin` counted, even if the new one is refused.
        throttle.record_success(&username, &client).await?;
    } else {
        errors.insert(
            0,
            (
                "current_password",
                "Mật khẩu hiện tại không đúng.".to_owned(),
            ),
        );
    }
    if !errors.is_empty() {
        return account_page(
            &state,
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            None,
        )
        .await;
    }
    let hash = hash_blocking(form.new_password).await?;
    let now = state.now();
    state
        .store
        .set_user_password(user.user.id, &hash, &user.actor(), now)
        .await?;
    let token = auth::new_session_token();
    state
        .store
        .create_session(
            &auth::token_hash(&token),
            user.user.id,
            now + SESSION_LIFETIME,
            now,
        )
        .await?;
    tracing::info!(user_id = user.user.id, "own password changed");
    let secure = auth::is_https(&state, &headers);
    let mut response =
        Redirect::to("/quan-tri/tai-khoan?thong_bao=da-doi-mat-khau").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, auth::session_cookie(&token, secure));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_messages_become_sentences() {
        assert_eq!(sentence("tài khoản «a» bị khoá"), "Tài khoản «a» bị khoá.");
        assert_eq!(sentence("Đã xong."), "Đã xong.");
    }

    #[test]
    fn notices_are_a_fixed_set() {
        assert!(notice(Some("da-khoa")).is_some());
        assert!(notice(Some("<script>")).is_none());
        assert!(notice(None).is_none());
    }
}
