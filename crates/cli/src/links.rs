//! `asi links`: single-use follow-up links (`docs/links.md`). Each reference gets a token of
//! 256 random bits; the inbox receives only the tokens' SHA-256, and the list linking
//! references to tokens is written only on the clinic's machine.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use asi_instrument::Lang;
use asi_protocol::{LinkBatch, LinksCreated, NewLink};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::cli::LinksArgs;
use crate::error::{CliError, Outcome};
use crate::inbox::Inbox;
use crate::{private_file, refs};

/// Random bytes per token (256 bits).
pub const TOKEN_BYTES: usize = 32;
/// The most links registered in one request (the inbox's limit).
pub const BATCH: usize = 1000;

/// One person's link.
struct Link {
    reference: String,
    token: String,
}

/// A fresh token: [`TOKEN_BYTES`] from the system's random number generator, base64url
/// without padding.
fn token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).expect("the system's random number generator is available");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `text` with every byte outside RFC 3986's unreserved characters percent-encoded.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `<app>/?klinik=<clinic>&form=<form>&timepoint=<timepoint>#token=<token>`: the token in
/// the fragment, which a browser never sends to a server.
pub fn url(app: &str, clinic: &str, form: &str, timepoint: &str, token: &str) -> String {
    format!(
        "{}/?klinik={}&form={}&timepoint={}#token={token}",
        app.trim_end_matches('/'),
        percent_encode(clinic),
        percent_encode(form),
        percent_encode(timepoint),
    )
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
fn register(
    inbox: &Inbox,
    args: &LinksArgs,
    links: &[Link],
    expires: &str,
) -> Result<(), CliError> {
    for batch in links.chunks(BATCH) {
        let batch = LinkBatch {
            links: batch
                .iter()
                .map(|link| NewLink {
                    token_sha256: asi_protocol::token_hash(&link.token),
                    form: args.form.clone(),
                    timepoint: args.timepoint.clone(),
                    expires: expires.to_owned(),
                })
                .collect(),
            clinic: Some(args.clinic.clone()),
        };
        let _: LinksCreated = inbox.post("/api/v1/links", &batch)?;
    }
    Ok(())
}

/// The CSV `ref,token,url`.
fn to_csv(args: &LinksArgs, links: &[Link]) -> Result<Vec<u8>, CliError> {
    let app = args.app.as_deref().unwrap_or(&args.inbox);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| CliError::Write(std::io::Error::other(e));
    writer
        .write_record(["ref", "token", "url"])
        .map_err(csv_error)?;
    for link in links {
        let url = url(app, &args.clinic, &args.form, &args.timepoint, &link.token);
        writer
            .write_record([link.reference.as_str(), link.token.as_str(), url.as_str()])
            .map_err(csv_error)?;
    }
    writer
        .into_inner()
        .map_err(|e| CliError::Write(e.into_error()))
}

pub fn run(args: &LinksArgs, lang: Lang) -> Result<Outcome, CliError> {
    check_form(&args.form, &args.timepoint)?;
    let inbox = Inbox::new(&args.inbox, args.token.resolve(lang)?);
    let references = refs::read(args.refs.as_deref())?;
    // Claim the output file first: never register links whose tokens could not be kept.
    let mut out = args.out.as_deref().map(private_file::create).transpose()?;
    let links: Vec<Link> = references
        .into_iter()
        .map(|reference| Link {
            reference,
            token: token(),
        })
        .collect();
    let csv =
        register(&inbox, args, &links, &expiry(args.expires)).and_then(|()| to_csv(args, &links));
    let csv = private_file::discard_on_error(csv, &mut out, args.out.as_deref())?;
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
