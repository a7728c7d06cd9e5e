//! `asi keygen`: the clinic's key pair.

use std::io::Write;
use std::path::Path;

use asi_envelope::{KeyId, SecretKey, keys};
use asi_instrument::Lang;

use crate::cli::KeygenArgs;
use crate::error::{CliError, Outcome};
use crate::private_file;

/// The private key file's text, as `asi keygen` writes it (`docs/envelope.md` §2); `asi key
/// recover` writes the same bytes for the same key.
pub fn key_file(secret: &SecretKey) -> String {
    secret.to_key_file(&format!("Public key: {}", secret.public_key()))
}

/// Writes `secret`'s key file to `path` (a new file, mode 0600) and prints `{"public_key",
/// "key_id"}` as one JSON line on standard output.
pub fn write_key_file(
    file: &mut std::fs::File,
    path: &Path,
    secret: &SecretKey,
) -> Result<(), CliError> {
    file.write_all(key_file(secret).as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|source| CliError::WriteFile {
            path: path.to_owned(),
            source,
        })?;
    #[derive(serde::Serialize)]
    struct Printed {
        public_key: String,
        key_id: KeyId,
    }
    let public = secret.public_key();
    let printed = Printed {
        public_key: public.to_string(),
        key_id: public.key_id(),
    };
    println!(
        "{}",
        serde_json::to_string(&printed).map_err(std::io::Error::from)?
    );
    Ok(())
}

pub fn run(args: &KeygenArgs, lang: Lang) -> Result<Outcome, CliError> {
    let (secret, _) = keys::generate();
    // Never overwrite: losing a private key loses every response sealed to it.
    let mut file = private_file::create(&args.out)?;
    write_key_file(&mut file, &args.out, &secret)?;
    eprintln!(
        "{}",
        backup_warning(&args.out, &secret.public_key().key_id(), lang)
    );
    Ok(Outcome::AllValid)
}

/// What the clinic must do now that the key file exists: keep a second copy, never send it.
fn backup_warning(path: &Path, key_id: &KeyId, lang: Lang) -> String {
    texts::BACKUP.fill(lang, &[("path", &path.display()), ("key_id", key_id)])
}

/// The texts of `asi keygen`.
pub mod texts {
    asi_i18n::texts! {
        BACKUP = (
            "asi: VIGTIGT: {path} er klinikkens private nøgle (nøgle-id {key_id}).
- Filen er den ENESTE måde at læse de svar på, der forsegles til nøglen. Mister I
  den, er alle de svar tabt for altid; ingen kan åbne dem.
- Lav en kopi nu, og opbevar den et andet sted end computeren: på et andet
  medie, fx en krypteret USB-nøgle i et aflåst skab, og på papir:
  asi key paper --key {path} --out noegleark.txt
  (udskriv arket, lås det inde, og slet filen noegleark.txt).
- Send aldrig nøglefilen med e-mail, og læg den aldrig på et delt drev eller i en
  delt mappe i skyen.",
            "asi: IMPORTANT: {path} is the clinic's private key (key id {key_id}).
- This file is the ONLY way to read the responses sealed to the key. If it is
  lost, every one of those responses is lost for good; nobody can open them.
- Make a copy now and keep it somewhere else than this computer: on a second
  medium, e.g. an encrypted USB stick in a locked cabinet, and on paper:
  asi key paper --key {path} --out key-sheet.txt
  (print the sheet, lock it away, and delete the file key-sheet.txt).
- Never email the key file, and never put it on a shared drive or in a shared
  cloud folder.",
        );
    }
}
