//! Tin RSS/Atom, sơ đồ trang, phân trang — the feeds, the site maps and the category pager
//! through the router, read back with a real XML parser (roxmltree). Each test runs on SQLite
//! and, when `DAIHOI_TEST_DATABASE_URL` is set, on PostgreSQL.

mod common;

use std::collections::BTreeSet;

use axum::http::{StatusCode, header};
use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{TestApp, each_backend, t0};
use daihoi_store::{Actor, ArticleKind, ArticleStatus, NewArticle};

/// The listen address the test configuration links from (no public URL is set).
const BASE: &str = "http://127.0.0.1:8080";

/// A title no feed may break on: markup, entities, quotes and characters XML cannot carry.
const HOSTILE: &str = "<script>alert('x')</script> & \"Tân Uyên\" ]]> &amp; \u{1}\u{0B}";
/// What a reader sees of it: the same, less the characters XML 1.0 forbids.
const HOSTILE_SHOWN: &str = "<script>alert('x')</script> & \"Tân Uyên\" ]]> &amp; ";

async fn category_id(app: &TestApp, slug: &str) -> i64 {
    app.state
        .store
        .category_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn article(slug: &str, title: &str, category_id: i64, at: Option<DateTime<Utc>>) -> NewArticle {
    NewArticle {
        slug: slug.into(),
        title: title.into(),
        lead: format!("Sapo của {title}"),
        body_md: "Nội dung.".into(),
        kind: ArticleKind::News,
        category_id,
        author: "Kim Anh".into(),
        source: String::new(),
        status: ArticleStatus::Published,
        published_at: at,
        cover_photo_id: None,
        congress_id: None,
    }
}

/// Adds to the seed: a hostile title (published 11/07/2021, the newest), a draft, a scheduled
/// article (16/07, after t0) and a withdrawn one, all in `thoi-su`.
async fn add_hidden_and_hostile(app: &TestApp) {
    let store = &app.state.store;
    let news = category_id(app, "thoi-su").await;
    let at = Utc.with_ymd_and_hms(2021, 7, 11, 1, 0, 0).unwrap();
    store
        .create_article(
            &article("tieu-de-doc", HOSTILE, news, Some(at)),
            &Actor::System,
            t0(),
        )
        .await
        .unwrap();
    let mut draft = article("ban-nhap", "Bản nháp", news, Some(at));
    draft.status = ArticleStatus::Draft;
    store
        .create_article(&draft, &Actor::System, t0())
        .await
        .unwrap();
    let later = Utc.with_ymd_and_hms(2021, 7, 16, 1, 0, 0).unwrap();
    store
        .create_article(
            &article("hen-gio", "Hẹn giờ", news, Some(later)),
            &Actor::System,
            t0(),
        )
        .await
        .unwrap();
    let withdrawn = store
        .create_article(
            &article("da-go", "Đã gỡ", news, Some(at)),
            &Actor::System,
            t0(),
        )
        .await
        .unwrap();
    store
        .set_article_status(
            withdrawn.id,
            ArticleStatus::Unpublished,
            &Actor::System,
            t0(),
        )
        .await
        .unwrap();
    app.state.article_changed(&[]);
}

/// The text of the first child element of `node` named `name`.
fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
        .and_then(|c| c.text())
}

fn elements<'a>(doc: &'a roxmltree::Document<'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

#[tokio::test]
async fn rss_lists_the_latest_public_articles_newest_first() {
    each_backend(|app| async move {
        add_hidden_and_hostile(&app).await;
        let r = app.get("/rss.xml").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            r.headers[header::CONTENT_TYPE],
            "application/rss+xml; charset=utf-8"
        );
        let doc = roxmltree::Document::parse(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body));
        let rss = doc.root_element();
        assert_eq!(rss.tag_name().name(), "rss");
        assert_eq!(rss.attribute("version"), Some("2.0"));
        let channel = rss.first_element_child().unwrap();
        assert_eq!(child_text(channel, "link"), Some(&*format!("{BASE}/")));
        let items = elements(&doc, "item");
        // 13 seed articles + the hostile one; not the draft, the scheduled or the withdrawn.
        assert_eq!(items.len(), 14);
        let links: Vec<&str> = items
            .iter()
            .map(|i| child_text(*i, "link").unwrap())
            .collect();
        for hidden in ["ban-nhap", "hen-gio", "da-go"] {
            assert!(!r.body.contains(hidden), "{hidden} is not public");
        }
        assert_eq!(links[0], format!("{BASE}/tin-tuc/tieu-de-doc"));
        assert_eq!(child_text(items[0], "title"), Some(HOSTILE_SHOWN));
        assert_eq!(links[1], format!("{BASE}/tin-tuc/tan-uyen-san-sang"));
        assert_eq!(
            child_text(items[1], "pubDate"),
            Some("Sat, 10 Jul 2021 14:05:00 +0700")
        );
        assert_eq!(child_text(items[1], "category"), Some("Tin Đại hội"));
        assert_eq!(links[13], format!("{BASE}/tin-tuc/tin-thoi-su-1"));
        // Newest first, by the dates the feed itself gives.
        let dates: Vec<DateTime<chrono::FixedOffset>> = items
            .iter()
            .map(|i| DateTime::parse_from_rfc2822(child_text(*i, "pubDate").unwrap()).unwrap())
            .collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        assert!(links.iter().all(|l| l.starts_with(BASE)));
    })
    .await;
}

#[tokio::test]
async fn atom_and_category_feeds_follow_the_same_rules() {
    each_backend(|app| async move {
        add_hidden_and_hostile(&app).await;
        let r = app.get("/atom.xml").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            r.headers[header::CONTENT_TYPE],
            "application/atom+xml; charset=utf-8"
        );
        let doc = roxmltree::Document::parse(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body));
        let feed = doc.root_element();
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        // The feed's `updated` is its newest entry's.
        let entries = elements(&doc, "entry");
        assert_eq!(entries.len(), 14);
        assert_eq!(child_text(entries[0], "title"), Some(HOSTILE_SHOWN));
        assert_eq!(
            child_text(entries[1], "published"),
            Some("2021-07-10T14:05:00+07:00")
        );
        let updated: Vec<&str> = entries
            .iter()
            .map(|e| child_text(*e, "updated").unwrap())
            .collect();
        assert_eq!(child_text(feed, "updated"), updated.iter().max().copied());
        for hidden in ["ban-nhap", "hen-gio", "da-go"] {
            assert!(!r.body.contains(hidden), "{hidden} is not public");
        }

        // A category's feeds list only its articles.
        for path in [
            "/chuyen-muc/tin-dai-hoi/rss.xml",
            "/chuyen-muc/tin-dai-hoi/atom.xml",
        ] {
            let r = app.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            let doc = roxmltree::Document::parse(&r.body).unwrap();
            let items = elements(
                &doc,
                if path.ends_with("rss.xml") {
                    "item"
                } else {
                    "entry"
                },
            );
            assert_eq!(items.len(), 1, "{path}");
            assert!(
                r.body
                    .contains(&format!("{BASE}/tin-tuc/tan-uyen-san-sang"))
            );
            assert!(
                r.body.contains(&format!("{BASE}{path}")),
                "self link: {path}"
            );
        }
        let r = app.get("/chuyen-muc/thoi-su/rss.xml").await;
        let doc = roxmltree::Document::parse(&r.body).unwrap();
        assert_eq!(elements(&doc, "item").len(), 13);

        let missing = app.get("/chuyen-muc/khong-co/rss.xml").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(
            missing.body.contains("chuyên mục không tồn tại"),
            "{}",
            missing.body
        );

        // The scheduled article comes out at its time.
        app.state
            .clock
            .set(Utc.with_ymd_and_hms(2021, 7, 16, 2, 0, 0).unwrap());
        let r = app.get("/rss.xml").await;
        assert!(r.body.contains(&format!("{BASE}/tin-tuc/hen-gio")));
    })
    .await;
}

#[tokio::test]
async fn pages_name_their_feeds_in_the_head() {
    each_backend(|app| async move {
        let home = app.get("/").await;
        assert!(
            home.body
                .contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"")
        );
        assert!(home.body.contains("(RSS)\" href=\"/rss.xml\">"));
        assert!(home.body.contains("type=\"application/atom+xml\""));
        assert!(!home.body.contains("/chuyen-muc/thoi-su/rss.xml"));
        let cat = app.get("/chuyen-muc/thoi-su").await;
        assert!(
            cat.body
                .contains("<link rel=\"alternate\" type=\"application/rss+xml\"")
        );
        assert!(cat.body.contains("href=\"/chuyen-muc/thoi-su/rss.xml\""));
        assert!(cat.body.contains("href=\"/chuyen-muc/thoi-su/atom.xml\""));
        let article = app.get("/tin-tuc/tan-uyen-san-sang").await;
        assert!(article.body.contains("href=\"/rss.xml\""));
    })
    .await;
}

/// The addresses (`loc`) of a sitemap file or index.
fn locs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    elements(&doc, "loc")
        .iter()
        .map(|n| n.text().unwrap().to_owned())
        .collect()
}

/// Every article address the sitemap index leads to, reading each file it lists.
async fn sitemap_articles(app: &TestApp) -> BTreeSet<String> {
    let index = app.get("/sitemap.xml").await;
    assert_eq!(index.status, StatusCode::OK);
    let mut articles = BTreeSet::new();
    for file in locs(&index.body) {
        let path = file.strip_prefix(BASE).unwrap();
        let r = app.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        for loc in locs(&r.body) {
            if loc.contains("/tin-tuc/") {
                assert!(articles.insert(loc.clone()), "{loc} twice");
            }
        }
    }
    articles
}

#[tokio::test]
async fn the_sitemap_index_leads_to_every_public_article_once() {
    each_backend(|app| async move {
        add_hidden_and_hostile(&app).await;
        let index = app.get("/sitemap.xml").await;
        assert_eq!(
            index.headers[header::CONTENT_TYPE],
            "application/xml; charset=utf-8"
        );
        let doc = roxmltree::Document::parse(&index.body).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
        assert_eq!(
            locs(&index.body),
            vec![
                format!("{BASE}/sitemap-pages.xml"),
                format!("{BASE}/sitemap-articles-1.xml")
            ]
        );
        // The articles file's lastmod is its latest change: the seed's edit at t0 (10:00 in Hà
        // Nội).
        assert!(
            index.body.contains("<lastmod>2021-07-15T10:00:00+07:00</lastmod>"),
            "{}",
            index.body
        );
        let pages = app.get("/sitemap-pages.xml").await;
        let pages = locs(&pages.body);
        for p in ["/", "/chuyen-muc/tin-dai-hoi", "/chuyen-muc/thoi-su", "/dai-hoi-cac-cap", "/so-do-trang"] {
            assert!(pages.contains(&format!("{BASE}{p}")), "{p} in {pages:?}");
        }
        let articles = sitemap_articles(&app).await;
        assert_eq!(articles.len(), 14);
        assert!(articles.contains(&format!("{BASE}/tin-tuc/tieu-de-doc")));
        for hidden in ["ban-nhap", "hen-gio", "da-go"] {
            assert!(!articles.contains(&format!("{BASE}/tin-tuc/{hidden}")));
        }
        let file = app.get("/sitemap-articles-1.xml").await;
        assert!(file.body.contains(
            "<url>\n    <loc>http://127.0.0.1:8080/tin-tuc/tan-uyen-san-sang</loc>\n    <lastmod>2021-07-15T10:00:00+07:00</lastmod>"
        ), "{}", file.body);

        for missing in ["/sitemap-articles-2.xml", "/sitemap-articles-0.xml", "/sitemap-articles-x.xml", "/sitemap-articles-1.txt"] {
            let r = app.get(missing).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{missing}");
            assert!(r.body.contains("tệp sơ đồ trang"), "{missing}: {}", r.body);
        }
    })
    .await;
}

#[tokio::test]
async fn the_kept_site_maps_follow_changes_from_anywhere() {
    each_backend(|app| async move {
        let before = sitemap_articles(&app).await;
        assert_eq!(before.len(), 13);
        let news = category_id(&app, "thoi-su").await;

        // Written through the store (another instance, or the importer): this instance learns
        // of it when its check is due.
        let at = Utc.with_ymd_and_hms(2021, 7, 12, 1, 0, 0).unwrap();
        let moved = app
            .state
            .store
            .create_article(&article("tu-noi-khac", "Từ nơi khác", news, Some(at)), &Actor::System, t0())
            .await
            .unwrap();
        assert_eq!(sitemap_articles(&app).await, before, "kept until the next check");
        app.state.clock.advance(Duration::seconds(3));
        let after = sitemap_articles(&app).await;
        assert_eq!(after.len(), 14);
        assert!(after.contains(&format!("{BASE}/tin-tuc/tu-noi-khac")));

        // Withdrawn on this instance: forgotten at once.
        app.state
            .store
            .set_article_status(moved.id, ArticleStatus::Unpublished, &Actor::System, t0() + Duration::seconds(3))
            .await
            .unwrap();
        app.state.article_changed(&["tu-noi-khac"]);
        assert_eq!(sitemap_articles(&app).await, before);

        // A scheduled article comes out at its time, with that time as its lastmod.
        let out = t0() + Duration::hours(1);
        app.state
            .store
            .create_article(&article("hen-gio", "Hẹn giờ", news, Some(out)), &Actor::System, t0() + Duration::seconds(4))
            .await
            .unwrap();
        app.state.article_changed(&[]);
        assert!(!sitemap_articles(&app).await.contains(&format!("{BASE}/tin-tuc/hen-gio")));
        app.state.clock.set(out + Duration::seconds(5));
        let file = app.get("/sitemap-articles-1.xml").await;
        assert!(file.body.contains(
            "<loc>http://127.0.0.1:8080/tin-tuc/hen-gio</loc>\n    <lastmod>2021-07-15T11:00:00+07:00</lastmod>"
        ), "{}", file.body);
    })
    .await;
}

#[tokio::test]
async fn the_readable_site_map_is_a_tree_of_sections_years_and_months() {
    each_backend(|app| async move {
        let news = category_id(&app, "thoi-su").await;
        // 60 more articles in May 2021 (Hà Nội time), two a day from 01/05 08:00 to 30/05 20:00.
        for i in 0..60 {
            let at = Utc.with_ymd_and_hms(2021, 5, 1, 1, 0, 0).unwrap() + Duration::hours(12 * i);
            app.state
                .store
                .create_article(&article(&format!("thang-5-6-{i}"), &format!("Tin số {i} tháng trước"), news, Some(at)), &Actor::System, t0())
                .await
                .unwrap();
        }
        app.state.article_changed(&[]);
        let tree = app.get("/so-do-trang").await;
        assert_eq!(tree.status, StatusCode::OK);
        let body = &tree.body;
        assert!(body.contains("<a href=\"/chuyen-muc/thoi-su\">Thời sự</a> <span class=\"count\">(72 bài)</span>"), "{body}");
        assert!(body.contains("<span class=\"year\">Năm 2021</span> <span class=\"count\">(72 bài)</span>"));
        assert!(body.contains("<a href=\"/so-do-trang/thoi-su/2021-07\">Tháng 07/2021</a> <span class=\"count\">(12 bài)</span>"), "{body}");
        assert!(body.contains("<a href=\"/so-do-trang/thoi-su/2021-05\">Tháng 05/2021</a> <span class=\"count\">(60 bài)</span>"), "{body}");
        assert!(body.contains("<a href=\"/so-do-trang/tin-dai-hoi/2021-07\">Tháng 07/2021</a> <span class=\"count\">(1 bài)</span>"));
        assert!(body.contains("href=\"/rss.xml\""));
        assert!(body.len() < 40_000, "no article listed on the root: {} bytes", body.len());

        let may = app.get("/so-do-trang/thoi-su/2021-05").await;
        assert_eq!(may.status, StatusCode::OK);
        assert!(may.body.contains("60 bài — trang 1 / 2."), "{}", may.body);
        assert_eq!(may.body.matches("<li><a href=\"/tin-tuc/thang-5-6-").count(), 50);
        assert!(may.body.contains("href=\"/tin-tuc/thang-5-6-59\""), "newest first");
        assert!(may.body.contains("href=\"/so-do-trang/thoi-su/2021-05?trang=2\""));
        let may2 = app.get("/so-do-trang/thoi-su/2021-05?trang=2").await;
        assert_eq!(may2.status, StatusCode::OK);
        assert!(may2.body.contains("href=\"/tin-tuc/thang-5-6-0\""));
        assert!(may2.body.contains("<span aria-current=\"page\">2</span>"));

        for (path, status, message) in [
            ("/so-do-trang/thoi-su/2021-05?trang=3", StatusCode::NOT_FOUND, "chỉ có 2 trang"),
            ("/so-do-trang/thoi-su/2021-13", StatusCode::BAD_REQUEST, "hãy viết năm-tháng"),
            ("/so-do-trang/thoi-su/thang-5", StatusCode::BAD_REQUEST, "hãy viết năm-tháng"),
            ("/so-do-trang/khong-co/2021-05", StatusCode::NOT_FOUND, "Không tìm thấy chuyên mục"),
            ("/so-do-trang/thoi-su/2019-01", StatusCode::NOT_FOUND, "không có bài viết nào trong tháng 01/2019"),
            ("/so-do-trang/thoi-su/2021-05?trang=0", StatusCode::BAD_REQUEST, "không hợp lệ"),
        ] {
            let r = app.get(path).await;
            assert_eq!(r.status, status, "{path}");
            assert!(r.body.contains(message), "{path}: {}", r.body);
        }
    })
    .await;
}

#[tokio::test]
async fn a_long_category_shows_a_window_of_pages_with_first_and_last() {
    each_backend(|app| async move {
        let news = category_id(&app, "thoi-su").await;
        // 12 seeded + 188 = 200 articles: 20 pages of 10.
        for i in 0..188 {
            let at = Utc.with_ymd_and_hms(2021, 6, 1, 1, 0, 0).unwrap() + Duration::minutes(i);
            app.state
                .store
                .create_article(
                    &article(&format!("them-{i}"), &format!("Thêm {i}"), news, Some(at)),
                    &Actor::System,
                    t0(),
                )
                .await
                .unwrap();
        }
        app.state.article_changed(&[]);
        let page = app.get("/chuyen-muc/thoi-su?trang=10").await;
        assert_eq!(page.status, StatusCode::OK);
        let body = &page.body;
        let nav_at = body
            .find("<nav class=\"pager-nav\" aria-label=\"Phân trang\">")
            .expect("a labelled nav");
        let nav = &body[nav_at..nav_at + body[nav_at..].find("</nav>").unwrap()];
        let shown: Vec<&str> = nav
            .split("aria-label=\"Trang ")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(shown, vec!["1", "8", "9", "11", "12", "20"], "{nav}");
        assert!(nav.contains("<span aria-current=\"page\">10</span>"));
        assert_eq!(
            nav.matches("<li class=\"gap\" aria-hidden=\"true\">…</li>")
                .count(),
            2
        );
        assert!(nav.contains("href=\"/chuyen-muc/thoi-su?trang=9\" rel=\"prev\""));
        assert!(nav.contains("href=\"/chuyen-muc/thoi-su?trang=11\" rel=\"next\""));
        assert!(nav.contains("href=\"/chuyen-muc/thoi-su\" aria-label=\"Trang 1\""));

        let last = app.get("/chuyen-muc/thoi-su?trang=20").await;
        assert!(last.body.contains("<span aria-current=\"page\">20</span>"));
        assert!(!last.body.contains("rel=\"next\""));
    })
    .await;
}
