//! The app's state: [`AppState`], the one value every screen and service reads, and the types
//! it holds. Nothing here imports a service, a request or a screen: the state is at the bottom
//! of the app, and everything else imports it.
//!
//! Some of the state belongs to one service each — where answers are kept and the drafts on
//! the device ([`crate::drafts`]), the clinic ([`crate::clinic`]), the outbox
//! ([`crate::outbox`]), the follow-up link ([`crate::link`]), the idle guard
//! ([`crate::idle`]). [`AppState`] holds those as read-only views ([`ReadOnly`]); their signals
//! ([`Writers`]) are handed once to the service that owns them, so no other part of the app
//! can change them.

pub mod clinic;
pub mod entry;
pub mod field_errors;
pub mod idle;
pub mod keeping;
pub mod link;
pub mod outbox;
pub mod read_only;
pub mod settings;
pub mod theme;

use std::collections::BTreeMap;

use asi_instrument::{Draft, Form, Instrument, instrument};
use leptos::prelude::*;

pub use clinic::{Clinic, ClinicState};
pub use entry::{Entry, Way};
pub use field_errors::{FieldError, FieldErrors};
pub use idle::Idle;
pub use keeping::Keeping;
pub use link::LinkAnswer;
pub use outbox::{Holdup, OutboxStatus, Queued, Refusal};
pub use read_only::ReadOnly;
pub use settings::{DAY_MS, Settings};

/// How long an unfinished identified intake is kept on the device: long enough to finish
/// after a reload or a closed tab, short enough that the next person on a shared tablet is
/// not offered someone else's answers.
pub const IDENTIFIED_DRAFT_MS: f64 = 2.0 * 60.0 * 60.0 * 1000.0;

/// The app's state: one value for the page's life, shared by reference
/// (`&'static AppState`), so every screen and service holds the same one.
pub struct AppState {
    /// How the app was opened (fixed for the page's life).
    pub entry: Entry,
    /// Settings from the page address, for a self-test without a clinic.
    pub settings: Settings,
    /// The questionnaire on screen, if any ([`AppState::show`], [`AppState::update`]).
    pub draft: RwSignal<Option<Draft>>,
    /// Counts [`AppState::show`]: a draft shown anew is drawn anew, also when it is at the
    /// same position as the one before it.
    pub shown: RwSignal<u64>,
    /// Messages per item id ([`AppState::set_error`]).
    pub errors: RwSignal<FieldErrors>,
    /// The envelope id once the draft on screen has been sealed: it is then no longer saved.
    pub sealed: RwSignal<Option<String>>,
    /// Set after "Slet mine svar": whether the deletion succeeded.
    pub deleted: RwSignal<Option<bool>>,
    /// The form whose answers, typed on the build's page before the app had loaded, wait for
    /// the citizen's choice, because a draft of it with answers was kept on the device
    /// (`crate::ui::takeover`).
    pub typed_waiting: RwSignal<Option<&'static Form>>,
    /// Where answers are kept. Changed by [`crate::drafts`] only.
    pub keeping: ReadOnly<Keeping>,
    /// The drafts kept on the device, by form id. Changed by [`crate::drafts`] only.
    pub saved: ReadOnly<BTreeMap<String, Draft>>,
    /// Whether a change is waiting to be written to the device. Changed by
    /// [`crate::drafts`] only.
    pub unsaved: ReadOnly<bool>,
    /// The clinic responses go to. Changed by [`crate::clinic`] only.
    pub clinic: ReadOnly<ClinicState>,
    /// What is sent and what is waiting. Changed by [`crate::outbox`] only.
    pub outbox: ReadOnly<OutboxStatus>,
    /// What the inbox said of the follow-up link of the address (when it could be asked).
    /// Changed by [`crate::link`] only.
    pub link: ReadOnly<Option<LinkAnswer>>,
    /// Whether identified intake left alone is being asked about, or was cleared. Changed by
    /// [`crate::idle`] only.
    pub idle: ReadOnly<Idle>,
}

/// The signals of the state each service owns, handed out once when the app starts: the
/// service that is given one is the only part of the app that can change it.
pub struct Writers {
    pub keeping: RwSignal<Keeping>,
    pub saved: RwSignal<BTreeMap<String, Draft>>,
    pub unsaved: RwSignal<bool>,
    pub clinic: RwSignal<ClinicState>,
    pub outbox: RwSignal<OutboxStatus>,
    pub link: RwSignal<Option<LinkAnswer>>,
    pub idle: RwSignal<Idle>,
}

impl AppState {
    /// The state of a page opened at `entry`, and the signals its services own.
    pub fn new(entry: Entry, settings: Settings) -> (&'static AppState, Writers) {
        let writers = Writers {
            keeping: RwSignal::new(Keeping::Loading),
            saved: RwSignal::new(BTreeMap::new()),
            unsaved: RwSignal::new(false),
            clinic: RwSignal::new(ClinicState::None),
            outbox: RwSignal::new(OutboxStatus::default()),
            link: RwSignal::new(None),
            idle: RwSignal::new(Idle::Quiet),
        };
        let state = Box::leak(Box::new(AppState {
            entry,
            settings,
            draft: RwSignal::new(None),
            shown: RwSignal::new(0),
            errors: RwSignal::new(FieldErrors::default()),
            sealed: RwSignal::new(None),
            deleted: RwSignal::new(None),
            typed_waiting: RwSignal::new(None),
            keeping: ReadOnly::of(writers.keeping),
            saved: ReadOnly::of(writers.saved),
            unsaved: ReadOnly::of(writers.unsaved),
            clinic: ReadOnly::of(writers.clinic),
            outbox: ReadOnly::of(writers.outbox),
            link: ReadOnly::of(writers.link),
            idle: ReadOnly::of(writers.idle),
        }));
        (state, writers)
    }

    /// Whether the citizen sees scores: the clinic decides; without one, the address.
    pub fn show_scores(&self) -> bool {
        self.clinic.with(|clinic| match clinic {
            ClinicState::Ready(c) => c.show_scores,
            _ => self.settings.show_scores,
        })
    }

    /// How long a draft is kept after its last change (ms): the clinic decides (without
    /// one, the address) — except in identified intake, where a draft holds a CPR number on
    /// what may be a shared waiting-room tablet: it is kept [`IDENTIFIED_DRAFT_MS`] only.
    pub fn draft_keep_ms(&self) -> f64 {
        if matches!(self.entry.way, Way::Identified { .. }) {
            return IDENTIFIED_DRAFT_MS;
        }
        let days = self.clinic.with_untracked(|clinic| match clinic {
            ClinicState::Ready(c) => c.draft_retention_days,
            _ => self.settings.retention_days,
        });
        f64::from(days) * DAY_MS
    }

    /// Shows `draft` (or none): a new draft on screen, not yet sealed.
    pub fn show(&self, draft: Option<Draft>) {
        self.sealed.set(None);
        self.shown.update(|n| *n += 1);
        self.draft.set(draft);
    }

    /// Shows the start screen with no messages left over.
    pub fn show_start(&self) {
        self.show(None);
        self.errors.update(FieldErrors::clear);
    }

    /// The form of the draft on screen, if any.
    pub fn form(&self) -> Option<String> {
        self.draft
            .with_untracked(|d| d.as_ref().map(|d| d.form.clone()))
    }

    /// Changes the draft, if there is one, and returns what `change` returns.
    pub fn update<R>(
        &self,
        change: impl FnOnce(&mut Draft, &'static Instrument) -> R,
    ) -> Option<R> {
        self.draft
            .try_update(|d| d.as_mut().map(|d| change(d, instrument())))
            .flatten()
    }

    /// Sets or clears the message of an item.
    pub fn set_error(&self, item: &str, error: Option<FieldError>) {
        let unchanged = self
            .errors
            .with_untracked(|m| m.get(item) == error.as_ref());
        if !unchanged {
            self.errors.update(|m| m.set(item, error));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(path: &str, query: &str) -> &'static AppState {
        AppState::new(Entry::parse(path, query, ""), Settings::from_query(query)).0
    }

    #[test]
    fn an_identified_intake_is_kept_hours_not_days() {
        let identified = state("/", "?klinik=demo&mode=identified");
        assert_eq!(identified.draft_keep_ms(), 2.0 * 60.0 * 60.0 * 1000.0);
        let self_test = state("/selvtest", "");
        assert_eq!(self_test.draft_keep_ms(), 14.0 * DAY_MS);
        let short = state("/selvtest", "?retention=3");
        assert_eq!(short.draft_keep_ms(), 3.0 * DAY_MS);
    }

    #[test]
    fn update_returns_what_the_change_returns() {
        let state = state("/selvtest", "");
        assert_eq!(state.update(|_, _| 7), None, "no draft, no change");
        let inst = instrument();
        state.show(Some(Draft::new(inst, inst.form("trivsel").unwrap())));
        let refused = state.update(|d, inst| d.answer(inst, "wellbeing_close", &99.into()));
        assert!(matches!(refused, Some(Err(_))));
        let taken = state.update(|d, inst| d.answer(inst, "wellbeing_close", &3.into()));
        assert_eq!(taken, Some(Ok(())));
    }
}
