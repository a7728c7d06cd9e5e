//! The result screen: crisis information first where it applies, then (if the clinic allows)
//! wellbeing against the Danish youth average and the six ASI domains against the national
//! outpatient means, as an accessible table with bars — or, for a form without scores (the
//! involvement form), a thank-you that says it gives none.

use asi_instrument::scoring::{self, Domain, Scores};
use asi_instrument::{Lang, instrument};
use leptos::prelude::*;

use super::send::{SendPanel, SendStatus};
use crate::focus::focus_heading;
use crate::state::{AppState, ClinicState, Way};
use crate::ui::shared::{use_app_state, use_lang, use_shared};
use crate::ui::texts::{common, format_decimal, result, tr};

#[component]
pub fn ResultScreen() -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    let drafts = use_shared().drafts;
    let (scores, crisis, answers, form) = state.draft.with_untracked(|d| {
        let d = d.as_ref().expect("a result screen has a draft");
        (
            scoring::current().score(d.record()),
            instrument().needs_crisis_info(d.record()),
            d.record().clone(),
            d.form(instrument()),
        )
    });
    // A form no formula reads (the involvement form) has no score to show.
    let scored = scoring::current().reads_form(instrument(), form);
    let start_again = move |_| {
        let confirmed = window()
            .confirm_with_message(common::START_AGAIN_CONFIRM.get(lang.get_untracked()))
            .unwrap_or(false);
        if confirmed {
            if let Some(form) = state.form() {
                drafts.forget(&form);
            }
            state.show_start();
            focus_heading();
        }
    };
    let parts: Vec<(&'static str, Option<f64>)> =
        ["wellbeing_personal", "wellbeing_close", "wellbeing_social"]
            .into_iter()
            .map(|id| (id, answers.get(id).and_then(|a| a.as_number())))
            .collect();
    let identified = matches!(state.entry.way, Way::Identified { .. });
    let self_test = state.entry.way == Way::SelfTest;
    // Done once the sealed envelope is in the outbox (or already delivered): a sealing that
    // fails leaves the send panel, with its message, in place.
    let done = Memo::new(move |_| {
        identified
            && state.sealed.with(|sealed| {
                sealed
                    .as_ref()
                    .is_some_and(|id| state.outbox.with(|o| o.holds(id)))
            })
    });
    let next_person = move |_| {
        state.show_start();
        focus_heading();
    };
    move || {
        if done.get() {
            // A shared tablet: once sealed, nothing of the answers stays on screen.
            let id = state.sealed.get_untracked().unwrap_or_default();
            let name = clinic_name(state);
            let thanks = name.clone();
            return view! {
                <h1 tabindex="-1">{tr(&result::DONE_HEADING)}</h1>
                {crisis.then(|| view! { <CrisisInfo /> })}
                <p class="lead">{move || result::DONE_TEXT.fill(lang.get(), &[("clinic", &thanks)])}</p>
                <SendStatus id=id name=name />
                <div class="nav-buttons">
                    <button type="button" class="button primary" on:click=next_person>
                        {tr(&result::NEXT_PERSON)}
                    </button>
                </div>
            }
            .into_any();
        }
        let scores = scores.clone();
        let parts = parts.clone();
        view! {
            <h1 tabindex="-1">{tr(&result::RESULT_HEADING)}</h1>
            {crisis.then(|| view! { <CrisisInfo /> })}
            {move || {
                if !scored {
                    view! {
                        <p class="lead" id="no-score">
                            {move || {
                                let lang = lang.get();
                                result::NO_SCORE_FORM.fill(lang, &[("form", &form.title.get(lang))])
                            }}
                        </p>
                    }
                    .into_any()
                } else if state.show_scores() {
                    view! { <Scores scores=scores.clone() parts=parts.clone() /> }.into_any()
                } else {
                    view! { <p class="lead">{tr(&result::RESULT_THANKS)}</p> }.into_any()
                }
            }}
            {self_test.then(|| view! { <HelpInfo /> })}
            <SendPanel />
            <div class="nav-buttons">
                <button type="button" class="button secondary" on:click=start_again>
                    {tr(&common::START_AGAIN)}
                </button>
            </div>
        }
        .into_any()
    }
}

/// The clinic's name, once its settings are known.
fn clinic_name(state: &'static AppState) -> String {
    state
        .clinic
        .with_untracked(|c| c.name().unwrap_or_default().to_owned())
}

/// After a self-test: the right to anonymous treatment without referral, and where to get
/// it — the clinic's contact details and opening hours when the address names a clinic.
#[component]
fn HelpInfo() -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    view! {
        <section class="result-block help-info" aria-labelledby="help-heading">
            <h2 id="help-heading">{tr(&result::HELP_HEADING)}</h2>
            <p>{tr(&result::RIGHT_TO_ANONYMOUS)}</p>
            {move || match state.clinic.get() {
                ClinicState::Ready(clinic) => {
                    let hours = clinic.opening_hours.clone();
                    view! {
                        <h3>{move || result::CONTACT_HEADING.fill(lang.get(), &[("clinic", &clinic.name)])}</h3>
                        <p class="contact">{clinic.contact.clone()}</p>
                        {(!hours.trim().is_empty())
                            .then(|| view! { <p class="contact">{tr(&result::OPENING_HOURS)} ": " {hours.clone()}</p> })}
                    }
                    .into_any()
                }
                _ => view! { <p>{tr(&result::FIND_CLINIC)}</p> }.into_any(),
            }}
        </section>
    }
}

/// Where to get help now. Shown first, with or without scores.
#[component]
fn CrisisInfo() -> impl IntoView {
    view! {
        <section class="crisis" aria-labelledby="crisis-heading">
            <h2 id="crisis-heading">{tr(&result::CRISIS_HEADING)}</h2>
            <p>{tr(&result::CRISIS_TEXT)}</p>
            <p>
                <a class="crisis-call" href="tel:+4570201201">{tr(&result::CRISIS_LIVSLINIEN)}</a>
            </p>
            <p>
                <a class="crisis-call" href="tel:112">{tr(&result::CRISIS_EMERGENCY)}</a>
            </p>
        </section>
    }
}

/// A fraction (0–1) as a CSS percentage with one decimal, for the bars. Integer arithmetic:
/// the app carries no float formatting code for it.
fn css_percent(fraction: f64) -> String {
    let tenths = (fraction.clamp(0.0, 1.0) * 1000.0).round() as u32;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// A score as displayed: two decimals for ASI, one for wellbeing.
fn shown(value: Option<f64>, decimals: u8, lang: Lang) -> String {
    value.map_or_else(
        || result::NO_SCORE.get(lang).to_owned(),
        |v| format_decimal(v, decimals, lang),
    )
}

#[component]
fn Scores(scores: Scores, parts: Vec<(&'static str, Option<f64>)>) -> impl IntoView {
    let lang = use_lang();
    let spec = scoring::current();
    let youth = spec.reference.wellbeing_youth_mean;
    let national = spec
        .reference
        .groups
        .iter()
        .find(|g| g.id == "national_outpatient_2009_2014")
        .expect("asi6-dk-v1 has the national means");
    let has_asi = Domain::ALL.iter().any(|&d| scores.domain(d).is_some());
    let wellbeing = scores.wellbeing;
    let rows: Vec<(Option<&'static scoring::DomainSpec>, Option<f64>, f64)> = Domain::ALL
        .iter()
        .map(|&d| (Some(spec.domain(d)), scores.domain(d), national.domains[&d]))
        .chain([(None, scores.asi6, national.asi6)])
        .collect();
    view! {
        <p class="lead">{tr(&result::RESULT_NOT_DIAGNOSIS)}</p>
        {wellbeing
            .map(|w| {
                view! {
                    <section class="result-block" aria-labelledby="wellbeing-heading">
                        <h2 id="wellbeing-heading">{tr(&result::WELLBEING_HEADING)}</h2>
                        <p class="big-number" data-score="wellbeing">
                            {move || {
                                let lang = lang.get();
                                result::WELLBEING_YOU.fill(lang, &[("score", &format_decimal(w, 1, lang))])
                            }}
                        </p>
                        <div class="meter" aria-hidden="true">
                            <span class="meter-you" style:width=css_percent(w / 10.0)></span>
                            <span class="meter-ref" style:left=css_percent(youth / 10.0)></span>
                        </div>
                        <p data-reference="wellbeing">
                            {move || {
                                let lang = lang.get();
                                result::WELLBEING_YOUTH.fill(lang, &[("mean", &format_decimal(youth, 2, lang))])
                            }}
                        </p>
                        <p class="hint">{tr(&result::WELLBEING_YOUTH_NOTE)}</p>
                        <h3>{tr(&result::WELLBEING_PARTS)}</h3>
                        <ul class="parts">
                            {parts
                                .iter()
                                .map(|&(id, v)| {
                                    let item = instrument().item(id).expect("wellbeing item");
                                    view! {
                                        <li data-score=id>
                                            {move || item.text.get(lang.get())}
                                            " "
                                            <strong>{move || shown(v, 0, lang.get())}</strong>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
        {has_asi
            .then(|| {
                view! {
                    <section class="result-block" aria-labelledby="asi-heading">
                        <h2 id="asi-heading">{tr(&result::ASI_HEADING)}</h2>
                        <p>{tr(&result::ASI_LEAD)}</p>
                        <table class="asi-chart">
                            <caption>{tr(&result::ASI_CAPTION)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{tr(&result::ASI_COL_AREA)}</th>
                                    <th scope="col">{tr(&result::ASI_COL_YOU)}</th>
                                    <th scope="col">{tr(&result::ASI_COL_NATIONAL)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|(domain, value, reference)| {
                                        let key = domain.map_or("asi6", |d| d.domain.id());
                                        view! {
                                            <tr data-score=key class:total=domain.is_none()>
                                                <th scope="row">
                                                    <span class="area">
                                                        {move || domain.map_or(&result::ASI6_NAME, |d| &d.name).get(lang.get())}
                                                    </span>
                                                    <span class="about">
                                                        {move || domain.map_or(&result::ASI6_ABOUT, |d| &d.about).get(lang.get())}
                                                    </span>
                                                </th>
                                                <td class="you">
                                                    <span class="bar" aria-hidden="true">
                                                        <span style:width=css_percent(value.unwrap_or(0.0))></span>
                                                    </span>
                                                    <span class="value">{move || shown(value, 2, lang.get())}</span>
                                                </td>
                                                <td class="ref">
                                                    <span class="bar ref-bar" aria-hidden="true">
                                                        <span style:width=css_percent(reference)></span>
                                                    </span>
                                                    // As Table 3 of the HCS report prints them.
                                                    <span class="value">{move || format_decimal(reference, 3, lang.get())}</span>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </section>
                }
            })}
    }
}
