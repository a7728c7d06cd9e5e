//! Errors that stop a command, with messages for people.

use std::path::PathBuf;

use asi_instrument::Lang;
use asi_instrument::scoring::SpecError;
use thiserror::Error;

/// A failure that stops the command (exit status 2).
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum CliError {
    /// The input could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file (`-` for standard input).
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Writing the output failed (for example a closed pipe).
    #[error("cannot write the output: {0}")]
    Write(#[from] std::io::Error),
    /// No shipped scoring specification has this version.
    #[error("unknown scoring version {0}")]
    UnknownScoring(String),
    /// A key could not be read.
    #[error("the key {what} cannot be used: {source}")]
    Key {
        /// Which key (a file name or "--public-key").
        what: String,
        /// Why.
        source: asi_envelope::KeyError,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    WriteFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An option has a value the format does not allow.
    #[error("{0}")]
    Invalid(String),
    /// A scoring specification file is unusable.
    #[error("the scoring specification {path} cannot be used: {source}")]
    Spec {
        /// The file.
        path: PathBuf,
        /// Why.
        source: SpecError,
    },
}

impl CliError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, _) => self.to_string(),
            (Lang::Da, CliError::Read { path, source }) => {
                format!("kan ikke læse {}: {source}", path.display())
            }
            (Lang::Da, CliError::Write(e)) => format!("kan ikke skrive resultatet: {e}"),
            (Lang::Da, CliError::UnknownScoring(v)) => {
                let known: Vec<&str> = asi_instrument::scoring::shipped()
                    .iter()
                    .map(|s| s.version.as_str())
                    .collect();
                format!("ukendt scoringsversion {v} (kendte: {})", known.join(", "))
            }
            (Lang::Da, CliError::Spec { path, source }) => {
                format!(
                    "scoringsspecifikationen {} kan ikke bruges: {source}",
                    path.display()
                )
            }
            (Lang::Da, CliError::Key { what, source }) => {
                format!("nøglen {what} kan ikke bruges: {source}")
            }
            (Lang::Da, CliError::WriteFile { path, source }) => {
                format!("kan ikke skrive {}: {source}", path.display())
            }
            (Lang::Da, CliError::Invalid(text)) => text.clone(),
        }
    }
}

/// How a command that ran to the end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every record was valid.
    AllValid,
    /// At least one record was invalid (exit status 1).
    SomeInvalid,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> std::process::ExitCode {
        match self {
            Outcome::AllValid => std::process::ExitCode::SUCCESS,
            Outcome::SomeInvalid => std::process::ExitCode::from(1),
        }
    }
}
