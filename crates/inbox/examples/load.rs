//! A bounded load test on loopback: the inbox in this process, 4 client threads posting 500
//! distinct sealed envelopes each over fresh connections; prints throughput and latencies.
//! Run: `cargo run --release -p asi-inbox --example load`. Results: docs/benchmarks.md.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use asi_envelope::{Metadata, keys, seal};
use asi_inbox::db::Db;
use asi_inbox::serve::serve;
use asi_inbox::{AppState, Config, app};

const THREADS: usize = 4;
const PER_THREAD: usize = 500;

fn post(port: u16, body: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "POST /api/v1/envelopes HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let dir = std::env::temp_dir().join(format!("asi-inbox-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (_, public) = keys::generate();
    let config_text = format!(
        "listen = \"127.0.0.1:0\"\ndatabase = \"{}\"\n[[clinics]]\nid = \"demo\"\nname = \"Demo\"\ncontact = \"\"\npublic_key = \"{}\"\nreader_token_sha256 = \"{}\"\nanonymous_per_hour = 100000\nidentified_per_hour = 100000\n",
        dir.join("load.sqlite").display(),
        public,
        "0".repeat(64)
    );
    std::fs::write(dir.join("load.toml"), config_text).unwrap();
    let config = Config::load(&dir.join("load.toml")).unwrap();
    let db = Db::open(&config.database).unwrap();
    // A realistic size: a full ASI kort payload (answers, scores, versions) is about 1.7 KB
    // of JSON, its envelope about 2.7 KB (`--example sizing`).
    let plaintext = format!(
        "{{\"answers\":{{{}}}}}",
        (0..59)
            .map(|i| format!("\"item_number_{i:02}_of_the_form\":{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let bodies: Vec<Vec<String>> = (0..THREADS)
        .map(|_| {
            (0..PER_THREAD)
                .map(|_| {
                    let m =
                        Metadata::new(&public, "demo", "asi_kort", "intake", "2026-11-25", None);
                    seal(&public, &m, plaintext.as_bytes()).unwrap().to_json()
                })
                .collect()
        })
        .collect();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let limits = config.limits.clone();
    let router = app(Arc::new(AppState::new(config, db)));
    // The inbox's own connection handling, as `asi-inbox` serves.
    runtime.spawn(async move { serve(listener, router, &limits, std::future::pending()).await });

    let started = Instant::now();
    let threads: Vec<_> = bodies
        .into_iter()
        .map(|bodies| {
            std::thread::spawn(move || {
                bodies
                    .iter()
                    .map(|body| {
                        let t = Instant::now();
                        assert_eq!(post(port, body), 201);
                        t.elapsed()
                    })
                    .collect::<Vec<Duration>>()
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{} POSTs ({} threads, {}-byte envelopes) in {:.2} s: {:.0} per second; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        THREADS,
        bodies_len_hint(&plaintext),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn bodies_len_hint(plaintext: &str) -> usize {
    // ct = plaintext + tag, b64u, plus aad and the JSON frame.
    plaintext.len() * 4 / 3 + 400
}
