//! Envelope v1: one response sealed to the clinic's public key with HPKE (RFC 9180), as a
//! JSON object. The format is specified in `docs/envelope.md`; section numbers below refer
//! to it.
//!
//! The crate is the format and nothing else, as age-core is under age: it seals and opens
//! bytes, reads and writes keys, key files and the paper recovery code, and checks every rule
//! of the format. What the plaintext holds (`asi_instrument::Payload`), whether the metadata's
//! form, timepoint and day are ones the product knows (`asi_instrument::Instrument::
//! check_metadata`) and how its errors read in Danish (`asi_export::messages`) are its
//! callers' business. Its errors `Display` in English.
//!
//! ```
//! use asi_envelope::{Envelope, Metadata, keys, open, seal};
//!
//! let (secret, public) = keys::generate();
//! let metadata = Metadata::new(&public, "demo", "trivsel", "midway", "2026-11-25", None);
//! let envelope = seal(&public, &metadata, br#"{"answers":{}}"#).unwrap();
//! let read = Envelope::from_json(&envelope.to_json()).unwrap();
//! let opened = open(&secret, &read).unwrap();
//! assert_eq!(opened.metadata, metadata);
//! assert_eq!(opened.plaintext, br#"{"answers":{}}"#);
//! ```

/// `Display`, `Debug`, `Serialize` and `Deserialize` for a type held as its one spelling,
/// from its `as_str` and its `FromStr`.
macro_rules! text_form {
    ($type:ident) => {
        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::fmt::Debug for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($type), self.as_str())
            }
        }

        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<$type, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

pub mod envelope;
pub mod keys;
pub mod metadata;
pub mod recovery;
mod rng;

pub use envelope::{
    Envelope, EnvelopeError, FormatError, Member, Opened, inspect, open, seal,
    seal_with_ephemeral_ikm,
};
pub use keys::{KeyError, KeyId, KeyIdError, PublicKey, SecretKey};
pub use metadata::{EnvelopeId, EnvelopeIdError, Metadata};
