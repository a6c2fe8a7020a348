//! Xác thực và phân quyền — passwords, login sessions, the [`CurrentUser`] extractor and the
//! role rules of the administration.
//!
//! # Sessions
//!
//! A login creates a random 256-bit token, sent once to the browser in the cookie
//! [`SESSION_COOKIE`] (`HttpOnly`, `SameSite=Strict`, `Path=/`, `Secure` over HTTPS): the administration, the congress workspace and the API share it).
//! The database keeps only its SHA-256 ([`token_hash`]), so a leaked database or backup does not
//! let anyone log in. A session lasts at most [`SESSION_LIFETIME`], and ends sooner after
//! [`SESSION_IDLE_TIMEOUT`] without a request (the last request is written at most once a minute,
//! see `daihoi_store::SESSION_TOUCH_INTERVAL`); logging out deletes it. Locking an account, or
//! changing its password, deletes all its sessions at once.
//!
//! # Roles (vai trò)
//!
//! The role table and the scope rules are in `daihoi_domain::access`; in short:
//!
//! | what                                                     | biên tập viên (editor) | quản trị (admin) |
//! |----------------------------------------------------------|:----------------------:|:----------------:|
//! | see the article list, write new articles (as drafts)     | yes                    | yes              |
//! | edit drafts and unpublished articles, preview, add photos | yes                    | yes              |
//! | edit an article that is published or scheduled           | no                     | yes              |
//! | publish, schedule, unpublish                             | no                     | yes              |
//! | categories, audit log                                    | no                     | yes              |
//! | accounts: add, change role, reset password, lock/unlock  | no                     | yes              |
//! | change one's own password ("Tài khoản")                  | yes                    | yes              |
//!
//! Editors write and hand over drafts; an admin decides what the public sees and when. Every
//! route checks its [`Permission`] through [`CurrentUser::require`].

mod password;
mod throttle;

pub use password::{
    HASHING_SLOTS, HASHING_WAIT, hash_password, verify_against_dummy, verify_password,
    with_hashing_slot,
};
pub use throttle::{LOCKOUT, LoginThrottle, MAX_FAILURES, POLICY as THROTTLE_POLICY, WINDOW};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use daihoi_store::{Actor, User};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};

use axum::extract::FromRef;

use crate::kernel::{HttpError, Kernel};

/// Tên cookie phiên — the session cookie's name.
pub const SESSION_COOKIE: &str = "dh_session";

/// Thời hạn phiên — how long a session stays valid after login (one working day).
pub const SESSION_LIFETIME: chrono::TimeDelta = chrono::TimeDelta::hours(8);

/// Thời gian chờ — a session with no request for this long is refused and deleted, even before
/// [`SESSION_LIFETIME`] is over (an unattended office PC does not stay logged in all day).
pub const SESSION_IDLE_TIMEOUT: chrono::TimeDelta = chrono::TimeDelta::hours(2);

pub use daihoi_domain::access::{Grant, Permission, Scope, Target};

/// A new random 256-bit session token (URL-safe base64, 43 characters).
pub fn new_session_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Mã băm phiên — the SHA-256 of a session token, hex; what the database stores and the subject
/// of the session's CSRF tokens.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the request reached us over HTTPS: the configured public URL is `https://`, or a
/// proxy says so (`X-Forwarded-Proto: https`, `Forwarded: proto=https`). A forged header only
/// makes the cookie stricter.
pub fn is_https(state: &Kernel, headers: &HeaderMap) -> bool {
    if state.config.public_url_is_https() {
        return true;
    }
    let header_says = |name: &str, needle: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains(needle))
    };
    header_says("x-forwarded-proto", "https") || header_says("forwarded", "proto=https")
}

/// The `Set-Cookie` value that stores `token` in the browser.
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let max_age = SESSION_LIFETIME.num_seconds();
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("token is URL-safe base64")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"
    ))
    .expect("static cookie text")
}

/// The session token from the request's cookies, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    crate::kernel::cookies::request_cookie(headers, SESSION_COOKIE)
}

/// Địa chỉ máy khách — the client's IP address: the socket peer, or, when the configuration
/// trusts the proxy in front (`--trust-proxy`), the **last** `X-Forwarded-For` address — the one
/// that proxy appended itself. The addresses before it are written by the client and prove
/// nothing (`X-Forwarded-For: 203.0.113.9, <real client>` must not make every request a new
/// client). A last address that is not an IP falls back to the peer.
pub fn client_ip(state: &Kernel, headers: &HeaderMap, peer: Option<SocketAddr>) -> Option<IpAddr> {
    if state.config.trust_forwarded_for
        && let Some(ip) = forwarded_client(headers)
    {
        return Some(ip);
    }
    peer.map(|addr| addr.ip())
}

/// The address the nearest proxy appended to `X-Forwarded-For` (the last one of the last header).
fn forwarded_client(headers: &HeaderMap) -> Option<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim()
        .parse()
        .ok()
}

/// Mạng của máy khách — the key of per-address limits: an IPv4 address itself, an IPv6 address by
/// its /64 (one household or phone gets a whole /64 and can use any address in it), an
/// IPv4-mapped IPv6 address as the IPv4 address.
pub fn network_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let bits = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(std::net::Ipv6Addr::from(bits))
            }
        },
    }
}

/// The socket peer of a request, when the server was started with connect info.
pub fn peer_of_request<B>(request: &axum::http::Request<B>) -> Option<SocketAddr> {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0)
}

/// The client address as text, the key of the login throttle (see [`client_ip`]).
pub fn client_address(state: &Kernel, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    client_ip(state, headers, peer)
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The socket peer of a request, when the server was started with connect info.
pub fn peer_of(parts: &Parts) -> Option<SocketAddr> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0)
}

/// Người dùng hiện tại — the logged-in user of a request, found from the session cookie.
///
/// As an extractor it refuses requests without a live session: pages are redirected (303) to
/// the login form with `?next=` the page asked for, JSON callers get 401.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The account.
    pub user: User,
    /// SHA-256 of the session token: identifies the session and is the CSRF subject.
    pub session_id: String,
    /// What the account holds: its portal role on the site, then its workspace grants.
    pub grants: Vec<Grant>,
}

impl CurrentUser {
    /// The audit-log actor for this user.
    pub fn actor(&self) -> Actor {
        Actor::User(self.user.id)
    }

    /// What this user holds: the account's portal role on the whole site and its workspace
    /// grants.
    pub fn grants(&self) -> &[Grant] {
        &self.grants
    }

    /// Whether some grant of this user carries `permission` somewhere (to show a menu entry; the
    /// route still checks its own target).
    pub fn can_anywhere(&self, permission: Permission) -> bool {
        daihoi_domain::access::carries(&self.grants, permission)
    }

    /// Whether this user has `permission` on site-wide things.
    pub fn can(&self, permission: Permission) -> bool {
        self.can_on(permission, Target::Site)
    }

    /// Whether this user has `permission` on `target` (an organization's or a congress's thing).
    pub fn can_on(&self, permission: Permission, target: Target<'_>) -> bool {
        daihoi_domain::access::allows(&self.grants, permission, target)
    }

    /// Refuses (403) when this user lacks `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), HttpError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(HttpError::NotPermitted)
        }
    }

    /// The CSRF token for this session's forms.
    pub fn csrf_token(&self, state: &Kernel) -> String {
        crate::kernel::csrf::issue(&state.secret, &self.session_id)
    }

    /// Refuses (403) a form whose `csrf_token` does not belong to this session.
    pub fn check_csrf(&self, state: &Kernel, token: &str) -> Result<(), HttpError> {
        if crate::kernel::csrf::verify(&state.secret, &self.session_id, token) {
            Ok(())
        } else {
            Err(HttpError::BadCsrf)
        }
    }
}

/// Why [`CurrentUser`] refused a request.
#[derive(Debug)]
pub enum AuthRejection {
    /// No live session; `next` is where to return after login, `json` whether to answer 401.
    NotLoggedIn {
        /// Path and query the user asked for.
        next: String,
        /// The caller wants JSON.
        json: bool,
    },
    /// The session could not be looked up.
    Store(daihoi_store::StoreError),
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        match self {
            AuthRejection::NotLoggedIn { json: true, .. } => crate::kernel::error::json_error(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Bạn cần đăng nhập để thực hiện thao tác này.",
            ),
            AuthRejection::NotLoggedIn { next, json: false } => {
                let inside = next.starts_with("/quan-tri") || next.starts_with("/dai-hoi");
                let target = if inside && next != "/quan-tri/dang-nhap" {
                    format!(
                        "/quan-tri/dang-nhap?next={}",
                        percent_encoding::utf8_percent_encode(
                            &next,
                            percent_encoding::NON_ALPHANUMERIC
                        )
                    )
                } else {
                    "/quan-tri/dang-nhap".to_owned()
                };
                Redirect::to(&target).into_response()
            }
            AuthRejection::Store(err) => HttpError::Store(err).into_response(),
        }
    }
}

impl<S> FromRequestParts<S> for CurrentUser
where
    Kernel: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = Kernel::from_ref(state);
        if let Some(user) = parts.extensions.get::<CurrentUser>() {
            return Ok(user.clone());
        }
        let not_logged_in = || AuthRejection::NotLoggedIn {
            next: if parts.method == axum::http::Method::GET {
                // Inside `nest` the URI lost its `/quan-tri` prefix; the original has it.
                let uri = parts
                    .extensions
                    .get::<axum::extract::OriginalUri>()
                    .map(|original| &original.0)
                    .unwrap_or(&parts.uri);
                uri.path_and_query()
                    .map(|pq| pq.as_str().to_owned())
                    .unwrap_or_default()
            } else {
                // A form sent after the session ended: back to the page the form was on (its
                // `Referer`, same-site: the same-origin check ran before), where the editor
                // offers the text typed there again.
                parts
                    .headers
                    .get(axum::http::header::REFERER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|referer| referer.split_once("://"))
                    .and_then(|(_, rest)| rest.find('/').map(|at| rest[at..].to_owned()))
                    .unwrap_or_default()
            },
            json: crate::kernel::error::wants_json(parts.uri.path(), &parts.headers),
        };
        let Some(token) = session_token(&parts.headers) else {
            return Err(not_logged_in());
        };
        match CurrentUser::of_session(&state, token_hash(&token)).await {
            Ok(Some(current)) => {
                parts.extensions.insert(current.clone());
                Ok(current)
            }
            Ok(None) => Err(not_logged_in()),
            Err(err) => Err(AuthRejection::Store(err)),
        }
    }
}

impl CurrentUser {
    /// The user of the live session whose token hashes to `hash`, with their grants (the
    /// account's portal role on the site, then its workspace grants); `None` when the session
    /// ended. For the extractor, and for a long response (an event stream) that checks again
    /// later that its session and rights still hold.
    pub async fn of_session(
        state: &Kernel,
        hash: String,
    ) -> Result<Option<CurrentUser>, daihoi_store::StoreError> {
        let Some((_session, user)) = state
            .store
            .session_by_token_hash(&hash, SESSION_IDLE_TIMEOUT, state.now())
            .await?
        else {
            return Ok(None);
        };
        let mut grants = Vec::new();
        if user.portal_access {
            grants.push(Grant::site(user.role));
        }
        grants.extend(
            state
                .store
                .grants_of(user.id)
                .await?
                .into_iter()
                .map(|g| g.grant),
        );
        Ok(Some(CurrentUser {
            user,
            session_id: hash,
            grants,
        }))
    }
}

impl<S> axum::extract::OptionalFromRequestParts<S> for CurrentUser
where
    Kernel: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        match <CurrentUser as FromRequestParts<S>>::from_request_parts(parts, state).await {
            Ok(user) => Ok(Some(user)),
            Err(AuthRejection::NotLoggedIn { .. }) => Ok(None),
            Err(err) => Err(err),
        }
    }
}

/// Máy khách — the socket address of the client, when the server runs with connect info
/// (`None` in tests that call the router directly).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(peer_of(parts)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    #[test]
    fn the_forwarded_client_is_the_address_the_proxy_appended() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 198.51.100.7"),
        );
        assert_eq!(
            forwarded_client(&headers),
            Some("198.51.100.7".parse().unwrap()),
            "the client-written leftmost address is ignored"
        );
        headers.append("x-forwarded-for", HeaderValue::from_static("192.0.2.1"));
        assert_eq!(
            forwarded_client(&headers),
            Some("192.0.2.1".parse().unwrap())
        );
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("1.2.3.4, nonsense"),
        );
        assert_eq!(forwarded_client(&headers), None);
        headers.insert("x-forwarded-for", HeaderValue::from_static(" 2001:db8::1 "));
        assert_eq!(
            forwarded_client(&headers),
            Some("2001:db8::1".parse().unwrap())
        );
    }

    #[test]
    fn limits_key_ipv6_clients_by_their_64_prefix() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(network_of(ip("198.51.100.7")), ip("198.51.100.7"));
        assert_eq!(network_of(ip("::ffff:198.51.100.7")), ip("198.51.100.7"));
        assert_eq!(
            network_of(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")),
            ip("2001:db8:1:2::")
        );
        assert_eq!(
            network_of(ip("2001:db8:1:2::1")),
            network_of(ip("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            network_of(ip("2001:db8:1:2::1")),
            network_of(ip("2001:db8:1:3::1"))
        );
    }

    #[test]
    fn tokens_are_256_bit_and_hashed() {
        let a = new_session_token();
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 32);
        assert_ne!(a, new_session_token());
        let h = token_hash(&a);
        assert_eq!(h.len(), 64);
        assert!(!h.contains(&a));
        assert_eq!(h, token_hash(&a));
    }

    #[test]
    fn cookie_flags() {
        let c = session_cookie("abc", false);
        let c = c.to_str().unwrap();
        assert!(c.starts_with("dh_session=abc;"));
        for flag in ["HttpOnly", "SameSite=Strict", "Path=/;"] {
            assert!(c.contains(flag), "{c}");
        }
        assert!(!c.contains("Secure"));
        assert!(
            session_cookie("abc", true)
                .to_str()
                .unwrap()
                .ends_with("; Secure")
        );
    }

    #[test]
    fn token_is_read_from_cookie_header() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; dh_session=tok; b=2"),
        );
        assert_eq!(session_token(&headers).as_deref(), Some("tok"));
        headers.insert(header::COOKIE, HeaderValue::from_static("dh_session="));
        assert_eq!(session_token(&headers), None);
    }
}
