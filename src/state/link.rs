//! What the inbox said of the follow-up link the page was opened with.

pub use asi_protocol::LinkState;

/// What the inbox said of the link when it was opened. Set by [`crate::link`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkAnswer {
    /// Registered; where it stands ([`asi_protocol::LinkInfo`]).
    State(LinkState),
    /// The inbox does not know it (404 `link_unknown`).
    NotRegistered,
}
