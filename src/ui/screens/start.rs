//! The start screen: what this way in is (the anonymous self-test, a follow-up link,
//! identified intake) and the questionnaires it offers.

use asi_instrument::{Draft, Form, NotOptional, instrument};
use leptos::prelude::*;

use crate::envelope::local_day;
use crate::focus::focus_heading;
use crate::state::link::LinkState;
use crate::state::{AppState, ClinicState, LinkAnswer, Way};
use crate::ui::screens::send::OutboxNotice;
use crate::ui::shared::{use_app_state, use_lang, use_shared};
use crate::ui::texts::{common, naming, start, tr};

#[component]
pub fn StartScreen() -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    let clinic_name = move || state.clinic.with(|c| c.name().map(str::to_owned));
    let intro = match &state.entry.way {
        Way::SelfTest => view! {
            <h1 tabindex="-1">{tr(&start::SELFTEST_HEADING)}</h1>
            <p class="lead">{tr(&start::SELFTEST_LEAD)}</p>
            <section class="about-anonymous" aria-labelledby="anonymous-heading">
                <h2 id="anonymous-heading">{tr(&start::ANONYMOUS_HEADING)}</h2>
                <ul>
                    {start::ANONYMOUS_POINTS.iter().map(|point| view! { <li>{tr(point)}</li> }).collect_view()}
                </ul>
            </section>
        }
        .into_any(),
        Way::Link { timepoint, .. } => {
            let timepoint = instrument().timepoint(timepoint).expect("a link's timepoint is known");
            view! {
                <h1 tabindex="-1">
                    {move || match clinic_name() {
                        Some(name) => start::LINK_HEADING.fill(lang.get(), &[("clinic", &name)]),
                        None => start::LINK_HEADING_NO_NAME.get(lang.get()).to_owned(),
                    }}
                </h1>
                <LinkStateNotice />
                <p class="lead">
                    {move || {
                        let lang = lang.get();
                        start::LINK_LEAD.fill(lang, &[("timepoint", &timepoint.title.get(lang))])
                    }}
                </p>
            }
            .into_any()
        }
        Way::Identified { .. } => view! {
            <h1 tabindex="-1">
                {move || match clinic_name() {
                    Some(name) => start::IDENTIFIED_HEADING.fill(lang.get(), &[("clinic", &name)]),
                    None => start::IDENTIFIED_HEADING_NO_NAME.get(lang.get()).to_owned(),
                }}
            </h1>
            <p class="lead">{tr(&start::IDENTIFIED_LEAD)}</p>
        }
        .into_any(),
        Way::BadLink => view! {
            <h1 tabindex="-1">{tr(&start::LINK_BAD_HEADING)}</h1>
            <p class="warning" role="alert">{tr(&start::LINK_BAD)}</p>
        }
        .into_any(),
    };
    // The form whose "Start" was pressed while the clinic's settings were loading. It is kept
    // here, not in the card: the cards are drawn anew when the settings arrive.
    let pending: RwSignal<Option<&'static str>> = RwSignal::new(None);
    // The forms this way in offers, and the clinic too once its settings are known.
    let offered = move || {
        let clinic = state.clinic.get();
        instrument()
            .forms
            .iter()
            .filter(|f| state.entry.offers(&f.id))
            .filter(|f| match &clinic {
                ClinicState::Ready(c) => c.offers(&f.id, state.entry.timepoint()),
                _ => true,
            })
            .collect::<Vec<_>>()
    };
    view! {
        {move || {
            state
                .deleted
                .get()
                .map(|ok| {
                    view! {
                        <p class="hint waiting" role="status">{tr(if ok { &start::DELETED } else { &start::DELETE_FAILED })}</p>
                    }
                })
        }}
        <OutboxNotice />
        {intro}
        <Show when=move || state.entry.way != Way::BadLink>
            <p class="lead">{tr(&start::START_LEAD)}</p>
            {move || {
                let forms = offered();
                if forms.is_empty() {
                    view! { <p class="warning">{tr(&start::FORM_NOT_OFFERED)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="form-list">
                            {forms.into_iter().map(|form| view! { <FormCard form=form pending=pending /> }).collect_view()}
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
    let state = use_app_state();
    move || {
        let text = match state.link.get()? {
            LinkAnswer::State(LinkState::Open) => return None,
            LinkAnswer::State(LinkState::Used) => &common::LINK_USED,
            LinkAnswer::State(LinkState::Expired) => &common::LINK_EXPIRED,
            LinkAnswer::NotRegistered => &common::LINK_UNKNOWN,
        };
        Some(view! { <p class="warning" role="alert">{tr(text)}</p> })
    }
}

/// The form as the clinic asks it: with the optional sections its settings choose (none
/// without a clinic, or before its settings are known), or why its settings cannot be used.
fn as_asked(form: &'static Form, clinic: &ClinicState) -> Result<Form, NotOptional> {
    let chosen = match clinic {
        ClinicState::Ready(c) => c.optional_sections(&form.id),
        _ => &[],
    };
    form.resolve(chosen)
}

/// A new draft of `form`, as this way in and the clinic ask it (identified intake dated
/// today), or why the clinic's settings cannot be used.
pub fn new_draft(state: &'static AppState, form: &'static Form) -> Result<Draft, NotOptional> {
    let asked = state.clinic.with_untracked(|c| as_asked(form, c))?;
    Ok(if matches!(state.entry.way, Way::Identified { .. }) {
        Draft::identified(instrument(), &asked, &local_day(js_sys::Date::now()))
    } else {
        Draft::new(instrument(), &asked)
    })
}

/// Shows `draft`, with no messages left over, and moves focus to its heading.
fn begin(state: &'static AppState, draft: Draft) {
    state.errors.update(|e| e.clear());
    state.deleted.set(None);
    state.show(Some(draft));
    focus_heading();
}

/// One questionnaire: its title, what it is, and a button that starts it — as the clinic
/// asks it: a form a clinic may add questions to waits for the clinic's settings when they
/// are still on their way.
#[component]
fn FormCard(form: &'static Form, pending: RwSignal<Option<&'static str>>) -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    let drafts = use_shared().drafts;
    let saved = Memo::new(move |_| state.saved.with(|m| m.contains_key(&form.id)));
    let unusable = RwSignal::new(false);
    // "Start" pressed while the clinic's settings, which may add questions, are loading.
    let waiting = move || pending.get() == Some(form.id.as_str());
    let start = move || match new_draft(state, form) {
        Ok(draft) => begin(state, draft),
        Err(_) => unusable.set(true),
    };
    Effect::new(move |_| {
        if waiting() && !matches!(state.clinic.get(), ClinicState::Loading) {
            pending.set(None);
            start();
        }
    });
    let start_again = naming(&common::START_AGAIN, &form.title);
    let start_new = naming(&start::START_BUTTON, &form.title);
    let begin_new = move |_| {
        if saved.get_untracked() {
            let confirmed = window()
                .confirm_with_message(common::START_AGAIN_CONFIRM.get(lang.get_untracked()))
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            drafts.forget(&form.id);
        }
        let loading = state
            .clinic
            .with_untracked(|c| matches!(c, ClinicState::Loading));
        if loading && !form.optional_sections.is_empty() {
            pending.set(Some(form.id.as_str()));
        } else {
            start();
        }
    };
    let resume = move |_| {
        if let Some(draft) = state.saved.with_untracked(|m| m.get(&form.id).cloned()) {
            begin(state, draft);
        }
    };
    view! {
        <li class="form-card" data-form=form.id.as_str()>
            <h2>{move || form.title.get(lang.get())}</h2>
            <p>{move || form.description.get(lang.get())}</p>
            {move || {
                unusable
                    .get()
                    .then(|| view! { <p class="warning" role="alert">{tr(&start::SETTINGS_UNUSABLE)}</p> })
            }}
            <Show when=move || saved.get()>
                <p class="saved-note">{tr(&start::SAVED_NOTE)}</p>
                <button
                    type="button"
                    class="button primary"
                    aria-label=naming(&start::CONTINUE_BUTTON, &form.title)
                    on:click=resume
                >
                    {tr(&start::CONTINUE_BUTTON)}
                </button>
            </Show>
            <button
                type="button"
                class=move || if saved.get() { "button secondary" } else { "button primary" }
                aria-label=move || if saved.get() { start_again() } else { start_new() }
                on:click=begin_new
            >
                {move || {
                    let word = if saved.get() { &common::START_AGAIN } else { &start::START_BUTTON };
                    word.get(lang.get())
                }}
            </button>
            <p class="hint waiting" role="status">
                {move || waiting().then(|| start::WAITING_FOR_CLINIC.get(lang.get()))}
            </p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use asi_protocol::ClinicSettings;

    fn clinic(optional_sections: serde_json::Value) -> ClinicState {
        let settings: ClinicSettings = serde_json::from_value(serde_json::json!({
            "id": "demo", "name": "Demo", "contact": "", "public_key": "k", "key_id": "0",
            "optional_sections": optional_sections,
        }))
        .unwrap();
        ClinicState::Ready(settings)
    }

    fn sections(form: &Form) -> Vec<&str> {
        form.sections.iter().map(String::as_str).collect()
    }

    #[test]
    fn a_form_is_asked_with_the_sections_the_clinic_adds() {
        let trivsel = instrument().form("trivsel").unwrap();
        let with = clinic(serde_json::json!({"trivsel": ["alcohol_use"]}));
        assert_eq!(
            sections(&as_asked(trivsel, &with).unwrap()),
            ["wellbeing", "consumption", "alcohol_use"]
        );
        // Without a clinic, before its settings are known, or when it adds nothing: none.
        for none in [
            ClinicState::None,
            ClinicState::Loading,
            clinic(serde_json::json!({"trivsel": []})),
        ] {
            assert_eq!(
                sections(&as_asked(trivsel, &none).unwrap()),
                ["wellbeing", "consumption"]
            );
        }
        // Settings that name a section the form cannot add are not used.
        let odd = clinic(serde_json::json!({"trivsel": ["legal"]}));
        assert!(as_asked(trivsel, &odd).is_err());
    }
}
