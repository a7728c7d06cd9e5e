//! The canonical answer record: a JSON object keyed by item id; unanswered items are absent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One answer. JSON types follow the data contract: days, ratings, wellbeing and kroner are
/// integers, yes/no are booleans, codes, text and dates are strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// A yes/no answer.
    Bool(bool),
    /// A count, rating or amount.
    Int(i64),
    /// A code, text or date.
    Text(String),
}

impl Answer {
    /// The value as a number for scoring: integers as they are, yes = 1 and no = 0.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Answer::Bool(b) => Some(f64::from(u8::from(*b))),
            // Every integer in a valid record is far below 2^53, so this is exact.
            Answer::Int(n) => Some(*n as f64),
            Answer::Text(_) => None,
        }
    }

    /// The value as a string (a code, text or date).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Answer::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The value as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Answer::Bool(b) => (*b).into(),
            Answer::Int(n) => (*n).into(),
            Answer::Text(s) => s.clone().into(),
        }
    }
}

/// A validated answer record. Keys are item ids; a key is present only when answered.
///
/// Serialises as a plain JSON object with keys in sorted order, so the same answers always
/// give the same bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, Answer>);

impl Answers {
    /// An empty record.
    pub fn new() -> Self {
        Self::default()
    }

    /// The answer to `item`, if given.
    pub fn get(&self, item: &str) -> Option<&Answer> {
        self.0.get(item)
    }

    /// Whether `item` was answered.
    pub fn contains(&self, item: &str) -> bool {
        self.0.contains_key(item)
    }

    /// Sets the answer to `item`. Callers that take input from outside use
    /// [`Answers::validate`] instead.
    pub fn insert(&mut self, item: impl Into<String>, answer: Answer) {
        self.0.insert(item.into(), answer);
    }

    /// Removes the answer to `item` ("Vil ikke svare"), returning it.
    pub fn remove(&mut self, item: &str) -> Option<Answer> {
        self.0.remove(item)
    }

    /// The answers, by item id in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many items are answered.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing is answered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The record as a JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.0
                .iter()
                .map(|(k, v)| (k.clone(), v.to_json()))
                .collect(),
        )
    }
}

impl FromIterator<(String, Answer)> for Answers {
    fn from_iter<T: IntoIterator<Item = (String, Answer)>>(iter: T) -> Self {
        Answers(iter.into_iter().collect())
    }
}
