//! `asi seal`: answer records in, envelopes out (for tests and demo data).

use std::time::{SystemTime, UNIX_EPOCH};

use asi_envelope::{Metadata, Mode, Payload, PublicKey, seal};
use asi_instrument::{Lang, date, instrument};

use crate::cli::SealArgs;
use crate::error::{CliError, Outcome};
use crate::records::{self, Claim};

pub fn run(args: &SealArgs, lang: Lang) -> Result<Outcome, CliError> {
    let public = PublicKey::from_text(&args.public_key).map_err(|source| CliError::Key {
        what: "--public-key".into(),
        source,
    })?;
    let mode = match (args.token.is_some(), args.mode.as_str()) {
        (true, _) => Mode::Link,
        (false, "anonymous") => Mode::Anonymous,
        (false, "identified") => Mode::Identified,
        (false, other) => {
            return Err(CliError::Invalid(format!(
                "--mode must be anonymous or identified, not {other}"
            )));
        }
    };
    // Each record is held to the form written into its envelope, which must be used at the
    // timepoint written with it (as the inbox requires).
    let claim = Claim {
        form: instrument().form_at(&args.form, &args.timepoint)?,
        identified: mode == Mode::Identified,
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let day = args.day.clone().unwrap_or_else(|| date::iso_day(now));
    records::for_each_valid(
        args.input.file.as_deref(),
        instrument(),
        Some(claim),
        lang,
        |line, answers| {
            let payload = Payload::complete(answers, mode, lang, date::rfc3339(now));
            let metadata = Metadata::new(
                &public,
                &args.clinic,
                &args.form,
                &args.timepoint,
                &day,
                args.token.as_deref(),
            );
            let envelope = seal(&public, &metadata, &payload.to_bytes())
                .map_err(|e| CliError::Invalid(format!("line {line}: {e}")))?;
            println!("{}", envelope.to_json());
            Ok(())
        },
    )
}
