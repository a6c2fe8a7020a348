//! The public portal through the router: pages and the DOM contract, errors, rating, visits,
//! security headers and the JSON API. Each test runs on SQLite and, when
//! `DAIHOI_TEST_DATABASE_URL` is set, on a fresh PostgreSQL database.

mod common;

use axum::http::{StatusCode, header};
use chrono::{Duration, TimeZone, Utc};
use common::{Req, TestApp, each_backend, t0};
use daihoi_web::kernel::security::CONTENT_SECURITY_POLICY;

const GOOGLEBOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

async fn article_id(app: &TestApp, slug: &str) -> i64 {
    app.state
        .store
        .published_article_by_slug(slug, t0())
        .await
        .unwrap()
        .expect("seeded article")
        .id
}

#[tokio::test]
async fn home_page_follows_the_dom_contract_and_sends_security_headers() {
    each_backend(|app| async move {
        let r = app.get("/").await;
        assert_eq!(r.status, StatusCode::OK);
        for needle in [
            "<html lang=\"vi\"",
            "<main id=\"main\"",
            "href=\"#main\"",
            "<aside id=\"visit-stats\"",
            "Thống kê truy cập",
            "data-stat=\"online\"",
            "data-stat=\"today\"",
            "data-stat=\"yesterday\"",
            "data-stat=\"month\"",
            "data-stat=\"year\"",
            "data-stat=\"total\"",
            "src=\"/static/prefs.js\"",
            "href=\"/chuyen-muc/tin-dai-hoi\"",
            "href=\"/tin-tuc/tan-uyen-san-sang\"",
            "src=\"/uploads/2020/06/cover-400.jpg\"",
            "10/07/2021 14:05",
        ] {
            assert!(r.body.contains(needle), "home lacks {needle}");
        }
        assert!(!r.body.contains("<script>"), "no inline script");
        assert!(!r.body.contains("style="), "no inline style");
        assert_eq!(
            r.headers[header::CONTENT_SECURITY_POLICY],
            CONTENT_SECURITY_POLICY
        );
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(r.headers[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(
            r.headers[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin"
        );
        assert!(r.headers.contains_key("permissions-policy"));
        let cookie = r.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
        assert!(cookie.starts_with("dh_visit="), "{cookie}");
        for part in ["Max-Age=1800", "Path=/", "HttpOnly", "SameSite=Lax"] {
            assert!(cookie.contains(part), "{cookie} lacks {part}");
        }
        // Static files carry the CSP too, and a long cache lifetime.
        let css = app.get("/static/portal.css").await;
        assert_eq!(css.status, StatusCode::OK);
        assert!(
            css.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/css")
        );
        assert!(
            css.headers[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("max-age=86400")
        );
        assert_eq!(
            css.headers[header::CONTENT_SECURITY_POLICY],
            CONTENT_SECURITY_POLICY
        );
        assert!(
            css.headers.get(header::SET_COOKIE).is_none(),
            "static files set no cookie"
        );
    })
    .await;
}

#[tokio::test]
async fn article_page_has_reader_tools_rating_and_share_cards() {
    each_backend(|app| async move {
        let r = app.get("/tin-tuc/tan-uyen-san-sang").await;
        assert_eq!(r.status, StatusCode::OK);
        let b = &r.body;
        for needle in [
            "<div id=\"reader-tools\"",
            "data-action=\"font-smaller\"",
            "data-action=\"font-reset\"",
            "data-action=\"font-larger\"",
            "<div id=\"display-tools\"",
            "data-action=\"contrast-toggle\" aria-pressed=\"false\"",
            "data-action=\"share-native\" hidden",
            "data-action=\"copy-link\"",
            "data-share=\"facebook\" href=\"https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2F127.0.0.1%3A8080%2Ftin-tuc%2Ftan-uyen-san-sang\"",
            "data-share=\"x\" href=\"https://twitter.com/intent/tweet?url=http%3A%2F%2F127.0.0.1%3A8080%2Ftin-tuc%2Ftan-uyen-san-sang&",
            "text=T%C3%A2n%20Uy%C3%AAn",
            "data-share=\"zalo\" href=\"https://sp.zalo.me/share_to?url=http%3A%2F%2F127.0.0.1%3A8080%2Ftin-tuc%2Ftan-uyen-san-sang\"",
            "data-action=\"print\" href=\"/tin-tuc/tan-uyen-san-sang/ban-in\"",
            "<section id=\"rating\"",
            "<form id=\"rating-form\" method=\"post\" action=\"/tin-tuc/tan-uyen-san-sang/rating\"",
            "type=\"hidden\" name=\"csrf_token\"",
            "name=\"stars\" value=\"1\"",
            "name=\"stars\" value=\"5\"",
            "<p id=\"rating-summary\">Tổng số điểm của bài viết là: 0 trong 0 đánh giá</p>",
            "id=\"rating-average\"",
            "id=\"rating-message\" role=\"status\"",
            "Tác giả: Kim Anh",
            "Nguồn: laichau.gov.vn",
            "10/07/2021 14:05",
            "href=\"/chuyen-muc/tin-dai-hoi\"",
            "<p class=\"interview-q\"><strong>PV:</strong> Công tác chuẩn bị đến nay thế nào?</p>",
            "<p class=\"interview-a\">Đồng chí Phan Văn Nguyên: Đã sẵn sàng.</p>",
            "<figcaption>Thị trấn trang trí cờ hoa</figcaption>",
            "src=\"/uploads/2020/06/flags.jpg\"",
            "<figcaption>Hội trường Đại hội</figcaption>",
            "<meta property=\"og:type\" content=\"article\">",
            "<meta property=\"og:title\" content=\"Tân Uyên: Sẵn sàng cho Đại hội điểm\">",
            "<meta property=\"og:description\" content=\"Đảng bộ huyện Tân Uyên đã chuẩn bị sẵn sàng cho Đại hội điểm.\">",
            "<meta property=\"og:image\" content=\"http://127.0.0.1:8080/uploads/2020/06/cover.jpg\">",
            "<meta property=\"og:url\" content=\"http://127.0.0.1:8080/tin-tuc/tan-uyen-san-sang\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
            "<aside id=\"visit-stats\"",
        ] {
            assert!(b.contains(needle), "article lacks {needle}");
        }
        // The inline photo is not repeated below the body.
        assert_eq!(b.matches("<img src=\"/uploads/2020/06/flags.jpg\"").count(), 1);

        let print = app.get("/tin-tuc/tan-uyen-san-sang/ban-in").await;
        assert_eq!(print.status, StatusCode::OK);
        assert!(print.body.contains("Tân Uyên: Sẵn sàng cho Đại hội điểm"));
        assert!(print.body.contains("Địa chỉ bài viết: http://127.0.0.1:8080/tin-tuc/tan-uyen-san-sang"));
        assert!(!print.body.contains("reader-tools"));
        assert!(print.body.contains("Tác giả: Kim Anh"));
    })
    .await;
}

#[tokio::test]
async fn category_pages_paginate_and_refuse_bad_page_numbers() {
    each_backend(|app| async move {
        let p1 = app.get("/chuyen-muc/thoi-su").await;
        assert_eq!(p1.status, StatusCode::OK);
        assert!(p1.body.contains("Tin thời sự số 12"), "newest first");
        assert!(!p1.body.contains("Tin thời sự số 2<"));
        assert!(p1.body.contains("href=\"/chuyen-muc/thoi-su?trang=2\""));
        let p2 = app.get("/chuyen-muc/thoi-su?trang=2").await;
        assert_eq!(p2.status, StatusCode::OK);
        assert!(p2.body.contains("Tin thời sự số 1<"));
        assert!(p2.body.contains("<span aria-current=\"page\">2</span>"));

        let beyond = app.get("/chuyen-muc/thoi-su?trang=3").await;
        assert_eq!(beyond.status, StatusCode::NOT_FOUND);
        assert!(
            beyond
                .body
                .contains("Chuyên mục «Thời sự» chỉ có 2 trang; không có trang 3."),
            "{}",
            beyond.body
        );
        assert!(
            beyond.body.contains("id=\"visit-stats\""),
            "error pages keep the chrome"
        );

        for bad in ["abc", "0", "-1", "1.5"] {
            let r = app.get(&format!("/chuyen-muc/thoi-su?trang={bad}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "trang={bad}");
            assert!(r.body.contains("không hợp lệ"), "{}", r.body);
        }
    })
    .await;
}

#[tokio::test]
async fn unknown_and_malformed_addresses_get_vietnamese_errors() {
    each_backend(|app| async move {
        let r = app.get("/tin-tuc/khong-co-bai-nay").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(
            r.body
                .contains("Không tìm thấy bài viết «khong-co-bai-nay»")
        );
        assert!(r.body.contains("<main id=\"main\""));
        assert_eq!(
            r.headers[header::CONTENT_SECURITY_POLICY],
            CONTENT_SECURITY_POLICY
        );

        let r = app.get("/chuyen-muc/khong-co").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("Không tìm thấy chuyên mục «khong-co»"));

        let r = app.get("/khong/co/trang/nay").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("Không tìm thấy trang"));

        let r = app.get("/tin-tuc/%ZZ%C3").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Địa chỉ không hợp lệ"), "{}", r.body);

        let r = app.get("/tin-tuc/%C3%28").await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "invalid UTF-8 after decoding"
        );

        let r = app.send(Req::get("/api/v1/khong-co").json()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Không tìm thấy")
        );
    })
    .await;
}

#[tokio::test]
async fn rating_once_per_visitor_with_cookie_and_token() {
    each_backend(|app| async move {
        let id = article_id(&app, "tan-uyen-san-sang").await;
        let page = app.get("/tin-tuc/tan-uyen-san-sang").await;
        let visitor = page.visit_cookie().expect("visit cookie");
        let token = page.csrf_token();
        let url = "/tin-tuc/tan-uyen-san-sang/rating";

        // Missing cookie; missing token; a token of another visitor: 403, nothing stored.
        // (Each refused attempt comes from its own address: refused attempts count against the
        // per-address limit too, and this test is not about the limit.)
        let r = app
            .send(
                Req::post(url, &format!("stars=4&csrf_token={token}"))
                    .json()
                    .with_ip([10, 0, 0, 1]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("cookie")
        );
        let r = app
            .send(
                Req::post(url, "stars=4")
                    .cookie(&visitor)
                    .with_ip([10, 0, 0, 2]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.body.contains("mã xác nhận"), "{}", r.body);
        let other = app.get("/").await.visit_cookie().unwrap();
        let r = app
            .send(
                Req::post(url, &format!("stars=4&csrf_token={token}"))
                    .cookie(&other)
                    .with_ip([10, 0, 0, 3]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // stars out of range or not a number: 422, nothing stored.
        for (n, bad) in ["9", "0", "x", ""].into_iter().enumerate() {
            let r = app
                .send(
                    Req::post(url, &format!("stars={bad}&csrf_token={token}"))
                        .cookie(&visitor)
                        .json()
                        .with_ip([10, 0, 1, n as u8]),
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "stars={bad}");
            let message = r.json()["error"]["message"].as_str().unwrap().to_owned();
            assert_eq!(
                message,
                format!("Số sao phải từ 1 đến 5. Giá trị nhận được: «{bad}»."),
                "stars={bad}"
            );
        }
        let summary = app.state.store.rating_summary(id).await.unwrap();
        assert_eq!(
            (summary.sum, summary.count),
            (0, 0),
            "refused attempts store nothing"
        );

        // The first rating is stored (fetch flow).
        let r = app
            .send(
                Req::post(url, &format!("stars=4&csrf_token={token}"))
                    .cookie(&visitor)
                    .json()
                    .with_ip([198, 51, 100, 1]),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let j = r.json();
        assert_eq!(j["summary"]["sum"], 4);
        assert_eq!(j["summary"]["count"], 1);
        assert_eq!(
            j["summary"]["sentence"],
            "Tổng số điểm của bài viết là: 4 trong 1 đánh giá"
        );
        assert_eq!(j["summary"]["average"], "4,0");

        // A second one by the same visitor is refused and changes nothing (JSON: 409).
        let r = app
            .send(
                Req::post(url, &format!("stars=1&csrf_token={token}"))
                    .cookie(&visitor)
                    .json()
                    .with_ip([198, 51, 100, 1]),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(
            r.json()["error"]["message"],
            "Bạn đã đánh giá bài viết này rồi."
        );
        assert_eq!(r.json()["summary"]["sum"], 4);
        // … and with the plain form: 303 back to the article, which shows the message.
        let r = app
            .send(
                Req::post(url, &format!("stars=2&csrf_token={token}"))
                    .cookie(&visitor)
                    .with_ip([198, 51, 100, 1]),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let location = r.headers[header::LOCATION].to_str().unwrap().to_owned();
        assert!(
            location.starts_with("/tin-tuc/tan-uyen-san-sang?"),
            "{location}"
        );
        let back = app.send(Req::get(&location).cookie(&visitor)).await;
        assert!(back.body.contains("Bạn đã đánh giá bài viết này rồi."));
        assert!(
            back.body
                .contains("Tổng số điểm của bài viết là: 4 trong 1 đánh giá")
        );
        let summary = app.state.store.rating_summary(id).await.unwrap();
        assert_eq!((summary.sum, summary.count), (4, 1));

        // A second visitor rates with the form: 303 with the thanks, one more row.
        let page2 = app.get("/tin-tuc/tan-uyen-san-sang").await;
        let v2 = page2.visit_cookie().unwrap();
        let r = app
            .send(
                Req::post(url, &format!("stars=5&csrf_token={}", page2.csrf_token()))
                    .cookie(&v2)
                    .with_ip([198, 51, 100, 2]),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let back = app
            .send(Req::get(r.headers[header::LOCATION].to_str().unwrap()).cookie(&v2))
            .await;
        assert!(back.body.contains("Cảm ơn bạn đã đánh giá bài viết."));
        assert!(
            back.body
                .contains("Tổng số điểm của bài viết là: 9 trong 2 đánh giá")
        );
        assert!(back.body.contains("<span id=\"rating-average\">4,5</span>"));
        // The reader who rated sees their choice in a form that cannot be sent again, on this
        // page and on the next visit of the article.
        assert!(back.body.contains("<fieldset disabled>"), "{}", back.body);
        assert!(back.body.contains("value=\"5\" required checked>"));
        let again = app
            .send(Req::get("/tin-tuc/tan-uyen-san-sang").cookie(&v2))
            .await;
        assert!(again.body.contains("Bạn đã đánh giá bài viết này 5 sao."));
        assert!(again.body.contains("<fieldset disabled>"));
        assert!(again.body.contains("type=\"submit\" disabled>Gửi đánh giá"));
        // Someone who opens the thanks address without having rated gets no thanks and an open
        // form.
        let stranger = app.get("/tin-tuc/tan-uyen-san-sang?danh-gia=cam-on").await;
        assert_eq!(stranger.status, StatusCode::OK);
        assert!(!stranger.body.contains("Cảm ơn bạn đã đánh giá"));
        assert!(!stranger.body.contains("<fieldset disabled>"));
        let v3 = stranger.visit_cookie().unwrap();
        let stranger = app
            .send(Req::get("/tin-tuc/tan-uyen-san-sang?danh-gia=da-danh-gia").cookie(&v3))
            .await;
        assert!(!stranger.body.contains("Bạn đã đánh giá"));

        // The API lists the same figures.
        let api = app
            .send(Req::get("/api/v1/articles?per_page=100").json())
            .await
            .json();
        let item = api["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["slug"] == "tan-uyen-san-sang")
            .unwrap()
            .clone();
        assert_eq!(item["rating"]["sum"], 9);
        assert_eq!(item["rating"]["count"], 2);
    })
    .await;
}

/// One rating per visitor and article holds after the visit ends: the lasting `dh_visitor`
/// cookie (a year) still names the browser when the 30-minute visit cookie has expired.
#[tokio::test]
async fn a_returning_visitor_cannot_rate_the_same_article_again() {
    each_backend(|app| async move {
        let url = "/tin-tuc/tan-uyen-san-sang/rating";
        let page = app.get("/tin-tuc/tan-uyen-san-sang").await;
        let set: Vec<String> = page
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        let lasting = set
            .iter()
            .find(|c| c.starts_with("dh_visitor="))
            .expect("a lasting visitor cookie is set");
        assert!(lasting.contains("Max-Age=31536000"), "{lasting}");
        assert!(lasting.contains("HttpOnly") && lasting.contains("SameSite=Lax"));
        let id = page.visit_cookie().unwrap();
        let r = app
            .send(
                Req::post(url, &format!("stars=5&csrf_token={}", page.csrf_token()))
                    .cookie(&id)
                    .json()
                    .with_ip([198, 51, 100, 9]),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);

        // The visit cookie is gone (30 minutes idle); the browser keeps only dh_visitor.
        let only_lasting = format!("dh_visitor={id}");
        let again = app
            .send(Req::get("/tin-tuc/tan-uyen-san-sang").cookie(&only_lasting))
            .await;
        assert_eq!(
            again.visit_cookie().as_deref(),
            Some(id.as_str()),
            "same id"
        );
        assert!(
            !again
                .headers
                .get_all(header::SET_COOKIE)
                .iter()
                .any(|v| v.to_str().unwrap().starts_with("dh_visitor=")),
            "the lasting cookie is not sent again"
        );
        let r = app
            .send(
                Req::post(url, &format!("stars=1&csrf_token={}", again.csrf_token()))
                    .cookie(&only_lasting)
                    .json()
                    .with_ip([198, 51, 100, 9]),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        let id_num = article_id(&app, "tan-uyen-san-sang").await;
        let summary = app.state.store.rating_summary(id_num).await.unwrap();
        assert_eq!((summary.sum, summary.count), (5, 1));
    })
    .await;
}

#[tokio::test]
async fn rating_floods_from_one_address_are_limited() {
    each_backend(|app| async move {
        let url = "/tin-tuc/tan-uyen-san-sang/rating";
        let flood_ip = [203, 0, 113, 7];
        // The test limit is a burst of 3 per address; each attempt uses a fresh visitor.
        let mut statuses = Vec::new();
        for _ in 0..4 {
            let page = app.get("/tin-tuc/tan-uyen-san-sang").await;
            let v = page.visit_cookie().unwrap();
            let r = app
                .send(
                    Req::post(url, &format!("stars=3&csrf_token={}", page.csrf_token()))
                        .cookie(&v)
                        .json()
                        .with_ip(flood_ip),
                )
                .await;
            statuses.push(r.status);
            if r.status == StatusCode::TOO_MANY_REQUESTS {
                assert!(
                    r.json()["error"]["message"]
                        .as_str()
                        .unwrap()
                        .contains("quá nhiều")
                );
            }
        }
        assert_eq!(
            statuses,
            [
                StatusCode::OK,
                StatusCode::OK,
                StatusCode::OK,
                StatusCode::TOO_MANY_REQUESTS
            ]
        );
        let id = article_id(&app, "tan-uyen-san-sang").await;
        assert_eq!(app.state.store.rating_summary(id).await.unwrap().count, 3);
        // Another address is not affected.
        let page = app.get("/tin-tuc/tan-uyen-san-sang").await;
        let v = page.visit_cookie().unwrap();
        let r = app
            .send(
                Req::post(url, &format!("stars=3&csrf_token={}", page.csrf_token()))
                    .cookie(&v)
                    .json()
                    .with_ip([203, 0, 113, 8]),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
    })
    .await;
}

async fn stats(app: &TestApp) -> serde_json::Value {
    let r = app.send(Req::get("/api/v1/stats/visits").json()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers.get(header::SET_COOKIE).is_none(),
        "the API counts no visit"
    );
    r.json()
}

#[tokio::test]
async fn a_visit_is_counted_once_while_its_cookie_lives_and_bots_apart() {
    each_backend(|app| async move {
        let s0 = stats(&app).await;
        for k in [
            "online",
            "today",
            "yesterday",
            "month",
            "year",
            "total",
            "bots_today",
            "bots_total",
        ] {
            assert_eq!(s0[k], 0, "{k} starts at 0: {s0}");
        }
        let first = app.get("/").await;
        let id = first.visit_cookie().unwrap();
        // The same visitor, within its cookie's life, on several pages: still one visit.
        for path in [
            "/",
            "/chuyen-muc/thoi-su",
            "/tin-tuc/tan-uyen-san-sang",
            "/tim-kiem?q=dai+hoi",
            "/so-do-trang",
        ] {
            let r = app.send(Req::get(path).cookie(&id)).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert!(
                r.visit_cookie().as_deref() == Some(id.as_str()),
                "cookie refreshed with the same id"
            );
        }
        // Static files, uploads, the API and the health check count nothing.
        app.get("/static/portal.css").await;
        app.get("/healthz").await;
        app.get("/api/v1/articles").await;
        let s1 = stats(&app).await;
        assert_eq!(
            (s1["today"].as_u64(), s1["total"].as_u64()),
            (Some(1), Some(1)),
            "{s1}"
        );
        assert_eq!(s1["online"], 1);

        // Bots: a crawler and a client without User-Agent, apart from people.
        app.send(Req::get("/").ua(Some(GOOGLEBOT))).await;
        app.send(Req::get("/").ua(None)).await;
        let s2 = stats(&app).await;
        assert_eq!(s2["today"], 1);
        assert_eq!(s2["bots_today"], 2);
        assert_eq!(s2["bots_total"], 2);
        assert_eq!(s2["online"], 1, "bots are not online people");

        // The page shows the same figures, formatted.
        let page = app.send(Req::get("/").cookie(&id)).await;
        assert!(
            page.body.contains("<dd data-stat=\"today\">1</dd>"),
            "{}",
            page.body
        );

        // Nothing is written until the flush; then the store holds it all and nothing is left.
        let today = chrono::NaiveDate::from_ymd_opt(2021, 7, 15).unwrap();
        assert_eq!(app.state.store.visit_totals(today).await.unwrap().today, 0);
        assert_eq!(app.state.visits.unflushed_total(), 3);
        let written = app
            .state
            .visits
            .flush(&app.state.store, app.state.now())
            .await
            .unwrap();
        assert_eq!(written, 3);
        assert_eq!(app.state.visits.unflushed_total(), 0);
        let stored = app.state.store.visit_totals(today).await.unwrap();
        assert_eq!((stored.today, stored.bots_today), (1, 2));
        let s3 = stats(&app).await;
        assert_eq!(
            (
                s3["today"].as_u64(),
                s3["bots_today"].as_u64(),
                s3["online"].as_u64()
            ),
            (Some(1), Some(2), Some(1))
        );
    })
    .await;
}

#[tokio::test]
async fn a_failed_flush_keeps_the_counts_for_the_next_try() {
    each_backend(|app| async move {
        app.get("/").await;
        app.get("/").await;
        // A database without the schema: the write fails.
        let dir = tempfile::tempdir().unwrap();
        let broken = daihoi_store::Store::connect(&format!(
            "sqlite://{}",
            dir.path().join("x.db").display()
        ))
        .await
        .unwrap();
        assert!(
            app.state
                .visits
                .flush(&broken, app.state.now())
                .await
                .is_err()
        );
        assert_eq!(app.state.visits.unflushed_total(), 2, "nothing lost");
        app.get("/").await;
        assert_eq!(
            app.state
                .visits
                .flush(&app.state.store, app.state.now())
                .await
                .unwrap(),
            3
        );
        let today = chrono::NaiveDate::from_ymd_opt(2021, 7, 15).unwrap();
        assert_eq!(app.state.store.visit_totals(today).await.unwrap().today, 3);
        broken.close().await;
    })
    .await;
}

#[tokio::test]
async fn days_turn_over_at_local_midnight() {
    each_backend(|app| async move {
        // 16:59 UTC on 14/7 is 23:59 in Hà Nội; two minutes later it is 15/7 there.
        app.state
            .clock
            .set(Utc.with_ymd_and_hms(2021, 7, 14, 16, 59, 0).unwrap());
        app.get("/").await;
        app.state
            .visits
            .flush(&app.state.store, app.state.now())
            .await
            .unwrap();
        app.state.clock.advance(Duration::minutes(2));
        app.get("/").await;
        app.get("/").await;
        let s = stats(&app).await;
        assert_eq!(
            (
                s["today"].as_u64(),
                s["yesterday"].as_u64(),
                s["month"].as_u64(),
                s["total"].as_u64()
            ),
            (Some(2), Some(1), Some(3), Some(3)),
            "{s}"
        );
        let page = app.get("/").await;
        assert!(page.body.contains("Tháng 07"));
        assert!(page.body.contains("Năm 2021"));
    })
    .await;
}

#[tokio::test]
async fn search_folds_diacritics() {
    each_backend(|app| async move {
        let r = app.get("/tim-kiem?q=dai+hoi+diem").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.body.contains("href=\"/tin-tuc/tan-uyen-san-sang\""),
            "{}",
            r.body
        );
        assert!(r.body.contains("Tìm thấy 1 kết quả"));
        let r = app.get("/tim-kiem?q=%C4%90%E1%BA%A0I+H%E1%BB%98I").await; // "ĐẠI HỘI"
        assert!(r.body.contains("href=\"/tin-tuc/tan-uyen-san-sang\""));
        let r = app.get("/tim-kiem?q=khongcogi").await;
        assert!(r.body.contains("Không tìm thấy kết quả nào"));
        let r = app.get("/tim-kiem").await;
        assert_eq!(r.status, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn site_maps_list_every_published_article() {
    each_backend(|app| async move {
        let text = app.get("/so-do-trang").await;
        assert_eq!(text.status, StatusCode::OK);
        assert!(text.body.contains("Sơ đồ trang"));
        assert!(text.body.contains("href=\"/so-do-trang/thoi-su/2021-07\""));
        let month = app.get("/so-do-trang/thoi-su/2021-07").await;
        assert_eq!(month.status, StatusCode::OK);
        assert!(month.body.contains("href=\"/tin-tuc/tin-thoi-su-7\""));
        let index = app.get("/sitemap.xml").await;
        assert_eq!(index.status, StatusCode::OK);
        assert!(
            index.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/xml")
        );
        assert!(index.body.contains("<sitemapindex"));
        let xml = app.get("/sitemap-articles-1.xml").await;
        assert!(
            xml.body
                .contains("<loc>http://127.0.0.1:8080/tin-tuc/tan-uyen-san-sang</loc>")
        );
        assert_eq!(xml.body.matches("<url>").count(), 13);
        let pages = app.get("/sitemap-pages.xml").await;
        // Home, 2 sections, the congress index, /gioi-thieu, /van-ban, the work schedule,
        // «Hỏi đáp» and «Liên hệ» (no published question), the site map (no congress, about page
        // or document in the seed).
        assert_eq!(pages.body.matches("<url>").count(), 1 + 2 + 1 + 2 + 3 + 1);
    })
    .await;
}

#[tokio::test]
async fn articles_api_lists_published_articles_with_paging() {
    each_backend(|app| async move {
        let r = app
            .send(Req::get("/api/v1/articles?page=2&per_page=5").json())
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let j = r.json();
        assert_eq!(j["page"], 2);
        assert_eq!(j["per_page"], 5);
        assert_eq!(j["total"], 13);
        let items = j["items"].as_array().unwrap();
        assert_eq!(items.len(), 5);
        let a = &items[0];
        for k in ["id", "slug", "url", "title", "published_at"] {
            assert!(!a[k].is_null(), "{k} missing: {a}");
        }
        assert!(
            a["url"]
                .as_str()
                .unwrap()
                .starts_with("http://127.0.0.1:8080/tin-tuc/")
        );
        assert_eq!(a["category"]["slug"], "thoi-su");
        assert_eq!(a["category"]["name"], "Thời sự");
        assert_eq!(a["rating"]["sum"], 0);
        assert!(a["published_at"].as_str().unwrap().ends_with("+07:00"));

        for bad in [
            "page=0",
            "page=abc",
            "per_page=0",
            "per_page=1000",
            "per_page=-3",
        ] {
            let r = app.send(Req::get(&format!("/api/v1/articles?{bad}"))).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
            let j = r.json();
            assert_eq!(j["error"]["code"], "bad_request");
            assert!(
                j["error"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("không hợp lệ"),
                "{j}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn search_covers_the_body_and_pages_the_results() {
    each_backend(|app| async move {
        // "Phan Văn Nguyên" is only in the interview's body.
        let r = app.get("/tim-kiem?q=phan+van+nguyen").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.body.contains("href=\"/tin-tuc/tan-uyen-san-sang\""),
            "{}",
            r.body
        );
        assert!(r.body.contains("Tìm thấy 1 kết quả"));
        // A percent sign alone is no word to look for: the page says so.
        let r = app.get("/tim-kiem?q=%25").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("không có chữ hay số nào"), "{}", r.body);

        let store = &app.state.store;
        let cat = store.category_by_slug("thoi-su").await.unwrap().unwrap();
        for i in 0..23 {
            store
                .create_article(
                    &daihoi_store::NewArticle {
                        slug: format!("che-shan-{i:02}"),
                        title: format!("Vùng chè số {i}"),
                        lead: String::new(),
                        body_md: "Đồi **chè Shan tuyết** cổ thụ.".into(),
                        kind: daihoi_store::ArticleKind::News,
                        category_id: cat.id,
                        author: String::new(),
                        source: String::new(),
                        status: daihoi_store::ArticleStatus::Published,
                        published_at: Some(t0() - Duration::minutes(60 - i)),
                        cover_photo_id: None,
                        congress_id: None,
                    },
                    &daihoi_store::Actor::System,
                    t0(),
                )
                .await
                .unwrap();
        }
        let first = app.get("/tim-kiem?q=shan+tuy%E1%BA%BFt").await; // "shan tuyết"
        assert_eq!(first.status, StatusCode::OK);
        assert!(first.body.contains("Tìm thấy 23 kết quả"), "{}", first.body);
        assert_eq!(first.body.matches("href=\"/tin-tuc/che-shan-").count(), 20);
        assert!(
            first.body.contains("href=\"/tin-tuc/che-shan-22\""),
            "equally relevant: newest first"
        );
        assert!(!first.body.contains("href=\"/tin-tuc/che-shan-02\""));
        assert!(
            first
                .body
                .contains("href=\"/tim-kiem?q=shan%20tuy%E1%BA%BFt&#38;trang=2\""),
            "{}",
            first.body
        );
        let second = app.get("/tim-kiem?q=shan+tuyet&trang=2").await;
        assert_eq!(second.status, StatusCode::OK);
        assert_eq!(second.body.matches("href=\"/tin-tuc/che-shan-").count(), 3);
        assert!(second.body.contains("href=\"/tin-tuc/che-shan-00\""));
        assert!(second.body.contains("aria-current=\"page\">2<"));

        let beyond = app.get("/tim-kiem?q=shan+tuyet&trang=3").await;
        assert_eq!(beyond.status, StatusCode::NOT_FOUND);
        assert!(beyond.body.contains("chỉ có 2 trang"), "{}", beyond.body);
        let bad = app.get("/tim-kiem?q=shan&trang=0").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let long = format!("/tim-kiem?q={}", "a".repeat(201));
        assert_eq!(app.get(&long).await.status, StatusCode::BAD_REQUEST);
    })
    .await;
}

#[tokio::test]
async fn search_puts_the_best_match_first_and_marks_the_words() {
    each_backend(|app| async move {
        let store = &app.state.store;
        let cat = store.category_by_slug("thoi-su").await.unwrap().unwrap();
        let add = |slug: &'static str, title: &'static str, body: &'static str, hours: i64| {
            let store = store.clone();
            async move {
                store
                    .create_article(
                        &daihoi_store::NewArticle {
                            slug: slug.into(),
                            title: title.into(),
                            lead: String::new(),
                            body_md: body.into(),
                            kind: daihoi_store::ArticleKind::News,
                            category_id: cat.id,
                            author: String::new(),
                            source: String::new(),
                            status: daihoi_store::ArticleStatus::Published,
                            published_at: Some(t0() - Duration::hours(hours)),
                            cover_photo_id: None,
                            congress_id: None,
                        },
                        &daihoi_store::Actor::System,
                        t0(),
                    )
                    .await
                    .unwrap();
            }
        };
        // Older, but the words stand in its title as a phrase.
        add(
            "dai-hoi-huyen",
            "Đại hội Đảng bộ huyện <Tân Uyên> & các xã",
            "Khai mạc trọng thể.",
            500,
        )
        .await;
        add(
            "tin-moi",
            "Tin mới trong ngày",
            "Đại hội đảng bộ các cấp; huyện tổ chức tốt.",
            1,
        )
        .await;
        let r = app.get("/tim-kiem?q=dai+hoi+dang+bo+huyen").await;
        assert_eq!(r.status, StatusCode::OK);
        let first = r.body.find("href=\"/tin-tuc/dai-hoi-huyen\"").expect("found");
        let second = r.body.find("href=\"/tin-tuc/tin-moi\"").expect("found");
        assert!(first < second, "the title phrase comes first");
        // The title's words are marked and its markup is text.
        assert!(
            r.body.contains(
                "<mark>Đại hội Đảng bộ huyện</mark> &#60;Tân Uyên&#62; &#38; các xã"
            ),
            "{}",
            r.body
        );
        // The snippet marks the words of the body.
        assert!(
            r.body.contains("<p class=\"snippet\"><mark>Đại hội đảng bộ</mark> các cấp; <mark>huyện</mark> tổ chức tốt.</p>"),
            "{}",
            r.body
        );
        // One labelled search landmark per form (axe `landmark-unique`).
        assert!(r.body.contains("role=\"search\" aria-label=\"Tìm kiếm trên cổng thông tin\""));
        assert!(r.body.contains("role=\"search\" aria-label=\"Tìm kiếm bài viết\""));

        // The same through the API.
        let api = app
            .send(Req::get("/api/v1/search?q=%C4%91%E1%BA%A1i+h%E1%BB%99i+huy%E1%BB%87n+c%C3%A1c+x%C3%A3&per_page=1").json())
            .await;
        assert_eq!(api.status, StatusCode::OK, "{}", api.body);
        let j = api.json();
        assert_eq!(j["words"], serde_json::json!(["dai", "hoi", "huyen", "cac", "xa"]));
        assert_eq!(j["page"], 1);
        assert_eq!(j["per_page"], 1);
        let total = j["total"].as_u64().unwrap();
        assert!(total >= 1);
        assert_eq!(j["pages"].as_u64().unwrap(), total);
        assert_eq!(j["more"], false, "the demo has far fewer than 2.000 matches");
        let items = j["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        let hit = &items[0];
        assert_eq!(hit["kind"], "article");
        assert_eq!(hit["url"], "http://127.0.0.1:8080/tin-tuc/dai-hoi-huyen");
        assert_eq!(hit["title"], "Đại hội Đảng bộ huyện <Tân Uyên> & các xã");
        assert_eq!(
            hit["title_marks"],
            serde_json::json!([[0, 7], [16, 21], [35, 41]])
        );
        assert!(hit["published_at"].as_str().unwrap().ends_with("+07:00"));
        // Every mark of every snippet covers query words only.
        let page = app
            .send(Req::get("/api/v1/search?q=dai+hoi+huyen&per_page=100").json())
            .await
            .json();
        let items = page["items"].as_array().unwrap();
        assert!(items.iter().any(|h| h["url"] == "http://127.0.0.1:8080/tin-tuc/tin-moi"));
        let mut marked_any = false;
        for hit in items {
            let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
            for m in hit["marks"].as_array().unwrap() {
                let (a, b) = (m[0].as_u64().unwrap() as usize, m[1].as_u64().unwrap() as usize);
                let marked: String = snippet[a..b].iter().collect();
                marked_any = true;
                for w in daihoi_domain::search::words(&marked) {
                    assert!(["dai", "hoi", "huyen"].contains(&w.as_str()), "{marked}");
                }
            }
        }
        assert!(marked_any);
        let total = page["total"].as_u64().unwrap();
        // A page past the last is empty, not an error.
        let beyond = app
            .send(Req::get("/api/v1/search?q=dai+hoi+huyen&page=500").json())
            .await;
        assert_eq!(beyond.status, StatusCode::OK);
        assert_eq!(beyond.json()["items"].as_array().unwrap().len(), 0);
        assert_eq!(beyond.json()["total"].as_u64().unwrap(), total);
    })
    .await;
}

#[tokio::test]
async fn hostile_search_queries_get_a_clear_answer_never_a_server_error() {
    each_backend(|app| async move {
        let long = "a".repeat(10_000);
        let long_words = "dai+".repeat(3_000);
        let cases: Vec<(String, StatusCode, &str)> = vec![
            (String::new(), StatusCode::BAD_REQUEST, "Chưa có từ khóa"),
            ("q=".into(), StatusCode::BAD_REQUEST, "Chưa có từ khóa"),
            ("q=+++".into(), StatusCode::BAD_REQUEST, "Chưa có từ khóa"),
            (
                "q=%22%2A%5E%28%29%3A-".into(),
                StatusCode::BAD_REQUEST,
                "không có chữ hay số",
            ),
            (
                format!("q={long}"),
                StatusCode::BAD_REQUEST,
                "quá dài: 10.000 ký tự",
            ),
            (
                format!("q={long_words}"),
                StatusCode::BAD_REQUEST,
                "quá dài",
            ),
            // A lone surrogate, percent-encoded, decodes to U+FFFD: no word.
            (
                "q=%ED%A0%80".into(),
                StatusCode::BAD_REQUEST,
                "không có chữ hay số",
            ),
            (
                "q=%E0%A4".into(),
                StatusCode::BAD_REQUEST,
                "không có chữ hay số",
            ),
            ("q=%zz+dai".into(), StatusCode::OK, ""),
            ("q=%22dai+hoi%22".into(), StatusCode::OK, ""),
            ("q=dai*+NEAR(hoi+diem)".into(), StatusCode::OK, ""),
            ("q=dai+AND+hoi+OR+x+NOT+y".into(), StatusCode::OK, ""),
            ("q=-dai+%5Ehoi+title:diem".into(), StatusCode::OK, ""),
            ("q=dai%27+OR+%271%27%3D%271".into(), StatusCode::OK, ""),
            (
                "q=%27%3B+DROP+TABLE+article%3B+--".into(),
                StatusCode::OK,
                "",
            ),
            (
                "q=dai&page=0".into(),
                StatusCode::BAD_REQUEST,
                "không hợp lệ",
            ),
            (
                "q=dai&per_page=1000".into(),
                StatusCode::BAD_REQUEST,
                "không hợp lệ",
            ),
        ];
        for (query, status, message) in &cases {
            let r = app
                .send(Req::get(&format!("/api/v1/search?{query}")).json())
                .await;
            assert_eq!(r.status, *status, "{query}: {}", r.body);
            let j = r.json();
            if *status == StatusCode::OK {
                assert!(j["items"].is_array(), "{query}: {j}");
            } else {
                assert_eq!(j["error"]["code"], "bad_request", "{query}: {j}");
                let said = j["error"]["message"].as_str().unwrap();
                assert!(said.contains(message), "{query}: {said}");
            }
            // The page answers too, without a server error.
            let page = app.get(&format!("/tim-kiem?{query}")).await;
            assert!(
                page.status == StatusCode::OK || page.status == StatusCode::BAD_REQUEST,
                "/tim-kiem?{query}: {}",
                page.status
            );
        }
        // Operators are plain words: the demo article is found by its words as typed.
        let r = app
            .send(Req::get("/api/v1/search?q=%22dai+hoi+diem%22").json())
            .await;
        assert!(r.json()["total"].as_u64().unwrap() >= 1);
        let r = app
            .send(Req::get("/api/v1/search?q=dai+hoi+diem+NOT").json())
            .await;
        assert_eq!(r.json()["total"], 0, "NOT is a word the article lacks");
    })
    .await;
}

/// The figure of `data-stat="<name>"` on a page, as shown (`1.934`).
fn shown_figure(body: &str, name: &str) -> String {
    let needle = format!("data-stat=\"{name}\">");
    let at = body
        .find(&needle)
        .unwrap_or_else(|| panic!("no {name} figure"))
        + needle.len();
    body[at..at + body[at..].find('<').unwrap()].to_owned()
}

#[tokio::test]
async fn the_kept_article_page_gets_each_visitors_token_and_the_current_figures() {
    each_backend(|app| async move {
        let url = "/tin-tuc/tan-uyen-san-sang";
        let first = app.get(url).await;
        let second = app.get(url).await;
        for page in [&first, &second] {
            assert_eq!(page.status, StatusCode::OK);
            assert!(!page.body.contains('\u{E000}'), "a marker was left");
            assert!(page.body.contains("Thống kê truy cập"));
        }
        // Each visitor gets the token of its own id, and it is accepted for that visitor only.
        let (v1, v2) = (
            first.visit_cookie().unwrap(),
            second.visit_cookie().unwrap(),
        );
        assert_ne!(v1, v2);
        assert_ne!(first.csrf_token(), second.csrf_token());
        let rate = |visitor: &str, token: &str, ip: u8| {
            Req::post(
                &format!("{url}/rating"),
                &format!("stars=5&csrf_token={token}"),
            )
            .cookie(visitor)
            .json()
            .with_ip([10, 9, 0, ip])
        };
        let refused = app.send(rate(&v2, &first.csrf_token(), 1)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let accepted = app.send(rate(&v2, &second.csrf_token(), 2)).await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
        // The second new visitor is counted in the figures of the very next page.
        let today = |r: &common::Reply| {
            shown_figure(&r.body, "today")
                .replace('.', "")
                .parse::<u64>()
                .unwrap()
        };
        assert_eq!(today(&second), today(&first) + 1);
        // Apart from the token and the figures the two pages are the same bytes.
        let plain = |r: &common::Reply| {
            let mut body = r.body.replace(&r.csrf_token(), "TOKEN");
            for name in ["online", "today", "month", "year", "total"] {
                let shown = shown_figure(&body, name);
                body = body.replace(
                    &format!("data-stat=\"{name}\">{shown}<"),
                    &format!("data-stat=\"{name}\">N<"),
                );
            }
            body
        };
        assert_eq!(plain(&first), plain(&second));
        // The rating just given shows on the next page at once (this instance's own rating).
        let after = app.get(url).await;
        assert!(
            after.body.contains("trong 1 đánh giá"),
            "{}",
            &after.body[after.body.find("rating-summary").unwrap()..][..120]
        );
    })
    .await;
}

#[tokio::test]
async fn kept_list_pages_show_current_figures_and_follow_store_changes() {
    each_backend(|app| async move {
        for url in ["/", "/chuyen-muc/tin-dai-hoi"] {
            let first = app.get(url).await;
            let second = app.get(url).await;
            assert_eq!(second.status, StatusCode::OK, "{url}");
            assert!(
                !second.body.contains('\u{E000}'),
                "a marker was left on {url}"
            );
            let today = |r: &common::Reply| {
                shown_figure(&r.body, "today")
                    .replace('.', "")
                    .parse::<u64>()
                    .unwrap()
            };
            assert_eq!(today(&second), today(&first) + 1, "{url}");
        }
        // An article written to the store behind the portal's back (as another instance would)
        // shows on the kept pages once the short-lived caches turn over.
        let category = app
            .state
            .store
            .category_by_slug("tin-dai-hoi")
            .await
            .unwrap()
            .unwrap();
        app.state
            .store
            .create_article(
                &daihoi_store::NewArticle {
                    slug: "bai-moi-tu-may-khac".into(),
                    title: "Bài mới từ máy khác".into(),
                    lead: "Viết qua một máy chủ khác.".into(),
                    body_md: "Nội dung.".into(),
                    kind: daihoi_store::ArticleKind::News,
                    category_id: category.id,
                    author: "Ban biên tập".into(),
                    source: String::new(),
                    status: daihoi_store::ArticleStatus::Published,
                    published_at: Some(t0() - Duration::minutes(1)),
                    cover_photo_id: None,
                    congress_id: None,
                },
                &daihoi_store::Actor::System,
                t0(),
            )
            .await
            .unwrap();
        app.state.clock.advance(Duration::seconds(3));
        for url in ["/", "/chuyen-muc/tin-dai-hoi"] {
            let page = app.get(url).await;
            assert!(
                page.body.contains("href=\"/tin-tuc/bai-moi-tu-may-khac\""),
                "{url} lacks the new article"
            );
        }
    })
    .await;
}
