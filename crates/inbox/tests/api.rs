//! The inbox API against a real SQLite file: every status, exactly-once storage, reading.

mod common;

use std::sync::Arc;

use asi_envelope::{Metadata, keys, seal};
use asi_inbox::db::Db;
use asi_inbox::{AppState, app};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use common::{OTHER_TOKEN, RETENTION_DAYS, TOKEN, TestInbox, post, router, send, with_reader};

fn list(query: &str, token: Option<&str>) -> Request<Body> {
    with_reader(Request::get(format!("/api/v1/envelopes{query}")), token)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn posting_answers_201_then_200_for_the_same_bytes_and_409_for_other_bytes() {
    let inbox = TestInbox::new("statuses");
    let (router, state) = router(&inbox);
    let envelope = inbox.envelope("{\"answers\":{}}");
    let (status, body) = send(&router, post(envelope.to_json())).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["id"], envelope.id.as_str());
    assert_eq!(
        send(&router, post(envelope.to_json())).await.0,
        StatusCode::OK
    );

    // The same id with other bytes: a second response under the same id.
    let mut metadata = Metadata::new(
        &inbox.public,
        "demo",
        "trivsel",
        "midway",
        "2026-11-25",
        None,
    );
    metadata.id = envelope.id;
    let other = seal(&inbox.public, &metadata, b"{\"answers\":{\"hash_days\":1}}").unwrap();
    let (status, body) = send(&router, post(other.to_json())).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "conflict");
    assert_eq!(state.db.count().unwrap(), 1);
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_right_status() {
    let inbox = TestInbox::new("bad");
    let (router, state) = router(&inbox);
    let good = inbox.envelope("{}");
    let (status, body) = send(&router, post("{not json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"].as_str().unwrap().contains("not an envelope"),
        "{body}"
    );
    let v2 = good.to_json().replace("\"v\":1", "\"v\":2");
    assert_eq!(send(&router, post(v2)).await.0, StatusCode::BAD_REQUEST);
    let mut bad_field: Value = serde_json::from_str(&good.to_json()).unwrap();
    bad_field["enc"] = "not-base64!".into();
    let bad_field = bad_field.to_string();
    assert_eq!(
        send(&router, post(bad_field)).await.0,
        StatusCode::BAD_REQUEST
    );
    let extra = good.to_json().replacen('{', "{\"ip\":\"1.2.3.4\",", 1);
    assert_eq!(send(&router, post(extra)).await.0, StatusCode::BAD_REQUEST);
    let huge = format!("{{\"pad\":\"{}\"}}", "x".repeat(asi_inbox::api::MAX_BODY));
    assert_eq!(
        send(&router, post(huge)).await.0,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    // Unknown clinic, and a key that is not the clinic's.
    let unknown = Metadata::new(
        &inbox.public,
        "nowhere",
        "trivsel",
        "midway",
        "2026-11-25",
        None,
    );
    let envelope = seal(&inbox.public, &unknown, b"{}").unwrap();
    let (status, body) = send(&router, post(envelope.to_json())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "unknown_clinic");
    let (_, stranger) = keys::generate();
    let wrong_key = Metadata::new(&stranger, "demo", "trivsel", "midway", "2026-11-25", None);
    let envelope = seal(&stranger, &wrong_key, b"{}").unwrap();
    let (status, body) = send(&router, post(envelope.to_json())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "wrong_key");
    assert_eq!(state.db.count().unwrap(), 0);
}

#[tokio::test]
async fn fifty_concurrent_posts_of_one_envelope_store_one_row() {
    let inbox = TestInbox::new("concurrent");
    let (router, state) = router(&inbox);
    let json = inbox
        .envelope("{\"answers\":{\"wellbeing_close\":4}}")
        .to_json();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let router = router.clone();
            let json = json.clone();
            tokio::spawn(async move { send(&router, post(json)).await.0 })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        49
    );
    assert_eq!(state.db.count().unwrap(), 1);
}

#[tokio::test]
async fn a_clinic_reads_its_own_envelopes_with_its_token_page_by_page() {
    let inbox = TestInbox::new("list");
    let (router, _) = router(&inbox);
    let envelopes: Vec<_> = (0..3)
        .map(|i| inbox.envelope(&format!("{{\"n\":{i}}}")))
        .collect();
    for e in &envelopes {
        assert_eq!(
            send(&router, post(e.to_json())).await.0,
            StatusCode::CREATED
        );
    }
    assert_eq!(
        send(&router, list("", None)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&router, list("", Some("wrong"))).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, page) = send(&router, list("?limit=2", Some(TOKEN))).await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [envelopes[0].id.as_str(), envelopes[1].id.as_str()]);
    // The items are the envelopes exactly as posted.
    assert_eq!(
        serde_json::to_string(&page["items"][0]).unwrap().len(),
        envelopes[0].to_json().len()
    );
    let next = page["next"].as_str().unwrap();
    let (_, rest) = send(
        &router,
        list(&format!("?after={next}&limit=2"), Some(TOKEN)),
    )
    .await;
    assert_eq!(rest["items"].as_array().unwrap().len(), 1);
    assert_eq!(rest["items"][0]["id"], envelopes[2].id.as_str());
    let (_, empty) = send(
        &router,
        list(
            &format!("?after={}", rest["next"].as_str().unwrap()),
            Some(TOKEN),
        ),
    )
    .await;
    assert_eq!(empty["items"], Value::Array(vec![]));
    assert_eq!(empty["next"], rest["next"]);
    assert_eq!(
        send(&router, list("?after=abc", Some(TOKEN))).await.0,
        StatusCode::BAD_REQUEST
    );
}

fn delete(id: &str, token: Option<&str>) -> Request<Body> {
    with_reader(Request::delete(format!("/api/v1/envelopes/{id}")), token)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn a_clinic_deletes_its_own_envelopes_and_a_resend_is_not_stored_again() {
    let inbox = TestInbox::new("delete");
    let (router, state) = router(&inbox);
    let kept = inbox.envelope("{\"n\":1}");
    let gone = inbox.envelope("{\"n\":2}");
    for e in [&kept, &gone] {
        assert_eq!(
            send(&router, post(e.to_json())).await.0,
            StatusCode::CREATED
        );
    }
    assert_eq!(
        send(&router, delete(gone.id.as_str(), None)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        send(&router, delete(gone.id.as_str(), Some("wrong")))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    // Another clinic's token cannot delete (or learn of) this clinic's envelope.
    assert_eq!(
        send(&router, delete(gone.id.as_str(), Some(OTHER_TOKEN)))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(state.db.count().unwrap(), 2);
    assert_eq!(
        send(&router, delete(gone.id.as_str(), Some(TOKEN))).await.0,
        StatusCode::NO_CONTENT
    );
    // Deleting again is not an error; an id never stored is.
    assert_eq!(
        send(&router, delete(gone.id.as_str(), Some(TOKEN))).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(
            &router,
            delete(inbox.envelope("{}").id.as_str(), Some(TOKEN))
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    let (_, listed) = send(&router, list("", Some(TOKEN))).await;
    let ids: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [kept.id.as_str()]);

    // A phone that never heard the 201 resends: 200, and nothing is stored again.
    assert_eq!(send(&router, post(gone.to_json())).await.0, StatusCode::OK);
    assert_eq!(state.db.count().unwrap(), 1);
    // Other bytes under the deleted id are still a conflict.
    let mut metadata = Metadata::new(
        &inbox.public,
        "demo",
        "trivsel",
        "midway",
        "2026-11-25",
        None,
    );
    metadata.id = gone.id;
    let other = seal(&inbox.public, &metadata, b"{\"n\":3}").unwrap();
    assert_eq!(
        send(&router, post(other.to_json())).await.0,
        StatusCode::CONFLICT
    );
    assert_eq!(state.db.count().unwrap(), 1);
}

#[tokio::test]
async fn retention_deletes_envelopes_older_than_the_clinics_setting() {
    let inbox = TestInbox::new("retention");
    let (router, state) = router(&inbox);
    let today = asi_inbox::db::today();
    let old = inbox.envelope("{\"n\":1}");
    let edge = inbox.envelope("{\"n\":2}");
    let new = inbox.envelope("{\"n\":3}");
    for e in [&old, &edge, &new] {
        assert_eq!(
            send(&router, post(e.to_json())).await.0,
            StatusCode::CREATED
        );
    }
    let days = i64::from(RETENTION_DAYS);
    state
        .db
        .set_stored_day(old.id.as_str(), today - days - 1)
        .unwrap();
    state
        .db
        .set_stored_day(edge.id.as_str(), today - days)
        .unwrap();
    assert_eq!(asi_inbox::retention::expire_all(&state, today).unwrap(), 1);
    assert_eq!(asi_inbox::retention::expire_all(&state, today).unwrap(), 0);
    let (_, listed) = send(&router, list("", Some(TOKEN))).await;
    let ids: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [edge.id.as_str(), new.id.as_str()]);
    // The expired one is not taken again when its phone resends it.
    assert_eq!(send(&router, post(old.to_json())).await.0, StatusCode::OK);
    assert_eq!(state.db.count().unwrap(), 2);
}

#[tokio::test]
async fn clinic_settings_and_health() {
    let inbox = TestInbox::new("clinic");
    let (router, _) = router(&inbox);
    let (status, clinic) = send(
        &router,
        Request::get("/api/v1/clinics/demo")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(clinic["name"], "Demo Rusmiddelcenter");
    assert_eq!(clinic["public_key"], inbox.public.to_string().as_str());
    assert_eq!(clinic["key_id"], inbox.public.key_id().as_str());
    assert!(clinic.get("reader_token_sha256").is_none());
    assert_eq!(
        send(
            &router,
            Request::get("/api/v1/clinics/nope")
                .body(Body::empty())
                .unwrap()
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(
            &router,
            Request::get("/healthz").body(Body::empty()).unwrap()
        )
        .await
        .0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn cors_only_for_configured_origins() {
    let inbox = TestInbox::new("cors");
    let (router, _) = router(&inbox);
    let preflight = |origin: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/api/v1/envelopes")
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .body(Body::empty())
            .unwrap()
    };
    let allowed = router
        .clone()
        .oneshot(preflight("http://localhost:4173"))
        .await
        .unwrap();
    assert_eq!(
        allowed.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "http://localhost:4173"
    );
    let other = router
        .clone()
        .oneshot(preflight("https://evil.example"))
        .await
        .unwrap();
    assert!(
        other
            .headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none()
    );
}

#[tokio::test]
async fn the_app_is_served_compressed_with_app_routes_falling_back_to_index() {
    let inbox = TestInbox::new("app");
    let index = format!(
        "<!DOCTYPE html><html lang=\"da\"><body>{}</body></html>",
        "Spørgeskemaer ".repeat(200)
    );
    let mut config = inbox.config();
    config.app_dir = Some(inbox.app_dir(&[("index.html", index.as_bytes())]));
    let db = Db::open(&config.database).unwrap();
    let router = app(Arc::new(AppState::new(config, db)));
    for path in ["/", "/selvtest"] {
        let response = router
            .clone()
            .oneshot(
                Request::get(path)
                    .header(header::ACCEPT_ENCODING, "br")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br", "{path}");
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert!(body.len() < index.len() / 4, "{path}: {} bytes", body.len());
    }
}

#[tokio::test]
async fn the_builds_own_compressed_copies_are_served_where_they_exist() {
    let inbox = TestInbox::new("precompressed");
    let app_dir = inbox.app_dir(&[
        ("index.html", b"<!DOCTYPE html><title>app</title>"),
        ("index.html.br", b"index, brotli 11"),
        ("app.wasm", &[0; 4096]),
        ("app.wasm.br", b"wasm, brotli 11"),
        ("app.wasm.gz", b"wasm, gzip 9"),
    ]);
    let mut config = inbox.config();
    config.app_dir = Some(app_dir);
    let db = Db::open(&config.database).unwrap();
    let router = app(Arc::new(AppState::new(config, db)));
    let get = |path: &'static str, accept: &'static str| {
        let router = router.clone();
        async move {
            let response = router
                .oneshot(
                    Request::get(path)
                        .header(header::ACCEPT_ENCODING, accept)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert_eq!(
                response.headers()[header::VARY],
                "accept-encoding",
                "{path}"
            );
            let encoding = response.headers()[header::CONTENT_ENCODING].clone();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            (encoding, body)
        }
    };
    assert_eq!(
        get("/app.wasm", "gzip, br").await,
        ("br".parse().unwrap(), "wasm, brotli 11".into())
    );
    assert_eq!(
        get("/app.wasm", "gzip").await,
        ("gzip".parse().unwrap(), "wasm, gzip 9".into())
    );
    // An app route falls back to index.html, and to its brotli copy.
    assert_eq!(
        get("/selvtest", "br").await,
        ("br".parse().unwrap(), "index, brotli 11".into())
    );
}

#[tokio::test]
async fn a_database_from_before_retention_opens_and_keeps_its_envelopes() {
    let inbox = TestInbox::new("old-schema");
    let config = inbox.config();
    let envelope = inbox.envelope("{}");
    {
        // The first release's schema: no stored_day, no tombstones.
        let conn = rusqlite::Connection::open(&config.database).unwrap();
        conn.execute_batch(
            "CREATE TABLE envelopes (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
             clinic TEXT NOT NULL, key_id TEXT NOT NULL, form TEXT NOT NULL, timepoint TEXT NOT NULL,
             day TEXT NOT NULL, body BLOB NOT NULL);",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO envelopes (id, clinic, key_id, form, timepoint, day, body)
             VALUES (?1, 'demo', ?2, 'trivsel', 'midway', '2026-11-25', ?3)",
            rusqlite::params![
                envelope.id.as_str(),
                inbox.public.key_id().as_str(),
                envelope.to_json().as_bytes()
            ],
        )
        .unwrap();
    }
    let (router, state) = router(&inbox);
    assert_eq!(state.db.count().unwrap(), 1);
    // It counts as stored today: not expired, and still deletable.
    let today = asi_inbox::db::today();
    assert_eq!(asi_inbox::retention::expire_all(&state, today).unwrap(), 0);
    assert_eq!(
        send(&router, delete(envelope.id.as_str(), Some(TOKEN)))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
}
