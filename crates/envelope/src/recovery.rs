//! The private key as a paper code (§6): bech32m (BIP 350) with the human-readable part
//! `asikey` over the raw 32 secret bytes, 65 characters, printed in 13 blocks of 5. Its
//! checksum catches any one mistyped character and any two swapped neighbours (any error in
//! up to four characters); a single mistyped character is located, so the message can name
//! its block.
//!
//! ```
//! use asi_envelope::{keys, recovery};
//!
//! let (secret, public) = keys::generate();
//! let code = recovery::encode(&secret);
//! assert_eq!(code.len(), recovery::CODE_LENGTH);
//! let typed = recovery::blocks(&code).join(" ").to_uppercase();
//! assert_eq!(recovery::decode(&typed).unwrap().public_key(), public);
//! ```

use bech32::primitives::correction::CorrectableError;
use bech32::primitives::decode::CheckedHrpstring;
use bech32::{Bech32m, Hrp};
use thiserror::Error;

use crate::SecretKey;

/// The human-readable part.
pub const HRP: &str = "asikey";
/// What every code begins with: the human-readable part and bech32's separator `1`.
pub const PREFIX: &str = "asikey1";
/// The characters of a code: the prefix, 52 data characters (256 bits and 4 zero bits of
/// padding) and 6 checksum characters.
pub const CODE_LENGTH: usize = 65;
/// Characters per printed block.
pub const BLOCK: usize = 5;
/// The 32 characters bech32 writes values 0–31 with (no `1`, `b`, `i` or `o`).
pub const ALPHABET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Why a typed code is not a key. Positions and blocks count from 1, in the code as printed
/// (the prefix `asikey1` included).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecoveryError {
    /// Nothing was typed.
    #[error("no code was typed")]
    Empty,
    /// The code does not begin with `asikey1`.
    #[error("a recovery code begins with {PREFIX} (blocks 1 and 2); check the first characters")]
    Prefix,
    /// A character that no code contains.
    #[error(
        "block {block}, character {in_block}: «{found}» is not in a recovery code (codes use the letters and digits except 1, b, i and o, apart from the 1 in block 2)"
    )]
    Character {
        /// The character typed.
        found: char,
        /// Its block.
        block: usize,
        /// Its place in the block (1–5).
        in_block: usize,
    },
    /// Too few or too many characters.
    #[error(
        "the code has {found} characters, a recovery code has {CODE_LENGTH} (13 blocks of 5): a block is missing or has a character too many or too few"
    )]
    Length {
        /// The characters typed (spaces and dashes not counted).
        found: usize,
    },
    /// The checksum matches, but the last data character has padding bits set: no code
    /// written by `encode` has it, so it was made by hand or by another program.
    #[error(
        "block {block}, character {in_block} cannot be in a recovery code (its last 4 bits are padding and must be 0)"
    )]
    Padding {
        /// The block of the last data character (12).
        block: usize,
        /// Its place in the block (4).
        in_block: usize,
    },
    /// The checksum does not match: some character is mistyped.
    #[error("{}", checksum_message(*block))]
    Checksum {
        /// The block of the one character that is probably wrong, if a single mistake would
        /// explain it.
        block: Option<usize>,
    },
}

fn checksum_message(block: Option<usize>) -> String {
    match block {
        Some(block) => format!(
            "the code is mistyped (the checksum does not match): check block {block} character by character"
        ),
        None => "the code is mistyped (the checksum does not match): at least two characters \
             are wrong or swapped; check the code block by block"
            .into(),
    }
}

/// The key's paper code: 65 lowercase characters, no spaces. It holds the key's 32 bytes as
/// the key file written by `asi keygen` holds them (X25519-clamped, §6).
pub fn encode(secret: &SecretKey) -> String {
    encode_bytes(&secret.to_bytes())
}

fn encode_bytes(bytes: &[u8]) -> String {
    let hrp = Hrp::parse_unchecked(HRP);
    bech32::encode_lower::<Bech32m>(hrp, bytes).expect("32 bytes are well within bech32m's length")
}

/// The code in blocks of [`BLOCK`] characters, as printed.
pub fn blocks(code: &str) -> Vec<&str> {
    code.as_bytes()
        .chunks(BLOCK)
        .map(|b| std::str::from_utf8(b).expect("a code is ASCII"))
        .collect()
}

/// Whether `c` is left out when a typed code is read: white space and dashes.
fn ignored(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// The position (0-based) → (block, place in block), both from 1.
fn place(position: usize) -> (usize, usize) {
    (position / BLOCK + 1, position % BLOCK + 1)
}

/// Reads a typed code: white space and dashes are ignored, capitals read as small letters.
pub fn decode(typed: &str) -> Result<SecretKey, RecoveryError> {
    let code: String = typed
        .chars()
        .filter(|&c| !ignored(c))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if code.is_empty() {
        return Err(RecoveryError::Empty);
    }
    if !code.starts_with(PREFIX) {
        return Err(RecoveryError::Prefix);
    }
    if let Some((position, found)) = code
        .chars()
        .enumerate()
        .skip(PREFIX.len())
        .find(|&(_, c)| !ALPHABET.contains(c))
    {
        let (block, in_block) = place(position);
        return Err(RecoveryError::Character {
            found,
            block,
            in_block,
        });
    }
    if code.len() != CODE_LENGTH {
        return Err(RecoveryError::Length { found: code.len() });
    }
    let checked = CheckedHrpstring::new::<Bech32m>(&code)
        .map_err(|e| RecoveryError::Checksum { block: located(&e) })?;
    let bytes: Vec<u8> = checked.byte_iter().collect();
    let bytes = <[u8; 32]>::try_from(bytes.as_slice())
        .map_err(|_| RecoveryError::Length { found: code.len() })?;
    // One spelling per key: the 4 padding bits after the 256 key bits are zero (§6).
    if encode_bytes(&bytes) != code {
        let (block, in_block) = place(CODE_LENGTH - 6 - 1);
        return Err(RecoveryError::Padding { block, in_block });
    }
    Ok(SecretKey::from_bytes(&bytes))
}

/// The block of the one character whose change would make the checksum match, if there is
/// exactly one such character in the data part. bech32m locates one error for certain; for
/// more errors it may name none, or a wrong one — so the message says "check block N" and
/// nothing is ever corrected by itself.
fn located(error: &impl CorrectableError) -> Option<usize> {
    let corrector = error.correction_context::<Bech32m>()?;
    let errors: Vec<(usize, bech32::Fe32)> = corrector.bch_errors()?.collect();
    match errors.as_slice() {
        // The location counts back from the last character (0 is the last).
        [(from_end, _)] if *from_end < CODE_LENGTH - PREFIX.len() => {
            Some(place(CODE_LENGTH - 1 - from_end).0)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed() -> SecretKey {
        SecretKey::from_bytes(&[0x11; 32])
    }

    #[test]
    fn a_code_is_65_characters_in_13_blocks_and_reads_back() {
        let code = encode(&fixed());
        assert_eq!(code.len(), CODE_LENGTH);
        assert!(code.starts_with(PREFIX), "{code}");
        let blocks = blocks(&code);
        assert_eq!(blocks.len(), 13);
        assert!(blocks.iter().all(|b| b.len() == BLOCK));
        assert_eq!(
            decode(&code).unwrap().to_bytes(),
            fixed().to_bytes(),
            "round trip"
        );
    }

    #[test]
    fn the_documented_vector() {
        // docs/envelope.md §6: the private key 32 bytes of 0x11, X25519-clamped.
        let code = encode(&fixed());
        assert_eq!(
            code,
            "asikey1zqg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3z9gs8z3f9c"
        );
        let mut clamped = [0x11; 32];
        clamped[0] &= 248;
        clamped[31] = (clamped[31] & 127) | 64;
        assert_eq!(code, encode_bytes(&clamped));
        // A code of the unclamped bytes (another program's) is the same key.
        let unclamped = encode_bytes(&[0x11; 32]);
        assert_eq!(
            unclamped,
            "asikey1zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygsrxggxl"
        );
        assert_eq!(
            decode(&unclamped).unwrap().public_key(),
            fixed().public_key()
        );
    }

    #[test]
    fn padding_bits_are_refused_by_name() {
        use bech32::Fe32IterExt;
        // 52 data characters carry 260 bits: the last character's low 4 bits are padding.
        let hrp = Hrp::parse_unchecked(HRP);
        let mut fes: Vec<bech32::Fe32> = encode(&fixed())[PREFIX.len()..CODE_LENGTH - 6]
            .chars()
            .map(|c| bech32::Fe32::from_char(c).unwrap())
            .collect();
        let last = fes.len() - 1;
        fes[last] = bech32::Fe32::try_from(fes[last].to_u8() | 1).unwrap();
        let code: String = fes
            .into_iter()
            .with_checksum::<Bech32m>(&hrp)
            .chars()
            .collect();
        assert_eq!(code.len(), CODE_LENGTH);
        assert_eq!(
            decode(&code).err(),
            Some(RecoveryError::Padding {
                block: 12,
                in_block: 4
            })
        );
    }

    #[test]
    fn spaces_dashes_line_breaks_and_case_are_ignored() {
        let code = encode(&fixed());
        let blocks = blocks(&code);
        for typed in [
            blocks.join(" "),
            blocks.join("-"),
            blocks.join(" – "),
            format!("  {}\n{}\n", blocks[..7].join(" "), blocks[7..].join("\t")),
            code.to_uppercase(),
            blocks
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    if i % 2 == 0 {
                        b.to_uppercase()
                    } else {
                        b.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("- "),
        ] {
            assert_eq!(
                decode(&typed).unwrap().to_bytes(),
                fixed().to_bytes(),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn every_single_mistyped_character_is_caught_and_its_block_named() {
        let code = encode(&fixed());
        let letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        for position in 0..code.len() {
            let right = code.as_bytes()[position] as char;
            for wrong in letters.chars().filter(|&c| c != right) {
                let mut typed = code.clone();
                typed.replace_range(position..=position, &wrong.to_string());
                let error = decode(&typed).expect_err(&typed);
                let (block, in_block) = place(position);
                if position >= PREFIX.len() {
                    match error {
                        RecoveryError::Checksum { block: named } => {
                            assert_eq!(named, Some(block), "{typed}")
                        }
                        RecoveryError::Character {
                            found,
                            block: b,
                            in_block: i,
                        } => assert_eq!((found, b, i), (wrong, block, in_block), "{typed}"),
                        other => panic!("{typed}: {other:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn every_pair_of_swapped_neighbours_is_caught() {
        let code = encode(&fixed());
        let mut swaps = 0;
        for position in 0..code.len() - 1 {
            let mut typed = code.clone().into_bytes();
            if typed[position] == typed[position + 1] {
                continue; // swapping two equal characters changes nothing
            }
            typed.swap(position, position + 1);
            let typed = String::from_utf8(typed).unwrap();
            let expected = if position < PREFIX.len() {
                RecoveryError::Prefix
            } else {
                // Two wrong characters: detected, but no single block to name.
                RecoveryError::Checksum { block: None }
            };
            assert_eq!(
                decode(&typed).err(),
                Some(expected),
                "swapped at {position}: {typed}"
            );
            swaps += 1;
        }
        assert!(swaps > 50, "{swaps}");
    }

    #[test]
    fn a_missing_or_extra_character_is_a_length_error() {
        let code = encode(&fixed());
        let short = format!("{}{}", &code[..20], &code[21..]);
        assert_eq!(
            decode(&short).unwrap_err(),
            RecoveryError::Length { found: 64 }
        );
        let long = format!("{code}q");
        assert_eq!(
            decode(&long).unwrap_err(),
            RecoveryError::Length { found: 66 }
        );
        assert_eq!(decode(" - \n").unwrap_err(), RecoveryError::Empty);
        assert_eq!(
            decode(&code.replacen("asikey", "asiky", 1)).unwrap_err(),
            RecoveryError::Prefix
        );
    }

    #[test]
    fn messages_name_the_block() {
        let e = RecoveryError::Checksum { block: Some(7) };
        assert!(e.to_string().contains("check block 7"), "{e}");
        let e = RecoveryError::Character {
            found: 'o',
            block: 4,
            in_block: 2,
        };
        assert!(
            e.to_string().starts_with("block 4, character 2: «o»"),
            "{e}"
        );
    }
}
