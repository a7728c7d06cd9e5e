//! Registers the service worker (`/sw.js`, written by `pwa/precache.mjs` at build time),
//! which makes the app open without a network after one visit.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// Registers `/sw.js` where the browser supports service workers.
///
/// Where it cannot work — a frame of another site that may not use storage ("The user denied
/// permission to use Service Worker"), a browser set to refuse it — the registration fails
/// and the app simply runs without working offline: the failure is expected there and is not
/// an error, so it is dropped rather than left to the console as an unhandled rejection.
pub fn register_service_worker() {
    let navigator = window().navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if supported {
        let registration = navigator.service_worker().register("/sw.js");
        spawn_local(async move {
            let _ = JsFuture::from(registration).await;
        });
    }
}
