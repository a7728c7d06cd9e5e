//! Sending: the "Send" panel of the result screen and what the citizen is told about their
//! sent and unsent responses. Never "Sendt" before the inbox has it.

use asi_envelope::Mode;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clinic::ClinicState;
use crate::focus::focus_after_render;
use crate::i18n::{strings, use_lang};
use crate::persistence::StorageState;
use crate::sending::{Destination, seal_and_queue};
use crate::store::{Store, use_store};

/// The text about the outbox: for one envelope (`id`), or for all of them.
fn status_text(
    store: Store,
    id: Option<&str>,
    clinic_name: &str,
    lang: asi_instrument::Lang,
) -> Option<String> {
    let s = strings(lang);
    store.outbox.with(|o| {
        let refused = |wanted: &str| {
            o.refused
                .iter()
                .find(|(r, _)| r == wanted)
                .map(|(_, st)| *st)
        };
        let waiting = || {
            if store.storage.get() == StorageState::MemoryOnly {
                (s.waiting_memory)(o.waiting)
            } else {
                (s.waiting)(o.waiting)
            }
        };
        match id {
            Some(id) if o.delivered.contains(id) => Some((s.sent)(clinic_name)),
            Some(id) => match refused(id) {
                Some(status) => Some((s.refused)(status)),
                None if o.queued.contains(id) => Some(waiting()),
                // Being sealed and queued right now.
                None => Some(s.sending.to_owned()),
            },
            None if o.waiting > 0 => Some(waiting()),
            None if !o.refused.is_empty() => Some((s.refused)(o.refused[0].1)),
            None if !o.delivered.is_empty() => Some(s.all_sent.to_owned()),
            None => None,
        }
    })
}

/// On the start screen: what is still waiting to be sent, or that everything was sent.
#[component]
pub fn OutboxNotice() -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    view! {
        <div role="status">
            {move || {
                status_text(store, None, "", lang.get())
                    .map(|text| view! { <p class="notice outbox-status">{text}</p> })
            }}
        </div>
    }
}

/// On the result screen: send the response to the clinic of the address (anonymously), then
/// follow it until the inbox has it.
#[component]
pub fn SendPanel() -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    let s = move || strings(lang.get());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let send = move |_| {
        let ClinicState::Ready(clinic) = store.clinic.get_untracked() else {
            return;
        };
        let Some(draft) = store.draft.get_untracked() else {
            return;
        };
        busy.set(true);
        failed.set(false);
        let to = Destination {
            clinic,
            timepoint: "self_screening".to_owned(),
            mode: Mode::Anonymous,
            token: None,
        };
        spawn_local(async move {
            let result = seal_and_queue(store, &draft, &to, lang.get_untracked()).await;
            busy.set(false);
            match result {
                Ok(_) => focus_after_render("#send-status"),
                Err(_) => failed.set(true),
            }
        });
    };
    move || match store.clinic.get() {
        ClinicState::None => ().into_any(),
        ClinicState::Loading => {
            view! { <p class="notice">{move || s().clinic_loading}</p> }.into_any()
        }
        ClinicState::Unknown => {
            view! { <p class="warning">{move || s().clinic_unknown}</p> }.into_any()
        }
        ClinicState::Unreachable => {
            view! { <p class="warning">{move || s().clinic_unreachable}</p> }.into_any()
        }
        ClinicState::BadSettings => {
            view! { <p class="warning">{move || s().clinic_bad_settings}</p> }.into_any()
        }
        ClinicState::Ready(clinic) => {
            let name = clinic.name.clone();
            let heading = name.clone();
            let button = name.clone();
            view! {
                <section class="result-block send" aria-labelledby="send-heading">
                    <h2 id="send-heading">{move || (s().send_heading)(&heading)}</h2>
                    {move || match store.sealed.get() {
                        None => view! {
                            <p>{move || s().send_anonymous_lead}</p>
                            <div role="alert">
                                {move || failed.get().then(|| view! { <p class="warning">{move || s().send_failed}</p> })}
                            </div>
                            <button type="button" class="button primary" disabled=move || busy.get() on:click=send>
                                {
                                    let button = button.clone();
                                    move || if busy.get() { s().sending.to_owned() } else { (s().send_anonymous_button)(&button) }
                                }
                            </button>
                        }
                        .into_any(),
                        Some(id) => {
                            let name = name.clone();
                            view! {
                                <p id="send-status" class="notice outbox-status" role="status" tabindex="-1">
                                    {move || status_text(store, Some(&id), &name, lang.get())}
                                </p>
                            }
                            .into_any()
                        }
                    }}
                </section>
            }
            .into_any()
        }
    }
}
