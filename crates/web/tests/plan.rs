//! The personnel plan (đề án nhân sự) through HTTP: who may see and change it (pages and
//! `GET /api/v1/congresses/{id}/structure`), drawing it up, targets, the slate, the
//! compliance figures of the seed (6/35 women = 17,14%, 11/35 under 40 = 31,43%), refused forms
//! and the audit of each view. Each test runs on SQLite and, when `DAIHOI_TEST_DATABASE_URL` is
//! set, on PostgreSQL.

mod admin_support;
mod common;

use admin_support::{Call, PASSWORD, add_accounts, audit_count, login, send};
use axum::http::{StatusCode, header};
use chrono::NaiveDate;
use common::{TestApp, each_backend, t0};
use daihoi_domain::access::{Grant, Role, Scope};
use daihoi_domain::congress::congress::Term;
use daihoi_domain::congress::person::{BirthDate, Sex};
use daihoi_domain::congress::quorum::QuorumFraction;
use daihoi_store::{Actor, CongressFields, NewOrganization, NewPerson, NewUser};

/// The tree of the tests: a province over two districts, a grassroots organization under the
/// first; the first district's congress 08–10/06/2020.
struct World {
    district: i64,
    grassroots: i64,
    other: i64,
    congress: i64,
}

async fn org(app: &TestApp, code: &str, parent: Option<i64>) -> i64 {
    app.state
        .store
        .create_organization(
            &NewOrganization {
                code: code.into(),
                name: format!("Tổ chức {code}"),
                level: "Cấp thử".into(),
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

/// A workspace-only account holding `role` on organization `on`.
async fn workspace_account(app: &TestApp, username: &str, role: Role, on: i64) {
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
        .unwrap()
        .id;
    store
        .add_grant(
            user,
            Grant {
                role,
                scope: Scope::Organization(on),
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap();
    store
        .set_portal_access(user, false, &Actor::System, t0())
        .await
        .unwrap();
}

async fn world(app: &TestApp) -> World {
    add_accounts(app).await;
    let province = org(app, "LC", None).await;
    let district = org(app, "TU", Some(province)).await;
    let grassroots = org(app, "TU-01", Some(district)).await;
    let other = org(app, "TD", Some(province)).await;
    let day = |d| NaiveDate::from_ymd_opt(2020, 6, d);
    let congress = app
        .state
        .store
        .create_congress(
            district,
            &CongressFields {
                term: Term::new(2020, 2025).unwrap(),
                name: "Đại hội Đảng bộ huyện Tân Uyên".into(),
                planned: (day(8), day(10)),
                held: (None, None),
                pilot: true,
                venue: String::new(),
                delegates: Some(247),
                quorum: QuorumFraction::default(),
                committee_seats: None,
            },
            &Actor::System,
            t0(),
        )
        .await
        .unwrap()
        .id;
    workspace_account(app, "vp-tanuyen", Role::Secretariat, district).await;
    workspace_account(app, "vp-tamduong", Role::Secretariat, other).await;
    workspace_account(app, "theodoi", Role::Observer, district).await;
    World {
        district,
        grassroots,
        other,
        congress,
    }
}

/// The CSRF token of a session, read from the plan page.
async fn token(app: &TestApp, session: &str, congress: i64) -> String {
    let page = send(
        app,
        Call::get(&format!("/dai-hoi/ky/{congress}/de-an")).session(session),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.csrf_token()
}

/// Draws the plan up through its form: 35 seats, the 2014 rules, ethnic minorities 20–25%.
async fn draw_up(app: &TestApp, session: &str, congress: i64) {
    let csrf = token(app, session, congress).await;
    let reply = send(
        app,
        Call::form(
            &format!("/dai-hoi/ky/{congress}/de-an"),
            &[
                ("csrf_token", &csrf),
                ("committee_seats", "35"),
                ("rules", "party-2014"),
                ("committee_level", "district"),
                ("ethnic_low", "20"),
                ("ethnic_high", "25"),
            ],
        )
        .session(session),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert!(reply.location().ends_with("thong_bao=da-lap-de-an"));
}

/// Puts the seed's slate on the plan through the pages: 35 people of the rolls (in both
/// organizations of the subtree), 6 women, 11 under 40 on 08/06/2020, 7 from ethnic minorities.
async fn seed_slate(app: &TestApp, session: &str, w: &World) {
    let csrf = token(app, session, w.congress).await;
    for i in 0..35 {
        let sex = if i < 6 { Sex::Female } else { Sex::Male };
        // 09/06/1980 is 39 on 08/06/2020; 1970 is 50.
        let birth = if i < 11 {
            NaiveDate::from_ymd_opt(1980, 6, 9).unwrap()
        } else {
            NaiveDate::from_ymd_opt(1970, 3, 1).unwrap()
        };
        let id = app
            .state
            .store
            .create_person(
                &NewPerson {
                    organization_id: if i % 2 == 0 { w.district } else { w.grassroots },
                    full_name: format!("Ứng Viên Số {i:02}"),
                    sex,
                    birth: BirthDate::Full(birth),
                    ethnicity: Some(if i % 5 == 0 { "Thái" } else { "Kinh" }.into()),
                    education: None,
                    position: None,
                    card_number: None,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap()
            .id;
        let reply = send(
            app,
            Call::form(
                &format!("/dai-hoi/ky/{}/de-an/ung-vien", w.congress),
                &[
                    ("csrf_token", &csrf),
                    ("person_id", &id.to_string()),
                    ("q", "ung vien"),
                ],
            )
            .session(session),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert!(
            reply.location().contains("thong_bao=da-them-ung-vien"),
            "{}",
            reply.location()
        );
    }
}

fn structure(congress: i64) -> String {
    format!("/api/v1/congresses/{congress}/structure")
}

#[tokio::test]
async fn the_structure_api_answers_only_the_congress_s_secretariat() {
    each_backend(|app| async move {
        let w = world(&app).await;
        let url = structure(w.congress);
        let anonymous = send(&app, Call::get(&url)).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        assert!(
            anonymous.body.contains("\"unauthorized\""),
            "JSON error: {}",
            anonymous.body
        );
        for refused in ["bientap", "theodoi", "vp-tamduong"] {
            let session = login(&app, refused).await;
            let reply = send(&app, Call::get(&url).session(&session)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{refused}: {}",
                reply.body
            );
            assert!(reply.body.starts_with('{'), "{refused}: JSON error");
        }
        for allowed in ["vp-tanuyen", "admin"] {
            let session = login(&app, allowed).await;
            let reply = send(&app, Call::get(&url).session(&session)).await;
            assert_eq!(reply.status, StatusCode::OK, "{allowed}: {}", reply.body);
            let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
            assert_eq!(json["has_plan"], false);
            assert_eq!(json["first_day"], "2020-06-08");
            assert_eq!(json["first_day_source"], "planned");
        }
        let admin = login(&app, "admin").await;
        let unknown = send(&app, Call::get(&structure(999_999)).session(&admin)).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        assert!(unknown.body.starts_with('{'));
        let garbage = send(
            &app,
            Call::get("/api/v1/congresses/abc/structure").session(&admin),
        )
        .await;
        assert_eq!(garbage.status, StatusCode::NOT_FOUND);
        let _ = (w.other, w.grassroots);
    })
    .await;
}

#[tokio::test]
async fn the_plan_pages_are_the_secretariat_s_only_and_never_cached() {
    each_backend(|app| async move {
        let w = world(&app).await;
        let page = format!("/dai-hoi/ky/{}/de-an", w.congress);
        let anonymous = send(&app, Call::get(&page)).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "to the login");
        for refused in ["bientap", "theodoi", "vp-tamduong"] {
            let session = login(&app, refused).await;
            let reply = send(&app, Call::get(&page).session(&session)).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{refused}");
            // Nor may they change it.
            let post = send(
                &app,
                Call::form(&page, &[("committee_seats", "35"), ("rules", "party-2014")])
                    .session(&session),
            )
            .await;
            assert_eq!(post.status, StatusCode::FORBIDDEN, "{refused} POST");
        }
        assert!(
            app.state
                .store
                .personnel_plan(w.congress)
                .await
                .unwrap()
                .is_none(),
            "nothing written by a refused account"
        );
        let session = login(&app, "vp-tanuyen").await;
        let reply = send(&app, Call::get(&page).session(&session)).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(
            reply.headers.get(header::CACHE_CONTROL).unwrap(),
            "no-store"
        );
        assert!(reply.body.contains("Lập đề án"), "{}", reply.body);
        // The congress's page links to it for whoever may open it, not for the observer.
        let congress_page = send(
            &app,
            Call::get(&format!("/dai-hoi/ky/{}", w.congress)).session(&session),
        )
        .await;
        assert!(congress_page.body.contains(&page));
        let observer = login(&app, "theodoi").await;
        let congress_page = send(
            &app,
            Call::get(&format!("/dai-hoi/ky/{}", w.congress)).session(&observer),
        )
        .await;
        assert_eq!(congress_page.status, StatusCode::OK);
        assert!(!congress_page.body.contains(&page));
        // The portal says nothing of it.
        let portal = app.get("/").await;
        assert!(!portal.body.contains("Đề án nhân sự"));
    })
    .await;
}

#[tokio::test]
async fn the_seed_slate_meets_the_seed_s_figures_on_the_page_and_in_json() {
    each_backend(|app| async move {
        let w = world(&app).await;
        let session = login(&app, "vp-tanuyen").await;
        draw_up(&app, &session, w.congress).await;
        seed_slate(&app, &session, &w).await;

        let before = audit_count(&app).await;
        let page = send(
            &app,
            Call::get(&format!("/dai-hoi/ky/{}/de-an", w.congress)).session(&session),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(audit_count(&app).await, before + 1, "the view is audited");
        let entry = &app.state.store.list_audit(1, 1).await.unwrap().items[0];
        assert_eq!(entry.action, "view_personnel_plan");
        for expected in [
            "6/35 – 17,14%",
            "17,14% — vượt 2,14 điểm % so với chỉ tiêu ≥ 15%",
            "11/35 – 31,43%",
            "31,43% — vượt 21,43 điểm % so với chỉ tiêu ≥ 10%",
            "7/35 – 20,00%",
            "20,00% — trong khoảng 20–25%",
            "35 ứng viên cho 35 ủy viên cần bầu: số dư 0 người (0,00%).",
            "Tuổi tính đến ngày khai mạc dự kiến 08/06/2020",
            "Giới tính của 35 ứng viên: Nam 29 · 82,86%; Nữ 6 · 17,14%",
            "Tất cả 35 ứng viên trong độ tuổi.",
        ] {
            assert!(page.body.contains(expected), "missing «{expected}»");
        }
        // No surplus: the rules want a longer list.
        assert!(
            page.body
                .contains("danh sách phải nhiều hơn số lượng cần bầu")
        );
        assert_eq!(
            page.body.matches("✓ </span>Đạt").count(),
            4,
            "three targets and ages"
        );

        let api = send(&app, Call::get(&structure(w.congress)).session(&session)).await;
        assert_eq!(api.status, StatusCode::OK, "{}", api.body);
        let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        assert_eq!(json["has_plan"], true);
        assert_eq!(json["seats"], 35);
        assert_eq!(json["candidates"], 35);
        assert_eq!(json["rules"], "party-2014");
        let women = &json["targets"][0];
        assert_eq!(women["label"], "Nữ");
        assert_eq!(women["count"], 6);
        assert_eq!(women["base"], 35);
        assert_eq!(women["share"].as_f64(), Some(17.14));
        assert_eq!(women["distance"].as_f64(), Some(2.14));
        assert_eq!(women["met"], true);
        assert_eq!(women["bound"]["text"], "≥ 15%");
        assert_eq!(
            women["phrase"],
            "17,14% — vượt 2,14 điểm % so với chỉ tiêu ≥ 15%"
        );
        assert!(
            api.body.contains("\"share\":17.14"),
            "two decimals as a number"
        );
        let young = &json["targets"][1];
        assert_eq!(
            (young["count"].as_u64(), young["share"].as_f64()),
            (Some(11), Some(31.43))
        );
        let minority = &json["targets"][2];
        assert_eq!(minority["bound"]["kind"], "within");
        assert_eq!(minority["share"].as_f64(), Some(20.0));
        assert_eq!(json["surplus"]["extra"], 0);
        assert_eq!(json["surplus"]["max_percent"], 30);
        assert_eq!(json["surplus"]["warnings"][0]["code"], "no_surplus");
        assert_eq!(json["outside_age_limits"], 0);
    })
    .await;
}

#[tokio::test]
async fn targets_marks_and_refusals() {
    each_backend(|app| async move {
        let w = world(&app).await;
        let session = login(&app, "vp-tanuyen").await;
        draw_up(&app, &session, w.congress).await;
        seed_slate(&app, &session, &w).await;
        let base = format!("/dai-hoi/ky/{}/de-an", w.congress);
        let csrf = token(&app, &session, w.congress).await;
        let plan = app
            .state
            .store
            .personnel_plan(w.congress)
            .await
            .unwrap()
            .unwrap();

        // A custom target on a mark, and two candidates marked (one spelled without diacritics).
        let added = send(
            &app,
            Call::form(
                &format!("{base}/chi-tieu"),
                &[
                    ("csrf_token", &csrf),
                    ("label", "Cán bộ trẻ"),
                    ("criterion", "mark"),
                    ("mark", "cán bộ trẻ"),
                    ("bound", "at_least"),
                    ("low", "5"),
                ],
            )
            .session(&session),
        )
        .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        for (c, marks) in plan
            .candidates
            .iter()
            .take(2)
            .zip(["Cán bộ trẻ", "can bo tre, chuyên trách"])
        {
            let saved = send(
                &app,
                Call::form(
                    &format!("{base}/ung-vien/{}", c.person.id),
                    &[
                        ("csrf_token", &csrf),
                        ("renominated", "1"),
                        ("marks", marks),
                    ],
                )
                .session(&session),
            )
            .await;
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        }
        let page = send(&app, Call::get(&base).session(&session)).await;
        assert!(
            page.body.contains("2/35 – 5,71%"),
            "the mark target counts two"
        );
        assert!(page.body.contains("value=\"can bo tre, chuyên trách\""));

        // A refused target: 422, the typed values back, the error named, nothing stored.
        let before = app
            .state
            .store
            .personnel_plan(w.congress)
            .await
            .unwrap()
            .unwrap();
        let refused = send(
            &app,
            Call::form(
                &format!("{base}/chi-tieu"),
                &[
                    ("csrf_token", &csrf),
                    ("label", "Dân tộc"),
                    ("criterion", "ethnic_minority"),
                    ("bound", "within"),
                    ("low", "25"),
                    ("high", "2O"),
                ],
            )
            .session(&session),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.body.contains("Cận trên: «2O» không hợp lệ"),
            "{}",
            refused.body
        );
        assert!(refused.body.contains("value=\"Dân tộc\""));
        assert_eq!(
            app.state
                .store
                .personnel_plan(w.congress)
                .await
                .unwrap()
                .unwrap(),
            before
        );
        // Too many marks on a candidate: 422 in that row.
        let someone = plan.candidates[3].person.id;
        let many = (0..11)
            .map(|i| format!("m{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let refused = send(
            &app,
            Call::form(
                &format!("{base}/ung-vien/{someone}"),
                &[("csrf_token", &csrf), ("marks", &many)],
            )
            .session(&session),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused
                .body
                .contains(&format!("id=\"marks-{someone}-error\""))
        );
        // A bad committee size: 422 naming the field.
        let refused = send(
            &app,
            Call::form(
                &format!("{base}/thiet-lap"),
                &[
                    ("csrf_token", &csrf),
                    ("committee_seats", "ba mươi"),
                    ("rules", "party-2014"),
                    ("committee_level", "district"),
                ],
            )
            .session(&session),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Số ủy viên ban chấp hành: «ba mươi»"));
        // A person of another district cannot join the slate.
        let outsider = app
            .state
            .store
            .create_person(
                &NewPerson {
                    organization_id: w.other,
                    full_name: "Người Huyện Khác".into(),
                    sex: Sex::Male,
                    birth: BirthDate::YearOnly(1975),
                    ethnicity: None,
                    education: None,
                    position: None,
                    card_number: None,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap()
            .id;
        let refused = send(
            &app,
            Call::form(
                &format!("{base}/ung-vien"),
                &[("csrf_token", &csrf), ("person_id", &outsider.to_string())],
            )
            .session(&session),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        // A form without its token is refused.
        let forged = send(
            &app,
            Call::form(
                &format!("{base}/ung-vien/{someone}/xoa"),
                &[("csrf_token", "x")],
            )
            .session(&session),
        )
        .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);

        // Edit a target through its page, then remove it; remove a candidate.
        let plan = app
            .state
            .store
            .personnel_plan(w.congress)
            .await
            .unwrap()
            .unwrap();
        let tid = plan.targets.last().unwrap().id;
        let edit = send(
            &app,
            Call::get(&format!("{base}/chi-tieu/{tid}")).session(&session),
        )
        .await;
        assert_eq!(edit.status, StatusCode::OK);
        assert!(edit.body.contains("value=\"cán bộ trẻ\""));
        let saved = send(
            &app,
            Call::form(
                &format!("{base}/chi-tieu/{tid}"),
                &[
                    ("csrf_token", &csrf),
                    ("label", "Dưới 35 tuổi"),
                    ("criterion", "under_age"),
                    ("age", "35"),
                    ("bound", "at_least"),
                    ("low", "12,5"),
                ],
            )
            .session(&session),
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let page = send(&app, Call::get(&base).session(&session)).await;
        assert!(
            page.body
                .contains("0,00% — thiếu 12,50 điểm % so với chỉ tiêu ≥ 12,5%")
        );
        let removed = send(
            &app,
            Call::form(
                &format!("{base}/chi-tieu/{tid}/xoa"),
                &[("csrf_token", &csrf)],
            )
            .session(&session),
        )
        .await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        let removed = send(
            &app,
            Call::form(
                &format!("{base}/ung-vien/{someone}/xoa"),
                &[("csrf_token", &csrf)],
            )
            .session(&session),
        )
        .await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        let plan = app
            .state
            .store
            .personnel_plan(w.congress)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((plan.targets.len(), plan.candidates.len()), (3, 34));
        // The candidate search finds people of the subtree without diacritics and marks those
        // on the slate.
        let found = send(
            &app,
            Call::get(&format!("{base}/ung-vien?q=ung+vien+so+0")).session(&session),
        )
        .await;
        assert_eq!(found.status, StatusCode::OK);
        assert!(found.body.contains("Đã có trong danh sách"));
        assert!(found.body.contains("Ứng Viên Số 03"));
    })
    .await;
}

#[tokio::test]
async fn ages_wait_for_a_first_day_and_the_age_limits_name_who_is_outside() {
    each_backend(|app| async move {
        let w = world(&app).await;
        // A congress of the grassroots organization with no date at all.
        let undated = app
            .state
            .store
            .create_congress(
                w.grassroots,
                &CongressFields {
                    term: Term::new(2020, 2025).unwrap(),
                    name: "Đại hội xã".into(),
                    planned: (None, None),
                    held: (None, None),
                    pilot: false,
                    venue: String::new(),
                    delegates: None,
                    quorum: QuorumFraction::default(),
                    committee_seats: Some(9),
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap()
            .id;
        let session = login(&app, "vp-tanuyen").await;
        draw_up(&app, &session, undated).await;
        let csrf = token(&app, &session, undated).await;
        // A man born in 1960 standing for the first time is outside the district limit 6/1965.
        let old = app
            .state
            .store
            .create_person(
                &NewPerson {
                    organization_id: w.grassroots,
                    full_name: "Vàng A Pháo".into(),
                    sex: Sex::Male,
                    birth: BirthDate::YearOnly(1960),
                    ethnicity: Some("Mông".into()),
                    education: None,
                    position: None,
                    card_number: None,
                },
                &Actor::System,
                t0(),
            )
            .await
            .unwrap()
            .id;
        let added = send(
            &app,
            Call::form(
                &format!("/dai-hoi/ky/{undated}/de-an/ung-vien"),
                &[("csrf_token", &csrf), ("person_id", &old.to_string())],
            )
            .session(&session),
        )
        .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER);
        let page = send(
            &app,
            Call::get(&format!("/dai-hoi/ky/{undated}/de-an")).session(&session),
        )
        .await;
        assert!(page.body.contains("Đại hội chưa có ngày khai mạc"));
        assert!(
            page.body
                .contains("Chưa tính được: đại hội chưa có ngày khai mạc — chỉ tiêu ≥ 10%")
        );
        assert!(
            page.body.contains("1/1 – 100,00%"),
            "the minority share needs no date"
        );
        assert!(
            page.body
                .contains("nam tham gia lần đầu phải sinh từ tháng 6/1965 trở lại đây")
        );
        assert!(page.body.contains("1 ứng viên ngoài độ tuổi"));
        assert!(
            !page.body.contains("Độ tuổi của"),
            "no age chart without a first day"
        );
        let json: serde_json::Value = serde_json::from_str(
            &send(&app, Call::get(&structure(undated)).session(&session))
                .await
                .body,
        )
        .unwrap();
        assert_eq!(json["first_day"], serde_json::Value::Null);
        let young = &json["targets"][1];
        assert_eq!(young["criterion"], "under_age:40");
        assert_eq!(young["count"], serde_json::Value::Null);
        assert_eq!(young["met"], serde_json::Value::Null);
        assert_eq!(json["targets"][0]["met"], false, "0 women of 1");
        assert_eq!(json["outside_age_limits"], 1);
        // 1 candidate for the 35 seats the plan was drawn up with: too few.
        assert_eq!(json["surplus"]["extra"], -34);
        assert_eq!(
            json["surplus"]["warnings"][0]["code"],
            "fewer_candidates_than_places"
        );

        // Once held, ages count from the day it opened.
        let mut fields = CongressFields {
            term: Term::new(2020, 2025).unwrap(),
            name: "Đại hội xã".into(),
            planned: (None, None),
            held: (NaiveDate::from_ymd_opt(2020, 3, 20), None),
            pilot: false,
            venue: String::new(),
            delegates: None,
            quorum: QuorumFraction::default(),
            committee_seats: Some(9),
        };
        fields.planned.0 = NaiveDate::from_ymd_opt(2020, 3, 10);
        app.state
            .store
            .update_congress(undated, &fields, &Actor::System, t0())
            .await
            .unwrap();
        let json: serde_json::Value = serde_json::from_str(
            &send(&app, Call::get(&structure(undated)).session(&session))
                .await
                .body,
        )
        .unwrap();
        assert_eq!(json["first_day"], "2020-03-20");
        assert_eq!(json["first_day_source"], "held");
        assert_eq!(json["targets"][1]["count"], 0);
    })
    .await;
}
