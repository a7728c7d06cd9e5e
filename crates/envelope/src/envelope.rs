//! The envelope (§3): read, sealed, inspected and opened.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, OpModeR, OpModeS, Serializable};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::keys::{KeyId, PublicKey, SecretKey};
use crate::metadata::{EnvelopeId, Metadata};
use crate::rng::FixedBytes;

/// HPKE `info` (§3.2).
pub const INFO: &[u8] = b"asi-envelope/v1";
/// The envelope version.
pub const VERSION: u8 = 1;
/// The length of HPKE's encapsulated key for X25519.
pub const ENC_LEN: usize = 32;
/// The length of the ChaCha20-Poly1305 tag at the end of every ciphertext.
pub const TAG_LEN: usize = 16;

type Aead = ChaCha20Poly1305;
type Kdf = HkdfSha256;
type Kem = X25519HkdfSha256;

/// Envelope v1 (§3), read: the byte strings decoded from base64url once, when the envelope is
/// read, and each member of its type. Written again (`to_json`, `Serialize`) it is the same
/// JSON, `{"v":1,"id","key_id","enc","aad","ct"}` in that order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Written", into = "Written")]
pub struct Envelope {
    /// The envelope id.
    pub id: EnvelopeId,
    /// The id of the clinic key it is sealed to.
    pub key_id: KeyId,
    /// HPKE's encapsulated key.
    pub enc: [u8; ENC_LEN],
    /// The metadata bytes (the AAD), as sent; [`inspect`] reads them.
    pub aad: Vec<u8>,
    /// The HPKE ciphertext, with its tag (at least [`TAG_LEN`] bytes).
    pub ct: Vec<u8>,
}

/// A member of the envelope or of its metadata, named in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    /// `id` (outer, or in the metadata).
    Id,
    /// `key_id` (outer, or in the metadata).
    KeyId,
    /// `enc`.
    Enc,
    /// `aad`.
    Aad,
    /// `ct`.
    Ct,
    /// The metadata's `clinic`.
    Clinic,
    /// The metadata's `token`.
    Token,
}

impl Member {
    /// The member's name in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Member::Id => "id",
            Member::KeyId => "key_id",
            Member::Enc => "enc",
            Member::Aad => "aad",
            Member::Ct => "ct",
            Member::Clinic => "clinic",
            Member::Token => "token",
        }
    }
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a text is not an envelope v1 (§3): what reading it found, before any key is used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    /// Not a JSON object with exactly the six members of the right JSON types (the JSON
    /// reader's own words).
    #[error("{0}")]
    Json(String),
    /// `v` is not 1.
    #[error("version {0} is not 1")]
    Version(u64),
    /// The outer `id` is not a UUID v4 in lowercase.
    #[error("id is not a UUID version 4 in lowercase")]
    Id,
    /// The outer `key_id` is not 16 lowercase hex digits.
    #[error("key_id is not 16 lowercase hex digits")]
    KeyId,
    /// `enc`, `aad` or `ct` is not base64url without padding.
    #[error("{0} is not base64url without padding")]
    Base64(Member),
    /// `enc` is not [`ENC_LEN`] bytes (it is this many).
    #[error("enc is {0} bytes, not 32")]
    EncLength(usize),
    /// `ct` is shorter than its [`TAG_LEN`]-byte tag (it is this many bytes).
    #[error("ct is {0} bytes, shorter than its 16-byte tag")]
    CtLength(usize),
}

/// Why an envelope could not be read, sealed, inspected or opened. Opening says nothing about
/// which byte was wrong: a changed `enc`, `aad` or `ct` is [`EnvelopeError::Open`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EnvelopeError {
    /// Not an envelope v1 (found when it is read).
    #[error("not an envelope v1: {0}")]
    Format(#[from] FormatError),
    /// The `aad` bytes are not a metadata object: not JSON, or a member missing, unknown or
    /// of the wrong JSON type (found by [`inspect`]).
    #[error("not an envelope v1: aad is not the metadata: {0}")]
    Aad(String),
    /// A metadata member's value is invalid (found by [`inspect`], and by [`seal`]).
    #[error("the envelope's metadata field «{0}» is invalid")]
    Metadata(Member),
    /// The metadata bytes are not the compact JSON of §3.1 (members in another order, white
    /// space, escapes where none are needed, `"token": null`; found by [`inspect`]).
    #[error(
        "the envelope's metadata is not in the canonical form (compact JSON, members in the order of docs/envelope.md §3.1)"
    )]
    NotCanonical,
    /// The outer `id` or `key_id` differs from the metadata's (or, when sealing, the
    /// metadata's `key_id` is not the public key's).
    #[error("the envelope's outer {0} does not match its metadata")]
    Mismatch(Member),
    /// Sealed to another key (found by [`open`] before anything else).
    #[error("the envelope is for key {found}, this key is {expected}")]
    WrongKey {
        /// This key's id.
        expected: KeyId,
        /// The envelope's key id.
        found: KeyId,
    },
    /// The ciphertext, metadata or encapsulated key was changed, or the key is wrong.
    #[error("the envelope cannot be opened: it was changed, or it is not for this key")]
    Open,
    /// HPKE failed while sealing.
    #[error("sealing failed")]
    Seal,
}

/// An opened envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The metadata.
    pub metadata: Metadata,
    /// The plaintext (the payload JSON, §4).
    pub plaintext: Vec<u8>,
}

/// The envelope as written: every member as its JSON value.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    v: u64,
    id: String,
    key_id: String,
    enc: String,
    aad: String,
    ct: String,
}

fn unb64(member: Member, text: &str) -> Result<Vec<u8>, FormatError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| FormatError::Base64(member))
}

impl TryFrom<Written> for Envelope {
    type Error = FormatError;

    /// Checks the members in the order of §3.3.
    fn try_from(w: Written) -> Result<Envelope, FormatError> {
        if w.v != u64::from(VERSION) {
            return Err(FormatError::Version(w.v));
        }
        let id = w.id.parse().map_err(|_| FormatError::Id)?;
        let key_id = w.key_id.parse().map_err(|_| FormatError::KeyId)?;
        let enc = unb64(Member::Enc, &w.enc)?;
        let aad = unb64(Member::Aad, &w.aad)?;
        let ct = unb64(Member::Ct, &w.ct)?;
        let enc = <[u8; ENC_LEN]>::try_from(enc.as_slice())
            .map_err(|_| FormatError::EncLength(enc.len()))?;
        if ct.len() < TAG_LEN {
            return Err(FormatError::CtLength(ct.len()));
        }
        Ok(Envelope {
            id,
            key_id,
            enc,
            aad,
            ct,
        })
    }
}

impl From<Envelope> for Written {
    fn from(e: Envelope) -> Written {
        Written {
            v: u64::from(VERSION),
            id: e.id.to_string(),
            key_id: e.key_id.to_string(),
            enc: URL_SAFE_NO_PAD.encode(e.enc),
            aad: URL_SAFE_NO_PAD.encode(&e.aad),
            ct: URL_SAFE_NO_PAD.encode(&e.ct),
        }
    }
}

impl Envelope {
    /// Reads an envelope from its JSON text.
    pub fn from_json(json: &str) -> Result<Envelope, EnvelopeError> {
        let written: Written =
            serde_json::from_str(json).map_err(|e| FormatError::Json(e.to_string()))?;
        Ok(Envelope::try_from(written)?)
    }

    /// The envelope as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an envelope always serialises")
    }

    /// The outer members agree with the metadata.
    fn check_outer(&self, metadata: &Metadata) -> Result<(), EnvelopeError> {
        if metadata.id != self.id {
            return Err(EnvelopeError::Mismatch(Member::Id));
        }
        if metadata.key_id != self.key_id {
            return Err(EnvelopeError::Mismatch(Member::KeyId));
        }
        Ok(())
    }
}

/// Seals `plaintext` with `metadata` to `public` (§3.2), with fresh randomness.
pub fn seal(
    public: &PublicKey,
    metadata: &Metadata,
    plaintext: &[u8],
) -> Result<Envelope, EnvelopeError> {
    seal_inner(public, metadata, plaintext, None)
}

/// As [`seal`], with the ephemeral key material `ikmE` fixed (RFC 9180 DeriveKeyPair input):
/// for test vectors only. Never use a fixed value for real responses.
pub fn seal_with_ephemeral_ikm(
    public: &PublicKey,
    metadata: &Metadata,
    plaintext: &[u8],
    ikm_e: &[u8; 32],
) -> Result<Envelope, EnvelopeError> {
    seal_inner(public, metadata, plaintext, Some(ikm_e))
}

fn seal_inner(
    public: &PublicKey,
    metadata: &Metadata,
    plaintext: &[u8],
    ikm_e: Option<&[u8; 32]>,
) -> Result<Envelope, EnvelopeError> {
    metadata.check()?;
    if metadata.key_id != public.key_id() {
        return Err(EnvelopeError::Mismatch(Member::KeyId));
    }
    let aad = metadata.to_aad();
    let (enc, mut ctx) = match ikm_e {
        None => hpke::setup_sender::<Aead, Kdf, Kem>(&OpModeS::Base, &public.0, INFO),
        Some(ikm) => hpke::setup_sender_with_rng::<Aead, Kdf, Kem>(
            &OpModeS::Base,
            &public.0,
            INFO,
            &mut FixedBytes::new(ikm),
        ),
    }
    .map_err(|_| EnvelopeError::Seal)?;
    let ct = ctx.seal(plaintext, &aad).map_err(|_| EnvelopeError::Seal)?;
    Ok(Envelope {
        id: metadata.id,
        key_id: metadata.key_id,
        enc: enc.to_bytes().into(),
        aad,
        ct,
    })
}

/// Checks everything about an envelope that needs no key (§3.3 up to decryption) and
/// returns its metadata. The inbox uses this: it can check, but never open.
pub fn inspect(envelope: &Envelope) -> Result<Metadata, EnvelopeError> {
    let metadata = Metadata::from_aad(&envelope.aad)?;
    envelope.check_outer(&metadata)?;
    Ok(metadata)
}

/// Opens an envelope with the clinic's secret key (§3.3), checking every rule of the format.
/// A changed `aad` is reported like a changed ciphertext: opening says nothing about which
/// byte was wrong.
pub fn open(secret: &SecretKey, envelope: &Envelope) -> Result<Opened, EnvelopeError> {
    let expected = secret.public_key().key_id();
    if envelope.key_id != expected {
        return Err(EnvelopeError::WrongKey {
            expected,
            found: envelope.key_id,
        });
    }
    let metadata = Metadata::from_aad(&envelope.aad).map_err(|_| EnvelopeError::Open)?;
    envelope.check_outer(&metadata)?;
    let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(&envelope.enc)
        .map_err(|_| EnvelopeError::Open)?;
    let mut ctx = hpke::setup_receiver::<Aead, Kdf, Kem>(&OpModeR::Base, &secret.0, &enc, INFO)
        .map_err(|_| EnvelopeError::Open)?;
    let plaintext = ctx
        .open(&envelope.ct, &envelope.aad)
        .map_err(|_| EnvelopeError::Open)?;
    Ok(Opened {
        metadata,
        plaintext,
    })
}
