//! The clinic's X25519 key pair, its key id and their text forms (§2).
//!
//! - Public key text ([`PublicKey`]'s `Display` and `FromStr`): base64url (no padding) of the
//!   raw 32 bytes.
//! - [`KeyId`]: the first 8 bytes of SHA-256 over the raw public key, 16 lowercase hex digits.
//! - Private key file ([`SecretKey::from_key_file`], [`SecretKey::to_key_file`]): text; lines
//!   starting with `#` are comments; the first other line is the base64url of the raw 32-byte
//!   secret.

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem, Serializable};
use sha2::{Digest, Sha256};
use thiserror::Error;

type PrivateKeyInner = <X25519HkdfSha256 as Kem>::PrivateKey;
type PublicKeyInner = <X25519HkdfSha256 as Kem>::PublicKey;

/// Why a key could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    /// Not base64url without padding.
    #[error("a key is written as base64url without padding")]
    Encoding,
    /// Not 32 bytes.
    #[error("an X25519 key is 32 bytes, this one is {0}")]
    Length(usize),
    /// A key file with no key line.
    #[error("the key file has no key line (only comments or blank lines)")]
    Empty,
}

/// A text that is not a key id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a key id is 16 lowercase hex digits")]
pub struct KeyIdError;

/// The id of a clinic's key (§2): the first 8 bytes of SHA-256 over the raw public key,
/// written as 16 lowercase hex digits. It names the key an envelope is sealed to, so a
/// receiver with several keys picks the right one. Held as its text, which has one spelling.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId([u8; 16]);

impl KeyId {
    /// The 16 hex digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("a key id is ASCII hex")
    }

    fn of(public: &[u8; 32]) -> KeyId {
        let mut text = [0u8; 16];
        hex::encode_to_slice(&Sha256::digest(public)[..8], &mut text)
            .expect("8 bytes are 16 hex digits");
        KeyId(text)
    }
}

/// Whether `b` is a lowercase hex digit.
pub(crate) fn is_lower_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

impl FromStr for KeyId {
    type Err = KeyIdError;

    fn from_str(text: &str) -> Result<KeyId, KeyIdError> {
        let bytes: [u8; 16] = text.as_bytes().try_into().map_err(|_| KeyIdError)?;
        if bytes.iter().all(|&b| is_lower_hex(b)) {
            Ok(KeyId(bytes))
        } else {
            Err(KeyIdError)
        }
    }
}

text_form!(KeyId);

/// The clinic's public key. Its text form (`Display`, `FromStr`) is base64url of the raw 32
/// bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(pub(crate) PublicKeyInner);

/// The clinic's private key. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct SecretKey(pub(crate) PrivateKeyInner);

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

fn decode32(text: &str) -> Result<[u8; 32], KeyError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(text.trim())
        .map_err(|_| KeyError::Encoding)?;
    <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| KeyError::Length(bytes.len()))
}

/// A new random key pair.
pub fn generate() -> (SecretKey, PublicKey) {
    let (sk, pk) = X25519HkdfSha256::gen_keypair();
    (SecretKey(sk), PublicKey(pk))
}

impl PublicKey {
    /// The raw 32 bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes().into()
    }

    /// From the raw 32 bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> PublicKey {
        PublicKey(
            PublicKeyInner::from_bytes(bytes)
                .expect("every 32-byte string is an X25519 public key"),
        )
    }

    /// The key id: the first 8 bytes of SHA-256 over the raw key, lowercase hex.
    pub fn key_id(&self) -> KeyId {
        KeyId::of(&self.to_bytes())
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&URL_SAFE_NO_PAD.encode(self.to_bytes()))
    }
}

impl FromStr for PublicKey {
    type Err = KeyError;

    /// Reads the text form; white space around it is ignored.
    fn from_str(text: &str) -> Result<PublicKey, KeyError> {
        Ok(PublicKey::from_bytes(&decode32(text)?))
    }
}

impl SecretKey {
    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(X25519HkdfSha256::sk_to_pk(&self.0))
    }

    /// From the raw 32 bytes. Every 32-byte string is an X25519 private key (RFC 7748 clamps
    /// it when it is used).
    pub fn from_bytes(bytes: &[u8; 32]) -> SecretKey {
        SecretKey(
            PrivateKeyInner::from_bytes(bytes)
                .expect("every 32-byte string is an X25519 private key"),
        )
    }

    /// The raw 32 bytes, as the key file holds them (X25519-clamped).
    pub(crate) fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes().into()
    }

    /// Reads a private key file: `#` comments, then the base64url key line.
    pub fn from_key_file(text: &str) -> Result<SecretKey, KeyError> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or(KeyError::Empty)?;
        Ok(SecretKey::from_bytes(&decode32(line)?))
    }

    /// Writes a private key file, with comments saying what it is.
    pub fn to_key_file(&self, clinic_note: &str) -> String {
        format!(
            "# ASI inbox: the clinic's PRIVATE key (X25519, base64url). Keep it secret.\n\
             # Anyone with this file can read every response sealed to key id {}.\n\
             # {clinic_note}\n{}\n",
            self.public_key().key_id(),
            URL_SAFE_NO_PAD.encode(self.to_bytes()),
        )
    }
}
