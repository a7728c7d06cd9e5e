//! `asi keygen`: the clinic's key pair.

use std::io::Write;

use asi_envelope::keys;

use crate::cli::KeygenArgs;
use crate::error::{CliError, Outcome};
use crate::private_file;

pub fn run(args: &KeygenArgs) -> Result<Outcome, CliError> {
    let (secret, public) = keys::generate();
    // Never overwrite: losing a private key loses every response sealed to it.
    let mut file = private_file::create(&args.out)?;
    let write_error = |source| CliError::WriteFile {
        path: args.out.clone(),
        source,
    };
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
