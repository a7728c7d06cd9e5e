//! The app's frame: it starts the state and the services, and shows the screen the draft is
//! on, between a header (the language switch) and a footer ("Slet mine svar").

use asi_instrument::{Lang, Position};
use leptos::prelude::*;

use super::idle_notice::IdleNotice;
use super::screens::start::StartScreen;
use super::screens::{result::ResultScreen, review::ReviewScreen, section::SectionScreen};
use super::shared::{Shared, use_app_state, use_lang, use_shared};
use super::texts::{common, tr};
use crate::clinic::ClinicLoader;
use crate::drafts::Drafts;
use crate::idle::IdleGuard;
use crate::outbox::Outbox;
use crate::speech::Speech;
use crate::state::{AppState, Entry, Keeping, Settings};
use crate::{embed, erasure, focus, link, pwa};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::Da);
    let (state, writers) = AppState::new(
        Entry::from_location(link::kept_token),
        Settings::from_location(),
    );
    link::keep_token_out_of_address(&state.entry);
    pwa::register_service_worker();
    let drafts = Drafts::start(state, writers.keeping, writers.saved, writers.unsaved);
    let clinic = ClinicLoader::start(state, writers.clinic);
    link::check(state, writers.link);
    let outbox = Outbox::start(state, writers.outbox, clinic, drafts);
    embed::start(state);
    let idle = IdleGuard::start(state, writers.idle, drafts);
    provide_context(Shared {
        lang,
        state,
        speech: Speech::new(),
        drafts,
        outbox,
        idle,
    });

    Effect::new(move |_| {
        let tag = lang.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });

    let position = Memo::new(move |_| state.draft.with(|d| d.as_ref().map(|d| d.position)));
    let loading = Memo::new(move |_| state.keeping.get() == Keeping::Loading);
    view! {
        <a class="skip-link" href="#indhold">{tr(&common::SKIP_TO_CONTENT)}</a>
        <Header />
        <main id="indhold" class="page" tabindex="-1">
            <IdleNotice />
            <Show when=move || state.keeping.get() == Keeping::MemoryOnly>
                <p class="warning" role="alert">{tr(&common::MEMORY_WARNING)}</p>
            </Show>
            {move || match (loading.get(), position.get()) {
                (true, _) => view! { <p class="loading">{tr(&common::LOADING)}</p> }.into_any(),
                (false, None) => view! { <StartScreen /> }.into_any(),
                (false, Some(Position::Section(index))) => {
                    view! { <SectionScreen index=index /> }.into_any()
                }
                (false, Some(Position::Review)) => view! { <ReviewScreen /> }.into_any(),
                (false, Some(Position::Done)) => view! { <ResultScreen /> }.into_any(),
            }}
        </main>
        <Footer />
    }
}

/// "Slet mine svar på denne enhed", on every screen.
#[component]
fn Footer() -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    let Shared { drafts, outbox, .. } = use_shared();
    let delete = move |_| {
        let lang = lang.get_untracked();
        let waiting = state.outbox.with_untracked(|o| o.waiting);
        let question = if waiting > 0 {
            common::DELETE_ALL_CONFIRM_WAITING.fill(lang, &[("n", &waiting)])
        } else {
            common::DELETE_ALL_CONFIRM.get(lang).to_owned()
        };
        if window().confirm_with_message(&question).unwrap_or(false) {
            erasure::delete_everything(state, drafts, outbox);
            focus::focus_heading();
        }
    };
    view! {
        <footer class="site-footer">
            <button type="button" class="button link danger" on:click=delete>
                {tr(&common::DELETE_ALL)}
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
            <p class="brand">{tr(&common::APP_NAME)}</p>
            <button
                type="button"
                class="lang-switch"
                lang=move || other().tag()
                aria-label=tr(&common::SWITCH_LANGUAGE_LABEL)
                on:click=move |_| lang.set(other())
            >
                {tr(&common::SWITCH_LANGUAGE)}
            </button>
        </header>
    }
}
