//! "Slet mine svar på denne enhed": deleting everything the app stored on this device.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::device;
use crate::drafts::Drafts;
use crate::link;
use crate::outbox::Outbox;
use crate::state::AppState;

/// Deletes everything this app stored on the device — drafts, outbox, clinic settings, the
/// draft key, web storage — then shows the start screen, which says whether it worked
/// ([`AppState::deleted`]).
pub fn delete_everything(
    state: &'static AppState,
    drafts: &'static Drafts,
    outbox: &'static Outbox,
) {
    drafts.forget_all();
    outbox.forget_in_memory();
    state.show_start();
    spawn_local(async move {
        let deleted = device::delete_everything().await;
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
        link::keep_token_out_of_address(&state.entry);
        state.deleted.set(Some(deleted.is_ok()));
    });
}
