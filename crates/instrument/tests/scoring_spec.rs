//! A scoring specification is data: a broken one is refused with a reason, a corrected one
//! loads without a code change.

use asi_instrument::instrument;
use asi_instrument::scoring::{self, ASI6_DK_V1_JSON, ScoringSpec, SpecError};
use serde_json::{Value, json};

fn with(edit: impl FnOnce(&mut Value)) -> Result<ScoringSpec, SpecError> {
    let mut spec: Value = serde_json::from_str(ASI6_DK_V1_JSON).unwrap();
    edit(&mut spec);
    ScoringSpec::from_json(&spec.to_string(), instrument())
}

#[test]
fn the_shipped_specification_loads() {
    assert!(with(|_| {}).is_ok());
    assert_eq!(scoring::shipped().len(), 1);
    assert!(scoring::by_version("asi6-dk-v1").is_some());
    assert!(scoring::by_version("asi6-dk-v0").is_none());
}

#[test]
fn unknown_item_is_refused() {
    let err =
        with(|s| s["domains"][1]["formula"]["sum"][0]["div"][0]["item"] = json!("physical_days"))
            .unwrap_err();
    assert!(
        matches!(err, SpecError::UnknownItem { ref item, .. } if item == "physical_days"),
        "{err}"
    );
}

#[test]
fn a_missing_domain_is_refused() {
    let err = with(|s| {
        s["domains"].as_array_mut().unwrap().remove(0);
    })
    .unwrap_err();
    assert!(
        matches!(err, SpecError::Domain(scoring::Domain::Economy)),
        "{err}"
    );
}

#[test]
fn a_lookup_must_cover_every_code() {
    let err = with(|s| {
        let formula = s["domains"][0]["formula"]
            .to_string()
            .replace(r#""unknown":null,"#, "")
            .replace(r#","unknown":null"#, "");
        s["domains"][0]["formula"] = serde_json::from_str(&formula).unwrap();
    })
    .unwrap_err();
    assert!(
        matches!(err, SpecError::ItemUse { ref item, .. } if item == "main_income"),
        "{err}"
    );
}

#[test]
fn codes_on_numbers_and_text_as_numbers_are_refused() {
    let err =
        with(|s| s["wellbeing"] = json!({"is": {"item": "work_days", "code": "x"}})).unwrap_err();
    assert!(matches!(err, SpecError::ItemUse { .. }), "{err}");
    let err = with(|s| s["wellbeing"] = json!({"item": "main_income"})).unwrap_err();
    assert!(matches!(err, SpecError::ItemUse { .. }), "{err}");
}

#[test]
fn bands_must_ascend_with_an_open_top() {
    let err = with(|s| s["bands"][1]["upto"] = json!(0.2)).unwrap_err();
    assert!(matches!(err, SpecError::Bands), "{err}");
    let err = with(|s| s["bands"][2]["upto"] = json!(0.9)).unwrap_err();
    assert!(matches!(err, SpecError::Bands), "{err}");
}

#[test]
fn another_instrument_version_is_refused() {
    let err = with(|s| s["instrument_version"] = json!("asi-kort-dk-v0")).unwrap_err();
    assert!(matches!(err, SpecError::InstrumentVersion { .. }), "{err}");
}

#[test]
fn unknown_fields_are_refused() {
    assert!(matches!(
        with(|s| s["weights"] = json!({})).unwrap_err(),
        SpecError::Json(_)
    ));
}

#[test]
fn corrected_weights_load_as_a_new_version_and_change_the_score() {
    let spec = with(|s| {
        s["version"] = json!("asi6-dk-v2-test");
        s["domains"][1]["formula"]["sum"][0]["div"][1]["num"] = json!(30);
    })
    .unwrap();
    let answers = asi_instrument::Answers::validate(
        instrument(),
        &json!({"physical_problem_days": 15, "physical_troubled": 0, "physical_treatment_importance": 0}),
    )
    .unwrap();
    let scores = spec.score(&answers);
    assert_eq!(scores.medical, Some(0.5));
    assert_eq!(scores.scoring_version, "asi6-dk-v2-test");
    assert_eq!(
        scoring::current().score(&answers).medical,
        Some(15.0 / 90.0)
    );
}
