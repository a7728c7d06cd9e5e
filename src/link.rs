//! A follow-up link's state, asked of the inbox when the link is opened
//! ([`crate::inbox::link_state`], `docs/links.md`), so that a citizen whose link is used or
//! expired is told before answering, not after. Offline the app says nothing and the inbox
//! decides when the response arrives. [`check`] is the only writer of [`AppState::link`].
//!
//! Once opened, the link's token leaves the address bar and the tab's history entry; the tab
//! keeps it in its sessionStorage, so a reload still opens the same link
//! ([`keep_token_out_of_address`], `docs/links.md` §7).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::envelope::token_hash;
use crate::inbox;
use crate::state::{AppState, Entry, LinkAnswer, Way};

/// Asks the inbox about the link of the page address, if there is one.
pub fn check(state: &'static AppState, link: RwSignal<Option<LinkAnswer>>) {
    let Way::Link { token, .. } = &state.entry.way else {
        return;
    };
    let hash = token_hash(token);
    spawn_local(async move {
        link.set(inbox::link_state(&hash).await);
    });
}

/// The field of the history entry's state that names where this tab keeps the link's token.
const STATE_FIELD: &str = "asiLink";
/// The sessionStorage key prefix of a kept token (`asi-link:<key>` → the token).
const SESSION_PREFIX: &str = "asi-link:";

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// The key the current history entry keeps its link under, if the app took the token out of
/// the address.
fn state_key() -> Option<String> {
    let state = window().history().ok()?.state().ok()?;
    if !state.is_object() {
        return None;
    }
    js_sys::Reflect::get(&state, &STATE_FIELD.into())
        .ok()?
        .as_string()
}

/// The token this tab keeps for the page's history entry: the link the page was opened with,
/// after the app took it out of the address (a reload, going back to the page).
pub fn kept_token() -> Option<String> {
    let key = state_key()?;
    session()?
        .get_item(&format!("{SESSION_PREFIX}{key}"))
        .ok()
        .flatten()
}

/// Keeps the token of a follow-up link in this tab (its sessionStorage, under a key the
/// history entry's state names) and takes it out of the address bar and the history entry
/// (`history.replaceState`), so the address can be seen, copied or restored without it. A
/// reload of the tab reads it back ([`kept_token`]). Where the tab can keep nothing (no
/// sessionStorage, or it refuses the write) the token stays in the address, since a reload
/// would otherwise lose the link (`docs/links.md`).
pub fn keep_token_out_of_address(entry: &Entry) {
    let Way::Link { token, .. } = &entry.way else {
        return;
    };
    let Some(session) = session() else {
        return;
    };
    // One key per history entry: two links opened one after the other in one tab (going back
    // and forth between them) each keep their own token.
    let key = state_key().unwrap_or_else(|| {
        let random = js_sys::Math::random() * 9_007_199_254_740_992.0;
        format!("{:x}-{:x}", js_sys::Date::now() as u64, random as u64)
    });
    let item = format!("{SESSION_PREFIX}{key}");
    let kept = session.set_item(&item, token).is_ok()
        && session.get_item(&item).ok().flatten().as_deref() == Some(token.as_str());
    if !kept {
        return;
    }
    let window = window();
    let location = window.location();
    let address = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let state = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&state, &STATE_FIELD.into(), &key.into());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&state, "", Some(&address));
    }
}
