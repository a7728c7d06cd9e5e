//! The inputs of the questions and their messages.

use asi_i18n::Text;

pub static HELP: Text = Text::new("Hjælp til spørgsmålet", "Help with this question");

pub static DECLINE: Text = Text::new("Vil ikke svare", "Prefer not to answer");

pub static FEWER: Text = Text::new("Én mindre", "One less");

pub static MORE: Text = Text::new("Én mere", "One more");

pub static MUST_ANSWER: Text = Text::new(
    "Svar på spørgsmålet, eller vælg «Vil ikke svare».",
    "Answer the question, or choose “Prefer not to answer”.",
);

pub static MUST_ANSWER_REQUIRED: Text = Text::new(
    "Svar på spørgsmålet. Behandlingsstedet skal bruge svaret for at finde din sag.",
    "Answer the question. The treatment centre needs the answer to find your file.",
);

pub static CHARACTERS: Text = Text::new("{count} af {max} tegn", "{count} of {max} characters");

pub static NEAR_LIMIT: Text = Text::new(
    "Der er højst {left} tegn tilbage.",
    "There are {left} characters left at most.",
);

pub static AT_LIMIT: Text = Text::new(
    "Du har brugt alle {max} tegn.",
    "You have used all {max} characters.",
);

pub static OVER_LIMIT: Text = Text::new(
    "Teksten er længere end {max} tegn. Gør den lidt kortere.",
    "The text is longer than {max} characters. Please make it a little shorter.",
);
