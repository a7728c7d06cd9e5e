//! The monitoring counters: Prometheus' text format, per clinic and refusal code, never an
//! envelope id, a token or a hash; served only on `metrics_listen`, not on the public port.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use asi_envelope::{Metadata, keys, seal};
use asi_inbox::clock::ManualClock;
use asi_inbox::db::Db;
use asi_inbox::{AppState, app, metrics};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

use common::{TOKEN, TestInbox, exchange, post, send, sha256_hex, with_reader};

#[tokio::test]
async fn counters_are_per_clinic_and_code_in_the_text_format_and_name_no_envelope() {
    let inbox = TestInbox::new("metrics-format");
    let (_, old) = keys::generate();
    let config = inbox.config_with(&format!(
        "anonymous_per_hour = 100000\nearlier_keys = [{{ public_key = \"{}\", accepted_until = \"2026-01-31\" }}]\n",
        old
    ));
    let db = Db::open(&config.database).unwrap();
    let state = Arc::new(AppState::with_clock(
        config,
        db,
        Arc::new(ManualClock::on("2026-12-01")),
    ));
    let router = app(state.clone());
    let monitor = metrics::app(state);

    // A follow-up link, so that a token and its hash pass through the inbox.
    let token = "a-follow-up-token-that-must-never-show";
    let register = with_reader(Request::post("/api/v1/links"), Some(TOKEN))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"links": [{"token_sha256": sha256_hex(token), "form": "trivsel",
                   "timepoint": "midway", "expires": "2027-12-31"}]})
            .to_string(),
        ))
        .unwrap();
    assert_eq!(send(&router, register).await.0, StatusCode::CREATED);

    let linked = inbox.sealed("trivsel", "midway", Some(token), "{}");
    let plain = inbox.envelope("{}");
    let stranger = {
        let metadata = Metadata::new(
            &inbox.public,
            "nowhere",
            "trivsel",
            "midway",
            "2026-11-25",
            None,
        );
        seal(&inbox.public, &metadata, b"{}").unwrap()
    };
    let retired = {
        let metadata = Metadata::new(&old, "demo", "trivsel", "midway", "2026-11-25", None);
        seal(&old, &metadata, b"{}").unwrap()
    };
    let cases = [
        (linked.to_json(), StatusCode::CREATED),
        (plain.to_json(), StatusCode::CREATED),
        (plain.to_json(), StatusCode::OK),
        (plain.to_json(), StatusCode::OK),
        (retired.to_json(), StatusCode::UNPROCESSABLE_ENTITY),
        (stranger.to_json(), StatusCode::UNPROCESSABLE_ENTITY),
        ("{}".to_owned(), StatusCode::BAD_REQUEST),
        (
            "x".repeat(asi_inbox::api::MAX_BODY + 1),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (body, status) in cases {
        assert_eq!(send(&router, post(body)).await.0, status);
    }
    let (status, _) = send(
        &router,
        post(
            inbox
                .sealed("trivsel", "midway", Some(token), "{\"again\":1}")
                .to_json(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "the link is used");

    let request = Request::get("/metrics").body(Body::empty()).unwrap();
    let (status, headers, body) = exchange(&monitor, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], metrics::CONTENT_TYPE);
    let text = body.as_str().expect("plain text").to_owned();
    let expected = "\
# HELP asi_inbox_envelopes_stored_total Envelopes stored new (answered 201), by clinic, since the inbox started.
# TYPE asi_inbox_envelopes_stored_total counter
asi_inbox_envelopes_stored_total{clinic=\"demo\"} 2
asi_inbox_envelopes_stored_total{clinic=\"other\"} 0
# HELP asi_inbox_envelopes_repeated_total Byte-identical resends of stored or deleted envelopes (answered 200), by clinic.
# TYPE asi_inbox_envelopes_repeated_total counter
asi_inbox_envelopes_repeated_total{clinic=\"demo\"} 2
asi_inbox_envelopes_repeated_total{clinic=\"other\"} 0
# HELP asi_inbox_envelopes_refused_total Envelopes refused, by clinic (empty: none served here) and refusal code.
# TYPE asi_inbox_envelopes_refused_total counter
asi_inbox_envelopes_refused_total{clinic=\"\",code=\"bad_request\"} 1
asi_inbox_envelopes_refused_total{clinic=\"\",code=\"too_large\"} 1
asi_inbox_envelopes_refused_total{clinic=\"\",code=\"unknown_clinic\"} 1
asi_inbox_envelopes_refused_total{clinic=\"demo\",code=\"key_retired\"} 1
asi_inbox_envelopes_refused_total{clinic=\"demo\",code=\"link_used\"} 1
";
    assert_eq!(text, expected);
    // Every sample line is `name{labels} value`, the labels only clinic and code.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (series, value) = line.rsplit_once(' ').unwrap();
        assert!(value.parse::<u64>().is_ok(), "{line}");
        let labels = series.split_once('{').unwrap().1.strip_suffix('}').unwrap();
        for pair in labels.split(',') {
            let (name, _) = pair.split_once('=').unwrap();
            assert!(["clinic", "code"].contains(&name), "{line}");
        }
    }
    // Nothing that names an envelope, a person's link or a reader.
    for secret in [
        linked.id.as_str(),
        plain.id.as_str(),
        stranger.id.as_str(),
        token,
        &sha256_hex(token),
        &sha256_hex(TOKEN),
        inbox.public.key_id().as_str(),
        old.key_id().as_str(),
        "nowhere",
        "trivsel",
        "midway",
    ] {
        assert!(!text.contains(secret), "{secret} in:\n{text}");
    }
    let (status, _, _) = exchange(
        &monitor,
        Request::get("/api/v1/clinics/demo")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the metrics listener serves nothing else"
    );
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).unwrap().parse().unwrap();
    (status, response)
}

fn port_of(line: &str) -> u16 {
    line.split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"))
}

#[test]
fn the_counters_are_served_on_their_own_listener_only() {
    let inbox = TestInbox::new("metrics-listener");
    let config = inbox.dir.join("inbox.toml");
    let toml = inbox.config_toml("127.0.0.1:0").replacen(
        "listen = ",
        "metrics_listen = \"127.0.0.1:0\"\nlisten = ",
        1,
    );
    std::fs::write(&config, toml).unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_asi-inbox"))
        .arg("--config")
        .arg(&config)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let listening = lines.next().unwrap().unwrap();
    let metrics = lines.next().unwrap().unwrap();
    assert!(
        listening.starts_with("asi-inbox: listening on http://127.0.0.1:"),
        "{listening}"
    );
    assert!(
        metrics.starts_with("asi-inbox: metrics on http://127.0.0.1:"),
        "{metrics}"
    );
    assert!(metrics.ends_with("/metrics"), "{metrics}");
    let (public, private) = (port_of(&listening), port_of(&metrics));
    assert_ne!(public, private);

    let (status, response) = get(private, "/metrics");
    assert_eq!(status, 200, "{response}");
    assert!(
        response.contains("asi_inbox_envelopes_stored_total{clinic=\"demo\"} 0"),
        "{response}"
    );
    let (status, response) = get(public, "/metrics");
    assert_ne!(status, 200, "{response}");
    assert!(!response.contains("asi_inbox_"), "{response}");
    let _ = server.kill();
    let _ = server.wait();
}
