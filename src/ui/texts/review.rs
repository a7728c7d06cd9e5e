//! The review screen.

use asi_i18n::Text;

pub static REVIEW_HEADING: Text = Text::new("Dine svar", "Your answers");

pub static REVIEW_LEAD: Text = Text::new(
    "Se dine svar igennem. Du kan rette et svar, før du afslutter.",
    "Look through your answers. You can change an answer before you finish.",
);

pub static CHANGE: Text = Text::new("Ret", "Change");

pub static DECLINED: Text = Text::new("Vil ikke svare", "Prefer not to answer");

pub static FINISH: Text = Text::new("Afslut og se resultat", "Finish and see the result");
