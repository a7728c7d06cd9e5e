//! Responses of both instrument versions in one reader, and the alcohol days of Trivsel &
//! forbrug (v2, where the clinic asks them) beside hash and other drugs over time.

mod common;

use asi_instrument::scoring::Domain;
use asi_reader::{Measure, PersonKey, Refs, group, rows, series};
use common::{asi_kort, close, given_with};
use serde_json::json;

/// Trivsel & forbrug at midway, with the alcohol items when `alcohol` holds (use, heavy).
fn trivsel_with(hash: u32, other: u32, alcohol: Option<(u32, u32)>) -> serde_json::Value {
    let mut answers = json!({
        "wellbeing_personal": 6, "wellbeing_close": 6, "wellbeing_social": 6,
        "hash_days": hash, "other_drug_days": other,
    });
    if let Some((days, heavy)) = alcohol {
        answers["alc_use_days"] = days.into();
        answers["alc_heavy_days"] = heavy.into();
    }
    answers
}

#[test]
fn responses_of_both_versions_are_rows_with_the_same_scores_for_the_same_answers() {
    let answers = asi_kort(json!({"alc_use_days": 20, "alc_heavy_days": 8, "days_cannabis": 12}));
    let responses = [
        given_with(
            "asi-kort-dk-v1",
            "asi_kort",
            "intake",
            Some("t-1"),
            "2026-01-05T09:00:00Z",
            answers.clone(),
        ),
        given_with(
            "asi-kort-dk-v2",
            "asi_kort",
            "discharge",
            Some("t-2"),
            "2026-04-27T09:00:00Z",
            answers,
        ),
    ];
    let table = rows(&responses, None);
    assert_eq!(table[0].scores.scoring_version, "asi6-dk-v1");
    assert_eq!(table[1].scores.scoring_version, "asi6-dk-v2");
    assert!(table.iter().all(|r| r.scored && r.scores_match));
    for d in Domain::ALL {
        assert_eq!(
            table[0].scores.domain(d),
            table[1].scores.domain(d),
            "{}",
            d.id()
        );
    }
    assert!(table[0].scores.alcohol.is_some_and(|a| a > 0.0));
    assert_eq!(table[0].provisional, table[1].provisional);
    for row in &table {
        assert_eq!(
            (
                row.alcohol_days,
                row.heavy_drinking_days,
                row.hash_days,
                row.other_drug_days
            ),
            (Some(20), Some(8), Some(12), None)
        );
    }
}

/// P1: ASI kort (v1) at intake, Trivsel & forbrug with alcohol (v2) at midway and discharge.
/// P2: ASI kort (v2) at intake, Trivsel & forbrug without alcohol (a clinic that does not add
/// it) at midway.
///
/// | person | intake (alc, heavy, hash) | midway (alc, heavy, hash, other) | discharge        |
/// |--------|---------------------------|----------------------------------|------------------|
/// | P1     | 20, 8, 12                 | 10, 2, 6, 1                      | 4, 0, 3, 0       |
/// | P2     | 6, 0, 0                   | –, –, 2, 0                       | –                |
#[test]
fn alcohol_days_over_time_beside_hash_and_other_drugs() {
    let refs = Refs::parse("ref,token\nP1,a1\nP1,a2\nP1,a3\nP2,b1\nP2,b2\n").unwrap();
    let responses = [
        given_with(
            "asi-kort-dk-v1",
            "asi_kort",
            "intake",
            Some("a1"),
            "2026-01-05T09:00:00Z",
            asi_kort(json!({"alc_use_days": 20, "alc_heavy_days": 8, "days_cannabis": 12})),
        ),
        given_with(
            "asi-kort-dk-v2",
            "trivsel",
            "midway",
            Some("a2"),
            "2026-03-02T09:00:00Z",
            trivsel_with(6, 1, Some((10, 2))),
        ),
        given_with(
            "asi-kort-dk-v2",
            "trivsel",
            "discharge",
            Some("a3"),
            "2026-04-27T09:00:00Z",
            trivsel_with(3, 0, Some((4, 0))),
        ),
        given_with(
            "asi-kort-dk-v2",
            "asi_kort",
            "intake",
            Some("b1"),
            "2026-01-06T09:00:00Z",
            asi_kort(json!({"alc_use_days": 6, "alc_heavy_days": 0, "days_cannabis": 0})),
        ),
        given_with(
            "asi-kort-dk-v2",
            "trivsel",
            "midway",
            Some("b2"),
            "2026-03-03T09:00:00Z",
            trivsel_with(2, 0, None),
        ),
    ];
    let table = rows(&responses, Some(&refs));
    let p1 = series(&table, &PersonKey::Ref("P1".into())).unwrap();
    let along = |m: Measure| -> Vec<Option<f64>> {
        p1.points
            .iter()
            .map(|p| p.row.as_ref().and_then(|r| m.of(r)))
            .collect()
    };
    assert_eq!(
        along(Measure::AlcoholDays),
        [Some(20.0), Some(10.0), Some(4.0), None]
    );
    assert_eq!(
        along(Measure::HeavyDrinkingDays),
        [Some(8.0), Some(2.0), Some(0.0), None]
    );
    assert_eq!(
        along(Measure::HashDays),
        [Some(12.0), Some(6.0), Some(3.0), None]
    );
    // The ASI kort has no total of other drugs: only Trivsel & forbrug gives one.
    assert_eq!(
        along(Measure::OtherDrugDays),
        [None, Some(1.0), Some(0.0), None]
    );
    // The reduction flag still follows hash: 6 ≤ 12/2, 3 ≤ 12/2.
    assert_eq!(p1.points[1].reduction, Some(true));

    let g = group(&table);
    let stats = |m: Measure, locf: bool| -> Vec<(usize, Option<f64>)> {
        let s = g.measures.iter().find(|s| s.measure == m).unwrap();
        let v = if locf { &s.locf } else { &s.raw };
        v.iter().map(|s| (s.n, s.mean)).collect()
    };
    // Raw: intake (20 + 6) / 2 = 13; midway only P1 answered alcohol (10); discharge 4.
    let raw = stats(Measure::AlcoholDays, false);
    assert_eq!(raw.iter().map(|s| s.0).collect::<Vec<_>>(), [2, 1, 1, 0]);
    assert!(close(raw[0].1, 13.0) && close(raw[1].1, 10.0) && close(raw[2].1, 4.0));
    assert_eq!(raw[3].1, None);
    // LOCF: P2's 6 from intake is carried to midway and beyond: (10 + 6) / 2 = 8, (4 + 6) / 2 = 5.
    let locf = stats(Measure::AlcoholDays, true);
    assert_eq!(locf.iter().map(|s| s.0).collect::<Vec<_>>(), [2, 2, 2, 2]);
    assert!(close(locf[1].1, 8.0) && close(locf[2].1, 5.0) && close(locf[3].1, 5.0));
    // Other drugs at midway: (1 + 0) / 2.
    let other = stats(Measure::OtherDrugDays, false);
    assert_eq!(other[1].0, 2);
    assert!(close(other[1].1, 0.5));
}
