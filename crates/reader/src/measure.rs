//! The numbers the reader follows over time and sorts by: wellbeing and its parts, the ASI
//! domains and ASI 6, and the days with hash, other drugs, alcohol and heavy drinking.

use asi_instrument::scoring::Domain;
use serde::{Deserialize, Serialize};

use crate::table::Row;

/// A number in a row. In JSON a measure is its id: `wellbeing`, `wellbeing_personal`,
/// `wellbeing_close`, `wellbeing_social`, `asi6`, `hash_days`, `other_drug_days`,
/// `alcohol_days`, `heavy_drinking_days`, or a domain's id (`economy`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// General wellbeing, the mean of the three parts (0–10).
    Wellbeing,
    /// Personal wellbeing (0–10).
    WellbeingPersonal,
    /// Wellbeing in close relations (0–10).
    WellbeingClose,
    /// Social wellbeing (0–10).
    WellbeingSocial,
    /// ASI 6, the mean of the six domains.
    Asi6,
    /// Days with hash in the last 30 (section 4.1.1 of the HCS report).
    HashDays,
    /// Days with other drugs than hash in the last month (Trivsel & forbrug).
    OtherDrugDays,
    /// Days with alcohol in the last 30.
    AlcoholDays,
    /// Days with heavy drinking in the last 30.
    HeavyDrinkingDays,
    /// One ASI domain (0–1).
    #[serde(untagged)]
    Domain(Domain),
}

impl Measure {
    /// Every measure, in the order a group summary lists them: wellbeing and its parts, the
    /// six domains, ASI 6, then the days of use.
    pub const ALL: [Measure; 15] = [
        Measure::Wellbeing,
        Measure::WellbeingPersonal,
        Measure::WellbeingClose,
        Measure::WellbeingSocial,
        Measure::Domain(Domain::ALL[0]),
        Measure::Domain(Domain::ALL[1]),
        Measure::Domain(Domain::ALL[2]),
        Measure::Domain(Domain::ALL[3]),
        Measure::Domain(Domain::ALL[4]),
        Measure::Domain(Domain::ALL[5]),
        Measure::Asi6,
        Measure::HashDays,
        Measure::OtherDrugDays,
        Measure::AlcoholDays,
        Measure::HeavyDrinkingDays,
    ];

    /// The days of use, in the order the reader shows them side by side.
    pub const DAYS: [Measure; 4] = [
        Measure::HashDays,
        Measure::OtherDrugDays,
        Measure::AlcoholDays,
        Measure::HeavyDrinkingDays,
    ];

    /// The measure's value in one row (scores rescored), if it has one.
    pub fn of(self, row: &Row) -> Option<f64> {
        let count = |v: Option<u32>| v.map(f64::from);
        match self {
            Measure::Wellbeing => row.scores.wellbeing,
            Measure::WellbeingPersonal => count(row.wellbeing_personal),
            Measure::WellbeingClose => count(row.wellbeing_close),
            Measure::WellbeingSocial => count(row.wellbeing_social),
            Measure::Asi6 => row.scores.asi6,
            Measure::HashDays => count(row.hash_days),
            Measure::OtherDrugDays => count(row.other_drug_days),
            Measure::AlcoholDays => count(row.alcohol_days),
            Measure::HeavyDrinkingDays => count(row.heavy_drinking_days),
            Measure::Domain(d) => row.scores.domain(d),
        }
    }
}
