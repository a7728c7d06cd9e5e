//! The start screen: what this way in is (the anonymous self-test, a follow-up link,
//! identified intake) and the questionnaires it offers.

use asi_instrument::{Draft, Form, instrument};
use leptos::prelude::*;

use crate::clinic::ClinicState;
use crate::entry::Way;
use crate::focus::focus_heading;
use crate::i18n::{strings, tr, use_lang};
use crate::link::{LinkAnswer, LinkState};
use crate::persistence;
use crate::sending::local_day;
use crate::store::use_store;

#[component]
pub fn StartScreen() -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    let s = move || strings(lang.get());
    let clinic_name = move || match store.clinic.get() {
        ClinicState::Ready(c) => Some(c.name),
        _ => None,
    };
    let intro = match &store.entry.way {
        Way::SelfTest => view! {
            <h1 tabindex="-1">{tr(|s| s.selftest_heading)}</h1>
            <p class="lead">{tr(|s| s.selftest_lead)}</p>
            <section class="about-anonymous" aria-labelledby="anonymous-heading">
                <h2 id="anonymous-heading">{tr(|s| s.anonymous_heading)}</h2>
                <ul>
                    {(0..4).map(|i| view! { <li>{move || s().anonymous_points[i]}</li> }).collect_view()}
                </ul>
            </section>
        }
        .into_any(),
        Way::Link { timepoint, .. } => {
            let timepoint = instrument().timepoint(timepoint).expect("a link's timepoint is known");
            view! {
                <h1 tabindex="-1">
                    {move || clinic_name().map_or_else(|| s().link_heading_no_name.to_owned(), |n| (s().link_heading)(&n))}
                </h1>
                <LinkStateNotice />
                <p class="lead">{move || (s().link_lead)(timepoint.title.get(lang.get()))}</p>
            }
            .into_any()
        }
        Way::Identified { .. } => view! {
            <h1 tabindex="-1">
                {move || {
                    clinic_name()
                        .map_or_else(|| s().identified_heading_no_name.to_owned(), |n| (s().identified_heading)(&n))
                }}
            </h1>
            <p class="lead">{tr(|s| s.identified_lead)}</p>
        }
        .into_any(),
        Way::BadLink => view! {
            <h1 tabindex="-1">{tr(|s| s.link_bad_heading)}</h1>
            <p class="warning" role="alert">{tr(|s| s.link_bad)}</p>
        }
        .into_any(),
    };
    // The forms this way in offers, and the clinic too once its settings are known.
    let offered = move || {
        let clinic = store.clinic.get();
        instrument()
            .forms
            .iter()
            .filter(|f| store.entry.offers(&f.id))
            .filter(|f| match &clinic {
                ClinicState::Ready(c) => c.offers(&f.id, store.entry.timepoint()),
                _ => true,
            })
            .collect::<Vec<_>>()
    };
    view! {
        {move || {
            store
                .deleted
                .get()
                .map(|ok| {
                    view! {
                        <p class="notice" role="status">{move || if ok { s().deleted } else { s().delete_failed }}</p>
                    }
                })
        }}
        <super::send::OutboxNotice />
        {intro}
        <Show when=move || store.entry.way != Way::BadLink>
            <p class="lead">{tr(|s| s.start_lead)}</p>
            {move || {
                let forms = offered();
                if forms.is_empty() {
                    view! { <p class="warning">{tr(|s| s.form_not_offered)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="form-list">
                            {forms.into_iter().map(|form| view! { <FormCard form=form /> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </Show>
    }
}

/// What the inbox said of the follow-up link, when it is not open any more.
#[component]
fn LinkStateNotice() -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    move || {
        let s = strings(lang.get());
        let text = match store.link_state.get()? {
            LinkAnswer::State(LinkState::Open) => return None,
            LinkAnswer::State(LinkState::Used) => s.link_used,
            LinkAnswer::State(LinkState::Expired) => s.link_expired,
            LinkAnswer::NotRegistered => s.link_unknown,
        };
        Some(view! { <p class="warning" role="alert">{text}</p> })
    }
}

/// One questionnaire: its title, what it is, and a button that starts it.
#[component]
fn FormCard(form: &'static Form) -> impl IntoView {
    let lang = use_lang();
    let store = use_store();
    let saved = Memo::new(move |_| store.saved.with(|m| m.contains_key(&form.id)));
    let begin = move |draft: Draft| {
        store.errors.update(|e| e.clear());
        store.deleted.set(None);
        store.show(Some(draft));
        focus_heading();
    };
    let start = move |_| {
        if saved.get_untracked() {
            let confirmed = window()
                .confirm_with_message(strings(lang.get_untracked()).start_again_confirm)
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            persistence::forget(store, &form.id);
        }
        let draft = if matches!(store.entry.way, Way::Identified { .. }) {
            Draft::identified(instrument(), form, &local_day(js_sys::Date::now()))
        } else {
            Draft::new(instrument(), form)
        };
        begin(draft);
    };
    let resume = move |_| {
        if let Some(draft) = store.saved.with_untracked(|m| m.get(&form.id).cloned()) {
            begin(draft);
        }
    };
    view! {
        <li class="form-card" data-form=form.id.as_str()>
            <h2>{move || form.title.get(lang.get())}</h2>
            <p>{move || form.description.get(lang.get())}</p>
            <Show when=move || saved.get()>
                <p class="saved-note">{tr(|s| s.saved_note)}</p>
                <button
                    type="button"
                    class="button primary"
                    aria-label=move || format!("{} {}", strings(lang.get()).continue_button, form.title.get(lang.get()))
                    on:click=resume
                >
                    {tr(|s| s.continue_button)}
                </button>
            </Show>
            <button
                type="button"
                class=move || if saved.get() { "button secondary" } else { "button primary" }
                aria-label=move || {
                    let s = strings(lang.get());
                    let word = if saved.get() { s.start_again } else { s.start_button };
                    format!("{word} {}", form.title.get(lang.get()))
                }
                on:click=start
            >
                {move || {
                    let s = strings(lang.get());
                    if saved.get() { s.start_again } else { s.start_button }
                }}
            </button>
        </li>
    }
}
