//! The people a report is about, each with their responses at the four measurement points
//! and what the register says about them (`docs/report.md` §3).

use std::collections::BTreeMap;

use asi_export::Response;
use asi_instrument::{Answer, Answers};
use asi_reader::{MEASUREMENT_POINTS, PersonKey, Refs, Row, all_series, rows};

use crate::date::Day;
use crate::register::{Ending, Register, RegisterPerson, Sex};
use crate::{LinkStatus, Options};

/// The ASI kort's day items of illicit drugs other than hash (cannabis).
pub const OTHER_DRUG_ITEMS: [&str; 11] = [
    "days_heroin_illicit",
    "days_methadone_illicit",
    "days_buprenorphine_illicit",
    "days_other_opioids",
    "days_benzodiazepines_illicit",
    "days_cocaine",
    "days_amphetamines",
    "days_ecstasy",
    "days_hallucinogens",
    "days_inhalants",
    "days_other_illicit",
];

/// One response at a measurement point.
#[derive(Debug, Clone)]
pub struct Obs<'a> {
    /// The reader's row (rescored scores, wellbeing parts, hash days).
    pub row: Row,
    /// The opened response (its answers).
    pub response: &'a Response,
}

fn days(answers: &Answers, item: &str) -> Option<u32> {
    match answers.get(item) {
        Some(Answer::Int(n)) => u32::try_from(*n).ok(),
        _ => None,
    }
}

impl Obs<'_> {
    /// The answers.
    pub fn answers(&self) -> &Answers {
        &self.response.payload.answers
    }

    /// Days with hash in the last 30 (`hash_days`, else the ASI kort's `days_cannabis`).
    pub fn hash_days(&self) -> Option<u32> {
        self.row.hash_days
    }

    /// Days with drugs other than hash in the last 30: Trivsel & forbrug's `other_drug_days`;
    /// from an ASI kort, the most days of any one illicit drug other than hash (every such
    /// item answered) — the fewest days the person can have used another drug on.
    pub fn other_drug_days(&self) -> Option<u32> {
        let answers = self.answers();
        days(answers, "other_drug_days").or_else(|| {
            OTHER_DRUG_ITEMS
                .iter()
                .map(|item| days(answers, item))
                .try_fold(0, |most, d| Some(most.max(d?)))
        })
    }

    /// Days of one item, if answered.
    pub fn days(&self, item: &str) -> Option<u32> {
        days(self.answers(), item)
    }

    /// A yes/no item, if answered.
    pub fn yes(&self, item: &str) -> Option<bool> {
        match self.answers().get(item) {
            Some(Answer::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    /// A choice item's code, if answered.
    pub fn code(&self, item: &str) -> Option<&str> {
        self.answers().get(item).and_then(Answer::as_str)
    }

    /// Drug-free (rescored).
    pub fn drug_free(&self) -> Option<bool> {
        self.row.scores.drug_free
    }
}

/// A person of the report.
#[derive(Debug, Clone)]
pub struct Person<'a> {
    /// How the report names the person: the clinic's reference, or the CPR number of an
    /// identified intake when there is no reference.
    pub label: String,
    /// The clinic's reference, if known.
    pub reference: Option<String>,
    /// The person's row of the register.
    pub register: Option<&'a RegisterPerson>,
    /// The latest response at each of [`MEASUREMENT_POINTS`].
    pub points: Vec<Option<Obs<'a>>>,
    /// The day the course began: the register's intake date, else the intake response's day.
    pub start: Option<Day>,
}

impl<'a> Person<'a> {
    fn new(label: String, reference: Option<String>, register: Option<&'a RegisterPerson>) -> Self {
        Person {
            label,
            reference,
            register,
            points: vec![None; MEASUREMENT_POINTS.len()],
            start: None,
        }
    }

    /// The response at point `i` of [`MEASUREMENT_POINTS`].
    pub fn at(&self, i: usize) -> Option<&Obs<'a>> {
        self.points[i].as_ref()
    }

    /// `value` of the response at each point (no response or no value: `None`).
    pub fn raw<T>(&self, value: impl Fn(&Obs<'a>) -> Option<T>) -> Vec<Option<T>> {
        self.points
            .iter()
            .map(|p| p.as_ref().and_then(&value))
            .collect()
    }

    /// Age in whole years at the start of the course.
    pub fn age(&self) -> Option<u32> {
        self.register?.age_on(self.start)
    }

    /// Sex, from the register.
    pub fn sex(&self) -> Option<Sex> {
        self.register?.sex
    }

    /// How the course ended, from the register.
    pub fn ending(&self) -> Option<Ending> {
        self.register?.ending
    }

    /// Whole months from intake to discharge (both from the register).
    pub fn months_enrolled(&self) -> Option<u32> {
        let r = self.register?;
        Some(r.intake_date?.whole_months_until(r.discharge_date?))
    }

    /// Group sessions attended, from the register.
    pub fn sessions(&self) -> Option<u32> {
        self.register?.sessions
    }

    /// The person's value of a grouping column.
    pub fn group(&self, column: &str) -> Option<&str> {
        self.register?.groups.get(column).map(String::as_str)
    }

    fn merge(&mut self, series: &asi_reader::Series, responses: &BTreeMap<&str, &'a Response>) {
        for (slot, point) in self.points.iter_mut().zip(&series.points) {
            let Some(row) = &point.row else { continue };
            let later = slot
                .as_ref()
                .is_none_or(|o| o.row.completed_at < row.completed_at);
            if later && let Some(&response) = responses.get(row.id.as_str()) {
                *slot = Some(Obs {
                    row: row.clone(),
                    response,
                });
            }
        }
    }
}

/// Who was left out of the cohort, and why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Left {
    /// People with responses who are not in the register.
    pub not_in_register: usize,
    /// People whose course began outside the period.
    pub outside_period: usize,
    /// People without a start day while a period is chosen.
    pub no_start: usize,
    /// Responses from no one the clinic can follow (anonymous, or a token no refs file
    /// names).
    pub unkeyed_responses: usize,
}

/// The cohort: the register's people (or, without a register, everyone the responses, the
/// refs files and the link list name), within the period.
pub fn cohort<'a>(
    responses: &'a [Response],
    refs: Option<&Refs>,
    register: Option<&'a Register>,
    links: Option<&[LinkStatus]>,
    options: &Options,
) -> (Vec<Person<'a>>, Left) {
    let table = rows(responses, refs);
    let by_id: BTreeMap<&str, &Response> = responses
        .iter()
        .map(|r| (r.metadata.id.as_str(), r))
        .collect();
    let mut left = Left {
        unkeyed_responses: table
            .iter()
            .filter(|r| {
                r.person.key().is_none() && MEASUREMENT_POINTS.contains(&r.timepoint.as_str())
            })
            .count(),
        ..Left::default()
    };
    let mut people: Vec<Person<'a>> = Vec::new();
    let mut index: BTreeMap<PersonKey, usize> = BTreeMap::new();
    match register {
        Some(register) => {
            for (i, p) in register.people.iter().enumerate() {
                people.push(Person::new(
                    p.reference.clone(),
                    Some(p.reference.clone()),
                    Some(p),
                ));
                index.insert(PersonKey::Ref(p.reference.clone()), i);
                if let Some(cpr) = &p.cpr {
                    index.entry(PersonKey::Cpr(cpr.clone())).or_insert(i);
                }
            }
        }
        None => {
            let mut add = |key: PersonKey, people: &mut Vec<Person<'a>>| {
                index.entry(key.clone()).or_insert_with(|| {
                    let (label, reference) = match key {
                        PersonKey::Ref(r) => (r.clone(), Some(r)),
                        PersonKey::Cpr(c) => (c, None),
                    };
                    people.push(Person::new(label, reference, None));
                    people.len() - 1
                });
            };
            for (_, reference) in refs.into_iter().flat_map(Refs::iter) {
                add(PersonKey::Ref(reference.to_owned()), &mut people);
            }
            for link in links.unwrap_or_default() {
                add(PersonKey::Ref(link.reference.clone()), &mut people);
            }
            for row in &table {
                if let Some(key) = row.person.key() {
                    add(key, &mut people);
                }
            }
        }
    }
    for series in all_series(&table) {
        match index.get(&series.key) {
            Some(&i) => people[i].merge(&series, &by_id),
            None => left.not_in_register += 1,
        }
    }
    let intake_day = |p: &Person| p.at(0).and_then(|o| Day::parse(&o.response.metadata.day));
    for p in &mut people {
        p.start = p
            .register
            .and_then(|r| r.intake_date)
            .or_else(|| intake_day(p));
    }
    if options.from.is_some() || options.to.is_some() {
        people.retain(|p| match p.start {
            None => {
                left.no_start += 1;
                false
            }
            Some(day) => {
                let inside =
                    options.from.is_none_or(|f| day >= f) && options.to.is_none_or(|t| day <= t);
                left.outside_period += usize::from(!inside);
                inside
            }
        });
    }
    (people, left)
}
