//! Envelope v1: one response sealed to the clinic's public key with HPKE (RFC 9180), as a
//! JSON object. The format is specified in `docs/envelope.md`; section numbers below refer
//! to it.
//!
//! ```
//! use asi_envelope::{keys, Metadata, open, seal};
//!
//! let (secret, public) = keys::generate();
//! let metadata = Metadata::new(&public, "demo", "trivsel", "midway", "2026-11-25", None);
//! let envelope = seal(&public, &metadata, br#"{"answers":{}}"#).unwrap();
//! let opened = open(&secret, &envelope).unwrap();
//! assert_eq!(opened.metadata, metadata);
//! assert_eq!(opened.plaintext, br#"{"answers":{}}"#);
//! ```

pub mod envelope;
pub mod keys;
pub mod link;
pub mod payload;
pub mod recovery;
mod rng;

pub use envelope::{
    Envelope, EnvelopeError, Metadata, Opened, inspect, open, seal, seal_with_ephemeral_ikm,
};
pub use keys::{KeyError, PublicKey, SecretKey};
pub use link::token_hash;
pub use payload::{Consent, Mode, Payload};
