//! Errors that stop a command, with messages for people.

use std::path::PathBuf;

use asi_envelope::recovery::RecoveryError;
use asi_envelope::{EnvelopeError, KeyError};
use asi_export::messages;
use asi_instrument::scoring::SpecError;
use asi_instrument::{FormError, Lang, MetadataError};
use thiserror::Error;

use crate::key::recover::recovery_message;
use crate::refs::RefsError;

/// A failure that stops the command (exit status 2). `Display` is the English message.
#[derive(Debug, Error)]
#[error("{}", self.message(Lang::En))]
pub enum CliError {
    /// The input could not be read.
    Read {
        /// The file (`-` for standard input).
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Writing the output failed (for example a closed pipe).
    Write(#[from] std::io::Error),
    /// No shipped scoring specification has this version.
    UnknownScoring(String),
    /// A key could not be read.
    Key {
        /// Which key (a file name or "--public-key").
        what: String,
        /// Why.
        source: KeyError,
    },
    /// A private key file is not a key (named in the error).
    KeyFile(#[from] asi_export::KeyRingError),
    /// The typed recovery code is not a key.
    Recovery(#[from] RecoveryError),
    /// A file could not be written.
    WriteFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The inbox could not be reached or refused the request.
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
    NoReaderToken,
    /// The reader token file could not be read.
    ReadToken {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The reader token given is empty (a file of blank lines, an empty variable).
    EmptyReaderToken {
        /// `--token-file FILE`, `--token` or `ASI_READER_TOKEN`.
        from: String,
    },
    /// The environment variable with the reader token is not UTF-8.
    ReaderTokenNotUnicode,
    /// The person references cannot be used.
    Refs(RefsError),
    /// The form is unknown or not used at the timepoint.
    Form(#[from] FormError),
    /// The form, timepoint or day to write into envelopes is not one the product takes.
    Metadata(#[from] MetadataError),
    /// A record could not be sealed.
    Seal {
        /// The record's line.
        line: usize,
        /// Why.
        source: EnvelopeError,
    },
    /// A scoring specification file is unusable.
    Spec {
        /// The file.
        path: PathBuf,
        /// Why.
        source: SpecError,
    },
    /// A `ref,token,url` file given to `asi report` cannot be used.
    LinkRefs {
        /// The file.
        path: PathBuf,
        /// Why.
        source: asi_reader::RefsError,
    },
    /// The register file cannot be used at all.
    Register {
        /// The file.
        path: PathBuf,
        /// Why.
        source: asi_report::RegisterError,
    },
    /// The report cannot be made with the options given.
    Report(asi_report::ReportError),
    /// An option that takes a day has something else.
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
        use texts::*;
        match self {
            CliError::Read { path, source } => {
                READ.fill(lang, &[("path", &path.display()), ("reason", source)])
            }
            CliError::Write(e) => WRITE.fill(lang, &[("reason", e)]),
            CliError::UnknownScoring(version) => {
                let known: Vec<&str> = asi_instrument::scoring::shipped()
                    .iter()
                    .map(|s| s.version.as_str())
                    .collect();
                UNKNOWN_SCORING.fill(lang, &[("version", version), ("known", &known.join(", "))])
            }
            CliError::Spec { path, source } => {
                SPEC.fill(lang, &[("path", &path.display()), ("reason", source)])
            }
            CliError::Key { what, source } => KEY.fill(
                lang,
                &[("what", what), ("reason", &messages::key(source, lang))],
            ),
            CliError::KeyFile(e) => e.message(lang),
            CliError::Recovery(e) => RECOVERY.fill(lang, &[("reason", &recovery_message(e, lang))]),
            CliError::WriteFile { path, source } => {
                WRITE_FILE.fill(lang, &[("path", &path.display()), ("reason", source)])
            }
            CliError::Inbox {
                inbox,
                status,
                message,
                token_from,
            } => match status {
                None => INBOX_UNREACHABLE.fill(lang, &[("inbox", inbox), ("reason", message)]),
                Some(401) => {
                    INBOX_REFUSED_TOKEN.fill(lang, &[("inbox", inbox), ("from", token_from)])
                }
                Some(status) => INBOX_ANSWERED.fill(
                    lang,
                    &[("inbox", inbox), ("status", status), ("reason", message)],
                ),
            },
            CliError::NoReaderToken => NO_READER_TOKEN.get(lang).to_owned(),
            CliError::ReadToken { path, source } => {
                READ_TOKEN.fill(lang, &[("path", &path.display()), ("reason", source)])
            }
            CliError::EmptyReaderToken { from } => EMPTY_READER_TOKEN.fill(lang, &[("from", from)]),
            CliError::ReaderTokenNotUnicode => {
                READER_TOKEN_NOT_UNICODE.fill(lang, &[("variable", &crate::token::ENV)])
            }
            CliError::Refs(e) => REFS.fill(lang, &[("reason", &e.message(lang))]),
            CliError::Form(e) => e.message(lang),
            CliError::Metadata(e) => e.message(lang),
            CliError::Seal { line, source } => SEAL.fill(
                lang,
                &[
                    ("line", line),
                    ("reason", &messages::envelope(source, lang)),
                ],
            ),
            CliError::LinkRefs { path, source } => LINK_REFS.fill(
                lang,
                &[("path", &path.display()), ("reason", &source.message(lang))],
            ),
            CliError::Register { path, source } => REGISTER.fill(
                lang,
                &[("path", &path.display()), ("reason", &source.message(lang))],
            ),
            CliError::Report(e) => e.message(lang),
            CliError::NotADay { option, value } => {
                NOT_A_DAY.fill(lang, &[("option", option), ("value", value)])
            }
        }
    }
}

/// The texts of [`CliError`].
pub mod texts {
    asi_i18n::texts! {
        READ = ("kan ikke læse {path}: {reason}", "cannot read {path}: {reason}");
        WRITE = ("kan ikke skrive resultatet: {reason}", "cannot write the output: {reason}");
        UNKNOWN_SCORING = (
            "ukendt scoringsversion {version} (kendte: {known})",
            "unknown scoring version {version} (known: {known})",
        );
        SPEC = (
            "scoringsspecifikationen {path} kan ikke bruges: {reason}",
            "the scoring specification {path} cannot be used: {reason}",
        );
        KEY = ("nøglen {what} kan ikke bruges: {reason}", "the key {what} cannot be used: {reason}");
        RECOVERY = ("genopretningskoden: {reason}", "the recovery code: {reason}");
        WRITE_FILE = ("kan ikke skrive {path}: {reason}", "cannot write {path}: {reason}");
        LINK_REFS = (
            "referencefilen {path} kan ikke bruges: {reason}",
            "the references file {path} cannot be used: {reason}",
        );
        REGISTER = ("{path}: {reason}", "{path}: {reason}");
        NOT_A_DAY = (
            "{option} skal være en dato skrevet ÅÅÅÅ-MM-DD, ikke «{value}»",
            "{option} must be a day written YYYY-MM-DD, not \"{value}\"",
        );
        INBOX_UNREACHABLE = ("kan ikke nå indbakken {inbox}: {reason}", "cannot reach the inbox {inbox}: {reason}");
        INBOX_REFUSED_TOKEN = (
            "indbakken {inbox} afviste læsetokenet (401): kontrollér {from}",
            "the inbox {inbox} refused the reader token (401): check {from}",
        );
        INBOX_ANSWERED = (
            "indbakken {inbox} svarede {status}: {reason}",
            "the inbox {inbox} answered {status}: {reason}",
        );
        NO_READER_TOKEN = (
            "intet læsetoken til indbakken: angiv --token-file FIL eller sæt miljøvariablen ASI_READER_TOKEN (--token TOKEN virker også, men andre brugere kan se det)",
            "no reader token for the inbox: give --token-file FILE or set the environment variable ASI_READER_TOKEN (--token TOKEN also works, but other users can see it)",
        );
        READ_TOKEN = (
            "kan ikke læse læsetokenet fra {path}: {reason}",
            "cannot read the reader token from {path}: {reason}",
        );
        EMPTY_READER_TOKEN = ("læsetokenet fra {from} er tomt", "the reader token from {from} is empty");
        READER_TOKEN_NOT_UNICODE = (
            "miljøvariablen {variable} er ikke gyldig UTF-8",
            "{variable} is not valid UTF-8",
        );
        REFS = ("referencerne: {reason}", "the references: {reason}");
        SEAL = ("linje {line}: {reason}", "line {line}: {reason}");
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
