//! Test helper: the application over a fresh store (SQLite always; PostgreSQL too when
//! `DAIHOI_TEST_DATABASE_URL` is set — a fresh database per test, dropped afterwards; both from
//! `daihoi-testkit`), a manual clock, and one-shot requests through the router.

#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::num::NonZeroU32;

use axum::body::Body;
use axum::extract::connect_info::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::{DateTime, TimeZone, Utc};
use daihoi_store::{Actor, ArticleKind, ArticleStatus, NewArticle, NewCategory, NewPhoto, Store};
use daihoi_web::{Clock, Config, PortalState};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A browser-like User-Agent (a person).
pub const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36";

/// 15 July 2021, 03:00 UTC = 10:00 in Hà Nội.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 7, 15, 3, 0, 0).unwrap()
}

/// The app under test.
pub struct TestApp {
    /// Shared state (store, clock, visit buffer).
    pub state: PortalState,
    _dir: tempfile::TempDir,
}

/// One response, body read.
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body as text.
    pub body: String,
}

impl Reply {
    /// The `dh_visit` cookie value the response sets, if any.
    pub fn visit_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("dh_visit="))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
    }

    /// The value of the hidden `csrf_token` field.
    pub fn csrf_token(&self) -> String {
        let at = self
            .body
            .find("name=\"csrf_token\" value=\"")
            .expect("csrf field");
        let rest = &self.body[at + "name=\"csrf_token\" value=\"".len()..];
        rest[..rest.find('"').unwrap()].to_owned()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// A request builder with the usual test defaults.
pub struct Req {
    /// Method.
    pub method: &'static str,
    /// Path and query.
    pub uri: String,
    /// Cookie value of `dh_visit`.
    pub cookie: Option<String>,
    /// User-Agent (None sends none).
    pub user_agent: Option<&'static str>,
    /// Accept header.
    pub accept: Option<&'static str>,
    /// Form body.
    pub form: Option<String>,
    /// Client address.
    pub ip: [u8; 4],
}

impl Req {
    /// GET `uri` as a browser without cookie.
    pub fn get(uri: &str) -> Req {
        Req {
            method: "GET",
            uri: uri.to_owned(),
            cookie: None,
            user_agent: Some(BROWSER),
            accept: Some("text/html"),
            form: None,
            ip: [192, 0, 2, 10],
        }
    }

    /// POST a form to `uri` as a browser.
    pub fn post(uri: &str, form: &str) -> Req {
        Req {
            method: "POST",
            form: Some(form.to_owned()),
            ..Req::get(uri)
        }
    }

    /// With the visit cookie.
    pub fn cookie(mut self, id: &str) -> Req {
        self.cookie = Some(id.to_owned());
        self
    }

    /// With this User-Agent (None: no header).
    pub fn ua(mut self, ua: Option<&'static str>) -> Req {
        self.user_agent = ua;
        self
    }

    /// Asking for JSON.
    pub fn json(mut self) -> Req {
        self.accept = Some("application/json");
        self
    }

    /// From this client address.
    pub fn with_ip(mut self, ip: [u8; 4]) -> Req {
        self.ip = ip;
        self
    }
}

impl TestApp {
    /// The app over `store` with test settings: manual clock at [`t0`], a tight rating limit
    /// (burst 3, then one per hour) so the limit test needs no waiting.
    pub async fn new(store: Store) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::new(dir.path());
        config.instance_id = "test-instance".into();
        config.rating_burst = NonZeroU32::new(3).unwrap();
        config.rating_period = std::time::Duration::from_secs(3600);
        let state = PortalState::new(store, config, Clock::manual(t0()))
            .await
            .expect("state");
        TestApp { state, _dir: dir }
    }

    /// Sends one request through a fresh router.
    pub async fn send(&self, r: Req) -> Reply {
        let mut builder = Request::builder()
            .method(r.method)
            .uri(&r.uri)
            .header(header::HOST, "portal.test");
        if let Some(ua) = r.user_agent {
            builder = builder.header(header::USER_AGENT, ua);
        }
        if let Some(accept) = r.accept {
            builder = builder.header(header::ACCEPT, accept);
        }
        if let Some(c) = &r.cookie {
            // A bare id is the visit cookie; `name=value` pairs are sent as they are.
            let value = if c.contains('=') {
                c.clone()
            } else {
                format!("dh_visit={c}")
            };
            builder = builder.header(header::COOKIE, value);
        }
        let body = match &r.form {
            Some(f) => {
                builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(f.clone())
            }
            None => Body::empty(),
        };
        let mut request = builder.body(body).expect("request");
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((r.ip, 40000))));
        let response = daihoi_web::router(self.state.clone())
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// GET as a new browser visitor.
    pub async fn get(&self, uri: &str) -> Reply {
        self.send(Req::get(uri)).await
    }
}

/// Seeds a small portal: category `tin-dai-hoi` with the interview `tan-uyen-san-sang` (cover
/// photo, author, source) and category `thoi-su` with 12 short articles (two pages).
pub async fn seed(store: &Store) {
    let now = t0();
    let congress = store
        .create_category(
            &NewCategory {
                slug: "tin-dai-hoi".into(),
                name: "Tin Đại hội".into(),
                description: "Tin về đại hội các cấp.".into(),
                position: 1,
            },
            &Actor::System,
            now,
        )
        .await
        .unwrap();
    let news = store
        .create_category(
            &NewCategory {
                slug: "thoi-su".into(),
                name: "Thời sự".into(),
                description: String::new(),
                position: 2,
            },
            &Actor::System,
            now,
        )
        .await
        .unwrap();
    let mut interview = NewArticle {
        slug: "tan-uyen-san-sang".into(),
        title: "Tân Uyên: Sẵn sàng cho Đại hội điểm".into(),
        lead: "Đảng bộ huyện Tân Uyên đã chuẩn bị sẵn sàng cho Đại hội điểm.".into(),
        body_md: "Mở đầu bài.\n\nPV: Công tác chuẩn bị đến nay thế nào?\n\nĐồng chí Phan Văn Nguyên: Đã sẵn sàng.\n\n![Thị trấn trang trí cờ hoa](photo:PHOTO)\n\nPV: Còn điều gì nữa?\n\nCảm ơn.".into(),
        kind: ArticleKind::Interview,
        category_id: congress.id,
        author: "Kim Anh".into(),
        source: "laichau.gov.vn".into(),
        status: ArticleStatus::Published,
        // 10/07/2021 07:05 UTC = 14:05 in Hà Nội.
        published_at: Some(Utc.with_ymd_and_hms(2021, 7, 10, 7, 5, 0).unwrap()),
        cover_photo_id: None,
        congress_id: None,
    };
    let a = store
        .create_article(&interview, &Actor::System, now)
        .await
        .unwrap();
    let cover = store
        .add_photo(
            &NewPhoto {
                article_id: a.id,
                file_name: "2020/06/cover.jpg".into(),
                thumb_name: "2020/06/cover-400.jpg".into(),
                caption: "Hội trường Đại hội".into(),
                width: 1200,
                height: 800,
                mime: "image/jpeg".into(),
            },
            &Actor::System,
            now,
        )
        .await
        .unwrap();
    let inline = store
        .add_photo(
            &NewPhoto {
                article_id: a.id,
                file_name: "2020/06/flags.jpg".into(),
                thumb_name: "2020/06/flags-400.jpg".into(),
                caption: "Thị trấn trang trí cờ hoa".into(),
                width: 1200,
                height: 800,
                mime: "image/jpeg".into(),
            },
            &Actor::System,
            now,
        )
        .await
        .unwrap();
    interview.cover_photo_id = Some(cover.id);
    interview.body_md = interview.body_md.replace("PHOTO", &inline.id.to_string());
    store
        .update_article(a.id, &interview, &Actor::System, now)
        .await
        .unwrap();
    for i in 1..=12 {
        store
            .create_article(
                &NewArticle {
                    slug: format!("tin-thoi-su-{i}"),
                    title: format!("Tin thời sự số {i}"),
                    lead: format!("Tóm tắt tin số {i}."),
                    body_md: "Nội dung.".into(),
                    kind: ArticleKind::News,
                    category_id: news.id,
                    author: String::new(),
                    source: String::new(),
                    status: ArticleStatus::Published,
                    published_at: Some(Utc.with_ymd_and_hms(2021, 7, 1, 1, i, 0).unwrap()),
                    cover_photo_id: None,
                    congress_id: None,
                },
                &Actor::System,
                now,
            )
            .await
            .unwrap();
    }
}

/// Runs `test` against a seeded app on SQLite, then on a fresh PostgreSQL database when
/// `DAIHOI_TEST_DATABASE_URL` is set ([`daihoi_testkit::each_store`]).
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let test = &test;
    daihoi_testkit::each_store(move |store| async move {
        seed(&store).await;
        test(TestApp::new(store).await).await;
    })
    .await;
}
