//! Identified intake on a shared tablet: when a half-answered form has been left alone for
//! [`IDLE_MS`], the app asks "Er du stadig i gang?"; with no answer within [`GRACE_MS`] the
//! draft (CPR number and all) is deleted and the start screen shown, so the next person in
//! the waiting room never sees it. Only in identified mode; any key, tap or input counts as
//! use.
//!
//! [`IdleGuard`] is the one handle: it owns [`AppState::idle`] and the time of the last use.
//! The question itself is [`crate::ui::idle_notice`].

use std::cell::Cell;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::drafts::Drafts;
use crate::focus::{focus_after_render, focus_heading};
use crate::state::{AppState, Idle, Way};

/// How long a form may be left alone before the app asks.
pub const IDLE_MS: f64 = 10.0 * 60.0 * 1000.0;
/// How long the question waits for an answer before the answers are deleted.
pub const GRACE_MS: f64 = 60.0 * 1000.0;
/// How often the app looks.
const TICK_MS: i32 = 5_000;

/// The idle guard: one for the page's life.
pub struct IdleGuard {
    state: &'static AppState,
    idle: RwSignal<Idle>,
    drafts: &'static Drafts,
    /// When the form was last used (ms since the epoch). Changed only by these methods, on
    /// the page's one thread (`SendWrapper` lets the guard be shared through Leptos'
    /// context, which asks for `Send + Sync`).
    last_use: SendWrapper<Cell<f64>>,
}

impl IdleGuard {
    /// The guard, not yet watching (see [`IdleGuard::start`]).
    pub fn new(
        state: &'static AppState,
        idle: RwSignal<Idle>,
        drafts: &'static Drafts,
    ) -> &'static IdleGuard {
        Box::leak(Box::new(IdleGuard {
            state,
            idle,
            drafts,
            last_use: SendWrapper::new(Cell::new(0.0)),
        }))
    }

    /// Starts watching, in identified mode only.
    pub fn start(&'static self) {
        if matches!(self.state.entry.way, Way::Identified { .. }) {
            self.used();
            self.watch();
        }
    }

    fn watch(&'static self) {
        let state = self.state;
        let used = Closure::<dyn Fn()>::new(move || {
            self.used();
            if state.idle.get_untracked() == Idle::Cleared {
                self.idle.set(Idle::Quiet);
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
            match state.idle.get_untracked() {
                Idle::Asking { until } if now >= until => self.clear(),
                Idle::Asking { .. } => {}
                _ if self.form_open() && now - self.last_use.get() >= IDLE_MS => {
                    self.idle.set(Idle::Asking {
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

    /// The form is being used now.
    fn used(&self) {
        self.last_use.set(js_sys::Date::now());
    }

    /// Whether a draft that is not yet sealed is on screen.
    fn form_open(&'static self) -> bool {
        self.state.draft.with_untracked(Option::is_some)
            && self.state.sealed.with_untracked(Option::is_none)
    }

    /// "Ja, fortsæt": the citizen is still there.
    pub fn keep(&'static self) {
        self.used();
        self.idle.set(Idle::Quiet);
        focus_heading();
    }

    /// Deletes the draft on screen and shows the start screen.
    pub fn clear(&'static self) {
        if let Some(form) = self.state.form() {
            self.drafts.forget(&form);
        }
        self.state.show_start();
        self.idle.set(Idle::Cleared);
        focus_heading();
    }
}
