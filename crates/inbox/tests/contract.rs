//! What a hostile or careless client can send, and what it gets: every answer documented in
//! `docs/sync-api.md`, never a 5xx, a page of the app for an API address, or a redirect off
//! the site. Also the acknowledgement, the separate budgets, the configuration's refusals,
//! the database files' modes and retention in batches.

mod common;

use std::os::unix::fs::PermissionsExt;

use asi_inbox::Config;
use asi_inbox::db::{Db, Row};
use asi_protocol::{Ack, AckStatus, Refusal, RefusalCode, sha256_hex};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::*;
use serde_json::Value;

/// A request of `method` to `path`, with `authorization` if given.
fn request(method: Method, path: &str, authorization: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(value) = authorization {
        builder = builder.header(header::AUTHORIZATION, value);
    }
    builder.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn every_request_a_client_can_send_gets_its_documented_answer() {
    let inbox = TestInbox::new("contract");
    let mut config = inbox.config();
    let app = inbox.app_dir(&[("index.html", b"<!DOCTYPE html><title>app</title>")]);
    std::fs::create_dir_all(app.join("klinik")).unwrap();
    std::fs::write(app.join("klinik/index.html"), b"<title>reader</title>").unwrap();
    config.app_dir = Some(app);
    let (router, _) = router_for(config);
    let long = format!("/{}", "a".repeat(300));
    let very_long = format!("/{}", "a/".repeat(600));
    let bearer = |scheme: &str| format!("{scheme} {TOKEN}");
    let cases: Vec<(Method, &str, Option<String>, StatusCode, RefusalCode)> = vec![
        (
            Method::GET,
            "/api/v1/nope",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            "/api/v2/envelopes",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            "/api/v1/clinics/",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            "/api",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            "/api/",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::POST,
            "/api/v1/envelope",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::DELETE,
            "/api/v1/links",
            None,
            StatusCode::METHOD_NOT_ALLOWED,
            RefusalCode::MethodNotAllowed,
        ),
        (
            Method::PUT,
            "/api/v1/envelopes",
            None,
            StatusCode::METHOD_NOT_ALLOWED,
            RefusalCode::MethodNotAllowed,
        ),
        (
            Method::PATCH,
            "/api/v1/nope",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            &long,
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            &very_long,
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            "//klinik",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            "//evil.example",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            "/%5Cevil.example",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            "/%2F%2Fevil.example",
            None,
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
        ),
        (
            Method::GET,
            "/api/v1/envelopes",
            Some(bearer("Basic")),
            StatusCode::UNAUTHORIZED,
            RefusalCode::Unauthorized,
        ),
        (
            Method::GET,
            "/api/v1/envelopes",
            Some("Bearer".into()),
            StatusCode::UNAUTHORIZED,
            RefusalCode::Unauthorized,
        ),
        (
            Method::GET,
            "/api/v1/envelopes",
            Some("Bearer    ".into()),
            StatusCode::UNAUTHORIZED,
            RefusalCode::Unauthorized,
        ),
        (
            Method::GET,
            "/api/v1/envelopes?after=x",
            Some(bearer("bearer")),
            StatusCode::BAD_REQUEST,
            RefusalCode::BadRequest,
        ),
        (
            Method::GET,
            "/api/v1/envelopes?limit=-1",
            Some(bearer("Bearer")),
            StatusCode::BAD_REQUEST,
            RefusalCode::BadRequest,
        ),
    ];
    for (method, path, authorization, status, code) in cases {
        let shown = format!("{method} {}", &path[..path.len().min(60)]);
        let (got, headers, body) =
            exchange(&router, request(method, path, authorization.as_deref())).await;
        assert_eq!(got, status, "{shown}: {body}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{shown}"
        );
        let refusal: Refusal = serde_json::from_value(body.clone())
            .unwrap_or_else(|e| panic!("{shown}: {body} is no refusal: {e}"));
        assert_eq!(refusal.code, code, "{shown}");
        assert!(!refusal.error.is_empty(), "{shown}");
    }
    // The scheme's name is case-insensitive.
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let (status, body) = send(
            &router,
            request(Method::GET, "/api/v1/envelopes", Some(&bearer(scheme))),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{scheme}: {body}");
        assert_eq!(body["items"], Value::Array(vec![]));
    }
    // A directory without its slash is sent to it on this site, never to another host.
    let (status, headers, _) = exchange(&router, get("/klinik")).await;
    assert!(status.is_redirection(), "{status}");
    let location = headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.starts_with('/') && !location.starts_with("//"),
        "{location}"
    );
    // App routes still get the app.
    let (status, _, body) = exchange(&router, get("/selvtest")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        Value::String("<!DOCTYPE html><title>app</title>".into())
    );
}

/// The envelope's failure vectors (`docs/envelope.md` §5.1) that a check without the key
/// refuses are refused here, as 400 `bad_request`, and none is stored.
#[tokio::test]
async fn the_failure_vectors_a_keyless_check_refuses_are_bad_requests() {
    let inbox = TestInbox::new("failure-vectors");
    let (router, state) = router(&inbox);
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../envelope/tests/vectors/failures");
    let mut refused = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let vector: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        if vector["inspect"] == "ok" {
            continue;
        }
        let envelope = vector["envelope"].as_str().unwrap().to_owned();
        let (status, body) = send(&router, post(envelope)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{vector}: {body}");
        assert_eq!(body["code"], "bad_request", "{vector}");
        refused += 1;
    }
    assert!(refused >= 10, "{refused}");
    assert_eq!(state.db.count().unwrap(), 0);
}

#[tokio::test]
async fn metadata_must_be_written_in_its_canonical_form() {
    let inbox = TestInbox::new("canonical");
    let (router, state) = router(&inbox);
    let envelope = inbox.envelope("{}");
    let aad = String::from_utf8(envelope.aad.clone()).unwrap();
    let value: Value = serde_json::from_str(&aad).unwrap();
    for (what, spelled) in [
        ("white space", serde_json::to_string_pretty(&value).unwrap()),
        ("a token of null", aad.replacen('}', r#","token":null}"#, 1)),
    ] {
        let mut changed = envelope.clone();
        changed.aad = spelled.into_bytes();
        let (status, body) = send(&router, post(changed.to_json())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {body}");
        assert_eq!(body["code"], "bad_request", "{what}");
        assert!(
            body["error"].as_str().unwrap().contains("canonical"),
            "{what}: {body}"
        );
    }
    assert_eq!(state.db.count().unwrap(), 0);
    let (status, _) = send(&router, post(envelope.to_json())).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_acknowledgement_names_the_envelope_and_the_sha256_of_its_bytes() {
    let inbox = TestInbox::new("ack");
    let (router, _) = router(&inbox);
    let envelope = inbox.envelope("{}").to_json();
    let id = serde_json::from_str::<Value>(&envelope).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (status, ack) in [
        (StatusCode::CREATED, AckStatus::Stored),
        (StatusCode::OK, AckStatus::AlreadyStored),
    ] {
        let (got, body) = send(&router, post(envelope.clone())).await;
        assert_eq!(got, status);
        let answer = serde_json::to_vec(&body).unwrap();
        let confirmed = Ack::confirming(&answer, &id, envelope.as_bytes())
            .unwrap_or_else(|| panic!("{body} does not acknowledge the envelope"));
        assert_eq!(confirmed.status, ack);
        assert_eq!(confirmed.sha256, sha256_hex(envelope.as_bytes()));
    }
}

#[tokio::test]
async fn a_flood_of_anonymous_self_tests_leaves_identified_intakes_accepted() {
    let inbox = TestInbox::new("budgets");
    let config = inbox.config_with("anonymous_per_hour = 3\nidentified_per_hour = 2\n");
    let (router, _) = router_for(config);
    for _ in 0..3 {
        let junk = inbox.sealed("asi_kort", "self_screening", None, "{}");
        assert_eq!(
            send(&router, post(junk.to_json())).await.0,
            StatusCode::CREATED
        );
    }
    let junk = inbox.sealed("asi_kort", "self_screening", None, "{}");
    let (status, headers, body) = exchange(&router, post(junk.to_json())).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "rate_limited");
    assert!(headers.contains_key(header::RETRY_AFTER));
    // The clinic's identified intakes have a budget of their own.
    for _ in 0..2 {
        let intake = inbox.sealed("asi_kort", "intake", None, "{}");
        let (status, body) = send(&router, post(intake.to_json())).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let intake = inbox.sealed("asi_kort", "intake", None, "{}");
    assert_eq!(
        send(&router, post(intake.to_json())).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[test]
fn configurations_that_cannot_be_run_safely_are_refused_at_start_with_their_message() {
    let inbox = TestInbox::new("bad-config");
    let good = inbox.config_toml("127.0.0.1:0");
    assert!(inbox.load(&good).is_ok());
    let demo_hash = sha256_hex(TOKEN.as_bytes());
    let empty_hash = sha256_hex(b"");
    let cases = [
        (
            good.replace(r#"["http://localhost:4173"]"#, r#"["*"]"#),
            "allowed_origins: \"*\"",
        ),
        (
            good.replace(r#"["http://localhost:4173"]"#, r#"["localhost:4173"]"#),
            "allowed_origins: \"localhost:4173\"",
        ),
        (
            good.replace(
                r#"["http://localhost:4173"]"#,
                r#"["https://example.dk/embed"]"#,
            ),
            "is not a web origin",
        ),
        (
            good.replace(&sha256_hex(OTHER_TOKEN.as_bytes()), &demo_hash),
            "clinic other: reader_token_sha256 is also clinic demo's",
        ),
        (
            good.replace(&demo_hash, &empty_hash),
            "clinic demo: reader_token_sha256 is the SHA-256 of an empty token",
        ),
        (
            inbox.config_toml_with("127.0.0.1:0", "identified_per_hour = 0\n"),
            "identified_per_hour must be at least 1",
        ),
    ];
    for (toml, message) in cases {
        let error = inbox.load(&toml).map(|_| ()).unwrap_err().to_string();
        assert!(error.contains(message), "{error} should say {message}");
    }
    // The server itself stops with the message, exit status 2, before it listens.
    let path = inbox.dir.join("wildcard.toml");
    std::fs::write(
        &path,
        good.replace(r#"["http://localhost:4173"]"#, r#"["*"]"#),
    )
    .unwrap();
    let out = run_inbox(["--config".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("allowed_origins"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("listening"));
}

#[test]
fn the_database_and_its_companion_files_are_readable_by_the_inbox_user_only() {
    let inbox = TestInbox::new("modes");
    let path = inbox.dir.join("modes.sqlite");
    let db = Db::open(&path).unwrap();
    let envelope = inbox.envelope("{}").to_json();
    db.store(&row("a", &envelope)).unwrap();
    let mode = |suffix: &str| {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777
    };
    for suffix in ["", "-wal", "-shm"] {
        assert_eq!(mode(suffix), 0o600, "inbox.sqlite{suffix}");
    }
    drop(db);
    // A database made by an older inbox with a wider mode is narrowed when it is opened.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let _db = Db::open(&path).unwrap();
    assert_eq!(mode(""), 0o600);
}

/// A row of clinic demo with id `id`.
fn row<'a>(id: &'a str, body: &'a str) -> Row<'a> {
    Row {
        id,
        clinic: "demo",
        key_id: "0000000000000000",
        form: "trivsel",
        timepoint: "midway",
        day: "2026-11-25",
        body: body.as_bytes(),
    }
}

#[test]
fn retention_deletes_ten_thousand_expired_envelopes_in_bounded_batches() {
    let inbox = TestInbox::new("retention-batches");
    let config: Config = inbox.config();
    let path = config.database.clone();
    let today = asi_inbox::db::today();
    drop(Db::open(&path).unwrap());
    {
        // 10,000 envelopes stored 400 days ago, written in one transaction for speed.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for i in 0..10_000 {
            tx.execute(
                "INSERT INTO envelopes (id, clinic, key_id, form, timepoint, day, body, stored_day)
                 VALUES (?1, 'demo', '0000000000000000', 'trivsel', 'midway', '2025-10-25', ?2, ?3)",
                rusqlite::params![format!("old-{i}"), format!("body-{i}").into_bytes(), today - 400],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let db = Db::open(&path).unwrap();
    // One batch deletes at most its size, oldest first, and lets go of the database: an
    // envelope arriving between two batches is stored and kept.
    assert_eq!(db.expire("demo", RETENTION_DAYS, today, 500).unwrap(), 500);
    let fresh = inbox.envelope("{}").to_json();
    db.store(&row("fresh", &fresh)).unwrap();
    assert_eq!(db.count().unwrap(), 10_000 - 500 + 1);
    drop(db);
    let (_, state) = router_for(config);
    let deleted = asi_inbox::retention::expire_all(&state, today).unwrap();
    assert_eq!(deleted, 9_500);
    assert_eq!(state.db.count().unwrap(), 1);
    // Each deleted envelope left its tombstone: a resend is answered, never stored again.
    assert_eq!(
        state.db.previous("old-9999", b"body-9999").unwrap(),
        Some(asi_inbox::db::Stored::Repeat)
    );
    assert_eq!(asi_inbox::retention::BATCH, 500);
}

#[test]
fn the_help_says_what_the_inbox_reads_and_writes() {
    let out = run_inbox(["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for phrase in [
        "The configuration file (TOML",
        "read once at start and never written",
        "`-wal` and `-shm`",
        "mode 0600",
        "ASI_INBOX_DATABASE",
        "`[limits]`",
        "exit status 2",
    ] {
        assert!(help.contains(phrase), "{phrase:?} missing from:\n{help}");
    }
}
