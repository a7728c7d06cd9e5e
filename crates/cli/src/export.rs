//! `asi export`: envelopes from the inbox (or a file), opened and rescored locally.

use asi_export::{to_csv, to_jsonl};
use asi_instrument::Lang;

use crate::cli::{ExportArgs, Format};
use crate::error::{CliError, Outcome};
use crate::open::read_keys;
use crate::{private_file, source};

pub fn run(args: &ExportArgs, lang: Lang) -> Result<Outcome, CliError> {
    let keys = read_keys(&args.keys.files)?;
    // Claim the output file first: never fetch what could not be kept.
    let mut out = args.out.as_deref().map(private_file::create).transpose()?;
    let lines = private_file::discard_on_error(
        source::envelopes(args.inbox.as_deref(), &args.token, &args.input, lang),
        &mut out,
        args.out.as_deref(),
    )?;
    let (responses, outcome) = source::open_all(&keys, lines, lang);
    let rows = match args.format {
        Format::Csv => to_csv(&responses),
        Format::Jsonl => to_jsonl(&responses),
    };
    private_file::write_out(&mut out, args.out.as_deref(), rows.as_bytes())?;
    Ok(outcome)
}
