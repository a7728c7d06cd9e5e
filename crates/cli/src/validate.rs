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
    let summary = match invalid {
        0 => texts::ALL_VALID.fill(lang, &[("total", &total)]),
        n => texts::SOME_INVALID.fill(lang, &[("n", &n), ("total", &total)]),
    };
    if invalid == 0 {
        println!("{summary}");
        Ok(Outcome::AllValid)
    } else {
        eprintln!("{summary}");
        Ok(Outcome::SomeInvalid)
    }
}

/// The texts of `asi validate`.
pub mod texts {
    asi_i18n::texts! {
        ALL_VALID = ("Alle {total} besvarelser er gyldige.", "All {total} records are valid.");
        SOME_INVALID = ("{n} af {total} besvarelser er ugyldige.", "{n} of {total} records are invalid.");
    }
}
