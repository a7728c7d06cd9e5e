//! The clinic's own evaluation report: the tables and figures of the HCS evaluation
//! (Center for Rusmiddelforskning's report on Projekt Hash og Centralstimulerende Stoffer)
//! computed from the clinic's opened responses, its register file and the inbox's link
//! states (`docs/report.md`).
//!
//! Pure and portable, like `asi-reader`: no IO, no clock, no threads, so `asi report` and the
//! reader in the browser (`wasm32-unknown-unknown`) compute the same numbers from the same
//! inputs. The flow: read the register with [`Register::parse`], gather [`Inputs`], call
//! [`report`] for the numbers (a [`Report`], serialisable as JSON, every number with its n),
//! and [`html`] for a self-contained Danish HTML page of it ([`json`] for its numbers;
//! [`fragment`] for the same markup inside a page of one's own, as the reader shows it).

pub mod cohort;
pub mod date;
pub mod html;
pub mod register;
pub mod report;
pub mod stats;
mod svg;

use asi_export::Response;
use asi_instrument::Lang;
use asi_protocol::{LinkInfo, LinkState};
use asi_reader::Refs;
use serde::Serialize;
use thiserror::Error;

pub use date::Day;
pub use html::{Layout, fragment, html};
pub use register::{Ending, Problem, ProblemKind, ReadOptions, Register, RegisterError, Sex};
pub use report::{Report, report};

/// One follow-up link as the inbox knows it, tied to the clinic's reference by the refs file
/// (`asi links`' `ref,token,url`): the token's hash asked at `GET /api/v1/links/<hash>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkStatus {
    /// The clinic's reference for the person.
    pub reference: String,
    /// The form the link asks for.
    pub form: String,
    /// The timepoint it asks for.
    pub timepoint: String,
    /// Its last valid day (UTC), `YYYY-MM-DD`.
    pub expires: String,
    /// Where it stands.
    pub state: LinkState,
}

impl LinkStatus {
    /// The link of `reference` as the inbox answered `GET /api/v1/links/<hash>` about it.
    pub fn new(reference: &str, info: LinkInfo) -> LinkStatus {
        LinkStatus {
            reference: reference.to_owned(),
            form: info.form,
            timepoint: info.timepoint,
            expires: info.expires,
            state: info.state,
        }
    }
}

/// The report as JSON (`asi report --format json`): every number with its n, pretty-printed,
/// ending with a newline.
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("a report always serialises") + "\n"
}

/// What the report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Only courses beginning on or after this day.
    pub from: Option<Day>,
    /// Only courses beginning on or before this day.
    pub to: Option<Day>,
    /// The measurement points to show (ids of [`asi_reader::MEASUREMENT_POINTS`]); empty:
    /// all four. The last is where the outcomes are measured; intake is always included.
    pub timepoints: Vec<String>,
    /// A grouping column of the register to split the profile tables by.
    pub group_by: Option<String>,
    /// Today, on the clinic's machine (for "expires soon").
    pub today: Day,
}

impl Options {
    /// Everything, all four points, no split.
    pub fn new(today: Day) -> Options {
        Options {
            from: None,
            to: None,
            timepoints: Vec::new(),
            group_by: None,
            today,
        }
    }
}

/// Everything a report is made from.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The opened responses.
    pub responses: &'a [Response],
    /// Which reference each link token belongs to.
    pub refs: Option<&'a Refs>,
    /// The register file, read.
    pub register: Option<&'a Register>,
    /// The links' states from the inbox, when it was asked.
    pub links: Option<&'a [LinkStatus]>,
    /// What to cover.
    pub options: &'a Options,
}

/// Why a report cannot be made with these options.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A timepoint that is not a measurement point.
    #[error("{}", self.message(Lang::En))]
    UnknownTimepoint(String),
    /// Only intake was chosen: there is nothing to measure outcomes at.
    #[error("{}", self.message(Lang::En))]
    NoOutcomeTimepoint,
    /// The grouping column is not in the register.
    #[error("{}", self.message(Lang::En))]
    UnknownGroupColumn {
        /// The column asked for.
        column: String,
        /// The register's grouping columns.
        known: Vec<String>,
    },
}

impl ReportError {
    /// What is wrong, for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use texts::*;
        match self {
            ReportError::UnknownTimepoint(t) => UNKNOWN_TIMEPOINT.fill(lang, &[("timepoint", t)]),
            ReportError::NoOutcomeTimepoint => NO_OUTCOME_TIMEPOINT.get(lang).to_owned(),
            ReportError::UnknownGroupColumn { column, known } => {
                let known = if known.is_empty() {
                    NONE.get(lang).to_owned()
                } else {
                    known.join(", ")
                };
                UNKNOWN_GROUP_COLUMN.fill(lang, &[("column", column), ("known", &known)])
            }
        }
    }
}

/// The texts of [`ReportError`].
pub mod texts {
    asi_i18n::texts! {
        UNKNOWN_TIMEPOINT = (
            "{timepoint} er ikke et måletidspunkt (intake, midway, discharge, followup_40w)",
            "{timepoint} is not a measurement point (intake, midway, discharge, followup_40w)",
        );
        NO_OUTCOME_TIMEPOINT = (
            "vælg et måletidspunkt efter indskrivning: udfaldene måles ved det sidste",
            "choose a measurement point after intake: the outcomes are measured at the last one",
        );
        UNKNOWN_GROUP_COLUMN = (
            "registerfilen har ingen grupperingskolonne {column} (den har: {known})",
            "the register has no grouping column {column} (it has: {known})",
        );
        NONE = ("ingen", "none");
    }
}
