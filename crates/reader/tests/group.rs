//! The group's means, raw and LOCF, on a small cohort whose numbers are worked out by hand.

mod common;

use asi_instrument::scoring::Domain;
use asi_reader::{Group, Measure, Refs, group, rows};
use common::{anonymous, asi_medical, link, trivsel};

/// Four people (P1–P4) plus two responses that cannot be followed. Only the medical domain
/// is above 0 (`physical_problem_days / 90`), so ASI 6 is medical / 6.
///
/// | person | intake              | midway       | discharge     | followup_40w     |
/// |--------|---------------------|--------------|---------------|------------------|
/// | P1     | wb 2,4,6 med 0.1    | wb 5,5,5 h4  | wb 6,6,6 med0 | wb 9,6,6 med 0   |
/// | P2     | wb 3,3,3 med 0.2    | –            | –             | –                |
/// | P3     | wb 5,6,7 med 0.3    | wb 8,8,8 h2  | –             | wb 7,7,7 med 0.1 |
/// | P4     | –                   | wb 4,4,4 h6  | wb 10,10,10 0 | –                |
///
/// P1 also answered midway earlier (wb 0,0,0), set aside for the later response. Hash days
/// are 0 on every ASI kort (`days_cannabis`); "h" is midway's `hash_days`.
fn cohort() -> Group {
    let refs = Refs::parse(
        "ref,token,url\nP1,t1a,u\nP1,t1b,u\nP1,t1c,u\nP1,t1d,u\nP2,t2a,u\nP3,t3a,u\nP3,t3b,u\nP3,t3d,u\nP4,t4b,u\nP4,t4c,u\n",
    )
    .unwrap();
    let responses = [
        link(
            "intake",
            "t1a",
            "2026-01-05T09:00:00Z",
            asi_medical(9, 2, 4, 6),
        ),
        link(
            "intake",
            "t2a",
            "2026-01-06T09:00:00Z",
            asi_medical(18, 3, 3, 3),
        ),
        link(
            "intake",
            "t3a",
            "2026-01-07T09:00:00Z",
            asi_medical(27, 5, 6, 7),
        ),
        anonymous("intake", "2026-01-07T10:00:00Z", asi_medical(30, 0, 0, 0)),
        link(
            "intake",
            "t-unknown",
            "2026-01-08T10:00:00Z",
            asi_medical(30, 0, 0, 0),
        ),
        link("midway", "t1b", "2026-03-02T09:00:00Z", trivsel(5, 5, 5, 4)),
        link(
            "midway",
            "t1b",
            "2026-03-01T09:00:00Z",
            trivsel(0, 0, 0, 30),
        ),
        link("midway", "t3b", "2026-03-03T09:00:00Z", trivsel(8, 8, 8, 2)),
        link("midway", "t4b", "2026-03-04T09:00:00Z", trivsel(4, 4, 4, 6)),
        link(
            "discharge",
            "t1c",
            "2026-05-01T09:00:00Z",
            asi_medical(0, 6, 6, 6),
        ),
        link(
            "discharge",
            "t4c",
            "2026-05-02T09:00:00Z",
            asi_medical(0, 10, 10, 10),
        ),
        link(
            "followup_40w",
            "t1d",
            "2026-10-12T09:00:00Z",
            asi_medical(0, 9, 6, 6),
        ),
        link(
            "followup_40w",
            "t3d",
            "2026-10-13T09:00:00Z",
            asi_medical(9, 7, 7, 7),
        ),
    ];
    group(&rows(&responses, Some(&refs)))
}

type Expected = [(usize, Option<f64>); 4];

fn check(group: &Group, measure: Measure, raw: Expected, locf: Expected) {
    let stats = group
        .measures
        .iter()
        .find(|m| m.measure == measure)
        .unwrap();
    for (kind, got, want) in [("raw", &stats.raw, raw), ("locf", &stats.locf, locf)] {
        assert_eq!(got.len(), 4);
        for (i, (stat, (n, mean))) in got.iter().zip(want).enumerate() {
            let what = format!("{measure:?} {kind} at point {i}: {stat:?}");
            assert_eq!(stat.n, n, "{what}");
            match (stat.mean, mean) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{what}, want {b}"),
                (a, b) => assert_eq!(a, b, "{what}"),
            }
        }
    }
}

#[test]
fn raw_and_locf_means_of_a_small_cohort() {
    let g = cohort();
    let ids: Vec<&str> = g.timepoints.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["intake", "midway", "discharge", "followup_40w"]);
    assert_eq!(
        g.persons, 4,
        "the anonymous response and the unknown token are left out"
    );
    assert_eq!(g.with_intake, 3);
    assert_eq!(g.duplicates, 1);

    // General wellbeing. Raw: intake (4+3+6)/3, midway (5+8+4)/3, discharge (6+10)/2,
    // followup (7+7)/2. LOCF over P1–P3: midway (5+3+8)/3, discharge (6+3+8)/3,
    // followup (7+3+7)/3.
    check(
        &g,
        Measure::Wellbeing,
        [
            (3, Some(13.0 / 3.0)),
            (3, Some(17.0 / 3.0)),
            (2, Some(8.0)),
            (2, Some(7.0)),
        ],
        [
            (3, Some(13.0 / 3.0)),
            (3, Some(16.0 / 3.0)),
            (3, Some(17.0 / 3.0)),
            (3, Some(17.0 / 3.0)),
        ],
    );
    // Personal: raw (2+3+5)/3, (5+8+4)/3, (6+10)/2, (9+7)/2; LOCF (5+3+8)/3, (6+3+8)/3,
    // (9+3+7)/3.
    check(
        &g,
        Measure::WellbeingPersonal,
        [
            (3, Some(10.0 / 3.0)),
            (3, Some(17.0 / 3.0)),
            (2, Some(8.0)),
            (2, Some(8.0)),
        ],
        [
            (3, Some(10.0 / 3.0)),
            (3, Some(16.0 / 3.0)),
            (3, Some(17.0 / 3.0)),
            (3, Some(19.0 / 3.0)),
        ],
    );
    // Close: raw (4+3+6)/3, 17/3, 8, (6+7)/2; LOCF (5+3+8)/3, (6+3+8)/3, (6+3+7)/3.
    check(
        &g,
        Measure::WellbeingClose,
        [
            (3, Some(13.0 / 3.0)),
            (3, Some(17.0 / 3.0)),
            (2, Some(8.0)),
            (2, Some(6.5)),
        ],
        [
            (3, Some(13.0 / 3.0)),
            (3, Some(16.0 / 3.0)),
            (3, Some(17.0 / 3.0)),
            (3, Some(16.0 / 3.0)),
        ],
    );
    // Social: raw (6+3+7)/3, 17/3, 8, (6+7)/2; LOCF (5+3+8)/3, (6+3+8)/3, (6+3+7)/3.
    check(
        &g,
        Measure::WellbeingSocial,
        [
            (3, Some(16.0 / 3.0)),
            (3, Some(17.0 / 3.0)),
            (2, Some(8.0)),
            (2, Some(6.5)),
        ],
        [
            (3, Some(16.0 / 3.0)),
            (3, Some(16.0 / 3.0)),
            (3, Some(17.0 / 3.0)),
            (3, Some(16.0 / 3.0)),
        ],
    );
    // Medical: midway (Trivsel & forbrug) has no ASI, so raw n is 0 there and LOCF carries
    // intake forward. Raw: (0.1+0.2+0.3)/3, –, (0+0)/2, (0+0.1)/2. LOCF: 0.2, 0.2,
    // (0+0.2+0.3)/3, (0+0.2+0.1)/3.
    check(
        &g,
        Measure::Domain(Domain::Medical),
        [(3, Some(0.2)), (0, None), (2, Some(0.0)), (2, Some(0.05))],
        [
            (3, Some(0.2)),
            (3, Some(0.2)),
            (3, Some(0.5 / 3.0)),
            (3, Some(0.1)),
        ],
    );
    // ASI 6 is medical / 6 here.
    check(
        &g,
        Measure::Asi6,
        [
            (3, Some(0.2 / 6.0)),
            (0, None),
            (2, Some(0.0)),
            (2, Some(0.05 / 6.0)),
        ],
        [
            (3, Some(0.2 / 6.0)),
            (3, Some(0.2 / 6.0)),
            (3, Some(0.5 / 18.0)),
            (3, Some(0.1 / 6.0)),
        ],
    );
    for domain in [
        Domain::Economy,
        Domain::Psychiatric,
        Domain::Alcohol,
        Domain::Legal,
        Domain::Drug,
    ] {
        check(
            &g,
            Measure::Domain(domain),
            [(3, Some(0.0)), (0, None), (2, Some(0.0)), (2, Some(0.0))],
            [
                (3, Some(0.0)),
                (3, Some(0.0)),
                (3, Some(0.0)),
                (3, Some(0.0)),
            ],
        );
    }
    // Hash days: raw 0, (4+2+6)/3, 0, 0; LOCF 0, (4+0+2)/3, (0+0+2)/3 (P3's midway carried),
    // 0.
    check(
        &g,
        Measure::HashDays,
        [
            (3, Some(0.0)),
            (3, Some(4.0)),
            (2, Some(0.0)),
            (2, Some(0.0)),
        ],
        [
            (3, Some(0.0)),
            (3, Some(2.0)),
            (3, Some(2.0 / 3.0)),
            (3, Some(0.0)),
        ],
    );

    let json = serde_json::to_value(&g).unwrap();
    assert_eq!(json["measures"][0]["measure"], "wellbeing");
    assert_eq!(
        json["measures"][4]["raw"][1]["mean"],
        serde_json::Value::Null
    );
}

#[test]
fn no_one_to_follow_gives_empty_stats() {
    let responses = [anonymous(
        "intake",
        "2026-01-07T10:00:00Z",
        asi_medical(9, 1, 1, 1),
    )];
    let g = group(&rows(&responses, None));
    assert_eq!((g.persons, g.with_intake), (0, 0));
    assert_eq!(g.timepoints.len(), 4);
    assert!(g.measures.iter().all(|m| {
        m.raw
            .iter()
            .chain(&m.locf)
            .all(|s| s.n == 0 && s.mean.is_none())
    }));
}
