//! The formula language of scoring specifications: a small expression tree held as JSON.
//!
//! An expression evaluates to a number, or to nothing when an item it reads is unanswered
//! (or a lookup maps the answer to `null`); nothing propagates, so a domain with a missing
//! item has no score.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answers::Answers;

/// A formula. Serialised externally tagged, e.g. `{"div": [{"item": "work_days"}, {"num": 20}]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Expr {
    /// A constant.
    Num(f64),
    /// The answer to an item as a number (yes = 1, no = 0).
    Item(String),
    /// The sum of the terms.
    Sum(Vec<Expr>),
    /// The arithmetic mean of the terms.
    Mean(Vec<Expr>),
    /// The first minus the second.
    Sub(Box<Expr>, Box<Expr>),
    /// The first divided by the second.
    Div(Box<Expr>, Box<Expr>),
    /// The largest term.
    Max(Vec<Expr>),
    /// The smallest term.
    Min(Vec<Expr>),
    /// `ln⁺(x, cap) = min(ln x, cap)` for x ≥ 1, else 0.
    LnPlus {
        /// x.
        of: Box<Expr>,
        /// The cap.
        cap: Box<Expr>,
    },
    /// 1 when a choice item was answered with `code`, else 0.
    Is {
        /// The choice item.
        item: String,
        /// The code that gives 1.
        code: String,
    },
    /// The number a table gives a choice item's code; `null` in the table means "no score".
    Lookup {
        /// The choice item.
        item: String,
        /// Code → value (or `null`).
        table: BTreeMap<String, Option<f64>>,
    },
}

impl Expr {
    /// The value for these answers, or `None` when something it needs is unanswered.
    pub fn eval(&self, answers: &Answers) -> Option<f64> {
        let all = |terms: &[Expr]| {
            terms
                .iter()
                .map(|t| t.eval(answers))
                .collect::<Option<Vec<f64>>>()
        };
        match self {
            Expr::Num(n) => Some(*n),
            Expr::Item(id) => answers.get(id)?.as_number(),
            Expr::Sum(terms) => Some(all(terms)?.iter().sum()),
            Expr::Mean(terms) if terms.is_empty() => None,
            Expr::Mean(terms) => Some(all(terms)?.iter().sum::<f64>() / terms.len() as f64),
            Expr::Sub(a, b) => Some(a.eval(answers)? - b.eval(answers)?),
            Expr::Div(a, b) => Some(a.eval(answers)? / b.eval(answers)?),
            Expr::Max(terms) => all(terms)?.into_iter().reduce(f64::max),
            Expr::Min(terms) => all(terms)?.into_iter().reduce(f64::min),
            Expr::LnPlus { of, cap } => {
                let (x, cap) = (of.eval(answers)?, cap.eval(answers)?);
                Some(if x >= 1.0 { x.ln().min(cap) } else { 0.0 })
            }
            Expr::Is { item, code } => {
                Some(f64::from(u8::from(answers.get(item)?.as_str()? == code)))
            }
            Expr::Lookup { item, table } => *table.get(answers.get(item)?.as_str()?)?,
        }
    }

    /// This expression and every expression inside it, depth first.
    pub fn walk(&self) -> Vec<&Expr> {
        let children: Vec<&Expr> = match self {
            Expr::Sum(t) | Expr::Mean(t) | Expr::Max(t) | Expr::Min(t) => t.iter().collect(),
            Expr::Sub(a, b) | Expr::Div(a, b) | Expr::LnPlus { of: a, cap: b } => vec![a, b],
            Expr::Num(_) | Expr::Item(_) | Expr::Is { .. } | Expr::Lookup { .. } => vec![],
        };
        std::iter::once(self)
            .chain(children.into_iter().flat_map(Expr::walk))
            .collect()
    }

    /// Every item id the formula reads, in the order it reads them (an item read twice is
    /// named twice).
    pub fn items(&self) -> impl Iterator<Item = &str> {
        self.walk().into_iter().filter_map(|e| match e {
            Expr::Item(id) | Expr::Is { item: id, .. } | Expr::Lookup { item: id, .. } => {
                Some(id.as_str())
            }
            _ => None,
        })
    }
}
