//! The administration's gate through the router: login, session cookie, idle timeout, throttle
//! (shared by instances), logout, the role check of every route, CSRF and same-origin refusals,
//! the audit log page, account management and the own-password page. Each test
//! runs on SQLite and, when `DAIHOI_TEST_DATABASE_URL` is set, on a fresh PostgreSQL database.

mod admin_support;
mod common;

use admin_support::{
    Call, PASSWORD, add_accounts, audit_count, category_id, csrf, login, send, send_via,
};
use axum::http::StatusCode;
use common::{TestApp, each_backend};
use daihoi_web::kernel::auth::{LOCKOUT, MAX_FAILURES, SESSION_IDLE_TIMEOUT, token_hash};

const WRONG: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";

async fn user_id(app: &TestApp, username: &str) -> i64 {
    app.state
        .store
        .user_by_username(username)
        .await
        .unwrap()
        .expect("account")
        .id
}

async fn article_count(app: &TestApp) -> u64 {
    app.state.store.list_all_articles(1, 1).await.unwrap().total
}

#[tokio::test]
async fn login_sets_a_strict_cookie_and_stores_only_the_token_hash() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let page = send(&app, Call::get("/quan-tri/dang-nhap")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("name=\"username\""));
        assert!(page.body.contains("type=\"password\""));
        assert!(!page.body.contains("<script>") && !page.body.contains("style="));

        let reply = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[
                    ("username", "admin"),
                    ("password", PASSWORD),
                    ("next", "/quan-tri/nhat-ky"),
                ],
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(reply.location(), "/quan-tri/nhat-ky");
        let cookie = reply.session_set_cookie().expect("cookie");
        for flag in ["HttpOnly", "SameSite=Strict", "Path=/;"] {
            assert!(cookie.contains(flag), "{cookie} lacks {flag}");
        }
        assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
        let token = &cookie["dh_session=".len()..cookie.find(';').unwrap()];
        assert!(token.len() >= 43, "256-bit token: {token}");

        // Only the SHA-256 is stored.
        let store = &app.state.store;
        let raw: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM user_session WHERE token_hash = $1")
                .bind(token)
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert_eq!(raw, 0);
        assert!(
            store
                .session_by_token_hash(&token_hash(token), SESSION_IDLE_TIMEOUT, app.state.now())
                .await
                .unwrap()
                .is_some()
        );

        // The session opens the administration.
        let list = send(&app, Call::get("/quan-tri/bai-viet").session(token)).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Quản trị viên"));
        assert_eq!(list.headers["cache-control"], "no-store");

        // Behind an HTTPS proxy the cookie is Secure.
        let https = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[("username", "bientap"), ("password", PASSWORD)],
            )
            .header("x-forwarded-proto", "https"),
        )
        .await;
        assert!(https.session_set_cookie().unwrap().contains("; Secure"));
    })
    .await;
}

#[tokio::test]
async fn wrong_user_and_wrong_password_get_the_same_answer() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        for (user, password) in [("admin", "sai-mat-khau"), ("khong-co-ai", PASSWORD)] {
            let reply = send(
                &app,
                Call::form(
                    "/quan-tri/dang-nhap",
                    &[("username", user), ("password", password)],
                ),
            )
            .await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{user}");
            assert!(reply.body.contains(WRONG), "{user}: {}", reply.body);
            assert!(reply.session_set_cookie().is_none());
            assert!(
                reply.body.contains(&format!("value=\"{user}\"")),
                "user name kept"
            );
        }
        let empty = send(
            &app,
            Call::form("/quan-tri/dang-nhap", &[("username", "admin")]),
        )
        .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Both failures are traced in the audit log with the name that was tried.
        let log = app.state.store.list_audit(1, 100).await.unwrap();
        let failed: Vec<&str> = log
            .items
            .iter()
            .filter(|e| e.action == "login_failed")
            .map(|e| e.detail.as_str())
            .collect();
        assert_eq!(failed.len(), 2, "{failed:?}");
        assert!(failed.iter().any(|d| d.contains("khong-co-ai")));
    })
    .await;
}

#[tokio::test]
async fn repeated_failures_lock_the_user_name_from_that_address() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        // One router for the whole test, as in a running server: the throttle lives in it.
        let router = daihoi_web::router(app.state.clone());
        let send = |_app: &TestApp, call: Call| send_via(router.clone(), call);
        for _ in 0..MAX_FAILURES {
            let reply = send(
                &app,
                Call::form(
                    "/quan-tri/dang-nhap",
                    &[("username", "admin"), ("password", "doan-bua")],
                ),
            )
            .await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        }
        // Even the right password is refused now, without a session.
        let locked = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[("username", "admin"), ("password", PASSWORD)],
            ),
        )
        .await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(locked.body.contains("quá nhiều lần"));
        assert!(locked.session_set_cookie().is_none());
        // Another account from the same address is not affected.
        let other = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[("username", "bientap"), ("password", PASSWORD)],
            ),
        )
        .await;
        assert_eq!(other.status, StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn pages_need_a_session_and_logout_ends_it() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let reply = send(&app, Call::get("/quan-tri/bai-viet?trang_thai=draft")).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(
            reply.location(),
            "/quan-tri/dang-nhap?next=%2Fquan%2Dtri%2Fbai%2Dviet%3Ftrang%5Fthai%3Ddraft"
        );
        let json = send(
            &app,
            Call::get("/quan-tri/bai-viet").header("accept", "application/json"),
        )
        .await;
        assert_eq!(json.status, StatusCode::UNAUTHORIZED);
        let forged = send(
            &app,
            Call::get("/quan-tri/bai-viet").session("khong-phai-phien"),
        )
        .await;
        assert_eq!(forged.status, StatusCode::SEE_OTHER);

        let token = login(&app, "admin").await;
        let csrf_token = csrf(&app, &token).await;
        // Logout is a POST with the form token.
        let no_token = send(&app, Call::form("/quan-tri/dang-xuat", &[]).session(&token)).await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let out = send(
            &app,
            Call::form("/quan-tri/dang-xuat", &[("csrf_token", &csrf_token)]).session(&token),
        )
        .await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert!(out.session_set_cookie().unwrap().contains("Max-Age=0"));
        let after = send(&app, Call::get("/quan-tri/bai-viet").session(&token)).await;
        assert_eq!(after.status, StatusCode::SEE_OTHER);
        assert!(after.location().starts_with("/quan-tri/dang-nhap"));
        // The login and the logout are in the audit log (traceable logins, portal-law §4).
        let log = app.state.store.list_audit(1, 100).await.unwrap();
        let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
        assert!(actions.contains(&"login"), "{actions:?}");
        assert!(actions.contains(&"logout"), "{actions:?}");
    })
    .await;
}

/// Every route of the administration with the role it needs: editors are refused (403) on
/// admin-only routes, admins are let through, and nobody gets in without a session.
#[tokio::test]
async fn every_route_checks_the_role() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let editor = login(&app, "bientap").await;
        let admin_csrf = csrf(&app, &admin).await;
        let editor_csrf = csrf(&app, &editor).await;
        let category = category_id(&app, "tin-dai-hoi").await;
        let published = app
            .state
            .store
            .published_article_by_slug("tan-uyen-san-sang", app.state.now())
            .await
            .unwrap()
            .unwrap()
            .id;
        let editor_id = user_id(&app, "bientap").await;
        let cat = category.to_string();
        let article_fields = |csrf: &str, title: &str| -> Vec<(String, String)> {
            vec![
                ("csrf_token".into(), csrf.into()),
                ("title".into(), title.into()),
                ("kind".into(), "news".into()),
                ("category_id".into(), cat.clone()),
            ]
        };
        // A draft for the editor routes.
        let draft = send(
            &app,
            form_call(
                "/quan-tri/bai-viet",
                &article_fields(&editor_csrf, "Bản nháp của biên tập"),
            )
            .session(&editor),
        )
        .await;
        assert_eq!(draft.status, StatusCode::SEE_OTHER, "{}", draft.body);
        let draft_id: i64 = draft.location()["/quan-tri/bai-viet/".len()..]
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();

        struct Route {
            method: &'static str,
            path: String,
            editor_allowed: bool,
        }
        let route = |method, path: String, editor_allowed| Route {
            method,
            path,
            editor_allowed,
        };
        let routes = vec![
            route("GET", "/quan-tri".into(), true),
            route("GET", "/quan-tri/bai-viet".into(), true),
            route("GET", "/quan-tri/bai-viet/moi".into(), true),
            route("GET", format!("/quan-tri/bai-viet/{published}"), true),
            route("POST", "/quan-tri/bai-viet".into(), true),
            route("POST", format!("/quan-tri/bai-viet/{draft_id}"), true),
            route("POST", format!("/quan-tri/bai-viet/{published}"), false),
            route("POST", "/quan-tri/xem-truoc".into(), true),
            route(
                "POST",
                format!("/quan-tri/bai-viet/{draft_id}/xuat-ban"),
                false,
            ),
            route("POST", format!("/quan-tri/bai-viet/{published}/anh"), false),
            // Last of the article routes: the admin's pass withdraws the published article.
            route(
                "POST",
                format!("/quan-tri/bai-viet/{published}/go-xuat-ban"),
                false,
            ),
            route("GET", "/quan-tri/chuyen-muc".into(), false),
            route("GET", "/quan-tri/chuyen-muc/moi".into(), false),
            route("GET", format!("/quan-tri/chuyen-muc/{category}"), false),
            route("POST", "/quan-tri/chuyen-muc".into(), false),
            route("POST", format!("/quan-tri/chuyen-muc/{category}"), false),
            route("GET", "/quan-tri/nhat-ky".into(), false),
            route("GET", "/quan-tri/nguoi-dung".into(), false),
            route("POST", "/quan-tri/nguoi-dung".into(), false),
            route("GET", format!("/quan-tri/nguoi-dung/{editor_id}"), false),
            route(
                "POST",
                format!("/quan-tri/nguoi-dung/{editor_id}/vai-tro"),
                false,
            ),
            route(
                "POST",
                format!("/quan-tri/nguoi-dung/{editor_id}/mat-khau"),
                false,
            ),
            route(
                "POST",
                format!("/quan-tri/nguoi-dung/{editor_id}/khoa"),
                false,
            ),
            route("GET", "/quan-tri/tai-khoan".into(), true),
        ];
        for r in &routes {
            let call = |session: Option<(&str, &str)>| {
                let c = match r.method {
                    "GET" => Call::get(&r.path),
                    _ if r.path.ends_with("/anh") => Call::multipart(
                        &r.path,
                        &[("csrf_token", session.map(|s| s.1).unwrap_or(""))],
                        "a.jpg",
                        b"not checked before the role",
                    ),
                    _ => {
                        let mut fields =
                            article_fields(session.map(|s| s.1).unwrap_or(""), "Tiêu đề thử quyền");
                        fields.push(("name".into(), "Chuyên mục thử quyền".into()));
                        fields.push(("body".into(), "**xem trước**".into()));
                        form_call(&r.path, &fields)
                    }
                };
                match session {
                    Some((token, _)) => c.session(token),
                    None => c,
                }
            };
            let anonymous = send(&app, call(None)).await;
            assert_eq!(
                anonymous.status,
                StatusCode::SEE_OTHER,
                "anonymous {} {}",
                r.method,
                r.path
            );
            assert!(anonymous.location().starts_with("/quan-tri/dang-nhap"));

            let as_editor = send(&app, call(Some((&editor, &editor_csrf)))).await;
            if r.editor_allowed {
                assert_ne!(
                    as_editor.status,
                    StatusCode::FORBIDDEN,
                    "editor {} {}: {}",
                    r.method,
                    r.path,
                    as_editor.body
                );
                assert!(
                    as_editor.status.is_success() || as_editor.status.is_redirection(),
                    "editor {} {}: {}",
                    r.method,
                    r.path,
                    as_editor.status
                );
            } else {
                assert_eq!(
                    as_editor.status,
                    StatusCode::FORBIDDEN,
                    "editor {} {}",
                    r.method,
                    r.path
                );
                assert!(
                    as_editor.body.contains("không có quyền"),
                    "{}",
                    as_editor.body
                );
            }

            let as_admin = send(&app, call(Some((&admin, &admin_csrf)))).await;
            assert_ne!(
                as_admin.status,
                StatusCode::FORBIDDEN,
                "admin {} {}: {}",
                r.method,
                r.path,
                as_admin.body
            );
        }
        // The editor's menu has no admin entries.
        let menu = send(&app, Call::get("/quan-tri/bai-viet").session(&editor)).await;
        assert!(!menu.body.contains("/quan-tri/nhat-ky"));
        assert!(!menu.body.contains("Xuất bản</button>"));
    })
    .await;
}

fn form_call(path: &str, fields: &[(String, String)]) -> Call {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    Call::form(path, &pairs)
}

#[tokio::test]
async fn missing_or_foreign_csrf_token_is_refused_and_stores_nothing() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let editor = login(&app, "bientap").await;
        let editor_csrf = csrf(&app, &editor).await;
        let category = category_id(&app, "tin-dai-hoi").await.to_string();
        let articles = article_count(&app).await;
        let audits = audit_count(&app).await;
        for token in [None, Some("sai"), Some(editor_csrf.as_str())] {
            let mut fields = vec![
                ("title", "Bài không được lưu"),
                ("kind", "news"),
                ("category_id", category.as_str()),
            ];
            if let Some(token) = token {
                fields.push(("csrf_token", token));
            }
            let reply = send(
                &app,
                Call::form("/quan-tri/bai-viet", &fields).session(&admin),
            )
            .await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "token {token:?}");
            assert!(reply.body.contains("Mã bảo vệ"), "{}", reply.body);
            let cat = send(
                &app,
                Call::form(
                    "/quan-tri/chuyen-muc",
                    &[("name", "Không lưu"), ("csrf_token", token.unwrap_or(""))],
                )
                .session(&admin),
            )
            .await;
            assert_eq!(cat.status, StatusCode::FORBIDDEN);
            let preview = send(
                &app,
                Call::form(
                    "/quan-tri/xem-truoc",
                    &[("body", "x"), ("csrf_token", token.unwrap_or(""))],
                )
                .session(&admin),
            )
            .await;
            assert_eq!(preview.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(article_count(&app).await, articles);
        assert_eq!(app.state.store.list_categories().await.unwrap().len(), 2);
        assert_eq!(audit_count(&app).await, audits);
    })
    .await;
}

#[tokio::test]
async fn posts_from_another_site_are_refused() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let audits = audit_count(&app).await;
        let fields = [("csrf_token", token.as_str()), ("name", "Chuyên mục lạ")];
        for (header, value) in [
            ("origin", "https://evil.example"),
            ("origin", "null"),
            ("referer", "https://evil.example/trang"),
        ] {
            let reply = send(
                &app,
                Call::form("/quan-tri/chuyen-muc", &fields)
                    .session(&admin)
                    .header(header, value),
            )
            .await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{header}: {value}");
            assert!(reply.body.contains("trang web khác"));
        }
        assert_eq!(audit_count(&app).await, audits);
        let same = send(
            &app,
            Call::form("/quan-tri/chuyen-muc", &fields)
                .session(&admin)
                .header("origin", "http://portal.test"),
        )
        .await;
        assert_eq!(same.status, StatusCode::SEE_OTHER, "{}", same.body);
        assert_eq!(audit_count(&app).await, audits + 1);
    })
    .await;
}

#[tokio::test]
async fn category_changes_are_checked_and_audited() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let created = send(
            &app,
            Call::form(
                "/quan-tri/chuyen-muc",
                &[
                    ("csrf_token", &token),
                    ("name", "Công tác cán bộ"),
                    ("position", "5"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER);
        let cat = app
            .state
            .store
            .category_by_slug("cong-tac-can-bo")
            .await
            .unwrap()
            .expect("slug from name");
        assert_eq!(cat.position, 5);
        // A taken slug is an error next to the field, values kept, nothing stored.
        let clash = send(
            &app,
            Call::form(
                "/quan-tri/chuyen-muc",
                &[
                    ("csrf_token", &token),
                    ("name", "Tin khác"),
                    ("slug", "tin-dai-hoi"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(clash.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(clash.body.contains("đã được chuyên mục khác dùng"));
        assert!(clash.body.contains("value=\"Tin khác\""));
        let edited = send(
            &app,
            Call::form(
                &format!("/quan-tri/chuyen-muc/{}", cat.id),
                &[
                    ("csrf_token", &token),
                    ("name", "Công tác cán bộ"),
                    ("slug", "can-bo"),
                    ("position", "2"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(edited.status, StatusCode::SEE_OTHER);
        let rows = app.state.store.audit_of("category", cat.id).await.unwrap();
        let actions: Vec<_> = rows.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["create", "update"]);
        assert!(
            rows.iter()
                .all(|r| r.actor_username.as_deref() == Some("admin"))
        );

        let page = send(&app, Call::get("/quan-tri/nhat-ky").session(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("15/07/2021 10:00"), "local time of t0");
        assert!(
            page.body
                .contains(&format!("/quan-tri/chuyen-muc/{}", cat.id))
        );
        assert!(page.body.contains("Chuyên mục #"));
        assert!(page.body.contains(">admin<"));
    })
    .await;
}

#[tokio::test]
async fn unknown_ids_and_broken_forms_get_vietnamese_errors() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        for path in [
            "/quan-tri/bai-viet/999999",
            "/quan-tri/bai-viet/abc",
            "/quan-tri/chuyen-muc/0",
            "/quan-tri/khong-co",
        ] {
            let reply = send(&app, Call::get(path).session(&admin)).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
            assert!(
                reply.body.contains("Không tìm thấy") || reply.body.contains("Không có trang"),
                "{path}: {}",
                reply.body
            );
        }
        let broken = send(
            &app,
            Call::form("/quan-tri/bai-viet", &[])
                .with_body(axum::body::Body::from("title=%E0%A4%A&&=="))
                .session(&admin),
        )
        .await;
        assert!(
            broken.status == StatusCode::BAD_REQUEST || broken.status == StatusCode::FORBIDDEN,
            "{}",
            broken.status
        );
    })
    .await;
}

#[tokio::test]
async fn a_session_ends_after_two_hours_without_a_request() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let token = login(&app, "bientap").await;
        let hash = token_hash(&token);
        let last_seen = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT last_seen_at FROM user_session WHERE token_hash = $1",
            )
            .bind(&hash)
            .fetch_optional(app.state.store.pool())
            .await
            .unwrap()
        };
        let open = |token: String| {
            let app = &app;
            async move { send(app, Call::get("/quan-tri/bai-viet").session(&token)).await }
        };
        assert_eq!(SESSION_IDLE_TIMEOUT, chrono::TimeDelta::hours(2));
        let login_at = app.state.now().timestamp_micros();
        assert_eq!(last_seen().await, Some(login_at));

        // Requests within a minute of the last write do not write again.
        app.state.clock.advance(chrono::TimeDelta::seconds(30));
        assert_eq!(open(token.clone()).await.status, StatusCode::OK);
        assert_eq!(
            last_seen().await,
            Some(login_at),
            "not written twice a minute"
        );

        // A request every 1 h 59 keeps the session alive past twice the idle timeout.
        for _ in 0..3 {
            app.state
                .clock
                .advance(SESSION_IDLE_TIMEOUT - chrono::TimeDelta::minutes(1));
            assert_eq!(open(token.clone()).await.status, StatusCode::OK);
            assert_eq!(last_seen().await, Some(app.state.now().timestamp_micros()));
        }

        // Two hours without a request: back to the login form, and the session row is gone.
        app.state.clock.advance(SESSION_IDLE_TIMEOUT);
        let idle = open(token.clone()).await;
        assert_eq!(idle.status, StatusCode::SEE_OTHER);
        assert!(
            idle.location().starts_with("/quan-tri/dang-nhap"),
            "{}",
            idle.location()
        );
        assert_eq!(last_seen().await, None);
        // Logging in again works as usual.
        let again = login(&app, "bientap").await;
        assert_eq!(open(again).await.status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn the_login_throttle_is_shared_by_instances() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        // A second instance over the same database, with its own router and memory.
        let dir = tempfile::tempdir().unwrap();
        let other = daihoi_web::PortalState::new(
            app.state.store.clone(),
            daihoi_web::Config::new(dir.path()),
            app.state.clock.clone(),
        )
        .await
        .unwrap();
        let instances = [
            daihoi_web::router(app.state.clone()),
            daihoi_web::router(other),
        ];
        let attempt = |n: usize, password: &'static str| {
            send_via(
                instances[n % 2].clone(),
                Call::form(
                    "/quan-tri/dang-nhap",
                    &[("username", "admin"), ("password", password)],
                ),
            )
        };
        for n in 0..MAX_FAILURES as usize {
            assert_eq!(
                attempt(n, "doan-bua").await.status,
                StatusCode::UNAUTHORIZED
            );
        }
        // Locked on both instances, even with the right password.
        for n in 0..2 {
            let locked = attempt(n, PASSWORD).await;
            assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "instance {n}");
            assert!(locked.body.contains("khoảng 15 phút"), "{}", locked.body);
            assert!(locked.session_set_cookie().is_none());
        }
        // The lockout counts from the last failure; once over, the right password opens.
        app.state
            .clock
            .advance(chrono::TimeDelta::from_std(LOCKOUT).unwrap());
        assert_eq!(attempt(1, PASSWORD).await.status, StatusCode::SEE_OTHER);
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM login_failure")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
        assert_eq!(rows, 0, "a success clears the pair");
    })
    .await;
}

async fn add_user_form(
    app: &TestApp,
    admin: &str,
    token: &str,
    fields: &[(&str, &str)],
) -> admin_support::Reply {
    let mut all = vec![("csrf_token", token)];
    all.extend_from_slice(fields);
    send(app, Call::form("/quan-tri/nguoi-dung", &all).session(admin)).await
}

#[tokio::test]
async fn admins_add_accounts_under_the_cli_rules() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let users = app.state.store.list_users().await.unwrap().len();
        let audits = audit_count(&app).await;

        let page = send(&app, Call::get("/quan-tri/nguoi-dung").session(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("id=\"new-user-form\""));
        assert!(page.body.contains("Biên tập viên Một"));

        for (fields, status, message) in [
            (
                vec![
                    ("username", "Nguyễn An"),
                    ("password", "mat-khau-dai"),
                    ("password_confirm", "mat-khau-dai"),
                ],
                StatusCode::UNPROCESSABLE_ENTITY,
                "Tên đăng nhập «nguyễn an» không hợp lệ",
            ),
            (
                vec![
                    ("username", "phongvien"),
                    ("password", "ngan"),
                    ("password_confirm", "ngan"),
                ],
                StatusCode::UNPROCESSABLE_ENTITY,
                "Mật khẩu quá ngắn: cần ít nhất 8 ký tự.",
            ),
            (
                vec![
                    ("username", "phongvien"),
                    ("password", "phongvien"),
                    ("password_confirm", "phongvien"),
                ],
                StatusCode::UNPROCESSABLE_ENTITY,
                "trùng với tên đăng nhập",
            ),
            (
                vec![
                    ("username", "phongvien"),
                    ("password", "mat-khau-dai"),
                    ("password_confirm", "mat-khau-khac"),
                ],
                StatusCode::UNPROCESSABLE_ENTITY,
                "Hai lần nhập mật khẩu không khớp nhau.",
            ),
            (
                vec![
                    ("username", "phongvien"),
                    ("role", "chu-tich"),
                    ("password", "mat-khau-dai"),
                    ("password_confirm", "mat-khau-dai"),
                ],
                StatusCode::UNPROCESSABLE_ENTITY,
                "Vai trò phải là",
            ),
            (
                vec![
                    ("username", "bientap"),
                    ("password", "mat-khau-dai"),
                    ("password_confirm", "mat-khau-dai"),
                ],
                StatusCode::CONFLICT,
                "Tên đăng nhập «bientap» đã có người dùng.",
            ),
        ] {
            let reply = add_user_form(&app, &admin, &token, &fields).await;
            assert_eq!(reply.status, status, "{fields:?}: {}", reply.body);
            assert!(reply.body.contains(message), "{message}: {}", reply.body);
            assert!(
                !reply.body.contains("mat-khau-dai"),
                "passwords are not shown again"
            );
        }
        assert_eq!(app.state.store.list_users().await.unwrap().len(), users);
        assert_eq!(audit_count(&app).await, audits);

        let created = add_user_form(
            &app,
            &admin,
            &token,
            &[
                ("username", " PhongVien "),
                ("display_name", "Phóng viên Lò Thị Mai"),
                ("role", "editor"),
                ("password", "mat-khau-phong-vien"),
                ("password_confirm", "mat-khau-phong-vien"),
            ],
        )
        .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
        assert_eq!(
            created.location(),
            "/quan-tri/nguoi-dung?thong_bao=da-tao-tai-khoan"
        );
        let list = send(&app, Call::get(created.location()).session(&admin)).await;
        assert!(list.body.contains("Đã tạo tài khoản."));
        assert!(list.body.contains("Phóng viên Lò Thị Mai"));
        let user = app
            .state
            .store
            .user_by_username("phongvien")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(user.role, daihoi_store::Role::Editor);
        assert!(
            user.password_hash.starts_with("$argon2id$"),
            "hashed with argon2id"
        );
        let rows = app.state.store.audit_of("user", user.id).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].action, "create");
        assert_eq!(rows[0].actor_username.as_deref(), Some("admin"));
        assert!(!rows[0].detail.contains("argon2"), "{}", rows[0].detail);
        // The new account logs in with its password.
        let reply = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[
                    ("username", "phongvien"),
                    ("password", "mat-khau-phong-vien"),
                ],
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn roles_locks_and_password_resets_take_effect_at_once() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let editor = login(&app, "bientap").await;
        let editor_id = user_id(&app, "bientap").await;
        let admin_id = user_id(&app, "admin").await;
        let post = |path: String, fields: Vec<(&'static str, String)>| {
            let app = &app;
            let admin = admin.clone();
            let token = token.clone();
            async move {
                let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
                all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
                send(app, Call::form(&path, &all).session(&admin)).await
            }
        };
        let page = send(
            &app,
            Call::get(&format!("/quan-tri/nguoi-dung/{editor_id}")).session(&admin),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Tài khoản «bientap»"));

        // The only admin can neither lock nor demote themself.
        for (path, field) in [
            (
                format!("/quan-tri/nguoi-dung/{admin_id}/khoa"),
                ("disabled", "1"),
            ),
            (
                format!("/quan-tri/nguoi-dung/{admin_id}/vai-tro"),
                ("role", "editor"),
            ),
        ] {
            let reply = post(path.clone(), vec![(field.0, field.1.to_owned())]).await;
            assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
            assert!(
                reply
                    .body
                    .contains("Tài khoản «admin» là quản trị viên cuối cùng còn hoạt động"),
                "{}",
                reply.body
            );
        }
        let me = app.state.store.user_by_id(admin_id).await.unwrap().unwrap();
        assert_eq!((me.role, me.disabled), (daihoi_store::Role::Admin, false));
        assert_eq!(
            send(&app, Call::get("/quan-tri/nguoi-dung").session(&admin))
                .await
                .status,
            StatusCode::OK
        );
        // An admin's own password is changed on the account page only.
        let own = post(
            format!("/quan-tri/nguoi-dung/{admin_id}/mat-khau"),
            vec![
                ("password", "mat-khau-moi-2026".into()),
                ("password_confirm", "mat-khau-moi-2026".into()),
            ],
        )
        .await;
        assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(own.body.contains("trang «Tài khoản»"));

        // Promote the editor: their open session gets the admin pages at once.
        let promoted = post(
            format!("/quan-tri/nguoi-dung/{editor_id}/vai-tro"),
            vec![("role", "admin".into())],
        )
        .await;
        assert_eq!(promoted.status, StatusCode::SEE_OTHER, "{}", promoted.body);
        assert_eq!(
            send(&app, Call::get("/quan-tri/nguoi-dung").session(&editor))
                .await
                .status,
            StatusCode::OK
        );
        // Back to editor.
        post(
            format!("/quan-tri/nguoi-dung/{editor_id}/vai-tro"),
            vec![("role", "editor".into())],
        )
        .await;
        assert_eq!(
            send(&app, Call::get("/quan-tri/nguoi-dung").session(&editor))
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Lock: the editor's session ends at once and the login is refused.
        let locked = post(
            format!("/quan-tri/nguoi-dung/{editor_id}/khoa"),
            vec![("disabled", "1".into())],
        )
        .await;
        assert_eq!(locked.status, StatusCode::SEE_OTHER);
        let after = send(&app, Call::get("/quan-tri/bai-viet").session(&editor)).await;
        assert_eq!(after.status, StatusCode::SEE_OTHER);
        assert!(after.location().starts_with("/quan-tri/dang-nhap"));
        let sessions: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM user_session WHERE user_id = $1")
                .bind(editor_id)
                .fetch_one(app.state.store.pool())
                .await
                .unwrap();
        assert_eq!(sessions, 0);
        let refused = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[("username", "bientap"), ("password", PASSWORD)],
            ),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        let list = send(&app, Call::get("/quan-tri/nguoi-dung").session(&admin)).await;
        assert!(list.body.contains("Đã khoá"));

        // Unlock, then reset the password: the old one no longer works, the new one does, and
        // the session opened before the reset is gone.
        post(
            format!("/quan-tri/nguoi-dung/{editor_id}/khoa"),
            vec![("disabled", "0".into())],
        )
        .await;
        let before_reset = login(&app, "bientap").await;
        let short = post(
            format!("/quan-tri/nguoi-dung/{editor_id}/mat-khau"),
            vec![
                ("password", "ngan".into()),
                ("password_confirm", "ngan".into()),
            ],
        )
        .await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.body.contains("Mật khẩu quá ngắn"));
        let reset = post(
            format!("/quan-tri/nguoi-dung/{editor_id}/mat-khau"),
            vec![
                ("password", "mat-khau-cap-lai".into()),
                ("password_confirm", "mat-khau-cap-lai".into()),
            ],
        )
        .await;
        assert_eq!(reset.status, StatusCode::SEE_OTHER);
        assert_eq!(
            send(&app, Call::get("/quan-tri/bai-viet").session(&before_reset))
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        for (password, status) in [
            (PASSWORD, StatusCode::UNAUTHORIZED),
            ("mat-khau-cap-lai", StatusCode::SEE_OTHER),
        ] {
            let reply = send(
                &app,
                Call::form(
                    "/quan-tri/dang-nhap",
                    &[("username", "bientap"), ("password", password)],
                ),
            )
            .await;
            assert_eq!(reply.status, status, "{password}");
        }

        // Every change has its audit row, made by the admin.
        let rows = app.state.store.audit_of("user", editor_id).await.unwrap();
        let actions: Vec<&str> = rows
            .iter()
            .filter(|r| r.actor_username.as_deref() == Some("admin"))
            .map(|r| r.action.as_str())
            .collect();
        assert_eq!(
            actions,
            [
                "set_role",
                "set_role",
                "set_disabled",
                "set_disabled",
                "set_password"
            ]
        );

        // With a second admin, the first may demote themself and lands on the account page.
        post(
            format!("/quan-tri/nguoi-dung/{editor_id}/vai-tro"),
            vec![("role", "admin".into())],
        )
        .await;
        let demoted = post(
            format!("/quan-tri/nguoi-dung/{admin_id}/vai-tro"),
            vec![("role", "editor".into())],
        )
        .await;
        assert_eq!(demoted.status, StatusCode::SEE_OTHER, "{}", demoted.body);
        assert_eq!(
            demoted.location(),
            "/quan-tri/tai-khoan?thong_bao=da-doi-vai-tro"
        );
        let account = send(&app, Call::get(demoted.location()).session(&admin)).await;
        assert_eq!(account.status, StatusCode::OK);
        assert!(account.body.contains("Biên tập viên"));
    })
    .await;
}

#[tokio::test]
async fn users_change_their_own_password_with_the_current_one() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let other_device = login(&app, "bientap").await;
        let page = send(&app, Call::get("/quan-tri/tai-khoan").session(&editor)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Đổi mật khẩu"));
        assert!(
            page.body
                .contains("href=\"/quan-tri/tai-khoan\" aria-current=\"page\"")
        );
        let token = page.csrf_token();
        let change = |current: &'static str, new: &'static str, confirm: &'static str| {
            let app = &app;
            let editor = editor.clone();
            let token = token.clone();
            async move {
                send(
                    app,
                    Call::form(
                        "/quan-tri/tai-khoan",
                        &[
                            ("csrf_token", token.as_str()),
                            ("current_password", current),
                            ("new_password", new),
                            ("new_password_confirm", confirm),
                        ],
                    )
                    .session(&editor),
                )
                .await
            }
        };
        let audits = audit_count(&app).await;
        let wrong = change("khong-dung-dau", "mat-khau-moi-2026", "mat-khau-moi-2026").await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("Mật khẩu hiện tại không đúng."));
        let short = change(PASSWORD, "ngan", "ngan").await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.body.contains("Mật khẩu quá ngắn"));
        let mismatch = change(PASSWORD, "mat-khau-moi-2026", "mat-khau-moi-2027").await;
        assert!(mismatch.body.contains("không khớp"));
        assert_eq!(audit_count(&app).await, audits, "nothing changed");
        let no_csrf = send(
            &app,
            Call::form("/quan-tri/tai-khoan", &[("current_password", PASSWORD)]).session(&editor),
        )
        .await;
        assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);

        let done = change(PASSWORD, "mat-khau-moi-2026", "mat-khau-moi-2026").await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(
            done.location(),
            "/quan-tri/tai-khoan?thong_bao=da-doi-mat-khau"
        );
        // This browser gets a new session; every older one (here and elsewhere) has ended.
        let cookie = done.session_set_cookie().expect("new session");
        let fresh = &cookie["dh_session=".len()..cookie.find(';').unwrap()];
        assert_ne!(fresh, editor);
        let shown = send(&app, Call::get(done.location()).session(fresh)).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(shown.body.contains("Đã đổi mật khẩu."));
        for old in [&editor, &other_device] {
            let reply = send(&app, Call::get("/quan-tri/bai-viet").session(old)).await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER);
        }
        let uid = user_id(&app, "bientap").await;
        let rows = app.state.store.audit_of("user", uid).await.unwrap();
        let last = rows.last().unwrap();
        assert_eq!(
            (last.action.as_str(), last.actor_user_id),
            ("set_password", Some(uid))
        );
        let reply = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[("username", "bientap"), ("password", "mat-khau-moi-2026")],
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn a_huge_login_name_writes_a_bounded_audit_row() {
    each_backend(|app| async move {
        let huge = "a".repeat(20_000);
        let reply = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[("username", huge.as_str()), ("password", "sai-mat-khau")],
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        let log = app.state.store.list_audit(1, 100).await.unwrap();
        let failed: Vec<&str> = log
            .items
            .iter()
            .filter(|e| e.action == "login_failed")
            .map(|e| e.detail.as_str())
            .collect();
        assert_eq!(failed.len(), 1);
        assert!(
            failed[0].len() < 300,
            "the row keeps at most one character more than a login name may have: {} bytes",
            failed[0].len()
        );
    })
    .await;
}
