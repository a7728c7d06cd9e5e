//! What the product seals in an envelope (`docs/envelope.md` §4): the answers, the scores as
//! `asi score` prints them, and how the response was given. The envelope itself carries any
//! bytes; this is what the app and `asi seal` put in and `asi open`, `asi export` and the
//! reader take out.

use serde::{Deserialize, Serialize};

use crate::scoring::{self, Scores};
use crate::{Answers, Lang, instrument};

/// How the response was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Anonymous self-referral: nothing identifies the person or the device.
    Anonymous,
    /// Identified intake (CPR and name are among the answers).
    Identified,
    /// A follow-up link (the token is in the metadata).
    Link,
}

/// The plaintext of an envelope, as UTF-8 JSON with these keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    /// The canonical answer record.
    pub answers: Answers,
    /// The scores, exactly as `asi score` prints them.
    pub scores: Scores,
    /// The scoring specification used (also inside `scores`).
    pub scoring_version: String,
    /// The instrument version the answers belong to.
    pub instrument_version: String,
    /// When the citizen finished, RFC 3339 (for example `2026-11-25T14:03:00Z`).
    pub completed_at: String,
    /// How the response was given.
    pub mode: Mode,
    /// The language the citizen answered in (`da`, `en`).
    pub locale: String,
    /// The consent the citizen gave before an identified response was sent (absent
    /// otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
}

/// A consent given in the app: the clinic's text exactly as shown, and when it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The clinic's consent text the citizen agreed to.
    pub text: String,
    /// When the citizen agreed, RFC 3339.
    pub given_at: String,
}

impl Payload {
    /// The payload of a finished response: scores `answers` with the current scoring
    /// specification and records the instrument and scoring versions.
    pub fn complete(answers: Answers, mode: Mode, locale: Lang, completed_at: String) -> Payload {
        let scores = scoring::current().score(&answers);
        Payload {
            answers,
            scoring_version: scores.scoring_version.clone(),
            scores,
            instrument_version: instrument().version.clone(),
            completed_at,
            mode,
            locale: locale.tag().to_owned(),
            consent: None,
        }
    }

    /// The same payload with the citizen's consent.
    pub fn with_consent(self, consent: Consent) -> Payload {
        Payload {
            consent: Some(consent),
            ..self
        }
    }

    /// The payload as UTF-8 JSON bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a payload always serialises")
    }

    /// Reads a payload.
    pub fn from_bytes(bytes: &[u8]) -> Result<Payload, serde_json::Error> {
        serde_json::from_slice(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn payload() -> Payload {
        let answers = Answers::validate(
            instrument(),
            &json!({"wellbeing_personal": 6, "wellbeing_close": 7, "wellbeing_social": 8, "psych_suicidal_thoughts": false}),
        )
        .unwrap();
        Payload::complete(answers, Mode::Link, Lang::Da, "2026-11-25T14:03:00Z".into())
    }

    #[test]
    fn a_payload_reads_back_as_written() {
        let p = payload();
        assert_eq!(Payload::from_bytes(&p.to_bytes()).unwrap(), p);
        assert_eq!(p.scores.wellbeing, Some(7.0));
        assert_eq!(p.scoring_version, scoring::CURRENT_VERSION);
        let text = String::from_utf8(p.to_bytes()).unwrap();
        assert!(text.contains(r#""mode":"link","locale":"da""#), "{text}");
    }

    #[test]
    fn an_identified_payload_carries_its_consent_and_others_have_none() {
        let plain = payload().to_bytes();
        assert!(!String::from_utf8(plain).unwrap().contains("consent"));
        let consented = payload().with_consent(Consent {
            text: "Jeg giver samtykke.".into(),
            given_at: "2026-11-25T14:02:00Z".into(),
        });
        let back = Payload::from_bytes(&consented.to_bytes()).unwrap();
        assert_eq!(back.consent.unwrap().text, "Jeg giver samtykke.");
    }
}
