//! The hall screen: check-in by code or from the list, absent with a reason, undo, the quorum
//! figures, the rights matrix of its routes, the live event stream and the public attendance
//! API. Each test runs on SQLite and, when `DAIHOI_TEST_DATABASE_URL` is set, on PostgreSQL.

mod admin_support;
mod common;

use std::time::Duration;

use admin_support::{Call, PASSWORD, Reply, add_accounts, login, send, send_via};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use daihoi_domain::access::{Grant, Role as WorkspaceRole, Scope};
use daihoi_domain::congress::congress::Term;
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_store::{Actor, CongressFields, NewOrganization, NewUser, Role, Store};
use http_body_util::BodyExt;
use tower::ServiceExt;

use common::{TestApp, each_backend, t0};

/// Two congresses in two separate trees, with delegates: A (4 convened, 1 replaced) and B (1).
struct Hall {
    congress_a: i64,
    congress_b: i64,
    org_a: i64,
    org_b: i64,
    /// (id, name, code) of A's convened delegates.
    delegates_a: Vec<(i64, &'static str, &'static str)>,
    /// Id of B's delegate.
    delegate_b: i64,
}

async fn organization(store: &Store, code: &str) -> i64 {
    store
        .create_organization(
            &NewOrganization {
                code: code.into(),
                name: format!("Đảng bộ {code}"),
                level: "Huyện".into(),
                members: 100,
                parent_id: None,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id
}

async fn congress(store: &Store, org: i64, name: &str) -> i64 {
    store
        .create_congress(
            org,
            &CongressFields {
                term: Term::new(2020, 2025).unwrap(),
                name: name.into(),
                planned: (None, None),
                held: (None, None),
                pilot: false,
                venue: String::new(),
                delegates: None,
                quorum: QuorumFraction::TWO_THIRDS,
                committee_seats: None,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id
}

/// Inserts a delegate row as the delegate management would.
async fn delegate(
    store: &Store,
    congress: i64,
    org: i64,
    name: &str,
    code: &str,
    status: &str,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO delegate (congress_id, kind, full_name, name_folded, organization_id, \
                               status, check_in_code, created_at, updated_at) \
         VALUES ($1, 'elected', $2, $3, $4, $5, $6, 0, 0) RETURNING id",
    )
    .bind(congress)
    .bind(name)
    .bind(daihoi_domain::vn::fold::fold(name))
    .bind(org)
    .bind(status)
    .bind(code)
    .fetch_one(store.pool())
    .await
    .unwrap()
}

async fn hall(app: &TestApp) -> Hall {
    let store = &app.state.store;
    let org_a = organization(store, "TU").await;
    let org_b = organization(store, "TD").await;
    let congress_a = congress(store, org_a, "Đại hội Đảng bộ huyện Tân Uyên").await;
    let congress_b = congress(store, org_b, "Đại hội Đảng bộ huyện Than Uyên").await;
    let mut delegates_a = Vec::new();
    for (name, code) in [
        ("Lò Văn Bình", "AB12CD34"),
        ("Nguyễn Thị An", "EF56GH78"),
        ("Tòng Văn Cường", "JK90MN12"),
        ("Lường Thị Dung", "PQ34RS56"),
    ] {
        let id = delegate(store, congress_a, org_a, name, code, "convened").await;
        delegates_a.push((id, name, code));
    }
    delegate(
        store,
        congress_a,
        org_a,
        "Vàng A Páo",
        "XY78ZW90",
        "replaced",
    )
    .await;
    let delegate_b = delegate(
        store,
        congress_b,
        org_b,
        "Hà Thị Hoa",
        "BBBB2222",
        "convened",
    )
    .await;
    Hall {
        congress_a,
        congress_b,
        org_a,
        org_b,
        delegates_a,
        delegate_b,
    }
}

/// A workspace-only account holding `grant`.
async fn account(app: &TestApp, username: &str, grant: Grant) {
    let store = &app.state.store;
    let user = store
        .create_user(
            &NewUser {
                username: username.into(),
                display_name: format!("Tài khoản {username}"),
                role: Role::Editor,
                password_hash: daihoi_web::kernel::auth::hash_password(PASSWORD),
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap();
    store
        .set_portal_access(user.id, false, &Actor::System, t0())
        .await
        .unwrap();
    store
        .add_grant(user.id, grant, &Actor::System, t0())
        .await
        .unwrap();
}

/// The CSRF token of a session, as its pages carry it.
fn csrf(app: &TestApp, session: &str) -> String {
    daihoi_web::kernel::csrf::issue(
        &app.state.kernel.secret,
        &daihoi_web::kernel::auth::token_hash(session),
    )
}

fn hall_path(congress: i64) -> String {
    format!("/dai-hoi/ky/{congress}/diem-danh")
}

async fn post_code(app: &TestApp, session: &str, congress: i64, code: &str) -> Reply {
    let token = csrf(app, session);
    send(
        app,
        Call::form(
            &hall_path(congress),
            &[("csrf_token", &token), ("code", code)],
        )
        .session(session),
    )
    .await
}

async fn present(app: &TestApp, congress: i64) -> u64 {
    let reply = app
        .get(&format!("/api/v1/congresses/{congress}/attendance"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["present"].as_u64().unwrap()
}

#[tokio::test]
async fn the_rights_matrix_of_the_check_in_routes() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let h = hall(&app).await;
        account(
            &app,
            "dontiep-a",
            Grant {
                role: WorkspaceRole::CheckIn,
                scope: Scope::Congress(h.congress_a),
            },
        )
        .await;
        account(
            &app,
            "theodoi-a",
            Grant {
                role: WorkspaceRole::Observer,
                scope: Scope::Organization(h.org_a),
            },
        )
        .await;
        account(
            &app,
            "vanphong-a",
            Grant {
                role: WorkspaceRole::Secretariat,
                scope: Scope::Organization(h.org_a),
            },
        )
        .await;
        account(
            &app,
            "vanphong-b",
            Grant {
                role: WorkspaceRole::Secretariat,
                scope: Scope::Organization(h.org_b),
            },
        )
        .await;
        // (account, congress, allowed)
        let a = h.congress_a;
        let b = h.congress_b;
        let matrix = [
            ("admin", a, true),
            ("admin", b, true),
            ("dontiep-a", a, true),
            ("dontiep-a", b, false),
            ("vanphong-a", a, true),
            ("vanphong-a", b, false),
            ("vanphong-b", b, true),
            ("vanphong-b", a, false),
            ("theodoi-a", a, false),
            ("bientap", a, false),
            ("bientap", b, false),
        ];
        let (first_id, _, _) = h.delegates_a[0];
        for (username, congress, allowed) in matrix {
            let session = login(&app, username).await;
            let token = csrf(&app, &session);
            let delegate = if congress == a {
                first_id
            } else {
                h.delegate_b
            };
            let page = send(&app, Call::get(&hall_path(congress)).session(&session)).await;
            let expected = if allowed {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(page.status, expected, "{username} GET hall of {congress}");
            for action in ["co-mat", "vang", "hoan-tac"] {
                let reply = send(
                    &app,
                    Call::form(
                        &format!("{}/{delegate}/{action}", hall_path(congress)),
                        &[("csrf_token", &token), ("reason", "Ốm")],
                    )
                    .session(&session),
                )
                .await;
                let expected = if allowed {
                    StatusCode::SEE_OTHER
                } else {
                    StatusCode::FORBIDDEN
                };
                assert_eq!(
                    reply.status, expected,
                    "{username} POST {action} at {congress}"
                );
            }
            let code = if congress == a {
                "AB12CD34"
            } else {
                "BBBB2222"
            };
            let reply = post_code(&app, &session, congress, code).await;
            let expected = if allowed {
                StatusCode::SEE_OTHER
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(reply.status, expected, "{username} POST code at {congress}");
            if !allowed {
                let events = send(
                    &app,
                    Call::get(&format!("{}/su-kien", hall_path(congress))).session(&session),
                )
                .await;
                assert_eq!(events.status, StatusCode::FORBIDDEN, "{username} events");
            }
        }
        // The check-in staff of A cannot use A's codes at B either.
        let session = login(&app, "dontiep-a").await;
        // Their home page leads to A's hall, and only there.
        let home = send(&app, Call::get("/dai-hoi").session(&session)).await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(
            home.body.contains(&format!("href=\"{}\"", hall_path(a))),
            "{}",
            home.body
        );
        assert!(!home.body.contains(&hall_path(b)));
        // The congress page links to the hall for those who may check in, not for an observer.
        let link = format!("href=\"{}\"", hall_path(a));
        let secretariat = login(&app, "vanphong-a").await;
        let page = send(
            &app,
            Call::get(&format!("/dai-hoi/ky/{a}")).session(&secretariat),
        )
        .await;
        assert!(page.body.contains(&link), "{}", page.body);
        let observer = login(&app, "theodoi-a").await;
        let page = send(
            &app,
            Call::get(&format!("/dai-hoi/ky/{a}")).session(&observer),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains(&link));
        let reply = post_code(&app, &session, b, "AB12CD34").await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        // Without a session: the login page, or 401 for JSON.
        let anonymous = app.get(&hall_path(a)).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
        let location = anonymous.headers[header::LOCATION].to_str().unwrap();
        assert!(location.starts_with("/quan-tri/dang-nhap"), "{location}");
        let json = send(
            &app,
            Call::get(&format!("{}/su-kien", hall_path(a))).header("accept", "application/json"),
        )
        .await;
        assert_eq!(json.status, StatusCode::UNAUTHORIZED);
        // A bad token is refused even for the right account.
        let session = login(&app, "dontiep-a").await;
        let forged = send(
            &app,
            Call::form(&hall_path(a), &[("csrf_token", "x"), ("code", "EF56GH78")])
                .session(&session),
        )
        .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn check_in_by_typed_code_absent_and_undo_without_javascript() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let h = hall(&app).await;
        let session = login(&app, "admin").await;
        let a = h.congress_a;

        let page = send(&app, Call::get(&hall_path(a)).session(&session)).await;
        assert_eq!(page.status, StatusCode::OK);
        // 0 of 4 present; 2/3 of 4 is 3 (rounded up); not met.
        assert!(
            page.body.contains("data-figure=\"present\">0<"),
            "{}",
            page.body
        );
        assert!(page.body.contains("data-figure=\"convened\">4<"));
        assert!(page.body.contains("data-figure=\"needed\">3<"));
        assert!(page.body.contains("CHƯA ĐỦ"));
        assert!(page.body.contains("autofocus"));
        assert!(
            !page.body.contains("Vàng A Páo"),
            "a replaced delegate is not listed"
        );
        let an = page.body.find("Nguyễn Thị An").unwrap();
        let binh = page.body.find("Lò Văn Bình").unwrap();
        assert!(an < binh, "Vietnamese name order: An before Bình");
        let policy = page
            .headers
            .get("permissions-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(policy.contains("camera=(self)"), "{policy}");

        // Typed in small letters with a space: checked in, back to the screen.
        let reply = post_code(&app, &session, a, "ab12 cd34").await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let (binh_id, _, _) = h.delegates_a[0];
        assert_eq!(
            reply.location(),
            format!("{}?thong_bao=da-diem-danh&vua={binh_id}", hall_path(a))
        );
        let back = send(&app, Call::get(reply.location()).session(&session)).await;
        assert!(back.body.contains("Đã ghi nhận đại biểu có mặt."));
        assert!(
            back.body
                .contains("Vừa xử lý: <strong>Lò Văn Bình</strong>")
        );
        assert_eq!(present(&app, a).await, 1);

        // The same card again: no second mark.
        let again = post_code(&app, &session, a, "AB12CD34").await;
        assert!(again.location().contains("thong_bao=da-co-mat-truoc"));
        assert_eq!(present(&app, a).await, 1);

        // Unknown code: the screen again, 422, the message and the code as typed.
        let unknown = post_code(&app, &session, a, "zz99").await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unknown
                .body
                .contains("Không có đại biểu nào mang mã «ZZ99»"),
            "{}",
            unknown.body
        );
        assert!(unknown.body.contains("value=\"zz99\""));
        assert!(unknown.body.contains("aria-invalid=\"true\""));
        // Another congress's code, a replaced delegate's code: refused, nothing counted.
        let other = post_code(&app, &session, a, "BBBB2222").await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            other.body.contains("thuộc một đại hội khác"),
            "{}",
            other.body
        );
        let replaced = post_code(&app, &session, a, "XY78ZW90").await;
        assert_eq!(replaced.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(replaced.body.contains("đã được thay thế"));
        assert_eq!(present(&app, a).await, 1);
        assert_eq!(present(&app, h.congress_b).await, 0);

        // Absent needs a reason.
        let token = csrf(&app, &session);
        let (an_id, _, _) = h.delegates_a[1];
        let no_reason = send(
            &app,
            Call::form(
                &format!("{}/{an_id}/vang", hall_path(a)),
                &[("csrf_token", &token), ("reason", "  ")],
            )
            .session(&session),
        )
        .await;
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            no_reason.body.contains("Lý do vắng mặt"),
            "{}",
            no_reason.body
        );
        let absent = send(
            &app,
            Call::form(
                &format!("{}/{an_id}/vang", hall_path(a)),
                &[("csrf_token", &token), ("reason", "Đi công tác tỉnh")],
            )
            .session(&session),
        )
        .await;
        assert_eq!(absent.status, StatusCode::SEE_OTHER);
        let listed = send(&app, Call::get(&hall_path(a)).session(&session)).await;
        assert!(listed.body.contains(": Đi công tác tỉnh"));
        assert!(listed.body.contains(&format!(
            "id=\"dai-bieu-{an_id}\" data-delegate=\"{an_id}\" data-state=\"absent\""
        )));

        // Undo Bình: back to 0 present.
        let undo = send(
            &app,
            Call::form(
                &format!("{}/{binh_id}/hoan-tac", hall_path(a)),
                &[("csrf_token", &token)],
            )
            .session(&session),
        )
        .await;
        assert_eq!(undo.status, StatusCode::SEE_OTHER);
        assert_eq!(present(&app, a).await, 0);

        // The delegate of B cannot be marked from A's screen.
        let cross = send(
            &app,
            Call::form(
                &format!("{}/{}/co-mat", hall_path(a), h.delegate_b),
                &[("csrf_token", &token)],
            )
            .session(&session),
        )
        .await;
        assert_eq!(cross.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(present(&app, h.congress_b).await, 0);
    })
    .await;
}

#[tokio::test]
async fn fetch_callers_get_json_answers_and_the_api_counts() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let h = hall(&app).await;
        let a = h.congress_a;
        let session = login(&app, "admin").await;
        let token = csrf(&app, &session);
        let mut done = Vec::new();
        for (_, name, code) in &h.delegates_a[..3] {
            let reply = send(
                &app,
                Call::form(&hall_path(a), &[("csrf_token", &token), ("code", code)])
                    .session(&session)
                    .header("accept", "application/json"),
            )
            .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
            assert_eq!(json["delegate"]["name"], *name);
            assert_eq!(json["delegate"]["state"], "present");
            done.push(json);
        }
        let last = &done[2]["figures"];
        assert_eq!(last["present"], 3);
        assert_eq!(last["quorum_needed"], 3);
        assert_eq!(last["quorum_met"], true);
        assert_eq!(last["text"]["verdict"], "ĐỦ");
        assert_eq!(done[0]["figures"]["text"]["verdict"], "CHƯA ĐỦ");

        let refused = send(
            &app,
            Call::form(&hall_path(a), &[("csrf_token", &token), ("code", "NOPE")])
                .session(&session)
                .header("accept", "application/json"),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let json: serde_json::Value = serde_json::from_str(&refused.body).unwrap();
        assert!(
            json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("«NOPE»"),
            "{json}"
        );

        let api = app.get(&format!("/api/v1/congresses/{a}/attendance")).await;
        assert_eq!(api.status, StatusCode::OK);
        assert_eq!(
            api.json(),
            serde_json::json!({"convened": 4, "present": 3, "quorum_needed": 3, "quorum_met": true})
        );
        assert!(
            !api.body.contains("Lò Văn"),
            "no names in the public figures"
        );
        let missing = app.get("/api/v1/congresses/999999/attendance").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.json()["error"]["message"].is_string());
        let bad = app.get("/api/v1/congresses/abc/attendance").await;
        assert_eq!(bad.status, StatusCode::NOT_FOUND);
        assert!(bad.json()["error"].is_object());
    })
    .await;
}

/// Reads the stream until an event named `name` has arrived; returns its data.
async fn next_event(body: &mut Body, buffer: &mut String, name: &str) -> String {
    loop {
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer[..end].to_owned();
            buffer.drain(..end + 2);
            let mut event = "message";
            let mut data = String::new();
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    event = v.trim();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim_start());
                }
            }
            if event == name {
                return data;
            }
        }
        let frame = tokio::time::timeout(Duration::from_secs(10), body.frame())
            .await
            .unwrap_or_else(|_| panic!("no «{name}» event within 10 s; got {buffer:?}"))
            .expect("the stream is open")
            .expect("a frame");
        if let Ok(bytes) = frame.into_data() {
            buffer.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
}

#[tokio::test]
async fn a_check_in_reaches_an_open_event_stream() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let h = hall(&app).await;
        let a = h.congress_a;
        let session = login(&app, "admin").await;
        let router = daihoi_web::router(app.state.clone());

        // A screen opens the stream of A; another screen opens B's.
        let open = |congress: i64| {
            let router = router.clone();
            let session = session.clone();
            async move {
                let mut request = Request::get(format!("{}/su-kien", hall_path(congress)))
                    .header(header::HOST, "portal.test")
                    .header(header::ACCEPT, "text/event-stream")
                    .header(header::COOKIE, format!("dh_session={session}"))
                    .body(Body::empty())
                    .unwrap();
                request.extensions_mut().insert(axum::extract::ConnectInfo(
                    std::net::SocketAddr::from(([192, 0, 2, 20], 40000)),
                ));
                router.oneshot(request).await.unwrap()
            }
        };
        let screen = open(a).await;
        assert_eq!(screen.status(), StatusCode::OK);
        assert_eq!(screen.headers()[header::CONTENT_TYPE], "text/event-stream",);
        let mut body = screen.into_body();
        let mut buffer = String::new();
        let snapshot = next_event(&mut body, &mut buffer, "snapshot").await;
        let snapshot: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
        assert_eq!(snapshot["figures"]["present"], 0);
        assert_eq!(snapshot["delegates"].as_array().unwrap().len(), 4);
        let other = open(h.congress_b).await;
        let mut other_body = other.into_body();
        let mut other_buffer = String::new();
        next_event(&mut other_body, &mut other_buffer, "snapshot").await;

        // A check-in through the same router (the same instance) reaches the screen of A.
        let token = csrf(&app, &session);
        let reply = send_via(
            router.clone(),
            Call::form(
                &hall_path(a),
                &[("csrf_token", &token), ("code", "ef56gh78")],
            )
            .session(&session),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let update = next_event(&mut body, &mut buffer, "attendance").await;
        let update: serde_json::Value = serde_json::from_str(&update).unwrap();
        assert_eq!(update["delegate"]["name"], "Nguyễn Thị An");
        assert_eq!(update["delegate"]["state"], "present");
        assert_eq!(update["figures"]["present"], 1);
        assert_eq!(update["figures"]["text"]["present"], "1");

        // An undo is pushed too, with the figures after it.
        let (an_id, _, _) = h.delegates_a[1];
        send_via(
            router.clone(),
            Call::form(
                &format!("{}/{an_id}/hoan-tac", hall_path(a)),
                &[("csrf_token", &token)],
            )
            .session(&session),
        )
        .await;
        let update = next_event(&mut body, &mut buffer, "attendance").await;
        let update: serde_json::Value = serde_json::from_str(&update).unwrap();
        assert_eq!(update["delegate"]["state"], "none");
        assert_eq!(update["figures"]["present"], 0);

        // B's screen heard nothing of A: its next event is its own.
        send_via(
            router.clone(),
            Call::form(
                &hall_path(h.congress_b),
                &[("csrf_token", &token), ("code", "BBBB2222")],
            )
            .session(&session),
        )
        .await;
        let own = next_event(&mut other_body, &mut other_buffer, "attendance").await;
        let own: serde_json::Value = serde_json::from_str(&own).unwrap();
        assert_eq!(own["congress_id"], h.congress_b);
        assert_eq!(own["delegate"]["name"], "Hà Thị Hoa");
    })
    .await;
}

#[tokio::test]
async fn on_postgresql_a_check_in_reaches_the_screens_of_another_instance() {
    each_backend(|app| async move {
        let store = app.state.store.clone();
        let Some(listener) = store.attendance_listener().await.unwrap() else {
            // SQLite serves one instance: nothing crosses.
            return;
        };
        add_accounts(&app).await;
        let h = hall(&app).await;
        let a = h.congress_a;
        let session = login(&app, "admin").await;
        // Instance 2: its own live channels and its listener (this process plays both).
        let hub = std::sync::Arc::new(daihoi_web::congress::live::LiveHub::new());
        let listening = tokio::spawn(daihoi_web::congress::live::run_listener(
            listener,
            hub.clone(),
            store.clone(),
            "instance-2".to_owned(),
        ));
        let second = daihoi_web::router_with_live(app.state.clone(), hub);
        let first = daihoi_web::router(app.state.clone());

        let mut request = Request::get(format!("{}/su-kien", hall_path(a)))
            .header(header::HOST, "portal.test")
            .header(header::COOKIE, format!("dh_session={session}"))
            .body(Body::empty())
            .unwrap();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                [192, 0, 2, 20],
                40000,
            ))));
        let screen = second.oneshot(request).await.unwrap();
        assert_eq!(screen.status(), StatusCode::OK);
        let mut body = screen.into_body();
        let mut buffer = String::new();
        next_event(&mut body, &mut buffer, "snapshot").await;

        let token = csrf(&app, &session);
        let reply = send_via(
            first,
            Call::form(
                &hall_path(a),
                &[("csrf_token", &token), ("code", "JK90MN12")],
            )
            .session(&session),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let update = next_event(&mut body, &mut buffer, "attendance").await;
        let update: serde_json::Value = serde_json::from_str(&update).unwrap();
        assert_eq!(update["delegate"]["name"], "Tòng Văn Cường");
        assert_eq!(update["figures"]["present"], 1);
        listening.abort();
    })
    .await;
}

#[tokio::test]
async fn an_open_stream_ends_when_its_rights_are_revoked_or_its_session_ends() {
    each_backend(|app| async move {
        let h = hall(&app).await;
        let a = h.congress_a;
        account(
            &app,
            "dontiep-a",
            Grant {
                role: WorkspaceRole::CheckIn,
                scope: Scope::Congress(a),
            },
        )
        .await;
        let store = app.state.store.clone();
        // Streams of this instance check their session and rights every 50 ms.
        let hub = std::sync::Arc::new(daihoi_web::congress::live::LiveHub::with_recheck(
            Duration::from_millis(50),
        ));
        let router = daihoi_web::router_with_live(app.state.clone(), hub);
        let open = |session: String| {
            let router = router.clone();
            async move {
                let mut request = Request::get(format!("{}/su-kien", hall_path(a)))
                    .header(header::HOST, "portal.test")
                    .header(header::COOKIE, format!("dh_session={session}"))
                    .body(Body::empty())
                    .unwrap();
                request.extensions_mut().insert(axum::extract::ConnectInfo(
                    std::net::SocketAddr::from(([192, 0, 2, 20], 40000)),
                ));
                let response = router.oneshot(request).await.unwrap();
                assert_eq!(response.status(), StatusCode::OK);
                let mut body = response.into_body();
                let mut buffer = String::new();
                next_event(&mut body, &mut buffer, "snapshot").await;
                body
            }
        };
        /// Reads until the stream ends; panics if it is still open after 10 s.
        async fn ended(mut body: Body) {
            loop {
                match tokio::time::timeout(Duration::from_secs(10), body.frame()).await {
                    Ok(None) => return,
                    Ok(Some(_)) => continue,
                    Err(_) => panic!("the stream is still open"),
                }
            }
        }

        // The grant on the congress is revoked: the stream ends.
        let session = login(&app, "dontiep-a").await;
        let body = open(session.clone()).await;
        let user = store.user_by_username("dontiep-a").await.unwrap().unwrap();
        let grant = store.grants_of(user.id).await.unwrap()[0].id;
        store
            .remove_grant(user.id, grant, &Actor::System, t0())
            .await
            .unwrap();
        ended(body).await;

        // Logged out elsewhere (the session deleted): the stream ends too.
        store
            .add_grant(
                user.id,
                Grant {
                    role: WorkspaceRole::CheckIn,
                    scope: Scope::Congress(a),
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        let body = open(session.clone()).await;
        store
            .delete_session(&daihoi_web::kernel::auth::token_hash(&session))
            .await
            .unwrap();
        ended(body).await;
    })
    .await;
}
