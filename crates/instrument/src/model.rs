//! The shape of the questionnaire data (`data/instrument-v1.json`).
//!
//! Everything the app renders, validates and exports is derived from one [`Instrument`]:
//! items with their texts, answer types, ranges and skip rules, grouped into sections,
//! and the forms (set-ups) that list which sections are asked.

use serde::{Deserialize, Serialize};

use crate::answers::{Answer, Answers};
use crate::text::{Lang, Text};

/// The whole questionnaire definition, versioned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Version id, stored with every response (e.g. `asi-kort-dk-v1`).
    pub version: String,
    /// Where the texts come from.
    pub source: String,
    /// The measurement points a response can answer, with their names.
    pub timepoints: Vec<Timepoint>,
    /// Sections asked before a form's own sections in identified mode only (CPR, name):
    /// nowhere else does the app ask who the citizen is.
    pub identified_sections: Vec<String>,
    /// Shared rating scales (labels for the values 0..=4), referenced by items.
    pub scales: Vec<Scale>,
    /// Question groups: items shown together under one shared question (the substance rows).
    pub groups: Vec<Group>,
    /// Sections, in form order; one section is one screen in the app.
    pub sections: Vec<Section>,
    /// Every item, in form order.
    pub items: Vec<Item>,
    /// The set-ups a citizen can be asked.
    pub forms: Vec<Form>,
}

/// A measurement point (`intake`, `midway`, …, `self_screening`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timepoint {
    /// The id used in envelopes and links.
    pub id: String,
    /// Its name, shown to the citizen.
    pub title: Text,
}

/// A labelled rating scale such as "ikke bekymret … meget bekymret".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Scale id referenced by [`AnswerType::Rating`].
    pub id: String,
    /// One label per value, starting at 0.
    pub labels: Vec<Text>,
}

/// A shared question above several items (for example the 18 substance rows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Group id referenced by [`Item::group`].
    pub id: String,
    /// The shared question.
    pub text: Text,
    /// Optional help shown on demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
}

/// A section: one screen of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Section id referenced by [`Item::section`] and [`Form::sections`].
    pub id: String,
    /// Heading.
    pub title: Text,
    /// A short, plain introduction shown under the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
}

/// One question; its id is a key of the canonical answer record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item id of the data contract (`docs/instrument-format.md`).
    pub id: String,
    /// The number printed on the paper form ("1", "15", "25"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The section it belongs to.
    pub section: String,
    /// The group whose shared question it answers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The question (for a grouped item: the row label).
    pub text: Text,
    /// Help text from the form, shown on demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// What kind of answer it takes.
    #[serde(rename = "type")]
    pub answer: AnswerType,
    /// Ask this item only when the condition holds (the skip rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask_if: Option<Condition>,
    /// This answer means the citizen must be shown crisis information first (items 58–59).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crisis_when: Option<serde_json::Value>,
    /// The item must be answered: "Vil ikke svare" is not offered (the identification
    /// items of identified mode).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
}

/// The answer type of an item, with its range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AnswerType {
    /// A count of days, an integer `0..=max`.
    Days {
        /// Largest allowed count (30, or 20 for work days).
        max: u8,
    },
    /// Whole Danish kroner, an integer `0..=max`.
    Kroner {
        /// Largest accepted amount, a plausibility bound.
        max: u64,
    },
    /// A labelled rating 0..=4, labels from a shared [`Scale`].
    Rating {
        /// The [`Scale::id`].
        scale: String,
    },
    /// Yes or no, a boolean.
    YesNo,
    /// One of a list of codes, a string.
    Choice {
        /// The allowed codes, in form order.
        options: Vec<Choice>,
    },
    /// A 0..=10 rating with labelled ends and middle.
    Wellbeing {
        /// Label of 0.
        low: Text,
        /// Label of 5.
        mid: Text,
        /// Label of 10.
        high: Text,
    },
    /// A Danish CPR number: 10 digits, `ddmmyy-xxxx` accepted, a real date.
    Cpr,
    /// Short free text on one line (a name), at most `max_len` characters.
    Text {
        /// Largest accepted length in characters.
        max_len: usize,
    },
    /// Free text in the citizen's own words, on several lines (a multi-line field), at most
    /// `max_len` characters; line breaks are kept.
    LongText {
        /// Largest accepted length in characters.
        max_len: usize,
    },
    /// A calendar date, `YYYY-MM-DD`.
    Date,
}

/// One code of a [`AnswerType::Choice`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The code stored in the answer record.
    pub code: String,
    /// The number printed on the paper form ("25.1"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The label.
    pub text: Text,
}

/// A skip-rule condition: the item is asked only when `item` was answered with `equals`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The item whose answer decides.
    pub item: String,
    /// The answer that makes the dependent item asked.
    pub equals: serde_json::Value,
}

/// A set-up: which sections are asked, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// Form id used in envelopes and links (`asi_kort`, `trivsel`, `inddragelse`).
    pub id: String,
    /// Title shown to the citizen.
    pub title: Text,
    /// What it is and when it is used.
    pub description: Text,
    /// The timepoints at which this form is used.
    pub timepoints: Vec<String>,
    /// The sections every clinic asks, in order.
    pub sections: Vec<String>,
    /// Sections a clinic may choose to add (the alcohol items in Trivsel & forbrug): asked
    /// after [`Form::sections`], in this order, only where the clinic's settings name them
    /// (see [`Form::resolve`]). A record of the form may answer them either way.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional_sections: Vec<String>,
}

/// Why a form cannot be asked (at a timepoint).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum FormError {
    /// The instrument has no such form.
    UnknownForm {
        /// The form asked for.
        form: String,
        /// The instrument's forms, comma-separated.
        known: String,
    },
    /// The form is not used at this timepoint.
    UnknownTimepoint {
        /// The form.
        form: String,
        /// The timepoint asked for.
        timepoint: String,
        /// The form's timepoints, comma-separated.
        known: String,
    },
}

impl FormError {
    /// The message in `lang` (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FormError::UnknownForm { form, known } => {
                form_texts::UNKNOWN_FORM.fill(lang, &[("form", form), ("known", known)])
            }
            FormError::UnknownTimepoint {
                form,
                timepoint,
                known,
            } => form_texts::UNKNOWN_TIMEPOINT.fill(
                lang,
                &[("form", form), ("timepoint", timepoint), ("known", known)],
            ),
        }
    }
}

/// The texts of [`FormError`].
pub mod form_texts {
    asi_i18n::texts! {
        UNKNOWN_FORM = ("ukendt skema {form} (kendte: {known})", "unknown form {form} (known: {known})");
        UNKNOWN_TIMEPOINT = (
            "skemaet {form} bruges ikke ved tidspunktet {timepoint} (det bruges ved {known})",
            "form {form} is not used at timepoint {timepoint} (it is used at {known})",
        );
        /// A clinic's choice names a section the form cannot add ([`NotOptional`](super::NotOptional)).
        NOT_OPTIONAL = (
            "skemaet {form} har ikke {section} som valgfrit afsnit (valgfrie afsnit: {known})",
            "form {form} has no optional section {section} (its optional sections: {known})",
        );
    }
}

/// A section chosen for a form that is not one of the form's optional sections.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct NotOptional {
    /// The form.
    pub form: String,
    /// The section chosen.
    pub section: String,
    /// The form's optional sections.
    pub known: Vec<String>,
}

impl NotOptional {
    /// What is wrong, in `lang` (the form's optional sections comma-separated, "–" for
    /// none).
    pub fn message(&self, lang: Lang) -> String {
        let known = if self.known.is_empty() {
            "–".to_owned()
        } else {
            self.known.join(", ")
        };
        form_texts::NOT_OPTIONAL.fill(
            lang,
            &[
                ("form", &self.form),
                ("section", &self.section),
                ("known", &known),
            ],
        )
    }
}

impl Form {
    /// Every section the form can ask: its sections, then its optional sections. A record of
    /// the form may answer the items of any of them.
    pub fn all_sections(&self) -> impl Iterator<Item = &String> {
        self.sections.iter().chain(&self.optional_sections)
    }

    /// The form as a clinic asks it: [`Form::sections`], then those of its optional sections
    /// that `chosen` names (in the form's order), and no optional sections left. `chosen` is
    /// the clinic's choice for this form (`ClinicSettings::optional_sections`); a section in
    /// it that is not one of the form's optional sections is refused.
    ///
    /// ```
    /// use asi_instrument::instrument;
    ///
    /// let trivsel = instrument().form("trivsel").expect("a shipped form");
    /// let with_alcohol = trivsel.resolve(&["alcohol_use".to_owned()]).unwrap();
    /// assert_eq!(with_alcohol.sections, ["wellbeing", "consumption", "alcohol_use"]);
    /// assert_eq!(trivsel.resolve(&[]).unwrap().sections, ["wellbeing", "consumption"]);
    /// assert!(trivsel.resolve(&["legal".to_owned()]).is_err());
    /// ```
    pub fn resolve(&self, chosen: &[String]) -> Result<Form, NotOptional> {
        if let Some(bad) = chosen.iter().find(|s| !self.optional_sections.contains(s)) {
            return Err(NotOptional {
                form: self.id.clone(),
                section: bad.clone(),
                known: self.optional_sections.clone(),
            });
        }
        let added = self.optional_sections.iter().filter(|s| chosen.contains(s));
        Ok(Form {
            sections: self.sections.iter().chain(added).cloned().collect(),
            optional_sections: Vec::new(),
            ..self.clone()
        })
    }
}

impl Instrument {
    /// The form with this id, or why there is none.
    pub fn known_form(&self, id: &str) -> Result<&Form, FormError> {
        self.form(id).ok_or_else(|| FormError::UnknownForm {
            form: id.to_owned(),
            known: self
                .forms
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// The form with this id if it is used at `timepoint`, or why not.
    pub fn form_at(&self, id: &str, timepoint: &str) -> Result<&Form, FormError> {
        let form = self.known_form(id)?;
        if form.timepoints.iter().any(|t| t == timepoint) {
            Ok(form)
        } else {
            Err(FormError::UnknownTimepoint {
                form: id.to_owned(),
                timepoint: timepoint.to_owned(),
                known: form.timepoints.join(", "),
            })
        }
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// The form with this id.
    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// The measurement point with this id.
    pub fn timepoint(&self, id: &str) -> Option<&Timepoint> {
        self.timepoints.iter().find(|t| t.id == id)
    }

    /// The items of a section, in form order.
    pub fn section_items(&self, section: &str) -> impl Iterator<Item = &Item> + use<'_> {
        let section = section.to_owned();
        self.items.iter().filter(move |i| i.section == section)
    }

    /// The items a record of the form may answer: those of its sections, then those of its
    /// optional sections, in form order.
    pub fn form_items<'a>(&'a self, form: &'a Form) -> impl Iterator<Item = &'a Item> + 'a {
        form.all_sections().flat_map(move |s| self.section_items(s))
    }

    /// Whether `item` is asked, given the answers so far (its skip rule holds).
    pub fn is_asked(&self, item: &Item, answers: &Answers) -> bool {
        item.ask_if.as_ref().is_none_or(|rule| {
            answers.get(&rule.item).map(Answer::to_json).as_ref() == Some(&rule.equals)
        })
    }

    /// Whether the answers call for crisis information (suicidal thoughts or an attempt).
    pub fn needs_crisis_info(&self, answers: &Answers) -> bool {
        self.items.iter().any(|item| {
            item.crisis_when.as_ref().is_some_and(|when| {
                answers.get(&item.id).map(Answer::to_json).as_ref() == Some(when)
            })
        })
    }

    /// Every item id, in form order (the column order of exports).
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|i| i.id.as_str())
    }
}

impl Item {
    /// The label of a rating or choice value in `lang`, for review screens and exports.
    pub fn option_label<'a>(
        &'a self,
        instrument: &'a Instrument,
        value: &serde_json::Value,
        lang: Lang,
    ) -> Option<&'a str> {
        match &self.answer {
            AnswerType::Rating { scale } => {
                let n = usize::try_from(value.as_u64()?).ok()?;
                instrument.scale(scale)?.labels.get(n).map(|t| t.get(lang))
            }
            AnswerType::Choice { options } => {
                let code = value.as_str()?;
                options
                    .iter()
                    .find(|o| o.code == code)
                    .map(|o| o.text.get(lang))
            }
            _ => None,
        }
    }
}
