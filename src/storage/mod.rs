//! Drafts on the device: encrypted at rest in IndexedDB, with an in-memory fallback when the
//! browser gives us no storage. See `docs/drafts-at-rest.md` for what this protects against.

pub mod clinics;
pub mod crypto;
pub mod db;
pub mod drafts;
pub mod outbox;

pub use db::{StorageError, delete_everything};
pub use drafts::{DraftStore, SavedDraft};
