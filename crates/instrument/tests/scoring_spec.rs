//! A scoring specification is data: a broken one is refused with a reason, a corrected one
//! loads without a code change.

use asi_instrument::scoring::{self, ASI6_DK_V1_JSON, ASI6_DK_V2_JSON, ScoringSpec, SpecError};
use asi_instrument::{Answers, by_version, instrument};
use serde_json::{Value, json};

fn with(edit: impl FnOnce(&mut Value)) -> Result<ScoringSpec, SpecError> {
    let mut spec: Value = serde_json::from_str(ASI6_DK_V2_JSON).unwrap();
    edit(&mut spec);
    ScoringSpec::from_json(&spec.to_string(), instrument())
}

#[test]
fn the_shipped_specifications_load() {
    assert!(with(|_| {}).is_ok());
    let versions = scoring::shipped().map(|s| s.version.as_str());
    assert_eq!(versions, ["asi6-dk-v1", "asi6-dk-v2"]);
    assert_eq!(
        scoring::by_version(scoring::CURRENT_VERSION),
        Some(scoring::current())
    );
    assert_eq!(scoring::current().instrument_version, instrument().version);
    assert!(scoring::by_version("asi6-dk-v0").is_none());
    // Each is checked against the instrument version it names.
    for spec in scoring::shipped() {
        assert!(
            spec.check(spec.instrument().unwrap()).is_ok(),
            "{}",
            spec.version
        );
    }
}

#[test]
fn v2_scores_as_v1_for_the_instrument_version_2() {
    // asi6-dk-v2 is asi6-dk-v1 for instrument v2: the same formulas, bands and references,
    // so scores of v1 and v2 responses compare.
    let v1 = scoring::by_version("asi6-dk-v1").unwrap();
    let v2 = scoring::by_version("asi6-dk-v2").unwrap();
    assert_eq!(v1.instrument_version, "asi-kort-dk-v1");
    assert_eq!(v2.instrument_version, "asi-kort-dk-v2");
    assert_eq!(
        (
            &v1.domains,
            &v1.wellbeing,
            &v1.drug_free,
            &v1.bands,
            &v1.reference
        ),
        (
            &v2.domains,
            &v2.wellbeing,
            &v2.drug_free,
            &v2.bands,
            &v2.reference
        )
    );
}

#[test]
fn a_specification_loads_against_the_instrument_version_it_names() {
    // A specification written for v1 (a clinic's own file, say) still loads.
    let v1 = ScoringSpec::load(ASI6_DK_V1_JSON).unwrap();
    assert_eq!(v1.instrument().unwrap().version, "asi-kort-dk-v1");
    assert_eq!(&v1, scoring::by_version("asi6-dk-v1").unwrap());
    let mut spec: Value = serde_json::from_str(ASI6_DK_V2_JSON).unwrap();
    spec["instrument_version"] = json!("asi-kort-dk-v9");
    let err = ScoringSpec::load(&spec.to_string()).unwrap_err();
    assert!(
        matches!(&err, SpecError::UnknownInstrument { found, known } if found == "asi-kort-dk-v9" && known == "asi-kort-dk-v1, asi-kort-dk-v2"),
        "{err}"
    );
    // A formula reading an item v1 does not have is refused against v1.
    let mut spec: Value = serde_json::from_str(ASI6_DK_V1_JSON).unwrap();
    spec["wellbeing"] = json!({"item": "involvement_time"});
    assert!(matches!(
        ScoringSpec::load(&spec.to_string()).unwrap_err(),
        SpecError::UnknownItem { .. }
    ));
}

#[test]
fn no_formula_reads_the_involvement_form() {
    let inst = instrument();
    for spec in scoring::shipped() {
        let version = spec.instrument().unwrap();
        for form in ["asi_kort", "trivsel"] {
            assert!(
                spec.reads_form(version, version.form(form).unwrap()),
                "{form}"
            );
        }
    }
    let spec = scoring::current();
    assert!(!spec.reads_form(inst, inst.form("inddragelse").unwrap()));
    let answers = Answers::validate(
        inst,
        &json!({"involvement_decisions": 4, "involvement_privacy": 0, "involvement_important": "Ro"}),
    )
    .unwrap();
    let scores = spec.score(&answers);
    assert_eq!(
        serde_json::to_value(&scores).unwrap(),
        json!({"economy": null, "medical": null, "psychiatric": null, "alcohol": null,
               "legal": null, "drug": null, "asi6": null, "wellbeing": null,
               "drug_free": null, "scoring_version": "asi6-dk-v2"})
    );
    assert!(
        by_version("asi-kort-dk-v1")
            .unwrap()
            .form("inddragelse")
            .is_none()
    );
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
