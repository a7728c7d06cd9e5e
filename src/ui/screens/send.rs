//! Sending: the "Send" panel of the result screen and what the citizen is told about their
//! sent and unsent responses. Never "Sendt" before the inbox has it. Pressing "Send" hands
//! the response to [`crate::outbox::Outbox::seal_and_queue`]; how it gets from there to the
//! inbox is told in [`crate::outbox`].

use asi_i18n::{Lang, Text};
use asi_protocol::RefusalCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::envelope::Destination;
use crate::focus::focus_after_render;
use crate::state::{AppState, Clinic, ClinicState, Holdup, Keeping, Refusal, Way};
use crate::ui::shared::{use_app_state, use_lang, use_shared};
use crate::ui::texts::{common, send, tr};

/// What the citizen is told about a response the inbox refused for good: the inbox's reason,
/// in plain words.
fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    let text = match refusal.code {
        RefusalCode::LinkUsed => &common::LINK_USED,
        RefusalCode::LinkExpired => &common::LINK_EXPIRED,
        RefusalCode::LinkUnknown | RefusalCode::LinkMismatch => &common::LINK_UNKNOWN,
        RefusalCode::AnonymousNotAccepted => &send::REFUSED_ANONYMOUS,
        RefusalCode::KeyRetired => &send::REFUSED_KEY_RETIRED,
        _ => return send::REFUSED_OTHER.fill(lang, &[("status", &refusal.status)]),
    };
    text.get(lang).to_owned()
}

/// What the citizen is told while `waiting` responses wait to be sent, and why they wait.
fn waiting_text(
    state: &'static AppState,
    waiting: usize,
    holdup: Option<Holdup>,
    lang: Lang,
) -> String {
    let text: &Text = match (state.keeping.get(), holdup) {
        (Keeping::MemoryOnly, _) => {
            return send::WAITING_MEMORY.fill(lang, &[("n", &waiting)]);
        }
        (_, Some(Holdup::Busy)) => &send::WAITING_BUSY,
        (_, Some(Holdup::NotAcknowledged)) => &send::WAITING_NOT_ACKNOWLEDGED,
        // No answer while the browser says it is online: the inbox, not the connection, is
        // the reason.
        (_, Some(Holdup::Unreachable)) if window().navigator().on_line() => {
            &send::WAITING_UNREACHABLE
        }
        (_, Some(Holdup::Unreachable) | None) => &send::WAITING,
    };
    let count = if waiting == 1 {
        send::ONE_WAITING.get(lang).to_owned()
    } else {
        send::MANY_WAITING.fill(lang, &[("n", &waiting)])
    };
    text.fill(lang, &[("waiting", &count)])
}

/// The text about the outbox: for one envelope (`id`), or for all of them.
fn status_text(
    state: &'static AppState,
    id: Option<&str>,
    clinic_name: &str,
    lang: Lang,
) -> Option<String> {
    state.outbox.with(|o| {
        let waiting = || waiting_text(state, o.waiting, o.holdup, lang);
        match id {
            Some(id) if o.delivered.contains(id) => {
                Some(send::SENT.fill(lang, &[("clinic", &clinic_name)]))
            }
            Some(id) => match o.refusal(id) {
                Some(refusal) => Some(refusal_text(refusal, lang)),
                None if o.queued.contains(id) => Some(waiting()),
                // Being sealed and queued right now.
                None => Some(send::SENDING.get(lang).to_owned()),
            },
            None if o.waiting > 0 => Some(waiting()),
            None if !o.refused.is_empty() => Some(refusal_text(&o.refused[0].1, lang)),
            None if !o.delivered.is_empty() => Some(send::ALL_SENT.get(lang).to_owned()),
            None => None,
        }
    })
}

/// On the start screen: what is still waiting to be sent, or that everything was sent.
#[component]
pub fn OutboxNotice() -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    view! {
        <div role="status">
            {move || {
                status_text(state, None, "", lang.get())
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
    let state = use_app_state();
    let outbox = use_shared().outbox;
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let consented = RwSignal::new(false);
    let consent_missing = RwSignal::new(false);
    let way = &state.entry.way;
    let send = move |_| {
        let ClinicState::Ready(clinic) = state.clinic.get_untracked() else {
            return;
        };
        let Some(draft) = state.draft.get_untracked() else {
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
        let to = Destination::of(&state.entry, clinic);
        spawn_local(async move {
            let result = outbox
                .seal_and_queue(&draft, &to, lang.get_untracked(), consent)
                .await;
            busy.set(false);
            match result {
                Ok(_) => focus_after_render("#send-status"),
                Err(_) => failed.set(true),
            }
        });
    };
    let form = state.form().unwrap_or_default();
    move || match state.clinic.get() {
        ClinicState::None => ().into_any(),
        ClinicState::Loading => {
            view! { <p class="notice">{tr(&send::CLINIC_LOADING)}</p> }.into_any()
        }
        ClinicState::Unknown => {
            view! { <p class="warning">{tr(&send::CLINIC_UNKNOWN)}</p> }.into_any()
        }
        ClinicState::Unreachable => {
            view! { <p class="warning">{tr(&send::CLINIC_UNREACHABLE)}</p> }.into_any()
        }
        ClinicState::BadSettings => {
            view! { <p class="warning">{tr(&send::CLINIC_BAD_SETTINGS)}</p> }.into_any()
        }
        ClinicState::Ready(clinic)
            if *way == Way::SelfTest
                && !(clinic.accept_anonymous && clinic.offers(&form, "self_screening")) =>
        {
            let name = clinic.name.clone();
            view! {
                <p class="notice">
                    {move || send::ANONYMOUS_NOT_TAKEN.fill(lang.get(), &[("clinic", &name)])}
                </p>
            }
            .into_any()
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
                    <h2 id="send-heading">
                        {move || send::SEND_HEADING.fill(lang.get(), &[("clinic", &heading)])}
                    </h2>
                    {move || match state.sealed.get() {
                        None => view! {
                            {match way {
                                Way::Identified { .. } => {
                                    let consent_lead = consent_lead.clone();
                                    let consent = consent.clone();
                                    view! {
                                        <h3>{tr(&send::CONSENT_HEADING)}</h3>
                                        <p>
                                            {move || send::CONSENT_LEAD.fill(lang.get(), &[("clinic", &consent_lead)])}
                                        </p>
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
                                                <span>{tr(&send::CONSENT_CHECK)}</span>
                                            </label>
                                            <p id="consent-error" class="field-error" aria-live="polite">
                                                {move || consent_missing.get().then(|| send::CONSENT_MISSING.get(lang.get()))}
                                            </p>
                                        </div>
                                    }
                                    .into_any()
                                }
                                Way::Link { .. } => view! { <p>{tr(&send::SEND_LINK_LEAD)}</p> }.into_any(),
                                _ => view! { <p>{tr(&send::SEND_ANONYMOUS_LEAD)}</p> }.into_any(),
                            }}
                            <div role="alert">
                                {move || failed.get().then(|| view! { <p class="warning">{tr(&send::SEND_FAILED)}</p> })}
                            </div>
                            <button type="button" class="button primary" disabled=move || busy.get() on:click=send>
                                {
                                    let button = button.clone();
                                    move || {
                                        let lang = lang.get();
                                        if busy.get() {
                                            send::SENDING.get(lang).to_owned()
                                        } else if *way == Way::SelfTest {
                                            send::SEND_ANONYMOUS_BUTTON.fill(lang, &[("clinic", &button)])
                                        } else {
                                            send::SEND_BUTTON.fill(lang, &[("clinic", &button)])
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
    let state = use_app_state();
    view! {
        <p id="send-status" class="notice outbox-status" role="status" tabindex="-1">
            {move || status_text(state, Some(&id), &name, lang.get())}
        </p>
    }
}
