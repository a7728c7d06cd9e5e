//! Where the citizen's answers are kept.

/// Where answers are kept. Set by [`crate::drafts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// Opening the device's storage.
    Loading,
    /// On the device, encrypted.
    Device,
    /// Only in this page: the device gave no storage.
    MemoryOnly,
}
