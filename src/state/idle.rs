//! What the idle guard of identified intake is doing.

/// What the idle guard is doing. Set by [`crate::idle`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Idle {
    /// Nothing to say.
    Quiet,
    /// Asking; the answers are deleted at this time (ms since the epoch).
    Asking { until: f64 },
    /// The answers were deleted because no one answered.
    Cleared,
}
