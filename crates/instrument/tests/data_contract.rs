//! The instrument data matches the data contract of `docs/instrument-format.md`.

mod common;

use std::collections::BTreeSet;

use asi_instrument::model::AnswerType;
use asi_instrument::{
    CARRIED_FORWARD, CURRENT_INSTRUMENT_VERSION, Lang, by_version, instrument, shipped,
};

#[test]
fn every_spec_item_exists_and_no_other() {
    let v1: Vec<&str> = by_version("asi-kort-dk-v1").unwrap().item_ids().collect();
    assert_eq!(v1, common::SPEC_ITEM_IDS, "item ids and their order in v1");
    // v2 keeps v1's items in their order and adds the involvement form's after them.
    let current: Vec<&str> = instrument().item_ids().collect();
    let expected: Vec<&str> = common::SPEC_ITEM_IDS
        .iter()
        .chain(&common::SPEC_INVOLVEMENT_ITEM_IDS)
        .copied()
        .collect();
    assert_eq!(current, expected, "item ids and their order in v2");
    assert_eq!(instrument().version, CURRENT_INSTRUMENT_VERSION);
    assert_eq!(
        shipped().map(|i| i.version.as_str()),
        ["asi-kort-dk-v1", "asi-kort-dk-v2"]
    );
}

#[test]
fn every_carried_version_means_the_same_now() {
    // Old responses keep their meaning, and drafts begun with an older version are drafts of
    // the current one (Draft::resumed): each item of a carried version is in the current one
    // unchanged — its section, texts, answer type, range, skip rule — and so are the scales,
    // timepoints and identification it uses.
    assert_eq!(CARRIED_FORWARD, ["asi-kort-dk-v1"]);
    let now = instrument();
    assert_eq!(now.version, "asi-kort-dk-v2");
    for version in CARRIED_FORWARD {
        let old = by_version(version).unwrap();
        for item in &old.items {
            assert_eq!(now.item(&item.id), Some(item), "{version}: {}", item.id);
        }
        for scale in &old.scales {
            assert_eq!(now.scale(&scale.id), Some(scale), "{version}: {}", scale.id);
        }
        assert_eq!(old.timepoints, now.timepoints);
        assert_eq!(old.identified_sections, now.identified_sections);
        // Each old form asks the same sections now when the clinic adds nothing, at the same
        // timepoints, and its sections hold the same items.
        for form in &old.forms {
            let asked = now.form(&form.id).unwrap().resolve(&[]).unwrap();
            assert_eq!(
                (&asked.sections, &asked.timepoints),
                (&form.sections, &form.timepoints),
                "{version}: {}",
                form.id
            );
            for section in form.sections.iter().chain(&old.identified_sections) {
                let ids = |i: &asi_instrument::Instrument| -> Vec<String> {
                    i.section_items(section).map(|i| i.id.clone()).collect()
                };
                assert_eq!(ids(old), ids(now), "{version}: {section}");
            }
        }
    }
}

#[test]
fn answer_types_follow_the_spec() {
    let inst = instrument();
    for item in &inst.items {
        let id = item.id.as_str();
        let kind = &item.answer;
        let ok = match id {
            "involvement_important" => *kind == AnswerType::LongText { max_len: 1000 },
            _ if id.starts_with("involvement_") => {
                matches!(kind, AnswerType::Rating { scale } if scale == "involvement")
            }
            "cpr" => matches!(kind, AnswerType::Cpr),
            "name" => matches!(kind, AnswerType::Text { .. }),
            "completed_on" => matches!(kind, AnswerType::Date),
            "work_days" => *kind == AnswerType::Days { max: 20 },
            "drug_money_dkk" | "alc_money_dkk" => matches!(kind, AnswerType::Kroner { .. }),
            "main_income" | "education_type" => matches!(kind, AnswerType::Choice { .. }),
            "wage_income" | "in_education" | "awaiting_charges" => *kind == AnswerType::YesNo,
            _ if id.starts_with("wellbeing_") => matches!(kind, AnswerType::Wellbeing { .. }),
            _ if id.starts_with("psych_")
                && ![
                    "psych_problem_days",
                    "psych_troubled",
                    "psych_treatment_importance",
                ]
                .contains(&id) =>
            {
                *kind == AnswerType::YesNo
            }
            _ if id.ends_with("_troubled")
                || id.ends_with("_importance")
                || id == "legal_seriousness" =>
            {
                matches!(kind, AnswerType::Rating { scale } if inst.scale(scale).is_some_and(|s| s.labels.len() == 5))
            }
            _ if id.ends_with("_days") || id.starts_with("days_") => {
                *kind == AnswerType::Days { max: 30 }
            }
            _ => false,
        };
        assert!(ok, "{id} has answer type {kind:?}");
    }
}

#[test]
fn choice_codes_follow_the_spec() {
    let codes = |id: &str| -> Vec<String> {
        match &instrument().item(id).unwrap().answer {
            AnswerType::Choice { options } => options.iter().map(|o| o.code.clone()).collect(),
            other => panic!("{id} is {other:?}"),
        }
    };
    assert_eq!(
        codes("main_income"),
        [
            "wage",
            "su",
            "unemployment_benefit",
            "activation",
            "sickness_benefit",
            "cash_benefit",
            "rehabilitation_benefit",
            "pension",
            "family_friends",
            "illegal",
            "prostitution",
            "other",
            "unknown"
        ]
    );
    assert_eq!(
        codes("education_type"),
        [
            "gymnasium",
            "hf",
            "hf_single_subject",
            "vuc",
            "vuc_single_subject",
            "business_school",
            "sosu_basic",
            "sosu_trainee",
            "technical_school",
            "apprentice_craft",
            "apprentice_office",
            "apprentice_retail",
            "internship_no_placement",
            "production_school",
            "folk_high_school",
            "short_higher",
            "medium_higher",
            "long_higher",
            "other"
        ]
    );
}

#[test]
fn education_type_is_asked_only_in_education() {
    let rule = instrument()
        .item("education_type")
        .unwrap()
        .ask_if
        .as_ref()
        .expect("a skip rule");
    assert_eq!(rule.item, "in_education");
    assert_eq!(rule.equals, serde_json::json!(true));
    let with_rules: Vec<&str> = instrument()
        .items
        .iter()
        .filter(|i| i.ask_if.is_some())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(with_rules, ["education_type"]);
}

#[test]
fn every_reference_resolves_and_every_text_is_written_in_both_languages() {
    let inst = instrument();
    let mut texts = Vec::new();
    for item in &inst.items {
        assert!(
            inst.section(&item.section).is_some(),
            "{}: section {}",
            item.id,
            item.section
        );
        if let Some(g) = &item.group {
            assert!(inst.group(g).is_some(), "{}: group {g}", item.id);
        }
        texts.push((item.id.clone(), &item.text));
        texts.extend(item.help.iter().map(|h| (format!("{} help", item.id), h)));
        match &item.answer {
            AnswerType::Choice { options } => texts.extend(
                options
                    .iter()
                    .map(|o| (format!("{} {}", item.id, o.code), &o.text)),
            ),
            AnswerType::Wellbeing { low, mid, high } => {
                texts.extend([low, mid, high].map(|t| (item.id.clone(), t)))
            }
            _ => {}
        }
    }
    for s in &inst.sections {
        texts.push((s.id.clone(), &s.title));
        texts.extend(s.intro.iter().map(|t| (s.id.clone(), t)));
    }
    for scale in &inst.scales {
        texts.extend(scale.labels.iter().map(|t| (scale.id.clone(), t)));
    }
    for form in &inst.forms {
        texts.push((form.id.clone(), &form.title));
        texts.push((form.id.clone(), &form.description));
        for s in form.all_sections() {
            assert!(inst.section(s).is_some(), "form {}: section {s}", form.id);
        }
    }
    for (place, text) in texts {
        for lang in Lang::ALL {
            assert!(
                !text.get(lang).trim().is_empty(),
                "{place}: empty {lang:?} text"
            );
        }
    }
}

#[test]
fn the_involvement_scale_is_the_seeds_five_steps() {
    let labels: Vec<(&str, &str)> = instrument()
        .scale("involvement")
        .unwrap()
        .labels
        .iter()
        .map(|t| (t.get(Lang::Da), t.get(Lang::En)))
        .collect();
    assert_eq!(
        labels,
        [
            ("Slet ikke", "Not at all"),
            ("I mindre grad", "To a small extent"),
            ("I nogen grad", "To some extent"),
            ("I høj grad", "To a great extent"),
            ("I meget høj grad", "To a very great extent"),
        ]
    );
}

#[test]
fn the_set_ups_ask_what_the_spec_says() {
    let inst = instrument();
    // The items a form asks as a clinic that adds `chosen` asks it.
    let asked = |form: &str, chosen: &[&str]| -> BTreeSet<String> {
        let chosen: Vec<String> = chosen.iter().map(|s| (*s).to_owned()).collect();
        let resolved = inst.form(form).unwrap().resolve(&chosen).unwrap();
        inst.form_items(&resolved).map(|i| i.id.clone()).collect()
    };
    let ids = |form: &str| -> BTreeSet<&str> {
        inst.form_items(inst.form(form).unwrap())
            .map(|i| i.id.as_str())
            .collect()
    };
    let asi = ids("asi_kort");
    let trivsel_asked = asked("trivsel", &[]);
    let trivsel: BTreeSet<&str> = trivsel_asked.iter().map(String::as_str).collect();
    // Trivsel & forbrug with the alcohol items, where the clinic adds them (and a record of
    // the form may carry them whichever the clinic chose).
    assert_eq!(
        asked("trivsel", &["alcohol_use"]),
        [
            "wellbeing_personal",
            "wellbeing_close",
            "wellbeing_social",
            "hash_days",
            "other_drug_days",
            "alc_use_days",
            "alc_heavy_days"
        ]
        .map(str::to_owned)
        .into()
    );
    assert_eq!(ids("trivsel").len(), 7);
    assert_eq!(ids("inddragelse"), common::SPEC_INVOLVEMENT_ITEM_IDS.into());
    assert!(inst.form("asi_kort").unwrap().optional_sections.is_empty());
    assert!(
        inst.form("inddragelse")
            .unwrap()
            .optional_sections
            .is_empty()
    );
    assert_eq!(
        inst.form("inddragelse").unwrap().timepoints,
        [
            "midway",
            "discharge",
            "aftercare",
            "followup_40w",
            "followup_6m"
        ]
    );
    // ASI kort + Trivsel & forbrug: every ASI item and the wellbeing questions, but not the
    // consumption questions again, and no identification (that is added only in identified mode).
    let expected_asi: BTreeSet<&str> = common::SPEC_ITEM_IDS[3..57].iter().copied().collect();
    assert_eq!(asi, expected_asi);
    assert_eq!(
        trivsel,
        BTreeSet::from([
            "wellbeing_personal",
            "wellbeing_close",
            "wellbeing_social",
            "hash_days",
            "other_drug_days"
        ])
    );
    assert!(
        inst.form("asi_kort")
            .unwrap()
            .timepoints
            .contains(&"intake".to_owned())
    );
    assert!(
        inst.form("trivsel")
            .unwrap()
            .timepoints
            .contains(&"midway".to_owned())
    );
}

#[test]
fn timepoints_are_the_specs_measurement_points_and_every_form_uses_known_ones() {
    let inst = instrument();
    let ids: Vec<&str> = inst.timepoints.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "intake",
            "midway",
            "discharge",
            "aftercare",
            "followup_40w",
            "followup_6m",
            "self_screening"
        ]
    );
    for t in &inst.timepoints {
        for lang in Lang::ALL {
            assert!(!t.title.get(lang).trim().is_empty(), "{}: {lang:?}", t.id);
        }
    }
    for form in &inst.forms {
        for t in &form.timepoints {
            assert!(
                inst.timepoint(t).is_some(),
                "form {}: timepoint {t}",
                form.id
            );
        }
    }
}

#[test]
fn identification_is_asked_only_in_identified_mode_and_cannot_be_declined() {
    let inst = instrument();
    assert_eq!(inst.identified_sections, ["identification"]);
    for form in &inst.forms {
        assert!(!form.sections.iter().any(|s| s == "identification"));
    }
    let required: Vec<&str> = inst
        .items
        .iter()
        .filter(|i| i.required)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(required, ["cpr", "name", "completed_on"]);
}
