//! The clear metadata (§3.1): all that the inbox, a backup or the network sees of a response,
//! and, as its exact bytes, the HPKE AAD.
//!
//! This crate checks what the format itself needs of it: an id that is a UUID v4, a key id,
//! a clinic and (for link responses) a token that are not empty, and one spelling of the
//! bytes. Whether the form, the timepoint and the day are ones the product knows is for its
//! callers to check (`asi_instrument::Instrument::check_metadata`).

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::envelope::{EnvelopeError, Member};
use crate::keys::{KeyId, PublicKey, is_lower_hex, write_lower_hex};

/// A text that is not an envelope id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("an envelope id is a UUID version 4 in lowercase (8-4-4-4-12 hex digits)")]
pub struct EnvelopeIdError;

/// An envelope's id (§3): a UUID version 4 in lowercase canonical form, fresh for every
/// envelope. Held as its text, which has one spelling.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnvelopeId([u8; 36]);

/// Where the dashes of a UUID's text are.
const DASHES: [usize; 4] = [8, 13, 18, 23];

impl EnvelopeId {
    /// A fresh random id.
    pub fn random() -> EnvelopeId {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b).expect("the system's random number generator is available");
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let mut text = [b'-'; 36];
        let mut from = 0;
        for (start, end) in [(0, 8), (9, 13), (14, 18), (19, 23), (24, 36)] {
            let bytes = (end - start) / 2;
            write_lower_hex(&b[from..from + bytes], &mut text[start..end]);
            from += bytes;
        }
        EnvelopeId(text)
    }

    /// The id's text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("an envelope id is ASCII")
    }
}

impl FromStr for EnvelopeId {
    type Err = EnvelopeIdError;

    fn from_str(text: &str) -> Result<EnvelopeId, EnvelopeIdError> {
        let b: [u8; 36] = text.as_bytes().try_into().map_err(|_| EnvelopeIdError)?;
        let shaped = b.iter().enumerate().all(|(i, &c)| {
            if DASHES.contains(&i) {
                c == b'-'
            } else {
                is_lower_hex(c)
            }
        });
        if shaped && b[14] == b'4' && matches!(b[19], b'8' | b'9' | b'a' | b'b') {
            Ok(EnvelopeId(b))
        } else {
            Err(EnvelopeIdError)
        }
    }
}

text_form!(EnvelopeId);

/// The cleartext metadata (§3.1); its exact JSON bytes are the HPKE AAD. Members are written
/// in this order; `token` only for link responses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Written")]
pub struct Metadata {
    /// The envelope id (equal to the outer `id`).
    pub id: EnvelopeId,
    /// The clinic key's id (equal to the outer `key_id`).
    pub key_id: KeyId,
    /// The clinic id (not empty).
    pub clinic: String,
    /// The form (the product's form id, e.g. `asi_kort`, `trivsel`, `inddragelse`).
    pub form: String,
    /// A measurement point or `self_screening`.
    pub timepoint: String,
    /// The day of completion, `YYYY-MM-DD`; no finer time.
    pub day: String,
    /// The follow-up link's token, for link responses only (not empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

/// The metadata as written, before its members are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    id: String,
    key_id: String,
    clinic: String,
    form: String,
    timepoint: String,
    day: String,
    #[serde(default)]
    token: Option<String>,
}

impl TryFrom<Written> for Metadata {
    type Error = EnvelopeError;

    fn try_from(w: Written) -> Result<Metadata, EnvelopeError> {
        let metadata = Metadata {
            id: w
                .id
                .parse()
                .map_err(|_| EnvelopeError::Metadata(Member::Id))?,
            key_id: w
                .key_id
                .parse()
                .map_err(|_| EnvelopeError::Metadata(Member::KeyId))?,
            clinic: w.clinic,
            form: w.form,
            timepoint: w.timepoint,
            day: w.day,
            token: w.token,
        };
        metadata.check()?;
        Ok(metadata)
    }
}

impl Metadata {
    /// Metadata for a new envelope to `public`, with a fresh random id.
    pub fn new(
        public: &PublicKey,
        clinic: &str,
        form: &str,
        timepoint: &str,
        day: &str,
        token: Option<&str>,
    ) -> Metadata {
        Metadata {
            id: EnvelopeId::random(),
            key_id: public.key_id(),
            clinic: clinic.to_owned(),
            form: form.to_owned(),
            timepoint: timepoint.to_owned(),
            day: day.to_owned(),
            token: token.map(str::to_owned),
        }
    }

    /// The members the types leave open: a clinic, and a token if there is one, that are
    /// not empty.
    pub(crate) fn check(&self) -> Result<(), EnvelopeError> {
        if self.clinic.is_empty() {
            return Err(EnvelopeError::Metadata(Member::Clinic));
        }
        if self.token.as_deref().is_some_and(str::is_empty) {
            return Err(EnvelopeError::Metadata(Member::Token));
        }
        Ok(())
    }

    /// The canonical bytes (§3.1): compact JSON, members in order.
    pub fn to_aad(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_else(|_| unreachable!("metadata always serialises"))
    }

    /// Reads the metadata from an envelope's `aad` bytes, refusing any spelling but the
    /// canonical one: parsed, written again, and the two byte strings must be equal.
    pub fn from_aad(aad: &[u8]) -> Result<Metadata, EnvelopeError> {
        let written: Written =
            serde_json::from_slice(aad).map_err(|e| EnvelopeError::Aad(e.to_string()))?;
        let metadata = Metadata::try_from(written)?;
        // The AAD is exactly the compact serialisation, so every sender writes the same
        // bytes for the same metadata and no two spellings of one response can exist.
        if metadata.to_aad() != aad {
            return Err(EnvelopeError::NotCanonical);
        }
        Ok(metadata)
    }
}
