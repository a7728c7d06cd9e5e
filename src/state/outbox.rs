//! The outbox's state: an envelope waiting to be delivered ([`Queued`]), the inbox's final
//! refusal of one ([`Refusal`]), and what the citizen is told about them ([`OutboxStatus`]).
//! Only [`crate::outbox`] changes them.

use std::collections::BTreeSet;

use asi_protocol::RefusalCode;

/// An envelope waiting to be sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    /// The envelope id.
    pub id: String,
    /// The envelope, exactly the bytes to send.
    pub envelope: String,
    /// When it was queued (ms since the epoch).
    pub queued_ms: f64,
    /// Why the inbox refused it for good, if it did.
    pub refused: Option<Refusal>,
}

/// The inbox's answer to an envelope it will never take (`docs/sync-api.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status (400, 409, 410, 413, 415, 422).
    pub status: u16,
    /// The inbox's `code` (`link_used`, `link_expired`, …); [`RefusalCode::Other`] for one
    /// this app does not know.
    pub code: RefusalCode,
}

/// Why an envelope is still waiting after a try: what the citizen is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holdup {
    /// No answer at all: offline, or the inbox cannot be reached.
    Unreachable,
    /// The clinic takes many responses without a link just now (429): sent later.
    Busy,
    /// An answer that is not the inbox's acknowledgement of this envelope (a page of HTML,
    /// another id, a failure): sent again later.
    NotAcknowledged,
}

/// What the citizen is told about their sent and unsent responses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutboxStatus {
    /// Envelopes waiting to be delivered.
    pub waiting: usize,
    /// The ids in the outbox (waiting or refused).
    pub queued: BTreeSet<String>,
    /// Envelopes the inbox refused for good, with its reason.
    pub refused: Vec<(String, Refusal)>,
    /// Envelopes delivered since this page was opened, by this tab or another.
    pub delivered: BTreeSet<String>,
    /// Whether the outbox has been read since the page was opened.
    pub known: bool,
    /// Why the last pass stopped with envelopes still waiting, if it did.
    pub holdup: Option<Holdup>,
}

impl OutboxStatus {
    /// The status of an outbox that is known to be empty (after "Slet mine svar").
    pub fn emptied() -> OutboxStatus {
        OutboxStatus {
            known: true,
            ..OutboxStatus::default()
        }
    }

    /// Takes in what the outbox holds now: every envelope in it, `queued`.
    pub fn read(&mut self, queued: &[Queued]) {
        self.refused = queued
            .iter()
            .filter_map(|q| q.refused.clone().map(|r| (q.id.clone(), r)))
            .collect();
        self.waiting = queued.len() - self.refused.len();
        self.queued = queued.iter().map(|q| q.id.clone()).collect();
        self.known = true;
    }

    /// Whether envelope `id` has reached the outbox: it is in it, or already delivered.
    pub fn holds(&self, id: &str) -> bool {
        self.queued.contains(id) || self.delivered.contains(id)
    }

    /// The inbox's final refusal of envelope `id`, if it refused it.
    pub fn refusal(&self, id: &str) -> Option<&Refusal> {
        self.refused.iter().find(|(r, _)| r == id).map(|(_, r)| r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queued(id: &str, refused: Option<Refusal>) -> Queued {
        Queued {
            id: id.to_owned(),
            envelope: "{}".to_owned(),
            queued_ms: 0.0,
            refused,
        }
    }

    #[test]
    fn reading_the_outbox_counts_what_waits_and_what_was_refused() {
        let used = Refusal {
            status: 409,
            code: RefusalCode::LinkUsed,
        };
        let mut status = OutboxStatus::default();
        status.delivered.insert("sent".to_owned());
        status.read(&[queued("a", None), queued("b", Some(used.clone()))]);
        assert_eq!(status.waiting, 1);
        assert_eq!(status.refusal("b"), Some(&used));
        assert_eq!(status.refusal("a"), None);
        assert!(status.known);
        assert!(status.holds("a") && status.holds("b") && status.holds("sent"));
        assert!(!status.holds("other"));
    }
}
