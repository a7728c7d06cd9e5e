//! Follow-up links against a real SQLite file: registered by token hash, used by exactly one
//! envelope, expired after their last day; the rate limit on envelopes without a link.

mod common;

use std::sync::Arc;
use std::time::Duration;

use asi_envelope::Envelope;
use asi_inbox::clock::ManualClock;
use asi_inbox::db::Db;
use asi_inbox::{AppState, Config, app};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

use common::{OTHER_TOKEN, TOKEN, TestInbox, exchange, get, post, send, with_reader};

/// The server for `config`, going by a clock set to the start of `day`.
fn router_on(config: Config, day: &str) -> (Router, Arc<AppState>, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::on(day));
    let db = Db::open(&config.database).unwrap();
    let state = Arc::new(AppState::with_clock(config, db, clock.clone()));
    (app(state.clone()), state, clock)
}

fn hash(token: &str) -> String {
    asi_protocol::token_hash(token)
}

fn register(reader: Option<&str>, body: &Value) -> Request<Body> {
    with_reader(
        Request::post("/api/v1/links").header(header::CONTENT_TYPE, "application/json"),
        reader,
    )
    .body(Body::from(body.to_string()))
    .unwrap()
}

fn link(token: &str, form: &str, timepoint: &str, expires: &str) -> Value {
    json!({"token_sha256": hash(token), "form": form, "timepoint": timepoint, "expires": expires})
}

fn links(items: &[Value]) -> Value {
    json!({ "links": items })
}

fn followup(inbox: &TestInbox, token: &str, plaintext: &str) -> Envelope {
    inbox.sealed("asi_kort", "followup_40w", Some(token), plaintext)
}

async fn state_of(router: &Router, token: &str) -> Value {
    let (status, body) = send(router, get(&format!("/api/v1/links/{}", hash(token)))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["state"].clone()
}

#[tokio::test]
async fn a_link_is_answered_once_and_its_answer_can_be_resent() {
    let inbox = TestInbox::new("link-lifecycle");
    let (router, state, _) = router_on(inbox.config(), "2026-11-25");
    let token = "k3Jd9sQp2xVb7LmN4tRw8A-lifecycle-token";
    let (status, body) = send(
        &router,
        register(
            Some(TOKEN),
            &links(&[link(token, "asi_kort", "followup_40w", "2027-01-31")]),
        ),
    )
    .await;
    assert_eq!(
        (status, &body),
        (StatusCode::CREATED, &json!({"created": 1}))
    );
    let (status, headers, described) =
        exchange(&router, get(&format!("/api/v1/links/{}", hash(token)))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(
        described,
        json!({"clinic": "demo", "form": "asi_kort", "timepoint": "followup_40w",
               "expires": "2027-01-31", "state": "open"})
    );

    let first = followup(&inbox, token, "{\"n\":1}");
    let (status, body) = send(&router, post(first.to_json())).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // A second response to the same link: refused, nothing stored.
    let second = followup(&inbox, token, "{\"n\":2}");
    let (status, body) = send(&router, post(second.to_json())).await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::CONFLICT, &json!("link_used"))
    );
    // The phone that never heard the 201 resends the first: 200.
    let (status, body) = send(&router, post(first.to_json())).await;
    assert_eq!(
        (status, &body["status"]),
        (StatusCode::OK, &json!("already stored"))
    );
    assert_eq!(state_of(&router, token).await, "used");
    assert_eq!(state.db.count().unwrap(), 1);
    assert_eq!(
        state.db.link(&hash(token)).unwrap().unwrap().envelope_id,
        Some(first.id.to_string())
    );
}

#[tokio::test]
async fn an_expired_link_is_refused_but_an_answer_stored_in_time_can_be_resent() {
    let inbox = TestInbox::new("link-expiry");
    let (router, _, clock) = router_on(inbox.config(), "2026-12-31");
    let (in_time, late) = ("answered-on-the-last-day", "answered-a-day-late");
    let batch = links(&[
        link(in_time, "asi_kort", "followup_40w", "2026-12-31"),
        link(late, "asi_kort", "followup_40w", "2026-12-31"),
    ]);
    assert_eq!(
        send(&router, register(Some(TOKEN), &batch)).await.0,
        StatusCode::CREATED
    );
    // The last day is valid until its end (UTC).
    clock.advance(Duration::from_secs(86_399));
    let answered = followup(&inbox, in_time, "{}");
    assert_eq!(
        send(&router, post(answered.to_json())).await.0,
        StatusCode::CREATED
    );
    clock.advance(Duration::from_secs(1));
    assert_eq!(state_of(&router, late).await, "expired");
    assert_eq!(state_of(&router, in_time).await, "used");
    let (status, headers, body) =
        exchange(&router, post(followup(&inbox, late, "{}").to_json())).await;
    assert_eq!(status, StatusCode::GONE, "{body}");
    assert_eq!(body["code"], "link_expired");
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(
        send(&router, post(answered.to_json())).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn envelopes_with_unknown_or_mismatched_links_are_refused() {
    let inbox = TestInbox::new("link-unknown");
    let (router, state, _) = router_on(inbox.config(), "2026-11-25");
    let batch = links(&[link("demo-link", "asi_kort", "followup_40w", "2027-01-31")]);
    assert_eq!(
        send(&router, register(Some(TOKEN), &batch)).await.0,
        StatusCode::CREATED
    );
    // The other clinic's link is not the demo clinic's.
    let theirs = links(&[link("their-link", "asi_kort", "followup_40w", "2027-01-31")]);
    assert_eq!(
        send(&router, register(Some(OTHER_TOKEN), &theirs)).await.0,
        StatusCode::CREATED
    );
    for (envelope, status, code) in [
        (
            followup(&inbox, "never-registered", "{}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "link_unknown",
        ),
        (
            followup(&inbox, "their-link", "{}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "link_unknown",
        ),
        (
            inbox.sealed("asi_kort", "followup_6m", Some("demo-link"), "{}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "link_mismatch",
        ),
        (
            inbox.sealed("trivsel", "midway", Some("demo-link"), "{}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "link_mismatch",
        ),
    ] {
        let (got, body) = send(&router, post(envelope.to_json())).await;
        assert_eq!((got, body["code"].as_str()), (status, Some(code)), "{body}");
    }
    assert_eq!(state.db.count().unwrap(), 0);
    assert_eq!(state_of(&router, "demo-link").await, "open");
    let (status, body) = send(
        &router,
        get(&format!("/api/v1/links/{}", hash("never-registered"))),
    )
    .await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::NOT_FOUND, &json!("link_unknown"))
    );
}

#[tokio::test]
async fn registering_links_checks_the_token_and_every_field() {
    let inbox = TestInbox::new("link-register");
    let (router, state, _) = router_on(
        inbox.config_with(
            "anonymous_per_hour = 100000\noffers = { asi_kort = [\"followup_40w\"] }\n",
        ),
        "2026-11-25",
    );
    let good = link("a", "asi_kort", "followup_40w", "2027-01-31");
    let mut upper = good.clone();
    upper["token_sha256"] = json!(hash("a").to_uppercase());
    let mut bad_day = good.clone();
    bad_day["expires"] = json!("2027-02-30");
    let mut extra = good.clone();
    extra["ref"] = json!("person 17");
    let many: Vec<Value> = (0..1001)
        .map(|i| link(&format!("t{i}"), "asi_kort", "followup_40w", "2027-01-31"))
        .collect();
    let cases: Vec<(Option<&str>, Value, StatusCode, &str)> = vec![
        (
            None,
            links(std::slice::from_ref(&good)),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            Some("wrong"),
            links(std::slice::from_ref(&good)),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            Some(TOKEN),
            links(&[]),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Some(TOKEN),
            links(&many),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Some(TOKEN),
            links(&[upper]),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Some(TOKEN),
            links(&[bad_day]),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Some(TOKEN),
            links(&[extra]),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Some(TOKEN),
            links(&[link("a", "asi_lang", "followup_40w", "2027-01-31")]),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Some(TOKEN),
            json!({"clinic": "other", "links": [good.clone()]}),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Some(TOKEN),
            links(&[
                good.clone(),
                link("b", "asi_kort", "followup_6m", "2027-01-31"),
            ]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "not_offered",
        ),
    ];
    for (reader, body, status, code) in cases {
        let (got, answer) = send(&router, register(reader, &body)).await;
        assert_eq!(
            (got, answer["code"].as_str()),
            (status, Some(code)),
            "{answer}"
        );
    }
    assert!(
        state.db.link(&hash("a")).unwrap().is_none(),
        "a refused batch registers nothing"
    );

    // A full batch of 1000 (well above the envelope size limit) in one request.
    let thousand = links(&many[..1000]);
    let (status, body) = send(&router, register(Some(TOKEN), &thousand)).await;
    assert_eq!(
        (status, &body),
        (StatusCode::CREATED, &json!({"created": 1000}))
    );
    // Registering them again is harmless; the same hash with other details is a conflict,
    // and then nothing of the batch is registered.
    let (status, body) = send(&router, register(Some(TOKEN), &thousand)).await;
    assert_eq!(
        (status, &body),
        (StatusCode::CREATED, &json!({"created": 0}))
    );
    let changed = links(&[
        link("new", "asi_kort", "followup_40w", "2027-01-31"),
        link("t5", "asi_kort", "followup_40w", "2027-03-31"),
    ]);
    let (status, body) = send(&router, register(Some(TOKEN), &changed)).await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::CONFLICT, &json!("conflict"))
    );
    assert!(state.db.link(&hash("new")).unwrap().is_none());
    // Another clinic cannot take over a hash.
    let (status, _) = send(
        &router,
        register(
            Some(OTHER_TOKEN),
            &links(&[link("t5", "asi_kort", "followup_40w", "2027-01-31")]),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn of_concurrent_answers_to_one_link_exactly_one_is_stored() {
    let inbox = TestInbox::new("link-race");
    let (router, state, _) = router_on(inbox.config(), "2026-11-25");
    let token = "one-link-many-phones";
    let batch = links(&[link(token, "asi_kort", "followup_40w", "2027-01-31")]);
    assert_eq!(
        send(&router, register(Some(TOKEN), &batch)).await.0,
        StatusCode::CREATED
    );
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let router = router.clone();
            let json = followup(&inbox, token, &format!("{{\"n\":{i}}}")).to_json();
            tokio::spawn(async move { send(&router, post(json)).await })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => assert_eq!(body["code"], "link_used"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(state.db.count().unwrap(), 1);
}

#[tokio::test]
async fn an_unused_token_is_nowhere_in_the_database_files() {
    let inbox = TestInbox::new("link-secrecy");
    let (router, state, _) = router_on(inbox.config(), "2026-11-25");
    let unused = [
        "Zr1Qx0unusedTokenNumberOne_aaaaaaaaaaaaaaaa",
        "Pw9unusedTokenNumberTwo-bbbbbbbbbbbbbbbbbbbb",
    ];
    let used = "Kd7usedTokenNumberThree_ccccccccccccccccccccc";
    let batch = links(&[
        link(unused[0], "asi_kort", "followup_40w", "2027-01-31"),
        link(unused[1], "asi_kort", "followup_40w", "2027-01-31"),
        link(used, "asi_kort", "followup_40w", "2027-01-31"),
    ]);
    assert_eq!(
        send(&router, register(Some(TOKEN), &batch)).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        send(&router, post(followup(&inbox, used, "{}").to_json()))
            .await
            .0,
        StatusCode::CREATED
    );
    let database = state.config.database.clone();
    let mut bytes = std::fs::read(&database).unwrap();
    bytes.extend(std::fs::read(database.with_extension("sqlite-wal")).unwrap_or_default());
    let contains = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    for token in unused {
        assert!(!contains(token), "the unused token {token} is stored");
        assert!(contains(&hash(token)), "its hash is not stored");
    }
    assert!(contains(&hash(used)));
}

#[tokio::test]
async fn envelopes_without_a_link_are_limited_per_clinic_and_hour() {
    let inbox = TestInbox::new("rate-limit");
    let (router, state, clock) =
        router_on(inbox.config_with("anonymous_per_hour = 3\n"), "2026-11-25");
    let anonymous = |n: u32| {
        inbox.sealed(
            "asi_kort",
            "self_screening",
            None,
            &format!("{{\"n\":{n}}}"),
        )
    };
    let first = anonymous(0);
    assert_eq!(
        send(&router, post(first.to_json())).await.0,
        StatusCode::CREATED
    );
    clock.advance(Duration::from_secs(20 * 60));
    for n in 1..3 {
        assert_eq!(
            send(&router, post(anonymous(n).to_json())).await.0,
            StatusCode::CREATED
        );
    }
    let (status, headers, body) = exchange(&router, post(anonymous(3).to_json())).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["code"], "rate_limited");
    assert_eq!(headers[header::RETRY_AFTER], (40 * 60).to_string());
    // A resend of a stored envelope is never limited; nor is an answer to a link.
    assert_eq!(send(&router, post(first.to_json())).await.0, StatusCode::OK);
    let batch = links(&[link("a-link", "asi_kort", "followup_40w", "2027-01-31")]);
    assert_eq!(
        send(&router, register(Some(TOKEN), &batch)).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        send(&router, post(followup(&inbox, "a-link", "{}").to_json()))
            .await
            .0,
        StatusCode::CREATED
    );
    // Another clinic has its own allowance.
    let public = state.config.clinics[1].key();
    let metadata =
        asi_envelope::Metadata::new(&public, "other", "trivsel", "midway", "2026-11-25", None);
    let theirs = asi_envelope::seal(&public, &metadata, b"{}").unwrap();
    assert_eq!(
        send(&router, post(theirs.to_json())).await.0,
        StatusCode::CREATED
    );
    // An hour after the first, one more fits; the other two leave the window 20 minutes on.
    clock.advance(Duration::from_secs(40 * 60) - Duration::from_secs(1));
    assert_eq!(
        send(&router, post(anonymous(4).to_json())).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    clock.advance(Duration::from_secs(1));
    assert_eq!(
        send(&router, post(anonymous(5).to_json())).await.0,
        StatusCode::CREATED
    );
    let (status, headers, _) = exchange(&router, post(anonymous(6).to_json())).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers[header::RETRY_AFTER], (20 * 60).to_string());
    clock.advance(Duration::from_secs(20 * 60));
    for n in 7..9 {
        assert_eq!(
            send(&router, post(anonymous(n).to_json())).await.0,
            StatusCode::CREATED
        );
    }
    assert_eq!(state.db.count().unwrap(), 3 + 1 + 1 + 1 + 2);
}
