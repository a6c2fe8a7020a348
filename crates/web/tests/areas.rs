//! The areas have their own middleware: the congress workspace counts no visits and wears its
//! own error page; a portal change forgets only what it changed. Each test runs on SQLite and,
//! when `DAIHOI_TEST_DATABASE_URL` is set, on a fresh PostgreSQL database.

mod admin_support;
mod common;

use admin_support::{Call, add_accounts, login, send};
use axum::http::{StatusCode, header};
use common::{Req, each_backend, t0};

#[tokio::test]
async fn the_congress_workspace_answers_and_counts_no_visit() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let before = app.state.visits.unflushed_total();
        let anonymous = app.get("/dai-hoi").await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "the workspace needs a login");
        let session = login(&app, "admin").await;
        let home = send(&app, Call::get("/dai-hoi").session(&session)).await;
        assert_eq!(home.status, StatusCode::OK, "{}", home.body);
        assert!(
            home.body.contains("Không gian làm việc đại hội"),
            "{}",
            home.body
        );
        assert!(
            !home
                .headers
                .get_all(header::SET_COOKIE)
                .iter()
                .any(|v| v.to_str().unwrap_or("").starts_with("dh_visit=")),
            "no visit cookie in the workspace"
        );
        assert!(
            home.headers.get(header::CONTENT_SECURITY_POLICY).is_some(),
            "the kernel's security headers apply to every area"
        );
        let missing = send(&app, Call::get("/dai-hoi/khong-co").session(&session)).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(
            missing.body.contains("không gian làm việc đại hội"),
            "{}",
            missing.body
        );
        assert!(
            !missing.body.contains("Thống kê truy cập"),
            "a workspace error is not dressed in portal chrome"
        );
        assert_eq!(
            app.state.visits.unflushed_total(),
            before,
            "the workspace counted a visit"
        );
        // The same request on a public page does count: the counter works.
        app.get("/").await;
        assert_eq!(app.state.visits.unflushed_total(), before + 1);
    })
    .await;
}

#[tokio::test]
async fn errors_outside_every_area_are_plain_and_json_stays_json() {
    each_backend(|app| async move {
        let r = app.get("/static/khong-co.css").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("Không có tệp tĩnh"), "{}", r.body);
        assert!(!r.body.contains("Thống kê truy cập"));
        let before = app.state.visits.unflushed_total();
        let api = app.send(Req::get("/api/v1/khong-co").json()).await;
        assert_eq!(api.status, StatusCode::NOT_FOUND);
        assert_eq!(api.json()["error"]["code"], "not_found");
        assert_eq!(
            app.state.visits.unflushed_total(),
            before,
            "the API counts no visit"
        );
        // A vanished article on the public side is a 404 with the portal's page.
        let gone = app.get("/tin-tuc/khong-co-bai-nay").await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND);
        assert!(gone.body.contains("Thống kê truy cập"));
    })
    .await;
}

#[tokio::test]
async fn an_article_change_forgets_that_article_and_the_lists_only() {
    each_backend(|app| async move {
        // Kept pages are keyed by the site's base URL (never the request's Host).
        let base = app.state.config.base_url();
        let key = |slug: &str| (slug.to_owned(), base.clone());
        for path in ["/", "/tin-tuc/tan-uyen-san-sang", "/tin-tuc/tin-thoi-su-1"] {
            assert_eq!(app.get(path).await.status, StatusCode::OK, "{path}");
        }
        let now = t0();
        assert!(
            app.state
                .article_pages
                .get(&key("tan-uyen-san-sang"), now)
                .is_some()
        );
        assert!(
            app.state
                .article_pages
                .get(&key("tin-thoi-su-1"), now)
                .is_some()
        );
        assert!(
            app.state
                .list_pages
                .get(&("/".to_owned(), base.clone()), now)
                .is_some()
        );

        app.state.article_changed(&["tin-thoi-su-1"]);
        assert!(
            app.state
                .article_pages
                .get(&key("tin-thoi-su-1"), now)
                .is_none(),
            "the changed article is read again"
        );
        assert!(
            app.state
                .list_pages
                .get(&("/".to_owned(), base.clone()), now)
                .is_none(),
            "the lists show its card"
        );
        assert!(
            app.state
                .article_pages
                .get(&key("tan-uyen-san-sang"), now)
                .is_some(),
            "another article's page stays kept"
        );

        // A menu change forgets every kept page.
        app.state.menu_changed();
        assert!(
            app.state
                .article_pages
                .get(&key("tan-uyen-san-sang"), now)
                .is_none()
        );
        assert!(app.state.chrome.get(&(), now).is_none());
    })
    .await;
}

#[tokio::test]
async fn a_login_does_not_flush_the_portal_caches() {
    each_backend(|app| async move {
        // Kept pages are keyed by the site's base URL (never the request's Host).
        let base = app.state.config.base_url();
        assert_eq!(
            app.get("/tin-tuc/tan-uyen-san-sang").await.status,
            StatusCode::OK
        );
        let key = ("tan-uyen-san-sang".to_owned(), base);
        assert!(app.state.article_pages.get(&key, t0()).is_some());
        // A POST to the administration that changes no content (a failed login).
        let r = app
            .send(Req::post(
                "/quan-tri/dang-nhap",
                "username=ai&password=sai-mat-khau&csrf_token=x",
            ))
            .await;
        assert_ne!(r.status, StatusCode::OK);
        assert!(
            app.state.article_pages.get(&key, t0()).is_some(),
            "an administration POST that changes nothing keeps the public caches"
        );
    })
    .await;
}

#[tokio::test]
async fn a_very_long_address_is_not_echoed_back_whole() {
    each_backend(|app| async move {
        let slug = "d".repeat(60_000);
        let r = app.get(&format!("/tin-tuc/{slug}")).await;
        assert!(r.status.is_client_error(), "{}", r.status);
        assert!(
            !r.body.contains(&"d".repeat(200)),
            "the page quotes at most a short piece of the address"
        );
        let r = app.get(&format!("/chuyen-muc/{slug}")).await;
        assert!(!r.body.contains(&"d".repeat(200)));
    })
    .await;
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_public_address_is_https() {
    use axum::body::Body;
    use tower::ServiceExt as _;
    each_backend(|app| async move {
        let plain = app.get("/").await;
        assert!(
            plain
                .headers
                .get(header::STRICT_TRANSPORT_SECURITY)
                .is_none()
        );
        let mut config = (*app.state.config).clone();
        config.public_url = Some("https://cong.example.vn".to_owned());
        let kernel = daihoi_web::Kernel::new(
            app.state.store.clone(),
            config,
            daihoi_web::Clock::manual(t0()),
        )
        .await
        .unwrap();
        let secure = daihoi_web::router(daihoi_web::PortalState::over(kernel))
            .oneshot(
                axum::http::Request::get("/dai-hoi")
                    .header(header::HOST, "cong.example.vn")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(
            secure
                .headers()
                .get(header::STRICT_TRANSPORT_SECURITY)
                .unwrap(),
            "max-age=31536000"
        );
    })
    .await;
}

#[tokio::test]
async fn a_nul_character_is_refused_cleanly_everywhere() {
    each_backend(|app| async move {
        let search = app.get("/tim-kiem?q=dai%00hoi").await;
        assert_eq!(search.status, StatusCode::BAD_REQUEST, "{}", search.body);
        assert!(search.body.contains("NUL"), "{}", search.body);
        let api = app
            .send(Req::get("/api/v1/articles?trang=1%00").json())
            .await;
        assert_eq!(api.status, StatusCode::BAD_REQUEST);
        assert_eq!(api.json()["error"]["code"], "bad_request");
        let workspace = app.get("/dai-hoi?x=%00").await;
        assert_eq!(workspace.status, StatusCode::BAD_REQUEST);
        // A form body: the login form, before any database work.
        let login = app
            .send(Req::post(
                "/quan-tri/dang-nhap",
                "username=ad%00min&password=mat-khau-sai",
            ))
            .await;
        assert_eq!(login.status, StatusCode::BAD_REQUEST, "{}", login.body);
        assert!(login.body.contains("NUL"), "{}", login.body);
        // A percent sign that is not %00 is ordinary text.
        let fine = app.get("/tim-kiem?q=100%25").await;
        assert_eq!(fine.status, StatusCode::OK);
        // CR/LF in the login page's `next` neither breaks the page nor reaches a header.
        let form = app
            .get("/quan-tri/dang-nhap?next=/quan-tri%0D%0ASet-Cookie:%20x=1")
            .await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.body);
        let after = app
            .send(Req::post(
                "/quan-tri/dang-nhap",
                "username=admin&password=sai-mat-khau-roi&next=/quan-tri%0D%0ASet-Cookie:%20x=1",
            ))
            .await;
        assert!(
            after.status.is_client_error() || after.status.is_redirection(),
            "{}",
            after.status
        );
        assert!(!after.headers.contains_key("x"), "no injected header");
        assert!(
            after
                .headers
                .get_all(header::SET_COOKIE)
                .iter()
                .all(|c| !c.to_str().unwrap_or("").starts_with("x=")),
            "no injected cookie"
        );
    })
    .await;
}

#[tokio::test]
async fn the_administration_with_a_final_slash_leads_to_it() {
    each_backend(|app| async move {
        let before = app.state.visits.unflushed_total();
        let r = app.get("/quan-tri/").await;
        assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{}", r.body);
        assert_eq!(r.headers.get(header::LOCATION).unwrap(), "/quan-tri");
        assert_eq!(
            app.state.visits.unflushed_total(),
            before,
            "not a portal visit"
        );
    })
    .await;
}
