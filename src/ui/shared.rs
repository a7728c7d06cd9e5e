//! What every part of the UI shares, as one context value ([`Shared`]): the language, the
//! app's state, the speech engine, and the services the screens ask to act.

use asi_instrument::Lang;
use leptos::prelude::*;

use crate::clinic::ClinicLoader;
use crate::drafts::Drafts;
use crate::idle::IdleGuard;
use crate::outbox::Outbox;
use crate::speech::Speech;
use crate::state::{AppState, Writers};

/// The UI's one context value (one value, so the app carries one context lookup); cheap to
/// copy.
#[derive(Clone, Copy)]
pub struct Shared {
    /// The language of the interface.
    pub lang: RwSignal<Lang>,
    /// The app's state.
    pub state: &'static AppState,
    /// Reading aloud.
    pub speech: Speech,
    /// The drafts on the device.
    pub drafts: &'static Drafts,
    /// The clinic's settings.
    pub clinic: ClinicLoader,
    /// The outbox and its delivery.
    pub outbox: &'static Outbox,
    /// The idle guard of identified intake.
    pub idle: &'static IdleGuard,
}

impl Shared {
    /// The value for `state`, with every service made and none started: nothing has been
    /// read from or asked of the browser yet. The app starts them ([`super::app::App`]); the
    /// build renders the first screens with them as they are ([`crate::prerender`]).
    pub fn new(lang: RwSignal<Lang>, state: &'static AppState, writers: &Writers) -> Shared {
        let drafts = Drafts::new(state, writers.keeping, writers.saved, writers.unsaved);
        let clinic = ClinicLoader::new(writers.clinic);
        Shared {
            lang,
            state,
            speech: Speech::new(),
            drafts,
            clinic,
            outbox: Outbox::new(state, writers.outbox, clinic, drafts),
            idle: IdleGuard::new(state, writers.idle, drafts),
        }
    }
}

/// The shared value from context.
pub fn use_shared() -> Shared {
    expect_context::<Shared>()
}

/// The current language.
pub fn use_lang() -> RwSignal<Lang> {
    use_shared().lang
}

/// The app's state.
pub fn use_app_state() -> &'static AppState {
    use_shared().state
}
