//! Hai máy chủ, một cơ sở dữ liệu — two `daihoi serve` processes on one fresh PostgreSQL
//! database, as behind a load balancer: a rating given through one shows on the other, a rating
//! cookie issued by one is honoured by the other, a visitor who reached both shows as one person
//! online on each (the instances merge each other's sketches), and the visits both count add up
//! exactly once both have stopped gracefully.
//!
//! Needs `DAIHOI_TEST_DATABASE_URL` (a PostgreSQL server where the user may create databases);
//! without it the test prints why and passes without running. It creates its own database and
//! drops it afterwards.

use std::fs::File;
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use daihoi_testkit::TestDatabase;
use sqlx::{Connection, PgConnection, Row};

/// User-Agent of the test's "people": an ordinary desktop browser.
const BROWSER_UA: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
/// User-Agent of the health probes: a bot by any crawler filter, so probes never count as people.
const PROBE_UA: &str = "daihoi-two-instances-healthcheck-bot/1.0";
/// A well-known crawler.
const CRAWLER_UA: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/// New visitors sent to instance A and to instance B.
const VISITORS_A: u64 = 7;
const VISITORS_B: u64 = 5;
/// Crawler requests sent to A and to B.
const CRAWLS_A: u64 = 2;
const CRAWLS_B: u64 = 1;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// The fresh database on the test server (`daihoi-testkit`), dropped — forcefully — when this
/// value is dropped.
struct FreshDatabase {
    url: String,
    _database: TestDatabase,
}

impl FreshDatabase {
    /// `None`, after saying that the test is skipped, when `DAIHOI_TEST_DATABASE_URL` is not set.
    fn create() -> Option<FreshDatabase> {
        let database = TestDatabase::postgres()?;
        Some(FreshDatabase {
            url: database.url().to_owned(),
            _database: database,
        })
    }

    /// Sums of the stored daily counters: (people, bots).
    fn stored_visits(&self) -> (i64, i64) {
        runtime().block_on(async {
            let mut conn = PgConnection::connect(&self.url)
                .await
                .expect("connect to the test database");
            let rows =
                sqlx::query("SELECT kind, SUM(visits)::BIGINT AS n FROM daily_visit GROUP BY kind")
                    .fetch_all(&mut conn)
                    .await
                    .expect("read daily_visit");
            conn.close().await.ok();
            let mut people = 0;
            let mut bots = 0;
            for row in rows {
                let kind: String = row.get("kind");
                let n: i64 = row.get("n");
                match kind.as_str() {
                    "person" => people = n,
                    "bot" => bots = n,
                    other => panic!("unexpected visit kind {other}"),
                }
            }
            (people, bots)
        })
    }

    /// The presence rows: (online, updated_at in µs, has a sketch), by instance id.
    fn presence(&self) -> Vec<(i64, i64, bool)> {
        runtime().block_on(async {
            let mut conn = PgConnection::connect(&self.url)
                .await
                .expect("connect to the test database");
            let rows = sqlx::query(
                "SELECT online, updated_at, sketch IS NOT NULL AS has_sketch \
                 FROM instance_presence ORDER BY instance_id",
            )
            .fetch_all(&mut conn)
            .await
            .expect("read instance_presence");
            conn.close().await.ok();
            rows.iter()
                .map(|r| (r.get("online"), r.get("updated_at"), r.get("has_sketch")))
                .collect()
        })
    }

    /// Number of stored rating rows.
    fn stored_ratings(&self) -> i64 {
        runtime().block_on(async {
            let mut conn = PgConnection::connect(&self.url)
                .await
                .expect("connect to the test database");
            let n: i64 = sqlx::query("SELECT COUNT(*)::BIGINT AS n FROM rating")
                .fetch_one(&mut conn)
                .await
                .expect("count ratings")
                .get("n");
            conn.close().await.ok();
            n
        })
    }
}

/// One running `daihoi serve`; killed if the test panics before stopping it.
struct Server {
    child: Option<Child>,
    base: String,
    log: PathBuf,
    name: &'static str,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free loopback port")
        .port()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

impl Server {
    fn start(name: &'static str, database_url: &str, data_dir: &Path, extra: &[&str]) -> Server {
        let port = free_port();
        let log = data_dir.join(format!("{name}.log"));
        let out = File::create(&log).expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_daihoi"))
            .arg("serve")
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(data_dir)
            .args(["--database-url", database_url])
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("log file"))
            .stderr(out)
            .spawn()
            .expect("start daihoi serve");
        let mut server = Server {
            child: Some(child),
            base: format!("http://127.0.0.1:{port}"),
            log,
            name,
        };
        server.wait_healthy();
        server
    }

    fn log_text(&self) -> String {
        let mut s = String::new();
        if let Ok(mut f) = File::open(&self.log) {
            let _ = f.read_to_string(&mut s);
        }
        s
    }

    fn wait_healthy(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(120);
        let agent = agent();
        loop {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!(
                    "{}: daihoi serve exited early ({status}):\n{}",
                    self.name,
                    self.log_text()
                );
            }
            let ok = agent
                .get(format!("{}/healthz", self.base))
                .header("User-Agent", PROBE_UA)
                .call()
                .map(|r| r.status() == 200)
                .unwrap_or(false);
            if ok {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{}: /healthz did not answer within 120 s:\n{}",
                self.name,
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// SIGTERM, then wait (at most 60 s) for a clean exit.
    fn stop(&mut self) {
        let mut child = self.child.take().expect("server running");
        let pid = i32::try_from(child.id()).expect("pid fits i32");
        // SAFETY: kill(2) with a pid of a child we spawned and have not reaped; no memory is shared.
        let rc = unsafe { libc::kill(pid, libc::SIGTERM) };
        assert_eq!(rc, 0, "kill -TERM {pid}");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = child.try_wait().expect("wait for daihoi") {
                assert!(
                    status.success(),
                    "{}: graceful stop must exit 0, got {status}:\n{}",
                    self.name,
                    self.log_text()
                );
                return;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!(
                    "{}: did not stop within 60 s of SIGTERM:\n{}",
                    self.name,
                    self.log_text()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// A visitor with its own cookies (a minimal jar: name → value, all from one host).
#[derive(Default)]
struct Visitor {
    cookies: Vec<(String, String)>,
}

/// An answered request: status, `Location`, body.
struct Answer {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Visitor {
    fn cookie_header(&self) -> Option<String> {
        (!self.cookies.is_empty()).then(|| {
            self.cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    fn remember(&mut self, response: &ureq::http::Response<ureq::Body>) {
        for value in response.headers().get_all("set-cookie") {
            let Ok(text) = value.to_str() else { continue };
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                let (k, v) = (k.trim().to_owned(), v.trim().to_owned());
                self.cookies.retain(|(name, _)| *name != k);
                self.cookies.push((k, v));
            }
        }
    }

    fn send(&mut self, request: ureq::RequestBuilder<ureq::typestate::WithoutBody>) -> Answer {
        let request = match self.cookie_header() {
            Some(c) => request.header("Cookie", c),
            None => request,
        };
        let mut response = request
            .header("User-Agent", BROWSER_UA)
            .call()
            .expect("HTTP request");
        self.finish(&mut response)
    }

    fn finish(&mut self, response: &mut ureq::http::Response<ureq::Body>) -> Answer {
        self.remember(response);
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Answer {
            status: response.status().as_u16(),
            location,
            body: response.body_mut().read_to_string().unwrap_or_default(),
        }
    }

    fn get(&mut self, url: &str) -> Answer {
        self.send(agent().get(url))
    }

    fn post_form(&mut self, url: &str, form: &str) -> Answer {
        let mut request = agent()
            .post(url)
            .header("User-Agent", BROWSER_UA)
            .header("Content-Type", "application/x-www-form-urlencoded");
        if let Some(c) = self.cookie_header() {
            request = request.header("Cookie", c);
        }
        let mut response = request.send(form).expect("HTTP POST");
        self.finish(&mut response)
    }
}

/// The value of the hidden `csrf_token` input of a page.
fn csrf_token(html: &str) -> String {
    let at = html
        .find("name=\"csrf_token\"")
        .expect("the article page has a csrf_token field");
    let start = html[..at].rfind('<').expect("input tag start");
    let end = at + html[at..].find('>').expect("input tag end");
    let tag = &html[start..end];
    let v = tag.find("value=\"").expect("csrf_token has a value") + "value=\"".len();
    let len = tag[v..].find('"').expect("value closes");
    tag[v..v + len].to_owned()
}

/// The (sum, count) in "Tổng số điểm của bài viết là: X trong Y đánh giá" of a page.
fn rating_summary(html: &str) -> (u64, u64) {
    const LEAD: &str = "Tổng số điểm của bài viết là:";
    let at = html.find(LEAD).expect("the page shows the rating summary") + LEAD.len();
    let text: String = html[at..]
        .chars()
        .take(400)
        .collect::<String>()
        .split("đánh giá")
        .next()
        .expect("summary ends with 'đánh giá'")
        .to_owned();
    // Strip markup inside the sentence, keep digits and the word "trong".
    let mut plain = String::new();
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let (sum, count) = plain.split_once("trong").expect("'X trong Y'");
    let number = |s: &str| -> u64 {
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        digits.parse().unwrap_or_else(|_| panic!("number in {s:?}"))
    };
    (number(sum), number(count))
}

/// (rating sum, rating count) of one article in `/api/v1/articles`.
fn api_rating(visitor: &mut Visitor, base: &str, slug: &str) -> (u64, u64) {
    let answer = visitor.get(&format!("{base}/api/v1/articles?page=1&per_page=100"));
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json: serde_json::Value =
        serde_json::from_str(&answer.body).expect("JSON list of articles");
    let list = match &json {
        serde_json::Value::Array(a) => a.clone(),
        serde_json::Value::Object(o) => o
            .values()
            .find_map(|v| v.as_array().cloned())
            .expect("an array of articles in the answer"),
        _ => panic!("unexpected /api/v1/articles answer: {json}"),
    };
    let article = list
        .iter()
        .find(|a| a["slug"] == slug)
        .unwrap_or_else(|| panic!("/api/v1/articles lists {slug}"));
    let field = |flat: &str, nested: &str| -> u64 {
        article[flat]
            .as_u64()
            .or_else(|| article["rating"][nested].as_u64())
            .unwrap_or_else(|| panic!("rating field {flat} in {article}"))
    };
    (field("rating_sum", "sum"), field("rating_count", "count"))
}

#[test]
fn two_instances_share_ratings_and_add_up_visits() {
    let Some(db) = FreshDatabase::create() else {
        return;
    };
    let dirs = tempfile::tempdir().expect("temp dir");
    let (dir_a, dir_b) = (dirs.path().join("a"), dirs.path().join("b"));
    std::fs::create_dir_all(&dir_a).expect("data dir a");
    std::fs::create_dir_all(&dir_b).expect("data dir b");

    // A loads the demo; B joins the same database without it.
    let mut a = Server::start("A", &db.url, &dir_a, &[]);
    // Only bot probes have reached A so far: the people sum is the demo history.
    let (people_before, bots_before) = db.stored_visits();
    assert!(people_before > 0, "the demo must have loaded visit history");
    let mut b = Server::start("B", &db.url, &dir_b, &["--no-demo"]);

    // One observer, whose requests after its first are never new visits, on both instances.
    let mut observer = Visitor::default();
    let list = observer.get(&format!("{}/api/v1/articles?page=1&per_page=5", a.base));
    assert_eq!(list.status, 200, "{}", list.body);
    let json: serde_json::Value = serde_json::from_str(&list.body).expect("JSON");
    let first = match &json {
        serde_json::Value::Array(arr) => arr.first().cloned(),
        serde_json::Value::Object(o) => o
            .values()
            .find_map(|v| v.as_array().and_then(|a| a.first().cloned())),
        _ => None,
    }
    .expect("at least one demo article");
    let slug = first["slug"].as_str().expect("slug").to_owned();
    let path = format!("/tin-tuc/{slug}");

    // Rating given through A.
    let ratings_before = db.stored_ratings();
    let page_b = observer.get(&format!("{}{path}", b.base));
    assert_eq!(page_b.status, 200);
    let (sum0, count0) = rating_summary(&page_b.body);
    let page_a = observer.get(&format!("{}{path}", a.base));
    assert_eq!(page_a.status, 200);
    let token = csrf_token(&page_a.body);
    let posted = observer.post_form(
        &format!("{}{path}/rating", a.base),
        &format!("stars=4&csrf_token={token}"),
    );
    assert_eq!(
        posted.status, 303,
        "rating POST without JS answers 303: {}",
        posted.body
    );
    assert!(
        posted
            .location
            .as_deref()
            .is_some_and(|l| l.contains(&path)),
        "303 back to the article, got {:?}",
        posted.location
    );

    // …shows on B's page and API (both read the shared database). B may hold the figures it
    // read before in its short-lived cache (a second or two, see README), so look again until
    // the cache has turned over; the bound only keeps a broken build from hanging the test.
    let wanted = (sum0 + 4, count0 + 1);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let page_b = loop {
        let page = observer.get(&format!("{}{path}", b.base));
        if rating_summary(&page.body) == wanted || std::time::Instant::now() > deadline {
            break page;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    };
    assert_eq!(
        rating_summary(&page_b.body),
        wanted,
        "B shows the rating given on A"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let from_api = loop {
        let seen = api_rating(&mut observer, &b.base, &slug);
        if seen == wanted || std::time::Instant::now() > deadline {
            break seen;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    };
    assert_eq!(from_api, wanted, "B's API shows the rating given on A");
    assert_eq!(
        db.stored_ratings(),
        ratings_before + 1,
        "one row per rating"
    );

    // A second rating by the same visitor, through B with B's own form token, is refused.
    let token_b = csrf_token(&page_b.body);
    let again = observer.post_form(
        &format!("{}{path}/rating", b.base),
        &format!("stars=1&csrf_token={token_b}"),
    );
    assert!(
        again.status == 303 || (400..500).contains(&again.status),
        "second rating: status {}",
        again.status
    );
    let page_a = observer.get(&format!("{}{path}", a.base));
    assert_eq!(
        rating_summary(&page_a.body),
        (sum0 + 4, count0 + 1),
        "the second rating changed nothing"
    );
    assert_eq!(db.stored_ratings(), ratings_before + 1);

    // Online: the observer has been on both A and B with the same cookies, and nobody else has
    // (the probes are bots, the API is not counted). Wait until both instances have reported a
    // window holding it, then until each has flushed again — a flush reports, then reads the
    // other's report — so each has merged the other's sketch: one person, not 1 + 1.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let rows = db.presence();
        if rows.len() == 2
            && rows
                .iter()
                .all(|&(online, _, sketch)| online >= 1 && sketch)
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "both instances report the observer with a sketch within 60 s: {rows:?}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
    let reported_by_both = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock after 1970")
            .as_micros(),
    )
    .expect("µs fit i64");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let rows = db.presence();
        if rows.len() == 2 && rows.iter().all(|&(_, at, _)| at > reported_by_both) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "both instances flush again within 60 s: {rows:?}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
    for server in [&a, &b] {
        let stats = observer.get(&format!("{}/api/v1/stats/visits", server.base));
        assert_eq!(stats.status, 200, "{}", stats.body);
        let json: serde_json::Value = serde_json::from_str(&stats.body).expect("JSON stats");
        assert_eq!(
            json["online"], 1,
            "{}: the observer visited both instances and is one person online: {json}",
            server.name
        );
    }
    assert!(
        db.presence().iter().all(|&(online, _, _)| online == 1),
        "each instance still reports its own count"
    );

    // New visitors: N on A, M on B. One of B's visitors comes back through A (its cookie is
    // honoured there: no second visit). Crawlers are counted apart.
    for i in 0..VISITORS_A {
        let mut v = Visitor::default();
        let target = if i % 2 == 0 {
            "/".to_owned()
        } else {
            path.clone()
        };
        assert_eq!(v.get(&format!("{}{target}", a.base)).status, 200);
    }
    for i in 0..VISITORS_B {
        let mut v = Visitor::default();
        assert_eq!(v.get(&format!("{}/", b.base)).status, 200);
        if i == 0 {
            assert_eq!(v.get(&format!("{}{path}", a.base)).status, 200);
            assert_eq!(v.get(&format!("{}/", b.base)).status, 200);
        }
    }
    let crawl = |base: &str| {
        let r = agent()
            .get(format!("{base}{path}"))
            .header("User-Agent", CRAWLER_UA)
            .call()
            .expect("crawler request");
        assert_eq!(r.status(), 200);
    };
    for _ in 0..CRAWLS_A {
        crawl(&a.base);
    }
    for _ in 0..CRAWLS_B {
        crawl(&b.base);
    }

    // Graceful stops flush both buffers.
    a.stop();
    b.stop();
    let (people_after, bots_after) = db.stored_visits();
    assert_eq!(
        people_after - people_before,
        i64::try_from(VISITORS_A + VISITORS_B + 1).expect("small"),
        "people stored must grow by exactly the new visitors on A and B plus the observer"
    );
    let bots = bots_after - bots_before;
    assert!(
        bots >= i64::try_from(CRAWLS_A + CRAWLS_B).expect("small"),
        "crawler visits stored apart: grew by {bots}"
    );
}
