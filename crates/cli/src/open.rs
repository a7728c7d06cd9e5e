//! `asi open`: envelopes in, plaintext JSON out.

use asi_envelope::{Envelope, SecretKey, open};
use asi_instrument::Lang;

use crate::cli::OpenArgs;
use crate::error::{CliError, Outcome};
use crate::records;

/// Reads the clinic's private key file.
pub fn read_key(path: &std::path::Path) -> Result<SecretKey, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    SecretKey::from_key_file(&text).map_err(|source| CliError::Key {
        what: path.display().to_string(),
        source,
    })
}

pub fn run(args: &OpenArgs, lang: Lang) -> Result<Outcome, CliError> {
    let secret = read_key(&args.key)?;
    let mut outcome = Outcome::AllValid;
    records::for_each_line(args.input.file.as_deref(), |line, text| {
        match Envelope::from_json(text).and_then(|envelope| open(&secret, &envelope)) {
            Ok(opened) => println!("{}", String::from_utf8_lossy(&opened.plaintext)),
            Err(e) => {
                outcome = Outcome::SomeInvalid;
                match lang {
                    Lang::Da => {
                        eprintln!(
                            "linje {line}: konvolutten kan ikke åbnes: {}",
                            e.message(Lang::Da)
                        )
                    }
                    Lang::En => eprintln!("line {line}: the envelope cannot be opened: {e}"),
                }
            }
        }
        Ok(())
    })?;
    Ok(outcome)
}
