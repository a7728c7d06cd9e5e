//! The start screen: the questionnaires to choose from.

use asi_instrument::{Draft, Form, instrument};
use leptos::prelude::*;

use crate::focus::focus_heading;
use crate::i18n::{strings, use_lang};
use crate::store::use_store;

#[component]
pub fn StartScreen() -> impl IntoView {
    let lang = use_lang();
    let s = move || strings(lang.get());
    view! {
        <h1 tabindex="-1">{move || s().start_heading}</h1>
        <p class="lead">{move || s().start_lead}</p>
        <p class="lead">{move || s().start_privacy}</p>
        <ul class="form-list">
            {instrument().forms.iter().map(|form| view! { <FormCard form=form /> }).collect_view()}
        </ul>
    }
}

/// One questionnaire: its title, what it is, and a button that starts it.
#[component]
fn FormCard(form: &'static Form) -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    let start = move |_| {
        store.errors.update(|e| e.clear());
        store.draft.set(Some(Draft::new(instrument(), form)));
        focus_heading();
    };
    view! {
        <li class="form-card" data-form=form.id.as_str()>
            <h2>{move || form.title.get(lang.get())}</h2>
            <p>{move || form.description.get(lang.get())}</p>
            <button
                type="button"
                class="button primary"
                aria-label=move || format!("{} {}", strings(lang.get()).start_button, form.title.get(lang.get()))
                on:click=start
            >
                {move || strings(lang.get()).start_button}
            </button>
        </li>
    }
}
