//! The start screen: the questionnaires to choose from.

use asi_instrument::{Draft, Form, instrument};
use leptos::prelude::*;

use crate::focus::focus_heading;
use crate::i18n::{strings, use_lang};
use crate::persistence;
use crate::store::use_store;

#[component]
pub fn StartScreen() -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    let s = move || strings(lang.get());
    view! {
        {move || {
            store
                .deleted
                .get()
                .map(|ok| {
                    view! {
                        <p class="notice" role="status">{move || if ok { s().deleted } else { s().delete_failed }}</p>
                    }
                })
        }}
        <super::send::OutboxNotice />
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
    let saved = Memo::new(move |_| store.saved.with(|m| m.contains_key(&form.id)));
    let begin = move |draft: Draft| {
        store.errors.update(|e| e.clear());
        store.deleted.set(None);
        store.show(Some(draft));
        focus_heading();
    };
    let start = move |_| {
        if saved.get_untracked() {
            let confirmed = window()
                .confirm_with_message(strings(lang.get_untracked()).start_again_confirm)
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            persistence::forget(store, &form.id);
        }
        begin(Draft::new(instrument(), form));
    };
    let resume = move |_| {
        if let Some(draft) = store.saved.with_untracked(|m| m.get(&form.id).cloned()) {
            begin(draft);
        }
    };
    view! {
        <li class="form-card" data-form=form.id.as_str()>
            <h2>{move || form.title.get(lang.get())}</h2>
            <p>{move || form.description.get(lang.get())}</p>
            <Show when=move || saved.get()>
                <p class="saved-note">{move || strings(lang.get()).saved_note}</p>
                <button
                    type="button"
                    class="button primary"
                    aria-label=move || format!("{} {}", strings(lang.get()).continue_button, form.title.get(lang.get()))
                    on:click=resume
                >
                    {move || strings(lang.get()).continue_button}
                </button>
            </Show>
            <button
                type="button"
                class=move || if saved.get() { "button secondary" } else { "button primary" }
                aria-label=move || {
                    let s = strings(lang.get());
                    let word = if saved.get() { s.start_again } else { s.start_button };
                    format!("{word} {}", form.title.get(lang.get()))
                }
                on:click=start
            >
                {move || {
                    let s = strings(lang.get());
                    if saved.get() { s.start_again } else { s.start_button }
                }}
            </button>
        </li>
    }
}
