//! Identified intake on a shared tablet: when a half-answered form has been left alone for
//! [`IDLE_MS`], the app asks "Er du stadig i gang?"; with no answer within [`GRACE_MS`] the
//! draft (CPR number and all) is deleted and the start screen shown, so the next person in
//! the waiting room never sees it. Only in identified mode; any key, tap or input counts as
//! use.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::entry::Way;
use crate::focus::{focus_after_render, focus_heading};
use crate::i18n::tr;
use crate::persistence;
use crate::store::{Store, use_store};

/// How long a form may be left alone before the app asks.
pub const IDLE_MS: f64 = 10.0 * 60.0 * 1000.0;
/// How long the question waits for an answer before the answers are deleted.
pub const GRACE_MS: f64 = 60.0 * 1000.0;
/// How often the app looks.
const TICK_MS: i32 = 5_000;

thread_local! {
    static LAST_USE: Cell<f64> = const { Cell::new(0.0) };
}

/// What the idle guard is doing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Idle {
    /// Nothing to say.
    Quiet,
    /// Asking; the answers are deleted at this time (ms since the epoch).
    Asking { until: f64 },
    /// The answers were deleted because no one answered.
    Cleared,
}

/// Whether a draft that is not yet sealed is on screen.
fn form_open(store: Store) -> bool {
    store.draft.with_untracked(Option::is_some) && store.sealed.with_untracked(Option::is_none)
}

/// Deletes the draft on screen and shows the start screen.
fn clear(store: Store) {
    if let Some(form) = store
        .draft
        .with_untracked(|d| d.as_ref().map(|d| d.form.clone()))
    {
        persistence::forget(store, &form);
    }
    store.show(None);
    store.errors.update(|e| e.clear());
    store.idle.set(Idle::Cleared);
    focus_heading();
}

/// Starts watching, in identified mode only.
pub fn watch(store: Store) {
    if !matches!(store.entry.way, Way::Identified { .. }) {
        return;
    }
    LAST_USE.set(js_sys::Date::now());
    let used = Closure::<dyn Fn()>::new(move || {
        LAST_USE.set(js_sys::Date::now());
        if store.idle.get_untracked() == Idle::Cleared {
            store.idle.set(Idle::Quiet);
        }
    });
    for event in ["keydown", "pointerdown", "input"] {
        let _ = document().add_event_listener_with_callback_and_bool(
            event,
            used.as_ref().unchecked_ref(),
            true,
        );
    }
    used.forget();
    let tick = Closure::<dyn Fn()>::new(move || {
        let now = js_sys::Date::now();
        match store.idle.get_untracked() {
            Idle::Asking { until } if now >= until => clear(store),
            Idle::Asking { .. } => {}
            _ if form_open(store) && now - LAST_USE.get() >= IDLE_MS => {
                store.idle.set(Idle::Asking {
                    until: now + GRACE_MS,
                });
                focus_after_render("#idle-continue");
            }
            _ => {}
        }
    });
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        TICK_MS,
    );
    tick.forget();
}

/// The question, and what happened when no one answered.
#[component]
pub fn IdleNotice() -> impl IntoView {
    let store = use_store();
    let keep = move |_| {
        LAST_USE.set(js_sys::Date::now());
        store.idle.set(Idle::Quiet);
        focus_heading();
    };
    move || {
        match store.idle.get() {
        Idle::Quiet => ().into_any(),
        Idle::Cleared => view! { <p class="notice" role="status">{tr(|s| s.idle_cleared)}</p> }.into_any(),
        Idle::Asking { .. } => view! {
            <div class="idle" role="alertdialog" aria-modal="false" aria-labelledby="idle-heading" aria-describedby="idle-text">
                <h2 id="idle-heading">{tr(|s| s.idle_heading)}</h2>
                <p id="idle-text">{tr(|s| s.idle_text)}</p>
                <div class="nav-buttons">
                    <button type="button" id="idle-continue" class="button primary" on:click=keep>
                        {tr(|s| s.idle_continue)}
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| clear(store)>
                        {tr(|s| s.idle_clear)}
                    </button>
                </div>
            </div>
        }
        .into_any(),
    }
    }
}
