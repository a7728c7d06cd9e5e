//! Versioned scoring: the ASI domain scores, ASI 6, wellbeing and drug-free status.
//!
//! A [`ScoringSpec`] is data (`data/scoring/<version>.json`): one formula per domain in the
//! [`Expr`] language, the drug-free rule, the ASI 6 bands and the reference values. A clinic
//! can load corrected weights as a new file without a code change; every result names the
//! version that produced it, and old versions keep scoring old data.

pub mod expr;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use expr::Expr;

use crate::answers::Answers;
use crate::model::{AnswerType, Form, Instrument};
use crate::text::Text;

/// The specification this build scores new responses with by default.
pub const CURRENT_VERSION: &str = "asi6-dk-v2";

/// `asi6-dk-v1` as shipped: the formulas for instrument `asi-kort-dk-v1`.
pub const ASI6_DK_V1_JSON: &str = include_str!("../../data/scoring/asi6-dk-v1.json");

/// `asi6-dk-v2` as shipped: the formulas, bands and reference values of `asi6-dk-v1`,
/// unchanged, for instrument `asi-kort-dk-v2`.
pub const ASI6_DK_V2_JSON: &str = include_str!("../../data/scoring/asi6-dk-v2.json");

/// The six ASI domains, in the order scores are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// Økonomi.
    Economy,
    /// Somatisk.
    Medical,
    /// Psykisk.
    Psychiatric,
    /// Alkohol.
    Alcohol,
    /// Kriminalitet.
    Legal,
    /// Stof.
    Drug,
}

impl Domain {
    /// Every domain, in print order.
    pub const ALL: [Domain; 6] = [
        Domain::Economy,
        Domain::Medical,
        Domain::Psychiatric,
        Domain::Alcohol,
        Domain::Legal,
        Domain::Drug,
    ];

    /// The id used in JSON and exports (`economy`, …).
    pub fn id(self) -> &'static str {
        match self {
            Domain::Economy => "economy",
            Domain::Medical => "medical",
            Domain::Psychiatric => "psychiatric",
            Domain::Alcohol => "alcohol",
            Domain::Legal => "legal",
            Domain::Drug => "drug",
        }
    }
}

/// A scoring specification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringSpec {
    /// Version id, printed with every result.
    pub version: String,
    /// The instrument version whose item ids the formulas use.
    pub instrument_version: String,
    /// Where the formulas come from.
    pub source: String,
    /// One formula per domain, each domain exactly once.
    pub domains: Vec<DomainSpec>,
    /// General wellbeing (0–10).
    pub wellbeing: Expr,
    /// The drug-free rule.
    pub drug_free: DrugFreeRule,
    /// ASI 6 bands, in ascending order of their upper bound.
    pub bands: Vec<Band>,
    /// Reference figures to compare with.
    pub reference: Reference,
}

/// One domain's formula and what a clinician and a citizen need to know about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainSpec {
    /// Which domain.
    pub domain: Domain,
    /// Its name ("Økonomi").
    pub name: Text,
    /// What it covers, in plain words for the result screen.
    pub about: Text,
    /// Whether the formula is our adaptation rather than a published one; shown as such.
    pub provisional: bool,
    /// For clinicians: where the formula comes from and what was adapted.
    pub note: String,
    /// The formula.
    pub formula: Expr,
}

/// Drug-free ("stoffri"): every item of the first complete item set is 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrugFreeRule {
    /// Item sets in order of preference (the ASI kort's illicit rows, then Trivsel & forbrug).
    pub zero_days_in_first_complete: Vec<Vec<String>>,
}

/// A band of the ASI 6 score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Band id (`low`, `borderline`, `high`).
    pub id: String,
    /// Largest ASI 6 in the band (inclusive); `None` for the top band.
    pub upto: Option<f64>,
    /// What the band meant in the HCS project.
    pub label: Text,
}

/// Reference figures from the source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Mean general wellbeing of Danish youth (7.45).
    pub wellbeing_youth_mean: f64,
    /// Where that figure comes from.
    pub wellbeing_source: String,
    /// Table 3 of the seed, one entry per column.
    pub groups: Vec<ReferenceGroup>,
}

/// One column of Table 3: domain means and the ASI 6 mean of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceGroup {
    /// Group id (`national_outpatient_2009_2014`, …).
    pub id: String,
    /// Its name.
    pub label: Text,
    /// Number of people, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// Mean score per domain.
    pub domains: BTreeMap<Domain, f64>,
    /// Mean ASI 6 as printed.
    pub asi6: f64,
}

/// The result of scoring one record, exactly as `asi score` prints it. `None` (null) where a
/// score cannot be computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Økonomi, 0–1.
    pub economy: Option<f64>,
    /// Somatisk, 0–1.
    pub medical: Option<f64>,
    /// Psykisk, 0–1.
    pub psychiatric: Option<f64>,
    /// Alkohol, 0–1.
    pub alcohol: Option<f64>,
    /// Kriminalitet, 0–1.
    pub legal: Option<f64>,
    /// Stof, 0–1.
    pub drug: Option<f64>,
    /// The mean of the six domains; null when any is null.
    pub asi6: Option<f64>,
    /// General wellbeing, the mean of the three wellbeing answers, 0–10.
    pub wellbeing: Option<f64>,
    /// No days of illicit drugs in the last 30 days.
    pub drug_free: Option<bool>,
    /// The specification that produced these scores.
    pub scoring_version: String,
}

impl Scores {
    /// The score of one domain.
    pub fn domain(&self, domain: Domain) -> Option<f64> {
        match domain {
            Domain::Economy => self.economy,
            Domain::Medical => self.medical,
            Domain::Psychiatric => self.psychiatric,
            Domain::Alcohol => self.alcohol,
            Domain::Legal => self.legal,
            Domain::Drug => self.drug,
        }
    }

    fn domain_mut(&mut self, domain: Domain) -> &mut Option<f64> {
        match domain {
            Domain::Economy => &mut self.economy,
            Domain::Medical => &mut self.medical,
            Domain::Psychiatric => &mut self.psychiatric,
            Domain::Alcohol => &mut self.alcohol,
            Domain::Legal => &mut self.legal,
            Domain::Drug => &mut self.drug,
        }
    }
}

/// Why a scoring specification cannot be used with the instrument.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum SpecError {
    /// The file is not a scoring specification.
    #[error("not a valid scoring specification: {0}")]
    Json(#[from] serde_json::Error),
    /// The specification names an instrument version this build does not know.
    #[error(
        "the specification is for instrument {found}, which this build does not know (it knows {known})"
    )]
    UnknownInstrument {
        /// The instrument version the specification names.
        found: String,
        /// The versions this build knows, comma-separated.
        known: String,
    },
    /// The specification was written for another instrument version.
    #[error("the specification is for instrument {found}, but this is {expected}")]
    InstrumentVersion {
        /// The instrument version of this build.
        expected: String,
        /// The one the specification names.
        found: String,
    },
    /// A domain has no formula, or more than one.
    #[error("domain {0:?} must have exactly one formula")]
    Domain(Domain),
    /// A formula reads an item the instrument does not have.
    #[error("the formula for {place} reads unknown item {item}")]
    UnknownItem {
        /// The formula.
        place: String,
        /// The item id.
        item: String,
    },
    /// A formula uses an item in a way its answer type does not allow.
    #[error("the formula for {place} uses item {item} wrongly: {why}")]
    ItemUse {
        /// The formula.
        place: String,
        /// The item id.
        item: String,
        /// What is wrong.
        why: String,
    },
    /// The bands are not in ascending order with one open top band.
    #[error("bands must ascend and end with one band without an upper bound")]
    Bands,
}

impl ScoringSpec {
    /// Parses a specification and checks it against the instrument.
    pub fn from_json(json: &str, instrument: &Instrument) -> Result<ScoringSpec, SpecError> {
        let spec: ScoringSpec = serde_json::from_str(json)?;
        spec.check(instrument)?;
        Ok(spec)
    }

    /// Parses a specification and checks it against the shipped instrument version it names
    /// ([`crate::by_version`]), so a specification written for an older version still loads.
    pub fn load(json: &str) -> Result<ScoringSpec, SpecError> {
        let spec: ScoringSpec = serde_json::from_str(json)?;
        spec.check(spec.instrument()?)?;
        Ok(spec)
    }

    /// The shipped instrument version the formulas read, or why there is none.
    pub fn instrument(&self) -> Result<&'static Instrument, SpecError> {
        crate::by_version(&self.instrument_version).ok_or_else(|| SpecError::UnknownInstrument {
            found: self.instrument_version.clone(),
            known: crate::shipped()
                .iter()
                .map(|i| i.version.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// Whether any formula — a domain, wellbeing or the drug-free rule — reads an item a
    /// record of `form` can answer. A form no formula reads (the involvement form) has no
    /// score, and the app and the reader say so instead of showing empty scores.
    pub fn reads_form(&self, instrument: &Instrument, form: &Form) -> bool {
        let items: Vec<&str> = instrument.form_items(form).map(|i| i.id.as_str()).collect();
        let formulas = self
            .domains
            .iter()
            .map(|d| &d.formula)
            .chain([&self.wellbeing]);
        let read = formulas.flat_map(Expr::items);
        let drug_free = self
            .drug_free
            .zero_days_in_first_complete
            .iter()
            .flatten()
            .map(String::as_str);
        read.chain(drug_free).any(|id| items.contains(&id))
    }

    /// Checks that every domain has one formula, every item a formula reads exists with a
    /// type that fits its use, every code it names is one of the item's codes (and a lookup
    /// names all of them), and the bands ascend.
    pub fn check(&self, instrument: &Instrument) -> Result<(), SpecError> {
        if self.instrument_version != instrument.version {
            return Err(SpecError::InstrumentVersion {
                expected: instrument.version.clone(),
                found: self.instrument_version.clone(),
            });
        }
        for d in Domain::ALL {
            if self.domains.iter().filter(|s| s.domain == d).count() != 1 {
                return Err(SpecError::Domain(d));
            }
        }
        let formulas = self
            .domains
            .iter()
            .map(|d| (d.domain.id().to_owned(), &d.formula))
            .chain([("wellbeing".to_owned(), &self.wellbeing)]);
        for (place, formula) in formulas {
            check_formula(instrument, &place, formula)?;
        }
        for item in self.drug_free.zero_days_in_first_complete.iter().flatten() {
            match instrument.item(item).map(|i| &i.answer) {
                Some(AnswerType::Days { .. }) => {}
                Some(_) => {
                    return Err(SpecError::ItemUse {
                        place: "drug_free".into(),
                        item: item.clone(),
                        why: "not a day count".into(),
                    });
                }
                None => {
                    return Err(SpecError::UnknownItem {
                        place: "drug_free".into(),
                        item: item.clone(),
                    });
                }
            }
        }
        let bounds: Vec<Option<f64>> = self.bands.iter().map(|b| b.upto).collect();
        let (last, rest) = bounds.split_last().ok_or(SpecError::Bands)?;
        let ascending = rest
            .windows(2)
            .all(|w| matches!(w, [Some(a), Some(b)] if a < b));
        if last.is_some() || rest.iter().any(Option::is_none) || !ascending {
            return Err(SpecError::Bands);
        }
        Ok(())
    }

    /// Scores one validated record.
    pub fn score(&self, answers: &Answers) -> Scores {
        let mut scores = Scores {
            economy: None,
            medical: None,
            psychiatric: None,
            alcohol: None,
            legal: None,
            drug: None,
            asi6: None,
            wellbeing: self.wellbeing.eval(answers),
            drug_free: self.drug_free(answers),
            scoring_version: self.version.clone(),
        };
        for d in &self.domains {
            *scores.domain_mut(d.domain) = d.formula.eval(answers);
        }
        scores.asi6 = Domain::ALL
            .iter()
            .map(|&d| scores.domain(d))
            .sum::<Option<f64>>()
            .map(|sum| sum / Domain::ALL.len() as f64);
        scores
    }

    /// Drug-free status: the first complete item set decides; `None` when no set is complete.
    pub fn drug_free(&self, answers: &Answers) -> Option<bool> {
        self.drug_free
            .zero_days_in_first_complete
            .iter()
            .find_map(|set| {
                set.iter()
                    .map(|id| answers.get(id).and_then(|a| a.as_number()))
                    .collect::<Option<Vec<f64>>>()
            })
            .map(|days| days.iter().all(|&d| d == 0.0))
    }

    /// The band an ASI 6 score falls in.
    pub fn band(&self, asi6: f64) -> &Band {
        self.bands
            .iter()
            .find(|b| b.upto.is_none_or(|upto| asi6 <= upto))
            .expect("checked: the last band has no upper bound")
    }

    /// The specification of one domain.
    pub fn domain(&self, domain: Domain) -> &DomainSpec {
        self.domains
            .iter()
            .find(|d| d.domain == domain)
            .expect("checked: every domain has a formula")
    }
}

fn check_formula(instrument: &Instrument, place: &str, formula: &Expr) -> Result<(), SpecError> {
    let wrong = |item: &str, why: &str| SpecError::ItemUse {
        place: place.to_owned(),
        item: item.to_owned(),
        why: why.to_owned(),
    };
    for e in formula.walk() {
        let (id, codes): (&str, Option<Vec<&str>>) = match e {
            Expr::Item(id) => (id, None),
            Expr::Is { item, code } => (item, Some(vec![code.as_str()])),
            Expr::Lookup { item, table } => {
                (item, Some(table.keys().map(String::as_str).collect()))
            }
            _ => continue,
        };
        let item = instrument.item(id).ok_or_else(|| SpecError::UnknownItem {
            place: place.to_owned(),
            item: id.to_owned(),
        })?;
        match (&item.answer, codes) {
            (AnswerType::Choice { options }, Some(codes)) => {
                if let Some(bad) = codes
                    .iter()
                    .find(|c| !options.iter().any(|o| o.code == **c))
                {
                    return Err(wrong(id, &format!("it has no code {bad}")));
                }
                if matches!(e, Expr::Lookup { .. }) && codes.len() != options.len() {
                    return Err(wrong(id, "a lookup must give every code a value (or null)"));
                }
            }
            (_, Some(_)) => return Err(wrong(id, "codes are compared only on choice items")),
            (
                AnswerType::Choice { .. }
                | AnswerType::Cpr
                | AnswerType::Text { .. }
                | AnswerType::Date,
                None,
            ) => {
                return Err(wrong(id, "it is not a number or yes/no"));
            }
            (_, None) => {}
        }
    }
    Ok(())
}

/// `asi6-dk-v1`, built once (only programs that read old responses build it).
fn asi6_dk_v1() -> &'static ScoringSpec {
    static CELL: OnceLock<ScoringSpec> = OnceLock::new();
    CELL.get_or_init(crate::baked::asi6_dk_v1)
}

/// Every specification this build ships, oldest first, each built once from the code
/// `build.rs` bakes from the JSON files (equal to them and checked against the instrument
/// version they name; the crate's tests check).
pub fn shipped() -> [&'static ScoringSpec; 2] {
    [asi6_dk_v1(), current()]
}

/// The specification with this version id, if this build ships it.
pub fn by_version(version: &str) -> Option<&'static ScoringSpec> {
    shipped().into_iter().find(|s| s.version == version)
}

/// The default specification ([`CURRENT_VERSION`], for the current instrument).
pub fn current() -> &'static ScoringSpec {
    static CELL: OnceLock<ScoringSpec> = OnceLock::new();
    CELL.get_or_init(crate::baked::asi6_dk_v2)
}
