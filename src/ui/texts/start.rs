//! The start screen: what each way in is, and the questionnaires it offers.

use asi_i18n::Text;

pub static SELFTEST_HEADING: Text = Text::new("Anonym selvtest", "Anonymous self-test");

pub static SELFTEST_LEAD: Text = Text::new(
    "Test dig selv: hvordan har du det, og hvad betyder alkohol og stoffer i dit liv? Det tager 2–15 minutter, og du ser dit resultat med det samme.",
    "Test yourself: how are you, and what part do alcohol and drugs play in your life? It takes 2–15 minutes, and you see your result at once.",
);

pub static ANONYMOUS_HEADING: Text =
    Text::new("Hvad betyder anonym her?", "What does anonymous mean here?");

/// What anonymous means here, point by point.
pub static ANONYMOUS_POINTS: [Text; 4] = [
    Text::new(
        "Du skal ikke skrive navn, cpr-nummer, e-mail eller telefonnummer.",
        "You do not enter a name, CPR number, e-mail or phone number.",
    ),
    Text::new(
        "Dine svar bliver på din telefon. Du ser dit resultat uden at sende noget.",
        "Your answers stay on your phone. You see your result without sending anything.",
    ),
    Text::new(
        "Vælger du at sende til en klinik, bliver svarene krypteret på telefonen, så kun klinikken kan læse dem. Med svarene følger kun dagens dato – intet klokkeslæt og intet, der kan føre tilbage til dig eller din telefon.",
        "If you choose to send to a clinic, the answers are encrypted on your phone so that only the clinic can read them. Only today's date goes with them – no time of day and nothing that could lead back to you or your phone.",
    ),
    Text::new(
        "Der bruges ingen cookies og ingen sporing. «Slet mine svar på denne enhed» fjerner alt.",
        "No cookies and no tracking are used. “Delete my answers on this device” removes everything.",
    ),
];

pub static LINK_HEADING: Text =
    Text::new("Spørgeskema fra {clinic}", "Questionnaire from {clinic}");

pub static LINK_HEADING_NO_NAME: Text = Text::new(
    "Spørgeskema fra dit behandlingssted",
    "Questionnaire from your treatment centre",
);

pub static LINK_LEAD: Text = Text::new(
    "Du er blevet bedt om at svare i forbindelse med: {timepoint}. Når du er færdig, bliver dine svar krypteret på telefonen og sendt til behandlingsstedet.",
    "You have been asked to answer for: {timepoint}. When you finish, your answers are encrypted on your phone and sent to the treatment centre.",
);

pub static LINK_BAD_HEADING: Text = Text::new("Linket virker ikke", "The link does not work");

pub static LINK_BAD: Text = Text::new(
    "Linket er ikke helt. Åbn hele linket fra din besked igen, eller bed dit behandlingssted om et nyt.",
    "The link is incomplete. Open the whole link from your message again, or ask your treatment centre for a new one.",
);

pub static IDENTIFIED_HEADING: Text = Text::new("Indskrivning hos {clinic}", "Intake at {clinic}");

pub static IDENTIFIED_HEADING_NO_NAME: Text = Text::new("Indskrivning", "Intake");

pub static IDENTIFIED_LEAD: Text = Text::new(
    "Først skriver du dit cpr-nummer og navn, så behandlingsstedet kan finde din sag. Derefter kommer spørgsmålene. Før noget sendes, bliver du bedt om samtykke.",
    "First you enter your CPR number and name, so the treatment centre can find your file. Then come the questions. Before anything is sent, you are asked for consent.",
);

pub static START_LEAD: Text = Text::new(
    "Her kan du svare på spørgsmål om alkohol, stoffer og hvordan du har det. Der er ingen rigtige eller forkerte svar, og du kan altid vælge «Vil ikke svare».",
    "Here you can answer questions about alcohol, drugs and how you are. There are no right or wrong answers, and you can always choose “Prefer not to answer”.",
);

pub static FORM_NOT_OFFERED: Text = Text::new(
    "Behandlingsstedet bruger ikke dette skema her.",
    "The treatment centre does not use this questionnaire here.",
);

pub static SAVED_NOTE: Text = Text::new(
    "Du er i gang. Dine svar er gemt krypteret på denne enhed.",
    "You have started. Your answers are saved, encrypted, on this device.",
);

pub static CONTINUE_BUTTON: Text = Text::new("Fortsæt", "Continue");

pub static START_BUTTON: Text = Text::new("Start", "Start");

pub static DELETED: Text = Text::new(
    "Dine svar er slettet fra denne enhed.",
    "Your answers have been deleted from this device.",
);

pub static DELETE_FAILED: Text = Text::new(
    "Dine svar kunne ikke slettes helt. Luk alle faner med skemaet, og prøv igen.",
    "Your answers could not be fully deleted. Close every tab with the questionnaire and try again.",
);

pub static WAITING_FOR_CLINIC: Text = Text::new(
    "Henter klinikkens oplysninger …",
    "Loading the clinic's details …",
);

pub static SETTINGS_UNUSABLE: Text = Text::new(
    "Klinikkens indstillinger for dette skema kan ikke bruges, så skemaet kan ikke startes. Kontakt klinikken.",
    "The clinic's settings for this form cannot be used, so the form cannot be started. Contact the clinic.",
);
