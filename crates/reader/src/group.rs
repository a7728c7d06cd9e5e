//! The group over the measurement points: for each measure the mean and n per point, on the
//! raw data and on LOCF data (Last Observation Carried Forward), as in section 4.1 of the HCS
//! report.
//!
//! - **Raw**: the responses present at the point (the latest per person), skipping missing
//!   values; n varies from point to point.
//! - **LOCF**: everyone with an intake response; where a point has no value for the measure
//!   (no response, or the measure not answered), the person's last earlier value is carried
//!   forward. A measure observed at intake then has the same n at every point ("92 værdier på
//!   alle fire målepunkter"). People without an intake response are not in the LOCF set.
//!
//! Only people with a key (a reference or a CPR number) take part: anonymous responses and
//! unknown tokens cannot be followed over time. Note that the midway form (Trivsel & forbrug)
//! has no ASI domains, so their raw n at midway is 0 and their LOCF values there are those
//! carried from intake.

use asi_instrument::Text;
use serde::Serialize;

use crate::measure::Measure;
use crate::person::{MEASUREMENT_POINTS, Series, all_series, timepoint_title};
use crate::table::Row;

/// The mean of a measure at one point and how many values it is the mean of.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stat {
    /// The number of values.
    pub n: usize,
    /// Their mean; `None` when n is 0.
    pub mean: Option<f64>,
}

impl Stat {
    /// The n and mean of `values`.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Stat {
        let (n, sum) = values
            .into_iter()
            .fold((0usize, 0.0), |(n, sum), v| (n + 1, sum + v));
        Stat {
            n,
            mean: (n > 0).then(|| sum / n as f64),
        }
    }
}

/// One measure over the measurement points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureStats {
    /// Which measure.
    pub measure: Measure,
    /// Raw data, one entry per point of [`Group::timepoints`].
    pub raw: Vec<Stat>,
    /// LOCF data, one entry per point of [`Group::timepoints`].
    pub locf: Vec<Stat>,
}

/// A measurement point's id and title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimepointLabel {
    /// The timepoint id.
    pub id: String,
    /// Its title from the instrument.
    pub title: Text,
}

impl TimepointLabel {
    /// The label of timepoint `id`, titled from the instrument.
    pub fn of(id: &str) -> TimepointLabel {
        TimepointLabel {
            id: id.to_owned(),
            title: timepoint_title(id),
        }
    }
}

/// The group summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The measurement points, in order.
    pub timepoints: Vec<TimepointLabel>,
    /// People with a key who answered at least once at a measurement point.
    pub persons: usize,
    /// Of these, the people with an intake response (the LOCF set).
    pub with_intake: usize,
    /// Responses set aside because the same person answered the same point again later.
    pub duplicates: usize,
    /// Every measure of [`Measure::ALL`], in that order.
    pub measures: Vec<MeasureStats>,
}

/// The values of `measure` along one person's points, without carrying anything forward.
fn observed(series: &Series, measure: Measure) -> Vec<Option<f64>> {
    series
        .points
        .iter()
        .map(|p| p.row.as_ref().and_then(|r| measure.of(r)))
        .collect()
}

/// The same values with each gap filled from the last earlier value.
pub fn carried_forward(values: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut last = None;
    values
        .iter()
        .map(|v| {
            last = v.or(last);
            last
        })
        .collect()
}

/// The group's means over the measurement points, raw and LOCF, from the table's rows.
pub fn group(rows: &[Row]) -> Group {
    let everyone: Vec<Series> = all_series(rows)
        .into_iter()
        .filter(|s| s.points.iter().any(|p| p.row.is_some()))
        .collect();
    let with_intake: Vec<&Series> = everyone
        .iter()
        .filter(|s| s.points[0].row.is_some())
        .collect();
    let per_point = |columns: Vec<Vec<Option<f64>>>| -> Vec<Stat> {
        (0..MEASUREMENT_POINTS.len())
            .map(|i| Stat::of(columns.iter().filter_map(|values| values[i])))
            .collect()
    };
    let measures = Measure::ALL
        .into_iter()
        .map(|measure| MeasureStats {
            measure,
            raw: per_point(everyone.iter().map(|s| observed(s, measure)).collect()),
            locf: per_point(
                with_intake
                    .iter()
                    .map(|s| carried_forward(&observed(s, measure)))
                    .collect(),
            ),
        })
        .collect();
    Group {
        timepoints: MEASUREMENT_POINTS
            .iter()
            .map(|&id| TimepointLabel::of(id))
            .collect(),
        persons: everyone.len(),
        with_intake: with_intake.len(),
        duplicates: everyone.iter().map(|s| s.duplicates).sum(),
        measures,
    }
}
