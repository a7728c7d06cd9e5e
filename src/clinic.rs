//! The clinic responses go to: named in the page address (`?klinik=<id>`, [`crate::entry`]),
//! its public settings fetched from the inbox (`GET /api/v1/clinics/<id>`) and kept on the
//! device, so that a response can be sealed to the clinic's key offline, and the clinic's
//! choices (scores shown, anonymous responses, consent text, draft retention, embedding
//! sites) hold offline too.
//!
//! Without `?klinik=` the app is a self-test that sends nothing.

use asi_envelope::PublicKey;
use asi_protocol::ClinicSettings;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::storage::clinics;
use crate::store::Store;

/// A clinic's public settings, as the inbox serves them (`docs/sync-api.md`); the type is
/// the inbox's own ([`asi_protocol::ClinicSettings`]). Settings kept from an older inbox lack
/// the later fields; they then take the defaults.
pub type Clinic = ClinicSettings;

/// Why settings served for a clinic are not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClinicError {
    #[error("the clinic settings are not JSON of the expected shape: {0}")]
    Shape(String),
    #[error("the settings are for clinic {found:?}, not {asked:?}")]
    OtherClinic { asked: String, found: String },
    #[error("the public key is not one: {0}")]
    Key(String),
    #[error("key_id {served:?} is not the id of the public key ({computed:?})")]
    KeyId { served: String, computed: String },
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
    let computed = public_key(&clinic)?.key_id().to_string();
    if computed != clinic.key_id {
        return Err(ClinicError::KeyId {
            served: clinic.key_id,
            computed,
        });
    }
    Ok(clinic)
}

/// The clinic's public key.
pub fn public_key(clinic: &Clinic) -> Result<PublicKey, ClinicError> {
    clinic
        .public_key
        .parse::<PublicKey>()
        .map_err(|e| ClinicError::Key(e.to_string()))
}

/// What the app knows of the clinic.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant, reason = "one value for the whole page")]
pub enum ClinicState {
    /// No clinic in the address: a self-test that sends nothing.
    None,
    /// Fetching the settings (none kept on the device yet).
    Loading,
    /// Known, from the inbox or kept from an earlier visit.
    Ready(Clinic),
    /// The inbox does not know this clinic.
    Unknown,
    /// Never fetched, and the inbox cannot be reached now.
    Unreachable,
    /// The inbox served settings that fail the checks of [`Clinic::parse`].
    BadSettings,
}

/// Where the inbox is: the `content` of `<meta name="asi-inbox">` in `index.html` (an origin
/// such as `https://inbox.example.dk`), or the app's own origin when that is empty or absent.
pub fn inbox_base() -> String {
    document()
        .query_selector("meta[name=asi-inbox]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .map(|base| base.trim().trim_end_matches('/').to_owned())
        .unwrap_or_default()
}

enum Fetched {
    Settings(String),
    NotFound,
    Unreachable,
}

/// A fetch's bound: the signal that aborts it after `ms`, and the timer to clear once it is
/// done ([`Deadline::clear`]).
pub struct Deadline {
    pub signal: Option<web_sys::AbortSignal>,
    timer: Option<i32>,
}

impl Deadline {
    pub fn after(ms: i32) -> Deadline {
        let abort = web_sys::AbortController::new().ok();
        let signal = abort.as_ref().map(|a| a.signal());
        let timer = abort.and_then(|a| {
            let closure = Closure::once_into_js(move || a.abort());
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms)
                .ok()
        });
        Deadline { signal, timer }
    }

    pub fn clear(self) {
        if let Some(handle) = self.timer {
            window().clear_timeout_with_handle(handle);
        }
    }
}

/// How long the first fetch of a clinic's settings may take.
const LOAD_TIMEOUT_MS: i32 = 30_000;
/// How long "Send" waits for fresh settings before it seals with the kept ones.
const REFRESH_TIMEOUT_MS: i32 = 5_000;

async fn fetch_settings(id: &str, timeout_ms: i32) -> Fetched {
    let url = format!("{}/api/v1/clinics/{id}", inbox_base());
    let deadline = Deadline::after(timeout_ms);
    let response = gloo_net::http::Request::get(&url)
        .credentials(web_sys::RequestCredentials::Omit)
        .cache(web_sys::RequestCache::NoStore)
        .abort_signal(deadline.signal.as_ref())
        .send()
        .await;
    let fetched = match response {
        Ok(r) if r.status() == 200 => match r.text().await {
            Ok(text) => Fetched::Settings(text),
            Err(_) => Fetched::Unreachable,
        },
        Ok(r) if r.status() == 404 => Fetched::NotFound,
        _ => Fetched::Unreachable,
    };
    deadline.clear();
    fetched
}

/// The settings to seal a response with: when the browser says it is online, fresh from the
/// inbox (waiting [`REFRESH_TIMEOUT_MS`] at most) and kept for next time, so that the
/// response is sealed to the key the clinic uses now, also after it changed its key
/// (`docs/operations.md`); offline, or when fresh ones cannot be had, `kept`.
pub async fn refreshed(store: Store, kept: Clinic) -> Clinic {
    if !window().navigator().on_line() {
        return kept;
    }
    let Fetched::Settings(json) = fetch_settings(&kept.id, REFRESH_TIMEOUT_MS).await else {
        return kept;
    };
    let Ok(fresh) = parse(&json, &kept.id) else {
        return kept;
    };
    let _ = clinics::save(&fresh.id, &json).await;
    if fresh != kept {
        store.clinic.set(ClinicState::Ready(fresh.clone()));
    }
    fresh
}

/// Loads the clinic of the page address: first what the device kept, then fresh settings
/// from the inbox (kept for next time).
pub fn init(store: Store) {
    let Some(id) = store.entry.clinic.clone() else {
        store.clinic.set(ClinicState::None);
        return;
    };
    store.clinic.set(ClinicState::Loading);
    spawn_local(async move {
        let kept = clinics::load(&id)
            .await
            .ok()
            .flatten()
            .and_then(|json| parse(&json, &id).ok());
        if let Some(clinic) = &kept {
            store.clinic.set(ClinicState::Ready(clinic.clone()));
        }
        match fetch_settings(&id, LOAD_TIMEOUT_MS).await {
            Fetched::Settings(json) => match parse(&json, &id) {
                Ok(clinic) => {
                    // Kept for offline use; when the device keeps nothing, it is only not kept.
                    let _ = clinics::save(&id, &json).await;
                    store.clinic.set(ClinicState::Ready(clinic));
                }
                Err(_) => store.clinic.set(ClinicState::BadSettings),
            },
            Fetched::NotFound => store.clinic.set(ClinicState::Unknown),
            Fetched::Unreachable if kept.is_none() => store.clinic.set(ClinicState::Unreachable),
            Fetched::Unreachable => {}
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served(id: &str, public: &PublicKey, key_id: &str) -> String {
        serde_json::json!({
            "id": id, "name": "Demo", "contact": "Tlf. 1",
            "public_key": public.to_string(), "key_id": key_id,
        })
        .to_string()
    }

    #[test]
    fn settings_are_used_only_when_key_and_id_agree() {
        let (_, public) = asi_envelope::keys::generate();
        let good = served("demo", &public, public.key_id().as_str());
        assert_eq!(
            parse(&good, "demo").unwrap().key_id,
            public.key_id().as_str()
        );
        assert!(matches!(
            parse(&good, "other"),
            Err(ClinicError::OtherClinic { .. })
        ));
        let wrong_id = served("demo", &public, "0000000000000000");
        assert!(matches!(
            parse(&wrong_id, "demo"),
            Err(ClinicError::KeyId { .. })
        ));
        let bad_key = good.replace(&public.to_string(), "AAAA");
        assert!(matches!(parse(&bad_key, "demo"), Err(ClinicError::Key(_))));
        assert!(matches!(parse("{}", "demo"), Err(ClinicError::Shape(_))));
    }
}
