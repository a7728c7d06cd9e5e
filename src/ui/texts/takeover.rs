//! The choice offered when answers typed before the app had loaded meet a draft kept on the
//! device ([`crate::ui::takeover`]).

use asi_i18n::Text;

pub static HEADING: Text = Text::new(
    "Du har også svar gemt fra tidligere",
    "You also have answers saved from before",
);

pub static BODY: Text = Text::new(
    "Du skrev svar i «{form}», mens siden blev hentet. På denne enhed er der også gemt svar i «{form}» fra tidligere. Hvilke svar vil du fortsætte med? De andre slettes.",
    "You typed answers in “{form}” while the page was loading. This device also keeps answers in “{form}” from before. Which answers do you want to continue with? The others are deleted.",
);

pub static KEEP_SAVED: Text = Text::new(
    "Fortsæt med de gemte svar",
    "Continue with the saved answers",
);

pub static USE_TYPED: Text = Text::new(
    "Fortsæt med de svar, jeg lige skrev",
    "Continue with the answers I just typed",
);
