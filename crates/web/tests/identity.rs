//! The site's identity through the router: only an admin opens and saves `/quan-tri/cau-hinh`,
//! with a CSRF token; refused fields are named; the footer shows the saved values at once and
//! says nothing of a demo on a database without the demo; the emblem and the favicon are
//! uploaded, checked and served; `/favicon.ico` answers with the built-in icon and cache headers;
//! a replaced or removed image's files are deleted once nothing names them, never outside the
//! uploads folder; the map page colours linked units by congress progress. Each test runs on SQLite and, when
//! `DAIHOI_TEST_DATABASE_URL` is set, on PostgreSQL.

mod admin_support;
mod common;

use admin_support::{Call, add_accounts, audit_count, csrf, login, send};
use axum::http::{StatusCode, header};
use common::{TestApp, each_backend};
use daihoi_store::{
    Actor, NewBoundaryMap, NewBoundaryUnit, NewOrganization, SETTING_SITE_AGENCY,
    SETTING_SITE_EMAIL, SETTING_SITE_EMBLEM, SETTING_SITE_FAVICON,
};
use image::{ImageEncoder, Rgba, RgbaImage};

fn identity_fields<'a>(token: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", token),
        ("name", "Cổng thông tin điện tử huyện Mẫu Sơn"),
        ("agency", "Huyện ủy Mẫu Sơn"),
        ("responsible", "Chánh Văn phòng Huyện ủy"),
        ("licence", "Giấy phép số 05/GP-TTĐT ngày 02/01/2024"),
        ("address", "Số 1, đường Trung tâm, thị trấn Mẫu Sơn"),
        ("phone", "0205 3870 000"),
        ("email", email),
        ("note", ""),
    ]
}

fn png(side: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            RgbaImage::from_pixel(side, side, Rgba([0, 90, 200, 255])).as_raw(),
            side,
            side,
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
    out
}

#[tokio::test]
async fn only_an_admin_with_a_token_changes_the_identity_and_the_footer_shows_it() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        // Not logged in: to the login page. An editor: refused.
        let anonymous = send(&app, Call::get("/quan-tri/cau-hinh")).await;
        assert!(
            anonymous.status == StatusCode::SEE_OTHER
                || anonymous.status == StatusCode::UNAUTHORIZED,
            "{}",
            anonymous.status
        );
        let editor = login(&app, "bientap").await;
        let refused = send(&app, Call::get("/quan-tri/cau-hinh").session(&editor)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let editor_token = csrf(&app, &editor).await;
        let refused = send(
            &app,
            Call::form(
                "/quan-tri/cau-hinh",
                &identity_fields(&editor_token, "a@b.vn"),
            )
            .session(&editor),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let admin = login(&app, "admin").await;
        let page = send(&app, Call::get("/quan-tri/cau-hinh").session(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Cơ quan chủ quản"), "{}", page.body);
        let token = csrf(&app, &admin).await;
        // Without the token: refused, nothing stored.
        let audits = audit_count(&app).await;
        let no_token = send(
            &app,
            Call::form("/quan-tri/cau-hinh", &identity_fields("", "a@b.vn")[1..]).session(&admin),
        )
        .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        // A bad e-mail: 422, the field named, nothing stored.
        let bad = send(
            &app,
            Call::form(
                "/quan-tri/cau-hinh",
                &identity_fields(&token, "vanphong.gov.vn"),
            )
            .session(&admin),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body
                .contains("«Thư điện tử»: «vanphong.gov.vn» không hợp lệ"),
            "{}",
            bad.body
        );
        assert_eq!(audit_count(&app).await, audits);
        assert_eq!(
            app.state.store.setting(SETTING_SITE_AGENCY).await.unwrap(),
            None
        );
        // A good form: saved, audited per changed key, shown in the footer at once.
        let saved = send(
            &app,
            Call::form(
                "/quan-tri/cau-hinh",
                &identity_fields(&token, "VanPhong@MauSon.gov.vn"),
            )
            .session(&admin),
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(saved.location(), "/quan-tri/cau-hinh?thong_bao=da-luu");
        assert_eq!(audit_count(&app).await, audits + 7, "seven changed keys");
        assert_eq!(
            app.state
                .store
                .setting(SETTING_SITE_EMAIL)
                .await
                .unwrap()
                .as_deref(),
            Some("VanPhong@mauson.gov.vn")
        );
        let home = app.get("/").await;
        for text in [
            "Cổng thông tin điện tử huyện Mẫu Sơn",
            "Cơ quan chủ quản:</dt> <dd>Huyện ủy Mẫu Sơn",
            "Giấy phép số 05/GP-TTĐT ngày 02/01/2024",
            "<a href=\"tel:02053870000\">0205 3870 000</a>",
            "mailto:VanPhong@mauson.gov.vn",
        ] {
            assert!(home.body.contains(text), "{text} in {}", home.body);
        }
        // Saving the same values again writes nothing.
        let again = send(
            &app,
            Call::form(
                "/quan-tri/cau-hinh",
                &identity_fields(&token, "VanPhong@mauson.gov.vn"),
            )
            .session(&admin),
        )
        .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        assert_eq!(audit_count(&app).await, audits + 7);
    })
    .await;
}

#[tokio::test]
async fn a_database_without_the_demo_says_nothing_of_a_demo() {
    daihoi_testkit::each_store(|store| async move {
        let app = TestApp::new(store).await;
        for path in ["/", "/ban-do", "/so-do-trang", "/tim-kiem"] {
            let page = app.get(path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            let lower = page.body.to_lowercase();
            for word in ["trình diễn", "minh họa", "demo", "dữ liệu mẫu"] {
                assert!(!lower.contains(word), "{path} says «{word}»");
            }
            assert!(!page.body.contains("footer-identity"), "no empty details");
        }
    })
    .await;
}

#[tokio::test]
async fn the_favicon_is_built_in_then_uploaded_checked_and_served_with_cache_headers() {
    each_backend(|app| async move {
        let built_in = app.get("/favicon.ico").await;
        assert_eq!(built_in.status, StatusCode::OK);
        assert_eq!(built_in.headers[header::CONTENT_TYPE], "image/png");
        assert_eq!(
            built_in.headers[header::CACHE_CONTROL],
            "public, max-age=3600"
        );
        let etag = built_in.headers[header::ETAG].to_str().unwrap().to_owned();
        let revalidated = send(
            &app,
            Call::get("/favicon.ico").header("if-none-match", &etag),
        )
        .await;
        assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED);

        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let url = "/quan-tri/cau-hinh/bieu-tuong";
        // A GIF, and a PNG without the token: refused, nothing stored.
        let gif = send(
            &app,
            Call::multipart_file(
                url,
                &[("csrf_token", &token)],
                "file",
                "a.gif",
                b"GIF89a....",
            )
            .session(&admin),
        )
        .await;
        assert_eq!(gif.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(
            gif.body.contains("phải là ảnh PNG hoặc ICO"),
            "{}",
            gif.body
        );
        let no_token = send(
            &app,
            Call::multipart_file(url, &[], "file", "a.png", &png(48)).session(&admin),
        )
        .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let editor_denied = {
            let editor = login(&app, "bientap").await;
            let editor_token = csrf(&app, &editor).await;
            send(
                &app,
                Call::multipart_file(
                    url,
                    &[("csrf_token", &editor_token)],
                    "file",
                    "a.png",
                    &png(48),
                )
                .session(&editor),
            )
            .await
        };
        assert_eq!(editor_denied.status, StatusCode::FORBIDDEN);
        assert_eq!(
            app.get("/favicon.ico").await.headers[header::ETAG]
                .to_str()
                .unwrap(),
            etag
        );
        // A PNG from the admin: stored cleaned, served in place of the built-in one.
        let ok = send(
            &app,
            Call::multipart_file(url, &[("csrf_token", &token)], "file", "logo.png", &png(48))
                .session(&admin),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let served = app.get("/favicon.ico").await;
        assert_ne!(served.headers[header::ETAG].to_str().unwrap(), etag);
        assert_eq!(served.headers[header::CONTENT_TYPE], "image/png");
        // Removed: the built-in one again.
        let removed = send(
            &app,
            Call::form(
                "/quan-tri/cau-hinh/bieu-tuong/xoa",
                &[("csrf_token", &token)],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.get("/favicon.ico").await.headers[header::ETAG]
                .to_str()
                .unwrap(),
            etag
        );
    })
    .await;
}

#[tokio::test]
async fn the_emblem_replaces_the_round_mark_in_the_header() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        assert!(app.get("/").await.body.contains("brand-mark"));
        let renamed_exe = send(
            &app,
            Call::multipart_file(
                "/quan-tri/cau-hinh/bieu-trung",
                &[("csrf_token", &token)],
                "file",
                "logo.png",
                b"MZ\x90\x00 not an image",
            )
            .session(&admin),
        )
        .await;
        assert_eq!(renamed_exe.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(
            renamed_exe.body.contains("id=\"emblem-error\""),
            "stays on the form"
        );
        let ok = send(
            &app,
            Call::multipart_file(
                "/quan-tri/cau-hinh/bieu-trung",
                &[("csrf_token", &token)],
                "file",
                "logo.png",
                &png(120),
            )
            .session(&admin),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let home = app.get("/").await;
        assert!(
            home.body.contains("class=\"brand-emblem\" src=\"/uploads/"),
            "{}",
            home.body
        );
        assert!(!home.body.contains("brand-mark"));
    })
    .await;
}

#[tokio::test]
async fn the_map_colours_linked_units_by_congress_progress_and_links_their_page() {
    each_backend(|app| async move {
        let store = &app.state.store;
        let org = store
            .create_organization(
                &NewOrganization {
                    code: "MS".into(),
                    name: "Đảng bộ huyện Mẫu Sơn".into(),
                    level: "Đảng bộ huyện".into(),
                    members: 100,
                    parent_id: None,
                },
                &Actor::System,
                common::t0(),
            )
            .await
            .unwrap();
        let square = "[[[103,22],[104,22],[104,23],[103,23],[103,22]]]";
        let other = "[[[104,22],[105,22],[105,23],[104,23],[104,22]]]";
        store
            .import_boundaries(
                &NewBoundaryMap {
                    title: "thử nghiệm".into(),
                    attribution: "Nguồn: tự vẽ".into(),
                    units: vec![
                        NewBoundaryUnit {
                            name: "Mẫu Sơn".into(),
                            code: "1".into(),
                            organization: Some(daihoi_domain::map::OrganizationRef::Code(
                                "ms".into(),
                            )),
                            rings: square.into(),
                        },
                        NewBoundaryUnit {
                            name: "Bên cạnh".into(),
                            code: "2".into(),
                            organization: None,
                            rings: other.into(),
                        },
                    ],
                },
                &Actor::System,
                common::t0(),
            )
            .await
            .unwrap()
            .unwrap();
        let page = app.get("/ban-do").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("class=\"district stage-not-held\""),
            "{}",
            page.body
        );
        assert!(page.body.contains("class=\"district unlinked\""));
        assert!(page.body.contains("Chú giải"));
        assert!(page.body.contains("Đảng bộ huyện Mẫu Sơn"));
        assert!(page.body.contains("Nguồn: tự vẽ"));
        assert_eq!(org.code, "MS");
    })
    .await;
}

#[tokio::test]
async fn another_instance_shows_the_change_once_its_copy_expires() {
    each_backend(|app| async move {
        // A second instance over the same database, with its own caches and clock.
        let other = TestApp::new(app.state.store.clone()).await;
        let before = other.get("/").await;
        assert!(!before.body.contains("Huyện ủy Mẫu Sơn"));
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let saved = send(
            &app,
            Call::form("/quan-tri/cau-hinh", &identity_fields(&token, "a@b.vn")).session(&admin),
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        // The other instance's copy lives 2 s (then one request refreshes it while the others
        // are served the old one): after 3 s, its second request sees the new footer.
        other.state.clock.advance(chrono::TimeDelta::seconds(3));
        let _refreshing = other.get("/").await;
        let after = other.get("/").await;
        assert!(after.body.contains("Huyện ủy Mẫu Sơn"), "{}", after.body);
    })
    .await;
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

/// The files under `dir`, as paths relative to it, sorted.
fn files_under(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn a_replaced_or_removed_image_leaves_no_file_behind_and_nothing_else_is_touched() {
    each_backend(|app| async move {
        let app = &app;
        add_accounts(app).await;
        let admin = login(app, "admin").await;
        let token = csrf(app, &admin).await;
        let uploads = app.state.config.uploads_dir();
        let store = &app.state.store;
        let setting = |key: &'static str| async move {
            store.setting(key).await.unwrap().unwrap_or_default()
        };
        let upload = |url: &'static str, bytes: Vec<u8>| {
            let call =
                Call::multipart_file(url, &[("csrf_token", &token)], "file", "a.png", &bytes)
                    .session(&admin);
            async move {
                let reply = send(app, call).await;
                assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
            }
        };
        let remove = |url: &'static str| {
            let call = Call::form(url, &[("csrf_token", &token)]).session(&admin);
            async move {
                let reply = send(app, call).await;
                assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
            }
        };
        let thumb = |path: &str| {
            let (stem, ext) = path.rsplit_once('.').unwrap();
            format!("{stem}-400.{ext}")
        };

        // Emblem: the second upload removes the first one's file and thumbnail.
        upload("/quan-tri/cau-hinh/bieu-trung", png(120)).await;
        let first = setting(SETTING_SITE_EMBLEM).await;
        assert_eq!(
            files_under(&uploads),
            sorted(vec![first.clone(), thumb(&first)])
        );
        upload("/quan-tri/cau-hinh/bieu-trung", png(90)).await;
        let second = setting(SETTING_SITE_EMBLEM).await;
        assert_ne!(first, second);
        assert_eq!(
            files_under(&uploads),
            sorted(vec![second.clone(), thumb(&second)])
        );
        // Favicon: likewise; the emblem's files stay.
        upload("/quan-tri/cau-hinh/bieu-tuong", png(48)).await;
        let icon = setting(SETTING_SITE_FAVICON).await;
        upload("/quan-tri/cau-hinh/bieu-tuong", png(64)).await;
        let icon2 = setting(SETTING_SITE_FAVICON).await;
        assert_ne!(icon, icon2);
        let expected = sorted(vec![second.clone(), thumb(&second), icon2.clone()]);
        assert_eq!(files_under(&uploads), expected);
        // Removing the favicon removes its file.
        remove("/quan-tri/cau-hinh/bieu-tuong/xoa").await;
        assert_eq!(setting(SETTING_SITE_FAVICON).await, "");
        assert_eq!(
            files_under(&uploads),
            sorted(vec![second.clone(), thumb(&second)])
        );

        // A file another setting still names is kept: the favicon pointing at the emblem's file.
        store
            .set_setting(SETTING_SITE_FAVICON, &second, &Actor::System, common::t0())
            .await
            .unwrap();
        remove("/quan-tri/cau-hinh/bieu-trung/xoa").await;
        assert_eq!(setting(SETTING_SITE_EMBLEM).await, "");
        assert!(uploads.join(&second).exists(), "still named by the favicon");
        remove("/quan-tri/cau-hinh/bieu-tuong/xoa").await;
        assert!(!uploads.join(&second).exists(), "named by nothing now");

        // Nothing outside the uploads folder is removed: a path climbing out, and a link inside
        // the folder that leads out of it.
        let outside = uploads.parent().unwrap().join("outside.png");
        std::fs::write(&outside, b"keep me").unwrap();
        for (key, value) in [(SETTING_SITE_FAVICON, "../outside.png")] {
            store
                .set_setting(key, value, &Actor::System, common::t0())
                .await
                .unwrap();
            remove("/quan-tri/cau-hinh/bieu-tuong/xoa").await;
        }
        assert!(outside.exists());
        #[cfg(unix)]
        {
            std::fs::create_dir_all(uploads.join("site")).unwrap();
            std::os::unix::fs::symlink(&outside, uploads.join("site/favicon-link.png")).unwrap();
            store
                .set_setting(
                    SETTING_SITE_FAVICON,
                    "site/favicon-link.png",
                    &Actor::System,
                    common::t0(),
                )
                .await
                .unwrap();
            remove("/quan-tri/cau-hinh/bieu-tuong/xoa").await;
            assert!(outside.exists(), "the link's target is outside: kept");
            assert_eq!(std::fs::read(&outside).unwrap(), b"keep me");
        }
    })
    .await;
}

/// The `?v=` of the sidebar picture in a page.
fn small_map_version(body: &str) -> String {
    let at = body
        .find("/ban-do.svg?v=")
        .expect("the sidebar names its map picture")
        + 14;
    body[at..].chars().take_while(|c| *c != '"').collect()
}

#[tokio::test]
async fn the_sidebar_map_shows_the_imported_units_once_the_import_is_seen() {
    each_backend(|app| async move {
        // Before any import: the bundled districts, Tân Uyên marked.
        let bundled = app.get("/ban-do.svg").await;
        assert_eq!(bundled.status, StatusCode::OK);
        assert_eq!(bundled.headers[header::CONTENT_TYPE], "image/svg+xml");
        assert_eq!(bundled.body.matches("<path ").count(), 8);
        assert_eq!(bundled.body.matches("fill=\"#c8102e\"").count(), 1);
        assert!(bundled.body.contains("tỉnh Lai Châu (trước ngày 01/7/2025)"));
        let home = app.get("/").await;
        let first = small_map_version(&home.body);
        assert!(home.body.contains("alt=\"Bản đồ các huyện, thành phố tỉnh Lai Châu"));

        // An import by another process (the command line): nothing tells this server.
        let store = &app.state.store;
        store
            .create_organization(
                &NewOrganization {
                    code: "MS".into(),
                    name: "Đảng bộ huyện Mẫu Sơn".into(),
                    level: "Đảng bộ huyện".into(),
                    members: 100,
                    parent_id: None,
                },
                &Actor::System,
                common::t0(),
            )
            .await
            .unwrap();
        let unit = |name: &str, linked: bool, rings: &str| NewBoundaryUnit {
            name: name.into(),
            code: String::new(),
            organization: linked.then(|| daihoi_domain::map::OrganizationRef::Code("ms".into())),
            rings: rings.into(),
        };
        store
            .import_boundaries(
                &NewBoundaryMap {
                    title: "huyện Mẫu Sơn <2024>".into(),
                    attribution: "Nguồn: tự vẽ".into(),
                    units: vec![
                        unit("Mẫu Sơn", true, "[[[103,22],[104,22],[104,23],[103,23],[103,22]]]"),
                        unit("Bên cạnh", false, "[[[104,22],[105,22],[104.5,23],[104,22]]]"),
                        unit("Phía nam", false, "[[[103,21],[105,21],[105,22],[103,22],[103,21]]]"),
                    ],
                },
                &Actor::System,
                common::t0(),
            )
            .await
            .unwrap()
            .unwrap();
        // Once this server checks the store again (at most two seconds later), the picture is
        // of the imported units, the linked one marked, and the pages name the new picture.
        app.state.clock.advance(chrono::Duration::seconds(3));
        let imported = app.get("/ban-do.svg").await;
        assert_eq!(imported.body.matches("<path ").count(), 3, "{}", imported.body);
        assert_eq!(imported.body.matches("fill=\"#c8102e\"").count(), 1);
        assert!(
            imported
                .body
                .contains("<title>Bản đồ địa giới hành chính huyện Mẫu Sơn &lt;2024&gt;</title>"),
            "{}",
            imported.body
        );
        assert!(!imported.body.contains("Lai Châu"));
        assert_ne!(imported.headers[header::ETAG], bundled.headers[header::ETAG]);
        let home = app.get("/").await;
        let second = small_map_version(&home.body);
        assert_ne!(first, second);
        assert!(
            home.body
                .contains("alt=\"Bản đồ địa giới hành chính huyện Mẫu Sơn &#60;2024&#62;; chọn để xem bản đồ lớn\""),
            "{}",
            home.body
        );
        // The big map shows the same units.
        let page = app.get("/ban-do").await;
        assert!(page.body.contains("Phía nam") && page.body.contains("Bên cạnh"));
        // A browser holding this picture is told it is current.
        let etag = imported.headers[header::ETAG].to_str().unwrap().to_owned();
        let again = send(&app, Call::get("/ban-do.svg").header("if-none-match", &etag)).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    })
    .await;
}
