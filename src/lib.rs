//! The citizen-facing app: the questionnaires, rendered from the instrument data.
//!
//! No question text lives here: every text of the form comes from `asi_instrument`, and the
//! interface's own words from [`i18n`]. The flow rules (skip rule, completeness, positions)
//! live in `asi_instrument::Draft`; this crate only shows them.

pub mod backoff;
pub mod clinic;
mod embed;
pub mod entry;
mod fields;
mod focus;
pub mod i18n;
mod idle;
mod link;
pub(crate) mod persistence;
mod pwa;
mod screens;
mod sender;
mod sending;
mod settings;
pub mod speech;
pub mod storage;
mod store;
pub mod theme;

use asi_instrument::{Lang, Position};
use leptos::prelude::*;
use persistence::StorageState;

use crate::i18n::{strings, tr, use_lang};
pub use crate::settings::Settings;
use crate::store::Store;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::Da);
    provide_context(lang);
    provide_context(speech::Speech::new());
    let store = Store::new(entry::Entry::from_location(), Settings::from_location());
    provide_context(store);
    link::keep_token_out_of_address(store.entry);
    pwa::register_service_worker();
    persistence::init(store);
    clinic::init(store);
    link::check(store);
    sender::start(store);
    embed::init(store);
    idle::watch(store);
    // Every change is written to the device at once (until the draft is sealed).
    Effect::new(move |_| {
        if let Some(draft) = store.draft.get()
            && store.storage.get() == StorageState::Device
            && store.sealed.with_untracked(Option::is_none)
        {
            store.saved.update(|m| {
                m.insert(draft.form.clone(), draft.clone());
            });
            persistence::save(store, draft);
        }
    });

    Effect::new(move |_| {
        let tag = lang.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });

    let position = Memo::new(move |_| store.draft.with(|d| d.as_ref().map(|d| d.position)));
    let loading = Memo::new(move |_| store.storage.get() == StorageState::Loading);
    view! {
        <a class="skip-link" href="#indhold">{tr(|s| s.skip_to_content)}</a>
        <Header />
        <main id="indhold" class="page" tabindex="-1">
            <idle::IdleNotice />
            <Show when=move || store.storage.get() == StorageState::MemoryOnly>
                <p class="warning" role="alert">{tr(|s| s.memory_warning)}</p>
            </Show>
            {move || match (loading.get(), position.get()) {
                (true, _) => view! { <p class="loading">{tr(|s| s.loading)}</p> }.into_any(),
                (false, None) => view! { <screens::start::StartScreen /> }.into_any(),
                (false, Some(Position::Section(index))) => {
                    view! { <screens::section::SectionScreen index=index /> }.into_any()
                }
                (false, Some(Position::Review)) => view! { <screens::review::ReviewScreen /> }.into_any(),
                (false, Some(Position::Done)) => view! { <screens::result::ResultScreen /> }.into_any(),
            }}
        </main>
        <Footer />
    }
}

/// "Slet mine svar på denne enhed", on every screen.
#[component]
fn Footer() -> impl IntoView {
    let lang = use_lang();
    let store = expect_context::<Store>();
    let delete = move |_| {
        let s = strings(lang.get_untracked());
        let waiting = store.outbox.with_untracked(|o| o.waiting);
        let question = if waiting > 0 {
            (s.delete_all_confirm_waiting)(waiting)
        } else {
            s.delete_all_confirm.to_owned()
        };
        if window().confirm_with_message(&question).unwrap_or(false) {
            persistence::delete_everything(store);
            focus::focus_heading();
        }
    };
    view! {
        <footer class="site-footer">
            <button type="button" class="button link danger" on:click=delete>
                {tr(|s| s.delete_all)}
            </button>
        </footer>
    }
}

/// The top bar: the app's name and the language switch, on every screen.
#[component]
fn Header() -> impl IntoView {
    let lang = use_lang();
    let other = move || match lang.get() {
        Lang::Da => Lang::En,
        Lang::En => Lang::Da,
    };
    view! {
        <header class="site-header">
            <p class="brand">{tr(|s| s.app_name)}</p>
            <button
                type="button"
                class="lang-switch"
                lang=move || other().tag()
                aria-label=tr(|s| s.switch_language_label)
                on:click=move |_| lang.set(other())
            >
                {tr(|s| s.switch_language)}
            </button>
        </header>
    }
}
