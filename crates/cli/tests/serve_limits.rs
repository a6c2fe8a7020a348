//! Dừng, sẵn sàng, cơ sở dữ liệu hỏng — `daihoi serve` as an operator meets it: SIGTERM with a
//! half-sent request open stops within 10 s and still writes the buffered visits; `/readyz`
//! reflects the database; a database or uploads folder that cannot be written is refused at
//! start; with PostgreSQL unreachable (a TCP proxy in this test that stops forwarding) pages and
//! the API answer 503 in seconds, `/healthz` stays 200, `/readyz` turns 503, and SIGTERM still
//! ends in bounded time.
//!
//! The PostgreSQL test needs `DAIHOI_TEST_DATABASE_URL`; without it it says so and passes.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use daihoi_testkit::TestDatabase;

const BROWSER_UA: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free loopback port")
        .port()
}

fn folder(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("daihoi-serve-{test}-"))
        .tempdir()
        .expect("temp dir")
}

/// One running `daihoi serve`; killed if the test ends before it stops.
struct Server {
    child: Option<Child>,
    port: u16,
    log: PathBuf,
}

impl Server {
    fn spawn(data_dir: &Path, extra: &[&str]) -> Server {
        let port = free_port();
        let log = data_dir.with_extension("log");
        let out = File::create(&log).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_daihoi"))
            .arg("serve")
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(data_dir)
            .args(extra)
            .env("RUST_LOG", "info")
            .env_remove("DATABASE_URL")
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("log file"))
            .stderr(out)
            .spawn()
            .expect("start daihoi serve");
        Server {
            child: Some(child),
            port,
            log,
        }
    }

    fn start(data_dir: &Path, extra: &[&str]) -> Server {
        let mut server = Server::spawn(data_dir, extra);
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(status) = server.child.as_mut().unwrap().try_wait().unwrap() {
                panic!(
                    "daihoi serve exited early ({status}):\n{}",
                    server.log_text()
                );
            }
            if server.get("/healthz").0 == 200 {
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "/healthz did not answer within 120 s:\n{}",
                server.log_text()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// One GET on a fresh connection: (status, headers, body); status 0 when it failed.
    fn get(&self, path: &str) -> (u16, String, String) {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return (0, String::new(), String::new());
        };
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {BROWSER_UA}\r\nConnection: close\r\n\r\n"
        );
        if stream.write_all(request.as_bytes()).is_err() {
            return (0, String::new(), String::new());
        }
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let Some((head, body)) = text.split_once("\r\n\r\n") else {
            return (0, text, String::new());
        };
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_ascii_lowercase(), body.to_owned())
    }

    /// SIGTERM, then the exit status and how long it took (the process is killed after 60 s).
    fn terminate(&mut self) -> (ExitStatus, Duration) {
        let mut child = self.child.take().expect("running");
        let pid = i32::try_from(child.id()).expect("pid fits i32");
        let started = Instant::now();
        // SAFETY: kill(2) on a child we spawned and have not reaped; no memory is shared.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
        loop {
            if let Some(status) = child.try_wait().expect("wait") {
                return (status, started.elapsed());
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("still running 60 s after SIGTERM:\n{}", self.log_text());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Visits stored in the SQLite database of `data_dir` (people and bots).
fn stored_visits(data_dir: &Path) -> i64 {
    let url = format!("sqlite://{}?mode=ro", data_dir.join("daihoi.db").display());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            use sqlx::Connection as _;
            let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
            let n: i64 = sqlx::query_scalar("SELECT COALESCE(SUM(visits), 0) FROM daily_visit")
                .fetch_one(&mut conn)
                .await
                .unwrap();
            conn.close().await.ok();
            n
        })
}

#[test]
fn sigterm_with_a_half_sent_request_stops_within_10_s_and_writes_the_buffered_visits() {
    let dir = folder("sigterm");
    let data = dir.path().join("data");
    let mut server = Server::start(&data, &[]);
    let before = {
        // The demo's history is in the database already; what the server counts now is added.
        let (status, _, _) = server.get("/");
        assert_eq!(status, 200);
        server.get("/tim-kiem?q=dai+hoi");
        stored_visits(&data)
    };
    // A request that never finishes its head.
    let mut half = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let (status, took) = server.terminate();
    eprintln!("stopped {took:?} after SIGTERM with a half-sent request open");
    assert!(
        took < Duration::from_secs(10),
        "stopped {took:?} after SIGTERM (bound: 10 s):\n{}",
        server.log_text()
    );
    assert!(status.success(), "exit {status}:\n{}", server.log_text());
    let after = stored_visits(&data);
    assert!(
        after >= before + 2,
        "the two buffered visits are written at shutdown: {before} → {after}\n{}",
        server.log_text()
    );
    let _ = half.shutdown(Shutdown::Both);
}

#[test]
fn readiness_is_ok_on_sqlite_and_health_needs_no_database() {
    let dir = folder("ready");
    let data = dir.path().join("data");
    let mut server = Server::start(&data, &["--no-demo"]);
    let (status, head, body) = server.get("/readyz");
    assert_eq!(status, 200, "{head}{body}");
    assert_eq!(body, "ok");
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert_eq!(server.get("/healthz").0, 200);
    let (status, _) = server.terminate();
    assert!(status.success());
}

#[test]
fn a_database_that_cannot_be_written_is_refused_at_start_naming_it() {
    let dir = folder("readonly");
    let data = dir.path().join("data");
    let mut first = Server::start(&data, &["--no-demo"]);
    assert!(first.terminate().0.success());
    let db = data.join("daihoi.db");
    // A read-only open stands for a read-only file or folder (root ignores permission bits).
    let url = format!("sqlite://{}?mode=ro", db.display());
    let mut server = Server::spawn(&data, &["--no-demo", "--database-url", &url]);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.as_mut().unwrap().try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "a read-only database was served:\n{}",
            server.log_text()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    server.child = None;
    let log = server.log_text();
    assert_eq!(status.code(), Some(1), "{log}");
    assert!(log.contains("không ghi được"), "{log}");
    assert!(
        log.contains(&db.display().to_string()),
        "names the file: {log}"
    );
    assert!(!log.contains("đang phục vụ"), "{log}");
}

#[test]
fn an_uploads_folder_that_cannot_be_written_is_refused_at_start_naming_it() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: running as root, where a read-only folder can still be written");
        return;
    }
    use std::os::unix::fs::PermissionsExt as _;
    let dir = folder("uploads");
    let data = dir.path().join("data");
    let uploads = data.join("uploads");
    std::fs::create_dir_all(&uploads).unwrap();
    std::fs::set_permissions(&uploads, std::fs::Permissions::from_mode(0o555)).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .arg("serve")
        .args(["--listen", &format!("127.0.0.1:{}", free_port())])
        .arg("--data-dir")
        .arg(&data)
        .arg("--no-demo")
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    std::fs::set_permissions(&uploads, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("không ghi được"), "{stderr}");
    assert!(stderr.contains(&uploads.display().to_string()), "{stderr}");
}

/// A TCP proxy to PostgreSQL that can stop forwarding: existing connections then get no answer
/// and new ones are accepted and never answered, as when the database host vanishes.
struct Proxy {
    port: u16,
    blackhole: Arc<AtomicBool>,
}

impl Proxy {
    fn start(upstream: String) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let blackhole = Arc::new(AtomicBool::new(false));
        let hole = blackhole.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let hole = hole.clone();
                if hole.load(Ordering::SeqCst) {
                    std::thread::spawn(move || swallow(client));
                    continue;
                }
                let Ok(server) = TcpStream::connect(&upstream) else {
                    continue;
                };
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                let hole2 = hole.clone();
                std::thread::spawn(move || pipe(client, server, hole));
                std::thread::spawn(move || pipe(s2, c2, hole2));
            }
        });
        Proxy { port, blackhole }
    }
}

/// Copies `from` to `to` until either ends; drops the bytes once the proxy is a black hole.
fn pipe(mut from: TcpStream, mut to: TcpStream, hole: Arc<AtomicBool>) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if hole.load(Ordering::SeqCst) {
                    continue;
                }
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
}

/// Reads and drops everything, never answering.
fn swallow(mut client: TcpStream) {
    let mut buf = [0u8; 4096];
    while matches!(client.read(&mut buf), Ok(n) if n > 0) {}
}

/// `url` with its host and port replaced by 127.0.0.1:`port`.
fn through(url: &str, port: u16) -> (String, String) {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (authority, path) = rest.split_once('/').unwrap();
    let (user, host) = match authority.rsplit_once('@') {
        Some((user, host)) => (format!("{user}@"), host),
        None => (String::new(), authority),
    };
    let host = if host.contains(':') {
        host.to_owned()
    } else {
        format!("{host}:5432")
    };
    (format!("{scheme}://{user}127.0.0.1:{port}/{path}"), host)
}

#[test]
fn with_postgresql_unreachable_requests_fail_fast_with_503_and_sigterm_is_bounded() {
    let Some(database) = TestDatabase::postgres() else {
        return;
    };
    let (_, upstream) = through(database.url(), 0);
    let proxy = Proxy::start(upstream);
    let (url, _) = through(database.url(), proxy.port);
    let dir = folder("pgdown");
    let data = dir.path().join("data");
    let mut server = Server::start(&data, &["--database-url", &url]);
    assert_eq!(server.get("/readyz").0, 200, "{}", server.log_text());
    assert_eq!(server.get("/tim-kiem?q=dai+hoi").0, 200);

    proxy.blackhole.store(true, Ordering::SeqCst);

    let started = Instant::now();
    let (status, head, body) = server.get("/tim-kiem?q=bau+cu");
    let page_took = started.elapsed();
    assert_eq!(status, 503, "{head}\n{body}");
    assert!(head.contains("retry-after:"), "{head}");
    assert!(body.contains("không truy cập được cơ sở dữ liệu"), "{body}");
    assert!(
        page_took < Duration::from_secs(10),
        "page took {page_took:?}"
    );

    let started = Instant::now();
    let (status, head, body) = server.get("/api/v1/articles");
    let api_took = started.elapsed();
    assert_eq!(status, 503, "{head}\n{body}");
    assert!(head.contains("application/json"), "{head}");
    assert!(body.contains("không truy cập được cơ sở dữ liệu"), "{body}");
    assert!(api_took < Duration::from_secs(10), "API took {api_took:?}");

    let started = Instant::now();
    assert_eq!(server.get("/healthz").0, 200, "liveness needs no database");
    assert!(started.elapsed() < Duration::from_secs(1));

    let started = Instant::now();
    let (status, head, _) = server.get("/readyz");
    assert_eq!(status, 503, "readiness reflects the database");
    assert!(head.contains("retry-after:"), "{head}");
    assert!(started.elapsed() < Duration::from_secs(5));
    eprintln!("with the database unreachable: page {page_took:?}, API {api_took:?}");

    let (status, took) = server.terminate();
    eprintln!("stopped {took:?} after SIGTERM with the database unreachable");
    let log = server.log_text();
    assert!(
        took < Duration::from_secs(12),
        "stopped {took:?} after SIGTERM with the database down:\n{log}"
    );
    assert_eq!(status.code(), Some(1), "visits lost: exit 1\n{log}");
    assert!(log.contains("lượt truy cập"), "{log}");
}
