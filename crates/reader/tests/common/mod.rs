//! Building opened responses for the tests, as the inbox and `asi open` would give them.

#![allow(dead_code)]

use asi_envelope::{Metadata, keys};
use asi_export::Response;
use asi_instrument::{Answers, Lang, Mode, Payload, instrument};
use serde_json::{Value, json};

const VECTORS: &str = include_str!("../../../instrument/tests/data/scoring-vectors.json");

/// Every item of the ASI kort (with Trivsel & forbrug's wellbeing) answered with no burden
/// (all scores 0, wellbeing 8, drug-free), then `changes` applied.
pub fn asi_kort(changes: Value) -> Value {
    let vectors: Value = serde_json::from_str(VECTORS).unwrap();
    let mut answers = vectors["v1_no_burden"]["answers"].clone();
    for (item, value) in changes.as_object().unwrap() {
        answers[item] = value.clone();
    }
    answers
}

/// Trivsel & forbrug at midway: the three wellbeing parts and the days with hash.
pub fn trivsel(personal: u32, close: u32, social: u32, hash_days: u32) -> Value {
    json!({
        "wellbeing_personal": personal,
        "wellbeing_close": close,
        "wellbeing_social": social,
        "hash_days": hash_days,
        "other_drug_days": 0,
    })
}

/// An ASI kort where only the medical domain is above 0: `physical_problem_days / 90`
/// (so 9 days give 0.1), with the three wellbeing parts.
pub fn asi_medical(days: u32, personal: u32, close: u32, social: u32) -> Value {
    asi_kort(json!({
        "physical_problem_days": days,
        "wellbeing_personal": personal,
        "wellbeing_close": close,
        "wellbeing_social": social,
    }))
}

/// An opened response. The form follows the timepoint (Trivsel & forbrug at midway, the
/// ASI kort elsewhere); the day is the date of `completed_at`.
pub fn response(
    timepoint: &str,
    mode: Mode,
    token: Option<&str>,
    completed_at: &str,
    answers: Value,
) -> Response {
    let (_, public) = keys::generate();
    let form = if timepoint == "midway" {
        "trivsel"
    } else {
        "asi_kort"
    };
    let answers = Answers::validate(instrument(), &answers).expect("valid test answers");
    let metadata = Metadata::new(&public, "demo", form, timepoint, &completed_at[..10], token);
    let payload = Payload::complete(answers, mode, Lang::Da, completed_at.into());
    Response { metadata, payload }
}

/// An opened response of `form` as the app of `instrument_version` gave it: the answers
/// validated against that version and scored with the scoring version for it.
pub fn given_with(
    instrument_version: &str,
    form: &str,
    timepoint: &str,
    token: Option<&str>,
    completed_at: &str,
    answers: Value,
) -> Response {
    let (_, public) = keys::generate();
    let instrument = asi_instrument::by_version(instrument_version).expect("a shipped version");
    let spec = asi_instrument::scoring::shipped()
        .into_iter()
        .find(|s| s.instrument_version == instrument_version)
        .expect("a scoring version for it");
    let answers = Answers::validate_for_form(
        instrument,
        &answers,
        instrument.form(form).expect("a form of that version"),
        false,
    )
    .expect("valid test answers");
    let mode = if token.is_some() {
        Mode::Link
    } else {
        Mode::Anonymous
    };
    let mut payload = Payload::complete(answers, mode, Lang::Da, completed_at.into());
    payload.scores = spec.score(&payload.answers);
    payload.scoring_version = spec.version.clone();
    payload.instrument_version = instrument_version.to_owned();
    let metadata = Metadata::new(&public, "demo", form, timepoint, &completed_at[..10], token);
    Response { metadata, payload }
}

/// An involvement response (the current version) to a follow-up link.
pub fn involvement(timepoint: &str, token: &str, completed_at: &str, answers: Value) -> Response {
    given_with(
        asi_instrument::CURRENT_INSTRUMENT_VERSION,
        "inddragelse",
        timepoint,
        Some(token),
        completed_at,
        answers,
    )
}

/// A response to a follow-up link.
pub fn link(timepoint: &str, token: &str, completed_at: &str, answers: Value) -> Response {
    response(timepoint, Mode::Link, Some(token), completed_at, answers)
}

/// An anonymous response.
pub fn anonymous(timepoint: &str, completed_at: &str, answers: Value) -> Response {
    response(timepoint, Mode::Anonymous, None, completed_at, answers)
}

/// An identified intake with CPR number and name.
pub fn identified(cpr: &str, name: &str, completed_at: &str, changes: Value) -> Response {
    let mut answers = asi_kort(changes);
    answers["cpr"] = cpr.into();
    answers["name"] = name.into();
    response("intake", Mode::Identified, None, completed_at, answers)
}

/// Anna Jensen's identified intake (CPR 0101901234), an ASI kort with no burden.
pub fn anna() -> Response {
    identified(
        "0101901234",
        "Anna Jensen",
        "2026-01-05T09:00:00Z",
        json!({}),
    )
}

/// Whether two numbers agree to 1e-9.
pub fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}
