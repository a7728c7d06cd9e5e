//! Sending: the "Send" panel of the result screen and what the citizen is told about their
//! sent and unsent responses. Never "Sendt" before the inbox has it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clinic::{Clinic, ClinicState};
use crate::entry::Way;
use crate::focus::focus_after_render;
use crate::i18n::{refusal_text, strings, tr, use_lang};
use crate::persistence::StorageState;
use crate::sender::Holdup;
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
        let refused = |wanted: &str| o.refused.iter().find(|(r, _)| r == wanted).map(|(_, r)| r);
        let waiting = || {
            let text = match (store.storage.get(), o.holdup) {
                (StorageState::MemoryOnly, _) => s.waiting_memory,
                (_, Some(Holdup::Busy)) => s.waiting_busy,
                (_, Some(Holdup::NotAcknowledged)) => s.waiting_not_acknowledged,
                // No answer while the browser says it is online: the inbox, not the
                // connection, is the reason.
                (_, Some(Holdup::Unreachable)) if window().navigator().on_line() => {
                    s.waiting_unreachable
                }
                (_, Some(Holdup::Unreachable) | None) => s.waiting,
            };
            text(o.waiting)
        };
        match id {
            Some(id) if o.delivered.contains(id) => Some((s.sent)(clinic_name)),
            Some(id) => match refused(id) {
                Some(refusal) => Some(refusal_text(refusal, lang)),
                None if o.queued.contains(id) => Some(waiting()),
                // Being sealed and queued right now.
                None => Some(s.sending.to_owned()),
            },
            None if o.waiting > 0 => Some(waiting()),
            None if !o.refused.is_empty() => Some(refusal_text(&o.refused[0].1, lang)),
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

/// The clinic's consent text (an older inbox's settings may lack one).
fn consent_text(clinic: &Clinic) -> String {
    if clinic.consent_text.trim().is_empty() {
        format!(
            "Jeg giver samtykke til, at {} må se og bruge mine svar i min behandling.",
            clinic.name
        )
    } else {
        clinic.consent_text.clone()
    }
}

/// On the result screen: send the response to the clinic of the address — anonymously from
/// the self-test, with the token from a follow-up link, or, for identified intake, only
/// after the citizen has agreed to the clinic's consent text — then follow it until the
/// inbox has it.
#[component]
pub fn SendPanel() -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    let s = move || strings(lang.get());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let consented = RwSignal::new(false);
    let consent_missing = RwSignal::new(false);
    let way = &store.entry.way;
    let send = move |_| {
        let ClinicState::Ready(clinic) = store.clinic.get_untracked() else {
            return;
        };
        let Some(draft) = store.draft.get_untracked() else {
            return;
        };
        let consent = match way {
            Way::Identified { .. } if !consented.get_untracked() => {
                consent_missing.set(true);
                focus_after_render("#consent");
                return;
            }
            Way::Identified { .. } => Some(consent_text(&clinic)),
            _ => None,
        };
        busy.set(true);
        failed.set(false);
        let to = Destination::of(store.entry, clinic);
        spawn_local(async move {
            let result = seal_and_queue(store, &draft, &to, lang.get_untracked(), consent).await;
            busy.set(false);
            match result {
                Ok(_) => focus_after_render("#send-status"),
                Err(_) => failed.set(true),
            }
        });
    };
    let form = store
        .draft
        .with_untracked(|d| d.as_ref().map(|d| d.form.clone()))
        .unwrap_or_default();
    move || match store.clinic.get() {
        ClinicState::None => ().into_any(),
        ClinicState::Loading => {
            view! { <p class="notice">{tr(|s| s.clinic_loading)}</p> }.into_any()
        }
        ClinicState::Unknown => {
            view! { <p class="warning">{tr(|s| s.clinic_unknown)}</p> }.into_any()
        }
        ClinicState::Unreachable => {
            view! { <p class="warning">{tr(|s| s.clinic_unreachable)}</p> }.into_any()
        }
        ClinicState::BadSettings => {
            view! { <p class="warning">{tr(|s| s.clinic_bad_settings)}</p> }.into_any()
        }
        ClinicState::Ready(clinic)
            if *way == Way::SelfTest
                && !(clinic.accept_anonymous && clinic.offers(&form, "self_screening")) =>
        {
            let name = clinic.name.clone();
            view! { <p class="notice">{move || (s().anonymous_not_taken)(&name)}</p> }.into_any()
        }
        ClinicState::Ready(_) if *way == Way::BadLink => ().into_any(),
        ClinicState::Ready(clinic) => {
            let name = clinic.name.clone();
            let heading = name.clone();
            let button = name.clone();
            let consent_lead = name.clone();
            let consent = consent_text(&clinic);
            view! {
                <section class="result-block send" aria-labelledby="send-heading">
                    <h2 id="send-heading">{move || (s().send_heading)(&heading)}</h2>
                    {move || match store.sealed.get() {
                        None => view! {
                            {match way {
                                Way::Identified { .. } => {
                                    let consent_lead = consent_lead.clone();
                                    let consent = consent.clone();
                                    view! {
                                        <h3>{tr(|s| s.consent_heading)}</h3>
                                        <p>{move || (s().consent_lead)(&consent_lead)}</p>
                                        <blockquote class="consent-text" lang="da">{consent}</blockquote>
                                        <div class="field" class:has-error=move || consent_missing.get()>
                                            <label class="choice consent-choice">
                                                <input
                                                    type="checkbox"
                                                    id="consent"
                                                    aria-describedby="consent-error"
                                                    prop:checked=move || consented.get()
                                                    on:change=move |ev| {
                                                        consented.set(event_target_checked(&ev));
                                                        consent_missing.set(false);
                                                    }
                                                />
                                                <span>{tr(|s| s.consent_check)}</span>
                                            </label>
                                            <p id="consent-error" class="field-error" aria-live="polite">
                                                {move || consent_missing.get().then(|| s().consent_missing)}
                                            </p>
                                        </div>
                                    }
                                    .into_any()
                                }
                                Way::Link { .. } => view! { <p>{tr(|s| s.send_link_lead)}</p> }.into_any(),
                                _ => view! { <p>{tr(|s| s.send_anonymous_lead)}</p> }.into_any(),
                            }}
                            <div role="alert">
                                {move || failed.get().then(|| view! { <p class="warning">{tr(|s| s.send_failed)}</p> })}
                            </div>
                            <button type="button" class="button primary" disabled=move || busy.get() on:click=send>
                                {
                                    let button = button.clone();
                                    move || {
                                        if busy.get() {
                                            s().sending.to_owned()
                                        } else if *way == Way::SelfTest {
                                            (s().send_anonymous_button)(&button)
                                        } else {
                                            (s().send_button)(&button)
                                        }
                                    }
                                }
                            </button>
                        }
                        .into_any(),
                        Some(id) => {
                            let name = name.clone();
                            view! { <SendStatus id=id name=name /> }.into_any()
                        }
                    }}
                </section>
            }
            .into_any()
        }
    }
}

/// What happened to the envelope `id` sent to clinic `name`.
#[component]
pub fn SendStatus(id: String, name: String) -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    view! {
        <p id="send-status" class="notice outbox-status" role="status" tabindex="-1">
            {move || status_text(store, Some(&id), &name, lang.get())}
        </p>
    }
}
