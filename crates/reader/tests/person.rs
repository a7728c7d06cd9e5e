//! One person over the measurement points: dropouts, duplicates and the reduction flag.

mod common;

use asi_instrument::Lang;
use asi_reader::{PersonKey, Refs, all_series, reduction, rows, series};
use common::{anna, asi_kort, asi_medical, close, link, trivsel};
use serde_json::json;

fn refs() -> Refs {
    Refs::parse(
        "ref,token\nP-001,tok-a-intake\nP-001,tok-a-discharge\nP-001,tok-a-followup\nP-002,tok-b\n",
    )
    .unwrap()
}

fn cannabis(days: u32) -> serde_json::Value {
    asi_kort(json!({"days_cannabis": days}))
}

#[test]
fn a_series_with_a_dropout_and_a_duplicate() {
    let mut intake = asi_medical(9, 2, 4, 6);
    intake["days_cannabis"] = 20.into();
    let responses = [
        // The later discharge response comes first in the inbox: completed_at decides.
        link(
            "discharge",
            "tok-a-discharge",
            "2026-04-03T08:00:00Z",
            cannabis(10),
        ),
        link("intake", "tok-a-intake", "2026-01-05T09:00:00Z", intake),
        link(
            "discharge",
            "tok-a-discharge",
            "2026-04-01T15:00:00Z",
            cannabis(12),
        ),
        link(
            "followup_40w",
            "tok-a-followup",
            "2026-10-12T12:00:00Z",
            cannabis(11),
        ),
        // Outside the series, without error.
        link(
            "aftercare",
            "tok-a-followup",
            "2026-06-01T12:00:00Z",
            cannabis(0),
        ),
        link("intake", "tok-b", "2026-01-06T09:00:00Z", cannabis(3)),
    ];
    let table = rows(&responses, Some(&refs()));
    let s = series(&table, &PersonKey::Ref("P-001".into())).unwrap();
    let ids: Vec<&str> = s.points.iter().map(|p| p.timepoint.as_str()).collect();
    assert_eq!(ids, ["intake", "midway", "discharge", "followup_40w"]);
    let titles: Vec<&str> = s.points.iter().map(|p| p.title.get(Lang::Da)).collect();
    assert_eq!(
        titles,
        [
            "Indskrivning",
            "Midtvejssamtale",
            "Udskrivning",
            "Opfølgning efter 40 uger"
        ]
    );

    let [intake, midway, discharge, followup] = &s.points[..] else {
        panic!("four points")
    };
    let intake_row = intake.row.as_ref().unwrap();
    assert_eq!(intake_row.wellbeing_personal, Some(2));
    assert_eq!(intake_row.wellbeing_close, Some(4));
    assert_eq!(intake_row.wellbeing_social, Some(6));
    assert!(close(intake_row.scores.wellbeing, 4.0));
    assert!(close(intake_row.scores.medical, 0.1));
    assert!(intake_row.scores.drug > Some(0.0), "20 days with cannabis");
    assert!(intake_row.scores.asi6.is_some());
    assert_eq!(intake_row.hash_days, Some(20));
    assert_eq!(intake_row.scores.drug_free, Some(false));
    assert_eq!(intake.reduction, None, "no reduction at intake itself");

    assert!(midway.row.is_none(), "a dropout at midway");
    assert_eq!(midway.reduction, None);

    let discharge_row = discharge.row.as_ref().unwrap();
    assert_eq!(
        discharge_row.id,
        responses[0].metadata.id.as_str(),
        "the latest by completed_at"
    );
    assert_eq!(discharge_row.hash_days, Some(10));
    assert_eq!(discharge.duplicates, 1);
    assert_eq!(discharge.reduction, Some(true), "10 days is half of 20");

    assert_eq!(followup.row.as_ref().unwrap().hash_days, Some(11));
    assert_eq!(
        followup.reduction,
        Some(false),
        "11 days is more than half of 20"
    );
    assert_eq!(s.duplicates, 1);

    // Every person with a key, in key order.
    let everyone = all_series(&table);
    let keys: Vec<&PersonKey> = everyone.iter().map(|s| &s.key).collect();
    assert_eq!(
        keys,
        [
            &PersonKey::Ref("P-001".into()),
            &PersonKey::Ref("P-002".into())
        ]
    );
    assert_eq!(series(&table, &PersonKey::Ref("P-404".into())), None);
    assert!(serde_json::to_value(&s).unwrap()["points"][1]["row"].is_null());
}

#[test]
fn the_reduction_flag_is_a_halving_of_the_hash_days_of_intake() {
    assert_eq!(reduction(Some(20), Some(10)), Some(true));
    assert_eq!(reduction(Some(20), Some(0)), Some(true));
    assert_eq!(reduction(Some(20), Some(11)), Some(false));
    assert_eq!(reduction(Some(5), Some(2)), Some(true), "2 ≤ 2.5");
    assert_eq!(reduction(Some(5), Some(3)), Some(false));
    assert_eq!(reduction(Some(1), Some(0)), Some(true));
    assert_eq!(reduction(Some(3), Some(30)), Some(false));
    assert_eq!(reduction(Some(0), Some(0)), None, "nothing to halve");
    assert_eq!(reduction(None, Some(3)), None, "no intake");
    assert_eq!(reduction(Some(10), None), None, "no days at this point");
}

#[test]
fn reduction_in_a_series_uses_hash_days_at_midway_and_needs_intake_days() {
    let responses = [
        // P-001: intake without hash, so no reduction can be claimed later.
        link(
            "intake",
            "tok-a-intake",
            "2026-01-05T09:00:00Z",
            cannabis(0),
        ),
        link(
            "midway",
            "tok-a-discharge",
            "2026-02-05T09:00:00Z",
            trivsel(5, 5, 5, 0),
        ),
        // P-002: no intake at all.
        link(
            "midway",
            "tok-b",
            "2026-02-06T09:00:00Z",
            trivsel(5, 5, 5, 1),
        ),
    ];
    let table = rows(&responses, Some(&refs()));
    let first = series(&table, &PersonKey::Ref("P-001".into())).unwrap();
    assert_eq!(
        first
            .point("midway")
            .unwrap()
            .row
            .as_ref()
            .unwrap()
            .hash_days,
        Some(0)
    );
    assert_eq!(first.point("midway").unwrap().reduction, None);
    let second = series(&table, &PersonKey::Ref("P-002".into())).unwrap();
    assert!(second.points[0].row.is_none());
    assert_eq!(second.point("midway").unwrap().reduction, None);

    // Midway's Trivsel & forbrug: hash days 6 of 14 at intake is a reduction.
    let responses = [
        link("intake", "tok-b", "2026-01-05T09:00:00Z", cannabis(14)),
        link(
            "midway",
            "tok-b",
            "2026-02-05T09:00:00Z",
            trivsel(5, 5, 5, 6),
        ),
    ];
    let table = rows(&responses, Some(&refs()));
    let s = series(&table, &PersonKey::Ref("P-002".into())).unwrap();
    assert_eq!(s.point("midway").unwrap().reduction, Some(true));
    assert_eq!(
        s.point("midway")
            .unwrap()
            .row
            .as_ref()
            .unwrap()
            .scores
            .drug_free,
        Some(false)
    );
}

#[test]
fn an_identified_intake_is_followed_by_its_cpr_number() {
    let responses = [anna()];
    let table = rows(&responses, None);
    let s = series(&table, &PersonKey::Cpr("0101901234".into())).unwrap();
    assert!(s.points[0].row.is_some());
    assert!(s.points[1..].iter().all(|p| p.row.is_none()));
}
