//! Key rotation: a clinic's earlier keys are accepted after it has a new one — for good, or
//! until their `accepted_until` day — and a bad `earlier_keys` entry stops the inbox at start.

mod common;

use std::sync::Arc;
use std::time::Duration;

use asi_envelope::{Envelope, Metadata, PublicKey, SecretKey, keys, open, seal};
use asi_inbox::clock::ManualClock;
use asi_inbox::db::Db;
use asi_inbox::{AppState, Config, app};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;

use common::{TOKEN, TestInbox, get, post, run_inbox, send, with_reader};

/// The server for `config`, going by a clock set to the start of `day`.
fn router_on(config: Config, day: &str) -> (Router, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::on(day));
    let db = Db::open(&config.database).unwrap();
    let state = Arc::new(AppState::with_clock(config, db, clock.clone()));
    (app(state), clock)
}

/// A response to the demo clinic sealed to `key`.
fn sealed_to(key: &PublicKey, plaintext: &str) -> Envelope {
    let metadata = Metadata::new(key, "demo", "trivsel", "midway", "2026-11-25", None);
    seal(key, &metadata, plaintext.as_bytes()).unwrap()
}

async fn post_envelope(router: &Router, envelope: &Envelope) -> (StatusCode, Value) {
    send(router, post(envelope.to_json())).await
}

/// Every envelope the demo clinic can read, as stored.
async fn listed(router: &Router) -> Vec<Envelope> {
    let request = with_reader(Request::get("/api/v1/envelopes?limit=1000"), Some(TOKEN))
        .body(Body::empty())
        .unwrap();
    let (status, page) = send(router, request).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| Envelope::from_json(&item.to_string()).unwrap())
        .collect()
}

fn opens_with(secret: &SecretKey, envelope: &Envelope) -> String {
    String::from_utf8(open(secret, envelope).unwrap().plaintext).unwrap()
}

#[tokio::test]
async fn an_earlier_key_is_accepted_until_its_last_day_and_refused_as_retired_after() {
    let inbox = TestInbox::new("keys-retire");
    let (old_secret, old_public) = keys::generate();
    let config = inbox.config_with(&format!(
        "earlier_keys = [{{ public_key = \"{}\", accepted_until = \"2027-06-30\" }}]\n",
        old_public
    ));
    let (router, clock) = router_on(config, "2027-06-30");

    // The settings keep naming the current key only.
    let (status, settings) = send(&router, get("/api/v1/clinics/demo")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(settings["public_key"], inbox.public.to_string());
    assert_eq!(settings["key_id"], inbox.public.key_id().as_str());
    assert!(!settings.to_string().contains(&old_public.to_string()));

    // On the last day both keys are accepted.
    let to_current = sealed_to(&inbox.public, "to the current key");
    let to_old = sealed_to(&old_public, "sealed offline with kept settings");
    let to_old_deleted = sealed_to(&old_public, "read and deleted by the clinic");
    for envelope in [&to_current, &to_old, &to_old_deleted] {
        let (status, ack) = post_envelope(&router, envelope).await;
        assert_eq!(status, StatusCode::CREATED, "{ack}");
        assert_eq!(ack["status"], "stored");
    }
    let delete = with_reader(
        Request::delete(format!("/api/v1/envelopes/{}", to_old_deleted.id)),
        Some(TOKEN),
    )
    .body(Body::empty())
    .unwrap();
    assert_eq!(send(&router, delete).await.0, StatusCode::NO_CONTENT);

    // The next day, 00:00 UTC: the earlier key is retired.
    clock.advance(Duration::from_secs(86_400));
    let late = sealed_to(&old_public, "sealed offline, sent too late");
    let (status, refusal) = post_envelope(&router, &late).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refusal}");
    assert_eq!(refusal["code"], "key_retired");
    let message = refusal["error"].as_str().unwrap();
    assert!(message.contains("2027-06-30"), "{message}");
    assert!(message.contains(old_public.key_id().as_str()), "{message}");

    // What was stored before is still acknowledged when a phone that never heard the 201
    // sends it again, also when the clinic has deleted it since.
    for envelope in [&to_old, &to_old_deleted] {
        let (status, ack) = post_envelope(&router, envelope).await;
        assert_eq!(status, StatusCode::OK, "{ack}");
        assert_eq!(ack["status"], "already stored");
    }
    // The current key is as welcome as ever; a key the clinic never had is still wrong.
    let (status, ack) = post_envelope(&router, &sealed_to(&inbox.public, "after")).await;
    assert_eq!(status, StatusCode::CREATED, "{ack}");
    let (_, stranger) = keys::generate();
    let (status, refusal) = post_envelope(&router, &sealed_to(&stranger, "x")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refusal["code"], "wrong_key");

    // The clinic reads both kinds, each opening with its own key.
    let stored = listed(&router).await;
    assert_eq!(stored.len(), 3);
    assert_eq!(opens_with(&inbox.secret, &stored[0]), "to the current key");
    assert_eq!(
        opens_with(&old_secret, &stored[1]),
        "sealed offline with kept settings"
    );
    assert!(stored.iter().all(|e| e.id != late.id));
}

#[tokio::test]
async fn an_earlier_key_without_an_end_is_accepted_for_good() {
    let inbox = TestInbox::new("keys-forever");
    let (_, oldest) = keys::generate();
    let (_, old) = keys::generate();
    let config = inbox.config_with(&format!(
        "earlier_keys = [\n  {{ public_key = \"{}\", accepted_until = \"2027-01-31\" }},\n  {{ public_key = \"{}\" }},\n]\n",
        oldest,
        old
    ));
    let (router, _) = router_on(config, "2045-12-31");
    let (status, ack) = post_envelope(&router, &sealed_to(&old, "years later")).await;
    assert_eq!(status, StatusCode::CREATED, "{ack}");
    let (status, refusal) = post_envelope(&router, &sealed_to(&oldest, "retired")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refusal["code"], "key_retired");
}

#[test]
fn earlier_keys_that_cannot_work_are_refused_when_the_configuration_is_loaded() {
    let inbox = TestInbox::new("keys-invalid");
    let current = inbox.public.to_string();
    let (_, a) = keys::generate();
    let (_, b) = keys::generate();
    let (a, b) = (a.to_string(), b.to_string());
    for (keys, expected) in [
        (
            format!("[{{ public_key = \"{current}\" }}]"),
            "clinic demo: earlier_keys #1 is the current public_key: a key goes in earlier_keys only once another has replaced it",
        ),
        (
            format!(
                "[{{ public_key = \"{a}\" }}, {{ public_key = \"{b}\" }}, {{ public_key = \"{a}\" }}]"
            ),
            "clinic demo: earlier_keys #3 is the same key as earlier_keys #1: list each key once",
        ),
        (
            format!("[{{ public_key = \"{a}\" }}, {{ public_key = \"AAAA\" }}]"),
            "clinic demo: earlier_keys #2: public_key: an X25519 key is 32 bytes, this one is 3",
        ),
        (
            format!("[{{ public_key = \"{a}\", accepted_until = \"2027-02-30\" }}]"),
            "clinic demo: earlier_keys #1: accepted_until = \"2027-02-30\" is not a day: write the last day",
        ),
        (
            format!("[{{ public_key = \"{a}\", accepted_until = \"30-06-2027\" }}]"),
            "accepted_until = \"30-06-2027\" is not a day",
        ),
        (
            format!("[{{ public_key = \"{a}\", accepted_until = \"2027-6-30\" }}]"),
            "accepted_until = \"2027-6-30\" is not a day",
        ),
        (
            format!("[{{ public_key = \"{a}\", until = \"2027-06-30\" }}]"),
            "unknown field `until`",
        ),
        (
            "[{ accepted_until = \"2027-06-30\" }]".to_owned(),
            "missing field `public_key`",
        ),
    ] {
        let error = inbox
            .load(&inbox.config_toml_with("127.0.0.1:0", &format!("earlier_keys = {keys}\n")))
            .expect_err(&keys)
            .to_string();
        assert!(error.contains(expected), "{keys}: {error}");
    }
}

#[test]
fn the_binary_names_the_clinic_and_the_entry_of_a_bad_earlier_key_and_stops() {
    let inbox = TestInbox::new("keys-binary");
    let toml = inbox.config_toml_with(
        "127.0.0.1:0",
        &format!("earlier_keys = [{{ public_key = \"{}\" }}]\n", inbox.public),
    );
    let path = inbox.dir.join("inbox.toml");
    std::fs::write(&path, toml).unwrap();
    let out = run_inbox(["--config".as_ref(), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("clinic demo: earlier_keys #1 is the current public_key"),
        "{stderr}"
    );
    assert!(!inbox.dir.join("inbox.sqlite").exists(), "no database made");
}
