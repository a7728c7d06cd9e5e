//! `asi links`: single-use follow-up links (`docs/links.md`). Each reference gets a token of
//! 256 random bits; the inbox receives only the tokens' SHA-256, and the list linking
//! references to tokens is written only on the clinic's machine.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use asi_instrument::Lang;
use asi_protocol::{LinkBatch, LinksCreated};
use asi_reader::links::{LinkFor, MadeLink, TOKEN_BYTES, refs_csv};

use crate::cli::LinksArgs;
use crate::error::{CliError, Outcome};
use crate::inbox::Inbox;
use crate::{private_file, refs};

/// The most links registered in one request (the inbox's limit).
pub const BATCH: usize = 1000;

/// [`TOKEN_BYTES`] from the system's random number generator.
fn random() -> [u8; TOKEN_BYTES] {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).expect("the system's random number generator is available");
    bytes
}

/// Checks `form` and `timepoint` against the instrument.
fn check_form(form: &str, timepoint: &str) -> Result<(), CliError> {
    asi_instrument::instrument().form_at(form, timepoint)?;
    Ok(())
}

/// The last valid day (UTC) of a link made now that lasts `days` days.
fn expiry(days: u32) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    asi_instrument::date::iso_day(now + i64::from(days) * 86_400)
}

/// Registers the links' hashes, [`BATCH`] at a time.
fn register(inbox: &Inbox, link_for: &LinkFor, links: &[MadeLink]) -> Result<(), CliError> {
    for batch in links.chunks(BATCH) {
        let batch = LinkBatch {
            links: batch
                .iter()
                .map(|link| link_for.registration(&link.token))
                .collect(),
            clinic: Some(link_for.clinic.to_owned()),
        };
        let _: LinksCreated = inbox.post("/api/v1/links", &batch)?;
    }
    Ok(())
}

pub fn run(args: &LinksArgs, lang: Lang) -> Result<Outcome, CliError> {
    check_form(&args.form, &args.timepoint)?;
    let inbox = Inbox::new(&args.inbox, args.token.resolve(lang)?);
    let references = refs::read(args.refs.as_deref())?;
    // Claim the output file first: never register links whose tokens could not be kept.
    let mut out = args.out.as_deref().map(private_file::create).transpose()?;
    let expires = expiry(args.expires);
    let link_for = LinkFor {
        clinic: &args.clinic,
        form: &args.form,
        timepoint: &args.timepoint,
        expires: &expires,
        app: args.app.as_deref().unwrap_or(&args.inbox),
    };
    let links: Vec<MadeLink> = references
        .iter()
        .map(|reference| link_for.make(reference, random()))
        .collect();
    let registered = register(&inbox, &link_for, &links);
    private_file::discard_on_error(registered, &mut out, args.out.as_deref())?;
    let csv = refs_csv(&links).into_bytes();
    match (&mut out, &args.out) {
        (Some(file), Some(path)) => file
            .write_all(&csv)
            .and_then(|()| file.sync_all())
            .map_err(|source| CliError::WriteFile {
                path: path.clone(),
                source,
            })?,
        _ => std::io::stdout().lock().write_all(&csv)?,
    }
    Ok(Outcome::AllValid)
}
