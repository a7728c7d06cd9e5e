//! `asi key`: the clinic's key file — a paper copy (`paper`), restoring the file from it
//! (`recover`), and checking it against the inbox (`check`).

pub mod check;
pub mod paper;
pub mod recover;

use asi_instrument::Lang;

use crate::cli::{KeyArgs, KeyCommand};
use crate::error::{CliError, Outcome};

pub fn run(args: &KeyArgs, lang: Lang) -> Result<Outcome, CliError> {
    match &args.command {
        KeyCommand::Paper(args) => paper::run(args, lang),
        KeyCommand::Recover(args) => recover::run(args, lang),
        KeyCommand::Check(args) => check::run(args, lang),
    }
}
