//! On real sockets: slow and stalled clients are cut by their timeouts, `/healthz` is answered
//! while more stalled connections than the cap are held, a stalled request body gets 408
//! `timeout`, and SIGTERM ends the inbox within its grace period while a request being
//! answered completes. Timeouts are 1 s here; bounds are generous for a busy machine.

mod common;

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use asi_inbox::config::ConfigError;
use asi_inbox::serve::serve;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio::time::{Instant, timeout};

use common::{TestInbox, run_inbox};

/// The longest any test waits for an event before it fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// A request head that is never finished.
fn endless_head() -> Vec<u8> {
    let mut head = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".to_vec();
    head.extend(std::iter::repeat_n(b'a', 2000));
    head
}

/// The `[limits]` table.
fn limits(header: u64, body: u64, idle: u64, max_connections: usize, grace: u64) -> String {
    format!(
        "[limits]\nheader_timeout_secs = {header}\nbody_timeout_secs = {body}\n\
         idle_timeout_secs = {idle}\nmax_connections = {max_connections}\n\
         shutdown_grace_secs = {grace}\n"
    )
}

/// An inbox served in this process on a real socket.
struct Served {
    inbox: TestInbox,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    done: JoinHandle<()>,
}

impl Served {
    async fn start(name: &str, limits: &str) -> Served {
        Served::start_with(TestInbox::new(name), limits, "").await
    }

    /// `inbox` with `extra` (top-level TOML lines) in its configuration.
    async fn start_with(inbox: TestInbox, limits: &str, extra: &str) -> Served {
        let toml = format!("{extra}{}\n{limits}", inbox.config_toml("127.0.0.1:0"));
        let config = inbox.load(&toml).unwrap();
        let limits = config.limits.clone();
        let (router, _) = common::router_for(config);
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let done = tokio::spawn(async move {
            serve(listener, router, &limits, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Served {
            inbox,
            addr,
            stop: Some(stop),
            done,
        }
    }

    async fn connect(&self) -> TcpStream {
        TcpStream::connect(self.addr).await.unwrap()
    }

    /// Sends the shutdown signal.
    fn shut_down(&mut self) {
        self.stop.take().unwrap().send(()).unwrap();
    }
}

/// Writes `bytes` one at a time, `pause` apart, until the connection fails; how many were
/// written.
fn trickle(
    mut writer: impl AsyncWrite + Unpin + Send + 'static,
    bytes: Vec<u8>,
    pause: Duration,
) -> JoinHandle<usize> {
    tokio::spawn(async move {
        for (i, byte) in bytes.into_iter().enumerate() {
            if writer.write_all(&[byte]).await.is_err() {
                return i;
            }
            tokio::time::sleep(pause).await;
        }
        panic!("the trickle was never cut");
    })
}

/// Reads until the server closes the connection (or resets it); what it sent.
async fn until_closed<R: AsyncRead + Unpin + ?Sized>(reader: &mut R) -> Vec<u8> {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match timeout(PATIENCE, reader.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return received,
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
            Err(_) => panic!("the connection was not closed within {PATIENCE:?}"),
        }
    }
}

/// Reads one response (its head and a `Content-Length` body): the status, the head and the
/// body.
async fn response(reader: &mut (impl AsyncRead + Unpin)) -> (u16, String, String) {
    let mut bytes = Vec::new();
    let mut buf = [0u8; 1];
    while !bytes.ends_with(b"\r\n\r\n") {
        let n = timeout(PATIENCE, reader.read(&mut buf))
            .await
            .expect("no response in time")
            .unwrap();
        assert!(n > 0, "closed before a response: {bytes:?}");
        bytes.push(buf[0]);
    }
    let head = String::from_utf8(bytes).unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    timeout(PATIENCE, reader.read_exact(&mut body))
        .await
        .expect("no body in time")
        .unwrap();
    (status, head, String::from_utf8(body).unwrap())
}

/// `GET /healthz` on a new connection: the status, the body and how long it took.
async fn healthz(addr: SocketAddr) -> (u16, String, Duration) {
    let start = Instant::now();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (status, _, body) = response(&mut stream).await;
    (status, body, start.elapsed())
}

/// A POST of `envelope` that has sent its head with `Expect: 100-continue`, received
/// `100 Continue` (so the server is reading its body) and sent the first `sent` bytes.
async fn post_in_flight(addr: SocketAddr, length: usize, first: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/v1/envelopes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: {length}\r\nExpect: 100-continue\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let (status, _, _) = response(&mut stream).await;
    assert_eq!(status, 100);
    stream.write_all(first).await.unwrap();
    stream
}

fn assert_between(what: &str, elapsed: Duration, low: f64, high: f64) {
    let secs = elapsed.as_secs_f64();
    eprintln!("{what}: {secs:.3} s");
    assert!(
        (low..=high).contains(&secs),
        "{what} after {secs:.3} s, expected {low}–{high} s"
    );
}

#[tokio::test]
async fn a_trickling_request_head_is_cut_after_the_header_timeout() {
    let served = Served::start("to-trickle", &limits(1, 30, 30, 64, 5)).await;
    let stream = served.connect().await;
    let start = Instant::now();
    let (mut reader, writer) = stream.into_split();
    let trickler = trickle(writer, endless_head(), Duration::from_millis(200));
    let received = until_closed(&mut reader).await;
    assert_between(
        "trickling head closed (1 s header timeout)",
        start.elapsed(),
        0.9,
        2.5,
    );
    assert!(received.is_empty(), "{received:?}");
    let sent = timeout(PATIENCE, trickler).await.unwrap().unwrap();
    assert!(sent >= 4, "only {sent} bytes were trickled");
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_cut_after_the_header_timeout() {
    let served = Served::start("to-silent", &limits(1, 30, 30, 64, 5)).await;
    let start = Instant::now();
    let mut stream = served.connect().await;
    let received = until_closed(&mut stream).await;
    assert_between(
        "silent connection closed (1 s header timeout)",
        start.elapsed(),
        0.9,
        2.5,
    );
    assert!(received.is_empty());
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_cut_after_the_idle_timeout() {
    let served = Served::start("to-idle", &limits(30, 30, 1, 64, 5)).await;
    let mut stream = served.connect().await;
    // Two requests on the connection: it is kept alive between them.
    for _ in 0..2 {
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .await
            .unwrap();
        let (status, _, body) = response(&mut stream).await;
        assert_eq!((status, body.as_str()), (200, "ok"));
    }
    let start = Instant::now();
    let received = until_closed(&mut stream).await;
    assert_between(
        "idle keep-alive connection closed (1 s idle timeout)",
        start.elapsed(),
        0.9,
        2.5,
    );
    assert!(received.is_empty());
}

#[tokio::test]
async fn the_next_request_head_after_idling_has_the_header_timeout() {
    let served = Served::start("to-next-head", &limits(1, 30, 30, 64, 5)).await;
    let mut stream = served.connect().await;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    assert_eq!(response(&mut stream).await.0, 200);
    // Idle well past the header timeout: the idle timeout (30 s) applies, not the header's.
    // (This is the one place a pause is the point: nothing is to happen during it.)
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stream.write_all(b"G").await.unwrap();
    let start = Instant::now();
    let (mut reader, writer) = stream.into_split();
    let trickler = trickle(
        writer,
        endless_head()[1..].to_vec(),
        Duration::from_millis(200),
    );
    let received = until_closed(&mut reader).await;
    assert_between(
        "next head after idling closed (1 s header timeout)",
        start.elapsed(),
        0.9,
        2.5,
    );
    assert!(received.is_empty());
    trickler.abort();
}

#[tokio::test]
async fn healthz_is_answered_while_more_stalled_connections_than_the_cap_are_held() {
    const CAP: usize = 8;
    const STALLED: usize = 20;
    let served = Served::start("to-cap", &limits(30, 30, 30, CAP, 5)).await;
    let mut readers = Vec::new();
    let mut writers = Vec::new();
    let mut tricklers = Vec::new();
    for i in 0..STALLED {
        let (reader, writer) = served.connect().await.into_split();
        readers.push(reader);
        if i % 2 == 0 {
            // Silent (a write half dropped would send FIN).
            writers.push(writer);
        } else {
            tricklers.push(trickle(writer, endless_head(), Duration::from_millis(200)));
        }
    }
    let (status, body, elapsed) = healthz(served.addr).await;
    assert_eq!((status, body.as_str()), (200, "ok"));
    assert_between(
        &format!("healthz with {STALLED} stalled connections and a cap of {CAP}"),
        elapsed,
        0.0,
        2.0,
    );
    // A real client is served too.
    let envelope = served.inbox.envelope("{\"a\":1}").to_json();
    let mut post = post_in_flight(served.addr, envelope.len(), envelope.as_bytes()).await;
    assert_eq!(response(&mut post).await.0, 201);
    drop(post);

    // The newest stalled connections are still held, the oldest were closed to make room.
    let mut open = Vec::new();
    for (i, reader) in readers.iter().enumerate() {
        let mut buf = [0u8; 16];
        if let Err(e) = reader.try_read(&mut buf)
            && e.kind() == std::io::ErrorKind::WouldBlock
        {
            open.push(i);
        }
    }
    eprintln!("stalled connections still open: {open:?}");
    assert!(
        !open.is_empty() && open.len() < CAP,
        "{} of {STALLED} stalled connections open with a cap of {CAP}",
        open.len()
    );
    assert!(
        open.iter().all(|&i| i >= STALLED - CAP),
        "an older connection was kept over a newer one: {open:?}"
    );
    for trickler in tricklers {
        trickler.abort();
    }
}

#[tokio::test]
async fn at_the_cap_with_every_request_in_flight_a_new_connection_waits_for_a_slot() {
    let served = Served::start("to-busy", &limits(30, 1, 30, 2, 5)).await;
    let start = Instant::now();
    let mut first = post_in_flight(served.addr, 1000, b"{\"id\":").await;
    let mut second = post_in_flight(served.addr, 1000, b"{\"id\":").await;
    let (status, body, elapsed) = healthz(served.addr).await;
    assert_eq!((status, body.as_str()), (200, "ok"));
    // The requests in flight were not cut for it: healthz waited for their 408s.
    assert_between(
        "healthz behind two requests in flight (cap 2, 1 s body timeout)",
        elapsed,
        0.7,
        2.5,
    );
    for stream in [&mut first, &mut second] {
        let (status, _, body) = response(stream).await;
        assert_eq!(status, 408, "{body}");
    }
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_body_that_does_not_arrive_gets_408_timeout() {
    let served = Served::start("to-body", &limits(30, 1, 30, 64, 5)).await;
    let start = Instant::now();
    let mut stream = served.connect().await;
    stream
        .write_all(
            b"POST /api/v1/envelopes HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n0123456789",
        )
        .await
        .unwrap();
    let (status, head, body) = response(&mut stream).await;
    assert_between(
        "10 of 1048576 body bytes answered (1 s body timeout)",
        start.elapsed(),
        0.9,
        2.5,
    );
    assert_eq!(status, 408, "{head}{body}");
    assert!(head.contains("application/json"), "{head}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["code"], "timeout", "{json}");
    assert!(
        json["error"].as_str().unwrap().contains("1 seconds"),
        "{json}"
    );
    // The rest of the body is not waited for.
    until_closed(&mut stream).await;
}

#[tokio::test]
async fn a_trickling_body_gets_408_when_the_body_timeout_is_spent_in_all() {
    let served = Served::start("to-body-trickle", &limits(30, 1, 30, 64, 5)).await;
    let envelope = served.inbox.envelope("{\"a\":1}").to_json();
    let stream = post_in_flight(served.addr, envelope.len(), b"").await;
    let start = Instant::now();
    let (mut reader, writer) = stream.into_split();
    // A byte every 200 ms: never 1 s without one, but the whole body takes far longer.
    let trickler = trickle(writer, envelope.into_bytes(), Duration::from_millis(200));
    let (status, _, body) = response(&mut reader).await;
    assert_between(
        "trickling body answered (1 s body timeout)",
        start.elapsed(),
        0.9,
        2.5,
    );
    assert_eq!(status, 408, "{body}");
    trickler.abort();
}

#[tokio::test]
async fn a_client_that_stops_reading_a_response_is_cut() {
    // A response far larger than the socket buffers, to a client that reads only its head.
    let big: Vec<u8> = (0..48 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    let inbox = TestInbox::new("to-slow-read");
    let dir = inbox.app_dir(&[("big.bin", &big), ("index.html", b"<p>")]);
    drop(big);
    let extra = format!("app_dir = \"{}\"\n", dir.display());
    let served = Served::start_with(inbox, &limits(30, 1, 30, 1, 5), &extra).await;
    let addr = served.addr;
    let mut reader = TcpStream::connect(addr).await.unwrap();
    reader
        .write_all(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut first = [0u8; 12];
    reader.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    // The cap is 1 and the response is being sent: healthz waits until the stalled
    // response is cut, 1 s (the body timeout) after the client last took a byte.
    let (status, _, elapsed) = healthz(addr).await;
    assert_eq!(status, 200);
    assert_between(
        "stalled response cut, healthz answered (cap 1, 1 s body timeout)",
        elapsed,
        0.7,
        5.0,
    );
    drop(reader);
}

#[tokio::test]
async fn shutdown_cuts_stalled_connections_and_lets_a_request_in_flight_finish() {
    let mut served = Served::start("to-shutdown", &limits(30, 30, 30, 64, 5)).await;
    let envelope = served.inbox.envelope("{\"a\":1}").to_json();
    let (half, rest) = envelope.as_bytes().split_at(envelope.len() / 2);
    let mut in_flight = post_in_flight(served.addr, envelope.len(), half).await;
    let (mut stalled, stalled_writer) = served.connect().await.into_split();
    let trickler = trickle(stalled_writer, endless_head(), Duration::from_millis(200));
    let mut silent = served.connect().await;
    let mut idle = served.connect().await;
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    assert_eq!(response(&mut idle).await.0, 200);

    let start = Instant::now();
    served.shut_down();
    for (what, stream) in [
        ("trickling", &mut stalled as &mut (dyn AsyncRead + Unpin)),
        ("silent", &mut silent),
        ("idle", &mut idle),
    ] {
        until_closed(stream).await;
        assert_between(
            &format!("{what} connection closed at shutdown"),
            start.elapsed(),
            0.0,
            2.0,
        );
    }
    // The request in flight is answered.
    in_flight.write_all(rest).await.unwrap();
    let (status, head, body) = response(&mut in_flight).await;
    assert_eq!(status, 201, "{body}");
    assert!(
        head.to_ascii_lowercase().contains("connection: close"),
        "{head}"
    );
    timeout(PATIENCE, served.done).await.unwrap().unwrap();
    assert_between(
        "server stopped after the request in flight (5 s grace)",
        start.elapsed(),
        0.0,
        2.0,
    );
    // New connections are refused.
    assert!(TcpStream::connect(served.addr).await.is_err());
    trickler.abort();
}

#[tokio::test]
async fn shutdown_ends_within_the_grace_period_whatever_a_request_in_flight_does() {
    let mut served = Served::start("to-grace", &limits(30, 30, 30, 64, 1)).await;
    let mut in_flight = post_in_flight(served.addr, 1000, b"{\"id\":").await;
    let start = Instant::now();
    served.shut_down();
    timeout(PATIENCE, served.done).await.unwrap().unwrap();
    assert_between(
        "server stopped with a stalled request in flight (1 s grace)",
        start.elapsed(),
        0.9,
        2.0,
    );
    let received = until_closed(&mut in_flight).await;
    assert!(received.is_empty(), "{received:?}");
}

// The real binary.

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The inbox binary on a free port with `limits`, started through `sh -c` with `shell`
/// before it (e.g. `ulimit -n 64`), its stderr piped; it answers `/healthz` when this
/// returns.
fn start_binary(inbox: &TestInbox, limits: &str, shell: &str) -> (Child, SocketAddr) {
    let port = free_port();
    let config = inbox.dir.join("inbox.toml");
    let toml = format!(
        "{}\n{limits}",
        inbox.config_toml(&format!("127.0.0.1:{port}"))
    );
    std::fs::write(&config, toml).unwrap();
    let child = Command::new("sh")
        .arg("-c")
        .arg(format!("{shell}exec \"$0\" --config \"$1\""))
        .arg(env!("CARGO_BIN_EXE_asi-inbox"))
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        if let Ok(mut s) = std::net::TcpStream::connect(addr) {
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut answer = String::new();
            if s.read_to_string(&mut answer).is_ok() && answer.starts_with("HTTP/1.1 200") {
                break;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the inbox did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, addr)
}

/// Sends SIGTERM to `child`.
fn terminate(child: &Child) {
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits for `child` to exit (on another thread): its status and how long it took.
async fn exited(mut child: Child) -> (std::process::ExitStatus, Duration, String) {
    let start = Instant::now();
    let (status, stderr) = timeout(
        PATIENCE,
        tokio::task::spawn_blocking(move || {
            let status = child.wait().unwrap();
            let mut stderr = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr)
                .unwrap();
            (status, stderr)
        }),
    )
    .await
    .expect("the inbox did not exit")
    .unwrap();
    (status, start.elapsed(), stderr)
}

#[tokio::test]
async fn sigterm_with_a_stalled_client_stops_the_binary_after_the_request_in_flight() {
    let inbox = TestInbox::new("to-sigterm");
    let (child, addr) = start_binary(&inbox, &limits(30, 30, 30, 64, 5), "");
    let envelope = inbox.envelope("{\"a\":1}").to_json();
    let (half, rest) = envelope.as_bytes().split_at(envelope.len() / 2);
    let mut in_flight = post_in_flight(addr, envelope.len(), half).await;
    let (mut stalled, stalled_writer) = TcpStream::connect(addr).await.unwrap().into_split();
    let trickler = trickle(stalled_writer, endless_head(), Duration::from_millis(200));

    let start = Instant::now();
    terminate(&child);
    // The stalled client is cut at once: the server has the signal.
    until_closed(&mut stalled).await;
    assert_between(
        "stalled client cut after SIGTERM",
        start.elapsed(),
        0.0,
        2.0,
    );
    in_flight.write_all(rest).await.unwrap();
    let (status, _, body) = response(&mut in_flight).await;
    assert_eq!(status, 201, "{body}");
    let (status, _, stderr) = exited(child).await;
    assert!(status.success(), "{status}: {stderr}");
    assert_between(
        "binary exited after SIGTERM (5 s grace)",
        start.elapsed(),
        0.0,
        2.0,
    );
    trickler.abort();
}

#[tokio::test]
async fn sigterm_stops_the_binary_within_the_grace_period_despite_a_stalled_request() {
    let inbox = TestInbox::new("to-sigterm-grace");
    let (child, addr) = start_binary(&inbox, &limits(30, 30, 30, 64, 2), "");
    let _in_flight = post_in_flight(addr, 1000, b"{\"id\":").await;
    let (_stalled, stalled_writer) = TcpStream::connect(addr).await.unwrap().into_split();
    let trickler = trickle(stalled_writer, endless_head(), Duration::from_millis(200));
    let start = Instant::now();
    terminate(&child);
    let (status, _, stderr) = exited(child).await;
    assert!(status.success(), "{status}: {stderr}");
    assert_between(
        "binary exited with a stalled request in flight (2 s grace)",
        start.elapsed(),
        1.9,
        3.5,
    );
    trickler.abort();
}

#[tokio::test]
async fn with_64_file_descriptors_healthz_is_answered_while_80_connections_stall() {
    let inbox = TestInbox::new("to-fd-limit");
    let (mut child, addr) = start_binary(&inbox, &limits(30, 30, 30, 512, 5), "ulimit -n 64 && ");
    let mut held = Vec::new();
    for _ in 0..80 {
        let (reader, writer) = TcpStream::connect(addr).await.unwrap().into_split();
        held.push((
            reader,
            trickle(writer, endless_head(), Duration::from_millis(200)),
        ));
    }
    for _ in 0..3 {
        let (status, body, elapsed) = healthz(addr).await;
        assert_eq!((status, body.as_str()), (200, "ok"));
        assert_between(
            "healthz with 80 stalled connections and 64 file descriptors",
            elapsed,
            0.0,
            2.0,
        );
    }
    // A real client is served too.
    let envelope = inbox.envelope("{\"a\":1}").to_json();
    let mut post = post_in_flight(addr, envelope.len(), envelope.as_bytes()).await;
    assert_eq!(response(&mut post).await.0, 201);
    child.kill().unwrap();
    let (_, _, stderr) = exited(child).await;
    assert!(
        stderr.contains("holding at most 16 connections, not 512"),
        "{stderr}"
    );
    for (_, trickler) in held {
        trickler.abort();
    }
}

// The configuration.

#[test]
fn limits_have_their_defaults() {
    let inbox = TestInbox::new("to-defaults");
    let limits = inbox.config().limits;
    assert_eq!(
        (
            limits.header_timeout_secs,
            limits.body_timeout_secs,
            limits.idle_timeout_secs,
            limits.max_connections,
            limits.shutdown_grace_secs
        ),
        (10, 30, 60, 512, 10)
    );
    let config = inbox
        .load(&format!(
            "{}\n[limits]\nbody_timeout_secs = 90\n",
            inbox.config_toml("127.0.0.1:0")
        ))
        .unwrap();
    assert_eq!(config.limits.body_timeout_secs, 90);
    assert_eq!(config.limits.header_timeout_secs, 10);
}

#[test]
fn bad_limits_are_refused_with_their_message() {
    let inbox = TestInbox::new("to-bad-limits");
    for (line, message) in [
        (
            "header_timeout_secs = 0",
            "[limits] header_timeout_secs = 0 is not allowed: it must be from 1 to 300 seconds",
        ),
        (
            "body_timeout_secs = 0",
            "[limits] body_timeout_secs = 0 is not allowed: it must be from 1 to 3600 seconds",
        ),
        (
            "idle_timeout_secs = 86400",
            "[limits] idle_timeout_secs = 86400 is not allowed: it must be from 1 to 3600 seconds",
        ),
        (
            "max_connections = 0",
            "[limits] max_connections = 0 is not allowed: it must be from 1 to 100000 connections",
        ),
        (
            "shutdown_grace_secs = 18446744073709551615",
            "[limits] shutdown_grace_secs = 18446744073709551615 is not allowed: it must be from 1 to 300 seconds",
        ),
    ] {
        let toml = format!("{}\n[limits]\n{line}\n", inbox.config_toml("127.0.0.1:0"));
        let error = inbox.load(&toml).unwrap_err();
        assert!(
            matches!(error, ConfigError::Limit { .. }),
            "{line}: {error}"
        );
        assert_eq!(error.to_string(), message);
    }
    for (line, part) in [
        ("header_timeout_secs = -1", "header_timeout_secs"),
        ("header_timeout = 10", "unknown field `header_timeout`"),
    ] {
        let toml = format!("{}\n[limits]\n{line}\n", inbox.config_toml("127.0.0.1:0"));
        let error = inbox.load(&toml).unwrap_err().to_string();
        assert!(error.contains(part), "{line}: {error}");
    }
}

#[test]
fn the_binary_refuses_a_bad_limit_at_start() {
    let inbox = TestInbox::new("to-bad-limit-bin");
    let config = inbox.dir.join("inbox.toml");
    std::fs::write(
        &config,
        format!(
            "{}\n[limits]\nmax_connections = 0\n",
            inbox.config_toml("127.0.0.1:0")
        ),
    )
    .unwrap();
    let output = run_inbox(["--config".as_ref(), config.as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("[limits] max_connections = 0 is not allowed"),
        "{stderr}"
    );
}
