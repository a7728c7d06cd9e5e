//! Envelopes for the commands that read the clinic's responses (`asi export`, `asi report`):
//! fetched from the inbox page by page or read from a file, then opened with the clinic's
//! key ring, each one that cannot be opened reported on standard error.

use asi_export::{KeyRing, OpenError, Response, open_envelope};
use asi_instrument::Lang;
use asi_protocol::EnvelopePage;

use crate::cli::{EnvelopesInput, ReaderTokenArgs};
use crate::error::{CliError, Outcome};
use crate::inbox::Inbox;
use crate::records;

/// Every envelope of the clinic, page by page.
fn fetch(client: &Inbox) -> Result<Vec<String>, CliError> {
    let mut envelopes = Vec::new();
    let mut after = String::new();
    loop {
        let page: EnvelopePage =
            client.get(&format!("/api/v1/envelopes?after={after}&limit=1000"))?;
        if page.items.is_empty() {
            return Ok(envelopes);
        }
        envelopes.extend(page.items.iter().map(|i| i.to_string()));
        after = page.next;
    }
}

/// The envelopes, numbered from 1: fetched from the inbox at `inbox` (with the reader
/// token), or read from the input file (standard input without one).
pub fn envelopes(
    inbox: Option<&str>,
    token: &ReaderTokenArgs,
    input: &EnvelopesInput,
    lang: Lang,
) -> Result<Vec<(usize, String)>, CliError> {
    match inbox {
        Some(inbox) => Ok(fetch(&Inbox::new(inbox, token.resolve(lang)?))?
            .into_iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .collect()),
        None => {
            let mut lines = Vec::new();
            records::for_each_line(input.file.as_deref(), |n, line| {
                lines.push((n, line.to_owned()));
                Ok(())
            })?;
            Ok(lines)
        }
    }
}

/// The envelopes opened into responses; each that cannot be opened is reported on standard
/// error (in `lang`) and makes the outcome [`Outcome::SomeInvalid`].
pub fn open_all(
    keys: &KeyRing,
    lines: Vec<(usize, String)>,
    lang: Lang,
) -> (Vec<Response>, Outcome) {
    let mut outcome = Outcome::AllValid;
    let mut responses = Vec::new();
    for (n, line) in lines {
        match open_envelope(keys, &line) {
            Ok(response) => responses.push(response),
            Err(e) => {
                outcome = Outcome::SomeInvalid;
                match &e {
                    OpenError::Payload { .. } => eprintln!("{}", e.message(lang)),
                    _ => eprintln!(
                        "{}",
                        texts::CANNOT_OPEN.fill(lang, &[("n", &n), ("reason", &e.message(lang))])
                    ),
                }
            }
        }
    }
    (responses, outcome)
}

/// The texts of reading envelopes.
pub mod texts {
    asi_i18n::texts! {
        CANNOT_OPEN = (
            "konvolut nr. {n} kan ikke åbnes: {reason}",
            "envelope no. {n} cannot be opened: {reason}",
        );
    }
}
