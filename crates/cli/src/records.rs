//! Reading answer records as JSON lines and reporting what is wrong with them.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use asi_instrument::{Answers, Form, Instrument, Lang, ValidationError};

use crate::error::{CliError, Outcome};

/// What is wrong with one line.
pub enum Problem {
    /// The line is not JSON.
    Json(serde_json::Error),
    /// The record breaks the questionnaire's rules.
    Invalid(Vec<ValidationError>),
}

/// The form records claim to answer, and whether they are identified responses (which
/// may carry CPR number, name and date as well).
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    /// The form.
    pub form: &'a Form,
    /// Identified responses.
    pub identified: bool,
}

/// Checks one record against the questionnaire `instrument`, and against `claim`'s form if
/// there is one.
fn validate(
    instrument: &Instrument,
    json: &serde_json::Value,
    claim: Option<Claim<'_>>,
) -> Result<Answers, Problem> {
    match claim {
        None => Answers::validate(instrument, json),
        Some(c) => Answers::validate_for_form(instrument, json, c.form, c.identified),
    }
    .map_err(Problem::Invalid)
}

/// Reads `path` (or standard input for `None` and `-`) and calls `each` with the 1-based
/// line number and the record validated against `instrument` (and held to `claim`'s form,
/// if any) or its problem. Blank lines are skipped.
pub fn for_each(
    path: Option<&Path>,
    instrument: &Instrument,
    claim: Option<Claim<'_>>,
    mut each: impl FnMut(usize, Result<Answers, Problem>) -> Result<(), CliError>,
) -> Result<(), CliError> {
    for_each_line(path, |number, line| {
        let record = serde_json::from_str::<serde_json::Value>(line)
            .map_err(Problem::Json)
            .and_then(|json| validate(instrument, &json, claim));
        each(number, record)
    })
}

/// Calls `each` for every record valid against `instrument` (and held to `claim`'s form,
/// if any); reports every invalid one on standard error. The outcome says whether any record
/// was invalid.
pub fn for_each_valid(
    path: Option<&Path>,
    instrument: &Instrument,
    claim: Option<Claim<'_>>,
    lang: Lang,
    mut each: impl FnMut(usize, Answers) -> Result<(), CliError>,
) -> Result<Outcome, CliError> {
    let mut outcome = Outcome::AllValid;
    for_each(path, instrument, claim, |line, record| match record {
        Ok(answers) => each(line, answers),
        Err(problem) => {
            outcome = Outcome::SomeInvalid;
            for message in describe(line, &problem, lang) {
                eprintln!("{message}");
            }
            Ok(())
        }
    })?;
    Ok(outcome)
}

/// Reads `path` (or standard input) and calls `each` with the 1-based line number and every
/// non-blank line.
pub fn for_each_line(
    path: Option<&Path>,
    mut each: impl FnMut(usize, &str) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let (reader, shown): (Box<dyn BufRead>, PathBuf) = match path {
        None => (Box::new(io::stdin().lock()), "-".into()),
        Some(p) if p == Path::new("-") => (Box::new(io::stdin().lock()), "-".into()),
        Some(p) => {
            let file = File::open(p).map_err(|source| CliError::Read {
                path: p.to_owned(),
                source,
            })?;
            (Box::new(BufReader::new(file)), p.to_owned())
        }
    };
    for (index, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| CliError::Read {
            path: shown.clone(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        each(index + 1, &line)?;
    }
    Ok(())
}

/// One message per problem, each naming the line and, where there is one, the item.
pub fn describe(line: usize, problem: &Problem, lang: Lang) -> Vec<String> {
    match problem {
        Problem::Json(e) => vec![texts::NOT_JSON.fill(lang, &[("line", &line), ("reason", e)])],
        Problem::Invalid(errors) => errors
            .iter()
            .map(|e| {
                let problem = e.message(lang);
                match &e.item {
                    Some(item) => texts::ITEM_PROBLEM.fill(
                        lang,
                        &[("line", &line), ("item", item), ("problem", &problem)],
                    ),
                    None => texts::PROBLEM.fill(lang, &[("line", &line), ("problem", &problem)]),
                }
            })
            .collect(),
    }
}

/// The texts of the problems with records.
pub mod texts {
    asi_i18n::texts! {
        NOT_JSON = ("linje {line}: ikke gyldig JSON ({reason})", "line {line}: not valid JSON ({reason})");
        ITEM_PROBLEM = ("linje {line}: {item}: {problem}", "line {line}: {item}: {problem}");
        PROBLEM = ("linje {line}: {problem}", "line {line}: {problem}");
    }
}
