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
