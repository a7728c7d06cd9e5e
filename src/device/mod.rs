//! What the app keeps on this device, in its IndexedDB database (`asi-app`,
//! [`database`]): the drafts, encrypted at rest ([`drafts`], [`crypto`]); the outbox of sealed
//! envelopes ([`outbox`]); each clinic's public settings ([`clinics`]). Plain reads and writes
//! only: when to read or write is the services' business ([`crate::drafts`],
//! [`crate::outbox`], [`crate::clinic`]). See `docs/drafts-at-rest.md` for what the encryption
//! protects against.

pub mod clinics;
pub mod crypto;
pub mod database;
pub mod drafts;
pub mod outbox;

pub use database::{DeviceError, delete_everything};
pub use drafts::{EncryptedDrafts, SavedDraft};
