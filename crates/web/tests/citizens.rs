//! Lịch công tác, Hỏi đáp, Liên hệ over HTTP: the week pages, the public forms' refusals
//! (honeypot, too fast, forged, too many, overlong, links, another site), moderation rights and
//! CSRF, and the asker's contact in no public output. Both backends.

mod admin_support;
mod common;

use admin_support::{Call, add_accounts, audit_count, login, send};
use axum::http::StatusCode;
use chrono::{Duration, TimeZone, Utc};
use common::{Req, TestApp, each_backend};
use daihoi_domain::citizen::QuestionStatus;
use daihoi_store::Actor;

/// The value of the hidden field `name` in a page.
fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in {body}"));
    let rest = &body[at + marker.len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

fn enc(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// A form body from pairs.
fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The ticket of the form at `path`, served now.
async fn ticket(app: &TestApp, path: &str) -> String {
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.headers.get("cache-control").unwrap(),
        "no-store",
        "a page with a ticket is not cached"
    );
    hidden(&page.body, "ticket")
}

const CONTACT: &str = "lo.thi.mai@example.vn";

fn question_fields<'a>(ticket: &'a str, text: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("name", "Lò Thị Mai"),
        ("contact", CONTACT),
        ("subject", "Hỏi về thủ tục chuyển sinh hoạt đảng"),
        ("text", text),
        ("ticket", ticket),
        ("website", ""),
    ]
}

#[tokio::test]
async fn the_schedule_shows_the_week_of_the_portal_calendar_with_its_neighbours() {
    each_backend(|app| async move {
        // Sunday 03/01/2027 17:30 UTC is already Monday 04/01/2027 00:30 in Hà Nội.
        app.state
            .clock
            .set(Utc.with_ymd_and_hms(2027, 1, 3, 17, 30, 0).unwrap());
        let entry = daihoi_domain::schedule::check_entry(&daihoi_domain::schedule::ScheduleInput {
            day: "04/01/2027".into(),
            part: "sang".into(),
            time: "07:30".into(),
            content: "Chào cờ đầu năm".into(),
            attendees: "Thường trực Huyện ủy".into(),
            ..Default::default()
        })
        .unwrap();
        app.state
            .store
            .create_schedule_entry(&entry, &Actor::System, app.state.now())
            .await
            .unwrap();
        let page = app.get("/lich-cong-tac").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body
                .contains("Tuần 01 năm 2027 (từ 04/01/2027 đến 10/01/2027)"),
            "{}",
            page.body
        );
        assert!(page.body.contains("href=\"/lich-cong-tac/2026-W53\""));
        assert!(page.body.contains("href=\"/lich-cong-tac/2027-W02\""));
        assert!(page.body.contains("Chào cờ đầu năm"));
        assert!(page.body.contains("Sáng 07:30"));
        assert!(page.body.contains("(hôm nay)"));
        assert!(page.body.contains("data-action=\"print-schedule\""));
        assert!(page.body.contains("/static/citizens.js"));
        let last = app.get("/lich-cong-tac/2026-W53").await;
        assert_eq!(last.status, StatusCode::OK);
        for text in [
            "Thứ Hai",
            "28/12/2026",
            "Chủ nhật",
            "03/01/2027",
            "Tuần này chưa có lịch công tác.",
        ] {
            assert!(last.body.contains(text), "{text}");
        }
        assert!(!last.body.contains("Chào cờ đầu năm"));
        let missing = app.get("/lich-cong-tac/2025-W53").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(
            missing.body.contains("Năm 2025 không có tuần 53"),
            "{}",
            missing.body
        );
        assert_eq!(
            app.get("/lich-cong-tac/tuan-nay").await.status,
            StatusCode::NOT_FOUND
        );
        let js = app.get("/static/citizens.js").await;
        assert_eq!(js.status, StatusCode::OK);
        assert!(js.body.contains("window.print()"));
    })
    .await;
}

#[tokio::test]
async fn the_schedule_is_edited_by_editors_with_a_token_and_audited() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let anonymous = send(&app, Call::get("/quan-tri/lich-cong-tac")).await;
        assert!(anonymous.status.is_redirection(), "{}", anonymous.status);
        assert!(anonymous.location().contains("/quan-tri/dang-nhap"));
        let editor = login(&app, "bientap").await;
        let page = send(
            &app,
            Call::get("/quan-tri/lich-cong-tac?tuan=2021-W28").session(&editor),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let token = page.csrf_token();
        let fields = [
            ("day", "2021-07-15"),
            ("part", "chieu"),
            ("time", "14:00"),
            ("content", "Họp Ban Thường vụ"),
            ("attendees", "Đồng chí Bí thư"),
        ];
        let before = audit_count(&app).await;
        // Without the token: refused, nothing stored.
        let forged = send(
            &app,
            Call::form("/quan-tri/lich-cong-tac", &fields).session(&editor),
        )
        .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        // From another site: refused before the handler.
        let mut with_token = fields.to_vec();
        with_token.push(("csrf_token", &token));
        let cross = send(
            &app,
            Call::form("/quan-tri/lich-cong-tac", &with_token)
                .session(&editor)
                .header("origin", "https://evil.example"),
        )
        .await;
        assert_eq!(cross.status, StatusCode::FORBIDDEN);
        // A time outside its part of the day: the field is named in Vietnamese.
        let mut wrong = with_token.clone();
        wrong[2] = ("time", "08:00");
        let refused = send(
            &app,
            Call::form("/quan-tri/lich-cong-tac", &wrong).session(&editor),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.body.contains("Giờ: 08:00 không thuộc buổi chiều"),
            "{}",
            refused.body
        );
        assert!(
            refused.body.contains("Họp Ban Thường vụ"),
            "what was typed stays"
        );
        assert_eq!(audit_count(&app).await, before);
        let created = send(
            &app,
            Call::form("/quan-tri/lich-cong-tac", &with_token).session(&editor),
        )
        .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
        assert!(
            created
                .location()
                .starts_with("/quan-tri/lich-cong-tac?tuan=2021-W28")
        );
        assert_eq!(audit_count(&app).await, before + 1);
        let listed = send(&app, Call::get(created.location()).session(&editor)).await;
        assert!(listed.body.contains("Họp Ban Thường vụ"));
        assert!(listed.body.contains("Đã lưu mục lịch công tác."));
        let public = app.get("/lich-cong-tac/2021-W28").await;
        assert!(public.body.contains("Họp Ban Thường vụ"));
        let day = chrono::NaiveDate::from_ymd_opt(2021, 7, 15).unwrap();
        let id = app.state.store.schedule_between(day, day).await.unwrap()[0].id;
        let deleted = send(
            &app,
            Call::form(
                &format!("/quan-tri/lich-cong-tac/{id}/xoa"),
                &[("csrf_token", &token)],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        assert!(
            app.state
                .store
                .schedule_between(day, day)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(audit_count(&app).await, before + 2);
    })
    .await;
}

#[tokio::test]
async fn the_question_form_refuses_bots_and_floods_and_keeps_what_was_typed() {
    each_backend(|app| async move {
        let path = "/hoi-dap/gui-cau-hoi";
        let typed = "Tôi chuyển công tác sang huyện khác thì làm thủ tục gì?";
        let fresh = ticket(&app, path).await;
        // Posted at once: too fast for a person.
        let fast = app
            .send(
                Req::post(path, &form(&question_fields(&fresh, typed))).with_ip([198, 51, 100, 1]),
            )
            .await;
        assert_eq!(fast.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(fast.body.contains("quá nhanh"), "{}", fast.body);
        assert!(fast.body.contains(typed), "what was typed stays");
        app.state.clock.advance(Duration::seconds(5));
        // The honeypot filled.
        let mut bot = question_fields(&fresh, typed);
        bot[5] = ("website", "https://spam.example");
        let caught = app
            .send(Req::post(path, &form(&bot)).with_ip([198, 51, 100, 2]))
            .await;
        assert_eq!(caught.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(caught.body.contains("Để trống ô này"), "{}", caught.body);
        assert!(caught.body.contains(typed));
        assert!(
            !caught.body.contains("spam.example"),
            "the honeypot is not echoed"
        );
        // A forged or missing ticket.
        let forged = app
            .send(
                Req::post(path, &form(&question_fields("1626318000.AAAA", typed)))
                    .with_ip([198, 51, 100, 3]),
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert!(forged.body.contains("mã xác nhận"), "{}", forged.body);
        // A ticket of the contact form does not open the question form.
        let other = ticket(&app, "/lien-he").await;
        app.state.clock.advance(Duration::seconds(5));
        let crossed = app
            .send(
                Req::post(path, &form(&question_fields(&other, typed))).with_ip([198, 51, 100, 3]),
            )
            .await;
        assert_eq!(crossed.status, StatusCode::FORBIDDEN);
        // Overlong and too many links: each named in Vietnamese, the text kept.
        let long = "ý ".repeat(2_600);
        let overlong = app
            .send(
                Req::post(path, &form(&question_fields(&fresh, &long))).with_ip([198, 51, 100, 4]),
            )
            .await;
        assert_eq!(overlong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            overlong
                .body
                .contains("Câu hỏi: dài 5.199 ký tự, quá giới hạn 5.000 ký tự."),
            "{}",
            overlong.body
        );
        assert!(
            overlong.body.contains(&"ý ".repeat(100)),
            "the long text stays"
        );
        let links = "xem https://a.example, https://b.example và www.c.example";
        let linked = app
            .send(
                Req::post(path, &form(&question_fields(&fresh, links))).with_ip([198, 51, 100, 4]),
            )
            .await;
        assert_eq!(linked.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            linked
                .body
                .contains("có 3 đường liên kết, nhiều nhất được 2")
        );
        // A good post (no Origin header: the ticket decides) is received.
        let good = app
            .send(
                Req::post(path, &form(&question_fields(&fresh, typed))).with_ip([198, 51, 100, 5]),
            )
            .await;
        assert_eq!(good.status, StatusCode::OK, "{}", good.body);
        assert!(good.body.contains("Đã nhận câu hỏi của bạn"));
        // From another site.
        let foreign = send(
            &app,
            Call::form(path, &question_fields(&fresh, typed))
                .header("origin", "https://evil.example"),
        )
        .await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN);
        assert!(foreign.body.contains("từ một trang khác"));
        // Too late: a form served more than 6 hours ago.
        app.state.clock.advance(Duration::hours(7));
        let late = app
            .send(
                Req::post(path, &form(&question_fields(&fresh, typed))).with_ip([198, 51, 100, 6]),
            )
            .await;
        assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(late.body.contains("hơn 6 giờ"));
        // Only the one good post was stored, as pending.
        let pending = app
            .state
            .store
            .questions_with_status(QuestionStatus::Pending, 1, 10)
            .await
            .unwrap();
        assert_eq!(pending.total, 1);
        assert_eq!(pending.items[0].question, typed);
        assert_eq!(pending.items[0].contact, CONTACT);
        // Too many from one address: the burst (5) then a refusal that keeps the text.
        let again = ticket(&app, path).await;
        app.state.clock.advance(Duration::seconds(4));
        let mut statuses = Vec::new();
        for _ in 0..6 {
            let reply = app
                .send(
                    Req::post(path, &form(&question_fields(&again, typed)))
                        .with_ip([203, 0, 113, 9]),
                )
                .await;
            statuses.push(reply.status.as_u16());
            if reply.status == StatusCode::TOO_MANY_REQUESTS {
                assert!(reply.body.contains("gửi nhiều câu hỏi"), "{}", reply.body);
                assert!(reply.body.contains(typed));
            }
        }
        assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
        // The contact form shares the limit.
        let contact_ticket = ticket(&app, "/lien-he").await;
        app.state.clock.advance(Duration::seconds(4));
        let shared = app
            .send(
                Req::post("/lien-he", &form(&question_fields(&contact_ticket, typed)))
                    .with_ip([203, 0, 113, 9]),
            )
            .await;
        assert_eq!(shared.status, StatusCode::TOO_MANY_REQUESTS);
    })
    .await;
}

#[tokio::test]
async fn moderation_needs_the_right_and_a_token_and_the_contact_never_goes_public() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let path = "/hoi-dap/gui-cau-hoi";
        let fresh = ticket(&app, path).await;
        app.state.clock.advance(Duration::seconds(10));
        let phone = "0912 345 678";
        let mut fields =
            question_fields(&fresh, "Hồ sơ chuyển sinh hoạt đảng gồm những giấy tờ gì?");
        fields[1] = ("contact", phone);
        let sent = app.send(Req::post(path, &form(&fields))).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert!(sent.body.contains("Đã nhận câu hỏi của bạn"));
        let id = app
            .state
            .store
            .questions_with_status(QuestionStatus::Pending, 1, 1)
            .await
            .unwrap()
            .items[0]
            .id;
        // Pending: not public.
        assert_eq!(
            app.get(&format!("/hoi-dap/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        // Moderation: a login, the right and the token.
        let anonymous = send(&app, Call::get(&format!("/quan-tri/hoi-dap/{id}"))).await;
        assert!(anonymous.status.is_redirection());
        let editor = login(&app, "bientap").await;
        let list = send(&app, Call::get("/quan-tri/hoi-dap").session(&editor)).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(
            list.body.contains("0912345678"),
            "the administration sees the contact"
        );
        let page = send(
            &app,
            Call::get(&format!("/quan-tri/hoi-dap/{id}")).session(&editor),
        )
        .await;
        let token = page.csrf_token();
        let answer = "Hồ sơ gồm giấy giới thiệu sinh hoạt đảng và phiếu đảng viên.";
        let no_token = send(
            &app,
            Call::form(
                &format!("/quan-tri/hoi-dap/{id}"),
                &[("answer", answer), ("hanh_dong", "dang")],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let empty = send(
            &app,
            Call::form(
                &format!("/quan-tri/hoi-dap/{id}"),
                &[
                    ("csrf_token", &token),
                    ("answer", " "),
                    ("hanh_dong", "dang"),
                ],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            empty
                .body
                .contains("Câu trả lời: bắt buộc nhưng đang để trống.")
        );
        let before = audit_count(&app).await;
        let published = send(
            &app,
            Call::form(
                &format!("/quan-tri/hoi-dap/{id}"),
                &[
                    ("csrf_token", &token),
                    ("answer", answer),
                    ("hanh_dong", "dang"),
                ],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(
            published.status,
            StatusCode::SEE_OTHER,
            "{}",
            published.body
        );
        assert_eq!(audit_count(&app).await, before + 1);

        // Everything public shows the question and the answer, and nothing of the contact.
        let q = app.get(&format!("/hoi-dap/{id}")).await;
        assert_eq!(q.status, StatusCode::OK);
        assert!(q.body.contains("Hỏi về thủ tục chuyển sinh hoạt đảng"));
        assert!(q.body.contains(answer));
        assert!(q.body.contains("Lò Thị Mai"));
        let outputs = [
            "/hoi-dap".to_owned(),
            format!("/hoi-dap/{id}"),
            "/hoi-dap/rss.xml".to_owned(),
            "/tim-kiem?q=chuyen+sinh+hoat+dang".to_owned(),
            "/api/v1/search?q=chuyen+sinh+hoat+dang".to_owned(),
            "/sitemap-pages.xml".to_owned(),
            "/so-do-trang".to_owned(),
            "/rss.xml".to_owned(),
            "/atom.xml".to_owned(),
            "/api/v1/articles".to_owned(),
        ];
        for path in &outputs {
            let reply = app.get(path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            for secret in ["0912", "345 678", "345678"] {
                assert!(
                    !reply.body.contains(secret),
                    "{path} shows the contact: {}",
                    reply.body
                );
            }
        }
        let found = app
            .get("/api/v1/search?q=chuyen+sinh+hoat+dang")
            .await
            .json();
        assert_eq!(found["items"][0]["kind"], "question");
        assert!(
            found["items"][0]["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/hoi-dap/{id}"))
        );
        let feed = app.get("/hoi-dap/rss.xml").await;
        roxmltree::Document::parse(&feed.body).expect("valid XML");
        assert!(feed.body.contains(&format!("/hoi-dap/{id}</link>")));
        assert!(
            app.get("/sitemap-pages.xml")
                .await
                .body
                .contains(&format!("/hoi-dap/{id}</loc>"))
        );
        let html_search = app.get("/tim-kiem?q=chuyen+sinh+hoat+dang").await;
        assert!(
            html_search
                .body
                .contains(&format!("href=\"/hoi-dap/{id}\""))
        );

        // Rejected: gone from the pages and the search.
        let rejected = send(
            &app,
            Call::form(
                &format!("/quan-tri/hoi-dap/{id}"),
                &[
                    ("csrf_token", &token),
                    ("answer", answer),
                    ("hanh_dong", "tu-choi"),
                ],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(rejected.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.get(&format!("/hoi-dap/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get("/api/v1/search?q=chuyen+sinh+hoat+dang")
                .await
                .json()["total"],
            0
        );
        let deleted = send(
            &app,
            Call::form(
                &format!("/quan-tri/hoi-dap/{id}/xoa"),
                &[("csrf_token", &token)],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        assert!(app.state.store.question(id).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn the_contact_page_shows_the_settings_that_are_set_and_messages_land_in_the_administration()
{
    each_backend(|app| async move {
        add_accounts(&app).await;
        let store = &app.state.store;
        store
            .set_setting(
                "site_address",
                "Số 1 đường Trần Hưng Đạo, thị trấn Tân Uyên",
                &Actor::System,
                app.state.now(),
            )
            .await
            .unwrap();
        store
            .set_setting(
                "site_email",
                "vanphong@example.gov.vn",
                &Actor::System,
                app.state.now(),
            )
            .await
            .unwrap();
        let page = app.get("/lien-he").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Số 1 đường Trần Hưng Đạo"));
        assert!(page.body.contains("mailto:vanphong@example.gov.vn"));
        assert!(
            !page.body.contains("Điện thoại</dt>"),
            "an unset key shows nothing"
        );
        let t = hidden(&page.body, "ticket");
        app.state.clock.advance(Duration::seconds(30));
        let fields = [
            ("name", "Tòng Văn Hùng"),
            ("contact", "hung.tv@example.vn"),
            ("subject", "Góp ý dự thảo báo cáo chính trị"),
            ("text", "Đề nghị bổ sung số liệu về giảm nghèo."),
            ("ticket", t.as_str()),
        ];
        let sent = app.send(Req::post("/lien-he", &form(&fields))).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert!(sent.body.contains("Đã nhận thư của bạn"));
        let editor = login(&app, "bientap").await;
        let list = send(&app, Call::get("/quan-tri/lien-he").session(&editor)).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Góp ý dự thảo báo cáo chính trị"));
        assert!(list.body.contains("hung.tv@example.vn"));
        let token = list.csrf_token();
        let id = store.contact_messages(None, 1, 1).await.unwrap().items[0].id;
        let no_token = send(
            &app,
            Call::form(
                &format!("/quan-tri/lien-he/{id}/xu-ly"),
                &[("da_xu_ly", "1")],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let before = audit_count(&app).await;
        let handled = send(
            &app,
            Call::form(
                &format!("/quan-tri/lien-he/{id}/xu-ly"),
                &[
                    ("csrf_token", &token),
                    ("da_xu_ly", "1"),
                    ("loc", "chua-xu-ly"),
                ],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(handled.status, StatusCode::SEE_OTHER);
        assert!(
            store
                .contact_message(id)
                .await
                .unwrap()
                .unwrap()
                .handled_at
                .is_some()
        );
        let deleted = send(
            &app,
            Call::form(
                &format!("/quan-tri/lien-he/{id}/xoa"),
                &[("csrf_token", &token)],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        assert_eq!(audit_count(&app).await, before + 2);
        // Nothing of the message is public.
        for path in ["/lien-he", "/so-do-trang", "/tim-kiem?q=gop+y+du+thao"] {
            assert!(!app.get(path).await.body.contains("hung.tv"), "{path}");
        }
    })
    .await;
}

#[tokio::test]
async fn an_account_without_the_portal_role_reaches_none_of_the_three() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        // A congress-workspace-only account: no portal role, so no schedule, questions or mail.
        let hash = daihoi_web::kernel::auth::hash_password(admin_support::PASSWORD);
        let user = app
            .state
            .store
            .create_user(
                &daihoi_store::NewUser {
                    username: "vanphong".into(),
                    display_name: "Văn phòng".into(),
                    role: daihoi_store::Role::Editor,
                    password_hash: hash,
                },
                &Actor::System,
                app.state.now(),
            )
            .await
            .unwrap();
        app.state
            .store
            .set_portal_access(user.id, false, &Actor::System, app.state.now())
            .await
            .unwrap();
        let reply = send(
            &app,
            Call::form(
                "/quan-tri/dang-nhap",
                &[
                    ("username", "vanphong"),
                    ("password", admin_support::PASSWORD),
                ],
            ),
        )
        .await;
        let cookie = reply.session_set_cookie().expect("session");
        let session = &cookie["dh_session=".len()..cookie.find(';').unwrap()];
        for path in [
            "/quan-tri/lich-cong-tac",
            "/quan-tri/hoi-dap",
            "/quan-tri/lien-he",
        ] {
            let page = send(&app, Call::get(path).session(session)).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        }
        let refused = send(
            &app,
            Call::form(
                "/quan-tri/lich-cong-tac",
                &[
                    ("day", "2021-07-15"),
                    ("part", "sang"),
                    ("content", "x"),
                    ("attendees", "y"),
                ],
            )
            .session(session),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    })
    .await;
}
