//! `asi validate`: every problem of every record, with line numbers and item ids; with
//! `--form`, an item of another form is a problem too.

use asi_instrument::{Lang, instrument};

use crate::cli::ValidateArgs;
use crate::error::{CliError, Outcome};
use crate::records::{self, Claim};

pub fn run(args: &ValidateArgs, lang: Lang) -> Result<Outcome, CliError> {
    let claim = match &args.form {
        Some(form) => Some(Claim {
            form: instrument().known_form(form)?,
            identified: args.identified,
        }),
        None => None,
    };
    let (mut total, mut invalid) = (0usize, 0usize);
    records::for_each(
        args.input.file.as_deref(),
        instrument(),
        claim,
        |line, record| {
            total += 1;
            if let Err(problem) = record {
                invalid += 1;
                for message in records::describe(line, &problem, lang) {
                    println!("{message}");
                }
            }
            Ok(())
        },
    )?;
    let summary = match (lang, invalid) {
        (Lang::Da, 0) => format!("Alle {total} besvarelser er gyldige."),
        (Lang::Da, n) => format!("{n} af {total} besvarelser er ugyldige."),
        (Lang::En, 0) => format!("All {total} records are valid."),
        (Lang::En, n) => format!("{n} of {total} records are invalid."),
    };
    if invalid == 0 {
        println!("{summary}");
        Ok(Outcome::AllValid)
    } else {
        eprintln!("{summary}");
        Ok(Outcome::SomeInvalid)
    }
}
