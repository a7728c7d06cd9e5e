//! Invariants over generated records: scores stay in range, a missing item voids its domain,
//! the skip rule, and validation never panics.

use asi_instrument::model::{AnswerType, Item};
use asi_instrument::scoring::{self, Domain};
use asi_instrument::{Answers, instrument};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A valid value for an item of a form (not identification), derived from its type.
fn valid_value(item: &Item) -> BoxedStrategy<Value> {
    match &item.answer {
        AnswerType::Days { max } => (0..=i64::from(*max)).prop_map(Value::from).boxed(),
        AnswerType::Kroner { max } => prop_oneof![0..=1000i64, 0..=i64::try_from(*max).unwrap()]
            .prop_map(Value::from)
            .boxed(),
        AnswerType::Rating { scale } => {
            let top = instrument().scale(scale).unwrap().labels.len() as i64 - 1;
            (0..=top).prop_map(Value::from).boxed()
        }
        AnswerType::Wellbeing { .. } => (0..=10i64).prop_map(Value::from).boxed(),
        AnswerType::YesNo => any::<bool>().prop_map(Value::from).boxed(),
        AnswerType::Choice { options } => {
            let codes: Vec<Value> = options
                .iter()
                .map(|o| Value::from(o.code.clone()))
                .collect();
            proptest::sample::select(codes).boxed()
        }
        AnswerType::LongText { max_len } => {
            // A letter first, so it is never blank; then lines of words.
            let rest = format!("[a-zA-ZæøåÆØÅ .,!?\n-]{{0,{}}}", max_len - 1);
            (
                "[a-zA-ZæøåÆØÅ]",
                proptest::string::string_regex(&rest).unwrap(),
            )
                .prop_map(|(first, rest)| Value::from(format!("{first}{rest}")))
                .boxed()
        }
        AnswerType::Cpr | AnswerType::Text { .. } | AnswerType::Date => {
            unreachable!("identification is not generated")
        }
    }
}

/// A complete, valid record of every form's items, honouring the skip rule.
fn complete_record() -> impl Strategy<Value = serde_json::Map<String, Value>> {
    let inst = instrument();
    let items: Vec<&'static Item> = inst
        .items
        .iter()
        .filter(|i| {
            !matches!(
                i.answer,
                AnswerType::Cpr | AnswerType::Text { .. } | AnswerType::Date
            )
        })
        .collect();
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    items
        .into_iter()
        .map(valid_value)
        .collect::<Vec<_>>()
        .prop_map(move |values| {
            let mut record: serde_json::Map<String, Value> =
                ids.iter().cloned().zip(values).collect();
            if record["in_education"] != json!(true) {
                record.remove("education_type");
            }
            record
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_valid_record_scores_within_range(record in complete_record()) {
        let answers = Answers::validate(instrument(), &Value::Object(record)).expect("generated records are valid");
        let scores = scoring::current().score(&answers);
        for d in Domain::ALL {
            if let Some(s) = scores.domain(d) {
                prop_assert!((0.0..=1.0).contains(&s), "{} = {s}", d.id());
            } else {
                // Only the economy domain may be null in a complete record: main income "unknown".
                prop_assert_eq!(d, Domain::Economy);
                prop_assert_eq!(answers.get("main_income").and_then(|a| a.as_str()), Some("unknown"));
            }
        }
        if let Some(asi6) = scores.asi6 {
            prop_assert!((0.0..=1.0).contains(&asi6));
        }
        let wellbeing = scores.wellbeing.expect("wellbeing answered");
        prop_assert!((0.0..=10.0).contains(&wellbeing));
        prop_assert!(scores.drug_free.is_some());
    }

    #[test]
    fn removing_any_item_of_a_domain_voids_it_and_asi6(record in complete_record(), pick in any::<prop::sample::Index>()) {
        let spec = scoring::current();
        for d in Domain::ALL {
            let items: Vec<&str> = spec.domain(d).formula.items().collect();
            let removed = items[pick.index(items.len())];
            let mut partial = record.clone();
            partial.remove(removed);
            let answers = Answers::validate(instrument(), &Value::Object(partial)).expect("valid without the item");
            let scores = spec.score(&answers);
            prop_assert_eq!(scores.domain(d), None, "{} without {}", d.id(), removed);
            prop_assert_eq!(scores.asi6, None);
        }
    }

    #[test]
    fn not_in_education_and_no_education_type_is_valid(record in complete_record()) {
        let mut record = record;
        record.insert("in_education".into(), json!(false));
        record.remove("education_type");
        let answers = Answers::validate(instrument(), &Value::Object(record));
        prop_assert!(answers.is_ok());
        // Skipped by design is not missing: every domain is still scored (unless income is unknown).
        let scores = scoring::current().score(&answers.unwrap());
        prop_assert!(Domain::ALL.iter().filter(|&&d| d != Domain::Economy).all(|&d| scores.domain(d).is_some()));
    }

    #[test]
    fn validation_never_panics(value in arbitrary_json()) {
        let _ = Answers::validate(instrument(), &value);
    }

    #[test]
    fn validation_never_panics_on_real_keys(values in proptest::collection::vec(arbitrary_json(), instrument().items.len())) {
        let record: serde_json::Map<String, Value> =
            instrument().item_ids().map(str::to_owned).zip(values).collect();
        if let Ok(answers) = Answers::validate(instrument(), &Value::Object(record)) {
            // Whatever validates also scores without panicking.
            let _ = scoring::current().score(&answers);
        }
    }
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        (-2i64..40).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
