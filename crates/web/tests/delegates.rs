//! The delegates pages of a congress: rights (a secretariat of another subtree and the portal's
//! editor get 403), the allocation saved with reasons, typed entry, a tally result imported or
//! refused, the replacement by the next alternate, and the outputs as valid XLSX and PDF bytes.
//! Each test runs on SQLite and, when `DAIHOI_TEST_DATABASE_URL` is set, on PostgreSQL.

mod admin_support;
mod common;

use admin_support::{Call, PASSWORD, add_accounts, audit_count, login, send};
use axum::body::Body;
use axum::http::StatusCode;
use common::{TestApp, each_backend, t0};
use daihoi_domain::access::{Grant, Role as WorkspaceRole, Scope};
use daihoi_domain::congress::congress::Term;
use daihoi_domain::congress::delegate::{DelegateKind, DelegateStatus};
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_store::{Actor, CongressFields, NewDelegate, NewOrganization, NewUser, Role};

/// The tree: a province over two districts; district TU has two grassroots organizations and a
/// congress of 10 delegates.
struct Tree {
    tu: i64,
    a: i64,
    b: i64,
    congress: i64,
}

async fn org(app: &TestApp, code: &str, name: &str, members: i64, parent: Option<i64>) -> i64 {
    app.state
        .store
        .create_organization(
            &NewOrganization {
                code: code.into(),
                name: name.into(),
                level: "Cấp thử".into(),
                members,
                parent_id: parent,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id
}

async fn tree(app: &TestApp) -> Tree {
    let lc = org(app, "LC", "Đảng bộ tỉnh Lai Châu", 0, None).await;
    let tu = org(app, "TU", "Đảng bộ huyện Tân Uyên", 0, Some(lc)).await;
    org(app, "TD", "Đảng bộ huyện Than Uyên", 0, Some(lc)).await;
    let a = org(app, "TU-01", "Đảng bộ xã Mường Khoa", 60, Some(tu)).await;
    let b = org(app, "TU-02", "Đảng bộ xã Nậm Sỏ", 40, Some(tu)).await;
    let congress = app
        .state
        .store
        .create_congress(
            tu,
            &CongressFields {
                term: Term::new(2020, 2025).unwrap(),
                name: "Đại hội đại biểu Đảng bộ huyện Tân Uyên lần thứ XXII".into(),
                planned: (None, None),
                held: (None, None),
                pilot: true,
                venue: String::new(),
                delegates: Some(10),
                quorum: QuorumFraction::default(),
                committee_seats: None,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id;
    Tree { tu, a, b, congress }
}

/// A workspace-only account holding `role` on organization `on`.
async fn workspace_account(app: &TestApp, username: &str, role: WorkspaceRole, on: i64) {
    let store = &app.state.store;
    let user = store
        .create_user(
            &NewUser {
                username: username.into(),
                display_name: format!("Văn phòng {username}"),
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
        .add_grant(
            user.id,
            Grant {
                role,
                scope: Scope::Organization(on),
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap();
}

fn page(t: &Tree, rest: &str) -> String {
    format!("/dai-hoi/ky/{}/dai-bieu{rest}", t.congress)
}

async fn csrf_of(app: &TestApp, session: &str, t: &Tree) -> String {
    let reply = send(app, Call::get(&page(t, "/duong-nhien")).session(session)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.csrf_token()
}

fn delegate(kind: DelegateKind, name: &str, org: i64, rank: Option<i64>) -> NewDelegate {
    NewDelegate {
        kind,
        person_id: None,
        full_name: name.into(),
        sex: None,
        birth: None,
        organization_id: Some(org),
        alternate_rank: rank,
        votes: None,
    }
}

#[tokio::test]
async fn rights_secretariat_of_another_subtree_and_the_editor_are_refused() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let t = tree(&app).await;
        let lc = app
            .state
            .store
            .organization_by_code("LC")
            .await
            .unwrap()
            .unwrap()
            .id;
        let td = app
            .state
            .store
            .organization_by_code("TD")
            .await
            .unwrap()
            .unwrap()
            .id;
        workspace_account(&app, "vanphong.tanuyen", WorkspaceRole::Secretariat, t.tu).await;
        workspace_account(&app, "vanphong.thanuyen", WorkspaceRole::Secretariat, td).await;
        workspace_account(&app, "theodoi.tinh", WorkspaceRole::Observer, lc).await;
        let own = login(&app, "vanphong.tanuyen").await;
        let other = login(&app, "vanphong.thanuyen").await;
        let editor = login(&app, "bientap").await;
        let observer = login(&app, "theodoi.tinh").await;
        let routes = [
            "",
            "/phan-bo",
            "/duong-nhien",
            "/bau",
            "/danh-sach.xlsx",
            "/danh-sach.pdf",
            "/the.pdf",
        ];
        for rest in routes {
            let uri = page(&t, rest);
            let reply = send(&app, Call::get(&uri).session(&own)).await;
            assert_eq!(reply.status, StatusCode::OK, "own secretariat on {uri}");
            for (who, session) in [("other district", &other), ("editor", &editor)] {
                let reply = send(&app, Call::get(&uri).session(session)).await;
                assert_eq!(reply.status, StatusCode::FORBIDDEN, "{who} on {uri}");
            }
        }
        // The observer sees the pages but may neither download nor change anything.
        let reply = send(&app, Call::get(&page(&t, "")).session(&observer)).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(!reply.body.contains("the.pdf"), "no download links");
        for rest in ["/danh-sach.xlsx", "/the.pdf"] {
            let reply = send(&app, Call::get(&page(&t, rest)).session(&observer)).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "observer on {rest}");
        }
        // A change by another district's secretariat is refused before anything is written.
        // (The token is the own secretariat's: the rights check comes before the token's.)
        let token = csrf_of(&app, &own, &t).await;
        let reply = send(
            &app,
            Call::form(
                &page(&t, "/bau"),
                &[
                    ("csrf_token", &token),
                    ("organization_id", &t.a.to_string()),
                    ("full_name", "Lò Văn Ánh"),
                ],
            )
            .session(&other),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert!(
            app.state
                .store
                .delegates_of(t.congress)
                .await
                .unwrap()
                .is_empty()
        );
        let anonymous = send(&app, Call::get(&page(&t, ""))).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "login first");
    })
    .await;
}

#[tokio::test]
async fn the_allocation_is_proposed_and_saved_with_a_reason() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let t = tree(&app).await;
        let admin = login(&app, "admin").await;
        // Two ex-officio delegates: 10 − 2 = 8 seats for 60 and 40 members: quotas 4,80 / 3,20.
        for name in ["Hoàng Văn Bảy", "Lò Thị Tám"] {
            app.state
                .store
                .add_delegate(
                    t.congress,
                    &delegate(DelegateKind::ExOfficio, name, t.tu, None),
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
        }
        let reply = send(&app, Call::get(&page(&t, "/phan-bo")).session(&admin)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        for expected in [
            "4,80",
            "3,20",
            "10 đại biểu triệu tập − 2 đại biểu đương nhiên = 8",
        ] {
            assert!(
                reply.body.contains(expected),
                "{expected} in {}",
                reply.body
            );
        }
        let token = reply.csrf_token();
        let (sa, ra) = (format!("seats_{}", t.a), format!("reason_{}", t.a));
        let (sb, rb) = (format!("seats_{}", t.b), format!("reason_{}", t.b));
        // An override without a reason is refused with the typed values kept.
        let refused = send(
            &app,
            Call::form(
                &page(&t, "/phan-bo"),
                &[
                    ("csrf_token", &token),
                    ("toi_thieu", "1"),
                    (&sa, "6"),
                    (&ra, ""),
                    (&sb, "3"),
                    (&rb, ""),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("cần ghi lý do"), "{}", refused.body);
        assert!(refused.body.contains("value=\"6\""));
        assert!(
            app.state
                .store
                .delegate_allocation(t.congress)
                .await
                .unwrap()
                .is_empty()
        );
        let saved = send(
            &app,
            Call::form(
                &page(&t, "/phan-bo"),
                &[
                    ("csrf_token", &token),
                    ("toi_thieu", "1"),
                    (&sa, "6"),
                    (&ra, "Đơn vị trọng điểm biên giới"),
                    (&sb, "3"),
                    (&rb, ""),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let rows = app
            .state
            .store
            .delegate_allocation(t.congress)
            .await
            .unwrap();
        let a = rows.iter().find(|r| r.organization_id == t.a).unwrap();
        assert_eq!((a.proposed, a.seats), (5, 6));
        assert_eq!(a.reason.as_deref(), Some("Đơn vị trọng điểm biên giới"));
        let shown = send(&app, Call::get(saved.location()).session(&admin)).await;
        assert!(
            shown
                .body
                .contains("Tổng 9 đại biểu, nhiều hơn số cần phân bổ (8) 1 đại biểu."),
            "{}",
            shown.body
        );
    })
    .await;
}

fn tally_file(names: &[(&str, u32)], elected: &[usize], alternates: &[usize]) -> String {
    let candidates: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, (n, v))| {
            format!(r#"{{"index":{i},"name":"{n}","votes":{v},"percent":50,"passed":true}}"#)
        })
        .collect();
    format!(
        r#"{{"rules":"party-2024","ballots_issued":9,"ballots_collected":9,"valid":9,"invalid":0,
        "invalid_by_reason":{{}},"threshold":{{"base_kind":"convened","base":9,"votes_needed":5}},
        "candidates":[{}],"elected":{elected:?},"alternates":{alternates:?},
        "tied_for_last_seat":[],"unfilled_seats":0,"warnings":[]}}"#,
        candidates.join(",")
    )
}

fn upload(uri: &str, token: &str, organization: i64, bytes: &[u8]) -> Call {
    // The boundary of `Call::multipart`, whose body (a `photo` field) is replaced by this one.
    let boundary = "----daihoi-test-boundary-7MA4YWxk";
    let mut body = Vec::new();
    for (name, value) in [
        ("csrf_token", token.to_owned()),
        ("organization_id", organization.to_string()),
    ] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ket-qua.json\"\r\nContent-Type: application/json\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Call::multipart(uri, &[], "ket-qua.json", b"").with_body(Body::from(body))
}

#[tokio::test]
async fn a_tally_result_is_imported_or_refused_by_name() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let t = tree(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf_of(&app, &admin, &t).await;
        let uri = page(&t, "/nhap");

        let election_input = br#"{"rules":"party-2024","seats":2,"candidates":[],"ballots":[]}"#;
        let refused = send(
            &app,
            upload(&uri, &token, t.a, election_input).session(&admin),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.body.contains("chưa được kiểm"),
            "names the problem: {}",
            refused.body
        );
        let not_json = send(
            &app,
            upload(&uri, &token, t.a, b"PK\x03\x04").session(&admin),
        )
        .await;
        assert_eq!(not_json.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(not_json.body.contains("không phải kết quả kiểm phiếu"));
        let big = vec![b' '; 2 * 1024 * 1024];
        let too_big = send(&app, upload(&uri, &token, t.a, &big).session(&admin)).await;
        assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(
            app.state
                .store
                .delegates_of(t.congress)
                .await
                .unwrap()
                .is_empty()
        );

        let file = tally_file(
            &[
                ("Lò Văn Ánh", 8),
                ("Vàng Thị Mai", 6),
                ("Tòng Văn Ước", 5),
                ("Giàng A Tủa", 7),
            ],
            &[0, 3],
            &[1, 2],
        );
        let before = audit_count(&app).await;
        let done = send(
            &app,
            upload(&uri, &token, t.a, file.as_bytes()).session(&admin),
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(
            audit_count(&app).await,
            before + 1,
            "one audit row for the import"
        );
        let all = app.state.store.delegates_of(t.congress).await.unwrap();
        let alternates: Vec<(&str, Option<i64>)> = all
            .iter()
            .filter(|d| d.kind == DelegateKind::Alternate)
            .map(|d| (d.full_name.as_str(), d.alternate_rank))
            .collect();
        assert!(alternates.contains(&("Vàng Thị Mai", Some(1))));
        assert!(alternates.contains(&("Tòng Văn Ước", Some(2))));
        assert_eq!(
            all.iter()
                .filter(|d| d.kind == DelegateKind::Elected)
                .count(),
            2
        );
        // Importing again for the same organization is refused: nobody is entered twice.
        let again = send(
            &app,
            upload(&uri, &token, t.a, file.as_bytes()).session(&admin),
        )
        .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            app.state
                .store
                .delegates_of(t.congress)
                .await
                .unwrap()
                .len(),
            4
        );
    })
    .await;
}

#[tokio::test]
async fn a_delegate_who_cannot_attend_is_replaced_by_the_next_alternate() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let t = tree(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf_of(&app, &admin, &t).await;
        // Typed entry of an elected delegate and two alternates (an unranked one is refused).
        let add = |name: &'static str, kind: &'static str, rank: &'static str| {
            let token = token.clone();
            let admin = admin.clone();
            let uri = page(&t, "/bau");
            let org = t.a.to_string();
            let app = &app;
            async move {
                send(
                    app,
                    Call::form(
                        &uri,
                        &[
                            ("csrf_token", &token),
                            ("organization_id", &org),
                            ("full_name", name),
                            ("sex", "Nữ"),
                            ("birth_year", "1980"),
                            ("votes", "120"),
                            ("kind", kind),
                            ("rank", rank),
                        ],
                    )
                    .session(&admin),
                )
                .await
            }
        };
        assert_eq!(
            add("Lò Thị Ước", "elected", "").await.status,
            StatusCode::SEE_OTHER
        );
        let unranked = add("Vàng Thị Mai", "alternate", "").await;
        assert_eq!(unranked.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unranked.body.contains("Thứ tự dự khuyết"),
            "{}",
            unranked.body
        );
        assert_eq!(
            add("Tòng Văn Ước", "alternate", "2").await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            add("Vàng Thị Mai", "alternate", "1").await.status,
            StatusCode::SEE_OTHER
        );
        let taken = add("Giàng A Tủa", "alternate", "1").await;
        assert_eq!(
            taken.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "rank 1 is taken"
        );

        let all = app.state.store.delegates_of(t.congress).await.unwrap();
        let absent = all.iter().find(|d| d.full_name == "Lò Thị Ước").unwrap();
        let uri = page(&t, &format!("/{}/thay-the", absent.id));
        let no_reason = send(
            &app,
            Call::form(&uri, &[("csrf_token", &token), ("reason", " ")]).session(&admin),
        )
        .await;
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
        let done = send(
            &app,
            Call::form(&uri, &[("csrf_token", &token), ("reason", "Ốm nằm viện")]).session(&admin),
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let all = app.state.store.delegates_of(t.congress).await.unwrap();
        let mai = all.iter().find(|d| d.full_name == "Vàng Thị Mai").unwrap();
        assert_eq!(mai.status, DelegateStatus::Convened);
        assert_eq!(mai.replaces_id, Some(absent.id));
        let overview = send(&app, Call::get(done.location()).session(&admin)).await;
        assert!(
            overview.body.contains("thay Lò Thị Ước"),
            "{}",
            overview.body
        );

        // Mai cannot attend either: Ước (rank 2) comes; then nobody is left.
        let uri = page(&t, &format!("/{}/thay-the", mai.id));
        let reply = send(
            &app,
            Call::form(&uri, &[("csrf_token", &token), ("reason", "Bận")]).session(&admin),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        let uoc = app
            .state
            .store
            .delegates_of(t.congress)
            .await
            .unwrap()
            .into_iter()
            .find(|d| d.full_name == "Tòng Văn Ước")
            .unwrap();
        let uri = page(&t, &format!("/{}/thay-the", uoc.id));
        let none_left = send(
            &app,
            Call::form(&uri, &[("csrf_token", &token), ("reason", "Vắng")]).session(&admin),
        )
        .await;
        assert_eq!(none_left.status, StatusCode::CONFLICT);
        assert!(
            none_left.body.contains("không còn đại biểu dự khuyết"),
            "{}",
            none_left.body
        );
        // A delegate of another congress is not found under this one.
        let elsewhere = send(
            &app,
            Call::get(&format!("/dai-hoi/ky/999/dai-bieu/{}", uoc.id)).session(&admin),
        )
        .await;
        assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
        let _ = t.b;
    })
    .await;
}

#[tokio::test]
async fn outputs_are_valid_xlsx_and_pdf_and_logged() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let t = tree(&app).await;
        let admin = login(&app, "admin").await;
        for (kind, name, org, rank) in [
            (DelegateKind::ExOfficio, "Hoàng Văn Bảy", t.tu, None),
            (DelegateKind::Elected, "Lò Thị Ước", t.a, None),
            (DelegateKind::Elected, "Giàng A Tủa", t.b, None),
            (DelegateKind::Alternate, "Vàng Thị Mai", t.b, Some(1)),
        ] {
            app.state
                .store
                .add_delegate(
                    t.congress,
                    &delegate(kind, name, org, rank),
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
        }
        for (rest, magic, content_type) in [
            (
                "/danh-sach.xlsx",
                &b"PK\x03\x04"[..],
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ("/danh-sach.pdf", &b"%PDF-"[..], "application/pdf"),
            ("/the.pdf", &b"%PDF-"[..], "application/pdf"),
        ] {
            let before = audit_count(&app).await;
            let reply = send(&app, Call::get(&page(&t, rest)).session(&admin)).await;
            assert_eq!(reply.status, StatusCode::OK, "{rest}: {}", reply.body);
            assert_eq!(
                reply.headers.get("content-type").unwrap().to_str().unwrap(),
                content_type
            );
            assert!(
                reply
                    .headers
                    .get("content-disposition")
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .starts_with("attachment;")
            );
            // The body is read lossily as text; the magic bytes are ASCII.
            assert!(
                reply.body.as_bytes().starts_with(magic),
                "{rest} starts with {magic:?}"
            );
            assert_eq!(audit_count(&app).await, before + 1, "{rest} is logged");
        }
    })
    .await;
}
