//! The idle guard's question, "Er du stadig i gang?", and what happened when no one answered
//! ([`crate::idle`]).

use leptos::prelude::*;

use super::texts::{idle, tr};
use crate::state::Idle;
use crate::ui::shared::{use_app_state, use_shared};

/// The question, and what happened when no one answered.
#[component]
pub fn IdleNotice() -> impl IntoView {
    let state = use_app_state();
    let guard = use_shared().idle;
    move || {
        match state.idle.get() {
        Idle::Quiet => ().into_any(),
        Idle::Cleared => {
            view! { <p class="notice" role="status">{tr(&idle::IDLE_CLEARED)}</p> }.into_any()
        }
        Idle::Asking { .. } => view! {
            <div class="idle" role="alertdialog" aria-modal="false" aria-labelledby="idle-heading" aria-describedby="idle-text">
                <h2 id="idle-heading">{tr(&idle::IDLE_HEADING)}</h2>
                <p id="idle-text">{tr(&idle::IDLE_TEXT)}</p>
                <div class="nav-buttons">
                    <button type="button" id="idle-continue" class="button primary" on:click=move |_| guard.keep()>
                        {tr(&idle::IDLE_CONTINUE)}
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| guard.clear()>
                        {tr(&idle::IDLE_CLEAR)}
                    </button>
                </div>
            </div>
        }
        .into_any(),
    }
    }
}
