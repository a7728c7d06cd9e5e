//! `asi export`: envelopes from the inbox (or a file), opened and rescored locally.

use asi_export::{OpenError, open_envelope, to_csv, to_jsonl};
use asi_instrument::Lang;

use crate::cli::{ExportArgs, Format};
use crate::error::{CliError, Outcome};
use crate::inbox::Inbox;
use crate::open::read_key;
use crate::records;

/// Every envelope of the clinic, page by page.
fn fetch(client: &Inbox) -> Result<Vec<String>, CliError> {
    let malformed = |why: &str| client.fail(Some(200), why.to_owned());
    let mut envelopes = Vec::new();
    let mut after = String::new();
    loop {
        let page = client.get(&format!("/api/v1/envelopes?after={after}&limit=1000"))?;
        let items = page["items"]
            .as_array()
            .ok_or_else(|| malformed("no items"))?;
        if items.is_empty() {
            return Ok(envelopes);
        }
        envelopes.extend(items.iter().map(|i| i.to_string()));
        after = page["next"]
            .as_str()
            .ok_or_else(|| malformed("no next cursor"))?
            .to_owned();
    }
}

pub fn run(args: &ExportArgs, lang: Lang) -> Result<Outcome, CliError> {
    let secret = read_key(&args.key)?;
    let lines: Vec<(usize, String)> = match &args.inbox {
        Some(inbox) => fetch(&Inbox::new(inbox, args.token.resolve(lang)?))?
            .into_iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .collect(),
        None => {
            let mut lines = Vec::new();
            records::for_each_line(args.input.file.as_deref(), |n, line| {
                lines.push((n, line.to_owned()));
                Ok(())
            })?;
            lines
        }
    };
    let mut outcome = Outcome::AllValid;
    let mut responses = Vec::new();
    for (n, line) in lines {
        match open_envelope(&secret, &line) {
            Ok(response) => responses.push(response),
            Err(e) => {
                outcome = Outcome::SomeInvalid;
                match (lang, &e) {
                    (_, OpenError::Payload { .. }) => eprintln!("{}", e.message(lang)),
                    (Lang::Da, _) => {
                        eprintln!("konvolut nr. {n} kan ikke åbnes: {}", e.message(lang))
                    }
                    (Lang::En, _) => eprintln!("envelope no. {n} cannot be opened: {e}"),
                }
            }
        }
    }
    print!(
        "{}",
        match args.format {
            Format::Csv => to_csv(&responses),
            Format::Jsonl => to_jsonl(&responses),
        }
    );
    Ok(outcome)
}
