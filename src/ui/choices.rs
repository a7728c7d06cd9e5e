//! The choices of a question as the citizen sees them: one list, used by the radio group
//! ([`super::fields`]) and read aloud ([`super::read_aloud`]).

use asi_instrument::model::AnswerType;
use asi_instrument::{Item, Lang, instrument};
use serde_json::Value;

use super::texts::common;

/// The choices of a radio-group item, in order: each one's JSON value and its label.
pub fn choices(item: &'static Item, lang: Lang) -> Vec<(Value, String)> {
    let inst = instrument();
    match &item.answer {
        AnswerType::YesNo => vec![
            (Value::Bool(true), common::YES.get(lang).to_owned()),
            (Value::Bool(false), common::NO.get(lang).to_owned()),
        ],
        AnswerType::Rating { scale } => inst
            .scale(scale)
            .map(|s| {
                s.labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (Value::from(i), l.get(lang).to_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        AnswerType::Choice { options } => options
            .iter()
            .map(|o| (Value::from(o.code.clone()), o.text.get(lang).to_owned()))
            .collect(),
        AnswerType::Wellbeing { low, mid, high } => (0..=10)
            .map(|n| {
                let label = match n {
                    0 => format!("0 – {}", low.get(lang)),
                    5 => format!("5 – {}", mid.get(lang)),
                    10 => format!("10 – {}", high.get(lang)),
                    n => n.to_string(),
                };
                (Value::from(n), label)
            })
            .collect(),
        _ => Vec::new(),
    }
}
