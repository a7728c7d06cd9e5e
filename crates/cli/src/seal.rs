//! `asi seal`: answer records in, envelopes out (for tests and demo data).

use std::time::{SystemTime, UNIX_EPOCH};

use asi_envelope::{Metadata, PublicKey, seal};
use asi_instrument::{Lang, Mode, Payload, date, instrument};

use crate::cli::{SealArgs, SealMode};
use crate::error::{CliError, Outcome};
use crate::records::{self, Claim};

pub fn run(args: &SealArgs, lang: Lang) -> Result<Outcome, CliError> {
    let public: PublicKey = args.public_key.parse().map_err(|source| CliError::Key {
        what: "--public-key".into(),
        source,
    })?;
    let mode = match (&args.token, args.mode) {
        (Some(_), _) => Mode::Link,
        (None, SealMode::Anonymous) => Mode::Anonymous,
        (None, SealMode::Identified) => Mode::Identified,
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
    instrument().check_metadata(&args.form, &args.timepoint, &day)?;
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
                .map_err(|source| CliError::Seal { line, source })?;
            println!("{}", envelope.to_json());
            Ok(())
        },
    )
}
