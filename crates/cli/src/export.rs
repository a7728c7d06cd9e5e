//! `asi export`: envelopes from the inbox (or a file), opened and rescored locally.

use std::io::Write;

use asi_export::{OpenError, open_envelope, to_csv, to_jsonl};
use asi_instrument::Lang;
use asi_protocol::EnvelopePage;

use crate::cli::{ExportArgs, Format};
use crate::error::{CliError, Outcome};
use crate::inbox::Inbox;
use crate::open::read_keys;
use crate::{private_file, records};

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

/// The envelopes, numbered from 1: fetched from the inbox, or read from the file.
fn envelopes(args: &ExportArgs, lang: Lang) -> Result<Vec<(usize, String)>, CliError> {
    match &args.inbox {
        Some(inbox) => Ok(fetch(&Inbox::new(inbox, args.token.resolve(lang)?))?
            .into_iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .collect()),
        None => {
            let mut lines = Vec::new();
            records::for_each_line(args.input.file.as_deref(), |n, line| {
                lines.push((n, line.to_owned()));
                Ok(())
            })?;
            Ok(lines)
        }
    }
}

pub fn run(args: &ExportArgs, lang: Lang) -> Result<Outcome, CliError> {
    let keys = read_keys(&args.keys.files)?;
    // Claim the output file first: never fetch what could not be kept.
    let mut out = args.out.as_deref().map(private_file::create).transpose()?;
    let lines =
        private_file::discard_on_error(envelopes(args, lang), &mut out, args.out.as_deref())?;
    let mut outcome = Outcome::AllValid;
    let mut responses = Vec::new();
    for (n, line) in lines {
        match open_envelope(&keys, &line) {
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
    let rows = match args.format {
        Format::Csv => to_csv(&responses),
        Format::Jsonl => to_jsonl(&responses),
    };
    match (&mut out, &args.out) {
        (Some(file), Some(path)) => file
            .write_all(rows.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|source| CliError::WriteFile {
                path: path.clone(),
                source,
            })?,
        _ => std::io::stdout().lock().write_all(rows.as_bytes())?,
    }
    Ok(outcome)
}

/// The texts of `asi export`.
pub mod texts {
    asi_i18n::texts! {
        CANNOT_OPEN = (
            "konvolut nr. {n} kan ikke åbnes: {reason}",
            "envelope no. {n} cannot be opened: {reason}",
        );
    }
}
