//! Clinic settings: served with their defaults or as configured, checked when the
//! configuration is loaded; the app's pages may be framed only by the clinics' embed origins;
//! every refusal carries its code.

mod common;

use std::sync::Arc;

use asi_inbox::db::Db;
use asi_inbox::{AppState, app};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

use common::{TestInbox, exchange, get, post, router, router_for, send};

#[tokio::test]
async fn clinic_settings_are_served_with_their_defaults() {
    let inbox = TestInbox::new("settings-defaults");
    let (router, _) = router_for(inbox.config_with(""));
    let (status, headers, clinic) = exchange(&router, get("/api/v1/clinics/demo")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(
        clinic,
        json!({
            "id": "demo",
            "name": "Demo Rusmiddelcenter",
            "contact": "70 00 00 00",
            "opening_hours": "",
            "public_key": inbox.public.to_string(),
            "key_id": inbox.public.key_id(),
            "offers": {
                "asi_kort": ["intake", "discharge", "aftercare", "followup_40w", "followup_6m", "self_screening"],
                "trivsel": ["midway", "self_screening"],
                "inddragelse": ["midway", "discharge", "aftercare", "followup_40w", "followup_6m"],
            },
            "optional_sections": {"trivsel": []},
            "show_scores": true,
            "accept_anonymous": true,
            "consent_text": "Jeg giver samtykke til, at Demo Rusmiddelcenter må se og bruge mine svar i min behandling. Jeg kan til enhver tid trække samtykket tilbage.",
            "draft_retention_days": 14,
            "embed_origins": [],
        })
    );
}

#[tokio::test]
async fn clinic_settings_are_served_as_configured_and_private_ones_are_not() {
    let inbox = TestInbox::new("settings-explicit");
    let config = inbox.config_with(
        "opening_hours = \"Man–fre 9–15\"\n\
         offers = { asi_kort = [\"intake\", \"followup_6m\"], inddragelse = [\"discharge\"] }\n\
         optional_sections = { trivsel = [\"alcohol_use\"] }\n\
         show_scores = false\n\
         accept_anonymous = false\n\
         consent_text = \"Ja tak.\"\n\
         draft_retention_days = 3\n\
         embed_origins = [\"http://localhost:5500\", \"https://www.example.dk\"]\n\
         anonymous_per_hour = 7\n",
    );
    let (router, _) = router_for(config);
    let (status, clinic) = send(&router, get("/api/v1/clinics/demo")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(clinic["opening_hours"], "Man–fre 9–15");
    // A form left out of `offers` is served with no timepoints.
    assert_eq!(
        clinic["offers"],
        json!({"asi_kort": ["intake", "followup_6m"], "trivsel": [], "inddragelse": ["discharge"]})
    );
    // Trivsel & forbrug with the alcohol items: the app asks them at this clinic.
    assert_eq!(
        clinic["optional_sections"],
        json!({"trivsel": ["alcohol_use"]})
    );
    let settings: asi_protocol::ClinicSettings = serde_json::from_value(clinic.clone()).unwrap();
    let trivsel = asi_instrument::instrument().form("trivsel").unwrap();
    let asked = trivsel
        .resolve(settings.optional_sections("trivsel"))
        .unwrap();
    assert_eq!(asked.sections, ["wellbeing", "consumption", "alcohol_use"]);
    assert_eq!(clinic["show_scores"], false);
    assert_eq!(clinic["accept_anonymous"], false);
    assert_eq!(clinic["consent_text"], "Ja tak.");
    assert_eq!(clinic["draft_retention_days"], 3);
    assert_eq!(
        clinic["embed_origins"],
        json!(["http://localhost:5500", "https://www.example.dk"])
    );
    let keys: Vec<&String> = clinic.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 13, "{keys:?}");
    for private in [
        "anonymous_per_hour",
        "reader_token_sha256",
        "retention_days",
    ] {
        assert!(clinic.get(private).is_none(), "{private} is served");
    }
}

#[test]
fn settings_that_cannot_work_are_refused_when_the_configuration_is_loaded() {
    let inbox = TestInbox::new("settings-invalid");
    for (extra, expected) in [
        (
            "offers = { asi_lang = [\"intake\"] }",
            "clinic demo: offers: unknown form asi_lang (known: asi_kort, trivsel, inddragelse)",
        ),
        (
            "optional_sections = { trivsel = [\"legal\"] }",
            "clinic demo: optional_sections: form trivsel has no optional section legal (its optional sections: alcohol_use)",
        ),
        (
            "optional_sections = { asi_kort = [\"alcohol_use\"] }",
            "clinic demo: optional_sections: form asi_kort has no optional section alcohol_use (its optional sections: –)",
        ),
        (
            "optional_sections = { trivsle = [\"alcohol_use\"] }",
            "clinic demo: optional_sections: unknown form trivsle (known: asi_kort, trivsel, inddragelse)",
        ),
        (
            "offers = { trivsel = [\"intake\"] }",
            "clinic demo: offers: form trivsel is not used at timepoint intake (it is used at midway, self_screening)",
        ),
        (
            "draft_retention_days = 0",
            "clinic demo: draft_retention_days must be 1–365, not 0",
        ),
        (
            "draft_retention_days = 366",
            "clinic demo: draft_retention_days must be 1–365, not 366",
        ),
        (
            "embed_origins = [\"https://www.example.dk/embed\"]",
            "clinic demo: embed_origins: \"https://www.example.dk/embed\" is not a web origin",
        ),
        (
            "embed_origins = [\"www.example.dk\"]",
            "the scheme must be http:// or https://",
        ),
        (
            "anonymous_per_hour = 0",
            "anonymous_per_hour must be at least 1",
        ),
        ("show_scores = \"yes\"", "invalid type"),
        ("opening_hour = \"9–15\"", "unknown field `opening_hour`"),
    ] {
        let error = inbox
            .load(&inbox.config_toml_with("127.0.0.1:0", &format!("{extra}\n")))
            .expect_err(extra)
            .to_string();
        assert!(error.contains(expected), "{extra}: {error}");
    }
}

#[tokio::test]
async fn app_pages_may_be_framed_only_by_the_clinics_embed_origins() {
    let inbox = TestInbox::new("frame-ancestors");
    let app_dir = inbox.app_dir(&[
        ("index.html", b"<!DOCTYPE html><title>ASI</title>"),
        ("app.js", b"console.log(1)"),
    ]);
    let mut config = inbox
        .config_with("embed_origins = [\"http://localhost:8081\", \"https://www.example.dk\"]\n");
    config.app_dir = Some(app_dir);
    config.clinics[1].embed_origins = vec![
        "https://other.example.dk".into(),
        "https://www.example.dk".into(),
    ];
    let router = app(Arc::new(AppState::new(
        config.clone(),
        Db::open(&config.database).unwrap(),
    )));
    for path in ["/", "/?klinik=demo", "/selvtest", "/app.js"] {
        let (status, headers, _) = exchange(&router, get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            policy.ends_with(
                "; frame-ancestors 'self' http://localhost:8081 https://www.example.dk https://other.example.dk"
            ),
            "{path}: {policy}"
        );
    }
    // Without embed origins only the inbox's own pages may frame the app.
    let mut alone = inbox.config_with("");
    alone.app_dir = config.app_dir.clone();
    alone.clinics[1].embed_origins.clear();
    let (router, _) = router_for(alone);
    let (_, headers, _) = exchange(&router, get("/")).await;
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.ends_with("; frame-ancestors 'self'"), "{policy}");
}

#[tokio::test]
async fn every_refusal_carries_a_stable_code() {
    let inbox = TestInbox::new("codes");
    let (router, _) = router(&inbox);
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (post("{}"), StatusCode::BAD_REQUEST, "bad_request"),
        (
            get("/api/v1/envelopes"),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            get("/api/v1/clinics/nowhere"),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            post(format!(
                "{{\"pad\":\"{}\"}}",
                "x".repeat(asi_inbox::api::MAX_BODY)
            )),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        ),
        // The framework's own refusals get the same shape.
        (
            Request::get("/api/v1/envelopes?limit=many")
                .header(header::AUTHORIZATION, format!("Bearer {}", common::TOKEN))
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Request::put("/api/v1/envelopes")
                .body(Body::empty())
                .unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
    ];
    for (request, status, code) in cases {
        let what = format!("{} {}", request.method(), request.uri());
        let (got, headers, body) = exchange(&router, request).await;
        assert_eq!(got, status, "{what}: {body}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{what}");
        assert_eq!(body["code"], code, "{what}: {body}");
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{what}: {body}"
        );
    }
    // Envelope refusals by their metadata (unknown_clinic, wrong_key, conflict): tests/api.rs.
}

/// With `extra` settings, a link-less envelope for `form` at `timepoint` is refused with
/// `code` and `message`, while an intake at the clinic is still taken.
async fn refused_while_an_intake_is_taken(
    extra: &str,
    (form, timepoint): (&str, &str),
    code: &str,
    message: &str,
) {
    let inbox = TestInbox::new(code);
    let (router, state) = router_for(inbox.config_with(extra));
    let refused = inbox.sealed(form, timepoint, None, "{}");
    let (status, body) = send(&router, post(refused.to_json())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], code);
    assert_eq!(body["error"], message);
    let intake = inbox.sealed("asi_kort", "intake", None, "{}");
    assert_eq!(
        send(&router, post(intake.to_json())).await.0,
        StatusCode::CREATED
    );
    assert_eq!(state.db.count().unwrap(), 1);
}

#[tokio::test]
async fn envelopes_for_a_form_or_timepoint_the_clinic_does_not_offer_are_refused() {
    refused_while_an_intake_is_taken(
        "offers = { asi_kort = [\"intake\"] }\n",
        ("trivsel", "midway"),
        "not_offered",
        "clinic demo does not take form trivsel at timepoint midway",
    )
    .await;
}

#[tokio::test]
async fn anonymous_self_screenings_are_refused_when_the_clinic_takes_none() {
    refused_while_an_intake_is_taken(
        "accept_anonymous = false\n",
        ("asi_kort", "self_screening"),
        "anonymous_not_accepted",
        "clinic demo does not accept anonymous responses",
    )
    .await;
}
