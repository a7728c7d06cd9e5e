//! Identified intake left alone: the question and what happened when no one answered.

use asi_i18n::Text;

pub static IDLE_HEADING: Text = Text::new("Er du stadig i gang?", "Are you still there?");

pub static IDLE_TEXT: Text = Text::new(
    "Skemaet har ikke været brugt i 10 minutter. Af hensyn til dine oplysninger bliver dine svar slettet om et minut, hvis du ikke fortsætter.",
    "The form has not been used for 10 minutes. To protect your details, your answers will be deleted in one minute unless you continue.",
);

pub static IDLE_CONTINUE: Text = Text::new("Ja, fortsæt", "Yes, continue");

pub static IDLE_CLEAR: Text = Text::new("Slet mine svar nu", "Delete my answers now");

pub static IDLE_CLEARED: Text = Text::new(
    "Svarene blev slettet, fordi skemaet ikke blev brugt i et stykke tid. Du kan starte forfra.",
    "The answers were deleted because the form was not used for a while. You can start again.",
);
