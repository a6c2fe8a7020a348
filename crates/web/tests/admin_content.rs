//! Article and photo management through the router: create, validate, edit, publish, schedule,
//! unpublish, preview, upload (ok, renamed .exe, too large, streamed 50 MB, not logged in) and
//! the audit rows of each change. Each test runs on SQLite and, when
//! `DAIHOI_TEST_DATABASE_URL` is set, on a fresh PostgreSQL database.

mod admin_support;
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use admin_support::{Call, Reply, add_accounts, audit_count, category_id, csrf, login, send};
use axum::body::Body;
use axum::http::StatusCode;
use chrono::{TimeDelta, TimeZone, Utc};
use common::TestApp;
use common::each_backend;
use daihoi_store::ArticleStatus;
use image::{ImageEncoder, Rgb, RgbImage};

const TITLE: &str = "Tân Uyên: Sẵn sàng cho công tác Đại hội điểm";
const SLUG: &str = "tan-uyen-san-sang-cho-cong-tac-dai-hoi-diem";

/// The article id in a `/quan-tri/bai-viet/{id}?…` redirect.
fn id_of(reply: &Reply) -> i64 {
    let location = reply.location();
    location
        .strip_prefix("/quan-tri/bai-viet/")
        .and_then(|rest| rest.split(['?', '#']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "no article id in {location:?} ({}): {}",
                reply.status, reply.body
            )
        })
}

async fn create(app: &TestApp, session: &str, token: &str, fields: &[(&str, &str)]) -> Reply {
    let category = category_id(app, "tin-dai-hoi").await.to_string();
    let mut all = vec![("csrf_token", token), ("category_id", category.as_str())];
    if !fields.iter().any(|(name, _)| *name == "kind") {
        all.push(("kind", "news"));
    }
    all.extend_from_slice(fields);
    send(app, Call::form("/quan-tri/bai-viet", &all).session(session)).await
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// Every file under the uploads folder (relative paths).
fn uploaded_files(app: &TestApp) -> Vec<String> {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let root = app.state.config.uploads_dir();
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort();
    out
}

#[tokio::test]
async fn editor_creates_a_draft_with_a_slug_without_diacritics() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        let audits = audit_count(&app).await;
        let reply = create(
            &app,
            &editor,
            &token,
            &[
                ("title", TITLE),
                ("lead", "Sapo của bài."),
                ("body", "Đoạn một.\n\nPV: Câu hỏi?\n\nTrả lời."),
                ("kind", "interview"),
                ("author", "Kim Anh"),
                ("source", "Báo Lai Châu"),
            ],
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert!(reply.location().ends_with("?thong_bao=da-tao"));
        let article = app
            .state
            .store
            .article_by_id(id_of(&reply))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(article.slug, SLUG);
        assert_eq!(article.status, ArticleStatus::Draft);
        assert_eq!(article.author, "Kim Anh");
        assert_eq!(article.kind.as_str(), "interview");
        assert_eq!(audit_count(&app).await, audits + 1);
        let rows = app
            .state
            .store
            .audit_of("article", article.id)
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].action, "create");
        assert_eq!(rows[0].actor_username.as_deref(), Some("bientap"));

        // The same title again gets a suffix instead of an error.
        let again = create(&app, &editor, &token, &[("title", TITLE)]).await;
        let second = app
            .state
            .store
            .article_by_id(id_of(&again))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(second.slug, format!("{SLUG}-2"));

        // The editor page shows the draft, its state and the confirmation.
        let page = send(&app, Call::get(reply.location()).session(&editor)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Đã tạo bài viết"));
        assert!(page.body.contains("Bản nháp"));
        assert!(
            page.body.contains("class=\"interview-q\""),
            "preview rendered server-side"
        );
    })
    .await;
}

#[tokio::test]
async fn invalid_form_shows_errors_next_to_fields_keeps_values_and_stores_nothing() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let articles = app.state.store.list_all_articles(1, 1).await.unwrap().total;
        let audits = audit_count(&app).await;
        let reply = send(
            &app,
            Call::form(
                "/quan-tri/bai-viet",
                &[
                    ("csrf_token", &token),
                    ("title", "  "),
                    ("lead", "Sapo được giữ lại <b>"),
                    ("kind", "news"),
                    ("category_id", "999"),
                    ("published_at", "2021-07-20 08:00"),
                    ("action", "publish"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        for needle in [
            "id=\"title-error\"",
            "Tiêu đề không được để trống.",
            "id=\"category_id-error\"",
            "id=\"published_at-error\"",
            "dd/mm/yyyy HH:MM",
            "Sapo được giữ lại &#60;b&#62;",
            "value=\"2021-07-20 08:00\"",
            "aria-invalid=\"true\"",
        ] {
            assert!(reply.body.contains(needle), "missing {needle}");
        }
        assert_eq!(
            app.state.store.list_all_articles(1, 1).await.unwrap().total,
            articles
        );
        assert_eq!(audit_count(&app).await, audits);
    })
    .await;
}

#[tokio::test]
async fn drafts_follow_their_title_published_articles_keep_their_address() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let category = category_id(&app, "tin-dai-hoi").await.to_string();
        let id = id_of(&create(&app, &admin, &token, &[("title", "Tiêu đề tạm")]).await);
        let edit = |title: &'static str| {
            Call::form(
                &format!("/quan-tri/bai-viet/{id}"),
                &[
                    ("csrf_token", &token),
                    ("title", title),
                    ("kind", "news"),
                    ("category_id", &category),
                    ("body", "Nội dung **mới**."),
                ],
            )
            .session(&admin)
        };
        let reply = send(&app, edit("Đại hội đại biểu lần thứ XXII")).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let article = app.state.store.article_by_id(id).await.unwrap().unwrap();
        assert_eq!(article.slug, "dai-hoi-dai-bieu-lan-thu-xxii");
        assert_eq!(article.body_md, "Nội dung **mới**.");

        let publish = send(
            &app,
            Call::form(
                &format!("/quan-tri/bai-viet/{id}/xuat-ban"),
                &[("csrf_token", &token)],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(publish.status, StatusCode::SEE_OTHER);
        send(&app, edit("Một tiêu đề hoàn toàn khác")).await;
        let article = app.state.store.article_by_id(id).await.unwrap().unwrap();
        assert_eq!(article.title, "Một tiêu đề hoàn toàn khác");
        assert_eq!(
            article.slug, "dai-hoi-dai-bieu-lan-thu-xxii",
            "public address stays"
        );
        assert_eq!(article.status, ArticleStatus::Published);
        let actions: Vec<_> = app
            .state
            .store
            .audit_of("article", id)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        assert_eq!(actions, ["create", "update", "set_status", "update"]);
    })
    .await;
}

#[tokio::test]
async fn publish_now_schedule_and_unpublish() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;
        let now = app.state.now();

        // Published at once: visible on the portal.
        let id = id_of(
            &create(
                &app,
                &admin,
                &token,
                &[("title", "Tin xuất bản ngay"), ("action", "publish")],
            )
            .await,
        );
        let article = app.state.store.article_by_id(id).await.unwrap().unwrap();
        assert_eq!(article.status, ArticleStatus::Published);
        assert_eq!(article.published_at, Some(now));
        let public = send(&app, Call::get(&format!("/tin-tuc/{}", article.slug))).await;
        assert_eq!(public.status, StatusCode::OK);

        // Scheduled: 20/07/2021 08:00 in Hà Nội is 01:00 UTC, after the test clock (15/07).
        let id = id_of(&create(&app, &admin, &token, &[("title", "Tin hẹn giờ")]).await);
        let reply = send(
            &app,
            Call::form(
                &format!("/quan-tri/bai-viet/{id}/xuat-ban"),
                &[("csrf_token", &token), ("published_at", "20/07/2021 08:00")],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert!(
            reply.location().ends_with("thong_bao=da-len-lich"),
            "{}",
            reply.location()
        );
        let scheduled = app.state.store.article_by_id(id).await.unwrap().unwrap();
        assert_eq!(
            scheduled.published_at,
            Some(Utc.with_ymd_and_hms(2021, 7, 20, 1, 0, 0).unwrap())
        );
        let path = format!("/tin-tuc/{}", scheduled.slug);
        assert_eq!(
            send(&app, Call::get(&path)).await.status,
            StatusCode::NOT_FOUND
        );
        let list = send(
            &app,
            Call::get("/quan-tri/bai-viet?trang_thai=scheduled").session(&admin),
        )
        .await;
        assert!(list.body.contains("Tin hẹn giờ"));
        assert!(list.body.contains("20/07/2021 08:00"));
        assert!(!list.body.contains("Tin xuất bản ngay"), "filter by state");
        app.state
            .clock
            .set(Utc.with_ymd_and_hms(2021, 7, 20, 1, 0, 0).unwrap());
        assert_eq!(send(&app, Call::get(&path)).await.status, StatusCode::OK);
        // Five days later the session of the 15th has expired (8 hours): log in again.
        let stale = send(&app, Call::get("/quan-tri/bai-viet").session(&admin)).await;
        assert_eq!(stale.status, StatusCode::SEE_OTHER);
        let admin = login(&app, "admin").await;
        let token = csrf(&app, &admin).await;

        // Unpublished: gone from the portal, still in the administration.
        let reply = send(
            &app,
            Call::form(
                &format!("/quan-tri/bai-viet/{id}/go-xuat-ban"),
                &[("csrf_token", &token)],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let gone = app.state.store.article_by_id(id).await.unwrap().unwrap();
        assert_eq!(
            gone.status,
            ArticleStatus::Unpublished,
            "{}",
            reply.location()
        );
        let withdrawn = send(&app, Call::get(&path)).await;
        assert_eq!(
            withdrawn.status,
            StatusCode::NOT_FOUND,
            "{path}: {}",
            &withdrawn.body[..withdrawn.body.len().min(3000)]
        );
        let actions: Vec<_> = app
            .state
            .store
            .audit_of("article", id)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        assert_eq!(actions, ["create", "update", "set_status"]);
        // A bad time on the publish form is refused and changes nothing.
        let bad = send(
            &app,
            Call::form(
                &format!("/quan-tri/bai-viet/{id}/xuat-ban"),
                &[("csrf_token", &token), ("published_at", "ngày mai")],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("dd/mm/yyyy HH:MM"));
        let still = app.state.store.article_by_id(id).await.unwrap().unwrap();
        assert_eq!(still.status, ArticleStatus::Unpublished);
        let _ = now + TimeDelta::zero();
    })
    .await;
}

#[tokio::test]
async fn preview_is_sanitised_and_works_without_javascript() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        let body = "Xin chào <script>alert(1)</script> **đậm** <img src=x onerror=alert(2)> [x](javascript:alert(3))";
        let reply = send(
            &app,
            Call::form("/quan-tri/xem-truoc", &[("csrf_token", &token), ("body", body)]).session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("<strong>đậm</strong>"), "{}", reply.body);
        for bad in ["<script", "onerror", "javascript:"] {
            assert!(!reply.body.contains(bad), "{bad} in {}", reply.body);
        }
        // The "Xem trước" button without JavaScript: the whole editor comes back with the
        // preview, the typed values, and nothing is stored.
        let articles = app.state.store.list_all_articles(1, 1).await.unwrap().total;
        let page = create(&app, &editor, &token, &[("title", "Thử xem trước"), ("body", body), ("action", "preview")]).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<strong>đậm</strong>"));
        assert!(page.body.contains("value=\"Thử xem trước\""));
        assert!(!page.body.contains("<script>alert"), "textarea content is escaped");
        assert_eq!(app.state.store.list_all_articles(1, 1).await.unwrap().total, articles);
    })
    .await;
}

#[tokio::test]
async fn photo_upload_checks_content_size_and_login() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        let id = id_of(&create(&app, &editor, &token, &[("title", "Bài có ảnh")]).await);
        let url = format!("/quan-tri/bai-viet/{id}/anh");
        let caption = ("caption", "Hội trường Đại hội Đảng bộ huyện");

        // A real JPEG: re-encoded, 400 px thumbnail, row added, first photo becomes the cover.
        let reply = send(
            &app,
            Call::multipart(&url, &[("csrf_token", &token), caption], "anh.jpg", &jpeg(1000, 600)).session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let photos = app.state.store.photos_of_article(id).await.unwrap();
        assert_eq!(photos.len(), 1);
        let photo = &photos[0];
        assert_eq!(photo.caption, "Hội trường Đại hội Đảng bộ huyện");
        assert_eq!((photo.width, photo.height), (1000, 600));
        assert!(photo.file_name.starts_with("2021/07/"), "{}", photo.file_name);
        let files = uploaded_files(&app);
        assert_eq!(files.len(), 2, "{files:?}");
        let thumb = image::open(app.state.config.uploads_dir().join(&photo.thumb_name)).unwrap();
        assert_eq!(thumb.width(), 400);
        let article = app.state.store.article_by_id(id).await.unwrap().unwrap();
        assert_eq!(article.cover_photo_id, Some(photo.id));
        let audit = app.state.store.audit_of("photo", photo.id).await.unwrap();
        assert_eq!(audit[0].action, "add_photo");
        let served = send(&app, Call::get(&format!("/uploads/{}", photo.file_name))).await;
        assert_eq!(served.status, StatusCode::OK);
        let editor_page = send(&app, Call::get(&format!("/quan-tri/bai-viet/{id}")).session(&editor)).await;
        assert!(editor_page.body.contains(&format!("(photo:{})", photo.id)));

        // The live preview of this article shows its photo.
        let preview = send(
            &app,
            Call::form(
                "/quan-tri/xem-truoc",
                &[
                    ("csrf_token", &token),
                    ("article_id", &id.to_string()),
                    ("body", &format!("![Hội trường](photo:{})", photo.id)),
                ],
            )
            .session(&editor),
        )
        .await;
        assert!(
            preview.body.contains(&format!("/uploads/{}", photo.file_name)),
            "{}",
            preview.body
        );
        // The stored caption is the figure's caption; the text in `![…]` is only a fallback.
        assert!(
            preview
                .body
                .contains("<figcaption>Hội trường Đại hội Đảng bộ huyện</figcaption>"),
            "{}",
            preview.body
        );

        let audits = audit_count(&app).await;
        // A renamed executable.
        let mut exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".to_vec();
        exe.extend(std::iter::repeat_n(0u8, 2048));
        let reply = send(
            &app,
            Call::multipart(&url, &[("csrf_token", &token), caption], "anh-dep.jpg", &exe).session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(reply.body.contains("Tệp không phải ảnh JPEG, PNG hoặc WebP."));
        // Not a dead end: the editor comes back with the reason under the upload form.
        assert!(reply.body.contains("id=\"article-form\""), "{}", reply.body);
        assert!(reply.body.contains("<div class=\"form-error\" role=\"alert\" id=\"upload-error\""));
        assert!(reply.body.contains("value=\"Bài có ảnh\""), "the stored title is in the editor");

        // 11 MB with an honest Content-Length: refused before reading.
        let big = vec![0xFFu8; 11 * 1024 * 1024];
        let reply = send(
            &app,
            Call::multipart(&url, &[("csrf_token", &token), caption], "to.jpg", &big).session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(reply.body.contains("Tệp ảnh quá lớn"), "{}", reply.body);

        // 50 MB streamed without a length: cut off once past the limit, not read to the end.
        let pulled = Arc::new(AtomicUsize::new(0));
        let counter = pulled.clone();
        let boundary_head = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n--{b}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"lon.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n",
            b = "----daihoi-test-boundary-7MA4YWxk"
        );
        let chunks = std::iter::once(boundary_head.into_bytes())
            .chain((0..50).map(|_| vec![0xFFu8; 1024 * 1024]))
            .map(move |chunk| {
                counter.fetch_add(1, Ordering::SeqCst);
                Ok::<_, std::io::Error>(chunk)
            });
        let reply = send(
            &app,
            Call::multipart(&url, &[], "x", b"")
                .with_body(Body::from_stream(futures_util::stream::iter(chunks)))
                .session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(reply.body.contains("Tệp ảnh quá lớn"));
        let read = pulled.load(Ordering::SeqCst);
        assert!(read < 20, "read {read} of 51 chunks before refusing");

        // Not logged in: sent to the login page (403/401 for JSON callers), nothing read.
        let anonymous = send(&app, Call::multipart(&url, &[caption], "anh.jpg", &jpeg(50, 50))).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
        let json = send(
            &app,
            Call::multipart(&url, &[caption], "anh.jpg", &jpeg(50, 50)).header("accept", "application/json"),
        )
        .await;
        assert_eq!(json.status, StatusCode::UNAUTHORIZED);
        // Without the form token.
        let forged = send(&app, Call::multipart(&url, &[caption], "anh.jpg", &jpeg(50, 50)).session(&editor)).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);

        assert_eq!(app.state.store.photos_of_article(id).await.unwrap().len(), 1);
        assert_eq!(uploaded_files(&app).len(), 2, "no file left by a refused upload");
        assert_eq!(audit_count(&app).await, audits);
    })
    .await;
}

#[tokio::test]
async fn a_failed_database_insert_leaves_no_files() {
    each_backend(|app| async move {
        let uploads = app.state.config.uploads_dir();
        let target = daihoi_web::portal::photos::PhotoTarget {
            store: &app.state.store,
            uploads_dir: &uploads,
            article_id: 987_654,
            actor: daihoi_store::Actor::System,
            now: app.state.now(),
        };
        let err =
            daihoi_web::portal::photos::save_photo(&target, &jpeg(500, 300), "a.jpg", "Chú thích")
                .await
                .unwrap_err();
        assert!(
            matches!(err, daihoi_web::portal::photos::PhotoError::Store(_)),
            "{err:?}"
        );
        assert!(
            uploaded_files(&app).is_empty(),
            "{:?}",
            uploaded_files(&app)
        );
    })
    .await;
}

#[tokio::test]
async fn photos_not_placed_are_marked_and_can_be_deleted_placed_ones_cannot() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        let id = id_of(&create(&app, &editor, &token, &[("title", "Bài hai ảnh")]).await);
        let other = id_of(&create(&app, &editor, &token, &[("title", "Bài khác")]).await);
        for (article, caption) in [(id, "Ảnh bìa"), (id, "Ảnh thừa"), (other, "Ảnh bài khác")]
        {
            let reply = send(
                &app,
                Call::multipart(
                    &format!("/quan-tri/bai-viet/{article}/anh"),
                    &[("csrf_token", &token), ("caption", caption)],
                    "anh.jpg",
                    &jpeg(600, 400),
                )
                .session(&editor),
            )
            .await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        }
        let photos = app.state.store.photos_of_article(id).await.unwrap();
        let (cover, spare) = (photos[0].clone(), photos[1].clone());
        let foreign = app.state.store.photos_of_article(other).await.unwrap()[0].id;

        // The editor says which photo shows where: the cover on top, the spare nowhere.
        let page = send(
            &app,
            Call::get(&format!("/quan-tri/bai-viet/{id}")).session(&editor),
        )
        .await;
        assert!(
            page.body.contains("Ảnh đại diện: hiện ở đầu bài."),
            "{}",
            page.body
        );
        assert!(page.body.contains("Chưa chèn vào bài"));
        // … and the public page does not show the spare once the article is out.
        let admin = login(&app, "admin").await;
        let admin_token = csrf(&app, &admin).await;
        let published = send(
            &app,
            Call::form(
                &format!("/quan-tri/bai-viet/{id}"),
                &[
                    ("csrf_token", admin_token.as_str()),
                    ("title", "Bài hai ảnh"),
                    (
                        "category_id",
                        &category_id(&app, "tin-dai-hoi").await.to_string(),
                    ),
                    ("kind", "news"),
                    (
                        "body",
                        &format!("Mở đầu.\n\n![Ảnh bìa](photo:{})\n", cover.id),
                    ),
                    ("action", "publish"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(
            published.status,
            StatusCode::SEE_OTHER,
            "{}",
            published.body
        );
        let slug = app
            .state
            .store
            .article_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .slug;
        let public = app.get(&format!("/tin-tuc/{slug}")).await;
        assert!(
            public
                .body
                .contains(&format!("/uploads/{}", cover.file_name))
        );
        assert!(
            !public.body.contains(&spare.file_name),
            "a photo placed nowhere is not published"
        );

        let url = |photo: i64| format!("/quan-tri/bai-viet/{id}/anh/{photo}/xoa");
        // Refused: no token; a photo the body places (409, nothing removed); another article's
        // photo and an unknown one (404); an editor on a published article (403).
        let no_token = send(&app, Call::form(&url(spare.id), &[]).session(&admin)).await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let placed = send(
            &app,
            Call::form(&url(cover.id), &[("csrf_token", admin_token.as_str())]).session(&admin),
        )
        .await;
        assert_eq!(placed.status, StatusCode::CONFLICT);
        assert!(
            placed.body.contains("đang được chèn trong nội dung bài"),
            "{}",
            placed.body
        );
        for photo in [foreign, 999_999] {
            let reply = send(
                &app,
                Call::form(&url(photo), &[("csrf_token", admin_token.as_str())]).session(&admin),
            )
            .await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{photo}");
        }
        let by_editor = send(
            &app,
            Call::form(&url(spare.id), &[("csrf_token", token.as_str())]).session(&editor),
        )
        .await;
        assert_eq!(by_editor.status, StatusCode::FORBIDDEN);
        assert_eq!(
            app.state.store.photos_of_article(id).await.unwrap().len(),
            2
        );
        let files_before = uploaded_files(&app).len();

        // The admin deletes the spare: row and both files gone, audited.
        let reply = send(
            &app,
            Call::form(&url(spare.id), &[("csrf_token", admin_token.as_str())]).session(&admin),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert_eq!(
            reply.location(),
            format!("/quan-tri/bai-viet/{id}?thong_bao=da-xoa-anh#photos-title")
        );
        assert_eq!(
            app.state
                .store
                .photos_of_article(id)
                .await
                .unwrap()
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>(),
            [cover.id]
        );
        assert_eq!(uploaded_files(&app).len(), files_before - 2);
        let rows = app.state.store.audit_of("photo", spare.id).await.unwrap();
        assert_eq!(rows.last().unwrap().action, "delete");
        assert_eq!(
            rows.last().unwrap().actor_username.as_deref(),
            Some("admin")
        );
    })
    .await;
}

#[tokio::test]
async fn photo_captions_are_edited_audited_and_shown_on_the_public_page_at_once() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let editor_token = csrf(&app, &editor).await;
        let admin = login(&app, "admin").await;
        let admin_token = csrf(&app, &admin).await;
        let id = id_of(
            &create(
                &app,
                &editor,
                &editor_token,
                &[("title", "Bài có chú thích")],
            )
            .await,
        );
        let other = id_of(&create(&app, &editor, &editor_token, &[("title", "Bài khác")]).await);
        for article in [id, other] {
            let reply = send(
                &app,
                Call::multipart(
                    &format!("/quan-tri/bai-viet/{article}/anh"),
                    &[("csrf_token", &editor_token), ("caption", "Chú thích cũ")],
                    "anh.jpg",
                    &jpeg(300, 200),
                )
                .session(&editor),
            )
            .await;
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        }
        let photo = app.state.store.photos_of_article(id).await.unwrap()[0].clone();
        let foreign = app.state.store.photos_of_article(other).await.unwrap()[0].id;
        let url = format!("/quan-tri/bai-viet/{id}/anh/{}/chu-thich", photo.id);

        // The editor page has one small form per photo, with the caption filled in.
        let page = send(
            &app,
            Call::get(&format!("/quan-tri/bai-viet/{id}")).session(&editor),
        )
        .await;
        assert!(
            page.body.contains(&format!("action=\"{url}\"")),
            "{}",
            page.body
        );
        assert!(page.body.contains(&format!("id=\"caption-{}\"", photo.id)));
        assert!(page.body.contains("value=\"Chú thích cũ\""));

        // An editor changes the caption of a draft's photo (NFC, trimmed); one audit row.
        let decomposed = "  Ho\u{0302}\u{0323}i tru\u{031b}\u{01a1}\u{0300}ng Đại hội  ";
        let reply = send(
            &app,
            Call::form(
                &url,
                &[("csrf_token", &editor_token), ("caption", decomposed)],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert_eq!(
            reply.location(),
            format!(
                "/quan-tri/bai-viet/{id}?thong_bao=da-luu#photo-{}",
                photo.id
            )
        );
        let stored = app
            .state
            .store
            .photo_by_id(photo.id)
            .await
            .unwrap()
            .unwrap();
        let nfc_caption =
            daihoi_domain::vn::nfc("Ho\u{0302}\u{0323}i tru\u{031b}\u{01a1}\u{0300}ng Đại hội");
        assert_eq!(stored.caption, nfc_caption);
        let rows = app.state.store.audit_of("photo", photo.id).await.unwrap();
        assert_eq!(
            rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
            ["add_photo", "update_caption"]
        );
        assert_eq!(rows[1].actor_username.as_deref(), Some("bientap"));
        // The same caption again changes nothing.
        let audits = audit_count(&app).await;
        send(
            &app,
            Call::form(
                &url,
                &[("csrf_token", &editor_token), ("caption", &nfc_caption)],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(audit_count(&app).await, audits);

        // Refused: no token, a photo of another article, an unknown photo, a caption too long.
        let no_token = send(&app, Call::form(&url, &[("caption", "x")]).session(&editor)).await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        for path in [
            format!("/quan-tri/bai-viet/{id}/anh/{foreign}/chu-thich"),
            format!("/quan-tri/bai-viet/{id}/anh/999999/chu-thich"),
        ] {
            let reply = send(
                &app,
                Call::form(
                    &path,
                    &[("csrf_token", &editor_token), ("caption", "Lạc bài")],
                )
                .session(&editor),
            )
            .await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
            assert!(reply.body.contains("không có ảnh số"), "{}", reply.body);
        }
        let long = "a".repeat(501);
        let reply = send(
            &app,
            Call::form(&url, &[("csrf_token", &editor_token), ("caption", &long)]).session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert!(
            reply.body.contains("vượt giới hạn 500 ký tự"),
            "{}",
            reply.body
        );
        assert_eq!(
            app.state
                .store
                .photo_by_id(foreign)
                .await
                .unwrap()
                .unwrap()
                .caption,
            "Chú thích cũ"
        );
        assert_eq!(audit_count(&app).await, audits);

        // Published: the public page (now cached) shows the caption; the editor may no longer
        // change it, an admin may, and the public page shows the new caption at once.
        let published = send(
            &app,
            Call::form(
                &format!("/quan-tri/bai-viet/{id}/xuat-ban"),
                &[("csrf_token", &admin_token)],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(
            published.status,
            StatusCode::SEE_OTHER,
            "{}",
            published.body
        );
        let slug = app
            .state
            .store
            .article_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .slug;
        let public = format!("/tin-tuc/{slug}");
        let before = send(&app, Call::get(&public)).await;
        assert!(
            before
                .body
                .contains(&format!("<figcaption>{nfc_caption}</figcaption>")),
            "{}",
            before.body
        );
        let refused = send(
            &app,
            Call::form(
                &url,
                &[("csrf_token", &editor_token), ("caption", "Biên tập sửa")],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let by_admin = send(
            &app,
            Call::form(
                &url,
                &[
                    ("csrf_token", &admin_token),
                    ("caption", "Toàn cảnh hội trường"),
                ],
            )
            .session(&admin),
        )
        .await;
        assert_eq!(by_admin.status, StatusCode::SEE_OTHER);
        let after = send(&app, Call::get(&public)).await;
        assert!(
            after
                .body
                .contains("<figcaption>Toàn cảnh hội trường</figcaption>"),
            "{}",
            after.body
        );
        assert!(!after.body.contains(&nfc_caption));
    })
    .await;
}

#[tokio::test]
async fn a_long_article_is_saved_and_an_overlong_one_comes_back_filled_in() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        // 29.100 characters of Vietnamese: about 150 KB as the browser sends it, over the
        // 64 KiB that used to refuse it with a bare 400 page.
        let sentence = "Đại hội Đảng bộ huyện Tân Uyên lần thứ XXII, nhiệm kỳ 2020–2025. ";
        let body: String = sentence.chars().cycle().take(29_100).collect();
        let reply = create(
            &app,
            &editor,
            &token,
            &[("title", "Bài rất dài"), ("body", &body)],
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let id = id_of(&reply);
        let stored = app.state.store.article_by_id(id).await.unwrap().unwrap();
        assert_eq!(
            stored.body_md.chars().count(),
            body.trim_end().chars().count()
        );

        // Over the editor's 200.000 characters: refused next to the field, the text comes back
        // in the form, nothing stored.
        let articles = app.state.store.list_all_articles(1, 1).await.unwrap().total;
        let mut overlong: String = sentence.chars().cycle().take(200_000).collect();
        overlong.push('!');
        let page = create(
            &app,
            &editor,
            &token,
            &[("title", "Bài quá dài"), ("body", &overlong)],
        )
        .await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            &page.body[..page.body.len().min(500)]
        );
        assert!(
            page.body
                .contains("dài 200.001 ký tự, vượt giới hạn 200.000 ký tự"),
            "no body error"
        );
        assert!(page.body.contains("value=\"Bài quá dài\""));
        let tail: String = overlong.chars().skip(199_950).collect();
        assert!(
            page.body.contains(&tail),
            "the typed text is in the form again"
        );
        assert_eq!(
            app.state.store.list_all_articles(1, 1).await.unwrap().total,
            articles
        );
    })
    .await;
}

#[tokio::test]
async fn a_stale_form_token_brings_the_editor_back_with_the_typed_text() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        let id = id_of(&create(&app, &editor, &token, &[("title", "Bản cũ")]).await);
        let category = category_id(&app, "tin-dai-hoi").await.to_string();
        let reply = send(
            &app,
            Call::form(
                &format!("/quan-tri/bai-viet/{id}"),
                &[
                    ("csrf_token", "token-of-an-earlier-session"),
                    ("category_id", &category),
                    ("kind", "news"),
                    ("title", "Bản mới gõ"),
                    ("body", "Đoạn văn vừa gõ xong, chưa kịp lưu."),
                ],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
        assert!(reply.body.contains("Mã bảo vệ"), "{}", reply.body);
        assert!(reply.body.contains("Nội dung bạn đã gõ vẫn còn"));
        assert!(reply.body.contains("value=\"Bản mới gõ\""));
        assert!(reply.body.contains("Đoạn văn vừa gõ xong, chưa kịp lưu."));
        // The page carries the session's real token: one more click saves.
        assert!(reply.body.contains(&format!("value=\"{token}\"")));
        let stored = app.state.store.article_by_id(id).await.unwrap().unwrap();
        assert_eq!(stored.title, "Bản cũ");
    })
    .await;
}

#[tokio::test]
async fn images_of_other_sites_are_refused_at_save_and_flagged_in_the_preview() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        let body = "Ảnh hội trường:\n\n![Hội trường](https://anh.example/hoi-truong.jpg)";
        let articles = app.state.store.list_all_articles(1, 1).await.unwrap().total;
        let page = create(
            &app,
            &editor,
            &token,
            &[("title", "Bài có ảnh ngoài"), ("body", body)],
        )
        .await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            page.body
        );
        assert!(page.body.contains("nằm trên trang khác"), "{}", page.body);
        assert!(page.body.contains("https://anh.example/hoi-truong.jpg"));
        assert_eq!(
            app.state.store.list_all_articles(1, 1).await.unwrap().total,
            articles
        );
        let preview = send(
            &app,
            Call::form(
                "/quan-tri/xem-truoc",
                &[("csrf_token", &token), ("body", body)],
            )
            .session(&editor),
        )
        .await;
        assert_eq!(preview.status, StatusCode::OK);
        assert!(
            preview.body.starts_with("<p class=\"preview-warning\""),
            "{}",
            preview.body
        );
    })
    .await;
}

#[tokio::test]
async fn a_nul_in_a_photo_caption_is_refused_and_nothing_is_stored() {
    each_backend(|app| async move {
        add_accounts(&app).await;
        let editor = login(&app, "bientap").await;
        let token = csrf(&app, &editor).await;
        let id = id_of(&create(&app, &editor, &token, &[("title", "Bài có ảnh")]).await);
        let reply = send(
            &app,
            Call::multipart(
                &format!("/quan-tri/bai-viet/{id}/anh"),
                &[("csrf_token", &token), ("caption", "Hội\0trường")],
                "anh.jpg",
                &jpeg(200, 100),
            )
            .session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
        assert!(reply.body.contains("NUL"), "{}", reply.body);
        assert!(
            app.state
                .store
                .photos_of_article(id)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            uploaded_files(&app).is_empty(),
            "{:?}",
            uploaded_files(&app)
        );
        // A decomposed caption from the upload form is stored in NFC, as from the caption form.
        let reply = send(
            &app,
            Call::multipart(
                &format!("/quan-tri/bai-viet/{id}/anh"),
                &[
                    ("csrf_token", &token),
                    (
                        "caption",
                        "Ho\u{0302}\u{0323}i tru\u{031b}\u{01a1}\u{0300}ng",
                    ),
                ],
                "anh.jpg",
                &jpeg(200, 100),
            )
            .session(&editor),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let photos = app.state.store.photos_of_article(id).await.unwrap();
        assert_eq!(photos[0].caption, "Hội trường");
    })
    .await;
}
