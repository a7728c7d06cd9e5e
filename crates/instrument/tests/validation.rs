//! Validation errors are typed, per item, and explain themselves in Danish and English.

mod common;

use asi_instrument::validate::{ErrorKind, Expected};
use asi_instrument::{Answer, Answers, Lang, instrument};
use serde_json::json;

fn errors(record: serde_json::Value) -> Vec<(Option<String>, ErrorKind)> {
    Answers::validate(instrument(), &record)
        .expect_err("the record must be invalid")
        .into_iter()
        .map(|e| (e.item, e.kind))
        .collect()
}

fn one(record: serde_json::Value) -> (String, ErrorKind) {
    let mut all = errors(record);
    assert_eq!(all.len(), 1, "{all:?}");
    let (item, kind) = all.remove(0);
    (item.expect("an item"), kind)
}

#[test]
fn unknown_item() {
    assert_eq!(
        one(json!({"alc_days": 3})),
        ("alc_days".into(), ErrorKind::UnknownItem)
    );
}

#[test]
fn wrong_types() {
    let whole = ErrorKind::WrongType {
        expected: Expected::WholeNumber,
    };
    assert_eq!(one(json!({"alc_use_days": "3"})).1, whole);
    assert_eq!(one(json!({"alc_use_days": 3.5})).1, whole);
    assert_eq!(one(json!({"alc_use_days": null})).1, whole);
    assert_eq!(
        one(json!({"wage_income": 1})).1,
        ErrorKind::WrongType {
            expected: Expected::YesNo
        }
    );
    assert_eq!(
        one(json!({"main_income": 1})).1,
        ErrorKind::WrongType {
            expected: Expected::Text
        }
    );
}

#[test]
fn out_of_range() {
    assert_eq!(
        one(json!({"alc_use_days": 31})).1,
        ErrorKind::OutOfRange { min: 0, max: 30 }
    );
    assert_eq!(
        one(json!({"alc_use_days": -1})).1,
        ErrorKind::OutOfRange { min: 0, max: 30 }
    );
    assert_eq!(
        one(json!({"work_days": 21})).1,
        ErrorKind::OutOfRange { min: 0, max: 20 }
    );
    assert_eq!(
        one(json!({"drug_troubled": 5})).1,
        ErrorKind::OutOfRange { min: 0, max: 4 }
    );
    assert_eq!(
        one(json!({"wellbeing_social": 11})).1,
        ErrorKind::OutOfRange { min: 0, max: 10 }
    );
    assert!(matches!(
        one(json!({"alc_money_dkk": u64::MAX})).1,
        ErrorKind::OutOfRange { min: 0, .. }
    ));
}

#[test]
fn unknown_code() {
    assert!(
        matches!(one(json!({"main_income": "lottery"})).1, ErrorKind::UnknownCode { allowed } if allowed.len() == 13)
    );
}

#[test]
fn skip_rule() {
    let violation = one(json!({"in_education": false, "education_type": "hf"}));
    assert_eq!(violation.0, "education_type");
    assert!(
        matches!(violation.1, ErrorKind::SkipRule { ref depends_on, .. } if depends_on == "in_education")
    );
    // Not asked when in_education was not answered either.
    assert_eq!(one(json!({"education_type": "hf"})).0, "education_type");
    // Asked, and answered or not, when in education.
    assert!(
        Answers::validate(
            instrument(),
            &json!({"in_education": true, "education_type": "hf"})
        )
        .is_ok()
    );
    assert!(Answers::validate(instrument(), &json!({"in_education": true})).is_ok());
    assert!(Answers::validate(instrument(), &json!({"in_education": false})).is_ok());
}

#[test]
fn identification_items() {
    let ok = Answers::validate(
        instrument(),
        &json!({"cpr": "010190-1234", "name": " Jens Hansen ", "completed_on": "2026-11-25"}),
    )
    .unwrap();
    assert_eq!(ok.get("cpr"), Some(&Answer::Text("0101901234".into())));
    assert_eq!(ok.get("name"), Some(&Answer::Text("Jens Hansen".into())));
    assert!(matches!(
        one(json!({"cpr": "3102901234"})).1,
        ErrorKind::Cpr(_)
    ));
    assert_eq!(one(json!({"name": "  "})).1, ErrorKind::EmptyText);
    assert_eq!(
        one(json!({"completed_on": "2026-02-30"})).1,
        ErrorKind::Date
    );
}

#[test]
fn every_problem_is_reported_in_item_order() {
    let all =
        errors(json!({"psych_troubled": 9, "zzz": 1, "alc_use_days": "x", "alc_heavy_days": 2}));
    let items: Vec<&str> = all.iter().map(|(i, _)| i.as_deref().unwrap()).collect();
    assert_eq!(items, ["alc_use_days", "psych_troubled", "zzz"]);
}

#[test]
fn a_record_must_be_an_object() {
    assert_eq!(errors(json!([1, 2])), [(None, ErrorKind::NotAnObject)]);
}

#[test]
fn messages_exist_in_danish_and_english() {
    let all = Answers::validate(
        instrument(),
        &json!({"alc_use_days": 31, "x": 1, "wage_income": 2, "main_income": "y", "cpr": "1", "name": "", "completed_on": "z", "education_type": "hf"}),
    )
    .unwrap_err();
    assert_eq!(all.len(), 8);
    for e in &all {
        let (da, en) = (e.message(Lang::Da), e.message(Lang::En));
        assert!(!da.is_empty() && !en.is_empty() && da != en, "{e:?}");
    }
    let range = all
        .iter()
        .find(|e| e.item.as_deref() == Some("alc_use_days"))
        .unwrap();
    assert_eq!(range.message(Lang::Da), "Skriv et tal fra 0 til 30.");
    assert_eq!(
        range.to_string(),
        "alc_use_days: Enter a number from 0 to 30."
    );
}

#[test]
fn answers_round_trip_through_json() {
    for (name, record, _) in common::vectors() {
        let answers = Answers::validate(instrument(), &record).unwrap();
        let text = serde_json::to_string(&answers).unwrap();
        let back: Answers = serde_json::from_str(&text).unwrap();
        assert_eq!(back, answers, "{name}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            record,
            "{name}"
        );
        assert_eq!(answers.to_json(), record, "{name}");
    }
}

/// The errors of `record` held to `form` (identified or not), as (item, kind).
fn form_errors(
    record: serde_json::Value,
    form: &str,
    identified: bool,
) -> Vec<(String, ErrorKind)> {
    let form = instrument().form(form).unwrap();
    Answers::validate_for_form(instrument(), &record, form, identified)
        .expect_err("the record must be invalid for the form")
        .into_iter()
        .map(|e| (e.item.expect("an item"), e.kind))
        .collect()
}

fn fits(record: &serde_json::Value, form: &str, identified: bool) -> bool {
    let form = instrument().form(form).unwrap();
    Answers::validate_for_form(instrument(), record, form, identified).is_ok()
}

#[test]
fn an_asi_kort_item_does_not_belong_to_a_trivsel_record() {
    let record = json!({"wellbeing_personal": 5, "hash_days": 2, "drug_problem_days": 3});
    let trivsel = instrument().form("trivsel").unwrap();
    let all = form_errors(record.clone(), "trivsel", false);
    assert_eq!(
        all,
        [(
            "drug_problem_days".to_owned(),
            ErrorKind::NotInForm {
                form: "trivsel".into(),
                title: trivsel.title.clone(),
            }
        )]
    );
    // Without a form the same record is valid: any item of the instrument is accepted.
    assert!(Answers::validate(instrument(), &record).is_ok());
    // Trivsel & forbrug's own consumption items are not asked in the ASI kort form.
    let all = form_errors(record, "asi_kort", false);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].0, "hash_days");
    assert!(matches!(&all[0].1, ErrorKind::NotInForm { form, .. } if form == "asi_kort"));
    assert!(fits(
        &json!({"wellbeing_personal": 5, "alc_use_days": 3}),
        "asi_kort",
        false
    ));
}

#[test]
fn the_alcohol_items_fit_a_trivsel_record_from_v2_on() {
    // In v2 the alcohol section is one a clinic may add to Trivsel & forbrug, so a record of
    // the form may carry its items (the record does not say what the clinic chose).
    let record = json!({"wellbeing_personal": 5, "alc_use_days": 3, "alc_heavy_days": 1});
    assert!(fits(&record, "trivsel", false));
    // In v1 it was not: a v1 response keeps the meaning it had.
    let v1 = asi_instrument::by_version("asi-kort-dk-v1").unwrap();
    let errors =
        Answers::validate_for_form(v1, &record, v1.form("trivsel").unwrap(), false).unwrap_err();
    let items: Vec<&str> = errors.iter().filter_map(|e| e.item.as_deref()).collect();
    assert_eq!(items, ["alc_use_days", "alc_heavy_days"]);
    assert!(
        errors
            .iter()
            .all(|e| matches!(e.kind, ErrorKind::NotInForm { .. }))
    );
}

#[test]
fn an_involvement_record_takes_its_statements_and_free_text_only() {
    let record = json!({
        "involvement_decisions": 4,
        "involvement_time": 0,
        "involvement_important": "  At der bliver taget udgangspunkt i mig.\r\nOg ro.  "
    });
    let form = instrument().form("inddragelse").unwrap();
    let answers = Answers::validate_for_form(instrument(), &record, form, false).unwrap();
    // The free text is trimmed and its line break written one way.
    assert_eq!(
        answers.get("involvement_important"),
        Some(&Answer::Text(
            "At der bliver taget udgangspunkt i mig.\nOg ro.".into()
        ))
    );
    assert_eq!(
        form_errors(
            json!({"involvement_decisions": 5, "wellbeing_personal": 5}),
            "inddragelse",
            false
        ),
        [
            (
                "wellbeing_personal".to_owned(),
                ErrorKind::NotInForm {
                    form: "inddragelse".into(),
                    title: form.title.clone()
                }
            ),
            (
                "involvement_decisions".to_owned(),
                ErrorKind::OutOfRange { min: 0, max: 4 }
            ),
        ]
    );
    // At most 1000 characters (not bytes: æ counts one); blank is not an answer.
    let long = "æ".repeat(1000);
    assert!(fits(
        &json!({"involvement_important": long}),
        "inddragelse",
        false
    ));
    assert_eq!(
        form_errors(
            json!({"involvement_important": "æ".repeat(1001)}),
            "inddragelse",
            false
        ),
        [(
            "involvement_important".to_owned(),
            ErrorKind::TooLong { max: 1000 }
        )]
    );
    assert_eq!(
        form_errors(
            json!({"involvement_important": " \n "}),
            "inddragelse",
            false
        ),
        [("involvement_important".to_owned(), ErrorKind::EmptyText)]
    );
}

#[test]
fn the_form_s_items_come_from_its_sections_in_the_data() {
    // Every vector answers the ASI kort only; every item of a form's sections fits it.
    for (name, record, _) in common::vectors() {
        assert!(fits(&record, "asi_kort", false), "{name}");
    }
    let inst = instrument();
    for form in &inst.forms {
        for item in inst.form_items(form) {
            let fitted = Answers::validate_for_form(inst, &json!({&item.id: 0}), form, false);
            let refused_as_outside = fitted.err().is_some_and(|all| {
                all.iter()
                    .any(|e| matches!(e.kind, ErrorKind::NotInForm { .. }))
            });
            assert!(!refused_as_outside, "{} in {}", item.id, form.id);
        }
    }
    // A form given one more section in the data takes that section's items.
    let mut wider = inst.clone();
    let trivsel = wider.forms.iter_mut().find(|f| f.id == "trivsel").unwrap();
    trivsel.sections.push("legal".into());
    let trivsel = wider.form("trivsel").unwrap();
    let record = json!({"illegal_activity_days": 3});
    assert!(Answers::validate_for_form(&wider, &record, trivsel, false).is_ok());
    assert!(!fits(&record, "trivsel", false));
}

#[test]
fn identification_items_belong_to_identified_records_only() {
    let record = json!({"cpr": "0101901234", "name": "Jens", "completed_on": "2026-11-25", "wellbeing_close": 4});
    for form in ["asi_kort", "trivsel"] {
        assert!(fits(&record, form, true), "{form}");
        let items: Vec<(String, ErrorKind)> = form_errors(record.clone(), form, false);
        assert_eq!(
            items,
            [
                ("cpr".to_owned(), ErrorKind::IdentifiedOnly),
                ("name".to_owned(), ErrorKind::IdentifiedOnly),
                ("completed_on".to_owned(), ErrorKind::IdentifiedOnly),
            ]
        );
    }
    // An identified record still answers one form only.
    assert_eq!(
        form_errors(
            json!({"cpr": "0101901234", "drug_problem_days": 1}),
            "trivsel",
            true
        )[0]
        .0,
        "drug_problem_days"
    );
}

#[test]
fn an_item_outside_the_form_is_one_problem_and_values_are_still_checked() {
    // Outside the form: that is the problem, not also its skip rule.
    assert!(matches!(
        form_errors(json!({"education_type": "hf"}), "trivsel", false).as_slice(),
        [(item, ErrorKind::NotInForm { .. })] if item == "education_type"
    ));
    // Inside the form, values, unknown items and skip rules are checked as before.
    assert_eq!(
        form_errors(json!({"wellbeing_close": 11, "zzz": 1}), "trivsel", false),
        [
            (
                "wellbeing_close".to_owned(),
                ErrorKind::OutOfRange { min: 0, max: 10 }
            ),
            ("zzz".to_owned(), ErrorKind::UnknownItem),
        ]
    );
}

#[test]
fn form_messages_in_danish_and_english() {
    let trivsel = instrument().form("trivsel").unwrap();
    let all = Answers::validate_for_form(
        instrument(),
        &json!({"drug_problem_days": 3, "cpr": "0101901234"}),
        trivsel,
        false,
    )
    .unwrap_err();
    let messages: Vec<(String, String)> = all
        .iter()
        .map(|e| (e.message(Lang::Da), e.message(Lang::En)))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "Spørgsmålet hører kun til en identificeret besvarelse (med cpr-nummer og navn)."
                    .to_owned(),
                "This question belongs only to an identified response (with CPR number and name)."
                    .to_owned()
            ),
            (
                "Spørgsmålet hører ikke til skemaet «Trivsel & forbrug» (trivsel).".to_owned(),
                "This question is not part of the form “Wellbeing & use” (trivsel).".to_owned()
            ),
        ]
    );
    assert_eq!(
        all[1].to_string(),
        "drug_problem_days: This question is not part of the form “Wellbeing & use” (trivsel)."
    );
}

#[test]
fn every_text_has_the_same_places_in_danish_and_english() {
    use asi_instrument::{metadata, model, validate};
    let tables = [
        validate::texts::ALL,
        model::form_texts::ALL,
        metadata::texts::ALL,
    ];
    assert_eq!(asi_i18n::places_disagree(&tables), Vec::<String>::new());
}
