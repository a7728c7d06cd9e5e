//! Drafts on the device: restores the citizen's draft at start, saves every change at once
//! (in order, latest wins), and forgets a draft on request. When the browser gives no
//! storage, the app goes on in memory and says so ([`Keeping::MemoryOnly`]).
//!
//! [`Drafts`] is the one handle: it owns where answers are kept, the drafts kept on the
//! device and whether a change is unsaved ([`AppState::keeping`], [`AppState::saved`],
//! [`AppState::unsaved`]), and the writes waiting to reach the device.

use std::cell::{RefCell, RefMut};
use std::collections::BTreeMap;
use std::rc::Rc;

use asi_instrument::Draft;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::device::{DeviceError, EncryptedDrafts};
use crate::state::{AppState, Keeping};

/// How long opening the device storage may take before the app goes on in memory (a blocked
/// or hanging IndexedDB must never leave a blank screen).
const OPEN_TIMEOUT_MS: i32 = 4_000;

/// The user-timing mark set when every change so far is on the device.
const SAVED_MARK: &str = "asi-draft-saved";

/// The writes on their way to the device.
#[derive(Default)]
struct Writes {
    /// The open encrypted drafts, once opened.
    device: Option<Rc<EncryptedDrafts>>,
    /// The latest draft of each slot not yet written.
    pending: BTreeMap<String, Draft>,
    /// What runs once every change so far is on the device.
    when_saved: Vec<Box<dyn FnOnce()>>,
}

impl Writes {
    /// Drops the open drafts and every write not yet made: the device gives no storage, or
    /// everything on it is being deleted.
    fn drop_all(&mut self) {
        self.device = None;
        self.pending.clear();
    }
}

/// The drafts service: one for the page's life.
pub struct Drafts {
    state: &'static AppState,
    keeping: RwSignal<Keeping>,
    saved: RwSignal<BTreeMap<String, Draft>>,
    unsaved: RwSignal<bool>,
    /// Changed only by these methods, on the page's one thread (`SendWrapper` lets the
    /// handle be shared through Leptos' context, which asks for `Send + Sync`).
    writes: SendWrapper<RefCell<Writes>>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Drafts {
    /// The drafts service, not yet started: it reads and writes nothing until
    /// [`Drafts::start`] (so the build can render the screens with it, `crate::prerender`).
    pub fn new(
        state: &'static AppState,
        keeping: RwSignal<Keeping>,
        saved: RwSignal<BTreeMap<String, Draft>>,
        unsaved: RwSignal<bool>,
    ) -> &'static Drafts {
        Box::leak(Box::new(Drafts {
            state,
            keeping,
            saved,
            unsaved,
            writes: SendWrapper::new(RefCell::new(Writes::default())),
        }))
    }

    /// Opens the device storage, restores the most recent draft (on the screen it was left),
    /// and from then on writes every change of the draft on screen to the device at once
    /// (until it is sealed).
    pub fn start(&'static self) {
        let state = self.state;
        self.restore();
        Effect::new(move |_| {
            if let Some(draft) = state.draft.get()
                && state.keeping.get() == Keeping::Device
                && state.sealed.with_untracked(Option::is_none)
            {
                self.save(draft);
            }
        });
    }

    fn restore(&'static self) {
        let state = self.state;
        request_persistent_storage();
        let give_up = Closure::once(move || {
            if state.keeping.get_untracked() == Keeping::Loading {
                self.fall_back_to_memory();
            }
        });
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            give_up.as_ref().unchecked_ref(),
            OPEN_TIMEOUT_MS,
        );
        give_up.forget();
        spawn_local(async move {
            let restored = async { self.device().await?.load_all(now_ms()).await }.await;
            if state.keeping.get_untracked() != Keeping::Loading {
                // Too late: the app already went on in memory and said so.
                return;
            }
            match restored {
                Ok(kept) => {
                    // Only drafts begun the same way in (this link, this clinic's intake, or
                    // the self-test) are resumed here; one begun with an earlier version of
                    // the questionnaire that the current one keeps unchanged is resumed too,
                    // so an upgrade loses no answers (`Draft::resumed`).
                    let usable: Vec<Draft> = kept
                        .into_iter()
                        .filter(|s| s.slot == state.entry.slot(&s.draft.form))
                        .filter_map(|s| s.draft.resumed())
                        .filter(|d| state.entry.offers(&d.form))
                        .collect();
                    self.saved
                        .set(usable.iter().map(|d| (d.form.clone(), d.clone())).collect());
                    state.show(usable.into_iter().next());
                    self.keeping.set(Keeping::Device);
                }
                Err(_) => self.fall_back_to_memory(),
            }
        });
    }

    /// The writes on their way; borrowed for one statement at a time, never across an
    /// `await`.
    fn writes(&self) -> RefMut<'_, Writes> {
        self.writes.borrow_mut()
    }

    /// The open encrypted drafts, opening them (and creating their key) when needed.
    async fn device(&'static self) -> Result<Rc<EncryptedDrafts>, DeviceError> {
        let open = self.writes().device.clone();
        if let Some(device) = open {
            return Ok(device);
        }
        let device = Rc::new(EncryptedDrafts::open().await?);
        self.writes().device = Some(device.clone());
        Ok(device)
    }

    fn fall_back_to_memory(&'static self) {
        self.writes().drop_all();
        self.keeping.set(Keeping::MemoryOnly);
        self.run_when_saved();
    }

    fn run_when_saved(&'static self) {
        let waiting = std::mem::take(&mut self.writes().when_saved);
        for then in waiting {
            then();
        }
    }

    /// Runs `then` once every change so far is on the device (at once when nothing is
    /// pending, or when answers are kept in memory only). The app moves on only after this.
    pub fn when_saved(&'static self, then: impl FnOnce() + 'static) {
        if self.unsaved.get_untracked() {
            self.writes().when_saved.push(Box::new(then));
        } else {
            then();
        }
    }

    /// Resolves once every change so far is on the device (see [`Drafts::when_saved`]).
    pub async fn saved(&'static self) {
        let (done, finished) = futures_channel::oneshot::channel();
        self.when_saved(move || {
            let _ = done.send(());
        });
        let _ = finished.await;
    }

    /// Saves `draft` now; saves run one after another, and only the latest of a slot is
    /// written.
    fn save(&'static self, draft: Draft) {
        self.saved.update(|m| {
            m.insert(draft.form.clone(), draft.clone());
        });
        let slot = self.state.entry.slot(&draft.form);
        self.writes().pending.insert(slot, draft);
        // A write under way writes this one after its own.
        let already_saving = self.unsaved.get_untracked();
        self.unsaved.set(true);
        if already_saving {
            return;
        }
        spawn_local(async move {
            loop {
                let next = self.writes().pending.pop_first();
                let Some((slot, draft)) = next else { break };
                let written = async {
                    self.device()
                        .await?
                        .save(&slot, &draft, now_ms(), self.state.draft_keep_ms())
                        .await
                }
                .await;
                if written.is_err() {
                    self.fall_back_to_memory();
                    break;
                }
            }
            self.unsaved.set(false);
            // For the benchmarks (`e2e/bench/save-time.mjs`): every change so far is on the
            // device.
            if let Some(performance) = window().performance() {
                let _ = performance.mark(SAVED_MARK);
            }
            self.run_when_saved();
        });
    }

    /// Deletes the saved draft of `form` (starting it again is a deliberate act).
    pub fn forget(&'static self, form: &str) {
        let slot = self.state.entry.slot(form);
        self.writes().pending.remove(&slot);
        self.unlist(form);
        if self.state.keeping.get_untracked() == Keeping::Device {
            spawn_local(async move {
                if let Ok(device) = self.device().await
                    && device.delete(&slot).await.is_err()
                {
                    self.fall_back_to_memory();
                }
            });
        }
    }

    /// The draft of `form` was sealed: on the device, its envelope in the outbox took its
    /// place in one transaction ([`crate::outbox`]).
    pub fn replaced_by_envelope(&'static self, form: &str) {
        self.unlist(form);
    }

    fn unlist(&'static self, form: &str) {
        self.saved.update(|m| {
            m.remove(form);
        });
    }

    /// Forgets every draft, kept and pending, before the device's database is deleted
    /// ([`crate::erasure`]).
    pub fn forget_all(&'static self) {
        self.writes().drop_all();
        self.saved.set(BTreeMap::new());
    }
}

/// Asks the browser not to evict our storage under pressure.
fn request_persistent_storage() {
    let navigator = window().navigator();
    if js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        let _ = navigator.storage().persist();
    }
}
