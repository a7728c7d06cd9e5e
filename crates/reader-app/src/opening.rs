//! Opening every envelope with the clinic's keys: an envelope sealed to a key none of the
//! key files holds, or a changed one, is a clear message for that envelope and never stops
//! the others.

use asi_export::{KeyRing, Response, open_envelope};
use leptos::prelude::*;

use crate::texts::{LANG, opening, tr};

/// An envelope that could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Its place in the inbox's order (1-based).
    pub number: usize,
    /// Its id, when it can be read without the key.
    pub id: Option<String>,
    /// Why, in the reader's language.
    pub message: String,
}

/// The responses opened (in order) and the envelopes that could not be.
#[derive(Debug, Clone, Default)]
pub struct Opened {
    pub responses: Vec<Response>,
    pub failures: Vec<Failure>,
}

/// Opens each envelope (its JSON text) with the key of `keys` its `key_id` names.
pub fn open_all(keys: &KeyRing, envelopes: &[String]) -> Opened {
    let mut opened = Opened::default();
    for (i, json) in envelopes.iter().enumerate() {
        match open_envelope(keys, json) {
            Ok(response) => opened.responses.push(response),
            Err(e) => opened.failures.push(Failure {
                number: i + 1,
                id: asi_envelope::Envelope::from_json(json)
                    .ok()
                    .map(|e| e.id.to_string()),
                message: e.message(LANG),
            }),
        }
    }
    opened
}

/// How many were opened, and the ones that could not be, each with its reason.
#[component]
pub fn Summary(loaded: StoredValue<crate::Loaded>) -> impl IntoView {
    let (count, failures) =
        loaded.with_value(|l| (l.opened.responses.len(), l.opened.failures.clone()));
    let opened = if count == 1 {
        opening::OPENED_ONE
    } else {
        opening::OPENED
    }
    .fill(LANG, &[("count", &count)]);
    let said = if failures.is_empty() {
        opened
    } else {
        let failed = opening::NOT_OPENED.fill(LANG, &[("count", &failures.len())]);
        format!("{opened} {failed}")
    };
    view! {
        <p class="notice" role="status" id="opened-status">{said}</p>
        {(!failures.is_empty())
            .then(|| {
                view! {
                    <section class="result-block" aria-labelledby="failures-heading">
                        <h2 id="failures-heading">{tr(opening::FAILURES_HEADING)}</h2>
                        <p>{tr(opening::FAILURES_LEAD)}</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="failures-heading">
                            <table class="data failures">
                                <thead>
                                    <tr>
                                        <th scope="col">{tr(opening::NUMBER)}</th>
                                        <th scope="col">{tr(opening::ENVELOPE)}</th>
                                        <th scope="col">{tr(opening::WHY)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {failures
                                        .into_iter()
                                        .map(|f| {
                                            view! {
                                                <tr data-failure=f.id.clone().unwrap_or_default()>
                                                    <td>{f.number}</td>
                                                    <td>{f.id.clone().unwrap_or_else(|| "–".into())}</td>
                                                    <td>{f.message}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                }
            })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use asi_envelope::{Metadata, keys, seal};
    use asi_instrument::{Answers, Lang, Mode, Payload, instrument};

    fn envelope(public: &asi_envelope::PublicKey) -> String {
        given_with(public, asi_instrument::CURRENT_INSTRUMENT_VERSION)
    }

    /// An envelope to `public` with a Trivsel & forbrug answer (wellbeing 6) as the app of
    /// `instrument_version` gave it (scored with the scoring version for it, if shipped).
    fn given_with(public: &asi_envelope::PublicKey, instrument_version: &str) -> String {
        let answers = Answers::validate(
            instrument(),
            &serde_json::json!({"wellbeing_personal": 5, "wellbeing_close": 6, "wellbeing_social": 7}),
        )
        .unwrap();
        let mut payload = Payload::complete(
            answers,
            Mode::Anonymous,
            Lang::Da,
            "2026-11-25T10:00:00Z".into(),
        );
        if let Some(spec) = asi_instrument::scoring::shipped()
            .into_iter()
            .find(|s| s.instrument_version == instrument_version)
        {
            payload.scores = spec.score(&payload.answers);
            payload.scoring_version = spec.version.clone();
        }
        payload.instrument_version = instrument_version.into();
        let metadata = Metadata::new(
            public,
            "demo",
            "trivsel",
            "self_screening",
            "2026-11-25",
            None,
        );
        seal(public, &metadata, &payload.to_bytes())
            .unwrap()
            .to_json()
    }

    #[test]
    fn a_wrong_key_or_a_changed_envelope_fails_alone() {
        let (secret, public) = keys::generate();
        let (_, other) = keys::generate();
        let good = envelope(&public);
        let foreign = envelope(&other);
        let mut changed: serde_json::Value = serde_json::from_str(&envelope(&public)).unwrap();
        let ct = changed["ct"].as_str().unwrap().to_owned();
        let flipped = if ct.starts_with('A') { "B" } else { "A" };
        changed["ct"] = format!("{flipped}{}", &ct[1..]).into();
        let opened = open_all(
            &KeyRing::from(secret),
            &[good, foreign, changed.to_string(), "not json".into()],
        );
        assert_eq!(opened.responses.len(), 1);
        let numbers: Vec<usize> = opened.failures.iter().map(|f| f.number).collect();
        assert_eq!(numbers, [2, 3, 4]);
        assert_eq!(
            opened.failures[0].message,
            format!(
                "den er forseglet til nøgle {}; ingen af de angivne nøglefiler passer (de har nøgle {}) — har I en ældre nøgle?",
                other.key_id(),
                public.key_id()
            )
        );
        assert!(opened.failures[1].message.contains("ændret"));
        assert!(opened.failures[1].id.is_some());
        assert_eq!(opened.failures[2].id, None);
    }

    #[test]
    fn envelopes_sealed_to_the_new_and_the_old_key_open_with_both_files() {
        let (old, old_public) = keys::generate();
        let (new, new_public) = keys::generate();
        let envelopes = [envelope(&old_public), envelope(&new_public)];
        let files = [
            ("ny.key", new.to_key_file("new")),
            ("gammel.key", old.to_key_file("old")),
        ];
        let both = KeyRing::from_key_files(files).unwrap();
        let opened = open_all(&both, &envelopes);
        assert_eq!((opened.responses.len(), opened.failures.len()), (2, 0));
        // With the new key only, the old key's response is listed and the other opens.
        let opened = open_all(&KeyRing::from(new), &envelopes);
        assert_eq!(opened.responses.len(), 1);
        assert_eq!(opened.failures.len(), 1);
        assert_eq!(opened.failures[0].number, 1);
        assert!(
            opened.failures[0]
                .message
                .contains(&format!("forseglet til nøgle {}", old_public.key_id())),
            "{:?}",
            opened.failures[0]
        );
    }

    #[test]
    fn responses_of_both_instrument_versions_open_and_a_newer_one_says_so() {
        let (secret, public) = keys::generate();
        let envelopes = [
            given_with(&public, "asi-kort-dk-v1"),
            given_with(&public, "asi-kort-dk-v2"),
            given_with(&public, "asi-kort-dk-v3"),
        ];
        let opened = open_all(&KeyRing::from(secret), &envelopes);
        let versions: Vec<&str> = opened
            .responses
            .iter()
            .map(|r| r.payload.instrument_version.as_str())
            .collect();
        assert_eq!(versions, ["asi-kort-dk-v1", "asi-kort-dk-v2"]);
        let rows = asi_reader::rows(&opened.responses, None);
        assert!(
            rows.iter()
                .all(|r| r.scores_match && r.scores.wellbeing == Some(6.0))
        );
        assert_eq!(opened.failures.len(), 1);
        assert_eq!(opened.failures[0].number, 3);
        assert!(
            opened.failures[0]
                .message
                .contains("skemaversion asi-kort-dk-v3, som dette program ikke kender"),
            "{:?}",
            opened.failures[0]
        );
    }
}
