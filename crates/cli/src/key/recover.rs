//! `asi key recover`: the key file again, from the paper code typed on standard input.
//!
//! The code is read from standard input only, never from an argument: an argument is
//! visible to every user of the machine (`ps`, /proc) and stays in the shell's history.

use std::io::{BufRead, IsTerminal};

use asi_envelope::SecretKey;
use asi_envelope::recovery::{self, RecoveryError};
use asi_instrument::Lang;

use crate::cli::KeyRecoverArgs;
use crate::error::{CliError, Outcome};
use crate::keygen::write_key_file;
use crate::private_file;

pub fn run(args: &KeyRecoverArgs, lang: Lang) -> Result<Outcome, CliError> {
    // Nobody should type 65 characters for a file that cannot be made: try making it first.
    // It is removed again while the code is typed, so an interrupted command (Ctrl-C)
    // leaves no empty key file behind.
    drop(private_file::create(&args.out)?);
    let _ = std::fs::remove_file(&args.out);
    let secret = read_code(lang)?;
    let mut file = private_file::create(&args.out)?;
    let written = write_key_file(&mut file, &args.out, &secret);
    private_file::discard_on_error(written, &mut Some(file), Some(&args.out))?;
    let key_id = secret.public_key().key_id();
    let path = args.out.display();
    eprintln!(
        "{}",
        match lang {
            Lang::Da => format!(
                "asi: nøglefilen {path} er genskabt (nøgle-id {key_id}). Tjek, at nøgle-id'et \
                 er det samme som på arket, og om indbakken bruger nøglen: asi key check {path} \
                 --inbox ADRESSE --clinic KLINIK-ID"
            ),
            Lang::En => format!(
                "asi: the key file {path} is restored (key id {key_id}). Check that the key id \
                 is the one on the form, and whether the inbox uses the key: asi key check \
                 {path} --inbox URL --clinic CLINIC-ID"
            ),
        }
    );
    Ok(Outcome::AllValid)
}

/// Reads codes from standard input until one is a key. At a terminal a mistyped code is
/// explained and asked for again; from a pipe or file it stops the command.
fn read_code(lang: Lang) -> Result<SecretKey, CliError> {
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let mut input = stdin.lock();
    loop {
        if interactive {
            eprintln!(
                "{}",
                match lang {
                    Lang::Da =>
                        "Skriv genopretningskoden fra arket (13 blokke; mellemrum og \
                                 bindestreger er ligegyldige). Afslut med en tom linje:",
                    Lang::En =>
                        "Type the recovery code from the form (13 blocks; spaces and \
                                 dashes do not matter). End with an empty line:",
                }
            );
        }
        let Some(typed) = read_until_empty_line(&mut input)? else {
            return Err(RecoveryError::Empty.into());
        };
        match recovery::decode(&typed) {
            Ok(secret) => return Ok(secret),
            Err(e) if interactive => {
                let e = CliError::from(e);
                eprintln!("asi: {}", e.message(lang));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The lines up to an empty line after some text, or to the end of the input, joined;
/// `None` at the end of the input with nothing typed.
fn read_until_empty_line(input: &mut impl BufRead) -> Result<Option<String>, CliError> {
    let mut typed = String::new();
    loop {
        let mut line = String::new();
        let read = input
            .read_line(&mut line)
            .map_err(|source| CliError::Read {
                path: "-".into(),
                source,
            })?;
        if read == 0 {
            return Ok((!typed.is_empty()).then_some(typed));
        }
        match (line.trim().is_empty(), typed.is_empty()) {
            (true, true) => {}
            (true, false) => return Ok(Some(typed)),
            (false, _) => typed.push_str(&line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_ends_at_an_empty_line_or_the_end_of_the_input() {
        let mut input = "\n\nasike y1abc\nxyz\n\nnext\n".as_bytes();
        assert_eq!(
            read_until_empty_line(&mut input).unwrap().as_deref(),
            Some("asike y1abc\nxyz\n")
        );
        assert_eq!(
            read_until_empty_line(&mut input).unwrap().as_deref(),
            Some("next\n")
        );
        assert_eq!(read_until_empty_line(&mut input).unwrap(), None);
    }
}
