//! The server protects itself: concurrency limits with 503 + Retry-After, cancellation that
//! reaches the store, header/idle timeouts, the Host allow-list, the token, security headers,
//! generic panic answers and one log line per request.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use newsgraph_server::{AppState, Limits, ServerConfig};
use newsgraph_store::{Location, OpenMode, Store, StoreError};
use tower::ServiceExt;

fn config(limits: Limits) -> ServerConfig {
    ServerConfig {
        limits,
        ..Default::default()
    }
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_millis(400)).await;
    "done"
}

async fn send(app: &Router, req: Request<Body>) -> axum::response::Response {
    app.clone().oneshot(req).await.unwrap()
}

fn get_req(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

async fn body_text(resp: axum::response::Response) -> String {
    let bytes = axum::body::to_bytes(resp.into_body(), 1 << 20)
        .await
        .unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn past_the_limit_and_queue_requests_get_503_with_retry_after() {
    let limits = Limits {
        concurrency: 2,
        queue: 2,
        ..Default::default()
    };
    let app = newsgraph_server::protect(Router::new().route("/slow", get(slow)), &config(limits));
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let app = app.clone();
        tasks.push(tokio::spawn(
            async move { send(&app, get_req("/slow")).await },
        ));
    }
    let (mut ok, mut shed) = (0, 0);
    for t in tasks {
        let resp = t.await.unwrap();
        match resp.status() {
            StatusCode::OK => ok += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                assert!(resp.headers().contains_key(header::RETRY_AFTER));
                assert!(body_text(resp).await.contains("busy"));
                shed += 1;
            }
            s => panic!("unexpected {s}"),
        }
    }
    // At most 2 running + 2 queued (+1 held by the queue's worker) succeed; the rest are shed
    // at once rather than waiting without bound.
    assert!((2..=5).contains(&ok), "ok {ok}, shed {shed}");
    assert_eq!(ok + shed, 12);
}

fn store_with_articles() -> (tempfile::TempDir, Arc<Store>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &Location::Embedded(dir.path().to_path_buf()),
        OpenMode::ReadWrite,
    )
    .unwrap();
    (dir, Arc::new(store))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expensive_routes_share_a_small_limit() {
    let (_dir, store) = store_with_articles();
    let limits = Limits {
        expensive_concurrency: 1,
        expensive_queue: 1,
        ..Default::default()
    };
    let gates = newsgraph_server::Gates::new(limits);
    let routes = Router::new()
        .route("/a", gates.expensive(get(slow)))
        .route("/b", gates.expensive(get(slow)))
        .route("/cheap", get(|| async { "cheap" }))
        .with_state(AppState::new(store));
    let app = newsgraph_server::protect(routes, &config(limits));
    let mut tasks = Vec::new();
    for i in 0..8 {
        let app = app.clone();
        let uri = if i % 2 == 0 { "/a" } else { "/b" };
        tasks.push(tokio::spawn(async move {
            send(&app, get_req(uri)).await.status()
        }));
    }
    // A cheap request is answered at once while the expensive ones queue.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let started = Instant::now();
    assert_eq!(send(&app, get_req("/cheap")).await.status(), StatusCode::OK);
    assert!(started.elapsed() < Duration::from_millis(200));
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let shed = statuses
        .iter()
        .filter(|s| **s == StatusCode::SERVICE_UNAVAILABLE)
        .count();
    assert!(
        shed >= 2,
        "one slot for both routes sheds most of 8: {statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_abandoned_request_cancels_its_store_call() {
    let (_dir, store) = store_with_articles();
    let (tx, rx) = std::sync::mpsc::channel::<Instant>();
    let tx = Arc::new(Mutex::new(tx));
    let handler = move |State(state): State<AppState>| {
        let tx = tx.clone();
        async move {
            let r = newsgraph_server::blocking(&state, move |st| loop {
                // A long store call: many small statements, each checked for cancellation.
                if let Err(StoreError::Cancelled) = st.stats() {
                    let _ = tx.lock().unwrap().send(Instant::now());
                    return Err(StoreError::Cancelled);
                }
                std::thread::sleep(Duration::from_millis(5));
            })
            .await;
            r.map(|()| "never").map_err(|e| e.to_string())
        }
    };
    let routes = Router::new()
        .route("/long", get(handler))
        .with_state(AppState::new(store));
    let limits = Limits {
        request_timeout: Duration::from_millis(300),
        ..Default::default()
    };
    let app = newsgraph_server::protect(routes, &config(limits));
    let resp = send(&app, get_req("/long")).await;
    let timed_out = Instant::now();
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    let stopped = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("the store call was never cancelled");
    assert!(stopped.duration_since(timed_out) < Duration::from_secs(1));
}

#[tokio::test]
async fn unknown_hosts_are_refused_and_allowed_ones_answered() {
    let routes = Router::new().route("/api/x", get(|| async { "x" }));
    let app = newsgraph_server::protect(routes.clone(), &ServerConfig::default());
    let with_host = |h: &str| {
        Request::get("/api/x")
            .header(header::HOST, h)
            .body(Body::empty())
            .unwrap()
    };
    for ok in [
        "localhost:8080",
        "127.0.0.1:8080",
        "[::1]:8080",
        "LOCALHOST",
    ] {
        assert_eq!(
            send(&app, with_host(ok)).await.status(),
            StatusCode::OK,
            "{ok}"
        );
    }
    let resp = send(&app, with_host("attacker.example:8080")).await;
    assert_eq!(resp.status(), StatusCode::MISDIRECTED_REQUEST);
    assert!(body_text(resp).await.contains("--allow-host"));
    let app = newsgraph_server::protect(
        routes,
        &ServerConfig {
            allowed_hosts: vec!["news.example.org".into()],
            ..Default::default()
        },
    );
    let resp = send(&app, with_host("news.example.org")).await;
    assert_eq!(resp.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_configured_token_is_required() {
    let token = "0123456789abcdef-secret";
    let app = newsgraph_server::protect(
        Router::new().route("/api/x", get(|| async { "x" })),
        &ServerConfig {
            token: Some(token.into()),
            ..Default::default()
        },
    );
    let with_auth = |v: Option<&str>| {
        let mut b = Request::get("/api/x");
        if let Some(v) = v {
            b = b.header(header::AUTHORIZATION, v);
        }
        b.body(Body::empty()).unwrap()
    };
    let resp = send(&app, with_auth(None)).await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(resp.headers().contains_key(header::WWW_AUTHENTICATE));
    let bearer = format!("Bearer {token}");
    assert_eq!(
        send(&app, with_auth(Some(&bearer))).await.status(),
        StatusCode::OK
    );
    // Basic auth with any user and the token as password (a browser's login prompt).
    use base64::Engine;
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("me:{token}"))
    );
    assert_eq!(
        send(&app, with_auth(Some(&basic))).await.status(),
        StatusCode::OK
    );
    for wrong in [
        "Bearer nope",
        "Bearer 0123456789abcdef-secreT",
        "Basic !!!",
        "token",
    ] {
        assert_eq!(
            send(&app, with_auth(Some(wrong))).await.status(),
            StatusCode::UNAUTHORIZED,
            "{wrong}"
        );
    }
}

#[tokio::test]
async fn public_binds_without_a_token_are_refused() {
    let (_dir, store) = store_with_articles();
    let config = ServerConfig {
        addr: "0.0.0.0:0".parse().unwrap(),
        ..Default::default()
    };
    let err = newsgraph_server::serve_with(store, &config, |_| panic!("must not bind"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("--token"), "{err}");
}

#[tokio::test]
async fn panics_are_answered_generically_with_security_headers() {
    let app = newsgraph_server::protect(
        Router::new().route(
            "/boom",
            get(|| async {
                if true {
                    panic!("secret detail /home/x/db");
                }
                "unreachable"
            }),
        ),
        &ServerConfig::default(),
    );
    let resp = send(&app, get_req("/boom")).await;
    assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(resp.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(resp.headers().contains_key(header::CONTENT_SECURITY_POLICY));
    let text = body_text(resp).await;
    assert!(!text.contains("secret"), "{text}");
    assert!(text.contains("internal error"), "{text}");
}

/// A writer the log lines go to, for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn each_request_writes_one_log_line() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let app = newsgraph_server::protect(
        Router::new().route("/api/x", get(|| async { "x" })),
        &ServerConfig::default(),
    );
    send(&app, get_req("/api/x?q=1")).await;
    send(&app, get_req("/nowhere")).await;
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(lines[0].contains("uri=/api/x?q=1") && lines[0].contains("status=200"));
    assert!(lines[1].contains("status=404"), "{log}");
}

/// Reads until the server closes the connection; the time it took.
fn time_until_closed(mut stream: TcpStream) -> Duration {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return started.elapsed(),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                panic!("still open after 20 s")
            }
            Err(_) => return started.elapsed(),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_slow_and_idle_clients_are_disconnected() {
    let limits = Limits {
        header_timeout: Duration::from_secs(1),
        ..Default::default()
    };
    let app = newsgraph_server::protect(
        Router::new().route("/api/x", get(|| async { "x" })),
        &config(limits),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        newsgraph_server::serve_listener(listener, app, &limits, async {
            let _ = stopped.await;
        })
        .await
    });
    let waits = tokio::task::spawn_blocking(move || {
        // Sends nothing at all.
        let silent = TcpStream::connect(addr).unwrap();
        // Sends half a request head, then nothing (slowloris).
        let mut partial = TcpStream::connect(addr).unwrap();
        partial
            .write_all(b"GET /api/x HTTP/1.1\r\nHost: localhost\r\n")
            .unwrap();
        // Sends one whole request, reads the answer, then idles on the kept-alive connection.
        let mut idle = TcpStream::connect(addr).unwrap();
        idle.write_all(b"GET /api/x HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let mut head = [0u8; 12];
        idle.read_exact(&mut head).unwrap();
        assert_eq!(&head, b"HTTP/1.1 200");
        let a = std::thread::spawn(move || time_until_closed(silent));
        let b = std::thread::spawn(move || time_until_closed(partial));
        let c = std::thread::spawn(move || time_until_closed(idle));
        [a.join().unwrap(), b.join().unwrap(), c.join().unwrap()]
    })
    .await
    .unwrap();
    for w in waits {
        assert!(w < Duration::from_secs(5), "held open {w:?}");
    }
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
