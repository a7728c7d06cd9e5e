//! Drafts on the device: encrypted at rest in IndexedDB, with an in-memory fallback when the
//! browser gives us no storage. See `docs/drafts-at-rest.md` for what this protects against.

pub mod crypto;
pub mod drafts;

pub use drafts::{DraftStore, SavedDraft, StorageError};
