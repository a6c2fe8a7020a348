//! A NukeViet site moved over, seen through the router: the old addresses answer 301, an HTML
//! body shows sanitised with its table and figure, and it stays editable as HTML in the
//! administration. Each test runs on SQLite and, when `DAIHOI_TEST_DATABASE_URL` is set, on
//! PostgreSQL.

mod admin_support;
mod common;

use admin_support::{Call, add_accounts, csrf, login, send};
use axum::http::StatusCode;
use chrono::Duration;
use common::{TestApp, each_backend, t0};
use daihoi_store::{ArticleStatus, BodyFormat, ImportedArticle, ImportedCategory, NukevietImport};

async fn import(app: &TestApp) -> String {
    let site = NukevietImport {
        categories: vec![ImportedCategory {
            nv_id: 4,
            parent_nv_id: None,
            name: "Thời sự tỉnh".into(),
            slug: "thoi-su-tinh".into(),
            alias: "Thoi-su-tinh".into(),
            position: 9,
        }],
        articles: vec![ImportedArticle {
            nv_id: 77,
            category_nv_id: 4,
            other_category_nv_ids: vec![],
            slug: "ky-hop-thu-muoi-bon".into(),
            title: "Kỳ họp thứ mười bốn".into(),
            lead: "Sapo kỳ họp.".into(),
            body_html: "<p>Mở đầu.</p><table><tbody><tr><td colspan=\"2\">Ô gộp</td></tr>\
                        </tbody></table><figure><figcaption>Chú thích ảnh</figcaption></figure>"
                .into(),
            author: "Minh Anh".into(),
            source: String::new(),
            status: ArticleStatus::Published,
            published_at: t0() - Duration::days(1),
            created_at: t0() - Duration::days(1),
            edited_at: t0() - Duration::days(1),
            cover: None,
            body_photos: vec![],
            rating_sum: 14,
            rating_count: 3,
        }],
        files: vec![],
        daily_visits: vec![],
    };
    app.state.store.import_nukeviet(&site, t0()).await.unwrap();
    "/tin-tuc/ky-hop-thu-muoi-bon".to_owned()
}

#[tokio::test]
async fn old_addresses_answer_301() {
    each_backend(|app| async move {
        let new = import(&app).await;
        for old in [
            "/news/Thoi-su-tinh/ky-hop-thu-muoi-bon-77.html",
            "/vi/news/Thoi-su-tinh/ky-hop-thu-muoi-bon-77.html",
            "/index.php?language=vi&nv=news&op=Thoi-su-tinh/ky-hop-thu-muoi-bon-77",
        ] {
            let reply = send(&app, Call::get(old)).await;
            assert_eq!(reply.status, StatusCode::MOVED_PERMANENTLY, "{old}");
            assert_eq!(reply.location(), new, "{old}");
        }
        let reply = send(&app, Call::get("/news/thoi-su-tinh/")).await;
        assert_eq!(reply.status, StatusCode::MOVED_PERMANENTLY);
        assert_eq!(reply.location(), "/chuyen-muc/thoi-su-tinh");
        for unknown in [
            "/news/Thoi-su-tinh/khong-co-78.html",
            "/news/khong-co/",
            "/index.php?nv=users&op=login",
        ] {
            let reply = send(&app, Call::get(unknown)).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{unknown}");
        }
    })
    .await;
}

#[tokio::test]
async fn an_html_body_shows_and_stays_editable_as_html() {
    each_backend(|app| async move {
        let url = import(&app).await;
        let page = send(&app, Call::get(&url)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("<td colspan=\"2\">Ô gộp</td>"), "{}", page.body);
        assert!(page.body.contains("<figcaption>Chú thích ảnh</figcaption>"));
        // The carried-over rating: 14 stars in 3 ratings.
        assert!(page.body.contains("14 trong 3 đánh giá"), "{}", page.body);

        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let article = app
            .state
            .store
            .published_article_by_slug("ky-hop-thu-muoi-bon", t0())
            .await
            .unwrap()
            .unwrap();
        let editor = send(
            &app,
            Call::get(&format!("/quan-tri/bai-viet/{}", article.id)).session(&admin),
        )
        .await;
        assert!(editor.body.contains("HTML chuyển từ trang NukeViet"), "{}", editor.body);
        let category = article.category_id.to_string();
        let reply = send(
            &app,
            Call::form(
                &format!("/quan-tri/bai-viet/{}", article.id),
                &[
                    ("csrf_token", &token),
                    ("title", "Kỳ họp thứ mười bốn"),
                    ("kind", "news"),
                    ("category_id", &category),
                    (
                        "body",
                        "<p>Đã <b>sửa</b>.</p><script>alert(1)</script><table><tr><td>ô</td></tr></table>",
                    ),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let saved = app.state.store.article_by_id(article.id).await.unwrap().unwrap();
        assert_eq!(saved.body_format, BodyFormat::Html);
        app.state.article_changed(&[&saved.slug]);
        let page = send(&app, Call::get(&url)).await;
        assert!(page.body.contains("<p>Đã <b>sửa</b>.</p>"), "{}", page.body);
        assert!(page.body.contains("<td>ô</td>"), "{}", page.body);
        assert!(!page.body.contains("alert(1)"), "{}", page.body);
    })
    .await;
}

/// A section tree moved over: the menu shows the top sections, a section's page lists the ones
/// under it, and a section under another names it in its breadcrumb.
#[tokio::test]
async fn a_section_tree_shows_in_the_menu_and_on_the_section_pages() {
    each_backend(|app| async move {
        let cat = |nv_id, parent: Option<i64>, name: &str, slug: &str| ImportedCategory {
            nv_id,
            parent_nv_id: parent,
            name: name.into(),
            slug: slug.into(),
            alias: slug.into(),
            position: nv_id,
        };
        let site = NukevietImport {
            categories: vec![
                cat(1, None, "Tin tức tỉnh", "tin-tuc-tinh"),
                cat(5, Some(1), "Thông cáo báo chí", "thong-cao-bao-chi"),
                cat(6, Some(5), "Thông cáo của Ủy ban", "thong-cao-uy-ban"),
            ],
            articles: vec![],
            files: vec![],
            daily_visits: vec![],
        };
        app.state.store.import_nukeviet(&site, t0()).await.unwrap();
        let home = send(&app, Call::get("/")).await;
        let nav = &home.body[home.body.find("id=\"main-nav\"").unwrap()..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        assert!(nav.contains("Tin tức tỉnh"), "{nav}");
        assert!(!nav.contains("Thông cáo"), "only top sections in the menu: {nav}");

        let top = send(&app, Call::get("/chuyen-muc/tin-tuc-tinh")).await;
        assert_eq!(top.status, StatusCode::OK);
        assert!(top.body.contains("aria-label=\"Chuyên mục con của Tin tức tỉnh\""));
        assert!(top.body.contains("<a href=\"/chuyen-muc/thong-cao-bao-chi\">Thông cáo báo chí</a>"));
        assert!(!top.body.contains("thong-cao-uy-ban\">"), "children only, not grandchildren");

        let leaf = send(&app, Call::get("/chuyen-muc/thong-cao-uy-ban")).await;
        assert!(
            leaf.body.contains(
                "<a href=\"/\">Trang chủ</a> › <a href=\"/chuyen-muc/tin-tuc-tinh\">Tin tức tỉnh</a> › \
                 <a href=\"/chuyen-muc/thong-cao-bao-chi\">Thông cáo báo chí</a> › Thông cáo của Ủy ban"
            ),
            "{}",
            leaf.body
        );
        assert!(!leaf.body.contains("Chuyên mục con"));
    })
    .await;
}
