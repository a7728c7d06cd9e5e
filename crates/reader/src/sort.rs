//! Sorting the responses table by any column, ascending or descending; rows without a value
//! in that column go last either way, and ties keep their order.

use std::cmp::Ordering;

use asi_instrument::Mode;
use asi_instrument::instrument;
use serde::{Deserialize, Serialize};

use crate::measure::Measure;
use crate::table::Row;

/// A column of the responses table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The envelope id.
    Id,
    /// The day of completion.
    Day,
    /// When the citizen finished.
    CompletedAt,
    /// The form.
    Form,
    /// The timepoint, in the instrument's order (intake first).
    Timepoint,
    /// The person's label (reference, token prefix, name and CPR), ignoring case; anonymous
    /// responses have none.
    Person,
    /// How the response was given.
    Mode,
    /// Drug-free (no before yes).
    DrugFree,
    /// The provisional domains.
    Provisional,
    /// Whether the scores inside equal the rescore (mismatches first).
    ScoresMatch,
    /// A score, wellbeing part or the hash days; in JSON the measure's id (`economy`, …).
    #[serde(untagged)]
    Measure(Measure),
}

/// Which way to sort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Smallest first.
    #[default]
    Ascending,
    /// Largest first.
    Descending,
}

/// A cell's value for sorting.
enum Key {
    Number(f64),
    Text(String),
}

impl Key {
    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Number(a), Key::Number(b)) => a.total_cmp(b),
            (Key::Text(a), Key::Text(b)) => a.cmp(b),
            (Key::Number(_), Key::Text(_)) => Ordering::Less,
            (Key::Text(_), Key::Number(_)) => Ordering::Greater,
        }
    }
}

fn text(value: &str) -> Option<Key> {
    Some(Key::Text(value.to_owned()))
}

fn flag(value: bool) -> Key {
    Key::Number(f64::from(u8::from(value)))
}

fn key(row: &Row, column: Column) -> Option<Key> {
    match column {
        Column::Id => text(&row.id),
        Column::Day => text(&row.day),
        Column::CompletedAt => text(&row.completed_at),
        Column::Form => text(&row.form),
        Column::Timepoint => Some(
            instrument()
                .timepoints
                .iter()
                .position(|t| t.id == row.timepoint)
                .map_or_else(
                    || Key::Text(row.timepoint.clone()),
                    |i| Key::Number(i as f64),
                ),
        ),
        Column::Person => row.person.label().map(|l| Key::Text(l.to_lowercase())),
        Column::Mode => text(match row.mode {
            Mode::Anonymous => "anonymous",
            Mode::Identified => "identified",
            Mode::Link => "link",
        }),
        Column::Measure(measure) => measure.of(row).map(Key::Number),
        Column::DrugFree => row.scores.drug_free.map(flag),
        Column::Provisional => {
            let ids: Vec<&str> = row.provisional.iter().map(|d| d.id()).collect();
            text(&ids.join(" "))
        }
        Column::ScoresMatch => Some(flag(row.scores_match)),
    }
}

/// Sorts `rows` by `column` (stable: equal rows keep their order); rows without a value in
/// the column go last in both directions.
pub fn sort_rows(rows: &mut [Row], column: Column, direction: Direction) {
    rows.sort_by_cached_key(|row| SortCell(key(row, column), direction));
}

/// A key with the direction and the "missing values last" rule built into its order.
struct SortCell(Option<Key>, Direction);

impl Ord for SortCell {
    fn cmp(&self, other: &SortCell) -> Ordering {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => match self.1 {
                Direction::Ascending => a.cmp(b),
                Direction::Descending => b.cmp(a),
            },
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
}

impl PartialOrd for SortCell {
    fn partial_cmp(&self, other: &SortCell) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for SortCell {
    fn eq(&self, other: &SortCell) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for SortCell {}
