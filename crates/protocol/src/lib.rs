//! The inbox API's wire types (`docs/sync-api.md`), declared once and used by both sides:
//! the inbox writes them, the citizen's app, the `asi` command line and the clinic's reader
//! read them. A change here changes every side at once, so the two ends of the protocol
//! cannot drift apart.
//!
//! - [`ClinicSettings`]: `GET /api/v1/clinics/<id>`.
//! - [`Refusal`] and [`RefusalCode`]: every error answer.
//! - [`Ack`]: the answer to `POST /api/v1/envelopes` that stored (or had stored) an envelope.
//! - [`EnvelopePage`]: `GET /api/v1/envelopes`.
//! - [`LinkBatch`], [`LinksCreated`], [`LinkInfo`]: `POST /api/v1/links` and
//!   `GET /api/v1/links/<hash>`.

mod ack;
mod clinic;
mod links;
mod refusal;

pub use ack::{Ack, AckStatus, sha256_hex};
pub use clinic::{ClinicSettings, DEFAULT_DRAFT_RETENTION_DAYS, DRAFT_RETENTION_DAYS};
pub use links::{LinkBatch, LinkInfo, LinkState, LinksCreated, NewLink, token_hash};
pub use refusal::{Refusal, RefusalCode};

use serde::{Deserialize, Serialize};

/// One page of a clinic's envelopes (`GET /api/v1/envelopes?after=&limit=`), oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvelopePage {
    /// The envelopes, each as the JSON object that was stored.
    pub items: Vec<serde_json::Value>,
    /// The cursor to pass as `after` for the next page (equal to `after` when `items` is
    /// empty).
    pub next: String,
}
