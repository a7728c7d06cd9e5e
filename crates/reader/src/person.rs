//! One citizen over time: the four measurement points of the HCS report (intake, midway,
//! discharge, 40-week follow-up), each with that point's response, and the reduction in
//! hash use of section 4.3.1 ("minimum en halvering af antallet af dage med forbrug af
//! hash").

use std::collections::BTreeMap;

use asi_instrument::{Text, instrument};
use serde::Serialize;

use crate::identity::PersonKey;
use crate::table::Row;

/// The measurement points of a person's course, in order. Responses at other timepoints
/// (`aftercare`, `followup_6m`, `self_screening`) are left out of the series.
pub const MEASUREMENT_POINTS: [&str; 4] = ["intake", "midway", "discharge", "followup_40w"];

/// One measurement point of a person's course.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The timepoint id.
    pub timepoint: String,
    /// Its title from the instrument ("Indskrivning").
    pub title: Text,
    /// The response at this point (the latest by `completed_at` if there are several);
    /// `None` when the person did not answer (a dropout).
    pub row: Option<Row>,
    /// Whether the days with hash are at most half of those at intake (section 4.3.1); see
    /// [`reduction`]. Always `None` at intake.
    pub reduction: Option<bool>,
    /// How many further responses at this point were set aside for the latest one.
    pub duplicates: usize,
}

/// A person's course over the measurement points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// Whose course it is.
    pub key: PersonKey,
    /// One entry per [`MEASUREMENT_POINTS`], in that order.
    pub points: Vec<Point>,
    /// Responses set aside in all, because another response at the same point was later.
    pub duplicates: usize,
}

/// The reduction flag of section 4.3.1: at least halving the days of hash use relative to
/// intake, `days ≤ intake_days / 2`. `None` when either count is missing or there were no
/// days at intake (nothing to halve).
pub fn reduction(intake_days: Option<u32>, days: Option<u32>) -> Option<bool> {
    match (intake_days, days) {
        (Some(intake), Some(days)) if intake > 0 => Some(2 * u64::from(days) <= u64::from(intake)),
        _ => None,
    }
}

/// A timepoint's title from the instrument (its id if the instrument does not know it).
pub fn timepoint_title(timepoint: &str) -> Text {
    instrument()
        .timepoint(timepoint)
        .map(|t| t.title.clone())
        .unwrap_or_else(|| Text {
            da: timepoint.to_owned().into(),
            en: timepoint.to_owned().into(),
        })
}

impl Series {
    /// The course of one person from their rows (any order; rows at other timepoints are
    /// ignored).
    fn from_rows(key: PersonKey, rows: &[&Row]) -> Series {
        let mut points: Vec<Point> = MEASUREMENT_POINTS
            .iter()
            .map(|&timepoint| {
                let here: Vec<&Row> = rows
                    .iter()
                    .copied()
                    .filter(|r| r.timepoint == timepoint)
                    .collect();
                // The latest by completed_at (RFC 3339 in UTC, so text order is time order);
                // of equal times, the later row.
                let latest = here
                    .iter()
                    .max_by(|a, b| a.completed_at.cmp(&b.completed_at));
                Point {
                    timepoint: timepoint.to_owned(),
                    title: timepoint_title(timepoint),
                    row: latest.map(|&r| r.clone()),
                    reduction: None,
                    duplicates: here.len().saturating_sub(1),
                }
            })
            .collect();
        let hash_days = |p: &Point| p.row.as_ref().and_then(|r| r.hash_days);
        let intake_days = hash_days(&points[0]);
        for point in points.iter_mut().skip(1) {
            point.reduction = reduction(intake_days, hash_days(point));
        }
        Series {
            key,
            duplicates: points.iter().map(|p| p.duplicates).sum(),
            points,
        }
    }

    /// The point of a timepoint id, if it is one of [`MEASUREMENT_POINTS`].
    pub fn point(&self, timepoint: &str) -> Option<&Point> {
        self.points.iter().find(|p| p.timepoint == timepoint)
    }
}

/// The course of every person with a key (a reference or a CPR number), in key order.
/// Anonymous responses, unknown tokens and responses of a form without scores (the
/// involvement form, [`Row::scored`]) are left out.
pub fn all_series(rows: &[Row]) -> Vec<Series> {
    let mut by_person: BTreeMap<PersonKey, Vec<&Row>> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.scored) {
        if let Some(key) = row.person.key() {
            by_person.entry(key).or_default().push(row);
        }
    }
    by_person
        .into_iter()
        .map(|(key, rows)| Series::from_rows(key, &rows))
        .collect()
}

/// The course of one person (their responses of forms with scores); `None` when no such
/// row has this key.
pub fn series(rows: &[Row], key: &PersonKey) -> Option<Series> {
    let mine: Vec<&Row> = rows
        .iter()
        .filter(|r| r.scored && r.person.key().as_ref() == Some(key))
        .collect();
    (!mine.is_empty()).then(|| Series::from_rows(key.clone(), &mine))
}
