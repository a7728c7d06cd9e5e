//! A follow-up link's state, asked of the inbox when the link is opened
//! (`GET /api/v1/links/<token hash>`, `docs/links.md`), so that a citizen whose link is used
//! or expired is told before answering, not after. Offline the app says nothing and the
//! inbox decides when the response arrives.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

use crate::clinic::inbox_base;
use crate::entry::Way;
use crate::store::Store;

/// What the inbox says of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    /// Not used yet, not expired.
    Open,
    /// A response has arrived with it.
    Used,
    /// Past its last day.
    Expired,
    /// The inbox does not know it.
    #[serde(skip)]
    Unknown,
}

#[derive(Deserialize)]
struct Answer {
    state: LinkState,
}

/// Asks the inbox about the link of the page address, if there is one.
pub fn check(store: Store) {
    let Way::Link { token, .. } = &store.entry.way else {
        return;
    };
    let url = format!(
        "{}/api/v1/links/{}",
        inbox_base(),
        asi_envelope::token_hash(token)
    );
    spawn_local(async move {
        let response = gloo_net::http::Request::get(&url)
            .credentials(web_sys::RequestCredentials::Omit)
            .cache(web_sys::RequestCache::NoStore)
            .send()
            .await;
        let state = match response {
            Ok(r) if r.status() == 200 => r.json::<Answer>().await.ok().map(|a| a.state),
            Ok(r) if r.status() == 404 => Some(LinkState::Unknown),
            _ => None,
        };
        store.link_state.set(state);
    });
}
