//! The analysis behind the clinic's reader page: opened responses as a table, one citizen's
//! course over the measurement points, and the group's means, raw and LOCF (as in section
//! 4.1 of the HCS report).
//!
//! Pure and portable: no IO, no threads, no clock, so the same code runs natively (tests,
//! tools) and in the browser (`wasm32-unknown-unknown`). Everything a page shows is
//! `Serialize`; this crate makes no HTML or SVG.
//!
//! The flow: read the clinic's person references with [`Refs::parse`], turn the opened
//! responses into [`Row`]s with [`rows`], then sort and filter the table ([`sort_rows`],
//! [`Filter`]), follow one person with [`series`], or summarise everyone with [`group`]. A
//! form without scores (the involvement form) is summarised as shares per statement and step
//! with [`shares`]. [`links`] makes follow-up links (`asi links` and the reader's "Lav nyt
//! link").

pub mod group;
pub mod identity;
pub mod links;
pub mod measure;
pub mod person;
pub mod refs;
pub mod shares;
pub mod sort;
pub mod table;

pub use group::{Group, MeasureStats, Stat, TimepointLabel, carried_forward, group};
pub use identity::{Person, PersonKey};
pub use measure::Measure;
pub use person::{MEASUREMENT_POINTS, Point, Series, all_series, reduction, series};
pub use refs::{Refs, RefsError};
pub use shares::{AtTimepoint, FreeText, Shares, Statement, Step, shares, unscored_forms};
pub use sort::{Column, Direction, sort_rows};
pub use table::{Filter, Row, rows};
