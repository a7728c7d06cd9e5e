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
    eprintln!(
        "{}",
        texts::RESTORED.fill(lang, &[("path", &args.out.display()), ("key_id", &key_id)])
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
            eprintln!("{}", texts::PROMPT.get(lang));
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

/// Why a typed code is not a key, in `lang`.
pub fn recovery_message(error: &RecoveryError, lang: Lang) -> String {
    use texts::*;
    match error {
        RecoveryError::Empty => EMPTY.get(lang).to_owned(),
        RecoveryError::Prefix => PREFIX.fill(lang, &[("prefix", &recovery::PREFIX)]),
        RecoveryError::Character {
            found,
            block,
            in_block,
        } => CHARACTER.fill(
            lang,
            &[("block", block), ("in_block", in_block), ("found", found)],
        ),
        RecoveryError::Length { found } => LENGTH.fill(
            lang,
            &[("found", found), ("length", &recovery::CODE_LENGTH)],
        ),
        RecoveryError::Padding { block, in_block } => {
            PADDING.fill(lang, &[("block", block), ("in_block", in_block)])
        }
        RecoveryError::Checksum { block: Some(block) } => {
            CHECKSUM_IN_BLOCK.fill(lang, &[("block", block)])
        }
        RecoveryError::Checksum { block: None } => CHECKSUM.get(lang).to_owned(),
    }
}

/// The texts of `asi key recover`.
pub mod texts {
    asi_i18n::texts! {
        PROMPT = (
            "Skriv genopretningskoden fra arket (13 blokke; mellemrum og bindestreger er ligegyldige). Afslut med en tom linje:",
            "Type the recovery code from the form (13 blocks; spaces and dashes do not matter). End with an empty line:",
        );
        RESTORED = (
            "asi: nøglefilen {path} er genskabt (nøgle-id {key_id}). Tjek, at nøgle-id'et er det samme som på arket, og om indbakken bruger nøglen: asi key check {path} --inbox ADRESSE --clinic KLINIK-ID",
            "asi: the key file {path} is restored (key id {key_id}). Check that the key id is the one on the form, and whether the inbox uses the key: asi key check {path} --inbox URL --clinic CLINIC-ID",
        );
        EMPTY = ("der er ikke skrevet nogen kode", "no code was typed");
        PREFIX = (
            "en genopretningskode begynder med {prefix} (blok 1 og 2); tjek de første tegn",
            "a recovery code begins with {prefix} (blocks 1 and 2); check the first characters",
        );
        CHARACTER = (
            "blok {block}, tegn {in_block}: «{found}» findes ikke i en genopretningskode (koden bruger bogstaver og tal undtagen 1, b, i og o, bortset fra 1-tallet i blok 2)",
            "block {block}, character {in_block}: «{found}» is not in a recovery code (codes use the letters and digits except 1, b, i and o, apart from the 1 in block 2)",
        );
        LENGTH = (
            "koden har {found} tegn, en genopretningskode har {length} (13 blokke á 5): en blok mangler eller har et tegn for meget eller for lidt",
            "the code has {found} characters, a recovery code has {length} (13 blocks of 5): a block is missing or has a character too many or too few",
        );
        PADDING = (
            "blok {block}, tegn {in_block} kan ikke stå i en genopretningskode (de sidste 4 bit er udfyldning og skal være 0)",
            "block {block}, character {in_block} cannot be in a recovery code (its last 4 bits are padding and must be 0)",
        );
        CHECKSUM_IN_BLOCK = (
            "koden er skrevet forkert (kontrolsummen passer ikke): tjek blok {block} tegn for tegn",
            "the code is mistyped (the checksum does not match): check block {block} character by character",
        );
        CHECKSUM = (
            "koden er skrevet forkert (kontrolsummen passer ikke): mindst to tegn er forkerte eller byttet om; tjek koden blok for blok",
            "the code is mistyped (the checksum does not match): at least two characters are wrong or swapped; check the code block by block",
        );
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
    fn messages_name_the_block_in_danish_and_english() {
        let e = RecoveryError::Checksum { block: Some(7) };
        assert!(recovery_message(&e, Lang::Da).contains("tjek blok 7"));
        assert!(recovery_message(&e, Lang::En).contains("check block 7"));
        let e = RecoveryError::Character {
            found: 'o',
            block: 4,
            in_block: 2,
        };
        assert!(recovery_message(&e, Lang::Da).starts_with("blok 4, tegn 2: «o»"));
    }

    /// The English texts are the errors' own `Display`.
    #[test]
    fn english_is_what_the_errors_display() {
        for e in [
            RecoveryError::Empty,
            RecoveryError::Prefix,
            RecoveryError::Character {
                found: 'o',
                block: 4,
                in_block: 2,
            },
            RecoveryError::Length { found: 64 },
            RecoveryError::Padding {
                block: 12,
                in_block: 4,
            },
            RecoveryError::Checksum { block: Some(7) },
            RecoveryError::Checksum { block: None },
        ] {
            assert_eq!(recovery_message(&e, Lang::En), e.to_string());
        }
    }

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
