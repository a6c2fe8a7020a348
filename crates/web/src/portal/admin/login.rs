//! Đăng nhập, đăng xuất — the login form, session creation and logout.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_store::Actor;
use serde::Deserialize;

use super::views::Layout;
use super::{AdminForm, HttpError};
use crate::kernel::auth::{
    self, CurrentUser, LoginThrottle, SESSION_LIFETIME, verify_against_dummy, verify_password,
};
use crate::portal::PortalState;

/// The one message for a wrong user name or a wrong password (never say which).
pub const WRONG_CREDENTIALS: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";

#[derive(Template)]
#[template(path = "admin/login.html")]
struct LoginPage {
    layout: Layout,
    error: Option<String>,
    username: String,
    next: String,
}

/// Query of the login page.
#[derive(Debug, Deserialize, Default)]
pub struct LoginQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    thong_bao: Option<String>,
}

/// Fields of the login form.
#[derive(Debug, Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Only a path inside the administration may be the target after login (no open redirect).
fn safe_next<'a>(next: &'a str, fallback: &'a str) -> &'a str {
    let ok = (next.starts_with("/quan-tri") || next.starts_with("/dai-hoi"))
        && !next.starts_with("/quan-tri/dang-nhap")
        && !next.contains("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if ok { next } else { fallback }
}

/// Where an account lands after login when no page was asked for: the articles for a portal
/// account, the congress workspace for a workspace-only one.
fn landing_page(grants: &[daihoi_domain::access::Grant]) -> &'static str {
    if daihoi_domain::access::carries(grants, daihoi_domain::access::Permission::ViewArticles) {
        "/quan-tri/bai-viet"
    } else {
        "/dai-hoi"
    }
}

/// `GET /quan-tri/dang-nhap` — the form (or straight on when already logged in).
pub async fn form(
    State(state): State<PortalState>,
    user: Option<CurrentUser>,
    Query(query): Query<LoginQuery>,
) -> Result<Response, HttpError> {
    if let Some(user) = user {
        let fallback = landing_page(&user.grants);
        return Ok(Redirect::to(safe_next(&query.next, fallback)).into_response());
    }
    let page = LoginPage {
        layout: Layout::anonymous(&state, query.thong_bao.as_deref()).await,
        error: None,
        username: String::new(),
        next: query.next,
    };
    super::views::render(&page)
}

async fn login_page(
    state: &PortalState,
    status: StatusCode,
    error: String,
    username: String,
    next: String,
) -> Result<Response, HttpError> {
    let page = LoginPage {
        layout: Layout::anonymous(state, None).await,
        error: Some(error),
        username,
        next,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `POST /quan-tri/dang-nhap` — checks the credentials and opens a session.
///
/// A wrong user name and a wrong password get the same message and cost the same argon2 work.
/// After [`auth::MAX_FAILURES`] failures for one user name from one address, attempts are refused
/// (429) for a while without looking at the password. The count is in the database, shared by
/// every instance.
pub async fn submit(
    State(state): State<PortalState>,
    auth::Peer(peer): auth::Peer,
    headers: HeaderMap,
    AdminForm(form): AdminForm<LoginForm>,
) -> Result<Response, HttpError> {
    // No login name is longer than the rule allows, so a longer one is cut there (one character
    // more, so it still fails): a failed login writes a bounded throttle key and audit row
    // whatever was typed.
    let username: String = daihoi_domain::vn::nfc(form.username.trim())
        .to_lowercase()
        .chars()
        .take(daihoi_domain::account::USERNAME_LENGTH.end() + 1)
        .collect();
    let client = auth::client_address(&state, &headers, peer);
    let throttle = LoginThrottle::new(&state.store);
    if username.is_empty() || form.password.is_empty() {
        return login_page(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Vui lòng nhập tên đăng nhập và mật khẩu.".to_owned(),
            username,
            form.next,
        )
        .await;
    }
    if let Err(wait) = throttle.begin(&username, &client, state.now()).await? {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        tracing::warn!(%username, %client, "login refused: too many failures");
        return login_page(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            format!("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau khoảng {minutes} phút."),
            username,
            form.next,
        )
        .await;
    }

    let user = state.store.user_by_username(&username).await?;
    let password = form.password.clone();
    let candidate = user.clone();
    let matches = auth::with_hashing_slot(move || match candidate {
        Some(user) if !user.disabled => verify_password(&password, &user.password_hash),
        _ => verify_against_dummy(&password),
    })
    .await?;

    let Some(user) = user.filter(|_| matches) else {
        // The attempt was counted by `begin`.
        tracing::warn!(%username, %client, "login failed");
        state
            .store
            .record_event(
                &Actor::System,
                "login_failed",
                "user",
                None,
                serde_json::json!({ "username": username, "client": client.to_string() }),
                state.now(),
            )
            .await?;
        return login_page(
            &state,
            StatusCode::UNAUTHORIZED,
            WRONG_CREDENTIALS.to_owned(),
            username,
            form.next,
        )
        .await;
    };

    throttle.record_success(&username, &client).await?;
    let now = state.now();
    let token = auth::new_session_token();
    state
        .store
        .create_session(
            &auth::token_hash(&token),
            user.id,
            now + SESSION_LIFETIME,
            now,
        )
        .await?;
    tracing::info!(user_id = user.id, %username, %client, "login");
    state
        .store
        .record_event(
            &Actor::User(user.id),
            "login",
            "user",
            Some(user.id),
            serde_json::json!({ "client": client.to_string() }),
            now,
        )
        .await?;
    let secure = auth::is_https(&state, &headers);
    let fallback = if user.portal_access {
        "/quan-tri/bai-viet"
    } else {
        "/dai-hoi"
    };
    let mut response = Redirect::to(safe_next(&form.next, fallback)).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, auth::session_cookie(&token, secure));
    Ok(response)
}

/// Fields of the logout form.
#[derive(Debug, Deserialize, Default)]
pub struct LogoutForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /quan-tri/dang-xuat` — ends the session and removes the cookie.
pub async fn logout(
    State(state): State<PortalState>,
    user: CurrentUser,
    headers: HeaderMap,
    AdminForm(form): AdminForm<LogoutForm>,
) -> Result<Response, HttpError> {
    user.check_csrf(&state, &form.csrf_token)?;
    state.store.delete_session(&user.session_id).await?;
    tracing::info!(user_id = user.user.id, username = %user.user.username, "logout");
    state
        .store
        .record_event(
            &Actor::User(user.user.id),
            "logout",
            "user",
            Some(user.user.id),
            serde_json::json!({}),
            state.now(),
        )
        .await?;
    let secure = auth::is_https(&state, &headers);
    let mut response = Redirect::to("/quan-tri/dang-nhap?thong_bao=da-dang-xuat").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, auth::clear_session_cookie(secure));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    fn safe_next_default(next: &str) -> &str {
        safe_next(next, "/quan-tri/bai-viet")
    }

    #[test]
    fn next_stays_inside_the_administration() {
        assert_eq!(
            safe_next_default("/quan-tri/bai-viet/3"),
            "/quan-tri/bai-viet/3"
        );
        assert_eq!(
            safe_next_default("https://evil.example"),
            "/quan-tri/bai-viet"
        );
        assert_eq!(safe_next_default("//evil.example"), "/quan-tri/bai-viet");
        assert_eq!(
            safe_next_default("/quan-tri//evil.example"),
            "/quan-tri/bai-viet"
        );
        assert_eq!(
            safe_next_default("/quan-tri/dang-nhap"),
            "/quan-tri/bai-viet"
        );
        assert_eq!(safe_next_default(""), "/quan-tri/bai-viet");
        // A line break would end the Location header: never put into a redirect.
        assert_eq!(
            safe_next_default("/quan-tri/bai-viet\r\nSet-Cookie: x=1"),
            "/quan-tri/bai-viet"
        );
        assert_eq!(safe_next_default("/quan-tri/\u{0}"), "/quan-tri/bai-viet");
    }
}
