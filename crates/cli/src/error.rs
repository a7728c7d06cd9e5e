//! Errors that stop a command, with messages for people.

use std::path::PathBuf;

use asi_instrument::scoring::SpecError;
use asi_instrument::{FormError, Lang};
use thiserror::Error;

use crate::refs::RefsError;

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
    /// A private key file is not a key (named in the error).
    #[error(transparent)]
    KeyFile(#[from] asi_export::KeyRingError),
    /// The typed recovery code is not a key.
    #[error("the recovery code: {0}")]
    Recovery(#[from] asi_envelope::recovery::RecoveryError),
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
    /// The inbox could not be reached or refused the request.
    #[error("{}", inbox_message(inbox, *status, message, token_from, Lang::En))]
    Inbox {
        /// The inbox's address.
        inbox: String,
        /// Its HTTP status, if it answered.
        status: Option<u16>,
        /// Its reason, or why it could not be reached.
        message: String,
        /// Where the reader token came from (`--token-file FILE`, `--token`,
        /// `ASI_READER_TOKEN`), named when the inbox refuses it.
        token_from: String,
    },
    /// The inbox is to be asked, but no reader token was given.
    #[error(
        "no reader token for the inbox: give --token-file FILE or set the environment variable ASI_READER_TOKEN (--token TOKEN also works, but other users can see it)"
    )]
    NoReaderToken,
    /// The reader token file could not be read.
    #[error("cannot read the reader token from {path}: {source}")]
    ReadToken {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The reader token given is empty (a file of blank lines, an empty variable).
    #[error("the reader token from {from} is empty")]
    EmptyReaderToken {
        /// `--token-file FILE`, `--token` or `ASI_READER_TOKEN`.
        from: String,
    },
    /// The person references cannot be used.
    #[error("the references: {}", .0.message(Lang::En))]
    Refs(RefsError),
    /// The form is unknown or not used at the timepoint.
    #[error(transparent)]
    Form(#[from] FormError),
    /// A scoring specification file is unusable.
    #[error("the scoring specification {path} cannot be used: {source}")]
    Spec {
        /// The file.
        path: PathBuf,
        /// Why.
        source: SpecError,
    },
    /// A `ref,token,url` file given to `asi report` cannot be used.
    #[error("the references file {path} cannot be used: {source}")]
    LinkRefs {
        /// The file.
        path: PathBuf,
        /// Why.
        source: asi_reader::RefsError,
    },
    /// The register file cannot be used at all.
    #[error("{path}: {}", source.message(Lang::En))]
    Register {
        /// The file.
        path: PathBuf,
        /// Why.
        source: asi_report::RegisterError,
    },
    /// The report cannot be made with the options given.
    #[error("{}", .0.message(Lang::En))]
    Report(asi_report::ReportError),
    /// An option that takes a day has something else.
    #[error("{option} must be a day written YYYY-MM-DD, not {value:?}")]
    NotADay {
        /// The option (`--from`, `--to`).
        option: &'static str,
        /// What was given.
        value: String,
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
                format!(
                    "nøglen {what} kan ikke bruges: {}",
                    source.message(Lang::Da)
                )
            }
            (Lang::Da, CliError::KeyFile(e)) => e.message(Lang::Da),
            (Lang::Da, CliError::Recovery(e)) => {
                format!("genopretningskoden: {}", e.message(Lang::Da))
            }
            (Lang::Da, CliError::WriteFile { path, source }) => {
                format!("kan ikke skrive {}: {source}", path.display())
            }
            (Lang::Da, CliError::Invalid(text)) => text.clone(),
            (
                Lang::Da,
                CliError::Inbox {
                    inbox,
                    status,
                    message,
                    token_from,
                },
            ) => inbox_message(inbox, *status, message, token_from, Lang::Da),
            (Lang::Da, CliError::NoReaderToken) => "intet læsetoken til indbakken: angiv \
                --token-file FIL eller sæt miljøvariablen ASI_READER_TOKEN (--token TOKEN \
                virker også, men andre brugere kan se det)"
                .to_owned(),
            (Lang::Da, CliError::ReadToken { path, source }) => {
                format!("kan ikke læse læsetokenet fra {}: {source}", path.display())
            }
            (Lang::Da, CliError::EmptyReaderToken { from }) => {
                format!("læsetokenet fra {from} er tomt")
            }
            (Lang::Da, CliError::Refs(e)) => format!("referencerne: {}", e.message(Lang::Da)),
            (Lang::Da, CliError::Form(FormError::UnknownForm { form, known })) => {
                format!("ukendt skema {form} (kendte: {known})")
            }
            (
                Lang::Da,
                CliError::Form(FormError::UnknownTimepoint {
                    form,
                    timepoint,
                    known,
                }),
            ) => format!(
                "skemaet {form} bruges ikke ved tidspunktet {timepoint} (det bruges ved {known})"
            ),
            (Lang::Da, CliError::LinkRefs { path, source }) => format!(
                "referencefilen {} kan ikke bruges: {source}",
                path.display()
            ),
            (Lang::Da, CliError::Register { path, source }) => {
                format!("{}: {}", path.display(), source.message(Lang::Da))
            }
            (Lang::Da, CliError::Report(e)) => e.message(Lang::Da),
            (Lang::Da, CliError::NotADay { option, value }) => {
                format!("{option} skal være en dato skrevet ÅÅÅÅ-MM-DD, ikke «{value}»")
            }
        }
    }
}

/// What went wrong with the inbox, in `lang`; a refused reader token is said plainly, with
/// where it came from.
fn inbox_message(
    inbox: &str,
    status: Option<u16>,
    message: &str,
    token_from: &str,
    lang: Lang,
) -> String {
    match (lang, status) {
        (Lang::Da, None) => format!("kan ikke nå indbakken {inbox}: {message}"),
        (Lang::En, None) => format!("cannot reach the inbox {inbox}: {message}"),
        (Lang::Da, Some(401)) => {
            format!("indbakken {inbox} afviste læsetokenet (401): kontrollér {token_from}")
        }
        (Lang::En, Some(401)) => {
            format!("the inbox {inbox} refused the reader token (401): check {token_from}")
        }
        (Lang::Da, Some(status)) => format!("indbakken {inbox} svarede {status}: {message}"),
        (Lang::En, Some(status)) => format!("the inbox {inbox} answered {status}: {message}"),
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
