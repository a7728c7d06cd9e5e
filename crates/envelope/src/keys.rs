//! The clinic's X25519 key pair and their text forms (§2).
//!
//! - Public key text: base64url (no padding) of the raw 32 bytes.
//! - `key_id`: the first 8 bytes of SHA-256 over the raw public key, lowercase hex.
//! - Private key file: text; lines starting with `#` are comments; the first other line is
//!   the base64url of the raw 32-byte secret.

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
#[non_exhaustive]
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

impl KeyError {
    /// What is wrong, for a person, in `lang` (the `Display` text is English).
    pub fn message(&self, lang: asi_instrument::Lang) -> String {
        use asi_instrument::Lang;
        match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (Lang::Da, KeyError::Encoding) => {
                "en nøgle skrives som base64url uden udfyldning («=»)".into()
            }
            (Lang::Da, KeyError::Length(n)) => {
                format!("en X25519-nøgle er 32 byte, denne er {n}")
            }
            (Lang::Da, KeyError::Empty) => {
                "nøglefilen har ingen nøglelinje (kun kommentarer eller tomme linjer)".into()
            }
        }
    }
}

/// The clinic's public key.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(pub(crate) PublicKeyInner);

/// The clinic's private key. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct SecretKey(pub(crate) PrivateKeyInner);

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({})", self.to_text())
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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

    /// The text form: base64url of the raw bytes.
    pub fn to_text(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.to_bytes())
    }

    /// Reads the text form.
    pub fn from_text(text: &str) -> Result<PublicKey, KeyError> {
        Ok(PublicKey::from_bytes(&decode32(text)?))
    }

    /// The key id: the first 8 bytes of SHA-256 over the raw key, lowercase hex.
    pub fn key_id(&self) -> String {
        Sha256::digest(self.to_bytes())[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl SecretKey {
    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(X25519HkdfSha256::sk_to_pk(&self.0))
    }

    /// From the raw 32 bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<SecretKey, KeyError> {
        PrivateKeyInner::from_bytes(bytes)
            .map(SecretKey)
            .map_err(|_| KeyError::Length(32))
    }

    /// Reads a private key file: `#` comments, then the base64url key line.
    pub fn from_key_file(text: &str) -> Result<SecretKey, KeyError> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or(KeyError::Empty)?;
        SecretKey::from_bytes(&decode32(line)?)
    }

    /// Writes a private key file, with comments saying what it is.
    pub fn to_key_file(&self, clinic_note: &str) -> String {
        let public = self.public_key();
        format!(
            "# ASI inbox: the clinic's PRIVATE key (X25519, base64url). Keep it secret.\n\
             # Anyone with this file can read every response sealed to key id {}.\n\
             # {clinic_note}\n{}\n",
            public.key_id(),
            URL_SAFE_NO_PAD.encode(self.0.to_bytes()),
        )
    }
}
