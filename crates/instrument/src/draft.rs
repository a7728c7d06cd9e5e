//! A questionnaire being answered: what was given, what was declined, and where the citizen
//! is. Pure data with the flow rules (skip rule, completeness); the app renders it and the
//! offline layer stores it.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::model::{Form, Instrument, Item, Section};
use crate::validate::{ErrorKind, check_value};

/// Where in the questionnaire the citizen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "at", content = "index", rename_all = "snake_case")]
pub enum Position {
    /// On the n-th section of the form (0-based).
    Section(usize),
    /// On the review screen.
    Review,
    /// Finished: the result screen.
    Done,
}

/// The state of one item in a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// Not answered yet.
    Open,
    /// Answered.
    Answered,
    /// The citizen chose "Vil ikke svare"; the item stays absent from the record.
    Declined,
}

/// One questionnaire in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The form id (`asi_kort`, `trivsel`).
    pub form: String,
    /// The instrument version the answers belong to.
    pub instrument_version: String,
    /// Answers given so far.
    pub answers: Answers,
    /// Items the citizen chose not to answer.
    pub declined: BTreeSet<String>,
    /// Where the citizen is.
    pub position: Position,
    /// Identified mode: the instrument's identification sections (CPR, name) come first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub identified: bool,
    /// The form's optional sections this draft asks (the clinic's choice when the draft was
    /// begun, so a change of the clinic's settings never changes a form being answered).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional_sections: Vec<String>,
}

impl Draft {
    /// A new, empty draft of `form`, on its first section. `form` is the form as the clinic
    /// asks it ([`Form::resolve`] with the clinic's choice), or the instrument's own form,
    /// which asks none of its optional sections.
    pub fn new(instrument: &Instrument, form: &Form) -> Draft {
        let optional = instrument
            .form(&form.id)
            .map_or(&[][..], |f| &f.optional_sections);
        Draft {
            form: form.id.clone(),
            instrument_version: instrument.version.clone(),
            answers: Answers::new(),
            declined: BTreeSet::new(),
            position: Position::Section(0),
            identified: false,
            optional_sections: form
                .sections
                .iter()
                .filter(|s| optional.contains(s))
                .cloned()
                .collect(),
        }
    }

    /// A new draft of `form` in identified mode: the identification sections first, with
    /// the date completed (`YYYY-MM-DD`) already filled in as `today`.
    pub fn identified(instrument: &Instrument, form: &Form, today: &str) -> Draft {
        let mut draft = Draft::new(instrument, form);
        draft.identified = true;
        for item in draft.items(instrument) {
            if item.answer == crate::model::AnswerType::Date {
                // A date the device gives is always valid; otherwise it stays open.
                let _ = draft.answer(instrument, &item.id, &serde_json::Value::from(today));
            }
        }
        draft
    }

    /// The form being answered.
    pub fn form<'a>(&self, instrument: &'a Instrument) -> &'a Form {
        instrument
            .form(&self.form)
            .expect("a draft is only made for a form of the instrument")
    }

    /// The form's sections, in order (in identified mode, the identification first), with
    /// the optional sections the draft asks after the form's own.
    pub fn sections<'a>(&self, instrument: &'a Instrument) -> Vec<&'a Section> {
        let identification = if self.identified {
            instrument.identified_sections.as_slice()
        } else {
            &[]
        };
        let form = self.form(instrument);
        let optional = form
            .optional_sections
            .iter()
            .filter(|s| self.optional_sections.contains(s));
        identification
            .iter()
            .chain(&form.sections)
            .chain(optional)
            .filter_map(|id| instrument.section(id))
            .collect()
    }

    /// Every item of the draft's sections, asked or not, in order.
    pub fn items<'a>(&self, instrument: &'a Instrument) -> Vec<&'a Item> {
        self.sections(instrument)
            .into_iter()
            .flat_map(|s| instrument.section_items(&s.id))
            .collect()
    }

    /// The items of a section that are asked, given the answers so far.
    pub fn asked_items<'a>(&self, instrument: &'a Instrument, section: &str) -> Vec<&'a Item> {
        instrument
            .section_items(section)
            .filter(|item| instrument.is_asked(item, &self.answers))
            .collect()
    }

    /// The state of an item.
    pub fn state(&self, item: &str) -> ItemState {
        if self.answers.contains(item) {
            ItemState::Answered
        } else if self.declined.contains(item) {
            ItemState::Declined
        } else {
            ItemState::Open
        }
    }

    /// Answers `item` with a value, checked against its type. A refused value leaves the
    /// draft as it was. Answers to items that are no longer asked (the skip rule) are
    /// removed, so the record never holds an answer to a question that was not asked.
    pub fn answer(
        &mut self,
        instrument: &Instrument,
        item: &str,
        value: &serde_json::Value,
    ) -> Result<(), ErrorKind> {
        let def = instrument.item(item).ok_or(ErrorKind::UnknownItem)?;
        let answer = check_value(instrument, def, value)?;
        self.answers.insert(item, answer);
        self.declined.remove(item);
        self.drop_unasked(instrument);
        Ok(())
    }

    /// Marks `item` "Vil ikke svare": any answer is removed. A required item cannot be
    /// declined; the draft is then unchanged.
    pub fn decline(&mut self, instrument: &Instrument, item: &str) {
        if instrument.item(item).is_some_and(|i| i.required) {
            return;
        }
        self.answers.remove(item);
        self.declined.insert(item.to_owned());
        self.drop_unasked(instrument);
    }

    /// Makes `item` open again (neither answered nor declined).
    pub fn clear(&mut self, instrument: &Instrument, item: &str) {
        self.answers.remove(item);
        self.declined.remove(item);
        self.drop_unasked(instrument);
    }

    fn drop_unasked(&mut self, instrument: &Instrument) {
        let unasked: Vec<String> = instrument
            .items
            .iter()
            .filter(|i| !instrument.is_asked(i, &self.answers))
            .map(|i| i.id.clone())
            .collect();
        for id in unasked {
            self.answers.remove(&id);
            self.declined.remove(&id);
        }
    }

    /// The asked items of a section that are neither answered nor declined.
    pub fn open_items<'a>(&self, instrument: &'a Instrument, section: &str) -> Vec<&'a Item> {
        self.asked_items(instrument, section)
            .into_iter()
            .filter(|i| self.state(&i.id) == ItemState::Open)
            .collect()
    }

    /// Whether every asked item of every section is answered or declined.
    pub fn is_complete(&self, instrument: &Instrument) -> bool {
        self.sections(instrument)
            .iter()
            .all(|s| self.open_items(instrument, &s.id).is_empty())
    }

    /// The canonical answer record: answers to asked items only; declined items are absent.
    pub fn record(&self) -> &Answers {
        &self.answers
    }

    /// Moves to the next section, or to the review after the last one.
    pub fn next(&mut self, instrument: &Instrument) {
        let count = self.sections(instrument).len();
        self.position = match self.position {
            Position::Section(i) if i + 1 < count => Position::Section(i + 1),
            Position::Section(_) | Position::Review => Position::Review,
            Position::Done => Position::Done,
        };
    }

    /// This draft, kept on a device, as a draft of the current instrument
    /// ([`crate::instrument`]), so that an upgrade never throws away answers being given: a
    /// draft of the current version as it is; one of a version in
    /// [`crate::CARRIED_FORWARD`] — whose every form, item and scale the current version
    /// keeps unchanged — naming the current version, everything else (answers, place,
    /// choices) kept; any other (an unknown version, a form the current version lacks)
    /// `None`. The older version is not built for this.
    ///
    /// ```
    /// use asi_instrument::{Draft, by_version, instrument};
    ///
    /// let v1 = by_version("asi-kort-dk-v1").expect("shipped");
    /// let mut draft = Draft::new(v1, v1.form("trivsel").unwrap());
    /// draft.answer(v1, "hash_days", &3.into()).unwrap();
    /// let resumed = draft.clone().resumed().expect("v2 keeps every v1 item");
    /// assert_eq!(resumed.instrument_version, instrument().version);
    /// assert_eq!((resumed.answers, resumed.position), (draft.answers, draft.position));
    /// ```
    pub fn resumed(self) -> Option<Draft> {
        let current = crate::instrument();
        let known = self.instrument_version == current.version
            || crate::CARRIED_FORWARD.contains(&self.instrument_version.as_str());
        (known && current.form(&self.form).is_some()).then(|| Draft {
            instrument_version: current.version.clone(),
            ..self
        })
    }

    /// Moves back one section (from the review: to the last section).
    pub fn back(&mut self, instrument: &Instrument) {
        let count = self.sections(instrument).len();
        self.position = match self.position {
            Position::Section(i) => Position::Section(i.saturating_sub(1)),
            Position::Review | Position::Done => Position::Section(count.saturating_sub(1)),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument;
    use serde_json::json;

    fn asi() -> Draft {
        Draft::new(instrument(), instrument().form("asi_kort").unwrap())
    }

    #[test]
    fn education_type_is_asked_only_after_yes() {
        let inst = instrument();
        let mut d = asi();
        let ids = |d: &Draft| -> Vec<String> {
            d.asked_items(inst, "education")
                .iter()
                .map(|i| i.id.clone())
                .collect()
        };
        assert_eq!(ids(&d), ["in_education"]);
        d.answer(inst, "in_education", &json!(true)).unwrap();
        assert_eq!(ids(&d), ["in_education", "education_type"]);
        d.answer(inst, "education_type", &json!("hf")).unwrap();
        // Changing to "no" removes the answer to the question no longer asked.
        d.answer(inst, "in_education", &json!(false)).unwrap();
        assert_eq!(ids(&d), ["in_education"]);
        assert!(!d.record().contains("education_type"));
        // Declining in_education also means education_type is not asked.
        d.decline(inst, "in_education");
        assert_eq!(ids(&d), ["in_education"]);
    }

    #[test]
    fn declined_items_are_absent_but_count_as_handled() {
        let inst = instrument();
        let mut d = asi();
        d.answer(inst, "alc_use_days", &json!(4)).unwrap();
        assert_eq!(d.open_items(inst, "alcohol_use").len(), 1);
        d.decline(inst, "alc_heavy_days");
        assert!(d.open_items(inst, "alcohol_use").is_empty());
        assert_eq!(d.state("alc_heavy_days"), ItemState::Declined);
        assert_eq!(d.record().to_json(), json!({"alc_use_days": 4}));
        // Answering after declining un-declines.
        d.answer(inst, "alc_heavy_days", &json!(0)).unwrap();
        assert_eq!(d.state("alc_heavy_days"), ItemState::Answered);
    }

    #[test]
    fn refused_values_leave_the_draft_unchanged() {
        let inst = instrument();
        let mut d = asi();
        d.answer(inst, "alc_use_days", &json!(4)).unwrap();
        assert_eq!(
            d.answer(inst, "alc_use_days", &json!(31)),
            Err(ErrorKind::OutOfRange { min: 0, max: 30 })
        );
        assert_eq!(d.record().to_json(), json!({"alc_use_days": 4}));
    }

    #[test]
    fn moving_through_the_sections() {
        let inst = instrument();
        let mut d = asi();
        let n = d.sections(inst).len();
        assert_eq!(n, 11);
        for i in 1..n {
            d.next(inst);
            assert_eq!(d.position, Position::Section(i));
        }
        d.next(inst);
        assert_eq!(d.position, Position::Review);
        d.back(inst);
        assert_eq!(d.position, Position::Section(n - 1));
    }

    #[test]
    fn a_draft_round_trips_through_json() {
        let inst = instrument();
        let mut d = asi();
        d.answer(inst, "alc_use_days", &json!(4)).unwrap();
        d.decline(inst, "alc_heavy_days");
        d.next(inst);
        let back: Draft = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn crisis_information_follows_items_58_and_59() {
        let inst = instrument();
        let mut d = asi();
        assert!(!inst.needs_crisis_info(d.record()));
        d.answer(inst, "psych_suicidal_thoughts", &json!(false))
            .unwrap();
        assert!(!inst.needs_crisis_info(d.record()));
        d.answer(inst, "psych_suicide_attempt", &json!(true))
            .unwrap();
        assert!(inst.needs_crisis_info(d.record()));
        d.answer(inst, "psych_suicide_attempt", &json!(false))
            .unwrap();
        d.answer(inst, "psych_suicidal_thoughts", &json!(true))
            .unwrap();
        assert!(inst.needs_crisis_info(d.record()));
    }

    #[test]
    fn identified_mode_asks_who_first_and_fills_in_the_date() {
        let inst = instrument();
        let form = inst.form("trivsel").unwrap();
        let mut d = Draft::identified(inst, form, "2026-11-25");
        let sections: Vec<&str> = d.sections(inst).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(sections, ["identification", "wellbeing", "consumption"]);
        assert_eq!(d.record().to_json(), json!({"completed_on": "2026-11-25"}));
        let open: Vec<&str> = d
            .open_items(inst, "identification")
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(open, ["cpr", "name"]);
        // Required items cannot be declined.
        d.decline(inst, "cpr");
        assert_eq!(d.state("cpr"), ItemState::Open);
        assert_eq!(
            d.answer(inst, "cpr", &json!("311390-1234")),
            Err(ErrorKind::Cpr(crate::cpr::CprError::NotADate))
        );
        d.answer(inst, "cpr", &json!("010190-1234")).unwrap();
        // Not identified: no identification, and a draft saved before the field existed
        // reads as not identified.
        let plain = Draft::new(inst, form);
        assert_eq!(plain.sections(inst).len(), 2);
        let mut old = serde_json::to_value(&plain).unwrap();
        assert!(old.get("identified").is_none());
        old.as_object_mut().unwrap().remove("identified");
        assert!(!serde_json::from_value::<Draft>(old).unwrap().identified);
        let back: Draft = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn a_draft_begun_with_v1_is_resumed_as_a_v2_draft_and_an_unknown_one_is_not() {
        let (v1, v2) = (crate::by_version("asi-kort-dk-v1").unwrap(), instrument());
        let mut trivsel = Draft::new(v1, v1.form("trivsel").unwrap());
        trivsel.answer(v1, "wellbeing_personal", &json!(6)).unwrap();
        trivsel.decline(v1, "wellbeing_close");
        trivsel.next(v1);
        let resumed = trivsel.clone().resumed().expect("resumed");
        assert_eq!(resumed.instrument_version, v2.version);
        assert_eq!(
            (&resumed.answers, &resumed.declined, resumed.position),
            (&trivsel.answers, &trivsel.declined, Position::Section(1))
        );
        // Without the clinic's alcohol section, as it was begun, and valid in v2.
        assert_eq!(resumed.sections(v2).len(), 2);
        assert!(
            Answers::validate_for_form(v2, &resumed.record().to_json(), resumed.form(v2), false)
                .is_ok()
        );
        let mut intake = Draft::identified(v1, v1.form("asi_kort").unwrap(), "2026-11-25");
        intake.answer(v1, "alc_use_days", &json!(3)).unwrap();
        let intake = intake.resumed().expect("resumed");
        assert_eq!(intake.sections(v2)[0].id, "identification");
        // A draft of the current version is kept as it is.
        let current = Draft::new(v2, v2.form("inddragelse").unwrap());
        assert_eq!(current.clone().resumed(), Some(current));
        // One of a version this build does not know, or of no form, is not resumed.
        let newer = Draft {
            instrument_version: "asi-kort-dk-v3".into(),
            ..trivsel.clone()
        };
        assert_eq!(newer.resumed(), None);
        let formless = Draft {
            form: "nope".into(),
            ..trivsel
        };
        assert_eq!(formless.resumed(), None);
    }

    #[test]
    fn a_clinic_that_adds_the_alcohol_items_gets_them_asked_in_trivsel() {
        let inst = instrument();
        let trivsel = inst.form("trivsel").unwrap();
        let ids =
            |d: &Draft| -> Vec<String> { d.items(inst).iter().map(|i| i.id.clone()).collect() };
        let without = Draft::new(inst, &trivsel.resolve(&[]).unwrap());
        assert_eq!(
            ids(&without),
            [
                "wellbeing_personal",
                "wellbeing_close",
                "wellbeing_social",
                "hash_days",
                "other_drug_days"
            ]
        );
        // The instrument's own form asks none of its optional sections either.
        assert_eq!(Draft::new(inst, trivsel), without);
        let with = trivsel.resolve(&["alcohol_use".to_owned()]).unwrap();
        let mut d = Draft::identified(inst, &with, "2026-11-25");
        let sections: Vec<&str> = d.sections(inst).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            sections,
            ["identification", "wellbeing", "consumption", "alcohol_use"]
        );
        // After the identification, the items of the resolved form, the alcohol items last.
        let asked: Vec<String> = inst.form_items(&with).map(|i| i.id.clone()).collect();
        assert_eq!(ids(&d)[3..], asked);
        assert_eq!(asked[5..], ["alc_use_days", "alc_heavy_days"]);
        d.answer(inst, "alc_use_days", &json!(12)).unwrap();
        assert!(!d.is_complete(inst));
        // The choice is kept with the draft.
        let back: Draft = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back.optional_sections, ["alcohol_use"]);
        assert_eq!(back.sections(inst).len(), 4);
    }
}
