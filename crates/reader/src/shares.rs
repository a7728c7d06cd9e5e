//! The answers of a form without scores — the involvement form (`inddragelse`) — as shares:
//! for each of its statements (its rating items), at each timepoint, how many chose each step
//! of the scale and what share of those who answered the statement that is; and its free
//! texts, exactly as the citizens wrote them.
//!
//! Every response of the form counts once, whoever gave it (the form asks how the treatment
//! was experienced, not a measure followed per person). "Vil ikke svare" leaves a statement
//! unanswered: it is counted as declined and is not part of the shares. Which statements,
//! steps and free-text questions there are comes from the instrument data.

use asi_export::Response;
use asi_instrument::model::AnswerType;
use asi_instrument::{Answer, Text, instrument};
use serde::Serialize;

use crate::group::TimepointLabel;
use crate::person::timepoint_title;

/// One step of a statement's scale at one timepoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The step's label ("I høj grad").
    pub label: Text,
    /// How many chose it.
    pub count: usize,
    /// `count` divided by the number who answered the statement; `None` when no one did.
    pub share: Option<f64>,
}

/// One statement at one timepoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The item id (`involvement_decisions`).
    pub item: String,
    /// The number printed on the form, if any.
    pub number: Option<String>,
    /// The statement.
    pub text: Text,
    /// How many answered it (chose a step).
    pub answered: usize,
    /// How many responses left it unanswered ("Vil ikke svare").
    pub declined: usize,
    /// One entry per step of the scale, in scale order.
    pub steps: Vec<Step>,
}

/// One free-text answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FreeText {
    /// The item id (`involvement_important`).
    pub item: String,
    /// The day the response was given.
    pub day: String,
    /// The text as the citizen wrote it: to be shown as text, never read as markup.
    pub text: String,
}

/// The form's answers at one timepoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtTimepoint {
    /// The timepoint.
    pub timepoint: TimepointLabel,
    /// How many responses of the form were given at it.
    pub responses: usize,
    /// One entry per statement of the form, in form order.
    pub statements: Vec<Statement>,
    /// The free-text answers given, in the order of the responses.
    pub free_texts: Vec<FreeText>,
}

/// A form's answers as shares, per timepoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shares {
    /// The form id.
    pub form: String,
    /// Its title.
    pub title: Text,
    /// The free-text questions of the form, in form order (item id and question).
    pub questions: Vec<(String, Text)>,
    /// The timepoints with at least one response of the form, in the instrument's order.
    pub timepoints: Vec<AtTimepoint>,
}

/// The answers of `form` among `responses` as shares per statement, step and timepoint;
/// `None` when the current instrument has no such form.
pub fn shares(responses: &[Response], form: &str) -> Option<Shares> {
    let inst = instrument();
    let definition = inst.form(form)?;
    let items: Vec<_> = inst.form_items(definition).collect();
    let scales: Vec<(&asi_instrument::Item, &[Text])> = items
        .iter()
        .filter_map(|item| match &item.answer {
            AnswerType::Rating { scale } => inst.scale(scale).map(|s| (*item, s.labels.as_slice())),
            _ => None,
        })
        .collect();
    let texts: Vec<&asi_instrument::Item> = items
        .iter()
        .copied()
        .filter(|i| {
            matches!(
                i.answer,
                AnswerType::Text { .. } | AnswerType::LongText { .. }
            )
        })
        .collect();
    let timepoints = inst
        .timepoints
        .iter()
        .filter_map(|t| {
            let here: Vec<&Response> = responses
                .iter()
                .filter(|r| r.metadata.form == form && r.metadata.timepoint == t.id)
                .collect();
            if here.is_empty() {
                return None;
            }
            let statements = scales
                .iter()
                .map(|(item, labels)| statement(item, labels, &here))
                .collect();
            let free_texts = here
                .iter()
                .flat_map(|r| {
                    texts
                        .iter()
                        .filter_map(|item| match r.payload.answers.get(&item.id) {
                            Some(Answer::Text(text)) => Some(FreeText {
                                item: item.id.clone(),
                                day: r.metadata.day.clone(),
                                text: text.clone(),
                            }),
                            _ => None,
                        })
                })
                .collect();
            Some(AtTimepoint {
                timepoint: TimepointLabel {
                    id: t.id.clone(),
                    title: timepoint_title(&t.id),
                },
                responses: here.len(),
                statements,
                free_texts,
            })
        })
        .collect();
    Some(Shares {
        form: form.to_owned(),
        title: definition.title.clone(),
        questions: texts
            .iter()
            .map(|i| (i.id.clone(), i.text.clone()))
            .collect(),
        timepoints,
    })
}

/// One statement's counts among `responses`.
fn statement(item: &asi_instrument::Item, labels: &[Text], responses: &[&Response]) -> Statement {
    let mut counts = vec![0usize; labels.len()];
    for r in responses {
        if let Some(Answer::Int(step)) = r.payload.answers.get(&item.id)
            && let Some(count) = usize::try_from(*step).ok().and_then(|s| counts.get_mut(s))
        {
            *count += 1;
        }
    }
    let answered: usize = counts.iter().sum();
    Statement {
        item: item.id.clone(),
        number: item.number.clone(),
        text: item.text.clone(),
        answered,
        declined: responses.len() - answered,
        steps: labels
            .iter()
            .zip(counts)
            .map(|(label, count)| Step {
                label: label.clone(),
                count,
                share: (answered > 0).then(|| count as f64 / answered as f64),
            })
            .collect(),
    }
}

/// The forms of the current instrument that have no scores (no formula of the current
/// scoring reads them), in form order: the reader shows their answers as shares.
pub fn unscored_forms() -> Vec<&'static asi_instrument::Form> {
    let inst = instrument();
    let spec = asi_instrument::scoring::current();
    inst.forms
        .iter()
        .filter(|f| !spec.reads_form(inst, f))
        .collect()
}
