//! The form inside `embed.js`'s frame on a clinic's site (`docs/embed.md`).
//!
//! The frame tells its host page `asi:ready`, `asi:resize` (the content's height),
//! `asi:queued` and `asi:sent` (an envelope id, never an answer), each posted only to the
//! origins the clinic allows (`embed_origins` of its settings): `postMessage` with an origin
//! as target delivers nothing to a page of any other origin. The host's colours and font are
//! applied when they keep WCAG AA contrast ([`crate::state::theme`]).

use leptos::prelude::*;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::state::{AppState, ClinicState};

/// Posts `message` to the host page, once per allowed origin (the browser delivers it only
/// where the host's origin is that one).
fn tell(state: &'static AppState, message: &Value) {
    // Only the allowed origins are needed, not a copy of the whole settings (this runs on
    // every resize).
    let origins = state.clinic.with_untracked(|c| match c {
        ClinicState::Ready(clinic) => clinic.embed_origins.clone(),
        _ => Vec::new(),
    });
    if origins.is_empty() {
        return;
    }
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let Ok(data) = js_sys::JSON::parse(&message.to_string()) else {
        return;
    };
    for origin in &origins {
        let _ = parent.post_message(&data, origin);
    }
}

/// The envelope ids already announced to the host, per message type.
#[derive(Default)]
struct Told(Vec<(&'static str, String)>);

impl Told {
    /// Tells the host about `id`, unless it was told before with this message type.
    fn once(&mut self, state: &'static AppState, kind: &'static str, id: &str) {
        if !self.0.iter().any(|(k, i)| *k == kind && i == id) {
            self.0.push((kind, id.to_owned()));
            tell(state, &json!({"type": kind, "id": id}));
        }
    }
}

/// The content's height, for the host to size the frame to (`style/main.css` lets the
/// body of an embedded page be as short as its content).
fn content_height() -> f64 {
    document()
        .body()
        .map_or(0.0, |body| f64::from(body.scroll_height()))
}

fn apply_theme(state: &'static AppState) {
    let theme = match &state.entry.theme {
        Some(Ok(theme)) => theme,
        Some(Err(why)) => {
            web_sys::console::warn_1(&format!("embed: the host's look is not used: {why}").into());
            return;
        }
        None => return,
    };
    let Some(root) = document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    for (property, value) in theme.properties() {
        let _ = root.style().set_property(property, &value);
    }
}

/// Starts talking to the host page, when the app runs in `embed.js`'s frame.
pub fn start(state: &'static AppState) {
    if !state.entry.embed {
        return;
    }
    apply_theme(state);
    if let Some(root) = document().document_element() {
        let _ = root.class_list().add_1("embedded");
    }
    let last_height = RwSignal::new(0.0);
    let resize = move || {
        let height = content_height();
        if height != last_height.get_untracked() {
            last_height.set(height);
            tell(state, &json!({"type": "asi:resize", "height": height}));
        }
    };
    let observer = Closure::<dyn Fn()>::new(resize);
    if let (Ok(watch), Some(body)) = (
        web_sys::ResizeObserver::new(observer.as_ref().unchecked_ref()),
        document().body(),
    ) {
        watch.observe(&body);
        // Lives as long as the page.
        std::mem::forget(watch);
    }
    observer.forget();
    // Ready once the clinic's settings (and so the allowed origins) are known.
    Effect::new(move |told: Option<bool>| {
        if told == Some(true) {
            return true;
        }
        if matches!(state.clinic.get(), ClinicState::Ready(_)) {
            let theme = match &state.entry.theme {
                None => json!("none"),
                Some(Ok(_)) => json!("applied"),
                Some(Err(why)) => json!({"refused": why.to_string()}),
            };
            tell(state, &json!({"type": "asi:ready", "theme": theme}));
            last_height.set(0.0);
            resize();
            return true;
        }
        false
    });
    let mut told = Told::default();
    Effect::new(move |_| {
        let sealed = state.sealed.get();
        state.outbox.with(|o| {
            if let Some(id) = sealed.filter(|id| o.holds(id)) {
                told.once(state, "asi:queued", &id);
            }
            for id in &o.delivered {
                told.once(state, "asi:sent", id);
            }
        });
    });
}
