//! The seven vectors of `crates/instrument/tests/data/scoring-vectors.json` (`docs/scoring-format.md`) reproduce to 1e-6 through the library.

mod common;

use asi_instrument::scoring::{self, Domain};
use asi_instrument::{Answers, instrument};
use serde_json::Value;

fn assert_close(name: &str, key: &str, got: Option<f64>, want: &Value) {
    match (got, want.as_f64()) {
        (None, None) => assert!(want.is_null(), "{name}.{key}: expected {want}"),
        (Some(g), Some(w)) => assert!((g - w).abs() <= 1e-6, "{name}.{key}: got {g}, want {w}"),
        (g, _) => panic!("{name}.{key}: got {g:?}, want {want}"),
    }
}

#[test]
fn every_vector_reproduces_with_each_shipped_version() {
    let vectors = common::vectors();
    assert_eq!(vectors.len(), 7);
    // The vectors are ASI kort records, which mean the same in both instrument versions:
    // each scoring version, with the instrument version it names, gives the same scores.
    for spec in scoring::shipped() {
        let instrument = spec.instrument().unwrap();
        for (name, answers, want) in &vectors {
            let answers = Answers::validate(instrument, answers)
                .unwrap_or_else(|e| panic!("{name} must be valid: {e:?}"));
            let got = spec.score(&answers);
            for d in Domain::ALL {
                assert_close(name, d.id(), got.domain(d), &want[d.id()]);
            }
            assert_close(name, "asi6", got.asi6, &want["asi6"]);
            assert_close(name, "wellbeing", got.wellbeing, &want["wellbeing"]);
            assert_eq!(
                got.drug_free,
                want["drug_free"].as_bool(),
                "{name}.drug_free"
            );
            assert_eq!(got.scoring_version, spec.version);
        }
    }
}

#[test]
fn scores_serialise_with_the_printed_keys_in_order() {
    let (_, answers, _) = common::vectors()
        .into_iter()
        .find(|(n, ..)| n == "v5_missing_item")
        .unwrap();
    let answers = Answers::validate(instrument(), &answers).unwrap();
    let json = serde_json::to_string(&scoring::current().score(&answers)).unwrap();
    let keys: Vec<&str> = json
        .trim_matches(['{', '}'])
        .split(',')
        .map(|kv| kv.split(':').next().unwrap().trim_matches('"'))
        .collect();
    assert_eq!(
        keys,
        [
            "economy",
            "medical",
            "psychiatric",
            "alcohol",
            "legal",
            "drug",
            "asi6",
            "wellbeing",
            "drug_free",
            "scoring_version"
        ]
    );
    assert!(
        json.contains(r#""psychiatric":null"#) && json.contains(r#""asi6":null"#),
        "{json}"
    );
}

#[test]
fn mean_of_six_reproduces_table_3() {
    let reference = &scoring::current().reference;
    let printed: Vec<f64> = reference.groups.iter().map(|g| g.asi6).collect();
    assert_eq!(printed, [0.352, 0.182, 0.165]);
    for group in &reference.groups {
        assert_eq!(group.domains.len(), 6, "{}", group.id);
        let mean = Domain::ALL.iter().map(|d| group.domains[d]).sum::<f64>() / 6.0;
        assert!(
            (mean - group.asi6).abs() < 0.0005,
            "{}: mean of the domain row is {mean}, Table 3 prints {}",
            group.id,
            group.asi6
        );
    }
    assert_eq!(reference.wellbeing_youth_mean, 7.45);
}

#[test]
fn bands_split_at_030_and_035() {
    let spec = scoring::current();
    assert_eq!(spec.band(0.0).id, "low");
    assert_eq!(spec.band(0.30).id, "low");
    assert_eq!(spec.band(0.3001).id, "borderline");
    assert_eq!(spec.band(0.35).id, "borderline");
    assert_eq!(spec.band(0.3501).id, "high");
    assert_eq!(spec.band(1.0).id, "high");
}

#[test]
fn provisional_domains_are_marked_as_the_spec_says() {
    let spec = scoring::current();
    let provisional: Vec<&str> = Domain::ALL
        .iter()
        .filter(|&&d| spec.domain(d).provisional)
        .map(|d| d.id())
        .collect();
    assert_eq!(provisional, ["economy", "alcohol", "legal", "drug"]);
}
