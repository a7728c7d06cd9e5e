//! Command-line arguments. Every argument's help says what it reads (which format, from
//! which command) and what it writes (where, with which mode, whether it overwrites).

use std::path::PathBuf;

use asi_instrument::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// The clinic's command line for ASI kort and Trivsel & forbrug responses.
///
/// Checks and scores answer records, makes the clinic's key pair, seals and opens
/// envelopes, exports the clinic's responses and makes follow-up links. Input is JSON lines
/// (one JSON object per line) from FILE or standard input; results go to standard output,
/// problems to standard error. Exit status: 0 everything valid, 1 some record or envelope
/// invalid (each is reported, the others are processed), 2 the command could not run.
#[derive(Debug, Parser)]
#[command(name = "asi", version)]
pub struct Cli {
    /// Language of messages, problems and warnings.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Da)]
    lang: LangArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score answer records and print one line of scores per record.
    ///
    /// Reads answer records (JSON lines) and writes one JSON line of scores per valid record
    /// to standard output: `economy, medical, psychiatric, alcohol, legal, drug, asi6,
    /// wellbeing, drug_free, scoring_version`, with null where a score cannot be computed.
    /// Invalid records are reported on standard error with their line number, are not
    /// scored, and make the exit status 1.
    Score(ScoreArgs),
    /// Check answer records against the questionnaire (and, with --form, against one form).
    ///
    /// Reads answer records (JSON lines) and writes nothing but messages: every problem,
    /// with its line number and item id, on standard output, then a count of the invalid
    /// records (on standard error when there are any). The exit status is 1 when any record
    /// is invalid.
    Validate(ValidateArgs),
    /// Make the clinic's key pair: a new private key file and its public key.
    ///
    /// Writes the private key to the --out file (mode 0600; an existing file is never
    /// overwritten, since losing a private key loses every response sealed to it) and
    /// prints `{"public_key", "key_id"}` as one JSON line on standard output (the public key
    /// goes into the inbox's configuration and `asi seal --public-key`). On standard error
    /// it says how to keep a second copy of the key (`asi key paper`).
    Keygen(KeygenArgs),
    /// Seal answer records into envelopes, for tests and demo data.
    ///
    /// Reads answer records (JSON lines), checks each against the questionnaire and the
    /// form (--form; an item of another form is refused), scores it and seals it to the
    /// public key; writes one envelope (one JSON line) per valid record to standard output,
    /// in the format the inbox takes and `asi open` / `asi export` read. Invalid records
    /// are reported on standard error and make the exit status 1. --lang is also recorded
    /// in the response as the language it was answered in.
    Seal(SealArgs),
    /// Open envelopes with the clinic's private key and print what is inside.
    ///
    /// Reads envelopes (JSON lines, as `asi seal` writes them) and writes each one's
    /// plaintext (the response: answers, scores, versions, mode) as one JSON line on
    /// standard output. A wrong key or any change to an envelope is reported on standard
    /// error for that envelope and makes the exit status 1.
    Open(OpenArgs),
    /// Export the clinic's responses: envelopes opened and rescored on this machine.
    ///
    /// Reads envelopes from the inbox (--inbox, with the reader token) or from FILE /
    /// standard input (JSON lines, as `asi seal` writes them or the inbox lists them),
    /// opens them with the private key, rescores them, and writes one row per response —
    /// the metadata, every item id and the scores, with `scores_match` flagging scores that
    /// differ from the rescore — as CSV or JSON lines to standard output or the --out file.
    /// The rows hold the decrypted answers (for identified intakes CPR number and name):
    /// prefer --out, which makes the file readable by its owner only, to `> FILE`, which
    /// makes it with the shell's default mode. Envelopes that cannot be opened are reported
    /// on standard error (exit status 1); the others are written.
    Export(ExportArgs),
    /// Make single-use follow-up links for the clinic's person references.
    ///
    /// Reads person references (CSV), makes a random token per reference, registers only
    /// the tokens' SHA-256 at the inbox (with the reader token), and writes `ref,token,url`
    /// as CSV to standard output or the --out file. Keep that list on the clinic's machine:
    /// it links people to their tokens.
    Links(LinksArgs),
    /// The clinic's key file: a paper copy, restoring the file from it, and checking it
    /// against the inbox.
    ///
    /// The key file is the only way to read the clinic's responses: keep a second copy
    /// (`asi key paper`) somewhere else than the machine that holds the file.
    Key(KeyArgs),
    /// Make the clinic's evaluation report: the HCS evaluation's tables and figures for the
    /// clinic's own responses, as self-contained HTML or JSON.
    ///
    /// Reads envelopes from the inbox (--inbox, with the reader token; then also each
    /// link's state, asked by its token's hash) or from FILE / standard input, opens them
    /// with the private key, and reads the `ref,token,url` files (--refs) and the register
    /// file (--register, `docs/report.md`). Writes the report to standard output or the
    /// --out file: HTML (Danish, charts as inline SVG beside their tables, printable to
    /// PDF) or JSON (every number with its n). It names people by the clinic's references
    /// (the list of who has not answered): prefer --out, which makes the file readable by
    /// its owner only. Bad register values and envelopes that cannot be opened are reported
    /// on standard error (exit status 1); the report is made without them.
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub keys: KeyFiles,
    /// Fetch the envelopes from the inbox at URL (every envelope of the reader token's
    /// clinic; none is deleted), and ask it the state of each link of the --refs files (by
    /// the token's SHA-256 only). Without it, envelopes are read from FILE or standard
    /// input, and there are no response rates from links.
    #[arg(long, value_name = "URL")]
    pub inbox: Option<String>,
    #[command(flatten)]
    pub token: ReaderTokenArgs,
    /// A `ref,token,url` file written by `asi links` (read only); repeat it for each one.
    /// It ties link responses to the clinic's references.
    #[arg(long = "refs", value_name = "FILE")]
    pub refs: Vec<PathBuf>,
    /// The clinic's register file (CSV, read only; docs/report.md): one row per person with
    /// `ref` and optionally intake_date, discharge_date, ending, sessions, age, birth_date,
    /// sex, cpr and grouping columns.
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,
    /// The clinic's references are CPR numbers: age and sex come from them where the
    /// register does not give them.
    #[arg(long)]
    pub refs_are_cpr: bool,
    /// Only courses that began on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    pub from: Option<String>,
    /// Only courses that began on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    pub to: Option<String>,
    /// The measurement points to show, comma-separated, of intake, midway, discharge and
    /// followup_40w (default: all four). The outcomes are measured at the last one.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub timepoints: Vec<String>,
    /// Split the profile tables by this grouping column of the register (e.g. a site).
    #[arg(long, value_name = "COLUMN")]
    pub group_by: Option<String>,
    /// What to write.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Write the report to FILE instead of standard output: a new file, mode 0600 (it names
    /// people by their references); an existing file is never overwritten (the command
    /// stops), and the file is removed if the envelopes cannot be fetched or read.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub input: EnvelopesInput,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page (Danish).
    Html,
    /// JSON: every number of the report with its n.
    Json,
}

#[derive(Debug, Args)]
pub struct KeyArgs {
    #[command(subcommand)]
    pub command: KeyCommand,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Write a printable recovery form: the private key as a paper code.
    ///
    /// Writes a page of plain text (Danish, at most 72 characters a line, to print with
    /// any printer: `lp FILE`) with the key id, today's date, the private key as a code of
    /// 13 blocks of 5 characters with a checksum (docs/envelope.md §6), and how to restore
    /// the key file from it (`asi key recover`). The page IS the private key: print it, keep
    /// it locked away, and delete the file.
    Paper(KeyPaperArgs),
    /// Restore the key file from the paper code.
    ///
    /// Reads the code from standard input, never from the command line (where other users
    /// see it in `ps`): typed at the terminal (ended by an empty line; a mistyped code is
    /// explained and asked for again) or piped. Spaces, dashes, line breaks and capitals are
    /// ignored. Writes the key file exactly as `asi keygen` wrote it (mode 0600; an
    /// existing file is never overwritten) and prints `{"public_key", "key_id"}` as one
    /// JSON line on standard output, like `asi keygen`. A mistyped code is named by its
    /// block and the file is not written (exit status 2).
    Recover(KeyRecoverArgs),
    /// Check that a key file is the key the inbox hands out to the clinic's citizens.
    ///
    /// Fetches the clinic's public settings (GET /api/v1/clinics/<id>, no token needed) and
    /// says yes — the key file's public key is the one the inbox hands out — or no, with
    /// both key ids. Exit status: 0 yes, 1 no, 2 the check could not be made.
    Check(KeyCheckArgs),
}

#[derive(Debug, Args)]
pub struct KeyPaperArgs {
    /// The clinic's private key file, written by `asi keygen --out` (read only).
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    /// Write the page to FILE instead of standard output: a new file, mode 0600 (it holds
    /// the private key); an existing file is never overwritten (the command stops).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct KeyRecoverArgs {
    /// Where to write the restored private key file: a new file, mode 0600, written once a
    /// code is read (whether it can be made is tried before the code is asked for); an
    /// existing file is never overwritten (the command stops). Never standard output.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct KeyCheckArgs {
    /// The clinic's private key file to check, written by `asi keygen --out` (read only).
    #[arg(value_name = "FILE")]
    pub key: PathBuf,
    /// The inbox's address, e.g. http://localhost:8080.
    #[arg(long, value_name = "URL")]
    pub inbox: String,
    /// The clinic id whose settings to fetch.
    #[arg(long)]
    pub clinic: String,
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
    /// The inbox's address, e.g. http://localhost:8080: the links' hashes are registered
    /// there (POST /api/v1/links).
    #[arg(long, value_name = "URL")]
    pub inbox: String,
    #[command(flatten)]
    pub token: ReaderTokenArgs,
    /// The clinic id (in the links' addresses; must be the reader token's clinic).
    #[arg(long)]
    pub clinic: String,
    /// The form the links ask for: asi_kort, trivsel or inddragelse.
    #[arg(long)]
    pub form: String,
    /// The timepoint the links ask for, e.g. followup_40w (the form must be used at it).
    #[arg(long)]
    pub timepoint: String,
    /// Days the links stay valid: the last valid day is today (UTC) plus DAYS.
    #[arg(long, value_name = "DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub expires: u32,
    /// The app's address in the links (default: the inbox, which serves the app).
    #[arg(long, value_name = "URL")]
    pub app: Option<String>,
    /// Write the `ref,token,url` CSV to FILE instead of standard output: a new file, mode
    /// 0600, made before anything is registered; an existing file is never overwritten (the
    /// command stops), and the file is removed if the inbox refuses.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// CSV of the clinic's person references, read only: the first column is the reference
    /// (other columns are ignored; a first row `ref` is a header); `-` or nothing reads
    /// standard input.
    #[arg(value_name = "REFS.csv")]
    pub refs: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub keys: KeyFiles,
    /// Fetch the envelopes from the inbox at URL, e.g. http://localhost:8080 (every
    /// envelope of the reader token's clinic; none is deleted). Without it, envelopes are
    /// read from FILE or standard input.
    #[arg(long, value_name = "URL")]
    pub inbox: Option<String>,
    #[command(flatten)]
    pub token: ReaderTokenArgs,
    /// What to write.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write the rows to FILE instead of standard output: a new file, mode 0600 (they hold
    /// the decrypted answers), made before anything is fetched; an existing file is never
    /// overwritten (the command stops), and the file is removed if the envelopes cannot be
    /// fetched or read.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub input: EnvelopesInput,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// CSV with a header row, one row per response.
    Csv,
    /// JSON lines, one object per response.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the new private key file (mode 0600); an existing file is never
    /// overwritten (the command stops).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SealArgs {
    /// The clinic's public key, base64url, as `asi keygen` prints it (`public_key`); write
    /// it `--public-key=KEY`, since a key may start with "-".
    #[arg(long, value_name = "B64U", allow_hyphen_values = true)]
    pub public_key: String,
    /// The clinic id, written into each envelope's clear metadata.
    #[arg(long, default_value = "demo")]
    pub clinic: String,
    /// The form the records answer (asi_kort, trivsel or inddragelse), written into each
    /// envelope's clear metadata; it must be used at --timepoint, and a record with an item
    /// of another form is refused.
    #[arg(long, default_value = "asi_kort")]
    pub form: String,
    /// The timepoint answered (intake, midway, discharge, aftercare, followup_40w,
    /// followup_6m, self_screening), written into each envelope's clear metadata.
    #[arg(long, default_value = "self_screening")]
    pub timepoint: String,
    /// The day of completion (YYYY-MM-DD), written into each envelope's clear metadata;
    /// today (UTC) when absent.
    #[arg(long)]
    pub day: Option<String>,
    /// A follow-up link's token (from `asi links`), written into each envelope's clear
    /// metadata; makes the mode "link" (it may begin with `-`).
    #[arg(long, allow_hyphen_values = true)]
    pub token: Option<String>,
    /// The mode when there is no token (only an identified response may carry CPR number,
    /// name and date).
    #[arg(long, value_enum, default_value_t = SealMode::Anonymous)]
    pub mode: SealMode,
    #[command(flatten)]
    pub input: RecordsInput,
}

/// How `asi seal`'s responses were given, when they answer no follow-up link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SealMode {
    /// Anonymous self-referral.
    Anonymous,
    /// Identified intake.
    Identified,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    #[command(flatten)]
    pub keys: KeyFiles,
    #[command(flatten)]
    pub input: EnvelopesInput,
}

/// The clinic's private key files that envelopes are opened with.
#[derive(Debug, Args)]
pub struct KeyFiles {
    /// The clinic's private key file, written by `asi keygen --out` (read only; it never
    /// leaves this machine). Repeat it for the clinic's earlier keys (`--key new.key --key
    /// old.key`): each envelope is opened with the key its key_id names; an envelope sealed
    /// to a key none of the files holds is reported with its key_id, and the others are
    /// opened. The same key in two files is used once.
    #[arg(long = "key", value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// Answer records to read.
#[derive(Debug, Args)]
pub struct RecordsInput {
    /// Answer records to read: JSON lines, one record (a JSON object keyed by item id,
    /// unanswered items absent) per line, blank lines skipped; `-` or nothing reads
    /// standard input. Only read.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// Envelopes to read.
#[derive(Debug, Args)]
pub struct EnvelopesInput {
    /// Envelopes to read: JSON lines, one envelope per line, as `asi seal` writes them or
    /// the inbox lists them; blank lines skipped; `-` or nothing reads standard input. Only
    /// read.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Hold every record to this form (asi_kort, trivsel or inddragelse): an item of
    /// another form, as the instrument's forms and sections define them, is a problem.
    /// Without it, any item of the questionnaire is accepted.
    #[arg(long, value_name = "FORM")]
    pub form: Option<String>,
    /// With --form: the records are identified responses, so CPR number, name and date
    /// belong to them too (as with `asi seal --mode identified`).
    #[arg(long, requires = "form")]
    pub identified: bool,
    #[command(flatten)]
    pub input: RecordsInput,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: RecordsInput,
    /// Score with this shipped specification version.
    #[arg(long, default_value = asi_instrument::scoring::CURRENT_VERSION, conflicts_with = "spec")]
    pub scoring: String,
    /// Score with the specification in this file instead (JSON, `docs/scoring-format.md`;
    /// e.g. corrected official weights). Only read.
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
