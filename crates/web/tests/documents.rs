//! Văn bản and giới thiệu through the router: the rights of anonymous visitors, editors and
//! admins; CSRF; the PDF upload's refusals; a "Mật" document is a 404 publicly by id and by file,
//! and is in no list, search, site map or feed; the about tree. Each test runs on SQLite and,
//! when `DAIHOI_TEST_DATABASE_URL` is set, on a fresh PostgreSQL database.

mod admin_support;
mod common;

use admin_support::{Call, Reply, add_accounts, csrf, login, send};
use axum::http::StatusCode;
use common::{TestApp, each_backend};

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// The document id in a `/quan-tri/van-ban/{id}?…` redirect.
fn id_of(reply: &Reply) -> i64 {
    reply
        .location()
        .strip_prefix("/quan-tri/van-ban/")
        .and_then(|rest| rest.split(['?', '#']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "no id in {:?} ({}): {}",
                reply.location(),
                reply.status,
                reply.body
            )
        })
}

async fn type_id(app: &TestApp, name: &str) -> String {
    app.state
        .store
        .document_types()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .unwrap()
        .id
        .to_string()
}

async fn create(
    app: &TestApp,
    session: &str,
    token: &str,
    number: &str,
    title: &str,
    class: &str,
) -> Reply {
    let t = type_id(app, "Nghị quyết").await;
    send(
        app,
        Call::form(
            "/quan-tri/van-ban",
            &[
                ("csrf_token", token),
                ("number", number),
                ("type_id", &t),
                ("title", title),
                ("issuer", "Ban Thường vụ Huyện ủy"),
                ("signer", "Lò Văn Minh"),
                ("issued_on", "2020-03-26"),
                ("effective_on", ""),
                ("summary", "Tóm tắt nội dung văn bản."),
                ("classification", class),
            ],
        )
        .session(session),
    )
    .await
}

async fn get(app: &TestApp, uri: &str) -> Reply {
    send(app, Call::get(uri)).await
}

#[tokio::test]
async fn rights_csrf_and_the_whole_life_of_a_document() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        // Anonymous: the administration sends to the login page, the list is public.
        let anon = get(&app, "/quan-tri/van-ban").await;
        assert!(
            anon.status.is_redirection() || anon.status == StatusCode::UNAUTHORIZED,
            "{}",
            anon.status
        );
        assert_eq!(get(&app, "/van-ban").await.status, StatusCode::OK);

        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        // Without the token: refused, nothing stored.
        let forged = create(&app, &editor, "sai", "15-NQ/HU", "Về đại hội", "thuong").await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert_eq!(
            app.state
                .store
                .list_all_documents(&Default::default(), 1, 10)
                .await
                .unwrap()
                .total,
            0
        );
        // Bad fields: 422 naming each field, nothing stored.
        let bad = create(&app, &editor, &token, "", "", "bi-mat").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body
                .contains("Số, ký hiệu: bắt buộc nhưng đang để trống."),
            "{}",
            bad.body
        );
        assert!(bad.body.contains("Độ mật: hãy chọn"), "{}", bad.body);
        // The editor creates a draft.
        let id = id_of(
            &create(
                &app,
                &editor,
                &token,
                "15-NQ/HU",
                "Về đại hội điểm",
                "thuong",
            )
            .await,
        );
        assert_eq!(
            get(&app, &format!("/van-ban/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        // … attaches its PDF …
        let url = format!("/quan-tri/van-ban/{id}/tep");
        let up = send(
            &app,
            Call::multipart_file(&url, &[("csrf_token", &token)], "pdf", "nq.pdf", &pdf())
                .session(&editor),
        )
        .await;
        assert_eq!(up.status, StatusCode::SEE_OTHER, "{}", up.body);
        // … but may not publish or delete.
        for action in ["xuat-ban", "xoa"] {
            let r = send(
                &app,
                Call::form(
                    &format!("/quan-tri/van-ban/{id}/{action}"),
                    &[("csrf_token", &token)],
                )
                .session(&editor),
            )
            .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{action}");
        }
        // The admin publishes it.
        let admin = login(&app, "admin").await;
        let admin_token = csrf(&app, &admin).await;
        let no_token = send(
            &app,
            Call::form(
                &format!("/quan-tri/van-ban/{id}/xuat-ban"),
                &[("csrf_token", "x")],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let r = send(
            &app,
            Call::form(
                &format!("/quan-tri/van-ban/{id}/xuat-ban"),
                &[("csrf_token", &admin_token)],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // Public now: 301 to its address, the page, the file, the list, the feed, the search.
        let moved = get(&app, &format!("/van-ban/{id}")).await;
        assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
        let page = get(&app, moved.location()).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("15-NQ/HU") && page.body.contains("Lò Văn Minh"));
        let file = get(&app, &format!("/van-ban/{id}/tep")).await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(file.headers["content-type"], "application/pdf");
        assert_eq!(
            file.headers["content-disposition"],
            "inline; filename=\"15-nq-hu.pdf\""
        );
        assert!(file.body.starts_with("%PDF-1.4"));
        assert!(get(&app, "/van-ban").await.body.contains("15-NQ/HU"));
        assert!(
            get(&app, "/van-ban/rss.xml")
                .await
                .body
                .contains("15-NQ/HU")
        );
        assert!(
            get(&app, "/tim-kiem?q=dai+hoi+diem")
                .await
                .body
                .contains(moved.location())
        );
        let api = send(&app, Call::get("/api/v1/search?q=15+nq+hu")).await;
        assert!(api.body.contains("\"kind\":\"document\""), "{}", api.body);
        assert!(
            get(&app, "/sitemap-pages.xml")
                .await
                .body
                .contains(moved.location())
        );
        // An editor may no longer change it.
        let t = type_id(&app, "Nghị quyết").await;
        let edit = send(
            &app,
            Call::form(
                &format!("/quan-tri/van-ban/{id}"),
                &[
                    ("csrf_token", &token),
                    ("number", "x"),
                    ("type_id", &t),
                    ("title", "x"),
                    ("issuer", "x"),
                    ("issued_on", "2020-01-01"),
                    ("classification", "thuong"),
                ],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(edit.status, StatusCode::FORBIDDEN);
        // The admin deletes it: gone everywhere, its file too.
        let r = send(
            &app,
            Call::form(
                &format!("/quan-tri/van-ban/{id}/xoa"),
                &[("csrf_token", &admin_token)],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(
            get(&app, &format!("/van-ban/{id}/tep")).await.status,
            StatusCode::NOT_FOUND
        );
        assert!(
            !get(&app, "/tim-kiem?q=dai+hoi+diem")
                .await
                .body
                .contains("/van-ban/")
        );
        let dir = daihoi_web::portal::document_files::documents_dir(&app.state.config);
        let left: Vec<_> = walk(&dir);
        assert!(left.is_empty(), "{left:?}");
        let audit = app.state.store.audit_of("document", id).await.unwrap();
        assert!(audit.len() >= 4, "{audit:?}");
    })
    .await;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[tokio::test]
async fn the_pdf_upload_refuses_what_is_not_a_whole_pdf() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        let id = id_of(&create(&app, &editor, &token, "01-KH/HU", "Kế hoạch", "thuong").await);
        let url = format!("/quan-tri/van-ban/{id}/tep");
        let upload = |bytes: Vec<u8>, token: String| {
            let app = &app;
            let editor = editor.clone();
            let url = url.clone();
            async move {
                send(
                    app,
                    Call::multipart_file(
                        &url,
                        &[("csrf_token", &token)],
                        "pdf",
                        "van-ban.pdf",
                        &bytes,
                    )
                    .session(&editor),
                )
                .await
            }
        };
        let exe = upload(
            b"MZ\x90\x00 this is a program %%EOF".to_vec(),
            token.clone(),
        )
        .await;
        assert_eq!(exe.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(exe.body.contains("Tệp không phải PDF"), "{}", exe.body);
        let cut = upload(b"%PDF-1.7\n1 0 obj << >> endobj\n".to_vec(), token.clone()).await;
        assert_eq!(cut.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(cut.body.contains("không trọn vẹn"), "{}", cut.body);
        let empty = upload(Vec::new(), token.clone()).await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST);
        let mut big = pdf();
        big.resize(daihoi_domain::document::MAX_PDF_BYTES + 10, b' ');
        let big = upload(big, token.clone()).await;
        assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
        let forged = upload(pdf(), "sai".to_owned()).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let anonymous = send(
            &app,
            Call::multipart_file(&url, &[], "pdf", "a.pdf", &pdf()),
        )
        .await;
        assert!(
            !anonymous.location().starts_with("/quan-tri/van-ban/"),
            "{:?}",
            anonymous.status
        );
        assert!(
            app.state
                .store
                .document_by_id(id)
                .await
                .unwrap()
                .unwrap()
                .file_name
                .is_none()
        );
        let dir = daihoi_web::portal::document_files::documents_dir(&app.state.config);
        assert!(walk(&dir).is_empty(), "nothing is left on disk");
        // The files never sit under the uploads folder, which is served as is.
        let ok = upload(pdf(), token.clone()).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        assert_eq!(walk(&dir).len(), 1);
        assert!(!walk(&dir)[0].starts_with(app.state.config.uploads_dir()));
    })
    .await;
}

/// A "Mật" document: kept for the administration, refused publication by any route, and absent
/// from every public path even when it has a file.
#[tokio::test]
async fn a_secret_document_never_reaches_the_public() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let id = id_of(
            &create(
                &app,
                &admin,
                &token,
                "02-CV/HU",
                "Phương án nhân sự bảo mật",
                "mat",
            )
            .await,
        );
        let up = send(
            &app,
            Call::multipart_file(
                &format!("/quan-tri/van-ban/{id}/tep"),
                &[("csrf_token", &token)],
                "pdf",
                "mat.pdf",
                &pdf(),
            )
            .session(&admin),
        )
        .await;
        assert_eq!(up.status, StatusCode::SEE_OTHER);
        let edit = send(
            &app,
            Call::get(&format!("/quan-tri/van-ban/{id}")).session(&admin),
        )
        .await;
        assert!(edit.body.contains("không bao giờ được xuất bản"));
        assert!(
            !edit
                .body
                .contains(&format!("/quan-tri/van-ban/{id}/xuat-ban")),
            "no publish form"
        );
        let publish = send(
            &app,
            Call::form(
                &format!("/quan-tri/van-ban/{id}/xuat-ban"),
                &[("csrf_token", &token)],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(publish.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            publish.body.contains("không bao giờ được xuất bản"),
            "{}",
            publish.body
        );
        assert!(
            !app.state
                .store
                .document_by_id(id)
                .await
                .unwrap()
                .unwrap()
                .published
        );
        for uri in [
            format!("/van-ban/{id}"),
            format!("/van-ban/{id}-phuong-an-nhan-su-bao-mat"),
            format!("/van-ban/{id}/tep"),
        ] {
            assert_eq!(get(&app, &uri).await.status, StatusCode::NOT_FOUND, "{uri}");
        }
        for uri in [
            "/van-ban",
            "/van-ban/rss.xml",
            "/sitemap-pages.xml",
            "/tim-kiem?q=phuong+an+nhan+su+bao+mat",
            "/api/v1/search?q=bao+mat",
            "/so-do-trang",
        ] {
            let r = get(&app, uri).await;
            assert!(
                !r.body.contains("02-CV/HU") && !r.body.contains("bảo mật"),
                "{uri}: {}",
                r.body
            );
        }
        // The administration still reads its file.
        let file = send(
            &app,
            Call::get(&format!("/quan-tri/van-ban/{id}/tep")).session(&admin),
        )
        .await;
        assert_eq!(file.status, StatusCode::OK);
        // A published document cannot be turned "Mật" by an edit.
        let open = id_of(
            &create(
                &app,
                &admin,
                &token,
                "03-KH/HU",
                "Kế hoạch công khai",
                "thuong",
            )
            .await,
        );
        send(
            &app,
            Call::form(
                &format!("/quan-tri/van-ban/{open}/xuat-ban"),
                &[("csrf_token", &token)],
            )
            .session(&admin),
        )
        .await;
        let t = type_id(&app, "Kế hoạch").await;
        let edit = send(
            &app,
            Call::form(
                &format!("/quan-tri/van-ban/{open}"),
                &[
                    ("csrf_token", &token),
                    ("number", "03-KH/HU"),
                    ("type_id", &t),
                    ("title", "Kế hoạch công khai"),
                    ("issuer", "Ban Thường vụ"),
                    ("issued_on", "2020-01-01"),
                    ("classification", "toi-mat"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(edit.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(edit.body.contains("gỡ văn bản"), "{}", edit.body);
        assert!(get(&app, "/van-ban").await.body.contains("03-KH/HU"));
    })
    .await;
}

#[tokio::test]
async fn about_pages_are_edited_in_a_tree_and_shown_when_published() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        let form = |title: &'static str, parent: String, published: bool, token: String| {
            let mut pairs = vec![
                ("csrf_token", token),
                ("title", title.to_owned()),
                ("slug", String::new()),
                ("parent_id", parent),
                ("position", "1".to_owned()),
                ("body", format!("**{title}** <script>alert(1)</script>")),
            ];
            if published {
                pairs.push(("published", "1".to_owned()));
            }
            pairs
        };
        let post = |uri: String, pairs: Vec<(&'static str, String)>, session: String| {
            let app = &app;
            async move {
                let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                send(app, Call::form(&uri, &refs).session(&session)).await
            }
        };
        // An editor may add a page but not publish it.
        let r = post(
            "/quan-tri/gioi-thieu".into(),
            form("Cơ cấu tổ chức", String::new(), true, token.clone()),
            editor.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = post(
            "/quan-tri/gioi-thieu".into(),
            form("Cơ cấu tổ chức", String::new(), false, token.clone()),
            editor.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let pages = app.state.store.list_about_pages().await.unwrap();
        let top = pages[0].id;
        assert_eq!(
            get(&app, "/gioi-thieu/co-cau-to-chuc").await.status,
            StatusCode::NOT_FOUND
        );
        // The admin publishes a child and the top page.
        let admin = login(&app, "admin").await;
        let at = csrf(&app, &admin).await;
        let r = post(
            "/quan-tri/gioi-thieu".into(),
            form("Ban Tuyên giáo", top.to_string(), true, at.clone()),
            admin.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            get(&app, "/gioi-thieu/ban-tuyen-giao").await.status,
            StatusCode::NOT_FOUND,
            "its parent is not published"
        );
        let r = post(
            format!("/quan-tri/gioi-thieu/{top}"),
            form("Cơ cấu tổ chức", String::new(), true, at.clone()),
            admin.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let child = get(&app, "/gioi-thieu/ban-tuyen-giao").await;
        assert_eq!(child.status, StatusCode::OK);
        assert!(child.body.contains("<strong>Ban Tuyên giáo</strong>"));
        assert!(
            !child.body.contains("<script>alert"),
            "the body is sanitised"
        );
        assert!(
            child.body.contains("href=\"/gioi-thieu/co-cau-to-chuc\""),
            "breadcrumb"
        );
        let tree = get(&app, "/gioi-thieu").await;
        assert!(tree.body.contains("Ban Tuyên giáo") && tree.body.contains("Cơ cấu tổ chức"));
        assert!(
            get(&app, "/so-do-trang")
                .await
                .body
                .contains("/gioi-thieu/ban-tuyen-giao")
        );
        assert!(
            get(&app, "/sitemap-pages.xml")
                .await
                .body
                .contains("/gioi-thieu/ban-tuyen-giao")
        );
        let api = send(&app, Call::get("/api/v1/search?q=ban+tuyen+giao")).await;
        assert!(api.body.contains("\"kind\":\"page\""), "{}", api.body);
        let found = get(&app, "/tim-kiem?q=ban+tuyen+giao").await;
        assert!(
            found.body.contains("href=\"/gioi-thieu/ban-tuyen-giao\""),
            "{}",
            found.body
        );
        // A loop is refused with the domain's sentence.
        let child_id = app
            .state
            .store
            .list_about_pages()
            .await
            .unwrap()
            .iter()
            .find(|p| p.slug == "ban-tuyen-giao")
            .unwrap()
            .id;
        let r = post(
            format!("/quan-tri/gioi-thieu/{top}"),
            form("Cơ cấu tổ chức", child_id.to_string(), true, at.clone()),
            admin.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("trang con hoặc cháu"), "{}", r.body);
        // The editor may not change a published page.
        let r = post(
            format!("/quan-tri/gioi-thieu/{top}"),
            form("Đổi tên", String::new(), true, token.clone()),
            editor.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // Deleting: not for an editor; a page with a page under it is refused, naming it.
        let ask = |id: i64, session: &str| {
            send(
                &app,
                Call::get(&format!("/quan-tri/gioi-thieu/{id}/xoa")).session(session),
            )
        };
        assert_eq!(ask(child_id, &editor).await.status, StatusCode::FORBIDDEN);
        let r = post(
            format!("/quan-tri/gioi-thieu/{child_id}/xoa"),
            vec![("csrf_token", token.clone())],
            editor.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let edit = send(
            &app,
            Call::get(&format!("/quan-tri/gioi-thieu/{top}")).session(&admin),
        )
        .await;
        assert!(
            edit.body
                .contains(&format!("href=\"/quan-tri/gioi-thieu/{top}/xoa\""))
        );
        let asked = ask(top, &admin).await;
        assert_eq!(asked.status, StatusCode::OK);
        assert!(
            asked
                .body
                .contains("Không xoá được trang «Cơ cấu tổ chức» vì còn 1 trang con"),
            "{}",
            asked.body
        );
        assert!(asked.body.contains("<li>Ban Tuyên giáo</li>"));
        assert!(
            !asked.body.contains("id=\"delete-about-form\""),
            "nothing offered"
        );
        let r = post(
            format!("/quan-tri/gioi-thieu/{top}/xoa"),
            vec![("csrf_token", at.clone())],
            admin.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("vì còn 1 trang con"), "{}", r.body);
        assert_eq!(app.state.store.list_about_pages().await.unwrap().len(), 2);
        // The child: a confirmation step, the token, then gone from the portal, the site maps
        // and the search at once.
        let asked = ask(child_id, &admin).await;
        assert!(
            asked.body.contains("id=\"delete-about-form\""),
            "{}",
            asked.body
        );
        let r = post(
            format!("/quan-tri/gioi-thieu/{child_id}/xoa"),
            vec![("csrf_token", "sai".to_owned())],
            admin.clone(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = post(
            format!("/quan-tri/gioi-thieu/{child_id}/xoa"),
            vec![("csrf_token", at.clone())],
            admin.clone(),
        )
        .await;
        assert_eq!(r.location(), "/quan-tri/gioi-thieu?thong_bao=da-xoa-trang");
        assert_eq!(
            get(&app, "/gioi-thieu/ban-tuyen-giao").await.status,
            StatusCode::NOT_FOUND
        );
        assert!(
            !get(&app, "/sitemap-pages.xml")
                .await
                .body
                .contains("/gioi-thieu/ban-tuyen-giao")
        );
        assert!(
            !get(&app, "/so-do-trang")
                .await
                .body
                .contains("/gioi-thieu/ban-tuyen-giao")
        );
        let api = send(&app, Call::get("/api/v1/search?q=ban+tuyen+giao")).await;
        assert!(!api.body.contains("\"kind\":\"page\""), "{}", api.body);
        assert!(
            app.state
                .store
                .audit_of("about_page", child_id)
                .await
                .unwrap()
                .len()
                >= 2
        );
        // Now the top page has nothing under it.
        let r = post(
            format!("/quan-tri/gioi-thieu/{top}/xoa"),
            vec![("csrf_token", at.clone())],
            admin.clone(),
        )
        .await;
        assert!(r.status.is_redirection(), "{}", r.body);
        assert!(app.state.store.list_about_pages().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn document_types_are_managed_by_admins_with_clear_refusals() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        // An editor may not see or change the types.
        let editor = login(&app, "bientap").await;
        let editor_token = csrf(&app, &editor).await;
        let page = send(&app, Call::get("/quan-tri/loai-van-ban").session(&editor)).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        let add = Call::form(
            "/quan-tri/loai-van-ban",
            &[("csrf_token", &editor_token), ("name", "Đề án")],
        );
        assert_eq!(
            send(&app, add.session(&editor)).await.status,
            StatusCode::FORBIDDEN
        );

        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let list = send(&app, Call::get("/quan-tri/van-ban").session(&admin)).await;
        assert!(list.body.contains("href=\"/quan-tri/loai-van-ban\""));
        // Without the token: refused, nothing stored.
        let forged = Call::form(
            "/quan-tri/loai-van-ban",
            &[("csrf_token", "sai"), ("name", "Đề án")],
        );
        assert_eq!(
            send(&app, forged.session(&admin)).await.status,
            StatusCode::FORBIDDEN
        );
        let count = app.state.store.document_types().await.unwrap().len();
        assert_eq!(count, 12);

        let add = |name: &'static str| {
            Call::form(
                "/quan-tri/loai-van-ban",
                &[("csrf_token", &token), ("name", name)],
            )
            .session(&admin)
        };
        let added = send(&app, add("Đề án")).await;
        assert_eq!(
            added.location(),
            "/quan-tri/loai-van-ban?thong_bao=da-them-loai"
        );
        let page = send(&app, Call::get(added.location()).session(&admin)).await;
        assert!(page.body.contains("Đã thêm loại văn bản."), "{}", page.body);
        assert!(page.body.contains("value=\"Đề án\""));
        // A name folding to another's is refused, naming both, and kept in the field.
        let twin = send(&app, add("DE AN")).await;
        assert_eq!(twin.status, StatusCode::CONFLICT);
        assert!(
            twin.body.contains("«DE AN» trùng với loại «Đề án» đã có"),
            "{}",
            twin.body
        );
        assert!(twin.body.contains("value=\"DE AN\""));
        let empty = send(&app, add("   ")).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            empty.body.contains("Tên loại văn bản: bắt buộc"),
            "{}",
            empty.body
        );
        assert_eq!(app.state.store.document_types().await.unwrap().len(), 13);

        // Rename, and a rename onto another type's name refused on that row.
        let de_an = type_id(&app, "Đề án").await;
        let rename = |name: &'static str| {
            Call::form(
                &format!("/quan-tri/loai-van-ban/{de_an}"),
                &[("csrf_token", &token), ("name", name)],
            )
            .session(&admin)
        };
        let renamed = send(&app, rename("Đề án nhân sự")).await;
        assert!(
            renamed.location().contains("thong_bao=da-doi-ten-loai"),
            "{}",
            renamed.body
        );
        let clash = send(&app, rename("Tờ trình")).await;
        assert_eq!(clash.status, StatusCode::CONFLICT);
        assert!(
            clash
                .body
                .contains(&format!("id=\"type-name-{de_an}-error\""))
        );

        // Up one place: it was last, now it is before «Tờ trình».
        let up = Call::form(
            &format!("/quan-tri/loai-van-ban/{de_an}/len"),
            &[("csrf_token", &token)],
        );
        assert!(send(&app, up.session(&admin)).await.status.is_redirection());
        let names: Vec<String> = app
            .state
            .store
            .document_types()
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(&names[names.len() - 2..], ["Đề án nhân sự", "Tờ trình"]);

        // A type in use is not deleted: the page says how many documents use it.
        let doc = create(&app, &admin, &token, "15-NQ/HU", "Về đại hội", "thuong").await;
        assert!(doc.status.is_redirection());
        let nq = type_id(&app, "Nghị quyết").await;
        let delete = |id: &str| {
            Call::form(
                &format!("/quan-tri/loai-van-ban/{id}/xoa"),
                &[("csrf_token", &token)],
            )
            .session(&admin)
        };
        let refused = send(&app, delete(&nq)).await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert!(
            refused
                .body
                .contains("Không xoá được loại «Nghị quyết»: còn 1 văn bản thuộc loại này."),
            "{}",
            refused.body
        );
        let deleted = send(&app, delete(&de_an)).await;
        assert_eq!(
            deleted.location(),
            "/quan-tri/loai-van-ban?thong_bao=da-xoa-loai"
        );
        assert_eq!(app.state.store.document_types().await.unwrap().len(), 12);
        // Each change is in the audit log, in Vietnamese.
        let log = send(&app, Call::get("/quan-tri/nhat-ky").session(&admin)).await;
        assert!(log.body.contains("Loại văn bản"), "{}", log.body);
        assert!(log.body.contains("Đổi thứ tự"));
    })
    .await;
}
