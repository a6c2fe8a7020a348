//! The congress workspace through HTTP: who may open what (a matrix of accounts × organizations
//! × routes), sensitive data shown only with the right and audit-logged, forms refused with the
//! domain's words, the progress dashboard and the public API. Each test runs on SQLite and, when
//! `DAIHOI_TEST_DATABASE_URL` is set, on a fresh PostgreSQL database.

mod admin_support;
mod common;

use admin_support::{Call, PASSWORD, Reply, login, send};
use axum::http::StatusCode;
use chrono::NaiveDate;
use common::{TestApp, each_backend, t0};
use daihoi_domain::access::{Grant, Role, Scope};
use daihoi_domain::congress::congress::Term;
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_store::{Actor, CongressFields, NewOrganization, NewPerson, NewUser};

/// The tree of the tests and the ids a test needs.
struct Tree {
    lc: i64,
    tu: i64,
    tu01: i64,
    td: i64,
    person_tu01: i64,
    congress_tu01: i64,
}

async fn org(app: &TestApp, code: &str, name: &str, level: &str, parent: Option<i64>) -> i64 {
    app.state
        .store
        .create_organization(
            &NewOrganization {
                code: code.into(),
                name: name.into(),
                level: level.into(),
                members: 100,
                parent_id: parent,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn congress(app: &TestApp, org: i64, held: Option<NaiveDate>, pilot: bool) -> i64 {
    let store = &app.state.store;
    let c = store
        .create_congress(
            org,
            &CongressFields {
                term: Term::new(2020, 2025).unwrap(),
                name: format!("Đại hội {org}"),
                planned: (Some(day(2020, 3, 1)), None),
                held: (held, held),
                pilot,
                venue: "Hội trường".into(),
                delegates: None,
                quorum: QuorumFraction::default(),
                committee_seats: None,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap();
    if held.is_some() {
        for to in ["preparing", "held"] {
            store
                .set_congress_status(
                    c.id,
                    daihoi_domain::congress::congress::CongressStatus::from_stored(to).unwrap(),
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
        }
    }
    c.id
}

/// Accounts: `admin` (site admin), `bientap` (portal editor), `vp.tu` (secretariat of TU,
/// workspace only), `vp.tu01` (secretariat of TU-01), `theodoi` (observer of TU).
async fn setup(app: &TestApp) -> Tree {
    let lc = org(app, "LC", "Đảng bộ tỉnh Lai Châu", "Đảng bộ tỉnh", None).await;
    let tu = org(
        app,
        "TU",
        "Đảng bộ huyện Tân Uyên",
        "Đảng bộ huyện",
        Some(lc),
    )
    .await;
    let tu01 = org(
        app,
        "TU-01",
        "Đảng bộ xã Mường Khoa",
        "Tổ chức cơ sở đảng",
        Some(tu),
    )
    .await;
    let tu02 = org(
        app,
        "TU-02",
        "Đảng bộ xã Nậm Cần",
        "Tổ chức cơ sở đảng",
        Some(tu),
    )
    .await;
    let td = org(
        app,
        "TD",
        "Đảng bộ huyện Than Uyên",
        "Đảng bộ huyện",
        Some(lc),
    )
    .await;
    let store = &app.state.store;
    let person_tu01 = store
        .create_person(
            &NewPerson {
                organization_id: tu01,
                full_name: "Lò Thị Mai".into(),
                sex: Sex::Female,
                birth: BirthDate::Full(day(1985, 4, 12)),
                ethnicity: Some("Thái".into()),
                education: None,
                position: Some("Bí thư".into()),
                card_number: Some("79000111".into()),
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id;
    let congress_tu01 = congress(app, tu01, Some(day(2020, 3, 3)), true).await;
    congress(app, tu02, None, false).await;
    let hash = daihoi_web::kernel::auth::hash_password(PASSWORD);
    for (username, role, grant) in [
        ("admin", Role::Admin, None),
        ("bientap", Role::Editor, None),
        ("vp.tu", Role::Editor, Some((Role::Secretariat, tu))),
        ("vp.tu01", Role::Editor, Some((Role::Secretariat, tu01))),
        ("theodoi", Role::Editor, Some((Role::Observer, tu))),
    ] {
        let user = store
            .create_user(
                &NewUser {
                    username: username.into(),
                    display_name: username.into(),
                    role,
                    password_hash: hash.clone(),
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap();
        if let Some((role, org)) = grant {
            store
                .add_grant(
                    user.id,
                    Grant {
                        role,
                        scope: Scope::Organization(org),
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
        }
    }
    Tree {
        lc,
        tu,
        tu01,
        td,
        person_tu01,
        congress_tu01,
    }
}

async fn get(app: &TestApp, session: &str, uri: &str) -> Reply {
    send(app, Call::get(uri).session(session)).await
}

#[tokio::test]
async fn who_may_open_what() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let routes = [
            ("org LC", format!("/dai-hoi/to-chuc/{}", t.lc)),
            ("org TU", format!("/dai-hoi/to-chuc/{}", t.tu)),
            ("org TU-01", format!("/dai-hoi/to-chuc/{}", t.tu01)),
            ("org TD", format!("/dai-hoi/to-chuc/{}", t.td)),
            ("roll TU", format!("/dai-hoi/to-chuc/{}/nhan-su", t.tu)),
            ("person", format!("/dai-hoi/nhan-su/{}", t.person_tu01)),
            ("progress TU", format!("/dai-hoi/to-chuc/{}/tien-do", t.tu)),
            ("add under TU", format!("/dai-hoi/to-chuc/{}/them", t.tu)),
            (
                "edit person",
                format!("/dai-hoi/nhan-su/{}/sua", t.person_tu01),
            ),
            ("congress", format!("/dai-hoi/ky/{}", t.congress_tu01)),
            ("portal admin", "/quan-tri/bai-viet".to_owned()),
        ];
        // 200 = opens, 403 = refused. Columns in the order of `routes`.
        let expected: [(&str, [u16; 11]); 5] = [
            ("admin", [200; 11]),
            (
                "bientap",
                [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200],
            ),
            (
                "vp.tu",
                [403, 200, 200, 403, 200, 200, 200, 200, 200, 200, 403],
            ),
            (
                "vp.tu01",
                [403, 403, 200, 403, 403, 200, 403, 403, 200, 200, 403],
            ),
            (
                "theodoi",
                [403, 200, 200, 403, 200, 200, 200, 403, 403, 200, 403],
            ),
        ];
        for (account, statuses) in expected {
            let session = login(&app, account).await;
            for ((name, uri), want) in routes.iter().zip(statuses) {
                let got = get(&app, &session, uri).await.status.as_u16();
                assert_eq!(got, want, "{account} on {name} ({uri})");
            }
        }
        // Without a session: to the login, which returns to the workspace afterwards.
        let anonymous = send(&app, Call::get(&routes[1].1)).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
        assert!(
            anonymous
                .location()
                .starts_with("/quan-tri/dang-nhap?next=%2Fdai%2Dhoi"),
            "{}",
            anonymous.location()
        );
    })
    .await;
}

#[tokio::test]
async fn a_workspace_account_lands_in_the_workspace_and_changes_only_its_subtree() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let login_reply = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[("username", "vp.tu"), ("password", PASSWORD)],
            ),
        )
        .await;
        assert_eq!(login_reply.location(), "/dai-hoi");
        let session = login(&app, "vp.tu").await;
        let home = get(&app, &session, "/dai-hoi").await;
        assert!(
            home.body.contains("Đảng bộ huyện Tân Uyên"),
            "{}",
            home.body
        );
        assert!(!home.body.contains("Than Uyên"));
        let form = get(&app, &session, &format!("/dai-hoi/to-chuc/{}/them", t.tu)).await;
        let csrf = form.csrf_token();
        // A refused field is named, in the domain's words, and nothing is stored.
        let refused = send(
            &app,
            Call::form(
                &format!("/dai-hoi/to-chuc/{}/them", t.tu),
                &[
                    ("csrf_token", &csrf),
                    ("code", "Tân Uyên 3"),
                    ("name", ""),
                    ("level", "Chi bộ"),
                    ("members", "12,5"),
                ],
            )
            .session(&session),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        for words in [
            "Mã: «Tân Uyên 3» không hợp lệ",
            "Tên tổ chức: bắt buộc",
            "Số đảng viên: «12,5»",
        ] {
            assert!(refused.body.contains(words), "{words}: {}", refused.body);
        }
        assert!(
            app.state
                .store
                .organization_by_code("TU-03")
                .await
                .unwrap()
                .is_none()
        );
        let created = send(
            &app,
            Call::form(
                &format!("/dai-hoi/to-chuc/{}/them", t.tu),
                &[
                    ("csrf_token", &csrf),
                    ("code", "TU-03"),
                    ("name", "Chi bộ Trường THPT Tân Uyên"),
                    ("level", "Tổ chức cơ sở đảng"),
                    ("members", "1.934"),
                ],
            )
            .session(&session),
        )
        .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
        let new = app
            .state
            .store
            .organization_by_code("tu-03")
            .await
            .unwrap()
            .unwrap();
        assert_eq!((new.members, new.parent_id), (1934, Some(t.tu)));
        // Moving it under an organization of another district is refused: no right there.
        let moved = send(
            &app,
            Call::form(
                &format!("/dai-hoi/to-chuc/{}/chuyen", new.id),
                &[("csrf_token", &csrf), ("parent_code", "TD")],
            )
            .session(&session),
        )
        .await;
        assert_eq!(moved.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(moved.body.contains("không có quyền"), "{}", moved.body);
        // Under TU-01 it goes.
        let moved = send(
            &app,
            Call::form(
                &format!("/dai-hoi/to-chuc/{}/chuyen", new.id),
                &[("csrf_token", &csrf), ("parent_code", "tu-01")],
            )
            .session(&session),
        )
        .await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
        let after = app.state.store.organization(new.id).await.unwrap().unwrap();
        assert_eq!(after.path, vec![t.lc, t.tu, t.tu01, new.id]);
        // A form from another site is refused before anything happens.
        let cross = send(
            &app,
            Call::form(
                &format!("/dai-hoi/to-chuc/{}/giai-the", new.id),
                &[("csrf_token", &csrf), ("closed", "1")],
            )
            .session(&session)
            .header("origin", "https://evil.example"),
        )
        .await;
        assert_eq!(cross.status, StatusCode::FORBIDDEN);
        assert!(
            !app.state
                .store
                .organization(new.id)
                .await
                .unwrap()
                .unwrap()
                .is_closed()
        );
    })
    .await;
}

#[tokio::test]
async fn sensitive_fields_show_only_with_the_right_and_each_view_is_logged() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let views = |app: &TestApp| {
            let store = app.state.store.clone();
            async move {
                store
                    .list_audit(1, 100)
                    .await
                    .unwrap()
                    .items
                    .iter()
                    .filter(|e| e.action == "view_person")
                    .count()
            }
        };
        let uri = format!("/dai-hoi/nhan-su/{}", t.person_tu01);
        let observer = login(&app, "theodoi").await;
        let seen = get(&app, &observer, &uri).await;
        assert_eq!(seen.status, StatusCode::OK);
        assert!(seen.body.contains("Lò Thị Mai"));
        for hidden in ["12/04/1985", "Thái", "79000111"] {
            assert!(!seen.body.contains(hidden), "observer sees {hidden}");
        }
        assert_eq!(views(&app).await, 0, "nothing sensitive was shown");
        let secretariat = login(&app, "vp.tu01").await;
        let seen = get(&app, &secretariat, &uri).await;
        for shown in ["12/04/1985", "Thái", "79000111"] {
            assert!(seen.body.contains(shown), "secretariat misses {shown}");
        }
        assert_eq!(views(&app).await, 1);
        // The roll never shows them.
        let roll = get(
            &app,
            &secretariat,
            &format!("/dai-hoi/to-chuc/{}/nhan-su", t.tu01),
        )
        .await;
        assert!(roll.body.contains("Lò Thị Mai"));
        assert!(!roll.body.contains("1985") && !roll.body.contains("79000111"));
        // Search across the subtree folds diacritics.
        let found = get(
            &app,
            &observer,
            &format!("/dai-hoi/to-chuc/{}/nhan-su?q=lo+thi+mai", t.tu),
        )
        .await;
        assert!(found.body.contains("Lò Thị Mai"), "{}", found.body);
        // No public answer carries a person.
        let api = send(&app, Call::get("/api/v1/organizations?q=muong")).await;
        assert!(!api.body.contains("Lò Thị Mai"));
    })
    .await;
}

#[tokio::test]
async fn the_dashboard_and_the_api_count_the_subtree() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let session = login(&app, "vp.tu").await;
        let page = get(
            &app,
            &session,
            &format!("/dai-hoi/to-chuc/{}/tien-do", t.tu),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body
                .contains("1/2 tổ chức cơ sở đảng đã tổ chức đại hội"),
            "{}",
            page.body
        );
        assert!(page.body.contains("<svg"), "the timeline is drawn");
        assert!(page.body.contains("Đại hội điểm"));
        let api = send(
            &app,
            Call::get(&format!("/api/v1/organizations/{}/progress", t.tu))
                .header("accept", "application/json"),
        )
        .await;
        assert_eq!(api.status, StatusCode::OK, "{}", api.body);
        let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        assert_eq!(json["term"], "2020–2025");
        assert_eq!(json["total"], 2);
        assert_eq!(json["held"], 1);
        assert_eq!(json["pilots"], 1);
        assert_eq!(json["by_level"][0]["level"], "Tổ chức cơ sở đảng");
        assert_eq!(json["organizations"].as_array().unwrap().len(), 2);
        // The province counts its districts' organizations too (three below it but TD has none).
        let province = send(
            &app,
            Call::get(&format!("/api/v1/organizations/{}/progress", t.lc)),
        )
        .await;
        let json: serde_json::Value = serde_json::from_str(&province.body).unwrap();
        assert_eq!(json["total"], 4);
        let missing = send(&app, Call::get("/api/v1/organizations/99999/progress")).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        let json: serde_json::Value = serde_json::from_str(&missing.body).unwrap();
        assert_eq!(json["error"]["code"], "not_found");
        let list = send(&app, Call::get("/api/v1/organizations?q=muong+khoa")).await;
        let json: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        assert_eq!(json["total"], 1);
        assert_eq!(json["items"][0]["name"], "Đảng bộ xã Mường Khoa");
        let congresses = send(&app, Call::get("/api/v1/congresses?q=dai+hoi")).await;
        let json: serde_json::Value = serde_json::from_str(&congresses.body).unwrap();
        assert_eq!(json["total"], 2);
        assert_eq!(json["items"][0]["term"], "2020–2025");
        let bad = send(&app, Call::get("/api/v1/congresses?page=0")).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    })
    .await;
}

#[tokio::test]
async fn the_portal_shows_a_congress_and_its_news_and_an_article_names_its_congress() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let district = congress(&app, t.tu, Some(day(2020, 6, 8)), true).await;
        let admin = login(&app, "admin").await;
        // The editor offers the congresses of organizations with organizations below them.
        let form = get(&app, &admin, "/quan-tri/bai-viet/moi").await;
        assert!(
            form.body.contains(&format!("Đại hội {} (2020–2025)", t.tu)),
            "{}",
            form.body
        );
        assert!(
            !form
                .body
                .contains(&format!("Đại hội {} (2020–2025)", t.tu01))
        );
        let category = app.state.store.list_categories().await.unwrap()[0].id;
        let csrf = form.csrf_token();
        let saved = send(
            &app,
            Call::form(
                "/quan-tri/bai-viet",
                &[
                    ("csrf_token", &csrf),
                    ("title", "Khai mạc Đại hội Đảng bộ huyện Tân Uyên"),
                    ("lead", "Sáng 8/6, đại hội khai mạc."),
                    ("body", "Nội dung."),
                    ("kind", "news"),
                    ("category_id", &category.to_string()),
                    ("congress_id", &district.to_string()),
                    ("action", "publish"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        // A congress outside the list is refused next to its field.
        let refused = send(
            &app,
            Call::form(
                "/quan-tri/bai-viet",
                &[
                    ("csrf_token", &csrf),
                    ("title", "Bài khác"),
                    ("kind", "news"),
                    ("category_id", &category.to_string()),
                    ("congress_id", "99999"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused
                .body
                .contains("Hãy chọn một đại hội có trong danh sách")
        );
        // The public page: facts, the organizations below (held or not yet), the news; it
        // counts a visit like any portal page, and shows nothing internal.
        let before = app.state.visits.unflushed_total();
        let page = send(&app, Call::get(&format!("/dai-hoi-cac-cap/{district}"))).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for shown in [
            "Đảng bộ huyện Tân Uyên",
            "08/06/2020",
            "1/2 tổ chức cơ sở đảng đã tổ chức đại hội",
            "Đảng bộ xã Mường Khoa",
            "Đã tổ chức",
            "Chưa tổ chức",
            "Khai mạc Đại hội Đảng bộ huyện Tân Uyên",
        ] {
            assert!(page.body.contains(shown), "{shown}: {}", page.body);
        }
        assert!(
            !page.body.contains("Lò Thị Mai"),
            "no person on a public page"
        );
        assert_eq!(app.state.visits.unflushed_total(), before + 1);
        let index = send(&app, Call::get("/dai-hoi-cac-cap")).await;
        assert!(index.body.contains(&format!("/dai-hoi-cac-cap/{district}")));
        let missing = send(&app, Call::get("/dai-hoi-cac-cap/abc")).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn the_admin_grants_and_revokes_workspace_roles() {
    each_backend(|app| async move {
        let t = setup(&app).await;
        let store = &app.state.store;
        let vp = store.user_by_username("vp.tu").await.unwrap().unwrap();
        let admin = login(&app, "admin").await;
        let page = get(&app, &admin, &format!("/quan-tri/nguoi-dung/{}", vp.id)).await;
        assert!(page.body.contains("Văn phòng cấp ủy"), "{}", page.body);
        assert!(
            page.body
                .contains("TU · Đảng bộ huyện Tân Uyên và các tổ chức trực thuộc")
        );
        assert!(page.body.contains("Tài khoản chỉ dùng không gian đại hội"));
        let csrf = page.csrf_token();
        let uri = format!("/quan-tri/nguoi-dung/{}/quyen", vp.id);
        let given = send(
            &app,
            Call::form(
                &uri,
                &[
                    ("csrf_token", &csrf),
                    ("role", "observer"),
                    ("organization_code", "td"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(given.status, StatusCode::SEE_OTHER, "{}", given.body);
        let grants = store.grants_of(vp.id).await.unwrap();
        assert_eq!(grants.len(), 2);
        assert_eq!(grants[1].grant.scope, Scope::Organization(t.td));
        // The observer grant opens TD's page to the account at once.
        let session = login(&app, "vp.tu").await;
        let td = get(&app, &session, &format!("/dai-hoi/to-chuc/{}", t.td)).await;
        assert_eq!(td.status, StatusCode::OK);
        let unknown = send(
            &app,
            Call::form(
                &uri,
                &[
                    ("csrf_token", &csrf),
                    ("role", "observer"),
                    ("organization_code", "XX"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        assert!(unknown.body.contains("Không có tổ chức nào mang mã «XX»"));
        let revoked = send(
            &app,
            Call::form(
                &format!(
                    "/quan-tri/nguoi-dung/{}/quyen/{}/thu-hoi",
                    vp.id, grants[1].id
                ),
                &[("csrf_token", &csrf)],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(revoked.status, StatusCode::SEE_OTHER);
        let td = get(&app, &session, &format!("/dai-hoi/to-chuc/{}", t.td)).await;
        assert_eq!(td.status, StatusCode::FORBIDDEN);
        // Portal access back on: the account reaches the articles.
        let on = send(
            &app,
            Call::form(
                &format!("/quan-tri/nguoi-dung/{}/cong-thong-tin", vp.id),
                &[("csrf_token", &csrf), ("access", "1")],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(on.status, StatusCode::SEE_OTHER);
        assert_eq!(
            get(&app, &session, "/quan-tri/bai-viet").await.status,
            StatusCode::OK
        );
        // The editor manages no account.
        let editor = login(&app, "bientap").await;
        let refused = send(
            &app,
            Call::form(
                &uri,
                &[
                    ("csrf_token", &csrf),
                    ("role", "secretariat"),
                    ("organization_code", "LC"),
                ],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(store.grants_of(vp.id).await.unwrap().len(), 1);
    })
    .await;
}
