//! The values an envelope's clear metadata files a response under (`docs/envelope.md` §3.1):
//! its form, its timepoint and its day. The envelope format takes any text there; the product
//! takes only the instrument's forms and timepoints and a real day, and checks so with this
//! one function wherever it seals, receives or opens an envelope (`asi seal`, the inbox, the
//! key ring that `asi open`, `asi export` and the reader open with).

use thiserror::Error;

use crate::date;
use crate::model::Instrument;
use crate::text::Lang;

/// A value in an envelope's metadata that the product does not take.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.message(Lang::En))]
#[non_exhaustive]
pub enum MetadataError {
    /// The instrument has no such form.
    Form(String),
    /// The instrument has no such timepoint.
    Timepoint(String),
    /// Not a real date written `YYYY-MM-DD`.
    Day(String),
}

impl MetadataError {
    /// The message in `lang` (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        let (text, value) = match self {
            MetadataError::Form(v) => (&texts::FORM, v),
            MetadataError::Timepoint(v) => (&texts::TIMEPOINT, v),
            MetadataError::Day(v) => (&texts::DAY, v),
        };
        text.fill(lang, &[("value", value)])
    }
}

impl Instrument {
    /// Checks an envelope's form, timepoint and day: a form and a timepoint of the
    /// instrument (each on its own: whether a clinic offers the form at the timepoint is the
    /// clinic's setting), and a real date written `YYYY-MM-DD`, the only time in the clear.
    pub fn check_metadata(
        &self,
        form: &str,
        timepoint: &str,
        day: &str,
    ) -> Result<(), MetadataError> {
        if self.form(form).is_none() {
            return Err(MetadataError::Form(form.to_owned()));
        }
        if self.timepoint(timepoint).is_none() {
            return Err(MetadataError::Timepoint(timepoint.to_owned()));
        }
        if !date::is_iso_date(day) {
            return Err(MetadataError::Day(day.to_owned()));
        }
        Ok(())
    }
}

/// The texts of [`MetadataError`].
pub mod texts {
    asi_i18n::texts! {
        FORM = (
            "metadatafeltet «form» er ugyldigt: spørgeskemaet har intet skema «{value}»",
            "the envelope's metadata field «form» is invalid: the instrument has no form «{value}»",
        );
        TIMEPOINT = (
            "metadatafeltet «timepoint» er ugyldigt: spørgeskemaet har intet måletidspunkt «{value}»",
            "the envelope's metadata field «timepoint» is invalid: the instrument has no timepoint «{value}»",
        );
        DAY = (
            "metadatafeltet «day» er ugyldigt: «{value}» er ikke en rigtig dato skrevet ÅÅÅÅ-MM-DD",
            "the envelope's metadata field «day» is invalid: «{value}» is not a real date YYYY-MM-DD",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument;

    #[test]
    fn forms_timepoints_and_days_of_the_instrument_pass_and_others_are_named() {
        let i = instrument();
        assert_eq!(
            i.check_metadata("asi_kort", "followup_40w", "2026-11-25"),
            Ok(())
        );
        // Each on its own: a form at a timepoint it is not used at is the clinic's matter.
        assert_eq!(i.check_metadata("trivsel", "intake", "2024-02-29"), Ok(()));
        for (form, timepoint, day, expected) in [
            (
                "asi",
                "intake",
                "2026-11-25",
                MetadataError::Form("asi".into()),
            ),
            (
                "trivsel",
                "week_3",
                "2026-11-25",
                MetadataError::Timepoint("week_3".into()),
            ),
            (
                "trivsel",
                "midway",
                "2026-11-25T10:00",
                MetadataError::Day("2026-11-25T10:00".into()),
            ),
            (
                "trivsel",
                "midway",
                "2023-02-29",
                MetadataError::Day("2023-02-29".into()),
            ),
        ] {
            assert_eq!(i.check_metadata(form, timepoint, day), Err(expected));
        }
    }

    #[test]
    fn messages_are_danish_and_english_and_english_is_the_display() {
        let e = MetadataError::Timepoint("week_3".into());
        assert_eq!(
            e.message(Lang::Da),
            "metadatafeltet «timepoint» er ugyldigt: spørgeskemaet har intet måletidspunkt «week_3»"
        );
        assert_eq!(e.message(Lang::En), e.to_string());
    }
}
