//! Command-line arguments.

use std::path::PathBuf;

use asi_instrument::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Score and validate ASI kort / Trivsel & forbrug answer records.
#[derive(Debug, Parser)]
#[command(name = "asi", version, about)]
pub struct Cli {
    /// Language of messages.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Da)]
    lang: LangArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score answer records (JSON lines) and print one line of scores per record.
    ///
    /// Prints `economy, medical, psychiatric, alcohol, legal, drug, asi6, wellbeing,
    /// drug_free, scoring_version`, with null where a score cannot be computed. Invalid
    /// records are reported on stderr, are not scored, and make the exit status 1.
    Score(ScoreArgs),
    /// Check answer records (JSON lines) against the questionnaire.
    ///
    /// Prints every problem with its line number and item id; the exit status is 1 when
    /// any record is invalid.
    Validate(InputArgs),
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// JSON lines file, one answer record per line; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Score with this shipped specification version.
    #[arg(long, default_value = asi_instrument::scoring::CURRENT_VERSION, conflicts_with = "spec")]
    pub scoring: String,
    /// Score with the specification in this file (e.g. corrected official weights).
    #[arg(long, value_name = "FILE")]
    pub spec: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    /// Dansk.
    Da,
    /// English.
    En,
}

impl Cli {
    /// The language messages are printed in.
    pub fn lang(&self) -> Lang {
        match self.lang {
            LangArg::Da => Lang::Da,
            LangArg::En => Lang::En,
        }
    }
}
