//! The answers of each form without scores — the involvement form — per measurement point:
//! for every statement, how many chose each step of the scale and what share of those who
//! answered that is, as a table and as stacked bars with the same numbers; and the answers
//! written in the citizens' own words, shown as text (never read as markup).

use asi_reader::{AtTimepoint, Shares, shares, unscored_forms};
use leptos::prelude::*;

use crate::Loaded;
use crate::chart::{Bar, StackedBars};
use crate::format::percent;
use crate::texts::{LANG, shares as texts, tr};

#[component]
pub fn SharesView(loaded: StoredValue<Loaded>) -> impl IntoView {
    let all: Vec<Shares> = loaded.with_value(|l| {
        unscored_forms()
            .into_iter()
            .filter_map(|form| shares(&l.opened.responses, &form.id))
            .filter(|s| !s.timepoints.is_empty())
            .collect()
    });
    all.into_iter()
        .map(|s| view! { <OneForm shares=s /> })
        .collect_view()
}

#[component]
fn OneForm(shares: Shares) -> impl IntoView {
    let title = shares.title.get(LANG).to_owned();
    let heading = format!("shares-{}-heading", shares.form);
    let labelled_by = heading.clone();
    let questions = shares.questions.clone();
    let form = shares.form.clone();
    view! {
        <section class="result-block shares" aria-labelledby=labelled_by data-form=form.clone()>
            <h2 id=heading>{title.clone()}</h2>
            <p>{texts::LEAD.fill(LANG, &[("form", &title)])}</p>
            {shares
                .timepoints
                .into_iter()
                .map(|at| view! { <AtPoint form=form.clone() at=at questions=questions.clone() /> })
                .collect_view()}
        </section>
    }
}

#[component]
fn AtPoint(
    form: String,
    at: AtTimepoint,
    questions: Vec<(String, asi_instrument::Text)>,
) -> impl IntoView {
    let point = at.timepoint.title.get(LANG).to_owned();
    let id = format!("shares-{form}-{}", at.timepoint.id);
    let responses = if at.responses == 1 {
        texts::RESPONSES_ONE
    } else {
        texts::RESPONSES
    }
    .fill(LANG, &[("count", &at.responses)]);
    let steps: Vec<String> = at
        .statements
        .first()
        .map(|s| {
            s.steps
                .iter()
                .map(|st| st.label.get(LANG).to_owned())
                .collect()
        })
        .unwrap_or_default();
    let bars: Vec<Bar> = at
        .statements
        .iter()
        .map(|s| Bar {
            id: s.item.clone(),
            label: s.number.clone().map_or_else(
                || s.text.get(LANG).to_owned(),
                |n| texts::QUESTION_NUMBER.fill(LANG, &[("n", &n)]),
            ),
            name: s.text.get(LANG).to_owned(),
            counts: s.steps.iter().map(|st| st.count).collect(),
            shares: s.steps.iter().map(|st| st.share).collect(),
        })
        .collect();
    let caption = texts::CAPTION.fill(LANG, &[("point", &point), ("responses", &responses)]);
    let region = caption.clone();
    view! {
        <h3 id=format!("{id}-heading")>{format!("{point} ({responses})")}</h3>
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="data shares-table" id=format!("{id}-table") data-timepoint=at.timepoint.id.clone()>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(texts::QUESTION)}</th>
                        {steps.iter().map(|s| view! { <th scope="col">{s.clone()}</th> }).collect_view()}
                        <th scope="col">{tr(texts::ANSWERED)}</th>
                        <th scope="col">{tr(texts::DECLINED)}</th>
                    </tr>
                </thead>
                <tbody>
                    {at.statements
                        .iter()
                        .map(|s| {
                            let text = match &s.number {
                                Some(n) => format!("{n}. {}", s.text.get(LANG)),
                                None => s.text.get(LANG).to_owned(),
                            };
                            view! {
                                <tr data-item=s.item.clone()>
                                    <th scope="row" class="statement">{text}</th>
                                    {s.steps
                                        .iter()
                                        .enumerate()
                                        .map(|(i, st)| {
                                            view! {
                                                <td
                                                    data-step=i.to_string()
                                                    data-count=st.count.to_string()
                                                    data-share=st.share.map(|v| v.to_string()).unwrap_or_default()
                                                >
                                                    {format!("{} ({})", st.count, percent(st.share))}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                    <td data-answered=s.answered.to_string()>{s.answered}</td>
                                    <td data-declined=s.declined.to_string()>{s.declined}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <StackedBars
            id=format!("{id}-chart")
            title=texts::CHART_TITLE.fill(LANG, &[("point", &point)])
            description=texts::CHART_DESCRIPTION.fill(
                LANG,
                &[
                    ("first", &steps.first().map_or("", String::as_str)),
                    ("last", &steps.last().map_or("", String::as_str)),
                ],
            )
            steps=steps
            bars=bars
        />
        {questions
            .into_iter()
            .map(|(item, question)| {
                let written: Vec<(String, String)> = at
                    .free_texts
                    .iter()
                    .filter(|t| t.item == item)
                    .map(|t| (t.day.clone(), t.text.clone()))
                    .collect();
                let question = question.get(LANG).to_owned();
                view! {
                    <h4>{texts::FREE_TEXTS.fill(LANG, &[("question", &question), ("count", &written.len())])}</h4>
                    {if written.is_empty() {
                        view! { <p>{tr(texts::NO_FREE_TEXTS)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="free-texts" data-item=item.clone() data-timepoint=at.timepoint.id.clone()>
                                {written
                                    .into_iter()
                                    .map(|(day, text)| {
                                        // A text node: whatever the citizen wrote is shown as
                                        // the characters it is, never as markup.
                                        view! {
                                            <li>
                                                <blockquote class="free-text">{text}</blockquote>
                                                <span class="day">{day}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                }
            })
            .collect_view()}
    }
}
