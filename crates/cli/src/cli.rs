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
    /// Check answer records (JSON lines) against the questionnaire (and, with --form,
    /// against one form).
    ///
    /// Prints every problem with its line number and item id; the exit status is 1 when
    /// any record is invalid.
    Validate(ValidateArgs),
    /// Make the clinic's key pair: writes the private key file (mode 0600) and prints
    /// `{"public_key", "key_id"}`.
    Keygen(KeygenArgs),
    /// Seal answer records (JSON lines) into envelopes (one JSON line each), for tests and
    /// demo data: validates, scores and seals each record to the public key.
    Seal(SealArgs),
    /// Open envelopes (JSON lines) with the private key and print each plaintext (one JSON
    /// line each). A wrong key or any tampering is an error for that envelope.
    Open(OpenArgs),
    /// Fetch a clinic's envelopes from the inbox (or read them from a file), open them
    /// locally, rescore them, and write one row per response: the metadata, every item id
    /// and the scores, with `scores_match` flagging scores that differ from the rescore.
    Export(ExportArgs),
    /// Make single-use follow-up links for the clinic's person references: a random token
    /// per reference, only its SHA-256 sent to the inbox, and `ref,token,url` written as CSV
    /// (to keep on the clinic's machine: it links people to tokens).
    Links(LinksArgs),
}

/// Where the clinic's reader token for the inbox comes from: --token-file, --token or the
/// environment variable `ASI_READER_TOKEN`, in that order of precedence.
#[derive(Debug, Args)]
pub struct ReaderTokenArgs {
    /// Read the clinic's reader token from FILE: its first non-blank line, trimmed (e.g.
    /// `.demo/reader-token`, written by `scripts/start.sh`). Only read, never written; a
    /// warning is printed if others than the owner have access to it (`chmod 600 FILE`).
    /// Without --token-file and --token, the environment variable ASI_READER_TOKEN is used.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "token",
        requires = "inbox"
    )]
    pub token_file: Option<PathBuf>,
    /// The clinic's reader token itself (it may begin with `-`). Other users of this
    /// machine can see it (`ps`, /proc) while the command runs, and it stays in the shell's
    /// history: prefer --token-file or ASI_READER_TOKEN.
    #[arg(
        long,
        value_name = "TOKEN",
        allow_hyphen_values = true,
        requires = "inbox"
    )]
    pub token: Option<String>,
}

#[derive(Debug, Args)]
pub struct LinksArgs {
    /// The inbox's address, e.g. http://localhost:8080.
    #[arg(long, value_name = "URL")]
    pub inbox: String,
    #[command(flatten)]
    pub token: ReaderTokenArgs,
    /// The clinic id (in the links' addresses; must be the reader token's clinic).
    #[arg(long)]
    pub clinic: String,
    /// The form the links ask for: asi_kort or trivsel.
    #[arg(long)]
    pub form: String,
    /// The timepoint the links ask for, e.g. followup_40w.
    #[arg(long)]
    pub timepoint: String,
    /// Days the links stay valid: the last valid day is today (UTC) plus DAYS.
    #[arg(long, value_name = "DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub expires: u32,
    /// The app's address in the links (default: the inbox, which serves the app).
    #[arg(long, value_name = "URL")]
    pub app: Option<String>,
    /// Write the CSV to FILE (mode 0600; an existing file is not overwritten) instead of
    /// standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// CSV of person references, the first column the reference (a first row `ref` is a
    /// header); `-` or nothing reads standard input.
    #[arg(value_name = "REFS.csv")]
    pub refs: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The clinic's private key file.
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    /// The inbox's address, e.g. http://localhost:8080 (without it, envelopes are read from
    /// FILE or standard input).
    #[arg(long, value_name = "URL")]
    pub inbox: Option<String>,
    #[command(flatten)]
    pub token: ReaderTokenArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// CSV with a header row.
    Csv,
    /// JSON lines.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the private key file; an existing file is not overwritten.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SealArgs {
    /// The clinic's public key (base64url; it may start with "-").
    #[arg(long, value_name = "B64U", allow_hyphen_values = true)]
    pub public_key: String,
    /// The clinic id.
    #[arg(long, default_value = "demo")]
    pub clinic: String,
    /// The form the records answer (asi_kort or trivsel); a record with an item of another
    /// form is refused.
    #[arg(long, default_value = "asi_kort")]
    pub form: String,
    /// The timepoint answered (intake, midway, discharge, aftercare, followup_40w,
    /// followup_6m, self_screening).
    #[arg(long, default_value = "self_screening")]
    pub timepoint: String,
    /// The day of completion (YYYY-MM-DD); today (UTC) when absent.
    #[arg(long)]
    pub day: Option<String>,
    /// A follow-up link's token (makes the mode "link"; it may begin with `-`).
    #[arg(long, allow_hyphen_values = true)]
    pub token: Option<String>,
    /// The mode when there is no token: anonymous or identified (only an identified
    /// response may carry CPR number, name and date).
    #[arg(long, default_value = "anonymous")]
    pub mode: String,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The clinic's private key file.
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// JSON lines file, one answer record per line; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Hold every record to this form (asi_kort or trivsel): an item of another form, as
    /// the instrument's forms and sections define them, is a problem. Without it, any item
    /// of the questionnaire is accepted.
    #[arg(long, value_name = "FORM")]
    pub form: Option<String>,
    /// With --form: the records are identified responses, so CPR number, name and date
    /// belong to them too (as with `asi seal --mode identified`).
    #[arg(long, requires = "form")]
    pub identified: bool,
    #[command(flatten)]
    pub input: InputArgs,
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
