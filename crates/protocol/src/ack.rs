//! The acknowledgement of `POST /api/v1/envelopes`: which envelope the inbox holds, named by
//! its id and the SHA-256 of the bytes it stored. A sender removes an envelope from its
//! outbox only when the acknowledgement names exactly the envelope it sent — never on a bare
//! 2xx, which a wrong address, a captive portal or a static host can also answer.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Whether the envelope was stored by this request or an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AckStatus {
    /// Stored now (201 Created).
    #[serde(rename = "stored")]
    Stored,
    /// The byte-identical envelope was stored (or stored and deleted) before (200 OK).
    #[serde(rename = "already stored")]
    AlreadyStored,
}

/// `{"id": "<envelope id>", "status": "stored" | "already stored", "sha256": "<64 hex>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    /// The envelope id.
    pub id: String,
    /// Stored now or before.
    pub status: AckStatus,
    /// SHA-256 of the stored envelope's bytes (the request body), 64 lowercase hex digits.
    pub sha256: String,
}

impl Ack {
    /// The acknowledgement of `body`, the bytes stored under `id`.
    pub fn new(id: &str, status: AckStatus, body: &[u8]) -> Ack {
        Ack {
            id: id.to_owned(),
            status,
            sha256: sha256_hex(body),
        }
    }

    /// Reads an answer's body as an acknowledgement of the envelope `id` whose exact bytes
    /// were `sent`; `None` unless it is one (HTML, another id, other bytes, no body).
    pub fn confirming(answer: &[u8], id: &str, sent: &[u8]) -> Option<Ack> {
        let ack: Ack = serde_json::from_slice(answer).ok()?;
        (ack.id == id && ack.sha256 == sha256_hex(sent)).then_some(ack)
    }
}

/// SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0b6f4c1e-8a57-4d0e-9c1a-2f3b4c5d6e7f";

    #[test]
    fn an_ack_confirms_only_the_envelope_it_names() {
        let sent = br#"{"v":1,"id":"0b6f4c1e-8a57-4d0e-9c1a-2f3b4c5d6e7f"}"#;
        let answer = serde_json::to_vec(&Ack::new(ID, AckStatus::Stored, sent)).unwrap();
        assert_eq!(
            Ack::confirming(&answer, ID, sent).map(|a| a.status),
            Some(AckStatus::Stored)
        );
        // Another envelope's id, other bytes, a page of HTML, nothing at all.
        let other = "11111111-1111-4111-8111-111111111111";
        assert_eq!(Ack::confirming(&answer, other, sent), None);
        assert_eq!(Ack::confirming(&answer, ID, b"{}"), None);
        assert_eq!(
            Ack::confirming(b"<!DOCTYPE html><p>Log ind", ID, sent),
            None
        );
        assert_eq!(Ack::confirming(b"", ID, sent), None);
        assert_eq!(
            Ack::confirming(br#"{"id":"x","status":"stored"}"#, ID, sent),
            None
        );
    }

    #[test]
    fn the_wire_form_is_as_documented() {
        let ack = Ack::new(ID, AckStatus::AlreadyStored, b"abc");
        assert_eq!(
            serde_json::to_string(&ack).unwrap(),
            format!(
                r#"{{"id":"{ID}","status":"already stored","sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}}"#
            )
        );
    }
}
