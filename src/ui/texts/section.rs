//! A section of the form: progress, saving, moving on.

use asi_i18n::Text;

pub static PROGRESS: Text = Text::new("Trin {step} af {steps}", "Step {step} of {steps}");

pub static SAVING: Text = Text::new("Gemmer …", "Saving …");

pub static SAVED_ON_DEVICE: Text = Text::new("Gemt på denne enhed", "Saved on this device");

/// Before the app has loaded (the build's page): saved as soon as it has.
pub static NOT_SAVED_YET: Text = Text::new("Ikke gemt endnu", "Not saved yet");

pub static NOT_SAVED: Text = Text::new("Gemmes ikke", "Not saved");

pub static ERROR_SUMMARY: Text = Text::new(
    "Der mangler svar på denne side",
    "Some answers are missing on this page",
);

pub static NEXT: Text = Text::new("Næste", "Next");

pub static TO_REVIEW: Text = Text::new("Se dine svar", "Review your answers");
