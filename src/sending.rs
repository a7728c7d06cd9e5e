//! "Send": scores the finished response, seals it to the clinic's public key at once, and
//! puts the envelope in the outbox in the same transaction that deletes the plaintext draft.
//! From then on only the sealed envelope is on the device; the sender delivers it.

use asi_envelope::{EnvelopeError, Metadata, seal};
use asi_instrument::{Answers, Consent, Draft, Lang, Mode, Payload, date};
use leptos::prelude::*;

use crate::clinic::{Clinic, ClinicError};
use crate::entry::{Entry, Way};
use crate::persistence::{self, StorageState};
use crate::sender;
use crate::storage::StorageError;
use crate::storage::outbox::{self, Queued};
use crate::store::Store;

/// Why a response could not be queued. Nothing was queued then, and the draft is kept.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("the clinic's key cannot be used: {0}")]
    Clinic(#[from] ClinicError),
    #[error("sealing failed: {0}")]
    Seal(#[from] EnvelopeError),
    #[error("the envelope could not be stored: {0}")]
    Storage(#[from] StorageError),
    #[error("an identified response is sent only with the citizen's consent")]
    NoConsent,
    #[error("the answers do not belong to form {form}: {problems}")]
    NotTheForm { form: String, problems: String },
}

/// Checks that the answers are the draft's form's own (defence in depth: the screens only
/// ever ask the form's questions, and the CPR number and name only in identified intake).
fn held_to_form(draft: &Draft, mode: Mode) -> Result<(), SendError> {
    let instrument = asi_instrument::instrument();
    let refused = |problems: String| SendError::NotTheForm {
        form: draft.form.clone(),
        problems,
    };
    let form = instrument
        .form(&draft.form)
        .ok_or_else(|| refused("no such form".into()))?;
    let record = serde_json::to_value(draft.record()).map_err(|e| refused(e.to_string()))?;
    Answers::validate_for_form(instrument, &record, form, mode == Mode::Identified).map_err(
        |errors| {
            refused(
                errors
                    .iter()
                    .map(|e| e.message(Lang::En))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        },
    )?;
    Ok(())
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
}

/// The user-timing measure around sealing, read by `scripts/bench-app.sh`.
const SEAL_MEASURE: &str = "asi-seal";
const SEAL_START: &str = "asi-seal-start";

/// Today in the citizen's own time zone, `YYYY-MM-DD` (the only time in the clear).
pub fn local_day(now_ms: f64) -> String {
    let offset_minutes = js_sys::Date::new(&now_ms.into()).get_timezone_offset();
    let local_seconds = (now_ms / 1000.0).floor() as i64 - (offset_minutes * 60.0) as i64;
    date::iso_day(local_seconds)
}

/// Seals `draft` for `to` and queues it; returns the envelope id. On success the draft is
/// gone from the device (it stays in this page for the result screen, and is not saved
/// again: [`Store::sealed`]). `consent` is the clinic's consent text the citizen agreed to
/// (identified responses).
pub async fn seal_and_queue(
    store: Store,
    draft: &Draft,
    to: &Destination,
    lang: Lang,
    consent: Option<String>,
) -> Result<String, SendError> {
    if to.mode == Mode::Identified && consent.is_none() {
        return Err(SendError::NoConsent);
    }
    held_to_form(draft, to.mode)?;
    // Online, the key the clinic names now; offline, the one kept on the device.
    let clinic = crate::clinic::refreshed(store, to.clinic.clone()).await;
    let public = crate::clinic::public_key(&clinic)?;
    let now_ms = js_sys::Date::now();
    let metadata = Metadata::new(
        &public,
        &to.clinic.id,
        &draft.form,
        &to.timepoint,
        &local_day(now_ms),
        to.token.as_deref(),
    );
    let id = metadata.id.to_string();
    // From here on the draft is not written again; a write already under way lands first.
    store.sealed.set(Some(id.clone()));
    let queued = async {
        let performance = window().performance();
        if let Some(p) = &performance {
            let _ = p.mark(SEAL_START);
        }
        let now = date::rfc3339((now_ms / 1000.0).floor() as i64);
        let mut payload = Payload::complete(draft.record().clone(), to.mode, lang, now.clone());
        if let Some(text) = consent {
            payload = payload.with_consent(Consent {
                text,
                given_at: now,
            });
        }
        let envelope = seal(&public, &metadata, &payload.to_bytes())?.to_json();
        if let Some(p) = &performance {
            let _ = p.measure_with_start_mark(SEAL_MEASURE, SEAL_START);
        }
        persistence::saved().await;
        if store.storage.get_untracked() == StorageState::Device {
            let slot = store.entry.slot(&draft.form);
            outbox::enqueue_replacing_draft(&id, &envelope, now_ms, Some(&slot)).await?;
        } else {
            sender::keep_in_memory(Queued {
                id: id.clone(),
                envelope,
                queued_ms: now_ms,
                refused: None,
            });
        }
        Ok::<(), SendError>(())
    }
    .await;
    match queued {
        Ok(()) => {
            store.saved.update(|m| {
                m.remove(&draft.form);
            });
            sender::refresh(store).await;
            sender::flush(store);
            Ok(id)
        }
        Err(e) => {
            store.sealed.set(None);
            Err(e)
        }
    }
}
