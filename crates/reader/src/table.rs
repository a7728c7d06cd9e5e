//! The responses table: one [`Row`] per opened response, in the order given (the inbox's
//! order), with the rescored scores and who the response is from; and its [`Filter`].

use asi_export::{Response, scores_match};
use asi_instrument::Mode;
use asi_instrument::scoring::{Domain, Scores};
use asi_instrument::{Answer, Answers};
use serde::Serialize;

use crate::identity::Person;
use crate::refs::Refs;

/// One response as the reader shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The envelope id.
    pub id: String,
    /// The day of completion (`YYYY-MM-DD`, from the clear metadata).
    pub day: String,
    /// When the citizen finished (RFC 3339, from inside the envelope).
    pub completed_at: String,
    /// `asi_kort`, `trivsel` or `inddragelse`.
    pub form: String,
    /// The timepoint id (`intake`, …).
    pub timepoint: String,
    /// Who the response is from.
    pub person: Person,
    /// How it was given.
    pub mode: Mode,
    /// The scores recomputed from the answers (shown instead of the scores inside).
    pub scores: Scores,
    /// Personal wellbeing (0–10), if answered.
    pub wellbeing_personal: Option<u32>,
    /// Wellbeing in close relations (0–10), if answered.
    pub wellbeing_close: Option<u32>,
    /// Social wellbeing (0–10), if answered.
    pub wellbeing_social: Option<u32>,
    /// Days with hash in the last 30: `hash_days` (Trivsel & forbrug) if answered, else
    /// `days_cannabis` (ASI kort).
    pub hash_days: Option<u32>,
    /// Days with other drugs than hash in the last month (`other_drug_days`, Trivsel &
    /// forbrug; the ASI kort counts each drug on its own and has no such total).
    pub other_drug_days: Option<u32>,
    /// Days with alcohol in the last 30 (`alc_use_days`: the ASI kort, and Trivsel & forbrug
    /// where the clinic asks the alcohol items).
    pub alcohol_days: Option<u32>,
    /// Days with heavy drinking in the last 30 (`alc_heavy_days`, as `alcohol_days`).
    pub heavy_drinking_days: Option<u32>,
    /// Whether the response's form has scores ([`Response::has_scores`]): the involvement
    /// form has none, and its rows take no part in the courses and the group's means.
    pub scored: bool,
    /// The domains whose formula is provisional in the response's scoring version.
    pub provisional: Vec<Domain>,
    /// Whether the scores inside the envelope equal the rescore.
    pub scores_match: bool,
}

fn whole(answers: &Answers, item: &str) -> Option<u32> {
    match answers.get(item) {
        Some(Answer::Int(n)) => u32::try_from(*n).ok(),
        _ => None,
    }
}

impl Row {
    /// The row of one response; `refs` names the people behind link tokens.
    pub fn of(response: &Response, refs: Option<&Refs>) -> Row {
        let m = &response.metadata;
        let p = &response.payload;
        let scores = response.rescored();
        Row {
            id: m.id.to_string(),
            day: m.day.clone(),
            completed_at: p.completed_at.clone(),
            form: m.form.clone(),
            timepoint: m.timepoint.clone(),
            person: Person::of(response, refs),
            mode: p.mode,
            scores_match: scores_match(&p.scores, &scores),
            scores,
            wellbeing_personal: whole(&p.answers, "wellbeing_personal"),
            wellbeing_close: whole(&p.answers, "wellbeing_close"),
            wellbeing_social: whole(&p.answers, "wellbeing_social"),
            hash_days: whole(&p.answers, "hash_days")
                .or_else(|| whole(&p.answers, "days_cannabis")),
            other_drug_days: whole(&p.answers, "other_drug_days"),
            alcohol_days: whole(&p.answers, "alc_use_days"),
            heavy_drinking_days: whole(&p.answers, "alc_heavy_days"),
            scored: response.has_scores(),
            provisional: response.provisional_domains(),
        }
    }
}

/// One row per response, in the order given.
pub fn rows(responses: &[Response], refs: Option<&Refs>) -> Vec<Row> {
    responses.iter().map(|r| Row::of(r, refs)).collect()
}

/// Which rows to show; every condition that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filter {
    /// Only this timepoint id.
    pub timepoint: Option<String>,
    /// Only this mode.
    pub mode: Option<Mode>,
    /// Only people whose reference, token, CPR number or name contains this text (any case).
    pub person: Option<String>,
}

impl Filter {
    /// Whether `row` passes.
    pub fn matches(&self, row: &Row) -> bool {
        self.timepoint.as_ref().is_none_or(|t| *t == row.timepoint)
            && self.mode.is_none_or(|m| m == row.mode)
            && self
                .person
                .as_deref()
                .is_none_or(|text| row.person.matches(text))
    }

    /// The rows that pass, in their order.
    pub fn apply<'a>(&self, rows: &'a [Row]) -> Vec<&'a Row> {
        rows.iter().filter(|r| self.matches(r)).collect()
    }
}
