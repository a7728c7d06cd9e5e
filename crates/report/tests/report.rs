//! The report library on small hand-made cohorts: the link list and who has not answered,
//! a report without a register, the period, odds ratios that cannot be estimated, and the
//! HTML's escaping and self-containment. (The full cohort through `asi links`, `asi seal`
//! and an inbox is `crates/cli/tests/report.rs`.)

use asi_envelope::{Metadata, keys};
use asi_export::Response;
use asi_instrument::{Answers, Lang, Mode, Payload, instrument};
use asi_protocol::LinkState;
use asi_reader::Refs;
use asi_report::html::STYLE;
use asi_report::report::{NoEstimate, OddsRatio};
use asi_report::{
    Day, Inputs, Layout, LinkStatus, Options, ReadOptions, Register, ReportError, fragment, html,
    report,
};
use serde_json::{Value, json};

/// The report of these inputs.
fn run(
    responses: &[Response],
    refs: &Refs,
    register: Option<&Register>,
    links: Option<&[LinkStatus]>,
    options: &Options,
) -> Result<asi_report::Report, ReportError> {
    report(&Inputs {
        responses,
        refs: Some(refs),
        register,
        links,
        options,
    })
}

fn day(text: &str) -> Day {
    Day::parse(text).unwrap()
}

/// A link response of `reference` (its token is `t-<reference>-<timepoint>`).
fn answer(reference: &str, timepoint: &str, date: &str, hash: u32, other: u32) -> Response {
    let (_, public) = keys::generate();
    let (form, record) = if timepoint == "midway" {
        (
            "trivsel",
            json!({"wellbeing_personal": 5, "wellbeing_close": 6, "wellbeing_social": 7, "hash_days": hash, "other_drug_days": other}),
        )
    } else {
        let vectors: Value = serde_json::from_str(include_str!(
            "../../instrument/tests/data/scoring-vectors.json"
        ))
        .unwrap();
        let mut r = vectors["v1_no_burden"]["answers"].clone();
        r["days_cannabis"] = hash.into();
        r["days_cocaine"] = other.into();
        ("asi_kort", r)
    };
    let answers = Answers::validate(instrument(), &record).unwrap();
    let token = format!("t-{reference}-{timepoint}");
    Response {
        metadata: Metadata::new(&public, "demo", form, timepoint, date, Some(&token)),
        payload: Payload::complete(answers, Mode::Link, Lang::Da, format!("{date}T10:00:00Z")),
    }
}

fn refs_of(references: &[&str]) -> Refs {
    references
        .iter()
        .flat_map(|r| {
            ["intake", "midway", "discharge", "followup_40w"]
                .map(|t| (format!("t-{r}-{t}"), (*r).to_owned()))
        })
        .collect()
}

fn link(reference: &str, timepoint: &str, expires: &str, state: LinkState) -> LinkStatus {
    LinkStatus {
        reference: reference.into(),
        form: if timepoint == "midway" {
            "trivsel"
        } else {
            "asi_kort"
        }
        .into(),
        timepoint: timepoint.into(),
        expires: expires.into(),
        state,
    }
}

#[test]
fn the_link_list_gives_response_rates_and_who_has_not_answered() {
    let responses = vec![answer("A", "intake", "2026-01-05", 10, 0)];
    let refs = refs_of(&["A", "B", "C", "D"]);
    let links = vec![
        link("A", "intake", "2026-02-01", LinkState::Used),
        // B's first link expired; the new one is open and expires within 7 days.
        link("B", "intake", "2026-01-10", LinkState::Expired),
        link("B", "intake", "2026-03-04", LinkState::Open),
        link("C", "intake", "2026-03-20", LinkState::Open),
        link("D", "intake", "2026-01-20", LinkState::Expired),
        link("A", "midway", "2026-03-01", LinkState::Open),
        // The involvement form has no score and is no measurement: its link, though used,
        // neither counts nor answers A's midway measurement.
        LinkStatus {
            form: "inddragelse".into(),
            ..link("A", "midway", "2026-03-01", LinkState::Used)
        },
    ];
    let options = Options::new(day("2026-03-01"));
    let r = run(&responses, &refs, None, Some(&links), &options).unwrap();
    let rates = r.links.unwrap();
    assert_eq!(rates.rows.len(), 2);
    let intake = &rates.rows[0];
    assert_eq!(
        (
            intake.links,
            intake.answered.count,
            intake.answered.n,
            intake.open,
            intake.expired
        ),
        (5, 1, 4, 2, 1)
    );
    let midway = &rates.rows[1];
    assert_eq!((midway.links, midway.answered.count), (1, 0));
    let unanswered: Vec<(&str, &str, &str, LinkState, bool)> = rates
        .unanswered
        .iter()
        .map(|u| {
            (
                u.reference.as_str(),
                u.timepoint.id.as_str(),
                u.expires.as_str(),
                u.state,
                u.expires_soon,
            )
        })
        .collect();
    assert_eq!(
        unanswered,
        [
            ("D", "intake", "2026-01-20", LinkState::Expired, false),
            ("B", "intake", "2026-03-04", LinkState::Open, true),
            ("C", "intake", "2026-03-20", LinkState::Open, false),
            ("A", "midway", "2026-03-01", LinkState::Open, true),
        ]
    );
    // Without a register, everyone the refs name is in the report, answered or not.
    assert_eq!(r.people, 4);
    assert_eq!(
        (r.data_basis[0].answered.count, r.data_basis[0].answered.n),
        (1, 4)
    );
    assert!(r.key_numbers.is_none() && r.enrolment.is_none() && r.outcomes.is_empty());
    assert!(r.notes.iter().any(|n| n.starts_with("Uden registerfil")));
}

#[test]
fn the_period_is_the_start_of_the_course() {
    let responses = vec![
        answer("A", "intake", "2026-01-05", 10, 0),
        answer("B", "intake", "2026-02-05", 10, 0),
        answer("C", "midway", "2026-02-05", 10, 0),
    ];
    let refs = refs_of(&["A", "B", "C"]);
    let register = Register::parse(
        "ref,intake_date\nA,2025-12-20\nB,\nC,\n",
        ReadOptions::default(),
    )
    .unwrap();
    let mut options = Options::new(day("2026-03-01"));
    options.from = Some(day("2026-01-01"));
    options.to = Some(day("2026-02-28"));
    let r = run(&responses, &refs, Some(&register), None, &options).unwrap();
    // A began (register) before the period; B by its intake response inside it; C has no start.
    assert_eq!(r.people, 1);
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("1 personer begyndte deres forløb uden for perioden"))
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("1 personer har hverken indskrivningsdato"))
    );
}

/// A register row and answers for a person with `band` months enrolled and the outcome
/// `drug_free` at 40 weeks.
fn cohort(groups: &[(u32, &[bool])]) -> (String, Vec<Response>, Vec<String>) {
    let mut register = "ref,intake_date,discharge_date,age,sex\n".to_owned();
    let mut responses = Vec::new();
    let mut references = Vec::new();
    let mut i = 0;
    for (months, outcomes) in groups {
        for &free in *outcomes {
            i += 1;
            let r = format!("P{i}");
            register += &format!(
                "{r},2025-01-01,2025-{:02}-02,{},{}\n",
                1 + months,
                20 + i % 30,
                if i % 3 == 0 { "k" } else { "m" }
            );
            responses.push(answer(&r, "intake", "2025-01-01", 10, 1));
            responses.push(answer(
                &r,
                "followup_40w",
                "2025-10-01",
                if free { 0 } else { 5 },
                0,
            ));
            references.push(r);
        }
    }
    (register, responses, references)
}

#[test]
fn groups_too_small_or_without_variation_get_a_reason_not_a_number() {
    let mixed: &[bool] = &[true, false, true, false, false, true];
    let (register, responses, references) = cohort(&[
        (1, mixed),
        (2, &[true, true, true, true, true, true]),
        (5, &[true, false, true]),
    ]);
    let register = Register::parse(&register, ReadOptions::default()).unwrap();
    let refs = refs_of(&references.iter().map(String::as_str).collect::<Vec<_>>());
    let options = Options::new(day("2026-03-01"));
    let r = run(&responses, &refs, Some(&register), None, &options).unwrap();
    let table = &r.outcomes[2]; // Table 13: length and drug-freedom, raw.
    assert_eq!(table.number, 13);
    assert_eq!(table.n, 15);
    assert_eq!(table.rows[0].odds_ratio, OddsRatio::Reference);
    assert_eq!(
        table.rows[1].odds_ratio,
        OddsRatio::None {
            reason: NoEstimate::NoVariation
        }
    );
    assert_eq!(
        table.rows[2].odds_ratio,
        OddsRatio::None {
            reason: NoEstimate::TooFew
        }
    );
    assert_eq!(
        table.model_n, 0,
        "nothing left to compare with the reference"
    );
    assert_eq!((table.rows[1].share.count, table.rows[1].share.n), (6, 6));
    // A reference group without variation makes the whole table unestimable.
    let (register, responses, references) = cohort(&[(1, &[false; 6]), (2, mixed)]);
    let register = Register::parse(&register, ReadOptions::default()).unwrap();
    let refs = refs_of(&references.iter().map(String::as_str).collect::<Vec<_>>());
    let r = run(&responses, &refs, Some(&register), None, &options).unwrap();
    assert_eq!(
        r.outcomes[2].rows[1].odds_ratio,
        OddsRatio::None {
            reason: NoEstimate::NoReference
        }
    );
    let page = html(&r);
    assert!(page.contains("referencegruppen kan ikke bruges"));
}

#[test]
fn options_that_cannot_be_met_are_refused() {
    let options = |timepoints: &[&str], group_by: Option<&str>| Options {
        timepoints: timepoints.iter().map(|t| (*t).to_owned()).collect(),
        group_by: group_by.map(str::to_owned),
        ..Options::new(day("2026-03-01"))
    };
    let run = |o: &Options| {
        report(&Inputs {
            responses: &[],
            refs: None,
            register: None,
            links: None,
            options: o,
        })
    };
    assert_eq!(
        run(&options(&["aftercare"], None)),
        Err(ReportError::UnknownTimepoint("aftercare".into()))
    );
    assert_eq!(
        run(&options(&["intake"], None)),
        Err(ReportError::NoOutcomeTimepoint)
    );
    let e = run(&options(&[], Some("afdeling"))).unwrap_err();
    assert_eq!(
        e.message(Lang::Da),
        "registerfilen har ingen grupperingskolonne afdeling (den har: ingen)"
    );
    // Only discharge chosen: intake is still shown (LOCF starts there), the outcome is discharge.
    let r = run(&options(&["discharge"], None)).unwrap();
    let shown: Vec<&str> = r.timepoints.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(shown, ["intake", "discharge"]);
    assert_eq!(r.outcome_timepoint.id, "discharge");
}

#[test]
fn the_page_is_self_contained_and_escapes_what_comes_from_data() {
    let evil = "<img src=x onerror=alert(1)>&\"'";
    let responses = vec![answer(evil, "intake", "2026-01-05", 10, 0)];
    let refs = refs_of(&[evil]);
    let register = Register::parse(
        &format!(
            "ref,afdeling,intake_date\n\"{}\",<b>Nord</b>,1-1-2026x\n",
            evil.replace('"', "\"\"")
        ),
        ReadOptions::default(),
    )
    .unwrap();
    let links = vec![link(evil, "midway", "2026-03-02", LinkState::Open)];
    let mut options = Options::new(day("2026-03-01"));
    options.group_by = Some("afdeling".into());
    let r = run(&responses, &refs, Some(&register), Some(&links), &options).unwrap();
    assert_eq!(r.register_problems.len(), 1);
    let page = html(&r);
    assert!(!page.contains("<img"), "markup from data is escaped");
    assert!(!page.contains("<b>"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;"));
    assert!(page.contains("&lt;b&gt;Nord&lt;/b&gt;"));
    // Nothing is fetched from anywhere: no scripts, links, images, frames or imports.
    for needle in [
        "<script", "<link", "<img", "<iframe", "src=\"", "href=\"", "@import", "url(",
    ] {
        assert!(!page.contains(needle), "{needle}");
    }
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"da\">"));
    assert!(page.contains("@media print"));
    // Every chart is an image with a title and a description, and a table beside it.
    let charts = page
        .matches("<svg class=\"chart\" role=\"img\" aria-labelledby=")
        .count();
    assert_eq!(charts, 9);
    assert_eq!(
        page.matches("<div class=\"figure\"><figure><svg").count(),
        charts
    );
}

#[test]
fn the_markup_inside_another_page_is_the_pages_and_safe_under_a_strict_policy() {
    let evil = "<script>alert(1)</script>";
    let responses = vec![answer(evil, "intake", "2026-01-05", 10, 0)];
    let refs = refs_of(&[evil, "B"]);
    let links = vec![
        link(evil, "intake", "2026-03-02", LinkState::Used),
        link("B", "intake", "2026-02-01", LinkState::Expired),
    ];
    let options = Options::new(day("2026-03-01"));
    let r = run(&responses, &refs, None, Some(&links), &options).unwrap();
    // The page of its own is the markup with the title at level 1 and the list included.
    let page = html(&r);
    assert!(page.contains(&format!(
        "<main class=\"report\">{}</main>",
        fragment(&r, Layout::PAGE)
    )));
    assert!(page.contains(STYLE));
    assert!(page.contains("<h1 class=\"h1\">") && page.contains("<h2 class=\"h2\">"));
    assert!(page.contains("Mangler at svare"));

    // Inside the reader: the title a level-2 heading, sections level 3, parts level 4, and
    // no list of its own (the reader shows one with actions).
    let inner = fragment(
        &r,
        Layout {
            heading: 2,
            unanswered: false,
        },
    );
    assert!(inner.starts_with("<h2 class=\"h1\">Evaluering af behandlingsforløb</h2>"));
    assert!(inner.contains("<h3 class=\"h2\">1. Datagrundlag og svarprocenter</h3>"));
    assert!(!inner.contains("<h1"));
    assert!(!inner.contains("Mangler at svare"));
    assert!(
        !inner.contains(">B<"),
        "nobody of the list is named: {inner}"
    );
    // Nothing a Content-Security-Policy of `script-src 'self'; style-src 'self'` refuses,
    // and nothing from the data as markup.
    for needle in [
        "<script",
        "<style",
        " style=",
        "javascript:",
        "<link",
        "src=",
    ] {
        assert!(!inner.to_lowercase().contains(needle), "{needle}");
    }
    for tag in inner
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap())
    {
        for attribute in tag.split_whitespace().skip(1) {
            assert!(!attribute.starts_with("on"), "an event handler: <{tag}>");
        }
    }
    // The styles touch only the report: every selector begins with `.report`.
    let mut rules = STYLE.to_owned();
    while let Some(start) = rules.find("/*") {
        let end = rules[start..].find("*/").unwrap() + start + 2;
        rules.replace_range(start..end, "");
    }
    for block in rules.split('}') {
        let Some((selectors, _)) = block.rsplit_once('{') else {
            continue;
        };
        let selectors = selectors.rsplit('{').next().unwrap_or(selectors);
        for selector in selectors.split(',').map(str::trim) {
            assert!(selector.starts_with(".report"), "{selector:?}");
        }
    }
}

/// An involvement response at `timepoint` with `record`'s answers.
fn involvement(reference: &str, timepoint: &str, record: Value) -> Response {
    let (_, public) = keys::generate();
    let answers = Answers::validate(instrument(), &record).unwrap();
    let token = format!("t-{reference}-{timepoint}-i");
    Response {
        metadata: Metadata::new(
            &public,
            "demo",
            "inddragelse",
            timepoint,
            "2026-04-27",
            Some(&token),
        ),
        payload: Payload::complete(answers, Mode::Link, Lang::Da, "2026-04-27T10:00:00Z".into()),
    }
}

#[test]
fn the_involvement_form_is_shown_as_shares_per_statement_without_the_citizens_words() {
    let words = "<b>Mine egne ord</b>";
    let responses = vec![
        answer("A", "intake", "2026-01-05", 10, 0),
        involvement(
            "A",
            "discharge",
            json!({"involvement_decisions": 4, "involvement_concerns": 3, "involvement_important": words}),
        ),
        involvement("B", "discharge", json!({"involvement_decisions": 4})),
        involvement("C", "discharge", json!({"involvement_decisions": 1})),
    ];
    let refs = refs_of(&["A", "B", "C"]);
    let r = run(
        &responses,
        &refs,
        None,
        None,
        &Options::new(day("2026-06-01")),
    )
    .unwrap();
    assert_eq!(r.unscored.len(), 1);
    let form = &r.unscored[0];
    assert_eq!(form.form, "inddragelse");
    let [at] = form.timepoints.as_slice() else {
        panic!("one point: {:?}", form.timepoints)
    };
    assert_eq!(
        (at.timepoint.id.as_str(), at.responses, at.own_words),
        ("discharge", 3, 1)
    );
    let decisions = &at.statements[0];
    assert_eq!(decisions.item, "involvement_decisions");
    assert_eq!((decisions.answered, decisions.declined), (3, 0));
    let counts: Vec<usize> = decisions.steps.iter().map(|s| s.count).collect();
    assert_eq!(
        counts,
        [0, 1, 0, 0, 2],
        "steps 'Slet ikke' … 'I meget høj grad'"
    );
    assert_eq!(decisions.steps[4].share, Some(2.0 / 3.0));
    let concerns = &at.statements[1];
    assert_eq!((concerns.answered, concerns.declined), (1, 2));
    // In the JSON and on the page, the numbers; never the citizen's own words.
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("Mine egne ord"), "{json}");
    let page = html(&r);
    assert!(!page.contains("Mine egne ord"));
    assert!(
        page.contains("Inddragelse (ingen score)"),
        "the section says it has no score"
    );
    assert!(page.contains("66,7 % <span class=\"n\">(2 af 3)</span>"));
    // Involvement responses are not answers at a measurement point of the course.
    let discharge = r
        .data_basis
        .iter()
        .find(|row| row.timepoint.id == "discharge")
        .unwrap();
    assert_eq!(discharge.answered.count, 0);
}
