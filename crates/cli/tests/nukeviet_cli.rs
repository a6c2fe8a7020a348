//! `daihoi import nukeviet DUMP.sql --uploads DIR` on the NukeViet 4.5 fixture and broken copies
//! of it, on SQLite and (with `DAIHOI_TEST_DATABASE_URL`) PostgreSQL: the import runs while the
//! server runs and shows at once, old addresses answer 301, a second run changes nothing, a cut
//! dump is refused with exit 2 and nothing stored, a missing picture is reported and skipped.

use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use daihoi_testkit::{TestDatabase, each_database};

/// The fixture's folder (NukeViet's own sample data, GPL v2, kept outside our repository:
/// `../shared/fixtures/nukeviet-4.5` beside the checkout, or `DAIHOI_NUKEVIET_FIXTURE`), or `None`
/// with a line saying the test is skipped.
fn fixture_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DAIHOI_NUKEVIET_FIXTURE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/nukeviet-4.5")
        });
    if dir.join("news-and-counter.sql").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no NukeViet fixture at {}; set DAIHOI_NUKEVIET_FIXTURE to its folder",
            dir.display()
        );
        None
    }
}

fn import(db: &TestDatabase, dump: &Path, uploads: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .args(["import", "nukeviet"])
        .arg(dump)
        .arg("--uploads")
        .arg(uploads)
        .arg("--data-dir")
        .arg(db.dir())
        .arg("--database-url")
        .arg(db.url())
        .env_remove("DATABASE_URL")
        .output()
        .expect("daihoi runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn count(db: &TestDatabase, sql: &str) -> i64 {
    let url = db.url().to_owned();
    let sql = sql.to_owned();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let store = daihoi_store::Store::connect(&url).await.unwrap();
                // A refused dump is refused before the database is opened: migrate to count.
                store.migrate().await.unwrap();
                let n: i64 = sqlx::query_scalar(&sql)
                    .fetch_one(store.pool())
                    .await
                    .unwrap();
                store.close().await;
                n
            })
    })
    .join()
    .unwrap()
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn serve(db: &TestDatabase) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let log = File::create(db.dir().join("serve.log")).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .arg("serve")
        .args(["--listen", &format!("127.0.0.1:{port}"), "--no-demo"])
        .arg("--data-dir")
        .arg(db.dir())
        .args(["--database-url", db.url()])
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while agent()
        .get(format!("{}/healthz", server.base))
        .call()
        .map(|r| r.status() != 200)
        .unwrap_or(true)
    {
        assert!(Instant::now() < deadline, "daihoi serve did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
    server
}

fn get(url: &str) -> (u16, Option<String>, String) {
    let mut response = agent()
        .get(url)
        .header(
            "User-Agent",
            "Mozilla/5.0 (X11; Linux x86_64) nukeviet-test",
        )
        .call()
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.body_mut().read_to_string().unwrap_or_default();
    (response.status().as_u16(), location, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fixture_moves_over_while_the_server_runs() {
    let Some(fixture) = fixture_dir() else {
        return;
    };
    each_database(|db| {
        let fixture = fixture.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                let server = serve(&db);
                let dump = fixture.join("news-and-counter.sql");
                let uploads = fixture.join("uploads");
                let out = import(&db, &dump, &uploads);
                assert!(
                    out.status.success(),
                    "{}{}",
                    text(&out.stdout),
                    text(&out.stderr)
                );
                let report = text(&out.stdout);
                assert!(report.contains("bài viết: thêm 16"), "{report}");
                assert!(
                    report.contains("lượt truy cập chuyển sang: 26.054"),
                    "{report}"
                );
                assert!(
                    report.contains("bài 6, lưu ý: ảnh ở trang khác"),
                    "{report}"
                );

                // Shown without a restart: the article, its photos, the old addresses.
                let (status, location, _) = get(&format!(
                    "{}/news/Tin-tuc/ky-hop-thu-muoi-bon-16.html",
                    server.base
                ));
                assert_eq!(status, 301);
                let location = location.unwrap();
                assert!(
                    location.starts_with("/tin-tuc/ky-hop-thu-muoi-bon"),
                    "{location}"
                );
                for old in [
                    "/vi/news/Tin-tuc/ky-hop-16.html",
                    "/index.php?language=vi&nv=news&op=Tin-tuc/ky-hop-16",
                ] {
                    let (status, again, _) = get(&format!("{}{old}", server.base));
                    assert_eq!(
                        (status, again.as_deref()),
                        (301, Some(location.as_str())),
                        "{old}"
                    );
                }
                let (status, category, _) = get(&format!("{}/news/Tin-cong-nghe/", server.base));
                assert_eq!(
                    (status, category.as_deref()),
                    (301, Some("/chuyen-muc/tin-cong-nghe"))
                );
                let (status, _, _) =
                    get(&format!("{}/news/Tin-tuc/khong-co-999.html", server.base));
                assert_eq!(status, 404);
                let (status, _, page) = get(&format!("{}{location}", server.base));
                assert_eq!(status, 200, "{page}");
                assert!(
                    page.contains("Kỳ họp thứ mười bốn Hội đồng nhân dân tỉnh"),
                    "{page}"
                );
                assert!(
                    page.contains("<figcaption>Quang cảnh phiên khai mạc"),
                    "{page}"
                );
                assert!(page.contains("src=\"/uploads/"), "{page}");
                assert!(!page.contains("nukeviet-upload:"), "{page}");
                // Article 11's entities were decoded once.
                let (_, moved, _) = get(&format!("{}/news/x/a-11.html", server.base));
                let (_, _, page) = get(&format!("{}{}", server.base, moved.unwrap()));
                assert!(page.contains("Bộ GD&amp;ĐT"), "one escape in HTML");
                assert!(!page.contains("&amp;amp;"), "decoded once");

                // A second run changes nothing.
                let articles = count(&db, "SELECT COUNT(*) FROM article");
                let photos = count(&db, "SELECT COUNT(*) FROM photo");
                let audit = count(&db, "SELECT COUNT(*) FROM audit_log");
                let again = import(&db, &dump, &uploads);
                assert!(again.status.success(), "{}", text(&again.stderr));
                assert!(
                    text(&again.stdout).contains("không có gì thay đổi"),
                    "{}",
                    text(&again.stdout)
                );
                assert!(
                    !text(&again.stdout).contains("bài 6, lưu ý"),
                    "{}",
                    text(&again.stdout)
                );
                assert_eq!(count(&db, "SELECT COUNT(*) FROM article"), articles);
                assert_eq!(count(&db, "SELECT COUNT(*) FROM photo"), photos);
                assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log"), audit);
                assert_eq!(
                    count(&db, "SELECT CAST(SUM(visits) AS BIGINT) FROM daily_visit"),
                    26_054
                );
                drop(server);
                drop(db);
            })
            .await
            .unwrap();
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_dumps_are_refused_and_a_missing_picture_is_skipped() {
    let Some(fixture) = fixture_dir() else {
        return;
    };
    each_database(|db| {
        let fixture = fixture.clone();
        async move {
        tokio::task::spawn_blocking(move || {
            let dump = std::fs::read_to_string(fixture.join("news-and-counter.sql")).unwrap();
            let uploads = fixture.join("uploads");
            let write = |name: &str, text: &str| {
                let path = db.dir().join(name);
                std::fs::write(&path, text).unwrap();
                path
            };
            let mut cut = dump.len() / 2;
            while !dump.is_char_boundary(cut) {
                cut -= 1;
            }
            let cut = write("cut.sql", &dump[..cut]);
            let out = import(&db, &cut, &uploads);
            assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
            assert!(text(&out.stderr).contains("bị cắt giữa chừng"), "{}", text(&out.stderr));
            let none: String = dump
                .split_inclusive('\n')
                .filter(|l| !l.contains("_news_rows"))
                .collect();
            let none = write("none.sql", &none);
            let out = import(&db, &none, &uploads);
            assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
            assert!(text(&out.stderr).contains("không có bảng tin tức"), "{}", text(&out.stderr));
            assert_eq!(count(&db, "SELECT COUNT(*) FROM article"), 0);
            assert_eq!(count(&db, "SELECT COUNT(*) FROM category"), 0);

            // Another prefix, and an uploads folder missing one picture.
            let other = write("other.sql", &dump.replace("`nv4_", "`tinh_"));
            let partial = db.dir().join("old-uploads");
            copy_dir(&uploads, &partial);
            std::fs::remove_file(partial.join("news/2026_11/ky-hop-hdnd-2.jpg")).unwrap();
            let out = import(&db, &other, &partial);
            assert!(out.status.success(), "{}", text(&out.stderr));
            let report = text(&out.stdout);
            assert!(report.contains("bảng tinh_vi_news"), "{report}");
            assert!(
                report.contains("bài 16, lưu ý: ảnh «news/2026_11/ky-hop-hdnd-2.jpg» không có trong thư mục uploads"),
                "{report}"
            );
            assert_eq!(count(&db, "SELECT COUNT(*) FROM article"), 16);
            drop(db);
        })
        .await
        .unwrap();
        }
    })
    .await;
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
