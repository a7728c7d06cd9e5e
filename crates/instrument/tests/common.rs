//! Shared by the integration tests: the scoring vectors and the item ids of the spec.

#![allow(dead_code)]

use serde_json::Value;

/// The scoring vectors of `docs/scoring-format.md`.
pub const VECTORS_JSON: &str = include_str!("data/scoring-vectors.json");

/// (name, answers, expected scores) for every vector.
pub fn vectors() -> Vec<(String, Value, Value)> {
    let all: serde_json::Map<String, Value> = serde_json::from_str(VECTORS_JSON).unwrap();
    all.into_iter()
        .map(|(name, v)| (name, v["answers"].clone(), v["scores"].clone()))
        .collect()
}

/// The item ids of `docs/instrument-format.md` in instrument version `asi-kort-dk-v1`,
/// transcribed by hand from it (not from the instrument data, which is what the tests check).
pub const SPEC_ITEM_IDS: [&str; 59] = [
    "cpr",
    "name",
    "completed_on",
    "alc_use_days",
    "alc_heavy_days",
    "days_heroin_prescribed",
    "days_heroin_illicit",
    "days_methadone_prescribed",
    "days_methadone_illicit",
    "days_buprenorphine_prescribed",
    "days_buprenorphine_illicit",
    "days_other_opioids",
    "days_benzodiazepines_prescribed",
    "days_benzodiazepines_illicit",
    "days_cocaine",
    "days_amphetamines",
    "days_ecstasy",
    "days_cannabis",
    "days_hallucinogens",
    "days_inhalants",
    "days_other_illicit",
    "days_polydrug",
    "days_injection",
    "drug_problem_days",
    "drug_money_dkk",
    "drug_troubled",
    "drug_treatment_importance",
    "alc_troubled",
    "alc_treatment_importance",
    "alc_problem_days",
    "alc_money_dkk",
    "work_days",
    "wage_income",
    "main_income",
    "in_education",
    "education_type",
    "awaiting_charges",
    "illegal_activity_days",
    "legal_seriousness",
    "legal_help_importance",
    "physical_problem_days",
    "physical_troubled",
    "physical_treatment_importance",
    "psych_depression",
    "psych_anxiety",
    "psych_concentration",
    "psych_hallucinations",
    "psych_violence",
    "psych_medication",
    "psych_suicidal_thoughts",
    "psych_suicide_attempt",
    "psych_problem_days",
    "psych_troubled",
    "psych_treatment_importance",
    "wellbeing_personal",
    "wellbeing_close",
    "wellbeing_social",
    "hash_days",
    "other_drug_days",
];

/// The item ids `asi-kort-dk-v2` adds after those of v1: the involvement form (Inddragelse)
/// of `docs/instrument-format.md`, transcribed by hand.
pub const SPEC_INVOLVEMENT_ITEM_IDS: [&str; 7] = [
    "involvement_decisions",
    "involvement_concerns",
    "involvement_time",
    "involvement_privacy",
    "involvement_priorities",
    "involvement_relatives",
    "involvement_important",
];
