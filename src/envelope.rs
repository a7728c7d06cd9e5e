//! Everything the app takes from the envelope format (`asi_envelope`, `docs/envelope.md`), in
//! one place: checking that a clinic's public key and its id agree ([`check_key`]), a
//! follow-up link's token hash ([`token_hash`]), and sealing a finished response to the
//! clinic's key ([`Sealing`]). No other module of the app uses `asi_envelope`.

use asi_envelope::{EnvelopeError, Metadata, PublicKey, seal};
use asi_instrument::{Answers, Consent, Draft, Lang, Mode, Payload, date};
use leptos::prelude::*;

use crate::state::{Clinic, Entry, Way};

/// Why a clinic's public key cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the public key is not one: {0}")]
    NotAKey(String),
    #[error("key_id {served:?} is not the id of the public key ({computed:?})")]
    OtherId { served: String, computed: String },
}

fn public_key(clinic: &Clinic) -> Result<PublicKey, KeyError> {
    clinic
        .public_key
        .parse::<PublicKey>()
        .map_err(|e| KeyError::NotAKey(e.to_string()))
}

/// Checks that `clinic`'s public key is one and that its `key_id` is that key's id.
pub fn check_key(clinic: &Clinic) -> Result<(), KeyError> {
    let computed = public_key(clinic)?.key_id().to_string();
    if computed != clinic.key_id {
        return Err(KeyError::OtherId {
            served: clinic.key_id.clone(),
            computed,
        });
    }
    Ok(())
}

/// The hash under which the inbox knows a follow-up link's token.
pub fn token_hash(token: &str) -> String {
    asi_protocol::token_hash(token)
}

/// Why a response could not be sealed. Nothing was sealed then, and the draft is kept.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("an identified response is sent only with the citizen's consent")]
    NoConsent,
    #[error("the answers do not belong to form {form}: {problems}")]
    NotTheForm { form: String, problems: String },
    #[error("the clinic's key cannot be used: {0}")]
    Key(#[from] KeyError),
    #[error("sealing failed: {0}")]
    Envelope(#[from] EnvelopeError),
}

/// Where a response goes and how it was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Destination {
    pub clinic: Clinic,
    /// A measurement point, or `self_screening`.
    pub timepoint: String,
    pub mode: Mode,
    /// The follow-up link's token (link responses only).
    pub token: Option<String>,
}

impl Destination {
    /// Where a response given the way `entry` says goes, and how: a link's with its token,
    /// identified intake's as identified, a self-test's anonymously at `self_screening`.
    pub fn of(entry: &Entry, clinic: Clinic) -> Destination {
        let (mode, token) = match &entry.way {
            Way::Link { token, .. } => (Mode::Link, Some(token.clone())),
            Way::Identified { .. } => (Mode::Identified, None),
            Way::SelfTest | Way::BadLink => (Mode::Anonymous, None),
        };
        Destination {
            clinic,
            timepoint: entry.timepoint().to_owned(),
            mode,
            token,
        }
    }

    /// Checks, before anything is sealed, that `draft` may go here: an identified response
    /// only with the citizen's consent (`consented`), and only answers that are the draft's
    /// form's own (defence in depth: the screens only ever ask the form's questions, and the
    /// CPR number and name only in identified intake).
    pub fn check(&self, draft: &Draft, consented: bool) -> Result<(), SealError> {
        let identified = self.mode == Mode::Identified;
        if identified && !consented {
            return Err(SealError::NoConsent);
        }
        let instrument = asi_instrument::instrument();
        let refused = |problems: String| SealError::NotTheForm {
            form: draft.form.clone(),
            problems,
        };
        let form = instrument
            .form(&draft.form)
            .ok_or_else(|| refused("no such form".into()))?;
        let record = serde_json::to_value(draft.record()).map_err(|e| refused(e.to_string()))?;
        Answers::validate_for_form(instrument, &record, form, identified).map_err(|errors| {
            refused(
                errors
                    .iter()
                    .map(|e| e.message(Lang::En))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        Ok(())
    }
}

/// The user-timing measure around sealing, read by `scripts/bench-app.sh`.
const SEAL_MEASURE: &str = "asi-seal";
const SEAL_START: &str = "asi-seal-start";

/// A response about to be sealed: the clinic's key and the envelope's clear metadata, whose
/// id names the envelope before it exists.
pub struct Sealing {
    public: PublicKey,
    metadata: Metadata,
}

impl Sealing {
    /// Prepares to seal a response of `form` for `to`, to the key of `clinic` (the settings
    /// as fresh as they can be had), on `day` (the only time in the clear).
    pub fn new(
        clinic: &Clinic,
        form: &str,
        to: &Destination,
        day: &str,
    ) -> Result<Sealing, SealError> {
        let public = public_key(clinic)?;
        let metadata = Metadata::new(
            &public,
            &to.clinic.id,
            form,
            &to.timepoint,
            day,
            to.token.as_deref(),
        );
        Ok(Sealing { public, metadata })
    }

    /// The envelope's id.
    pub fn id(&self) -> &str {
        self.metadata.id.as_str()
    }

    /// The envelope of `draft`, given in `mode` and `lang` at `now_ms`, with the clinic's
    /// consent text the citizen agreed to (identified responses).
    pub fn seal(
        &self,
        draft: &Draft,
        mode: Mode,
        lang: Lang,
        now_ms: f64,
        consent: Option<String>,
    ) -> Result<String, SealError> {
        let performance = window().performance();
        if let Some(p) = &performance {
            let _ = p.mark(SEAL_START);
        }
        let now = date::rfc3339((now_ms / 1000.0).floor() as i64);
        let mut payload = Payload::complete(draft.record().clone(), mode, lang, now.clone());
        if let Some(text) = consent {
            payload = payload.with_consent(Consent {
                text,
                given_at: now,
            });
        }
        let envelope = seal(&self.public, &self.metadata, &payload.to_bytes())?.to_json();
        if let Some(p) = &performance {
            let _ = p.measure_with_start_mark(SEAL_MEASURE, SEAL_START);
        }
        Ok(envelope)
    }
}

/// Today in the citizen's own time zone, `YYYY-MM-DD` (the only time in the clear).
pub fn local_day(now_ms: f64) -> String {
    let offset_minutes = js_sys::Date::new(&now_ms.into()).get_timezone_offset();
    let local_seconds = (now_ms / 1000.0).floor() as i64 - (offset_minutes * 60.0) as i64;
    date::iso_day(local_seconds)
}

/// A new public key as the inbox serves it: its text and its id (for tests of settings).
#[cfg(test)]
pub fn new_public_key() -> (String, String) {
    let (_, public) = asi_envelope::keys::generate();
    (public.to_string(), public.key_id().to_string())
}
