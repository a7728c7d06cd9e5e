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
