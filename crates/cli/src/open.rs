//! `asi open`: envelopes in, plaintext JSON out.

use std::path::{Path, PathBuf};

use asi_envelope::SecretKey;
use asi_export::{KeyRing, KeyRingError};
use asi_instrument::Lang;

use crate::cli::OpenArgs;
use crate::error::{CliError, Outcome};
use crate::records;

/// Reads one private key file (read only).
fn read_key_text(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })
}

/// Reads the clinic's private key file.
pub fn read_key(path: &Path) -> Result<SecretKey, CliError> {
    SecretKey::from_key_file(&read_key_text(path)?).map_err(|source| {
        CliError::KeyFile(KeyRingError::NotAKey {
            file: path.display().to_string(),
            source,
        })
    })
}

/// Reads the clinic's private key files (`--key`, repeated) into one key ring.
pub fn read_keys(paths: &[PathBuf]) -> Result<KeyRing, CliError> {
    let mut ring = KeyRing::new();
    for path in paths {
        ring.add_key_file(&path.display().to_string(), &read_key_text(path)?)?;
    }
    Ok(ring)
}

pub fn run(args: &OpenArgs, lang: Lang) -> Result<Outcome, CliError> {
    let keys = read_keys(&args.keys.files)?;
    let mut outcome = Outcome::AllValid;
    records::for_each_line(args.input.file.as_deref(), |line, text| {
        match keys.open(text) {
            Ok(opened) => println!("{}", String::from_utf8_lossy(&opened.plaintext)),
            Err(e) => {
                outcome = Outcome::SomeInvalid;
                eprintln!(
                    "{}",
                    texts::CANNOT_OPEN.fill(lang, &[("line", &line), ("reason", &e.message(lang))])
                );
            }
        }
        Ok(())
    })?;
    Ok(outcome)
}

/// The texts of `asi open`.
pub mod texts {
    asi_i18n::texts! {
        CANNOT_OPEN = (
            "linje {line}: konvolutten kan ikke åbnes: {reason}",
            "line {line}: the envelope cannot be opened: {reason}",
        );
    }
}
