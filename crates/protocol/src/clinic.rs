//! A clinic's public settings (`GET /api/v1/clinics/<id>`): what the app may know of the
//! clinic, kept on the device for offline use. The inbox always serves every member; a
//! reader of settings kept from an older inbox fills the members it lacks with the defaults
//! below.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

/// Days an unfinished draft is kept on the device when the clinic sets nothing.
pub const DEFAULT_DRAFT_RETENTION_DAYS: u32 = 14;
/// The smallest and largest `draft_retention_days`.
pub const DRAFT_RETENTION_DAYS: RangeInclusive<u32> = 1..=365;

/// The settings served for one clinic. Never the reader token hash, the envelope retention
/// or the clinic's limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClinicSettings {
    /// The clinic id used in envelopes and links.
    pub id: String,
    /// Its name, shown to citizens.
    pub name: String,
    /// Contact details shown to citizens.
    pub contact: String,
    /// Opening hours shown to citizens (free text; empty: not shown).
    #[serde(default)]
    pub opening_hours: String,
    /// The X25519 public key envelopes are sealed to, base64url (`docs/envelope.md` §2).
    pub public_key: String,
    /// The key's id (`docs/envelope.md` §2).
    pub key_id: String,
    /// Form id → the timepoints the clinic takes it at. The inbox lists every form of the
    /// instrument (`[]` for a form not offered); empty (settings from an older inbox): every
    /// form at every timepoint.
    #[serde(default)]
    pub offers: BTreeMap<String, Vec<String>>,
    /// Form id → the form's optional sections the clinic asks, e.g. `{"trivsel":
    /// ["alcohol_use"]}`: Trivsel & forbrug with the ASI kort's two alcohol items. The app
    /// asks a form as `Form::resolve` with this list gives it. The inbox lists every form of
    /// the instrument that has optional sections (`[]`: the clinic adds none); a form not
    /// listed (settings from an older inbox): none.
    #[serde(default)]
    pub optional_sections: BTreeMap<String, Vec<String>>,
    /// Whether the citizen sees their scores on the result screen.
    #[serde(default = "yes")]
    pub show_scores: bool,
    /// Whether anonymous self-screenings are accepted.
    #[serde(default = "yes")]
    pub accept_anonymous: bool,
    /// The consent sentence shown before an identified response is sent.
    #[serde(default)]
    pub consent_text: String,
    /// Days an unfinished draft is kept on the device after its last change.
    #[serde(default = "default_draft_retention_days")]
    pub draft_retention_days: u32,
    /// Web origins allowed to show the app in a frame (and to hear from it).
    #[serde(default)]
    pub embed_origins: Vec<String>,
}

fn yes() -> bool {
    true
}

fn default_draft_retention_days() -> u32 {
    DEFAULT_DRAFT_RETENTION_DAYS
}

impl ClinicSettings {
    /// The optional sections of `form` the clinic asks (none when it names none).
    pub fn optional_sections(&self, form: &str) -> &[String] {
        self.optional_sections.get(form).map_or(&[], Vec::as_slice)
    }

    /// Whether the clinic asks `form` at `timepoint`.
    pub fn offers(&self, form: &str, timepoint: &str) -> bool {
        self.offers.is_empty()
            || self
                .offers
                .get(form)
                .is_some_and(|t| t.iter().any(|t| t == timepoint))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_kept_from_an_older_inbox_take_the_defaults() {
        let old = r#"{"id": "demo", "name": "Demo", "contact": "Tlf. 1",
                      "public_key": "k", "key_id": "0123456789abcdef"}"#;
        let settings: ClinicSettings = serde_json::from_str(old).unwrap();
        assert!(settings.show_scores && settings.accept_anonymous);
        assert_eq!(settings.draft_retention_days, DEFAULT_DRAFT_RETENTION_DAYS);
        assert!(settings.offers("trivsel", "midway") && settings.embed_origins.is_empty());
        assert_eq!(settings.consent_text, "");
        assert!(settings.optional_sections("trivsel").is_empty());
    }

    #[test]
    fn optional_sections_are_named_per_form() {
        let settings: ClinicSettings = serde_json::from_str(
            r#"{"id": "d", "name": "D", "contact": "", "public_key": "k", "key_id": "0",
                "optional_sections": {"trivsel": ["alcohol_use"], "asi_kort": []}}"#,
        )
        .unwrap();
        assert_eq!(settings.optional_sections("trivsel"), ["alcohol_use"]);
        assert!(settings.optional_sections("asi_kort").is_empty());
        assert!(settings.optional_sections("inddragelse").is_empty());
    }

    #[test]
    fn offers_name_forms_and_timepoints() {
        let mut settings: ClinicSettings = serde_json::from_str(
            r#"{"id": "d", "name": "D", "contact": "", "public_key": "k", "key_id": "0"}"#,
        )
        .unwrap();
        settings.offers = BTreeMap::from([
            ("asi_kort".to_owned(), vec!["intake".to_owned()]),
            ("trivsel".to_owned(), vec![]),
        ]);
        assert!(settings.offers("asi_kort", "intake"));
        assert!(!settings.offers("asi_kort", "discharge"));
        assert!(!settings.offers("trivsel", "midway"));
    }
}
