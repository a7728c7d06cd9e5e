//! `asi score`: one line of scores per answer record.

use std::io::{self, Write};

use asi_instrument::Lang;
use asi_instrument::scoring::{self, ScoringSpec};

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
            // Checked against the instrument version it names, which may be an older one.
            loaded = ScoringSpec::load(&json).map_err(|source| CliError::Spec {
                path: path.clone(),
                source,
            })?;
            &loaded
        }
        None => scoring::by_version(&args.scoring)
            .ok_or_else(|| CliError::UnknownScoring(args.scoring.clone()))?,
    };
    // Records are read as answers to the instrument version the specification is for.
    let instrument = spec
        .instrument()
        .expect("a loaded or shipped specification names a shipped instrument");
    let mut out = io::BufWriter::new(io::stdout().lock());
    let outcome = records::for_each_valid(
        args.input.file.as_deref(),
        instrument,
        None,
        lang,
        |_, answers| {
            serde_json::to_writer(&mut out, &spec.score(&answers)).map_err(io::Error::from)?;
            writeln!(out)?;
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(outcome)
}
