//! The report's numbers: every table and figure of the HCS evaluation that the clinic's data
//! allow (`docs/report.md` §4), each number with the n it is made of.

use std::collections::BTreeSet;

use asi_instrument::scoring::{self, Domain};
use asi_instrument::{AnswerType, Lang, instrument};
use asi_protocol::LinkState;
use asi_reader::{
    MEASUREMENT_POINTS, Measure, Stat, TimepointLabel, carried_forward, unscored_forms,
};
use serde::Serialize;

use crate::cohort::{Left, Obs, Person, cohort};
use crate::date::Day;
use crate::register::{Ending, Sex};
use crate::stats::{self, FitError};
use crate::{Inputs, ReportError};

/// An age band of Table 2: its name and who is in it.
type AgeBand = (&'static str, fn(u32) -> bool);
/// Each person's values at the four measurement points.
type Values = Vec<Vec<Option<f64>>>;
/// A person's band of a grouping (`None`: not in the table).
type BandOf = fn(&Person) -> Option<usize>;
/// A group of Figures 10–11: its id, its name and the endings in it.
type EndingGroupOf = (&'static str, &'static str, fn(Ending) -> bool);

/// A link that expires within this many days of the report's day is "expires soon".
pub const EXPIRES_SOON_DAYS: i64 = 7;
/// A group needs at least this many people in a model to get an odds ratio.
pub const MIN_GROUP: usize = 5;

/// A count out of n, and the share it is (`None` when n is 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// How many have the property.
    pub count: usize,
    /// Out of how many.
    pub n: usize,
    /// `count / n`.
    pub share: Option<f64>,
}

impl Share {
    /// `count` out of `n`.
    pub fn of(count: usize, n: usize) -> Share {
        Share {
            count,
            n,
            share: (n > 0).then(|| count as f64 / n as f64),
        }
    }

    fn of_flags(flags: impl IntoIterator<Item = bool>) -> Share {
        let (count, n) = flags
            .into_iter()
            .fold((0, 0), |(c, n), f| (c + usize::from(f), n + 1));
        Share::of(count, n)
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The day the report was made for (today, on the clinic's machine).
    pub today: Day,
    /// The first day of the period (courses beginning on or after it), if chosen.
    pub from: Option<Day>,
    /// The last day of the period, if chosen.
    pub to: Option<Day>,
    /// The measurement points shown, in order.
    pub timepoints: Vec<TimepointLabel>,
    /// The point the outcomes are measured at (the last of `timepoints`).
    pub outcome_timepoint: TimepointLabel,
    /// The register's grouping column the profile tables are split by, if chosen.
    pub group_by: Option<String>,
    /// How many people the report is about.
    pub people: usize,
    /// Whether a register file was given (without one, the tables that need it are absent).
    pub has_register: bool,
    /// Who was left out and why, in Danish.
    pub notes: Vec<String>,
    /// The register file's bad values (each left out), in Danish.
    pub register_problems: Vec<RegisterProblem>,
    /// Table 1: responses per measurement point out of everyone.
    pub data_basis: Vec<DataBasisRow>,
    /// Response rates from the inbox's link list, and who has not answered.
    pub links: Option<LinkRates>,
    /// Table 2: the participants at intake.
    pub profile: Profile,
    /// Table 3: the ASI scores at intake.
    pub asi_intake: AsiIntake,
    /// Table 4: key numbers per column.
    pub key_numbers: Option<KeyNumbers>,
    /// Figure 1 and Table 5: length of the course and group sessions.
    pub enrolment: Option<Enrolment>,
    /// Figure 4: how the courses ended.
    pub endings: Option<Categories>,
    /// Figures 5–7: days of hash, days of other drugs, drug-free share over time.
    pub drug_use: DrugUse,
    /// Tables 8–9 and Figures 8–9: wellbeing.
    pub wellbeing: Wellbeing,
    /// Table 10: main income at intake and at the outcome point.
    pub income: Income,
    /// Tables 11–18: reduction and drug-freedom by course length and by sessions.
    pub outcomes: Vec<OutcomeTable>,
    /// Figures 10–11: ASI drug and psychiatric scores over time by how the course ended.
    pub asi_by_ending: Option<AsiByEnding>,
    /// The forms without a score (the involvement form) that have responses.
    pub unscored: Vec<FormShares>,
}

/// A form without a score (the involvement form, `inddragelse`): at each point, for each
/// statement, how many chose each step. Every response of the form among the envelopes counts
/// (the period of courses and the cohort do not apply to it); the citizens' own words are not
/// in the report — they are read in the reader — only how many wrote some.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormShares {
    /// The form's id.
    pub form: String,
    /// The form's title.
    pub title: asi_instrument::Text,
    /// The points with at least one response, in the instrument's order.
    pub timepoints: Vec<SharesAt>,
}

/// A form without a score at one point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharesAt {
    /// The point.
    pub timepoint: TimepointLabel,
    /// Responses at this point.
    pub responses: usize,
    /// Each statement: its answers per step and how many declined it.
    pub statements: Vec<asi_reader::Statement>,
    /// Answers in the citizen's own words (one per response and question).
    pub own_words: usize,
}

/// The shares of every form without a score that has responses, from `asi_reader::shares`.
fn unscored_shares(responses: &[asi_export::Response]) -> Vec<FormShares> {
    unscored_forms()
        .into_iter()
        .filter_map(|form| asi_reader::shares(responses, &form.id))
        .map(|shares| FormShares {
            form: shares.form,
            title: shares.title,
            timepoints: shares
                .timepoints
                .into_iter()
                .map(|at| SharesAt {
                    timepoint: at.timepoint,
                    responses: at.responses,
                    statements: at.statements,
                    own_words: at.free_texts.len(),
                })
                .collect(),
        })
        .collect()
}

/// A bad value of the register file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegisterProblem {
    /// The line of the file.
    pub line: u64,
    /// The column.
    pub column: String,
    /// The value as written.
    pub value: String,
    /// What is wrong, in Danish.
    pub message: String,
}

/// Table 1's row: how many of everyone answered at one point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataBasisRow {
    /// The point.
    pub timepoint: TimepointLabel,
    /// People with a response there, out of everyone.
    pub answered: Share,
}

/// Response rates of the follow-up links, per point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkRates {
    /// One row per point with links.
    pub rows: Vec<LinkRow>,
    /// Everyone whose link for a point is not answered, by point and then expiry.
    pub unanswered: Vec<Unanswered>,
    /// "Expires soon" means within this many days.
    pub soon_days: i64,
}

/// The links of one point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkRow {
    /// The point.
    pub timepoint: TimepointLabel,
    /// Links made.
    pub links: usize,
    /// People who answered (a used link), out of the people with a link.
    pub answered: Share,
    /// People whose newest link is open (unanswered, not expired).
    pub open: usize,
    /// People whose links have all expired unanswered.
    pub expired: usize,
}

/// A person whose link for a point is unanswered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unanswered {
    /// The clinic's reference.
    pub reference: String,
    /// The point.
    pub timepoint: TimepointLabel,
    /// The form the link asks for.
    pub form: String,
    /// The last valid day of the person's newest link.
    pub expires: String,
    /// `open` or `expired`.
    pub state: LinkState,
    /// Open, and expiring within [`LinkRates::soon_days`] days.
    pub expires_soon: bool,
}

/// A category's shares, one per column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRow {
    /// The category's Danish name.
    pub label: String,
    /// One per column.
    pub shares: Vec<Share>,
}

/// Rows of categories under the columns of a split table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Categories {
    /// The columns' names ("Alle", or the grouping column's values and "I alt").
    pub columns: Vec<String>,
    /// The categories.
    pub rows: Vec<CategoryRow>,
}

/// One block of Table 2 ("1 Køn", …).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileBlock {
    /// Its number in the seed's Table 2.
    pub number: u32,
    /// Its Danish title.
    pub title: String,
    /// Its categories.
    pub rows: Vec<CategoryRow>,
}

/// Table 2.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// The columns.
    pub columns: Vec<String>,
    /// People per column (everyone in the column).
    pub people: Vec<usize>,
    /// Mean age at intake per column.
    pub mean_age: Vec<Stat>,
    /// The blocks, in the seed's order.
    pub blocks: Vec<ProfileBlock>,
}

/// One row of Table 3.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AsiRow {
    /// `economy` … `drug`, or `asi6`.
    pub id: String,
    /// The Danish name.
    pub label: String,
    /// The mean at intake per column.
    pub means: Vec<Stat>,
    /// The national outpatient mean 2009–2014.
    pub reference: Option<f64>,
}

/// Table 3.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AsiIntake {
    /// The columns.
    pub columns: Vec<String>,
    /// The reference column's name.
    pub reference_label: String,
    /// The reference's n.
    pub reference_n: Option<u32>,
    /// The six domains and ASI 6.
    pub rows: Vec<AsiRow>,
}

/// Table 4.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyNumbers {
    /// The columns.
    pub columns: Vec<String>,
    /// People in treatment (everyone).
    pub enrolled: Vec<usize>,
    /// The midway review answered.
    pub midway: Vec<Share>,
    /// The discharge answered.
    pub discharge: Vec<Share>,
    /// Aftercare, out of those who completed (with or without aftercare).
    pub aftercare: Vec<Share>,
}

/// Figure 1 and Table 5.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enrolment {
    /// Months enrolled (0–2, 2–4, 4+), out of those with intake and discharge dates.
    pub length: Categories,
    /// People without both dates, per column.
    pub length_unknown: Vec<usize>,
    /// Group sessions (1–5, 6–10, 11+), out of those with at least one.
    pub sessions: Categories,
    /// People without a number of sessions, or with none, per column.
    pub sessions_unknown: Vec<usize>,
    /// Mean sessions per column (those with at least one).
    pub sessions_mean: Vec<Stat>,
    /// Fewest sessions per column.
    pub sessions_min: Vec<Option<u32>>,
    /// Most sessions per column.
    pub sessions_max: Vec<Option<u32>>,
}

/// A mean over the points, raw and LOCF.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeanSeries {
    /// The measure's id.
    pub id: String,
    /// Its Danish name.
    pub label: String,
    /// Raw: one per shown point.
    pub raw: Vec<Stat>,
    /// LOCF: one per shown point.
    pub locf: Vec<Stat>,
}

/// A share over the points, raw and LOCF.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareSeries {
    /// Its id.
    pub id: String,
    /// Its Danish name.
    pub label: String,
    /// Raw: one per shown point.
    pub raw: Vec<Share>,
    /// LOCF: one per shown point.
    pub locf: Vec<Share>,
}

/// Figures 5–7.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrugUse {
    /// Figure 5: days with hash.
    pub hash_days: MeanSeries,
    /// Figure 6: days with other drugs.
    pub other_drug_days: MeanSeries,
    /// Figure 7: drug-free.
    pub drug_free: ShareSeries,
}

/// A measure before and after, for the people with both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedRow {
    /// The measure's id.
    pub id: String,
    /// Its Danish name.
    pub label: String,
    /// People with both values.
    pub n: usize,
    /// Their mean before.
    pub before: Option<f64>,
    /// Their mean after.
    pub after: Option<f64>,
    /// The paired t-test's two-sided p-value (`None` for fewer than two pairs or no
    /// variation).
    pub p_value: Option<f64>,
}

/// Table 8 or 9.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paired {
    /// 8 or 9.
    pub number: u32,
    /// The point before.
    pub from: TimepointLabel,
    /// The point after.
    pub to: TimepointLabel,
    /// The four wellbeing measures.
    pub rows: Vec<PairedRow>,
}

/// Tables 8–9 and Figures 8–9.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wellbeing {
    /// Figures 8 (raw) and 9 (LOCF): the three parts and general wellbeing.
    pub over_time: Vec<MeanSeries>,
    /// Table 8 (intake → midway) and Table 9 (intake → the outcome point), those shown.
    pub paired: Vec<Paired>,
}

/// Table 10's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncomeRow {
    /// The answer code.
    pub code: String,
    /// Its Danish text.
    pub label: String,
    /// At intake.
    pub before: Share,
    /// At the outcome point.
    pub after: Share,
}

/// Table 10.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Income {
    /// The outcome point.
    pub to: TimepointLabel,
    /// People who gave their main income at both points.
    pub n: usize,
    /// One row per code given at either point, in the form's order.
    pub rows: Vec<IncomeRow>,
}

/// What an outcome table groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// Months enrolled: 0–2, 2–4, 4+.
    Length,
    /// Group sessions: 1–5, 6–10, 11+.
    Sessions,
}

/// The outcome of an outcome table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// At least halving the days with hash since intake.
    Reduction,
    /// No days of hash or other illicit drugs.
    DrugFree,
}

/// Raw data or LOCF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Data {
    /// The responses given at the outcome point.
    Raw,
    /// Everyone with an intake response, the last value carried forward.
    Locf,
}

/// Why an odds ratio is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoEstimate {
    /// Fewer than [`MIN_GROUP`] people of the group in the model.
    TooFew,
    /// Everyone in the group had the same outcome: the odds ratio is 0 or infinite.
    NoVariation,
    /// The reference group is too small or without variation: nothing can be compared.
    NoReference,
    /// The model's estimate ran off to infinity (the data separate the outcomes).
    Separation,
    /// The model did not converge.
    NotConverged,
    /// The model cannot be estimated (too few people for its coefficients, or a column that
    /// is a combination of others).
    Singular,
}

impl NoEstimate {
    /// What the report prints instead of a number.
    pub fn label(self) -> &'static str {
        match self {
            NoEstimate::TooFew => "for få i gruppen",
            NoEstimate::NoVariation => "alle i gruppen har samme udfald",
            NoEstimate::NoReference => "referencegruppen kan ikke bruges",
            NoEstimate::Separation => "modellen kan ikke estimeres (fuldstændig adskillelse)",
            NoEstimate::NotConverged => "modellen konvergerede ikke",
            NoEstimate::Singular => "modellen kan ikke estimeres (for få personer)",
        }
    }
}

/// The odds ratio of a group against the reference group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OddsRatio {
    /// This is the reference group (OR 1.0).
    Reference,
    /// The estimate.
    Estimate {
        /// e^β.
        odds_ratio: f64,
        /// The Wald test's two-sided p-value.
        p_value: f64,
        /// β, the log odds ratio.
        coefficient: f64,
        /// Its standard error.
        std_error: f64,
    },
    /// No estimate, and why.
    None {
        /// Why.
        reason: NoEstimate,
    },
}

/// A group of an outcome table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeRow {
    /// The group's Danish name ("0-2 måneder").
    pub label: String,
    /// The share with the outcome.
    pub share: Share,
    /// People of the group in the model (complete age and sex).
    pub model_n: usize,
    /// Its odds ratio.
    pub odds_ratio: OddsRatio,
}

/// One of Tables 11–18.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeTable {
    /// The seed's number (11–18).
    pub number: u32,
    /// The grouping.
    pub grouping: Grouping,
    /// The outcome.
    pub outcome: Outcome,
    /// Raw or LOCF.
    pub data: Data,
    /// The Danish title.
    pub title: String,
    /// People in the table (the sum of the groups' n).
    pub n: usize,
    /// People in the model.
    pub model_n: usize,
    /// The model's covariates besides the groups: `age`, `sex`, those that vary.
    pub adjusted_for: Vec<String>,
    /// The groups, the reference first.
    pub rows: Vec<OutcomeRow>,
}

/// A group of Figures 10–11.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingGroup {
    /// `dropped_out` (dropped out or another reason), `completed` or `aftercare`.
    pub id: String,
    /// The Danish name.
    pub label: String,
    /// People with an intake response in the group.
    pub n: usize,
}

/// Figure 10 or 11.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingFigure {
    /// 10 or 11.
    pub number: u32,
    /// `drug` or `psychiatric`.
    pub id: String,
    /// The Danish title.
    pub label: String,
    /// LOCF means per group (the groups' order) and point.
    pub means: Vec<Vec<Stat>>,
}

/// Figures 10–11.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AsiByEnding {
    /// The points (those shown at which the ASI kort is answered).
    pub timepoints: Vec<TimepointLabel>,
    /// The groups.
    pub groups: Vec<EndingGroup>,
    /// Figure 10 (ASI drug) and Figure 11 (ASI psychiatric).
    pub figures: Vec<EndingFigure>,
}

fn point_index(id: &str) -> usize {
    MEASUREMENT_POINTS
        .iter()
        .position(|p| *p == id)
        .expect("checked against the measurement points")
}

/// The split of people into the columns of Tables 2–5 and Figures 1 and 4.
struct Columns {
    names: Vec<String>,
    /// Per column, the indexes of its people.
    members: Vec<Vec<usize>>,
}

impl Columns {
    fn new(people: &[Person], group_by: Option<&str>) -> Columns {
        let everyone: Vec<usize> = (0..people.len()).collect();
        let Some(column) = group_by else {
            return Columns {
                names: vec!["Alle".into()],
                members: vec![everyone],
            };
        };
        let values: BTreeSet<&str> = people.iter().filter_map(|p| p.group(column)).collect();
        let mut names: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
        let mut members: Vec<Vec<usize>> = values
            .iter()
            .map(|v| {
                everyone
                    .iter()
                    .copied()
                    .filter(|&i| people[i].group(column) == Some(v))
                    .collect()
            })
            .collect();
        names.push("I alt".into());
        members.push(everyone);
        Columns { names, members }
    }

    /// A category row: per column, the share of its people (with `known`) in `category`.
    fn row(
        &self,
        people: &[Person],
        label: &str,
        known: impl Fn(&Person) -> bool,
        category: impl Fn(&Person) -> bool,
    ) -> CategoryRow {
        CategoryRow {
            label: label.to_owned(),
            shares: self
                .members
                .iter()
                .map(|m| {
                    let known: Vec<&Person> =
                        m.iter().map(|&i| &people[i]).filter(|p| known(p)).collect();
                    Share::of(known.iter().filter(|p| category(p)).count(), known.len())
                })
                .collect(),
        }
    }

    fn stats(&self, people: &[Person], value: impl Fn(&Person) -> Option<f64>) -> Vec<Stat> {
        self.members
            .iter()
            .map(|m| Stat::of(m.iter().filter_map(|&i| value(&people[i]))))
            .collect()
    }
}

/// A category row of an answer at intake grouped into bands.
fn intake_row<T>(
    columns: &Columns,
    people: &[Person],
    label: &str,
    value: impl Fn(&Obs) -> Option<T> + Copy,
    band: impl Fn(T) -> bool + Copy,
) -> CategoryRow {
    columns.row(
        people,
        label,
        |p| p.at(0).and_then(value).is_some(),
        |p| p.at(0).and_then(value).is_some_and(band),
    )
}

fn days_block(
    columns: &Columns,
    people: &[Person],
    number: u32,
    title: &str,
    value: impl Fn(&Obs) -> Option<u32> + Copy,
) -> ProfileBlock {
    ProfileBlock {
        number,
        title: title.into(),
        rows: vec![
            intake_row(columns, people, "intet", value, |d| d == 0),
            intake_row(columns, people, "1-12 dage", value, |d| {
                (1..=12).contains(&d)
            }),
            intake_row(columns, people, "13-30 dage", value, |d| d >= 13),
        ],
    }
}

fn yes_no_block(
    columns: &Columns,
    people: &[Person],
    number: u32,
    title: &str,
    item: &'static str,
) -> ProfileBlock {
    ProfileBlock {
        number,
        title: title.into(),
        rows: vec![
            intake_row(columns, people, "Ja", move |o| o.yes(item), |b| b),
            intake_row(columns, people, "Nej", move |o| o.yes(item), |b| !b),
        ],
    }
}

/// The answer codes of a choice item with their Danish texts.
fn choices(item: &str) -> Vec<(String, String)> {
    match instrument().item(item).map(|i| &i.answer) {
        Some(AnswerType::Choice { options }) => options
            .iter()
            .map(|c| (c.code.clone(), c.text.get(Lang::Da).to_owned()))
            .collect(),
        _ => Vec::new(),
    }
}

fn profile(columns: &Columns, people: &[Person]) -> Profile {
    let ages: [AgeBand; 6] = [
        ("Under 18", |a| a < 18),
        ("18-24", |a| (18..=24).contains(&a)),
        ("25-29", |a| (25..=29).contains(&a)),
        ("30-34", |a| (30..=34).contains(&a)),
        ("35-39", |a| (35..=39).contains(&a)),
        ("40+", |a| a >= 40),
    ];
    let other_drugs = |o: &Obs| -> Option<bool> {
        [
            "days_heroin_illicit",
            "days_methadone_illicit",
            "days_buprenorphine_illicit",
            "days_other_opioids",
            "days_benzodiazepines_illicit",
            "days_ecstasy",
            "days_hallucinogens",
            "days_inhalants",
            "days_other_illicit",
        ]
        .iter()
        .map(|item| o.days(item))
        .try_fold(false, |any, d| Some(any || d? > 0))
    };
    let incomes: Vec<(String, String)> = choices("main_income")
        .into_iter()
        .filter(|(code, _)| {
            people
                .iter()
                .any(|p| p.at(0).and_then(|o| o.code("main_income")) == Some(code))
        })
        .collect();
    let blocks = vec![
        ProfileBlock {
            number: 1,
            title: "Køn".into(),
            rows: [Sex::Male, Sex::Female]
                .into_iter()
                .map(|s| {
                    columns.row(
                        people,
                        s.label(),
                        |p| p.sex().is_some(),
                        |p| p.sex() == Some(s),
                    )
                })
                .collect(),
        },
        ProfileBlock {
            number: 2,
            title: "Alder".into(),
            rows: ages
                .iter()
                .map(|(l, band)| {
                    columns.row(
                        people,
                        l,
                        |p| p.age().is_some(),
                        |p| p.age().is_some_and(band),
                    )
                })
                .collect(),
        },
        days_block(columns, people, 3, "Hash", |o| o.hash_days()),
        days_block(columns, people, 4, "Amfetamin", |o| {
            o.days("days_amphetamines")
        }),
        days_block(columns, people, 5, "Kokain", |o| o.days("days_cocaine")),
        ProfileBlock {
            number: 6,
            title: "Andre stoffer".into(),
            rows: vec![
                intake_row(columns, people, "Ja", other_drugs, |b| b),
                intake_row(columns, people, "Nej", other_drugs, |b| !b),
            ],
        },
        yes_no_block(columns, people, 7, "Under uddannelse", "in_education"),
        yes_no_block(columns, people, 8, "Lønnet arbejde", "wage_income"),
        ProfileBlock {
            number: 9,
            title: "Primær indtægt".into(),
            rows: incomes
                .iter()
                .map(|(code, text)| {
                    intake_row(
                        columns,
                        people,
                        text,
                        |o| o.code("main_income").map(str::to_owned),
                        |c| c == *code,
                    )
                })
                .collect(),
        },
        yes_no_block(
            columns,
            people,
            10,
            "Medicin psykiske problemer",
            "psych_medication",
        ),
        yes_no_block(
            columns,
            people,
            11,
            "Selvmordstanker",
            "psych_suicidal_thoughts",
        ),
        yes_no_block(
            columns,
            people,
            12,
            "Aggression/lav selvkontrol",
            "psych_violence",
        ),
        ProfileBlock {
            number: 13,
            title: "Illegale aktiviteter".into(),
            rows: vec![
                intake_row(
                    columns,
                    people,
                    "Ingen",
                    |o| o.days("illegal_activity_days"),
                    |d| d == 0,
                ),
                intake_row(
                    columns,
                    people,
                    "1-4 dage",
                    |o| o.days("illegal_activity_days"),
                    |d| (1..=4).contains(&d),
                ),
                intake_row(
                    columns,
                    people,
                    "5-30 dage",
                    |o| o.days("illegal_activity_days"),
                    |d| d >= 5,
                ),
            ],
        },
    ];
    Profile {
        columns: columns.names.clone(),
        people: columns.members.iter().map(Vec::len).collect(),
        mean_age: columns.stats(people, |p| p.age().map(f64::from)),
        blocks,
    }
}

fn domain_name(domain: Domain) -> String {
    scoring::current()
        .domain(domain)
        .name
        .get(Lang::Da)
        .to_owned()
}

fn asi_intake(columns: &Columns, people: &[Person]) -> AsiIntake {
    let reference = scoring::current()
        .reference
        .groups
        .iter()
        .find(|g| g.id == "national_outpatient_2009_2014");
    let mut rows: Vec<AsiRow> = Domain::ALL
        .into_iter()
        .map(|d| AsiRow {
            id: d.id().into(),
            label: domain_name(d),
            means: columns.stats(people, |p| p.at(0).and_then(|o| o.row.scores.domain(d))),
            reference: reference.and_then(|r| r.domains.get(&d).copied()),
        })
        .collect();
    rows.push(AsiRow {
        id: "asi6".into(),
        label: "ASI 6 score".into(),
        means: columns.stats(people, |p| p.at(0).and_then(|o| o.row.scores.asi6)),
        reference: reference.map(|r| r.asi6),
    });
    AsiIntake {
        columns: columns.names.clone(),
        reference_label: reference.map_or_else(String::new, |r| r.label.get(Lang::Da).to_owned()),
        reference_n: reference.and_then(|r| r.n),
        rows,
    }
}

/// The months-enrolled band: 0 for 0–2, 1 for 2–4, 2 for 4 or more.
fn length_band(p: &Person) -> Option<usize> {
    p.months_enrolled().map(|m| match m {
        0..=1 => 0,
        2..=3 => 1,
        _ => 2,
    })
}

const LENGTH_BANDS: [&str; 3] = ["0-2 måneder", "2-4 måneder", "4 måneder+"];
const SESSION_BANDS: [&str; 3] = ["1-5 sessioner", "6-10 sessioner", "11+ sessioner"];

/// The sessions band: 0 for 1–5, 1 for 6–10, 2 for 11 or more; none for 0 sessions.
fn sessions_band(p: &Person) -> Option<usize> {
    p.sessions().and_then(|s| match s {
        0 => None,
        1..=5 => Some(0),
        6..=10 => Some(1),
        _ => Some(2),
    })
}

fn enrolment(columns: &Columns, people: &[Person]) -> Enrolment {
    let bands = |labels: [&str; 3], band: fn(&Person) -> Option<usize>| Categories {
        columns: columns.names.clone(),
        rows: labels
            .iter()
            .enumerate()
            .map(|(i, l)| columns.row(people, l, |p| band(p).is_some(), |p| band(p) == Some(i)))
            .collect(),
    };
    let unknown = |band: fn(&Person) -> Option<usize>| -> Vec<usize> {
        columns
            .members
            .iter()
            .map(|m| m.iter().filter(|&&i| band(&people[i]).is_none()).count())
            .collect()
    };
    let attended = |m: &Vec<usize>| -> Vec<u32> {
        m.iter()
            .filter_map(|&i| people[i].sessions())
            .filter(|&s| s > 0)
            .collect()
    };
    Enrolment {
        length: bands(LENGTH_BANDS, length_band),
        length_unknown: unknown(length_band),
        sessions: bands(SESSION_BANDS, sessions_band),
        sessions_unknown: unknown(sessions_band),
        sessions_mean: columns
            .members
            .iter()
            .map(|m| Stat::of(attended(m).into_iter().map(f64::from)))
            .collect(),
        sessions_min: columns
            .members
            .iter()
            .map(|m| attended(m).into_iter().min())
            .collect(),
        sessions_max: columns
            .members
            .iter()
            .map(|m| attended(m).into_iter().max())
            .collect(),
    }
}

fn endings(columns: &Columns, people: &[Person]) -> Categories {
    let mut rows: Vec<CategoryRow> = Ending::ALL
        .into_iter()
        .map(|e| columns.row(people, e.label(), |_| true, |p| p.ending() == Some(e)))
        .collect();
    rows.push(columns.row(people, "Ikke angivet", |_| true, |p| p.ending().is_none()));
    Categories {
        columns: columns.names.clone(),
        rows,
    }
}

fn key_numbers(columns: &Columns, people: &[Person]) -> KeyNumbers {
    let answered = |point: usize| -> Vec<Share> {
        columns
            .members
            .iter()
            .map(|m| {
                Share::of(
                    m.iter().filter(|&&i| people[i].at(point).is_some()).count(),
                    m.len(),
                )
            })
            .collect()
    };
    KeyNumbers {
        columns: columns.names.clone(),
        enrolled: columns.members.iter().map(Vec::len).collect(),
        midway: answered(point_index("midway")),
        discharge: answered(point_index("discharge")),
        aftercare: columns
            .row(
                people,
                "Efterbehandling",
                |p| matches!(p.ending(), Some(Ending::Completed | Ending::Aftercare)),
                |p| p.ending() == Some(Ending::Aftercare),
            )
            .shares,
    }
}

/// The LOCF set: people with an intake response.
fn with_intake<'p, 'a>(people: &'p [Person<'a>]) -> impl Iterator<Item = &'p Person<'a>> {
    people.iter().filter(|p| p.at(0).is_some())
}

/// The values of each person at each point: raw (everyone) and LOCF (people with an intake
/// response, each gap filled from the last earlier value).
fn raw_and_locf(people: &[Person], value: impl Fn(&Obs) -> Option<f64> + Copy) -> (Values, Values) {
    (
        people.iter().map(|p| p.raw(value)).collect(),
        with_intake(people)
            .map(|p| carried_forward(&p.raw(value)))
            .collect(),
    )
}

/// The values at point `i` of every person that has one.
fn column(values: &[Vec<Option<f64>>], i: usize) -> impl Iterator<Item = f64> + '_ {
    values.iter().filter_map(move |v| v[i])
}

/// Means at the shown points, raw and LOCF.
fn mean_series(
    people: &[Person],
    shown: &[usize],
    id: &str,
    label: &str,
    value: impl Fn(&Obs) -> Option<f64> + Copy,
) -> MeanSeries {
    let (raw, locf) = raw_and_locf(people, value);
    MeanSeries {
        id: id.into(),
        label: label.into(),
        raw: shown.iter().map(|&i| Stat::of(column(&raw, i))).collect(),
        locf: shown.iter().map(|&i| Stat::of(column(&locf, i))).collect(),
    }
}

/// Shares at the shown points, raw and LOCF.
fn share_series(
    people: &[Person],
    shown: &[usize],
    id: &str,
    label: &str,
    value: impl Fn(&Obs) -> Option<bool> + Copy,
) -> ShareSeries {
    let (raw, locf) = raw_and_locf(people, |o| value(o).map(|b| f64::from(u8::from(b))));
    let share = |values: &[Vec<Option<f64>>], i: usize| {
        Share::of_flags(column(values, i).map(|v| v == 1.0))
    };
    ShareSeries {
        id: id.into(),
        label: label.into(),
        raw: shown.iter().map(|&i| share(&raw, i)).collect(),
        locf: shown.iter().map(|&i| share(&locf, i)).collect(),
    }
}

fn drug_use(people: &[Person], shown: &[usize]) -> DrugUse {
    DrugUse {
        hash_days: mean_series(people, shown, "hash_days", "Dage med hash", |o| {
            o.hash_days().map(f64::from)
        }),
        other_drug_days: mean_series(
            people,
            shown,
            "other_drug_days",
            "Dage med andre stoffer",
            |o| o.other_drug_days().map(f64::from),
        ),
        drug_free: share_series(people, shown, "drug_free", "Stoffri", |o| o.drug_free()),
    }
}

const WELLBEING: [(Measure, &str, &str); 4] = [
    (
        Measure::WellbeingPersonal,
        "wellbeing_personal",
        "Personlig trivsel",
    ),
    (
        Measure::WellbeingClose,
        "wellbeing_close",
        "Trivsel i nære relationer",
    ),
    (
        Measure::WellbeingSocial,
        "wellbeing_social",
        "Social trivsel",
    ),
    (Measure::Wellbeing, "wellbeing", "Samlet trivsel"),
];

fn wellbeing(people: &[Person], shown: &[usize], outcome: usize) -> Wellbeing {
    let over_time = WELLBEING
        .iter()
        .map(|&(m, id, l)| mean_series(people, shown, id, l, |o| m.of(&o.row)))
        .collect();
    let midway = point_index("midway");
    let mut tables = vec![(8, midway)];
    if outcome != midway {
        tables.push((9, outcome));
    }
    let paired = tables
        .into_iter()
        .filter(|(_, to)| shown.contains(to))
        .map(|(number, to)| Paired {
            number,
            from: TimepointLabel::of(MEASUREMENT_POINTS[0]),
            to: TimepointLabel::of(MEASUREMENT_POINTS[to]),
            rows: WELLBEING
                .iter()
                .map(|&(m, id, l)| {
                    let pairs: Vec<(f64, f64)> = people
                        .iter()
                        .filter_map(|p| Some((m.of(&p.at(0)?.row)?, m.of(&p.at(to)?.row)?)))
                        .collect();
                    let n = pairs.len();
                    let mean = |f: fn(&(f64, f64)) -> f64| {
                        (n > 0).then(|| pairs.iter().map(f).sum::<f64>() / n as f64)
                    };
                    PairedRow {
                        id: id.into(),
                        label: l.into(),
                        n,
                        before: mean(|p| p.0),
                        after: mean(|p| p.1),
                        p_value: stats::paired_t_test(&pairs),
                    }
                })
                .collect(),
        })
        .collect();
    Wellbeing { over_time, paired }
}

fn income(people: &[Person], outcome: usize) -> Income {
    let pairs: Vec<(&str, &str)> = people
        .iter()
        .filter_map(|p| {
            Some((
                p.at(0)?.code("main_income")?,
                p.at(outcome)?.code("main_income")?,
            ))
        })
        .collect();
    let n = pairs.len();
    Income {
        to: TimepointLabel::of(MEASUREMENT_POINTS[outcome]),
        n,
        rows: choices("main_income")
            .into_iter()
            .filter(|(code, _)| pairs.iter().any(|(a, b)| a == code || b == code))
            .map(|(code, text)| IncomeRow {
                before: Share::of(pairs.iter().filter(|(a, _)| *a == code).count(), n),
                after: Share::of(pairs.iter().filter(|(_, b)| *b == code).count(), n),
                code,
                label: text,
            })
            .collect(),
    }
}

/// One person's data point for an outcome model.
struct Case {
    band: usize,
    outcome: bool,
    age: Option<f64>,
    female: Option<f64>,
}

/// The outcome of `p` at point `outcome`, raw or LOCF.
fn outcome_of(p: &Person, what: Outcome, data: Data, outcome: usize) -> Option<bool> {
    let at = |value: &dyn Fn(&Obs) -> Option<u32>| -> Option<u32> {
        match data {
            Data::Raw => p.at(outcome).and_then(value),
            Data::Locf => {
                p.at(0)?;
                let values = p.raw(|o| value(o).map(f64::from));
                carried_forward(&values)[outcome].map(|v| v as u32)
            }
        }
    };
    match what {
        Outcome::Reduction => asi_reader::reduction(
            p.at(0).and_then(|o| o.hash_days()),
            at(&|o: &Obs| o.hash_days()),
        ),
        Outcome::DrugFree => at(&|o: &Obs| o.drug_free().map(u32::from)).map(|v| v == 1),
    }
}

fn outcome_table(
    people: &[Person],
    number: u32,
    grouping: Grouping,
    what: Outcome,
    data: Data,
    outcome: usize,
    outcome_title: &str,
) -> OutcomeTable {
    let (band, labels): (BandOf, [&str; 3]) = match grouping {
        Grouping::Length => (length_band, LENGTH_BANDS),
        Grouping::Sessions => (sessions_band, SESSION_BANDS),
    };
    let cases: Vec<Case> = people
        .iter()
        .filter_map(|p| {
            Some(Case {
                band: band(p)?,
                outcome: outcome_of(p, what, data, outcome)?,
                age: p.age().map(f64::from),
                female: p.sex().map(|s| f64::from(u8::from(s == Sex::Female))),
            })
        })
        .collect();
    // A covariate is used when anyone has it and it varies; then only people with it count.
    let varies = |v: &dyn Fn(&Case) -> Option<f64>| {
        let values: Vec<f64> = cases.iter().filter_map(v).collect();
        values.iter().any(|x| *x != values[0])
    };
    let use_age = varies(&|c| c.age);
    let use_sex = varies(&|c| c.female);
    let model: Vec<&Case> = cases
        .iter()
        .filter(|c| (!use_age || c.age.is_some()) && (!use_sex || c.female.is_some()))
        .collect();
    let in_band = |b: usize| model.iter().filter(move |c| c.band == b);
    let usable = |b: usize| -> Result<(), NoEstimate> {
        let n = in_band(b).count();
        let yes = in_band(b).filter(|c| c.outcome).count();
        if n < MIN_GROUP {
            Err(NoEstimate::TooFew)
        } else if yes == 0 || yes == n {
            Err(NoEstimate::NoVariation)
        } else {
            Ok(())
        }
    };
    let mut estimates: Vec<OddsRatio> = (0..3)
        .map(|b| match (b, usable(0), usable(b)) {
            (0, _, _) => OddsRatio::Reference,
            (_, Err(_), _) => OddsRatio::None {
                reason: NoEstimate::NoReference,
            },
            (_, _, Err(reason)) => OddsRatio::None { reason },
            _ => OddsRatio::Reference, // replaced by the fit below
        })
        .collect();
    let compared: Vec<usize> = (1..3)
        .filter(|&b| usable(0).is_ok() && usable(b).is_ok())
        .collect();
    if !compared.is_empty() {
        let rows: Vec<&&Case> = model
            .iter()
            .filter(|c| c.band == 0 || compared.contains(&c.band))
            .collect();
        let x: Vec<Vec<f64>> = rows
            .iter()
            .map(|c| {
                let mut row = vec![1.0];
                row.extend(compared.iter().map(|&b| f64::from(u8::from(c.band == b))));
                if use_age {
                    row.push(c.age.unwrap_or_default());
                }
                if use_sex {
                    row.push(c.female.unwrap_or_default());
                }
                row
            })
            .collect();
        let y: Vec<bool> = rows.iter().map(|c| c.outcome).collect();
        match stats::logistic(&x, &y) {
            Ok(fit) => {
                for (j, &b) in compared.iter().enumerate() {
                    let (beta, se) = (fit.coefficients[j + 1], fit.std_errors[j + 1]);
                    estimates[b] = OddsRatio::Estimate {
                        odds_ratio: beta.exp(),
                        p_value: stats::two_sided_normal_p(beta / se),
                        coefficient: beta,
                        std_error: se,
                    };
                }
            }
            Err(e) => {
                let reason = match e {
                    FitError::Separation => NoEstimate::Separation,
                    FitError::NotConverged => NoEstimate::NotConverged,
                    FitError::Singular => NoEstimate::Singular,
                };
                for &b in &compared {
                    estimates[b] = OddsRatio::None { reason };
                }
            }
        }
    }
    let model_bands: Vec<usize> = std::iter::once(0).chain(compared.iter().copied()).collect();
    let outcome_label = match what {
        Outcome::Reduction => "reduktion i forbrug af hash",
        Outcome::DrugFree => "stoffrihed",
    };
    OutcomeTable {
        number,
        grouping,
        outcome: what,
        data,
        title: format!(
            "{} og {outcome_label} ved {} ({})",
            match grouping {
                Grouping::Length => "Indskrivningstid",
                Grouping::Sessions => "Antal gruppesessioner",
            },
            outcome_title.to_lowercase(),
            match data {
                Data::Raw => "rå-data",
                Data::Locf => "LOCF",
            }
        ),
        n: cases.len(),
        model_n: if compared.is_empty() {
            0
        } else {
            model
                .iter()
                .filter(|c| model_bands.contains(&c.band))
                .count()
        },
        adjusted_for: [(use_age, "age"), (use_sex, "sex")]
            .into_iter()
            .filter(|(used, _)| *used)
            .map(|(_, name)| name.to_owned())
            .collect(),
        rows: (0..3)
            .map(|b| OutcomeRow {
                label: labels[b].into(),
                share: Share::of_flags(cases.iter().filter(|c| c.band == b).map(|c| c.outcome)),
                model_n: in_band(b).count(),
                odds_ratio: estimates[b].clone(),
            })
            .collect(),
    }
}

fn asi_by_ending(people: &[Person], shown: &[usize]) -> AsiByEnding {
    let midway = point_index("midway");
    let points: Vec<usize> = shown.iter().copied().filter(|&i| i != midway).collect();
    let groups: [EndingGroupOf; 3] = [
        ("dropped_out", "Frafald", |e| {
            matches!(e, Ending::DroppedOut | Ending::Other)
        }),
        ("completed", "Gennemført", |e| e == Ending::Completed),
        ("aftercare", "Efterbehandling", |e| e == Ending::Aftercare),
    ];
    let members = |is: fn(Ending) -> bool| -> Vec<&Person> {
        with_intake(people)
            .filter(|p| p.ending().is_some_and(is))
            .collect()
    };
    let figure = |number: u32, domain: Domain, title: &str| EndingFigure {
        number,
        id: domain.id().into(),
        label: title.into(),
        means: groups
            .iter()
            .map(|(_, _, is)| {
                let values: Vec<Vec<Option<f64>>> = members(*is)
                    .iter()
                    .map(|p| carried_forward(&p.raw(|o| o.row.scores.domain(domain))))
                    .collect();
                points
                    .iter()
                    .map(|&i| Stat::of(values.iter().filter_map(|v| v[i])))
                    .collect()
            })
            .collect(),
    };
    AsiByEnding {
        timepoints: points
            .iter()
            .map(|&i| TimepointLabel::of(MEASUREMENT_POINTS[i]))
            .collect(),
        groups: groups
            .iter()
            .map(|(id, l, is)| EndingGroup {
                id: (*id).into(),
                label: (*l).into(),
                n: members(*is).len(),
            })
            .collect(),
        figures: vec![
            figure(
                10,
                Domain::Drug,
                "Udviklingen i ASI stofscore over tid (LOCF)",
            ),
            figure(
                11,
                Domain::Psychiatric,
                "Udviklingen i ASI psykisk score over tid (LOCF)",
            ),
        ],
    }
}

fn link_rates(people: &[Person], links: &[crate::LinkStatus], today: Day) -> LinkRates {
    let cohort: BTreeSet<&str> = people
        .iter()
        .filter_map(|p| p.reference.as_deref())
        .collect();
    let soon = today.plus_days(EXPIRES_SOON_DAYS).to_string();
    // A link to a form without scores (the involvement form) is no measurement.
    let unscored: Vec<&str> = unscored_forms().iter().map(|f| f.id.as_str()).collect();
    let mut rows = Vec::new();
    let mut unanswered = Vec::new();
    for (i, &point) in MEASUREMENT_POINTS.iter().enumerate() {
        let here: Vec<&crate::LinkStatus> = links
            .iter()
            .filter(|l| {
                l.timepoint == point
                    && cohort.contains(l.reference.as_str())
                    && !unscored.contains(&l.form.as_str())
            })
            .collect();
        if here.is_empty() {
            continue;
        }
        let refs: BTreeSet<&str> = here.iter().map(|l| l.reference.as_str()).collect();
        let (mut answered, mut open, mut expired) = (0, 0, 0);
        for reference in &refs {
            let mine: Vec<&&crate::LinkStatus> =
                here.iter().filter(|l| l.reference == *reference).collect();
            if mine.iter().any(|l| l.state == LinkState::Used) {
                answered += 1;
                continue;
            }
            let newest = mine
                .iter()
                .max_by(|a, b| a.expires.cmp(&b.expires))
                .expect("one link at least");
            let state = if mine.iter().any(|l| l.state == LinkState::Open) {
                LinkState::Open
            } else {
                LinkState::Expired
            };
            match state {
                LinkState::Open => open += 1,
                _ => expired += 1,
            }
            unanswered.push((
                i,
                Unanswered {
                    reference: (*reference).to_owned(),
                    timepoint: TimepointLabel::of(point),
                    form: newest.form.clone(),
                    expires: newest.expires.clone(),
                    state,
                    expires_soon: state == LinkState::Open && newest.expires <= soon,
                },
            ));
        }
        rows.push(LinkRow {
            timepoint: TimepointLabel::of(point),
            links: here.len(),
            answered: Share::of(answered, refs.len()),
            open,
            expired,
        });
    }
    unanswered.sort_by(|(a, x), (b, y)| {
        a.cmp(b)
            .then(x.expires.cmp(&y.expires))
            .then(x.reference.cmp(&y.reference))
    });
    LinkRates {
        rows,
        unanswered: unanswered.into_iter().map(|(_, u)| u).collect(),
        soon_days: EXPIRES_SOON_DAYS,
    }
}

fn notes(left: Left, has_register: bool, options: &crate::Options) -> Vec<String> {
    let mut notes = Vec::new();
    if left.not_in_register > 0 {
        notes.push(format!(
            "{} personer med svar står ikke i registerfilen og er ikke med i rapporten.",
            left.not_in_register
        ));
    }
    if left.outside_period > 0 {
        notes.push(format!(
            "{} personer begyndte deres forløb uden for perioden og er ikke med.",
            left.outside_period
        ));
    }
    if left.no_start > 0 {
        notes.push(format!("{} personer har hverken indskrivningsdato eller svar ved indskrivning, så perioden kan ikke afgøres for dem; de er ikke med.", left.no_start));
    }
    if left.unkeyed_responses > 0 {
        notes.push(format!("{} svar kan ikke knyttes til en person (anonyme eller fra links, som ingen referencefil kender) og er ikke med.", left.unkeyed_responses));
    }
    if !has_register {
        notes.push("Uden registerfil mangler indskrivningstid, udskrivningsårsag, gruppesessioner, alder og køn: tabellerne, der bygger på dem, er udeladt.".into());
    }
    if options.from.is_some() || options.to.is_some() {
        notes.push("Perioden gælder forløbets begyndelse: registerfilens indskrivningsdato, ellers dagen for svaret ved indskrivning.".into());
    }
    notes
}

/// Computes the report. Pure: the same inputs give the same report, natively and in the
/// browser.
pub fn report(inputs: &Inputs) -> Result<Report, ReportError> {
    let options = inputs.options;
    let timepoints: Vec<String> = if options.timepoints.is_empty() {
        MEASUREMENT_POINTS.iter().map(|s| (*s).to_owned()).collect()
    } else {
        options.timepoints.clone()
    };
    for t in &timepoints {
        if !MEASUREMENT_POINTS.contains(&t.as_str()) {
            return Err(ReportError::UnknownTimepoint(t.clone()));
        }
    }
    let mut shown: Vec<usize> = timepoints.iter().map(|t| point_index(t)).collect();
    shown.sort_unstable();
    shown.dedup();
    let outcome = *shown.last().expect("at least one point");
    if outcome == 0 {
        return Err(ReportError::NoOutcomeTimepoint);
    }
    if !shown.contains(&0) {
        shown.insert(0, 0);
    }
    if let Some(column) = &options.group_by {
        let known = inputs
            .register
            .map(|r| r.group_columns.clone())
            .unwrap_or_default();
        if !known.contains(column) {
            return Err(ReportError::UnknownGroupColumn {
                column: column.clone(),
                known,
            });
        }
    }
    let (people, left) = cohort(
        inputs.responses,
        inputs.refs,
        inputs.register,
        inputs.links,
        options,
    );
    let columns = Columns::new(&people, options.group_by.as_deref());
    let has_register = inputs.register.is_some();
    let outcome_title = TimepointLabel::of(MEASUREMENT_POINTS[outcome]).title.da;
    let mut outcomes = Vec::new();
    if has_register {
        let mut number = 11;
        for grouping in [Grouping::Length, Grouping::Sessions] {
            for what in [Outcome::Reduction, Outcome::DrugFree] {
                for data in [Data::Raw, Data::Locf] {
                    outcomes.push(outcome_table(
                        &people,
                        number,
                        grouping,
                        what,
                        data,
                        outcome,
                        &outcome_title,
                    ));
                    number += 1;
                }
            }
        }
    }
    Ok(Report {
        today: options.today,
        from: options.from,
        to: options.to,
        timepoints: shown
            .iter()
            .map(|&i| TimepointLabel::of(MEASUREMENT_POINTS[i]))
            .collect(),
        outcome_timepoint: TimepointLabel::of(MEASUREMENT_POINTS[outcome]),
        group_by: options.group_by.clone(),
        people: people.len(),
        has_register,
        notes: notes(left, has_register, options),
        register_problems: inputs
            .register
            .map(|r| {
                r.problems
                    .iter()
                    .map(|p| RegisterProblem {
                        line: p.line,
                        column: p.column.clone(),
                        value: p.value.clone(),
                        message: p.message(asi_instrument::Lang::Da),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        data_basis: shown
            .iter()
            .map(|&i| DataBasisRow {
                timepoint: TimepointLabel::of(MEASUREMENT_POINTS[i]),
                answered: Share::of(
                    people.iter().filter(|p| p.at(i).is_some()).count(),
                    people.len(),
                ),
            })
            .collect(),
        links: inputs.links.map(|l| link_rates(&people, l, options.today)),
        profile: profile(&columns, &people),
        asi_intake: asi_intake(&columns, &people),
        key_numbers: has_register.then(|| key_numbers(&columns, &people)),
        enrolment: has_register.then(|| enrolment(&columns, &people)),
        endings: has_register.then(|| endings(&columns, &people)),
        drug_use: drug_use(&people, &shown),
        wellbeing: wellbeing(&people, &shown, outcome),
        income: income(&people, outcome),
        outcomes,
        asi_by_ending: has_register.then(|| asi_by_ending(&people, &shown)),
        unscored: unscored_shares(inputs.responses),
    })
}
