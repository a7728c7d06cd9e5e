//! The questionnaires — ASI kort, Trivsel & forbrug and Inddragelse — as versioned data,
//! their validation, and versioned scoring (`asi6-dk-v1`, `asi6-dk-v2`).
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
pub use model::{AnswerType, Form, FormError, Instrument, Item, NotOptional, Section, Timepoint};
pub use payload::{Consent, Mode, Payload};
pub use text::{Lang, Text};
pub use validate::{ErrorKind, ValidationError};

/// `data/instrument-v1.json`, version `asi-kort-dk-v1`: the ASI kort and Trivsel & forbrug
/// as first shipped, kept so that responses given with it keep their meaning.
pub const INSTRUMENT_V1_JSON: &str = include_str!("../data/instrument-v1.json");

/// `data/instrument-v2.json`, version `asi-kort-dk-v2`: every item of v1 unchanged, the
/// involvement form (`inddragelse`), and the ASI kort's two alcohol items as a section a
/// clinic may add to Trivsel & forbrug.
pub const INSTRUMENT_V2_JSON: &str = include_str!("../data/instrument-v2.json");

/// The instrument version new responses are given with ([`instrument`]).
pub const CURRENT_INSTRUMENT_VERSION: &str = "asi-kort-dk-v2";

/// The earlier instrument versions whose drafts are drafts of the current version too
/// ([`Draft::resumed`]): the current version asks each of their forms with the same sections
/// (when the clinic adds nothing) and keeps each of their items and scales unchanged, so an
/// answer given with one of them means the same now. The crate's test
/// `every_carried_version_means_the_same_now` checks it for each.
pub const CARRIED_FORWARD: [&str; 1] = ["asi-kort-dk-v1"];

/// The current questionnaire definition (version [`CURRENT_INSTRUMENT_VERSION`]), built once
/// from the code `build.rs` bakes from [`INSTRUMENT_V2_JSON`] (equal to it; the crate's tests
/// check). New responses, drafts and the app use it.
pub fn instrument() -> &'static Instrument {
    static CELL: OnceLock<Instrument> = OnceLock::new();
    CELL.get_or_init(baked::instrument_v2)
}

/// `asi-kort-dk-v1`, built once (only programs that read old responses build it).
fn instrument_v1() -> &'static Instrument {
    static CELL: OnceLock<Instrument> = OnceLock::new();
    CELL.get_or_init(baked::instrument_v1)
}

/// Every instrument version this build knows, oldest first: a response names the version
/// it was given with (`instrument_version`), and is read with that version.
pub fn shipped() -> [&'static Instrument; 2] {
    [instrument_v1(), instrument()]
}

/// The instrument with this version id, if this build knows it.
///
/// ```
/// let v1 = asi_instrument::by_version("asi-kort-dk-v1").expect("shipped");
/// assert!(v1.form("inddragelse").is_none()); // the involvement form came with v2
/// assert!(asi_instrument::by_version("asi-kort-dk-v2").unwrap().form("inddragelse").is_some());
/// assert!(asi_instrument::by_version("asi-kort-dk-v0").is_none());
/// ```
pub fn by_version(version: &str) -> Option<&'static Instrument> {
    shipped().into_iter().find(|i| i.version == version)
}
