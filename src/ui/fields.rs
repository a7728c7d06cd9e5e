//! One input per answer type, each derived from the item's data: numbers with − / +
//! steppers for day counts, a plain number for kroner, labelled radio groups for ratings,
//! yes/no, codes and the 0–10 wellbeing scale; text fields for CPR, name and date (asked in
//! identified mode only); a multi-line field for an answer in the citizen's own words. Every
//! item can be declined, except the required ones.

use asi_instrument::model::AnswerType;
use asi_instrument::validate::{ErrorKind, Expected, ValidationError};
use asi_instrument::{Answer, Item, ItemState, Lang, Text, instrument};
use leptos::prelude::*;
use serde_json::Value;

use super::choices::choices;
use super::read_aloud::ReadItem;
use super::texts::{common, fields, tr};
use crate::state::{AppState, FieldError};
use crate::ui::shared::{use_app_state, use_lang};

/// The input for one item, chosen by its answer type.
#[component]
pub fn ItemField(item: &'static Item) -> impl IntoView {
    let state = use_app_state();
    let inst = instrument();
    let asked = Memo::new(move |_| {
        state
            .draft
            .with(|d| d.as_ref().is_some_and(|d| inst.is_asked(item, &d.answers)))
    });
    view! {
        <Show when=move || asked.get()>
            {match &item.answer {
                AnswerType::Days { max } => {
                    view! { <NumberField item=item max=i64::from(*max) stepper=true /> }.into_any()
                }
                AnswerType::Kroner { max } => {
                    view! { <NumberField item=item max=i64::try_from(*max).unwrap_or(i64::MAX) stepper=false /> }
                        .into_any()
                }
                AnswerType::Cpr | AnswerType::Text { .. } | AnswerType::Date => {
                    view! { <TextField item=item /> }.into_any()
                }
                AnswerType::LongText { max_len } => {
                    view! { <TextField item=item long=*max_len /> }.into_any()
                }
                _ => view! { <ChoiceField item=item /> }.into_any(),
            }}
        </Show>
    }
}

/// The message shown under an item, if any, in `lang` (none renders nothing at all, so the
/// build's page and the app both leave the message's element empty: `:empty` in the style).
fn error_text(item: &Item, error: Option<&FieldError>, lang: Lang) -> Option<String> {
    Some(match error? {
        FieldError::Missing if item.required => fields::MUST_ANSWER_REQUIRED.get(lang).to_owned(),
        FieldError::Missing => fields::MUST_ANSWER.get(lang).to_owned(),
        FieldError::Invalid(kind) => ValidationError {
            item: Some(item.id.clone()),
            kind: kind.clone(),
        }
        .message(lang),
    })
}

/// The help text, opened on demand.
#[component]
fn Help(item: &'static Item) -> impl IntoView {
    let lang = use_lang();
    item.help.as_ref().map(|help| {
        view! {
            <details class="help">
                <summary>{tr(&fields::HELP)}</summary>
                <p id=format!("{}-help", item.id)>{move || help.get(lang.get())}</p>
            </details>
        }
    })
}

fn described_by(item: &Item) -> String {
    match item.help {
        Some(_) => format!("{0}-error {0}-help", item.id),
        None => format!("{}-error", item.id),
    }
}

/// The draft's answer to `id` as the text its field starts with (empty when unanswered).
fn initial_text(
    state: &'static AppState,
    id: &str,
    text: impl Fn(&Answer) -> Option<String>,
) -> String {
    state.draft.with_untracked(|d| {
        d.as_ref()
            .and_then(|d| d.answers.get(id))
            .and_then(text)
            .unwrap_or_default()
    })
}

/// A whole number: days (with − / + steppers) or kroner.
#[component]
fn NumberField(item: &'static Item, max: i64, stepper: bool) -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    let id = item.id.as_str();
    let raw = RwSignal::new(initial_text(state, id, |a| {
        a.as_number().map(|n| format!("{n}"))
    }));
    let error = Memo::new(move |_| state.errors.with(|e| e.get(id).cloned()));

    let apply = move |text: String| {
        raw.set(text.clone());
        let trimmed = text.trim();
        if trimmed.is_empty() {
            state.update(|d, inst| d.clear(inst, id));
            state.set_error(id, None);
            return;
        }
        let result = match trimmed.parse::<i64>() {
            Ok(n) => state
                .update(|d, inst| d.answer(inst, id, &Value::from(n)))
                .unwrap_or(Ok(())),
            Err(_)
                if trimmed
                    .trim_start_matches('-')
                    .chars()
                    .all(|c| c.is_ascii_digit()) =>
            {
                Err(ErrorKind::OutOfRange { min: 0, max })
            }
            Err(_) => Err(ErrorKind::WrongType {
                expected: Expected::WholeNumber,
            }),
        };
        match result {
            Ok(()) => state.set_error(id, None),
            Err(kind) => {
                state.update(|d, inst| d.clear(inst, id));
                state.set_error(id, Some(FieldError::Invalid(kind)));
            }
        }
    };
    let step = move |delta: i64| {
        let current = raw.with_untracked(|r| r.trim().parse::<i64>().ok());
        let next = match current {
            Some(n) => (n + delta).clamp(0, max),
            None if delta > 0 => 1.min(max),
            None => 0,
        };
        apply(next.to_string());
    };
    let unit = tr(if stepper {
        &common::DAYS_UNIT
    } else {
        &common::KRONER_UNIT
    });

    view! {
        <div class="field number-field" class:has-error=move || error.with(Option::is_some)>
            <label for=id class="question">{move || item.text.get(lang.get())}</label>
            <ReadItem item=item />
            <Help item=item />
            <div class="number-row">
                {stepper.then(|| view! { <StepButton item=item delta=-1 on_step=step /> })}
                <input
                    id=id
                    name=id
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    class="number"
                    class:wide=!stepper
                    aria-describedby=described_by(item)
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || raw.get()
                    on:input=move |ev| apply(event_target_value(&ev))
                />
                {stepper.then(|| view! { <StepButton item=item delta=1 on_step=step /> })}
                <span class="unit" aria-hidden="true">{unit}</span>
            </div>
            <p id=format!("{id}-error") class="field-error" aria-live="polite">
                {move || error.with(|e| error_text(item, e.as_ref(), lang.get()))}
            </p>
            {decline(item, raw)}
        </div>
    }
}

/// "Vil ikke svare" under a typed answer (not offered for a required item): checked, the
/// typed text goes and the item is declined; unchecked, the item is open again.
fn decline(item: &'static Item, raw: RwSignal<String>) -> impl IntoView {
    let state = use_app_state();
    let id = item.id.as_str();
    let declined = Memo::new(move |_| {
        state.draft.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.state(id) == ItemState::Declined)
        })
    });
    let on_decline = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            raw.set(String::new());
            state.update(|d, inst| d.decline(inst, id));
        } else {
            state.update(|d, inst| d.clear(inst, id));
        }
        state.set_error(id, None);
    };
    (!item.required).then(|| {
        view! {
            <label class="decline">
                <input type="checkbox" prop:checked=move || declined.get() on:change=on_decline />
                {tr(&fields::DECLINE)}
            </label>
        }
    })
}

/// Typed text, checked as typed, its message shown once the citizen leaves the field (or
/// tries to go on): CPR number, name or date on one line, or — with `long`, the item's
/// limit — an answer in the citizen's own words on several lines, with the count of its
/// characters against the limit and "Vil ikke svare". Nothing is cut off at the limit (no
/// `maxlength`, which would also count UTF-16 units, not characters): a longer text is
/// refused with a message, as any value is. Line breaks are kept.
#[component]
fn TextField(item: &'static Item, #[prop(optional)] long: Option<usize>) -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    let id = item.id.as_str();
    let raw = RwSignal::new(initial_text(state, id, |a| a.as_str().map(str::to_owned)));
    let error = Memo::new(move |_| state.errors.with(|e| e.get(id).cloned()));
    // Returns the refusal, if any; an empty field is open again.
    let apply = move |text: String| -> Option<ErrorKind> {
        raw.set(text.clone());
        let text = text.trim();
        if text.is_empty() {
            state.update(|d, inst| d.clear(inst, id));
            return None;
        }
        let outcome = state
            .update(|d, inst| d.answer(inst, id, &Value::from(text)))
            .unwrap_or(Ok(()));
        if outcome.is_err() {
            state.update(|d, inst| d.clear(inst, id));
        }
        outcome.err()
    };
    let on_input = move |ev| {
        // While typing, a shown message goes as soon as the value is right.
        let refused = apply(event_target_value(&ev));
        if refused.is_none() || error.with_untracked(Option::is_some) {
            state.set_error(id, refused.map(FieldError::Invalid));
        }
    };
    let on_change = move |ev| {
        let refused = apply(event_target_value(&ev));
        state.set_error(id, refused.map(FieldError::Invalid));
    };
    let invalid = move || {
        if error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };
    let input = match long {
        None => {
            let (kind, input_mode, autocomplete) = match item.answer {
                AnswerType::Cpr => ("text", "numeric", "off"),
                AnswerType::Date => ("date", "none", "off"),
                _ => ("text", "text", "name"),
            };
            view! {
                <input
                    id=id
                    name=id
                    type=kind
                    inputmode=input_mode
                    autocomplete=autocomplete
                    class="text"
                    aria-describedby=described_by(item)
                    aria-invalid=invalid
                    aria-required=if item.required { "true" } else { "false" }
                    prop:value=move || raw.get()
                    on:input=on_input
                    on:change=on_change
                />
            }
            .into_any()
        }
        Some(max) => {
            // Characters as the answer counts them: of the trimmed text.
            let count = Memo::new(move |_| raw.with(|t| t.trim().chars().count()));
            view! {
                <textarea
                    id=id
                    name=id
                    rows="6"
                    autocomplete="off"
                    class="long-text"
                    aria-describedby=format!("{} {id}-count", described_by(item))
                    aria-invalid=invalid
                    prop:value=move || raw.get()
                    on:input=on_input
                    on:change=on_change
                ></textarea>
                <p id=format!("{id}-count") class="hint counter">
                    {move || fields::CHARACTERS.fill(lang.get(), &[("count", &count.get()), ("max", &max)])}
                </p>
                <p class="hint length-note" aria-live="polite">
                    {move || {
                        length_note(count.get(), max)
                            .map(|t| t.fill(lang.get(), &[("max", &max), ("left", &near_limit(max))]))
                    }}
                </p>
            }
            .into_any()
        }
    };
    view! {
        <div class="field text-field" class:long-text-field=long.is_some() class:has-error=move || error.with(Option::is_some)>
            <label for=id class="question">{move || item.text.get(lang.get())}</label>
            <ReadItem item=item />
            <Help item=item />
            {input}
            <p id=format!("{id}-error") class="field-error" aria-live="polite">
                {move || error.with(|e| error_text(item, e.as_ref(), lang.get()))}
            </p>
            {long.is_some().then(|| decline(item, raw))}
        </div>
    }
}

/// What the field says of a text's length near its limit — constant within each band, so
/// that a screen reader hears it when the band changes, not at every keystroke: nothing while
/// more than a tenth of `max` is left.
fn length_note(count: usize, max: usize) -> Option<&'static Text> {
    if count > max {
        Some(&fields::OVER_LIMIT)
    } else if count == max {
        Some(&fields::AT_LIMIT)
    } else if max - count <= near_limit(max) {
        Some(&fields::NEAR_LIMIT)
    } else {
        None
    }
}

/// How few characters left count as near the limit: a tenth of it.
fn near_limit(max: usize) -> usize {
    max / 10
}

/// − or + next to a day count: one day less or more, within the range.
#[component]
fn StepButton(
    item: &'static Item,
    delta: i64,
    on_step: impl Fn(i64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let word = tr(if delta < 0 {
        &fields::FEWER
    } else {
        &fields::MORE
    });
    view! {
        <button
            type="button"
            class="step"
            aria-controls=item.id.as_str()
            aria-label=move || format!("{}: {}", word(), item.text.get(lang.get()))
            on:click=move |_| on_step(delta)
        >
            {if delta < 0 { "−" } else { "+" }}
        </button>
    }
}

/// A labelled radio group with "Vil ikke svare" as its last choice.
#[component]
fn ChoiceField(item: &'static Item) -> impl IntoView {
    let lang = use_lang();
    let state = use_app_state();
    let id = item.id.as_str();
    let wellbeing = matches!(item.answer, AnswerType::Wellbeing { .. });
    let error = Memo::new(move |_| state.errors.with(|e| e.get(id).cloned()));
    let current = Memo::new(move |_| {
        state.draft.with(|d| {
            d.as_ref().map(|d| match d.state(id) {
                ItemState::Answered => d.answers.get(id).map(Answer::to_json),
                ItemState::Declined => Some(Value::Null),
                ItemState::Open => None,
            })
        })
    });
    let choose = move |value: Value| {
        if value.is_null() {
            state.update(|d, inst| d.decline(inst, id));
        } else {
            state.update(|d, inst| {
                let _ = d.answer(inst, id, &value);
            });
        }
        state.set_error(id, None);
    };
    let count = choices(item, Lang::Da).len();
    // The last choice, "Vil ikke svare", is not offered for a required item.
    let shown = if item.required { count } else { count + 1 };
    let radio = move |index: usize| {
        // index == count is "Vil ikke svare".
        let value = move || {
            if index == count {
                Value::Null
            } else {
                choices(item, Lang::Da)[index].0.clone()
            }
        };
        let label = move || {
            if index == count {
                fields::DECLINE.get(lang.get()).to_owned()
            } else {
                choices(item, lang.get())[index].1.clone()
            }
        };
        let input_id = if index == 0 {
            id.to_owned()
        } else {
            format!("{id}-{index}")
        };
        // The JSON value as text ("true", "3", "hf"; "" for "Vil ikke svare"), for tests and tools.
        let value_attr = match value() {
            Value::Null => String::new(),
            Value::String(code) => code,
            other => other.to_string(),
        };
        view! {
            <label class="choice" class:decline-choice=index == count>
                <input
                    type="radio"
                    id=input_id
                    name=id
                    value=value_attr
                    prop:checked=move || current.get().flatten() == Some(value())
                    on:change=move |_| choose(value())
                />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <fieldset
            class="field choice-field"
            class:wellbeing=wellbeing
            class:has-error=move || error.with(Option::is_some)
            aria-describedby=described_by(item)
        >
            <legend class="question">{move || item.text.get(lang.get())}</legend>
            <ReadItem item=item />
            <Help item=item />
            <div class="choices">{(0..shown).map(radio).collect_view()}</div>
            <p id=format!("{id}-error") class="field-error" aria-live="polite">
                {move || error.with(|e| error_text(item, e.as_ref(), lang.get()))}
            </p>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_note_changes_only_near_and_past_the_limit() {
        let notes: Vec<Option<&Text>> = [0, 899, 900, 999, 1000, 1001, 2000]
            .into_iter()
            .map(|count| length_note(count, 1000))
            .collect();
        assert_eq!(
            notes,
            [
                None,
                None,
                Some(&fields::NEAR_LIMIT),
                Some(&fields::NEAR_LIMIT),
                Some(&fields::AT_LIMIT),
                Some(&fields::OVER_LIMIT),
                Some(&fields::OVER_LIMIT),
            ]
        );
    }
}
