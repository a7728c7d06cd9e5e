//! The review screen: every answer, with a way back to change it.

use asi_instrument::model::AnswerType;
use asi_instrument::{Answer, Draft, Item, ItemState, Lang, Position, instrument};
use leptos::prelude::*;

use crate::focus::focus_heading;
use crate::ui::shared::{use_app_state, use_lang};
use crate::ui::texts::{common, naming, review, tr};

/// How an answer reads on the review screen.
pub fn answer_text(draft: &Draft, item: &Item, lang: Lang) -> String {
    match (draft.state(&item.id), draft.answers.get(&item.id)) {
        (ItemState::Declined, _) => review::DECLINED.get(lang).to_owned(),
        (ItemState::Answered, Some(answer)) => match (&item.answer, answer) {
            (AnswerType::Days { .. }, Answer::Int(n)) => {
                format!("{n} {}", common::DAYS_UNIT.get(lang))
            }
            (AnswerType::Kroner { .. }, Answer::Int(n)) => {
                format!("{n} {}", common::KRONER_UNIT.get(lang))
            }
            (AnswerType::YesNo, Answer::Bool(b)) => (if *b { &common::YES } else { &common::NO })
                .get(lang)
                .to_owned(),
            (AnswerType::Wellbeing { .. }, Answer::Int(n)) => format!("{n} / 10"),
            (
                AnswerType::Cpr
                | AnswerType::Text { .. }
                | AnswerType::LongText { .. }
                | AnswerType::Date,
                Answer::Text(t),
            ) => t.clone(),
            _ => item
                .option_label(instrument(), &answer.to_json(), lang)
                .map(str::to_owned)
                .unwrap_or_else(|| answer.to_json().to_string()),
        },
        _ => "–".to_owned(),
    }
}

#[component]
pub fn ReviewScreen() -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    let inst = instrument();
    let sections = state
        .draft
        .with_untracked(|d| d.as_ref().map(|d| d.sections(inst)).unwrap_or_default());
    let go_to = move |index: usize| {
        state.update(|d, _| d.position = Position::Section(index));
        focus_heading();
    };
    let finish = move |_| {
        state.update(|d, _| d.position = Position::Done);
        focus_heading();
    };
    let back = move |_| {
        state.update(|d, inst| d.back(inst));
        focus_heading();
    };
    view! {
        <h1 tabindex="-1">{tr(&review::REVIEW_HEADING)}</h1>
        <p class="lead">{tr(&review::REVIEW_LEAD)}</p>
        {sections
            .into_iter()
            .enumerate()
            .map(|(index, section)| {
                view! {
                    <section class="review-section" aria-labelledby=format!("review-{}", section.id)>
                        <div class="review-head">
                            <h2 id=format!("review-{}", section.id)>{move || section.title.get(lang.get())}</h2>
                            <button
                                type="button"
                                class="button link"
                                aria-label=naming(&review::CHANGE, &section.title)
                                on:click=move |_| go_to(index)
                            >
                                {tr(&review::CHANGE)}
                            </button>
                        </div>
                        <dl>
                            {move || {
                                state
                                    .draft
                                    .with(|d| {
                                        let Some(d) = d.as_ref() else { return Vec::new() };
                                        d.asked_items(inst, &section.id)
                                            .into_iter()
                                            .map(|item| {
                                                let answer = answer_text(d, item, lang.get());
                                                // Text in the citizen's own words keeps its line breaks.
                                                let own_words = matches!(item.answer, AnswerType::LongText { .. });
                                                view! {
                                                    <div class="review-row" data-item=item.id.as_str()>
                                                        <dt>{item.text.get(lang.get()).to_owned()}</dt>
                                                        <dd class:own-words=own_words>{answer}</dd>
                                                    </div>
                                                }
                                            })
                                            .collect::<Vec<_>>()
                                    })
                            }}
                        </dl>
                    </section>
                }
            })
            .collect_view()}
        <div class="nav-buttons">
            <button type="button" class="button secondary" on:click=back>
                {tr(&common::BACK)}
            </button>
            <button type="button" class="button primary" on:click=finish>
                {tr(&review::FINISH)}
            </button>
        </div>
    }
}
