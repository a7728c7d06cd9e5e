//! On a real socket: a server killed with SIGKILL during a load of distinct envelopes has,
//! after a restart, every envelope it answered 201 for.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{TOKEN, TestInbox};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(config: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_asi-inbox"))
        .arg("--config")
        .arg(config)
        .stdout(Stdio::null())
        .spawn()
        .unwrap()
}

/// One HTTP/1.1 request; the status code and body, or None when the connection failed.
fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{headers}\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    let body = response
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    Some((status, body))
}

fn wait_until_up(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while request(port, "GET", "/healthz", "", "").is_none() {
        assert!(Instant::now() < deadline, "the inbox did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_acknowledged_envelope_survives_sigkill() {
    let inbox = TestInbox::new("crash");
    let port = free_port();
    let config = inbox.dir.join("inbox.toml");
    std::fs::write(&config, inbox.config_toml(&format!("127.0.0.1:{port}"))).unwrap();
    let mut server = start(&config);
    wait_until_up(port);

    // A bounded load of distinct envelopes from another thread, recording every 201.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let envelopes: Vec<_> = (0..300)
        .map(|i| inbox.envelope(&format!("{{\"n\":{i}}}")))
        .collect();
    let sender = {
        let acknowledged = acknowledged.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            for envelope in envelopes {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                match request(port, "POST", "/api/v1/envelopes", "", &envelope.to_json()) {
                    Some((201, _)) => acknowledged.lock().unwrap().push(envelope.id.to_string()),
                    Some((status, body)) => panic!("unexpected {status}: {body}"),
                    None => break, // the server is gone
                }
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while acknowledged.lock().unwrap().len() < 100 {
        assert!(Instant::now() < deadline, "the load did not get going");
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill().unwrap(); // SIGKILL on Unix: no chance to flush anything
    server.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    sender.join().unwrap();
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 100);

    let mut server = start(&config);
    wait_until_up(port);
    let mut stored = Vec::new();
    let mut after = String::from("0");
    loop {
        let (status, body) = request(
            port,
            "GET",
            &format!("/api/v1/envelopes?after={after}&limit=1000"),
            &format!("Authorization: Bearer {TOKEN}\r\n"),
            "",
        )
        .unwrap();
        assert_eq!(status, 200, "{body}");
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        let items = page["items"].as_array().unwrap();
        if items.is_empty() {
            break;
        }
        stored.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_owned()));
        after = page["next"].as_str().unwrap().to_owned();
    }
    server.kill().unwrap();
    server.wait().unwrap();
    for id in &acknowledged {
        assert!(
            stored.contains(id),
            "envelope {id} was acknowledged with 201 but is gone"
        );
    }
    // At most the one in flight when the server died was stored without an answer.
    assert!(
        stored.len() <= acknowledged.len() + 1,
        "{} stored, {} acknowledged",
        stored.len(),
        acknowledged.len()
    );
}
