//! `asi score`: one line of scores per answer record.

use std::io::{self, Write};

use asi_instrument::scoring::{self, ScoringSpec};
use asi_instrument::{Lang, instrument};

use crate::cli::ScoreArgs;
use crate::error::{CliError, Outcome};
use crate::records;

pub fn run(args: &ScoreArgs, lang: Lang) -> Result<Outcome, CliError> {
    let loaded;
    let spec: &ScoringSpec = match &args.spec {
        Some(path) => {
            let json = std::fs::read_to_string(path).map_err(|source| CliError::Read {
                path: path.clone(),
                source,
            })?;
            loaded =
                ScoringSpec::from_json(&json, instrument()).map_err(|source| CliError::Spec {
                    path: path.clone(),
                    source,
                })?;
            &loaded
        }
        None => scoring::by_version(&args.scoring)
            .ok_or_else(|| CliError::UnknownScoring(args.scoring.clone()))?,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let outcome = records::for_each_valid(args.input.file.as_deref(), None, lang, |_, answers| {
        serde_json::to_writer(&mut out, &spec.score(&answers)).map_err(io::Error::from)?;
        writeln!(out)?;
        Ok(())
    })?;
    out.flush()?;
    Ok(outcome)
}
