//! Test helper of the administration tests: accounts, login, session cookies, CSRF tokens,
//! form and multipart requests through the whole router (`daihoi_web::router`).

#![allow(dead_code)]

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::connect_info::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use daihoi_store::{Actor, NewUser, Role};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::common::{TestApp, t0};

/// Password of every test account.
pub const PASSWORD: &str = "mat-khau-thu-2026";

/// One response, body read.
#[derive(Debug)]
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body as text (lossy).
    pub body: String,
}

impl Reply {
    /// `Location` header.
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The full `Set-Cookie` line of the session cookie, if set.
    pub fn session_set_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("dh_session="))
            .map(str::to_owned)
    }

    /// The value of the first hidden `csrf_token` field.
    pub fn csrf_token(&self) -> String {
        let marker = "name=\"csrf_token\" value=\"";
        let at = self
            .body
            .find(marker)
            .unwrap_or_else(|| panic!("no csrf field in {}", self.body));
        let rest = &self.body[at + marker.len()..];
        rest[..rest.find('"').unwrap()].to_owned()
    }
}

/// Creates the accounts `admin` (admin) and `bientap` (editor) with [`PASSWORD`].
pub async fn add_accounts(app: &TestApp) {
    // The cheapest valid argon2id hash would hide nothing here: use the real function.
    let hash = daihoi_web::kernel::auth::hash_password(PASSWORD);
    for (username, role, name) in [
        ("admin", Role::Admin, "Quản trị viên"),
        ("bientap", Role::Editor, "Biên tập viên Một"),
    ] {
        app.state
            .store
            .create_user(
                &NewUser {
                    username: username.into(),
                    display_name: name.into(),
                    role,
                    password_hash: hash.clone(),
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
    }
}

/// A request to send.
pub struct Call {
    method: &'static str,
    uri: String,
    session: Option<String>,
    headers: Vec<(&'static str, String)>,
    body: Body,
    content_type: Option<String>,
}

impl Call {
    /// GET `uri`.
    pub fn get(uri: &str) -> Call {
        Call {
            method: "GET",
            uri: uri.to_owned(),
            session: None,
            headers: Vec::new(),
            body: Body::empty(),
            content_type: None,
        }
    }

    /// POST an urlencoded form built from `pairs`.
    pub fn form(uri: &str, pairs: &[(&str, &str)]) -> Call {
        let body = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        Call {
            method: "POST",
            uri: uri.to_owned(),
            session: None,
            headers: Vec::new(),
            body: Body::from(body),
            content_type: Some("application/x-www-form-urlencoded".to_owned()),
        }
    }

    /// POST a multipart body with text `fields` and one file `photo`.
    pub fn multipart(uri: &str, fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> Call {
        Call::multipart_file(uri, fields, "photo", file_name, bytes)
    }

    /// POST a multipart body with text `fields` and one file in the field `field`.
    pub fn multipart_file(
        uri: &str,
        fields: &[(&str, &str)],
        field: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Call {
        let media = if field == "photo" {
            "image/jpeg"
        } else {
            "application/octet-stream"
        };
        let boundary = "----daihoi-test-boundary-7MA4YWxk";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: {media}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        Call {
            method: "POST",
            uri: uri.to_owned(),
            session: None,
            headers: Vec::new(),
            body: Body::from(body),
            content_type: Some(format!("multipart/form-data; boundary={boundary}")),
        }
    }

    /// With a raw body (for streaming tests).
    pub fn with_body(mut self, body: Body) -> Call {
        self.body = body;
        self
    }

    /// With the session cookie.
    pub fn session(mut self, token: &str) -> Call {
        self.session = Some(token.to_owned());
        self
    }

    /// With one more header.
    pub fn header(mut self, name: &'static str, value: &str) -> Call {
        self.headers.push((name, value.to_owned()));
        self
    }
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Sends one request through a fresh instance of the whole application.
pub async fn send(app: &TestApp, call: Call) -> Reply {
    send_via(daihoi_web::router(app.state.clone()), call).await
}

/// Sends one request through `router` (to keep in-memory state such as the login throttle).
pub async fn send_via(router: axum::Router, call: Call) -> Reply {
    let mut builder = Request::builder()
        .method(call.method)
        .uri(&call.uri)
        .header(header::HOST, "portal.test")
        .header(header::USER_AGENT, crate::common::BROWSER);
    if !call
        .headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
    {
        builder = builder.header(header::ACCEPT, "text/html");
    }
    if let Some(ct) = &call.content_type {
        builder = builder.header(header::CONTENT_TYPE, ct);
    }
    if let Some(token) = &call.session {
        builder = builder.header(header::COOKIE, format!("dh_session={token}"));
    }
    for (name, value) in &call.headers {
        builder = builder.header(*name, value);
    }
    let mut request = builder.body(call.body).expect("request");
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 20], 40000))));
    let response = router.oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = match response.into_body().collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => Vec::new(),
    };
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Logs `username` in with [`PASSWORD`]; returns the session token.
pub async fn login(app: &TestApp, username: &str) -> String {
    let reply = send(
        app,
        Call::form(
            "/quan-tri/dang-nhap",
            &[("username", username), ("password", PASSWORD)],
        ),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::SEE_OTHER,
        "login of {username}: {}",
        reply.body
    );
    let cookie = reply.session_set_cookie().expect("session cookie");
    cookie["dh_session=".len()..cookie.find(';').unwrap()].to_owned()
}

/// The CSRF token of a session (read from the article list page, as a browser would).
pub async fn csrf(app: &TestApp, token: &str) -> String {
    let reply = send(app, Call::get("/quan-tri/bai-viet").session(token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.csrf_token()
}

/// Number of audit rows.
pub async fn audit_count(app: &TestApp) -> u64 {
    app.state.store.list_audit(1, 1).await.unwrap().total
}

/// Id of the category with `slug` (seeded by `common::seed`).
pub async fn category_id(app: &TestApp, slug: &str) -> i64 {
    app.state
        .store
        .category_by_slug(slug)
        .await
        .unwrap()
        .expect("seeded category")
        .id
}
