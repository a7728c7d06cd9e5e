//! `asi keygen`: the clinic's key pair.

use std::fs::OpenOptions;
use std::io::Write;

use asi_envelope::keys;

use crate::cli::KeygenArgs;
use crate::error::{CliError, Outcome};

pub fn run(args: &KeygenArgs) -> Result<Outcome, CliError> {
    let (secret, public) = keys::generate();
    let mut options = OpenOptions::new();
    // Never overwrite: losing a private key loses every response sealed to it.
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let write_error = |source| CliError::WriteFile {
        path: args.out.clone(),
        source,
    };
    let mut file = options.open(&args.out).map_err(write_error)?;
    file.write_all(
        secret
            .to_key_file(&format!("Public key: {}", public.to_text()))
            .as_bytes(),
    )
    .and_then(|()| file.sync_all())
    .map_err(write_error)?;
    #[derive(serde::Serialize)]
    struct Printed {
        public_key: String,
        key_id: String,
    }
    let printed = Printed {
        public_key: public.to_text(),
        key_id: public.key_id(),
    };
    println!(
        "{}",
        serde_json::to_string(&printed).map_err(std::io::Error::from)?
    );
    Ok(Outcome::AllValid)
}
