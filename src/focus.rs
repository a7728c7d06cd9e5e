//! Moving focus to the new screen's heading, so screen readers and keyboards follow.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// After the next render, focuses the element matching `selector` (and so scrolls to it).
pub fn focus_after_render(selector: &'static str) {
    request_animation_frame(move || {
        if let Ok(Some(el)) = document().query_selector(selector)
            && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = el.focus();
        }
    });
}

/// Focuses the current screen's main heading.
pub fn focus_heading() {
    focus_after_render("main h1");
}
