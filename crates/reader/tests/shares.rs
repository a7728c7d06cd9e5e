//! The involvement form in the reader: its shares per statement, step and timepoint, worked
//! out by hand; its free texts as written; and no score, so no part in the courses.

mod common;

use asi_export::Response;
use asi_instrument::Lang;
use asi_reader::{PersonKey, Refs, Shares, all_series, rows, series, shares, unscored_forms};
use common::{asi_medical, close, involvement, link, trivsel};
use serde_json::json;

const ASKED_FIRST: &str = "At der bliver taget udgangspunkt i mig.";
/// Markup and a formula, to be kept as the characters they are.
const MARKUP: &str = "<script>alert(1)</script> Døren skal lukkes.\n=1+1";

/// Four responses at discharge (A–D) and one at the 40-week follow-up (E), beside a Trivsel &
/// forbrug at midway and an ASI kort at intake, which are not involvement responses.
///
/// | statement     | A | B | C | D | E (40 w) |
/// |---------------|---|---|---|---|----------|
/// | decisions     | 4 | 3 | 4 | 1 | 0        |
/// | concerns      | 3 | 3 | 2 | 4 | –        |
/// | time          | 3 | – | 3 | 2 | –        |
/// | privacy       | 4 | 1 | 4 | 3 | –        |
/// | priorities    | 2 | 3 | 3 | 3 | –        |
/// | relatives     | 4 | 0 | – | 4 | –        |
///
/// "–" is "Vil ikke svare" (absent). A and C wrote a free text.
fn cohort() -> Shares {
    let mut responses = scored().to_vec();
    responses.extend([
        involvement(
            "discharge",
            "t-a",
            "2026-04-27T09:00:00Z",
            json!({"involvement_decisions": 4, "involvement_concerns": 3, "involvement_time": 3,
                   "involvement_privacy": 4, "involvement_priorities": 2, "involvement_relatives": 4,
                   "involvement_important": ASKED_FIRST}),
        ),
        involvement(
            "discharge",
            "t-b",
            "2026-04-28T09:00:00Z",
            json!({"involvement_decisions": 3, "involvement_concerns": 3,
                   "involvement_privacy": 1, "involvement_priorities": 3, "involvement_relatives": 0}),
        ),
        involvement(
            "discharge",
            "t-c",
            "2026-04-29T09:00:00Z",
            json!({"involvement_decisions": 4, "involvement_concerns": 2, "involvement_time": 3,
                   "involvement_privacy": 4, "involvement_priorities": 3,
                   "involvement_important": MARKUP}),
        ),
        involvement(
            "discharge",
            "t-d",
            "2026-04-30T09:00:00Z",
            json!({"involvement_decisions": 1, "involvement_concerns": 4, "involvement_time": 2,
                   "involvement_privacy": 3, "involvement_priorities": 3, "involvement_relatives": 4}),
        ),
        involvement(
            "followup_40w",
            "t-e",
            "2026-10-12T09:00:00Z",
            json!({"involvement_decisions": 0}),
        ),
    ]);
    shares(&responses, "inddragelse").expect("a form of the instrument")
}

/// Responses of forms with scores, to tokens `t-i` and `t-m`: an ASI kort at intake and a
/// Trivsel & forbrug (wellbeing 5) at midway.
fn scored() -> [Response; 2] {
    [
        link(
            "intake",
            "t-i",
            "2026-01-05T09:00:00Z",
            asi_medical(9, 2, 4, 6),
        ),
        link("midway", "t-m", "2026-03-02T09:00:00Z", trivsel(5, 5, 5, 4)),
    ]
}

/// (answered, declined, counts per step, shares per step) of one statement at one point.
fn statement(
    s: &Shares,
    timepoint: &str,
    item: &str,
) -> (usize, usize, Vec<usize>, Vec<Option<f64>>) {
    let at = s
        .timepoints
        .iter()
        .find(|t| t.timepoint.id == timepoint)
        .unwrap();
    let st = at.statements.iter().find(|st| st.item == item).unwrap();
    (
        st.answered,
        st.declined,
        st.steps.iter().map(|x| x.count).collect(),
        st.steps.iter().map(|x| x.share).collect(),
    )
}

fn shares_are(got: &[Option<f64>], want: [f64; 5]) {
    assert_eq!(got.len(), 5);
    for (g, w) in got.iter().zip(want) {
        assert!(close(*g, w), "{got:?} vs {want:?}");
    }
}

#[test]
fn the_shares_per_statement_step_and_timepoint_are_those_worked_out_by_hand() {
    let s = cohort();
    assert_eq!(s.form, "inddragelse");
    assert_eq!(s.title.get(Lang::Da), "Inddragelse");
    // Only the timepoints with an involvement response, in the instrument's order.
    let points: Vec<(&str, usize)> = s
        .timepoints
        .iter()
        .map(|t| (t.timepoint.id.as_str(), t.responses))
        .collect();
    assert_eq!(points, [("discharge", 4), ("followup_40w", 1)]);
    // The six statements in form order, each with the seed's five steps.
    let at = &s.timepoints[0];
    let items: Vec<&str> = at.statements.iter().map(|st| st.item.as_str()).collect();
    assert_eq!(
        items,
        [
            "involvement_decisions",
            "involvement_concerns",
            "involvement_time",
            "involvement_privacy",
            "involvement_priorities",
            "involvement_relatives"
        ]
    );
    let labels: Vec<&str> = at.statements[0]
        .steps
        .iter()
        .map(|st| st.label.get(Lang::Da))
        .collect();
    assert_eq!(
        labels,
        [
            "Slet ikke",
            "I mindre grad",
            "I nogen grad",
            "I høj grad",
            "I meget høj grad"
        ]
    );
    assert_eq!(at.statements[0].number.as_deref(), Some("1"));

    // decisions: 4, 3, 4, 1 → one "I mindre grad", one "I høj grad", two "I meget høj grad".
    let (answered, declined, counts, shares) = statement(&s, "discharge", "involvement_decisions");
    assert_eq!((answered, declined, counts), (4, 0, vec![0, 1, 0, 1, 2]));
    shares_are(&shares, [0.0, 0.25, 0.0, 0.25, 0.5]);
    // concerns: 3, 3, 2, 4.
    let (answered, declined, counts, shares) = statement(&s, "discharge", "involvement_concerns");
    assert_eq!((answered, declined, counts), (4, 0, vec![0, 0, 1, 2, 1]));
    shares_are(&shares, [0.0, 0.0, 0.25, 0.5, 0.25]);
    // time: 3, –, 3, 2 → of the three who answered, one in three and two in three.
    let (answered, declined, counts, shares) = statement(&s, "discharge", "involvement_time");
    assert_eq!((answered, declined, counts), (3, 1, vec![0, 0, 1, 2, 0]));
    shares_are(&shares, [0.0, 0.0, 1.0 / 3.0, 2.0 / 3.0, 0.0]);
    // privacy: 4, 1, 4, 3.
    let (_, _, counts, shares) = statement(&s, "discharge", "involvement_privacy");
    assert_eq!(counts, [0, 1, 0, 1, 2]);
    shares_are(&shares, [0.0, 0.25, 0.0, 0.25, 0.5]);
    // priorities: 2, 3, 3, 3.
    let (_, _, counts, shares) = statement(&s, "discharge", "involvement_priorities");
    assert_eq!(counts, [0, 0, 1, 3, 0]);
    shares_are(&shares, [0.0, 0.0, 0.25, 0.75, 0.0]);
    // relatives: 4, 0, –, 4.
    let (answered, declined, counts, shares) = statement(&s, "discharge", "involvement_relatives");
    assert_eq!((answered, declined, counts), (3, 1, vec![1, 0, 0, 0, 2]));
    shares_are(&shares, [1.0 / 3.0, 0.0, 0.0, 0.0, 2.0 / 3.0]);

    // At 40 weeks one person answered the first statement ("Slet ikke") and declined the rest:
    // no shares where no one answered.
    let (answered, declined, counts, shares) =
        statement(&s, "followup_40w", "involvement_decisions");
    assert_eq!((answered, declined, counts), (1, 0, vec![1, 0, 0, 0, 0]));
    shares_are(&shares, [1.0, 0.0, 0.0, 0.0, 0.0]);
    let (answered, declined, _, shares) = statement(&s, "followup_40w", "involvement_concerns");
    assert_eq!((answered, declined), (0, 1));
    assert_eq!(shares, [None; 5]);
}

#[test]
fn free_texts_are_kept_exactly_as_written_in_the_order_given() {
    let s = cohort();
    assert_eq!(s.questions.len(), 1);
    assert_eq!(s.questions[0].0, "involvement_important");
    assert_eq!(s.questions[0].1.get(Lang::Da), "Hvad er vigtigt for dig?");
    let texts: Vec<(&str, &str)> = s.timepoints[0]
        .free_texts
        .iter()
        .map(|t| (t.day.as_str(), t.text.as_str()))
        .collect();
    assert_eq!(texts, [("2026-04-27", ASKED_FIRST), ("2026-04-29", MARKUP)]);
    assert!(s.timepoints[1].free_texts.is_empty());
}

#[test]
fn the_involvement_form_has_no_score_and_no_part_in_the_courses() {
    assert_eq!(
        unscored_forms()
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>(),
        ["inddragelse"]
    );
    let refs = Refs::parse("ref,token\nP-1,t-i\nP-1,t-m\nP-1,t-mi\n").unwrap();
    let [intake, midway] = scored();
    let responses = [
        intake,
        midway,
        // Later on the same day as Trivsel & forbrug, at the same point.
        involvement(
            "midway",
            "t-mi",
            "2026-03-02T10:00:00Z",
            json!({"involvement_decisions": 3}),
        ),
    ];
    let table = rows(&responses, Some(&refs));
    let scored: Vec<(&str, bool)> = table.iter().map(|r| (r.form.as_str(), r.scored)).collect();
    assert_eq!(
        scored,
        [
            ("asi_kort", true),
            ("trivsel", true),
            ("inddragelse", false)
        ]
    );
    let none = &table[2].scores;
    assert_eq!(
        (none.wellbeing, none.asi6, none.drug_free),
        (None, None, None)
    );
    assert!(table[2].scores_match);
    // The course at midway is Trivsel & forbrug's, and nothing was set aside for it.
    let s = series(&table, &PersonKey::Ref("P-1".into())).unwrap();
    let midway = s.point("midway").unwrap();
    assert_eq!(midway.row.as_ref().unwrap().form, "trivsel");
    assert_eq!((midway.duplicates, s.duplicates), (0, 0));
    assert!(close(midway.row.as_ref().unwrap().scores.wellbeing, 5.0));
    assert_eq!(all_series(&table).len(), 1);
    // A person who answered only the involvement form has no course.
    let refs = Refs::parse("ref,token\nP-2,t-x\n").unwrap();
    let only = [involvement(
        "discharge",
        "t-x",
        "2026-04-27T09:00:00Z",
        json!({"involvement_privacy": 4}),
    )];
    assert!(all_series(&rows(&only, Some(&refs))).is_empty());
}
