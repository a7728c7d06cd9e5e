//! The responses table: who each row is from, the rescored scores, sorting and filtering.

mod common;

use asi_instrument::Mode;
use asi_instrument::scoring::Domain;
use asi_reader::{
    Column, Direction, Filter, Measure, Person, PersonKey, Refs, Row, rows, sort_rows,
};
use common::{anna, anonymous, asi_kort, asi_medical, close, link, trivsel};
use serde_json::json;

/// Where each of `picked` stands in `table` (rows are told apart by id).
fn positions<'a>(table: &[Row], picked: impl IntoIterator<Item = &'a Row>) -> Vec<usize> {
    picked
        .into_iter()
        .map(|r| table.iter().position(|t| t.id == r.id).unwrap())
        .collect()
}

fn refs() -> Refs {
    Refs::parse("ref,token,url\nP-001,tok-aaaa-1111,u1\nP-002,tok-bbbb-2222,u2\n").unwrap()
}

#[test]
fn rows_show_a_ref_an_unknown_token_anonymous_and_identified() {
    let responses = [
        link(
            "midway",
            "tok-aaaa-1111",
            "2026-03-02T10:00:00Z",
            trivsel(5, 6, 7, 3),
        ),
        link(
            "discharge",
            "tok-zzzz-9999",
            "2026-04-01T10:00:00Z",
            asi_kort(json!({})),
        ),
        anonymous(
            "self_screening",
            "2026-04-02T10:00:00Z",
            trivsel(1, 2, 3, 0),
        ),
        anna(),
    ];
    let table = rows(&responses, Some(&refs()));
    assert_eq!(table.len(), 4);
    assert_eq!(
        table[0].id,
        responses[0].metadata.id.as_str(),
        "the order given is kept"
    );
    assert_eq!(table[0].person, Person::Ref("P-001".into()));
    assert_eq!(table[0].person.key(), Some(PersonKey::Ref("P-001".into())));
    assert_eq!(table[0].day, "2026-03-02");
    assert_eq!(table[0].timepoint, "midway");
    assert_eq!(table[0].mode, Mode::Link);
    assert_eq!(table[0].hash_days, Some(3));
    assert!(close(table[0].scores.wellbeing, 6.0));
    assert_eq!(table[0].scores.asi6, None);

    assert_eq!(table[1].person, Person::Token("tok-zzzz-9999".into()));
    assert_eq!(table[1].person.label().as_deref(), Some("tok-zzzz…"));
    assert_eq!(table[1].person.key(), None);

    assert_eq!(table[2].person, Person::Anonymous);
    assert_eq!(table[2].person.label(), None);
    assert_eq!(table[2].mode, Mode::Anonymous);

    assert_eq!(
        table[3].person,
        Person::Identified {
            cpr: Some("0101901234".into()),
            name: Some("Anna Jensen".into())
        }
    );
    assert_eq!(
        table[3].person.key(),
        Some(PersonKey::Cpr("0101901234".into()))
    );
    assert_eq!(table[3].scores.asi6, Some(0.0));
    assert_eq!(table[3].scores.drug_free, Some(true));
    assert_eq!(
        table[3].hash_days,
        Some(0),
        "days_cannabis when hash_days is absent"
    );
    assert_eq!(
        table[3].provisional,
        [
            Domain::Economy,
            Domain::Alcohol,
            Domain::Legal,
            Domain::Drug
        ]
    );
    assert!(table.iter().all(|r| r.scores_match));

    // Without a references file every link is a token.
    let bare = rows(&responses[..1], None);
    assert_eq!(bare[0].person, Person::Token("tok-aaaa-1111".into()));

    // The table serialises for the page.
    let json = serde_json::to_value(&table).unwrap();
    assert_eq!(json[0]["person"], json!({"ref": "P-001"}));
    assert_eq!(json[2]["person"], "anonymous");
    assert_eq!(json[3]["person"]["identified"]["name"], "Anna Jensen");
}

#[test]
fn a_wrong_score_inside_is_flagged_and_the_rescore_shown() {
    let mut response = link(
        "intake",
        "tok-aaaa-1111",
        "2026-01-05T09:00:00Z",
        asi_medical(9, 5, 5, 5),
    );
    response.payload.scores.medical = Some(0.9);
    let table = rows(&[response], Some(&refs()));
    assert!(!table[0].scores_match);
    assert!(
        close(table[0].scores.medical, 0.1),
        "the rescored value is shown"
    );
}

#[test]
fn sorting_by_any_column_keeps_missing_values_last() {
    let responses = [
        link(
            "discharge",
            "tok-aaaa-1111",
            "2026-04-01T10:00:00Z",
            asi_medical(18, 4, 4, 4),
        ),
        anonymous("intake", "2026-01-01T10:00:00Z", json!({"hash_days": 2})),
        link(
            "intake",
            "tok-bbbb-2222",
            "2026-01-02T10:00:00Z",
            asi_medical(9, 9, 9, 9),
        ),
        link(
            "midway",
            "tok-bbbb-2222",
            "2026-02-02T10:00:00Z",
            trivsel(6, 6, 6, 1),
        ),
    ];
    let table = rows(&responses, Some(&refs()));
    let order = |column, direction| {
        let mut sorted = table.clone();
        sort_rows(&mut sorted, column, direction);
        positions(&table, &sorted)
    };
    // Wellbeing: 4, none, 9, 6.
    assert_eq!(
        order(Column::Measure(Measure::Wellbeing), Direction::Ascending),
        [0, 3, 2, 1]
    );
    assert_eq!(
        order(Column::Measure(Measure::Wellbeing), Direction::Descending),
        [2, 3, 0, 1]
    );
    // Medical: 0.2, none, 0.1, none; ties (none) keep the order given.
    assert_eq!(
        order(
            Column::Measure(Measure::Domain(Domain::Medical)),
            Direction::Ascending
        ),
        [2, 0, 1, 3]
    );
    assert_eq!(
        order(
            Column::Measure(Measure::Domain(Domain::Medical)),
            Direction::Descending
        ),
        [0, 2, 1, 3]
    );
    // Timepoints in the instrument's order, not alphabetically.
    assert_eq!(order(Column::Timepoint, Direction::Ascending), [1, 2, 3, 0]);
    // Person: P-001, anonymous (none), P-002, P-002.
    assert_eq!(order(Column::Person, Direction::Descending), [2, 3, 0, 1]);
    assert_eq!(order(Column::Day, Direction::Descending), [0, 3, 2, 1]);
    // Hash days: 0 (days_cannabis), 2, 0, 1.
    assert_eq!(
        order(Column::Measure(Measure::HashDays), Direction::Ascending),
        [0, 2, 3, 1]
    );
}

#[test]
fn filters_by_timepoint_mode_and_person_text() {
    let responses = [
        link(
            "intake",
            "tok-aaaa-1111",
            "2026-01-02T10:00:00Z",
            asi_kort(json!({})),
        ),
        link(
            "midway",
            "tok-aaaa-1111",
            "2026-02-02T10:00:00Z",
            trivsel(6, 6, 6, 1),
        ),
        link(
            "intake",
            "tok-zzzz-9999",
            "2026-01-03T10:00:00Z",
            asi_kort(json!({})),
        ),
        anonymous("intake", "2026-01-01T10:00:00Z", trivsel(1, 1, 1, 1)),
        anna(),
    ];
    let table = rows(&responses, Some(&refs()));
    let ids = |filter: Filter| positions(&table, filter.apply(&table));
    assert_eq!(ids(Filter::default()), [0, 1, 2, 3, 4]);
    let intake = Filter {
        timepoint: Some("intake".into()),
        ..Filter::default()
    };
    assert_eq!(ids(intake.clone()), [0, 2, 3, 4]);
    assert_eq!(
        ids(Filter {
            mode: Some(Mode::Link),
            ..intake
        }),
        [0, 2]
    );
    let person = |text: &str| Filter {
        person: Some(text.into()),
        ..Filter::default()
    };
    assert_eq!(ids(person("p-00")), [0, 1], "a reference, any case");
    assert_eq!(ids(person("ZZZZ")), [2], "a token");
    assert_eq!(ids(person("jensen")), [4], "a name");
    assert_eq!(ids(person("010190")), [4], "a CPR number");
    assert_eq!(ids(person("")), [0, 1, 2, 3, 4]);
}

#[test]
fn columns_are_named_by_their_ids_in_json() {
    let column = |id: &str| serde_json::from_value::<Column>(json!(id)).unwrap();
    assert_eq!(column("day"), Column::Day);
    assert_eq!(column("asi6"), Column::Measure(Measure::Asi6));
    assert_eq!(
        column("psychiatric"),
        Column::Measure(Measure::Domain(Domain::Psychiatric))
    );
    assert_eq!(
        serde_json::to_value(Column::Measure(Measure::Domain(Domain::Economy))).unwrap(),
        "economy"
    );
    assert_eq!(
        serde_json::to_value(Column::ScoresMatch).unwrap(),
        "scores_match"
    );
    assert!(serde_json::from_value::<Column>(json!("nonsense")).is_err());
}
