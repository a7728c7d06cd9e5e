//! The app's state: the draft being answered and the per-item messages shown with it.

use std::collections::BTreeMap;

use asi_instrument::validate::ErrorKind;
use asi_instrument::{Draft, Instrument, instrument};
use leptos::prelude::*;

use crate::clinic::ClinicState;
use crate::entry::{Entry, Way};
use crate::idle::Idle;
use crate::link::LinkAnswer;
use crate::persistence::StorageState;
use crate::sender::OutboxStatus;
use crate::settings::Settings;
use crate::storage::drafts::DAY_MS;

/// How long an unfinished identified intake is kept on the device: long enough to finish
/// after a reload or a closed tab, short enough that the next person on a shared tablet is
/// not offered someone else's answers.
pub const IDENTIFIED_DRAFT_MS: f64 = 2.0 * 60.0 * 60.0 * 1000.0;

/// Why an item shows a message.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldError {
    /// The value typed was refused.
    Invalid(ErrorKind),
    /// The item is neither answered nor declined and the citizen tried to go on.
    Missing,
}

/// The messages of the items on screen, by item id. A short list rather than a map: there
/// are a handful at a time, and the app carries no map code for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(Vec<(String, FieldError)>);

impl FieldErrors {
    /// The message of `item`, if it has one.
    pub fn get(&self, item: &str) -> Option<&FieldError> {
        self.0.iter().find(|(id, _)| id == item).map(|(_, e)| e)
    }

    /// Sets (or, with `None`, clears) the message of `item`.
    fn set(&mut self, item: &str, error: Option<FieldError>) {
        self.0.retain(|(id, _)| id != item);
        if let Some(error) = error {
            self.0.push((item.to_owned(), error));
        }
    }

    /// Clears every message.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// Shared through context; cheap to copy.
#[derive(Clone, Copy)]
pub struct Store {
    /// The questionnaire being answered, if any.
    pub draft: RwSignal<Option<Draft>>,
    /// Messages per item id.
    pub errors: RwSignal<FieldErrors>,
    /// How the app was opened (fixed for the page's life).
    pub entry: &'static Entry,
    /// Settings from the page address, for a self-test without a clinic.
    pub settings: Settings,
    /// Where answers are kept.
    pub storage: RwSignal<StorageState>,
    /// The drafts kept on the device, by form id.
    pub saved: RwSignal<BTreeMap<String, Draft>>,
    /// Set after "Slet mine svar": whether the deletion succeeded.
    pub deleted: RwSignal<Option<bool>>,
    /// Whether a change is waiting to be written to the device.
    pub unsaved: RwSignal<bool>,
    /// The clinic responses go to.
    pub clinic: RwSignal<ClinicState>,
    /// The envelope id once the draft on screen has been sealed: it is then no longer saved.
    pub sealed: RwSignal<Option<String>>,
    /// What is sent and what is waiting.
    pub outbox: RwSignal<OutboxStatus>,
    /// What the inbox said of the follow-up link of the address (when it could be asked).
    pub link_state: RwSignal<Option<LinkAnswer>>,
    /// Whether identified intake left alone is being asked about, or was cleared.
    pub idle: RwSignal<Idle>,
}

impl Store {
    pub fn new(entry: Entry, settings: Settings) -> Store {
        Store {
            entry: Box::leak(Box::new(entry)),
            draft: RwSignal::new(None),
            errors: RwSignal::new(FieldErrors::default()),
            settings,
            storage: RwSignal::new(StorageState::Loading),
            saved: RwSignal::new(BTreeMap::new()),
            deleted: RwSignal::new(None),
            unsaved: RwSignal::new(false),
            clinic: RwSignal::new(ClinicState::None),
            sealed: RwSignal::new(None),
            outbox: RwSignal::new(OutboxStatus::default()),
            link_state: RwSignal::new(None),
            idle: RwSignal::new(Idle::Quiet),
        }
    }

    /// Whether the citizen sees scores: the clinic decides; without one, the address.
    pub fn show_scores(&self) -> bool {
        match &*self.clinic.read() {
            ClinicState::Ready(c) => c.show_scores,
            _ => self.settings.show_scores,
        }
    }

    /// How long a draft is kept after its last change (ms): the clinic decides (without
    /// one, the address) — except in identified intake, where a draft holds a CPR number on
    /// what may be a shared waiting-room tablet: it is kept [`IDENTIFIED_DRAFT_MS`] only.
    pub fn draft_keep_ms(&self) -> f64 {
        if matches!(self.entry.way, Way::Identified { .. }) {
            return IDENTIFIED_DRAFT_MS;
        }
        let days = match &*self.clinic.read_untracked() {
            ClinicState::Ready(c) => c.draft_retention_days,
            _ => self.settings.retention_days,
        };
        f64::from(days) * DAY_MS
    }

    /// Shows `draft` (or none): a new draft on screen, not yet sealed.
    pub fn show(&self, draft: Option<Draft>) {
        self.sealed.set(None);
        self.draft.set(draft);
    }

    /// Changes the draft, if there is one.
    pub fn update(&self, change: impl FnOnce(&mut Draft, &'static Instrument)) {
        self.draft.update(|d| {
            if let Some(d) = d {
                change(d, instrument());
            }
        });
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

/// The store from context.
pub fn use_store() -> Store {
    expect_context::<Store>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identified_intake_is_kept_hours_not_days() {
        let identified = Store::new(
            Entry::parse("/", "?klinik=demo&mode=identified", ""),
            Settings::default(),
        );
        assert_eq!(identified.draft_keep_ms(), 2.0 * 60.0 * 60.0 * 1000.0);
        let self_test = Store::new(Entry::parse("/selvtest", "", ""), Settings::default());
        assert_eq!(self_test.draft_keep_ms(), 14.0 * DAY_MS);
        let short = Store::new(
            Entry::parse("/selvtest", "", ""),
            Settings::from_query("?retention=3"),
        );
        assert_eq!(short.draft_keep_ms(), 3.0 * DAY_MS);
    }
}
