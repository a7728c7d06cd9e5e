//! The citizen-facing app: renders the questionnaires from the instrument data.
//!
//! This is the shell that proves the Rust → wasm → page pipeline; the questionnaire screens
//! build on it. No question text lives here: every text comes from `asi_instrument`.

use asi_instrument::{Form, Lang, instrument};
use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = Lang::Da;
    view! {
        <header class="site-header">
            <p class="brand">"ASI selvtest"</p>
        </header>
        <main id="indhold" class="page">
            <h1>"Spørgeskemaer"</h1>
            <p class="lead">
                "Her kan du svare på spørgsmål om alkohol, stoffer og hvordan du har det. "
                "Dine svar bliver på din telefon, indtil du selv vælger at sende dem."
            </p>
            <ul class="form-list">
                {instrument()
                    .forms
                    .iter()
                    .map(|form| view! { <FormCard form=form lang=lang /> })
                    .collect_view()}
            </ul>
        </main>
    }
}

/// One questionnaire in the list: its title and what it is.
#[component]
fn FormCard(
    /// The questionnaire.
    form: &'static Form,
    /// The language to show it in.
    lang: Lang,
) -> impl IntoView {
    view! {
        <li class="form-card" data-form=form.id.as_str()>
            <h2>{form.title.get(lang)}</h2>
            <p>{form.description.get(lang)}</p>
        </li>
    }
}
