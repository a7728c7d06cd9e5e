//! `asi report`: the clinic's evaluation report (`docs/report.md`), computed on this machine
//! by `asi-report` from the opened responses, the refs files, the register file and, with
//! `--inbox`, the links' states.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use asi_instrument::Lang;
use asi_protocol::LinkInfo;
use asi_reader::Refs;
use asi_report::{Day, Inputs, LinkStatus, Options, ReadOptions, Register};

use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{CliError, Outcome};
use crate::inbox::Inbox;
use crate::open::read_keys;
use crate::{private_file, source};

fn read_text(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })
}

/// Every `--refs` file, read into one map from token to reference.
fn read_refs(paths: &[std::path::PathBuf]) -> Result<Option<Refs>, CliError> {
    if paths.is_empty() {
        return Ok(None);
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for path in paths {
        let refs = Refs::parse(&read_text(path)?).map_err(|source| CliError::LinkRefs {
            path: path.clone(),
            source,
        })?;
        pairs.extend(refs.iter().map(|(t, r)| (t.to_owned(), r.to_owned())));
    }
    Ok(Some(pairs.into_iter().collect()))
}

/// The state of every link of `refs`, asked of the inbox by each token's SHA-256. A link the
/// inbox does not know (404) is left out, with a warning.
fn link_states(inbox: &Inbox, refs: &Refs, lang: Lang) -> Result<Vec<LinkStatus>, CliError> {
    let mut links = Vec::new();
    let mut unknown = 0;
    for (token, reference) in refs.iter() {
        let path = format!("/api/v1/links/{}", asi_protocol::token_hash(token));
        match inbox.get::<LinkInfo>(&path) {
            Ok(info) => links.push(LinkStatus::new(reference, info)),
            Err(CliError::Inbox {
                status: Some(404), ..
            }) => unknown += 1,
            Err(e) => return Err(e),
        }
    }
    if unknown > 0 {
        eprintln!("{}", texts::UNKNOWN_LINKS.fill(lang, &[("n", &unknown)]));
    }
    Ok(links)
}

fn day(option: &'static str, value: Option<&String>) -> Result<Option<Day>, CliError> {
    value
        .map(|v| {
            Day::parse_iso(v).ok_or_else(|| CliError::NotADay {
                option,
                value: v.clone(),
            })
        })
        .transpose()
}

fn today() -> Day {
    Day::at_unix_seconds(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    )
}

pub fn run(args: &ReportArgs, lang: Lang) -> Result<Outcome, CliError> {
    let keys = read_keys(&args.keys.files)?;
    let options = Options {
        from: day("--from", args.from.as_ref())?,
        to: day("--to", args.to.as_ref())?,
        timepoints: args
            .timepoints
            .iter()
            .map(|t| t.trim().to_owned())
            .collect(),
        group_by: args.group_by.clone(),
        today: today(),
    };
    let refs = read_refs(&args.refs)?;
    let register = args
        .register
        .as_deref()
        .map(|path| {
            Register::parse(
                &read_text(path)?,
                ReadOptions {
                    refs_are_cpr: args.refs_are_cpr,
                },
            )
            .map_err(|source| CliError::Register {
                path: path.to_owned(),
                source,
            })
        })
        .transpose()?;
    // Claim the output file first: never fetch what could not be kept.
    let mut out = args.out.as_deref().map(private_file::create).transpose()?;
    let fetched = source::envelopes(args.inbox.as_deref(), &args.token, &args.input, lang)
        .and_then(|lines| {
            let links = match (&args.inbox, &refs) {
                (Some(url), Some(refs)) => Some(link_states(
                    &Inbox::new(url, args.token.resolve(lang)?),
                    refs,
                    lang,
                )?),
                _ => None,
            };
            Ok((lines, links))
        });
    let (lines, links) = private_file::discard_on_error(fetched, &mut out, args.out.as_deref())?;
    let (responses, mut outcome) = source::open_all(&keys, lines, lang);
    if let Some(register) = &register {
        for problem in &register.problems {
            eprintln!("{}", problem.message(lang));
            outcome = Outcome::SomeInvalid;
        }
    }
    let inputs = Inputs {
        responses: &responses,
        refs: refs.as_ref(),
        register: register.as_ref(),
        links: links.as_deref(),
        options: &options,
    };
    let report = private_file::discard_on_error(
        asi_report::report(&inputs).map_err(CliError::Report),
        &mut out,
        args.out.as_deref(),
    )?;
    let text = match args.format {
        ReportFormat::Html => asi_report::html(&report),
        ReportFormat::Json => asi_report::json(&report),
    };
    private_file::write_out(&mut out, args.out.as_deref(), text.as_bytes())?;
    Ok(outcome)
}

/// The texts of `asi report`.
pub mod texts {
    asi_i18n::texts! {
        UNKNOWN_LINKS = (
            "asi: advarsel: indbakken kender ikke {n} af linkene i referencefilerne; de er ikke med i svarprocenterne",
            "asi: warning: the inbox does not know {n} of the links in the references files; they are not in the response rates",
        );
    }
}
