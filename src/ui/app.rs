//! The app's frame: it starts the state and the services, and shows the screen the draft is
//! on, between a header (the language switch) and a footer ("Slet mine svar").

use asi_instrument::{Lang, Position};
use leptos::prelude::*;

use super::idle_notice::IdleNotice;
use super::screens::start::StartScreen;
use super::screens::{result::ResultScreen, review::ReviewScreen, section::SectionScreen};
use super::shared::{Shared, use_app_state, use_lang, use_shared};
use super::takeover::{self, KeptChoice};
use super::texts::{common, tr};
use crate::state::{AppState, Entry, Keeping, Settings};
use crate::{embed, erasure, focus, link, pwa};

/// The whole app: starts the state and the services, then shows the [`Frame`] (taking over
/// the page the build rendered, if the citizen is on it: [`crate::takeover`]).
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::Da);
    let (state, writers) = AppState::new(
        Entry::from_location(link::kept_token),
        Settings::from_location(),
    );
    link::keep_token_out_of_address(&state.entry);
    pwa::register_service_worker();
    let shared = Shared::new(lang, state, &writers);
    shared.drafts.start();
    shared.clinic.start(state);
    link::check(state, writers.link);
    shared.outbox.start();
    embed::start(state);
    shared.idle.start();
    shared.speech.listen();
    provide_context(shared);
    takeover::start(shared);

    Effect::new(move |_| {
        let tag = lang.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });
    view! { <Frame /> }
}

/// What is on the page: the screen the draft is on, between a header (the language switch)
/// and a footer ("Slet mine svar"). The build renders it too, as the page shown before the
/// app has loaded ([`crate::prerender`]).
#[component]
pub fn Frame() -> impl IntoView {
    let state = use_app_state();
    // The screen is drawn anew when the draft moves, or when another draft is shown.
    let position = Memo::new(move |_| {
        let shown = state.shown.get();
        state
            .draft
            .with(|d| d.as_ref().map(|d| (shown, d.position)))
    });
    let loading = Memo::new(move |_| state.keeping.get() == Keeping::Loading);
    view! {
        <a class="skip-link" href="#indhold">{tr(&common::SKIP_TO_CONTENT)}</a>
        <Header />
        <main id="indhold" class="page" tabindex="-1">
            <IdleNotice />
            <KeptChoice />
            <Show when=move || state.keeping.get() == Keeping::MemoryOnly>
                <p class="warning" role="alert">{tr(&common::MEMORY_WARNING)}</p>
            </Show>
            {move || match (loading.get(), position.get().map(|(_, p)| p)) {
                (true, None) => view! { <p class="loading">{tr(&common::LOADING)}</p> }.into_any(),
                (false, None) => view! { <StartScreen /> }.into_any(),
                (_, Some(Position::Section(index))) => {
                    view! { <SectionScreen index=index /> }.into_any()
                }
                (_, Some(Position::Review)) => view! { <ReviewScreen /> }.into_any(),
                (_, Some(Position::Done)) => view! { <ResultScreen /> }.into_any(),
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
