//! The ASI kort and Trivsel & forbrug questionnaires as data, their validation, and
//! versioned scoring (`asi6-dk-v1`).
//!
//! Pure Rust with no web or IO dependencies: the same code scores natively (the `asi` CLI,
//! the inbox tools) and in the browser (the Leptos app).
//!
//! It also holds what the product seals in an envelope ([`Payload`]) and the one check of the
//! form, timepoint and day an envelope's clear metadata names ([`Instrument::check_metadata`]);
//! the envelope format itself (`asi-envelope`) knows nothing of the questionnaires.
//!
//! ```
//! use asi_instrument::{instrument, scoring, Answers};
//!
//! let record: serde_json::Value = serde_json::json!({
//!     "wellbeing_personal": 5, "wellbeing_close": 6, "wellbeing_social": 7
//! });
//! let answers = Answers::validate(instrument(), &record).expect("a valid record");
//! let scores = scoring::current().score(&answers);
//! assert_eq!(scores.wellbeing, Some(6.0));
//! assert_eq!(scores.asi6, None); // the ASI kort was not answered
//! ```

pub mod answers;
mod baked;
pub mod cpr;
pub mod date;
pub mod draft;
pub mod metadata;
pub mod model;
pub mod payload;
pub mod scoring;
pub mod text;
pub mod validate;

use std::sync::OnceLock;

pub use answers::{Answer, Answers};
pub use draft::{Draft, ItemState, Position};
pub use metadata::MetadataError;
pub use model::{AnswerType, Form, FormError, Instrument, Item, Section, Timepoint};
pub use payload::{Consent, Mode, Payload};
pub use text::{Lang, Text};
pub use validate::{ErrorKind, ValidationError};

/// The questionnaire definition shipped with this build (`data/instrument-v1.json`).
pub const INSTRUMENT_V1_JSON: &str = include_str!("../data/instrument-v1.json");

/// The questionnaire definition, built once from the code `build.rs` bakes from
/// [`INSTRUMENT_V1_JSON`] (equal to it; the crate's tests check).
pub fn instrument() -> &'static Instrument {
    static CELL: OnceLock<Instrument> = OnceLock::new();
    CELL.get_or_init(baked::instrument_v1)
}
