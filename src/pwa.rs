//! Registers the service worker (`/sw.js`, written by `pwa/precache.mjs` at build time),
//! which makes the app open without a network after one visit.

use leptos::prelude::*;

/// Registers `/sw.js` where the browser supports service workers.
pub fn register_service_worker() {
    let navigator = window().navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if supported {
        // A failed registration rejects the promise, which shows in the console.
        let _ = navigator.service_worker().register("/sw.js");
    }
}
