//! Keeps the citizen's draft on the device: restores it at start, saves every change at once
//! (in order, latest wins), and deletes everything on request. When the browser gives no
//! storage, the app goes on in memory and says so.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use asi_instrument::{Draft, instrument};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::storage::{DraftStore, StorageError};
use crate::store::Store;

/// Where answers are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageState {
    /// Opening the device storage.
    Loading,
    /// On the device, encrypted.
    Device,
    /// Only in this page: storage failed.
    MemoryOnly,
}

thread_local! {
    static DEVICE: RefCell<Option<Rc<DraftStore>>> = const { RefCell::new(None) };
    static PENDING: RefCell<BTreeMap<String, Draft>> = const { RefCell::new(BTreeMap::new()) };
    static SAVING: Cell<bool> = const { Cell::new(false) };
    static WHEN_SAVED: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
}

/// How long opening the device storage may take before the app goes on in memory (a blocked
/// or hanging IndexedDB must never leave a blank screen).
const OPEN_TIMEOUT_MS: i32 = 4_000;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The open store, opening it (and creating its key) when needed.
async fn device() -> Result<Rc<DraftStore>, StorageError> {
    if let Some(device) = DEVICE.with(|d| d.borrow().clone()) {
        return Ok(device);
    }
    let device = Rc::new(DraftStore::open().await?);
    DEVICE.with(|d| *d.borrow_mut() = Some(device.clone()));
    Ok(device)
}

fn fall_back_to_memory(store: Store) {
    DEVICE.with(|d| d.borrow_mut().take());
    PENDING.with(|p| p.borrow_mut().clear());
    store.storage.set(StorageState::MemoryOnly);
    run_when_saved();
}

fn run_when_saved() {
    for then in WHEN_SAVED.with(|w| std::mem::take(&mut *w.borrow_mut())) {
        then();
    }
}

/// Runs `then` once every change so far is on the device (at once when nothing is pending,
/// or when answers are kept in memory only). The app moves on only after this.
pub fn when_saved(then: impl FnOnce() + 'static) {
    if SAVING.get() {
        WHEN_SAVED.with(|w| w.borrow_mut().push(Box::new(then)));
    } else {
        then();
    }
}

/// Resolves once every change so far is on the device (see [`when_saved`]).
pub async fn saved() {
    let (done, finished) = futures_channel::oneshot::channel();
    when_saved(move || {
        let _ = done.send(());
    });
    let _ = finished.await;
}

/// Opens the device storage and restores the most recent draft (on the screen it was left).
pub fn init(store: Store) {
    request_persistent_storage();
    let give_up = Closure::once(move || {
        if store.storage.get_untracked() == StorageState::Loading {
            fall_back_to_memory(store);
        }
    });
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
        give_up.as_ref().unchecked_ref(),
        OPEN_TIMEOUT_MS,
    );
    give_up.forget();
    spawn_local(async move {
        let restored = async {
            let device = device().await?;
            device.load_all(now_ms()).await
        }
        .await;
        if store.storage.get_untracked() != StorageState::Loading {
            // Too late: the app already went on in memory and said so.
            return;
        }
        match restored {
            Ok(saved) => {
                // Only drafts begun the same way in (this link, this clinic's intake, or the
                // self-test) are resumed here.
                let usable: Vec<Draft> = saved
                    .into_iter()
                    .filter(|s| s.slot == store.entry.slot(&s.draft.form))
                    .map(|s| s.draft)
                    .filter(|d| {
                        d.instrument_version == instrument().version && store.entry.offers(&d.form)
                    })
                    .collect();
                store
                    .saved
                    .set(usable.iter().map(|d| (d.form.clone(), d.clone())).collect());
                store.show(usable.into_iter().next());
                store.storage.set(StorageState::Device);
            }
            Err(_) => fall_back_to_memory(store),
        }
    });
}

/// Asks the browser not to evict our storage under pressure.
fn request_persistent_storage() {
    let navigator = window().navigator();
    if js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        let _ = navigator.storage().persist();
    }
}

/// Saves `draft` now; saves run one after another, and only the latest of a slot is written.
pub fn save(store: Store, draft: Draft) {
    if store.storage.get_untracked() != StorageState::Device {
        return;
    }
    PENDING.with(|p| p.borrow_mut().insert(store.entry.slot(&draft.form), draft));
    store.unsaved.set(true);
    if SAVING.replace(true) {
        return;
    }
    spawn_local(async move {
        while let Some((slot, draft)) = PENDING.with(|p| p.borrow_mut().pop_first()) {
            let saved = async {
                device()
                    .await?
                    .save(&slot, &draft, now_ms(), store.draft_keep_ms())
                    .await
            }
            .await;
            if saved.is_err() {
                fall_back_to_memory(store);
                break;
            }
        }
        SAVING.set(false);
        store.unsaved.set(false);
        run_when_saved();
    });
}

/// Deletes the saved draft of `form` (starting it again is a deliberate act).
pub fn forget(store: Store, form: &str) {
    let slot = store.entry.slot(form);
    PENDING.with(|p| p.borrow_mut().remove(&slot));
    store.saved.update(|m| {
        m.remove(form);
    });
    if store.storage.get_untracked() == StorageState::Device {
        spawn_local(async move {
            if let Ok(device) = device().await
                && device.delete(&slot).await.is_err()
            {
                fall_back_to_memory(store);
            }
        });
    }
}

/// Deletes everything this app stored on the device, then shows the start screen.
pub fn delete_everything(store: Store) {
    PENDING.with(|p| p.borrow_mut().clear());
    DEVICE.with(|d| d.borrow_mut().take());
    crate::sender::forget_memory(store);
    store.show(None);
    store.saved.set(BTreeMap::new());
    store.errors.update(|e| e.clear());
    spawn_local(async move {
        let deleted = crate::storage::delete_everything().await;
        // The app keeps no answer in web storage (only a link's token, for its tab), but a
        // device is cleaned whatever put it there.
        for storage in [window().local_storage(), window().session_storage()]
            .into_iter()
            .flatten()
            .flatten()
        {
            let _ = storage.clear();
        }
        // The link this tab was opened with is kept again (no answer is in it), so the page
        // on screen still works after a reload.
        crate::link::keep_token_out_of_address(store.entry);
        store.deleted.set(Some(deleted.is_ok()));
    });
}
