//! Who a response is from, as far as the clinic can tell: its own reference (through a
//! follow-up link's token), the CPR number and name of an identified intake, or no one.

use asi_export::Response;
use asi_instrument::Mode;
use serde::Serialize;

use crate::refs::{Refs, token_prefix};

/// Who a response is from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Person {
    /// A follow-up link whose token the references file names: the clinic's reference.
    Ref(String),
    /// A follow-up link whose token is not in the references file (show only a short prefix:
    /// [`Person::label`]).
    Token(String),
    /// An anonymous response: no one.
    Anonymous,
    /// An identified intake, from its `cpr` and `name` answers.
    Identified {
        /// The CPR number (ten digits), if answered.
        cpr: Option<String>,
        /// The name, if answered.
        name: Option<String>,
    },
}

/// What ties responses to one person over time: the clinic's reference or a CPR number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonKey {
    /// The clinic's own reference (from the references file).
    Ref(String),
    /// A CPR number (ten digits) from an identified intake.
    Cpr(String),
}

impl Person {
    /// Who `response` is from. A link response is looked up in `refs`; without `refs`, or
    /// when the token is not there, it is a [`Person::Token`].
    pub fn of(response: &Response, refs: Option<&Refs>) -> Person {
        let answer = |item| {
            response
                .payload
                .answers
                .get(item)
                .and_then(|a| a.as_str())
                .map(str::to_owned)
        };
        match (response.payload.mode, &response.metadata.token) {
            (Mode::Anonymous, _) => Person::Anonymous,
            (Mode::Identified, _) => Person::Identified {
                cpr: answer("cpr"),
                name: answer("name"),
            },
            (Mode::Link, Some(token)) => match refs.and_then(|r| r.get(token)) {
                Some(reference) => Person::Ref(reference.to_owned()),
                None => Person::Token(token.clone()),
            },
            // A link response always carries its token; without one nobody can be named.
            (Mode::Link, None) => Person::Anonymous,
        }
    }

    /// The key that ties this person's responses together, if there is one: a reference, or
    /// the CPR number of an identified intake. Unknown tokens and anonymous responses have
    /// none.
    pub fn key(&self) -> Option<PersonKey> {
        match self {
            Person::Ref(reference) => Some(PersonKey::Ref(reference.clone())),
            Person::Identified { cpr: Some(cpr), .. } => Some(PersonKey::Cpr(cpr.clone())),
            _ => None,
        }
    }

    /// A short text for a table cell: the reference, the token's first characters followed
    /// by `…`, the name and CPR number; `None` for an anonymous response.
    pub fn label(&self) -> Option<String> {
        match self {
            Person::Ref(reference) => Some(reference.clone()),
            Person::Token(token) => Some(format!("{}…", token_prefix(token))),
            Person::Anonymous => None,
            Person::Identified { cpr, name } => {
                let parts: Vec<&str> = [name, cpr]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            }
        }
    }

    /// Whether `text` occurs in the reference, token, CPR number or name, ignoring case. An
    /// anonymous response matches only the empty text.
    pub fn matches(&self, text: &str) -> bool {
        let needle = text.to_lowercase();
        let fields: Vec<&str> = match self {
            Person::Ref(s) | Person::Token(s) => vec![s],
            Person::Anonymous => vec![],
            Person::Identified { cpr, name } => [cpr, name]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect(),
        };
        needle.is_empty() || fields.iter().any(|f| f.to_lowercase().contains(&needle))
    }
}
