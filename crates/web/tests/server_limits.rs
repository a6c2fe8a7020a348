//! Giới hạn kết nối — the accept loop (`kernel::listener`) against slow and idle clients, over
//! real sockets: a head that trickles, an idle kept-alive connection, a body that trickles, the
//! connection cap, and a shutdown with a half-sent request. Each limit is set short here (1 s)
//! so the bounds in the assertions stay loose: they test that the server cuts, not how fast.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use axum::routing::{get, post};
use daihoi_web::kernel::listener::{Limits, Stopped, serve_connections};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

fn app() -> Router {
    Router::new()
        .route("/", get(|| async { "ok" }))
        .route(
            "/peer",
            get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.to_string() }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(700)).await;
                "slow ok"
            }),
        )
        .route("/echo", post(|body: String| async move { body }))
}

fn limits() -> Limits {
    Limits {
        header_read_timeout: Duration::from_secs(1),
        crowded_header_read_timeout: Duration::from_secs(1),
        body_read_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(1),
        max_connections: 64,
        shutdown_grace: Duration::from_secs(1),
    }
}

struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Stopped>,
}

async fn start(limits: Limits) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve_connections(listener, app(), limits, async move {
        let _ = stopped.await;
    }));
    Running {
        addr,
        stop: Some(stop),
        task,
    }
}

/// Reads until the server closes the connection (EOF or reset) and returns what came, or `None`
/// when it is still open after `within`.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<String> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(String::from_utf8_lossy(&got).into_owned()),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

/// Sends one whole GET on `stream` and reads its response (`Content-Length` bodies only).
async fn get_on(stream: &mut TcpStream, path: &str) -> String {
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: test\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
            .await
            .expect("a response within 5 s")
            .unwrap();
        assert!(n > 0, "connection closed before the response");
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if body.len() >= length {
                return text;
            }
        }
    }
}

/// Sends one header line every `every`, at most `lines` of them, never finishing the head;
/// whether the server cut the connection meanwhile.
async fn trickle_head_until_cut(stream: &mut TcpStream, every: Duration, lines: u32) -> bool {
    for i in 0..lines {
        tokio::time::sleep(every).await;
        if stream
            .write_all(format!("X-Slow-{i}: a\r\n").as_bytes())
            .await
            .is_err()
        {
            return true;
        }
        let mut probe = [0u8; 1];
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_millis(1), stream.read(&mut probe)).await
        {
            return true;
        }
    }
    false
}

#[tokio::test]
async fn a_client_that_trickles_its_request_head_is_disconnected() {
    let server = start(limits()).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
    let started = Instant::now();
    // One header line every 300 ms: never a whole head, always some bytes.
    let cut = trickle_head_until_cut(&mut stream, Duration::from_millis(300), 30).await;
    assert!(cut, "a head sent one line every 300 ms was never cut");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "cut after {:?}, header read timeout is 1 s",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_silent_connection_and_an_idle_kept_alive_one_are_closed() {
    let server = start(limits()).await;
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    assert!(
        closed_within(&mut silent, Duration::from_secs(4))
            .await
            .is_some(),
        "a connection that sends nothing is closed after the header read timeout"
    );

    let mut kept = TcpStream::connect(server.addr).await.unwrap();
    // Keep-alive works: two requests on one connection.
    assert!(get_on(&mut kept, "/").await.starts_with("HTTP/1.1 200"));
    let peer = get_on(&mut kept, "/peer").await;
    assert!(
        peer.ends_with(&kept.local_addr().unwrap().to_string()),
        "ConnectInfo is the peer: {peer}"
    );
    assert!(
        closed_within(&mut kept, Duration::from_secs(4))
            .await
            .is_some(),
        "an idle kept-alive connection is closed"
    );
}

/// After a request on a kept-alive connection, the next request's head gets the header read
/// timeout from its first byte, not the (longer) idle timeout. The watcher is not woken when the
/// first byte arrives; it looks again at least once per header read timeout.
#[tokio::test]
async fn a_kept_alive_connection_whose_next_head_trickles_is_cut_on_the_header_timeout() {
    let mut patient_when_idle = limits();
    patient_when_idle.idle_timeout = Duration::from_secs(30);
    patient_when_idle.header_read_timeout = Duration::from_secs(1);
    patient_when_idle.crowded_header_read_timeout = Duration::from_secs(1);
    let server = start(patient_when_idle).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    assert!(get_on(&mut stream, "/").await.starts_with("HTTP/1.1 200"));
    tokio::time::sleep(Duration::from_millis(1_500)).await; // idle, well within 30 s
    stream.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
    let started = Instant::now();
    let cut = trickle_head_until_cut(&mut stream, Duration::from_millis(250), 40).await;
    assert!(cut, "the trickling head of a second request was never cut");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "cut after {:?}: the header read timeout (1 s) applies, not the idle timeout (30 s)",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_request_body_that_trickles_is_cut() {
    let server = start(limits()).await;
    let stream = TcpStream::connect(server.addr).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    write
        .write_all(b"POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\nabcdefghij")
        .await
        .unwrap();
    let started = Instant::now();
    // One byte every 300 ms (the whole body would take 5 minutes).
    let writer = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(300)).await;
            if write.write_all(b"k").await.is_err() {
                break;
            }
        }
    });
    let mut answer = Vec::new();
    let read_all =
        tokio::time::timeout(Duration::from_secs(10), read.read_to_end(&mut answer)).await;
    writer.abort();
    assert!(
        read_all.is_ok(),
        "a body trickling one byte every 300 ms was still being read after 10 s (body timeout 1 s)"
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 4"), "refused: {answer}");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn connections_over_the_cap_wait_until_one_frees() {
    let mut tight = limits();
    tight.max_connections = 2;
    tight.header_read_timeout = Duration::from_secs(2);
    tight.crowded_header_read_timeout = Duration::from_secs(2);
    let server = start(tight).await;
    let first = TcpStream::connect(server.addr).await.unwrap();
    let _second = TcpStream::connect(server.addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The third connects (the kernel's backlog) but is not served while two are open.
    let mut third = TcpStream::connect(server.addr).await.unwrap();
    third
        .write_all(b"GET / HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 64];
    assert!(
        tokio::time::timeout(Duration::from_millis(500), third.read(&mut buf))
            .await
            .is_err(),
        "a third connection is not served while the cap of 2 is reached"
    );
    drop(first);
    let n = tokio::time::timeout(Duration::from_secs(5), third.read(&mut buf))
        .await
        .expect("served once a slot freed")
        .unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn while_the_cap_is_reached_slow_request_heads_are_cut_sooner() {
    let mut crowded = limits();
    crowded.max_connections = 2;
    crowded.header_read_timeout = Duration::from_secs(60);
    crowded.idle_timeout = Duration::from_secs(60);
    crowded.crowded_header_read_timeout = Duration::from_millis(500);
    let server = start(crowded).await;
    let mut slow = Vec::new();
    for _ in 0..2 {
        let mut s = TcpStream::connect(server.addr).await.unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nX-Slow: 1\r\n")
            .await
            .unwrap();
        slow.push(s);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let mut waiting = TcpStream::connect(server.addr).await.unwrap();
    let answer = get_on(&mut waiting, "/").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "served after {:?}: the slow heads keep their 60 s while the cap is reached",
        started.elapsed()
    );
    for mut s in slow {
        assert!(
            closed_within(&mut s, Duration::from_secs(1))
                .await
                .is_some()
        );
    }
}

#[tokio::test]
async fn shutdown_lets_a_request_in_flight_finish_and_closes_a_half_sent_one() {
    let mut patient = limits();
    // Long enough that only the shutdown can close the half-sent request.
    patient.header_read_timeout = Duration::from_secs(60);
    patient.idle_timeout = Duration::from_secs(60);
    let mut server = start(patient).await;
    let mut half = TcpStream::connect(server.addr).await.unwrap();
    half.write_all(b"POST /echo HTTP/1.1\r\nHost: te")
        .await
        .unwrap();
    let mut in_flight = TcpStream::connect(server.addr).await.unwrap();
    in_flight
        .write_all(b"GET /slow HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    server.stop.take().unwrap().send(()).unwrap();
    let answer = closed_within(&mut in_flight, Duration::from_secs(5))
        .await
        .expect("the in-flight connection is closed after its response");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("slow ok"), "{answer}");
    assert!(
        closed_within(&mut half, Duration::from_secs(5))
            .await
            .is_some(),
        "the half-sent request is closed"
    );
    let stopped = tokio::time::timeout(Duration::from_secs(5), &mut server.task)
        .await
        .expect("serve_connections returns within grace + 1 s")
        .unwrap();
    assert_eq!(stopped.closed_after_grace, 1, "the half-sent request");
    assert!(started.elapsed() < Duration::from_secs(4));
    assert!(
        TcpStream::connect(server.addr).await.is_err(),
        "no longer accepting"
    );
}
