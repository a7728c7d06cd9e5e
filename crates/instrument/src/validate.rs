//! Validation of answer records against the instrument, with typed, bilingual errors.

use std::fmt;

use serde_json::Value;

use crate::answers::{Answer, Answers};
use crate::cpr::{self, CprError};
use crate::date;
use crate::model::{AnswerType, Form, Instrument, Item};
use crate::text::{Lang, Text};

/// One problem with one item of a record (or with the record as a whole).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    /// The item id, or `None` when the record itself is wrong.
    pub item: Option<String>,
    /// What is wrong.
    pub kind: ErrorKind,
}

/// The JSON type an item takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// An integer.
    WholeNumber,
    /// `true` or `false`.
    YesNo,
    /// A string.
    Text,
}

/// What is wrong with an answer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The record is not a JSON object.
    NotAnObject,
    /// The key is not an item id of the instrument.
    UnknownItem,
    /// The item is in the instrument but not in the form the record claims to answer
    /// (an ASI kort item in a Trivsel & forbrug response, say).
    NotInForm {
        /// The form's id (`trivsel`).
        form: String,
        /// The form's title, for the message.
        title: Text,
    },
    /// An identification item (CPR number, name, date) in a record that does not claim to
    /// be an identified response.
    IdentifiedOnly,
    /// The value has the wrong JSON type.
    WrongType {
        /// The type the item takes.
        expected: Expected,
    },
    /// A number outside the item's range.
    OutOfRange {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// A code that is not one of the item's options.
    UnknownCode {
        /// The allowed codes.
        allowed: Vec<String>,
    },
    /// A CPR number that is not ten digits or not a real date.
    Cpr(CprError),
    /// A date that is not a real date written `YYYY-MM-DD`.
    Date,
    /// Empty text where text is asked for.
    EmptyText,
    /// Text longer than the item allows.
    TooLong {
        /// Largest allowed length in characters.
        max: usize,
    },
    /// The item is answered although the skip rule says it is not asked.
    SkipRule {
        /// The item whose answer decides.
        depends_on: String,
        /// The answer that makes this item asked.
        asked_when: Value,
    },
}

impl ValidationError {
    fn new(item: &str, kind: ErrorKind) -> Self {
        ValidationError {
            item: Some(item.to_owned()),
            kind,
        }
    }

    /// A message for the citizen or the clinic, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use ErrorKind::*;
        let text = match &self.kind {
            NotAnObject => &texts::NOT_AN_OBJECT,
            UnknownItem => &texts::UNKNOWN_ITEM,
            NotInForm { form, title } => {
                return texts::NOT_IN_FORM
                    .fill(lang, &[("title", &title.get(lang)), ("form", form)]);
            }
            IdentifiedOnly => &texts::IDENTIFIED_ONLY,
            WrongType {
                expected: Expected::WholeNumber,
            } => &texts::WHOLE_NUMBER,
            WrongType {
                expected: Expected::YesNo,
            } => &texts::YES_NO,
            WrongType {
                expected: Expected::Text,
            } => &texts::TEXT,
            OutOfRange { min, max } => {
                return texts::OUT_OF_RANGE.fill(lang, &[("min", min), ("max", max)]);
            }
            UnknownCode { .. } => &texts::UNKNOWN_CODE,
            Cpr(CprError::Format) => &texts::CPR_FORMAT,
            Cpr(_) => &texts::CPR_DATE,
            Date => &texts::DATE,
            EmptyText => &texts::EMPTY_TEXT,
            TooLong { max } => return texts::TOO_LONG.fill(lang, &[("max", max)]),
            SkipRule { depends_on, .. } => {
                return texts::SKIP_RULE.fill(lang, &[("depends_on", depends_on)]);
            }
        };
        text.get(lang).to_owned()
    }
}

/// The texts of [`ValidationError::message`].
pub mod texts {
    asi_i18n::texts! {
        NOT_AN_OBJECT = (
            "Svarene skal være et JSON-objekt med et felt pr. spørgsmål.",
            "The answers must be a JSON object with one field per question.",
        );
        UNKNOWN_ITEM = (
            "Spørgsmålet findes ikke i skemaet.",
            "There is no such question in the form.",
        );
        NOT_IN_FORM = (
            "Spørgsmålet hører ikke til skemaet «{title}» ({form}).",
            "This question is not part of the form “{title}” ({form}).",
        );
        IDENTIFIED_ONLY = (
            "Spørgsmålet hører kun til en identificeret besvarelse (med cpr-nummer og navn).",
            "This question belongs only to an identified response (with CPR number and name).",
        );
        WHOLE_NUMBER = ("Skriv et helt tal.", "Enter a whole number.");
        YES_NO = ("Svar ja eller nej.", "Answer yes or no.");
        TEXT = ("Svaret skal være tekst.", "The answer must be text.");
        OUT_OF_RANGE = ("Skriv et tal fra {min} til {max}.", "Enter a number from {min} to {max}.");
        UNKNOWN_CODE = (
            "Vælg et af svarene på listen.",
            "Choose one of the answers in the list.",
        );
        CPR_FORMAT = (
            "Et cpr-nummer er 10 cifre, skrevet ddmmåå-xxxx eller ddmmååxxxx.",
            "A CPR number is 10 digits, written ddmmyy-xxxx or ddmmyyxxxx.",
        );
        CPR_DATE = (
            "De første 6 cifre i et cpr-nummer skal være en rigtig dato (ddmmåå).",
            "The first 6 digits of a CPR number must be a real date (ddmmyy).",
        );
        DATE = ("Skriv en rigtig dato som åååå-mm-dd.", "Enter a real date as yyyy-mm-dd.");
        EMPTY_TEXT = ("Feltet må ikke være tomt.", "This field must not be empty.");
        TOO_LONG = ("Højst {max} tegn.", "At most {max} characters.");
        SKIP_RULE = (
            "Dette spørgsmål stilles kun ved et bestemt svar på «{depends_on}» og skal ellers være ubesvaret.",
            "This question is asked only after a particular answer to “{depends_on}” and must otherwise be left unanswered.",
        );
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item {
            Some(item) => write!(f, "{item}: {}", self.message(Lang::En)),
            None => f.write_str(&self.message(Lang::En)),
        }
    }
}

impl std::error::Error for ValidationError {}

/// The form a record claims to answer, and whether it is an identified response.
#[derive(Clone, Copy)]
struct Claim<'a> {
    form: &'a Form,
    identified: bool,
}

impl Claim<'_> {
    /// Why `item` cannot be in a record of this claim, if it cannot. The form's items are
    /// those of its sections and its optional sections (whichever the clinic chose); an
    /// identified response adds the instrument's identification sections.
    fn refuses(&self, instrument: &Instrument, item: &Item) -> Option<ErrorKind> {
        if self.form.all_sections().any(|s| *s == item.section) {
            None
        } else if instrument.identified_sections.contains(&item.section) {
            (!self.identified).then_some(ErrorKind::IdentifiedOnly)
        } else {
            Some(ErrorKind::NotInForm {
                form: self.form.id.clone(),
                title: self.form.title.clone(),
            })
        }
    }
}

impl Answers {
    /// Checks a record (parsed JSON) against the instrument and returns it as [`Answers`],
    /// or every problem found, in item order. CPR numbers are stored as ten digits.
    ///
    /// Any item of the instrument is accepted, whichever form it belongs to; to hold a
    /// record to the form it claims to answer, use [`Answers::validate_for_form`].
    pub fn validate(
        instrument: &Instrument,
        record: &Value,
    ) -> Result<Answers, Vec<ValidationError>> {
        validate(instrument, record, None)
    }

    /// Checks a record as [`Answers::validate`] does, and also that every item it answers
    /// belongs to `form`: to one of the form's sections or optional sections
    /// (`forms[].sections` and `forms[].optional_sections` of the instrument data: the
    /// record does not say which optional sections the clinic asked), or — when
    /// `identified` — to one of the instrument's
    /// `identified_sections` (CPR number, name, date), which identified mode asks before
    /// the form. An item of another form is [`ErrorKind::NotInForm`]; an identification
    /// item in a record that is not identified is [`ErrorKind::IdentifiedOnly`].
    ///
    /// Use it before sealing a response, so that a Trivsel & forbrug response cannot carry
    /// ASI kort items (or an anonymous one a CPR number):
    ///
    /// ```
    /// use asi_instrument::{Answers, ErrorKind, instrument};
    ///
    /// let trivsel = instrument().form("trivsel").expect("a shipped form");
    /// let record = serde_json::json!({"wellbeing_personal": 5, "drug_problem_days": 3});
    /// let errors = Answers::validate_for_form(instrument(), &record, trivsel, false)
    ///     .expect_err("drug_problem_days is an ASI kort item");
    /// assert_eq!(errors[0].item.as_deref(), Some("drug_problem_days"));
    /// assert!(matches!(errors[0].kind, ErrorKind::NotInForm { ref form, .. } if form == "trivsel"));
    /// ```
    pub fn validate_for_form(
        instrument: &Instrument,
        record: &Value,
        form: &Form,
        identified: bool,
    ) -> Result<Answers, Vec<ValidationError>> {
        validate(instrument, record, Some(Claim { form, identified }))
    }
}

/// [`Answers::validate`], holding the record to `claim` when there is one.
fn validate(
    instrument: &Instrument,
    record: &Value,
    claim: Option<Claim<'_>>,
) -> Result<Answers, Vec<ValidationError>> {
    let Some(object) = record.as_object() else {
        return Err(vec![ValidationError {
            item: None,
            kind: ErrorKind::NotAnObject,
        }]);
    };
    let mut errors = Vec::new();
    let mut answers = Answers::new();
    for (id, value) in object {
        let checked = match instrument.item(id) {
            None => Err(ErrorKind::UnknownItem),
            Some(item) => match claim.and_then(|c| c.refuses(instrument, item)) {
                Some(refusal) => Err(refusal),
                None => check_value(instrument, item, value),
            },
        };
        match checked {
            Ok(answer) => answers.insert(id.clone(), answer),
            Err(kind) => errors.push(ValidationError::new(id, kind)),
        }
    }
    for item in &instrument.items {
        if let (Some(rule), true) = (&item.ask_if, object.contains_key(&item.id))
            && object.get(&rule.item) != Some(&rule.equals)
            && claim.is_none_or(|c| c.refuses(instrument, item).is_none())
        {
            errors.push(ValidationError::new(
                &item.id,
                ErrorKind::SkipRule {
                    depends_on: rule.item.clone(),
                    asked_when: rule.equals.clone(),
                },
            ));
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        // In item order, then the errors about no item (without a sort: smaller code).
        let mut ordered: Vec<ValidationError> = Vec::with_capacity(errors.len());
        for item in &instrument.items {
            ordered.extend(
                errors
                    .iter()
                    .filter(|e| e.item.as_deref() == Some(item.id.as_str()))
                    .cloned(),
            );
        }
        ordered.extend(
            errors
                .iter()
                .filter(|e| {
                    e.item
                        .as_deref()
                        .is_none_or(|id| instrument.item(id).is_none())
                })
                .cloned(),
        );
        Err(ordered)
    }
}

/// Checks one value against one item's answer type.
pub fn check_value(
    instrument: &Instrument,
    item: &Item,
    value: &Value,
) -> Result<Answer, ErrorKind> {
    let integer = |min: i64, max: i64| -> Result<Answer, ErrorKind> {
        match value {
            Value::Number(n) if n.is_i64() || n.is_u64() => match n.as_i64() {
                Some(v) if (min..=max).contains(&v) => Ok(Answer::Int(v)),
                _ => Err(ErrorKind::OutOfRange { min, max }),
            },
            _ => Err(ErrorKind::WrongType {
                expected: Expected::WholeNumber,
            }),
        }
    };
    let text = || {
        value.as_str().ok_or(ErrorKind::WrongType {
            expected: Expected::Text,
        })
    };
    match &item.answer {
        AnswerType::Days { max } => integer(0, i64::from(*max)),
        AnswerType::Kroner { max } => integer(0, i64::try_from(*max).unwrap_or(i64::MAX)),
        AnswerType::Rating { scale } => {
            let levels = instrument.scale(scale).map_or(0, |s| s.labels.len());
            integer(0, levels as i64 - 1)
        }
        AnswerType::Wellbeing { .. } => integer(0, 10),
        AnswerType::YesNo => value
            .as_bool()
            .map(Answer::Bool)
            .ok_or(ErrorKind::WrongType {
                expected: Expected::YesNo,
            }),
        AnswerType::Choice { options } => {
            let code = text()?;
            if options.iter().any(|o| o.code == code) {
                Ok(Answer::Text(code.to_owned()))
            } else {
                Err(ErrorKind::UnknownCode {
                    allowed: options.iter().map(|o| o.code.clone()).collect(),
                })
            }
        }
        AnswerType::Cpr => cpr::normalize(text()?)
            .map(Answer::Text)
            .map_err(ErrorKind::Cpr),
        AnswerType::Text { max_len } => bounded_text(text()?.trim(), *max_len),
        AnswerType::LongText { max_len } => {
            // One line break whatever the device wrote, so the same text gives the same bytes.
            bounded_text(&text()?.trim().replace("\r\n", "\n"), *max_len)
        }
        AnswerType::Date => {
            let s = text()?;
            if date::is_iso_date(s) {
                Ok(Answer::Text(s.to_owned()))
            } else {
                Err(ErrorKind::Date)
            }
        }
    }
}

/// Trimmed text as an answer: not empty, at most `max_len` characters.
fn bounded_text(s: &str, max_len: usize) -> Result<Answer, ErrorKind> {
    if s.is_empty() {
        Err(ErrorKind::EmptyText)
    } else if s.chars().count() > max_len {
        Err(ErrorKind::TooLong { max: max_len })
    } else {
        Ok(Answer::Text(s.to_owned()))
    }
}
