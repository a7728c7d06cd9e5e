//! The clinic responses go to: named in the page address (`?klinik=<id>`,
//! [`crate::state::entry`]), its public settings fetched from the inbox and kept on the
//! device, so that a response can be sealed to the clinic's key offline, and the clinic's
//! choices (scores shown, anonymous responses, consent text, draft retention, embedding
//! sites) hold offline too.
//!
//! Without `?klinik=` the app is a self-test that sends nothing.
//!
//! [`ClinicLoader`] is the one handle: it owns [`AppState::clinic`].

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::device::clinics;
use crate::envelope::{self, KeyError};
use crate::inbox::{self, Fetched};
use crate::state::{AppState, Clinic, ClinicState};

/// Why settings served for a clinic are not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClinicError {
    #[error("the clinic settings are not JSON of the expected shape: {0}")]
    Shape(String),
    #[error("the settings are for clinic {found:?}, not {asked:?}")]
    OtherClinic { asked: String, found: String },
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// Reads the settings the inbox served for clinic `asked`, and checks that they are for that
/// clinic and that the key and its id agree.
pub fn parse(json: &str, asked: &str) -> Result<Clinic, ClinicError> {
    let clinic: Clinic =
        serde_json::from_str(json).map_err(|e| ClinicError::Shape(e.to_string()))?;
    if clinic.id != asked {
        return Err(ClinicError::OtherClinic {
            asked: asked.to_owned(),
            found: clinic.id,
        });
    }
    envelope::check_key(&clinic)?;
    Ok(clinic)
}

/// How long the first fetch of a clinic's settings may take.
const LOAD_TIMEOUT_MS: i32 = 30_000;
/// How long "Send" waits for fresh settings before it seals with the kept ones.
const REFRESH_TIMEOUT_MS: i32 = 5_000;

/// Loads the clinic's settings and keeps them fresh; cheap to copy.
#[derive(Clone, Copy)]
pub struct ClinicLoader {
    clinic: RwSignal<ClinicState>,
}

impl ClinicLoader {
    /// The loader, before it has loaded anything ([`ClinicLoader::start`]).
    pub fn new(clinic: RwSignal<ClinicState>) -> ClinicLoader {
        ClinicLoader { clinic }
    }

    /// Loads the clinic of the page address: first what the device kept, then fresh settings
    /// from the inbox (kept for next time).
    pub fn start(self, state: &'static AppState) {
        let clinic = self.clinic;
        let Some(id) = state.entry.clinic.clone() else {
            clinic.set(ClinicState::None);
            return;
        };
        clinic.set(ClinicState::Loading);
        spawn_local(async move {
            let kept = clinics::load(&id)
                .await
                .ok()
                .flatten()
                .and_then(|json| parse(&json, &id).ok());
            if let Some(kept) = &kept {
                clinic.set(ClinicState::Ready(kept.clone()));
            }
            match inbox::clinic_settings(&id, LOAD_TIMEOUT_MS).await {
                Fetched::Settings(json) => match parse(&json, &id) {
                    Ok(fresh) => {
                        // Kept for offline use; when the device keeps nothing, it is only not
                        // kept.
                        let _ = clinics::save(&id, &json).await;
                        clinic.set(ClinicState::Ready(fresh));
                    }
                    Err(_) => clinic.set(ClinicState::BadSettings),
                },
                Fetched::NotFound => clinic.set(ClinicState::Unknown),
                Fetched::Unreachable if kept.is_none() => clinic.set(ClinicState::Unreachable),
                Fetched::Unreachable => {}
            }
        });
    }

    /// The settings to seal a response with: when the browser says it is online, fresh from
    /// the inbox (waiting `REFRESH_TIMEOUT_MS` at most) and kept for next time, so that the
    /// response is sealed to the key the clinic uses now, also after it changed its key
    /// (`docs/operations.md`); offline, or when fresh ones cannot be had, `kept`.
    pub async fn refreshed(self, kept: Clinic) -> Clinic {
        if !window().navigator().on_line() {
            return kept;
        }
        let Fetched::Settings(json) = inbox::clinic_settings(&kept.id, REFRESH_TIMEOUT_MS).await
        else {
            return kept;
        };
        let Ok(fresh) = parse(&json, &kept.id) else {
            return kept;
        };
        let _ = clinics::save(&fresh.id, &json).await;
        if fresh != kept {
            self.clinic.set(ClinicState::Ready(fresh.clone()));
        }
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served(id: &str, public_key: &str, key_id: &str) -> String {
        serde_json::json!({
            "id": id, "name": "Demo", "contact": "Tlf. 1",
            "public_key": public_key, "key_id": key_id,
        })
        .to_string()
    }

    #[test]
    fn settings_are_used_only_when_key_and_id_agree() {
        let (public_key, key_id) = envelope::new_public_key();
        let good = served("demo", &public_key, &key_id);
        assert_eq!(parse(&good, "demo").unwrap().key_id, key_id);
        assert!(matches!(
            parse(&good, "other"),
            Err(ClinicError::OtherClinic { .. })
        ));
        let wrong_id = served("demo", &public_key, "0000000000000000");
        assert!(matches!(
            parse(&wrong_id, "demo"),
            Err(ClinicError::Key(KeyError::OtherId { .. }))
        ));
        let bad_key = served("demo", "AAAA", &key_id);
        assert!(matches!(
            parse(&bad_key, "demo"),
            Err(ClinicError::Key(KeyError::NotAKey(_)))
        ));
        assert!(matches!(parse("{}", "demo"), Err(ClinicError::Shape(_))));
    }
}
