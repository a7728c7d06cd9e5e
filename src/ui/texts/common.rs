//! The texts of the frame around every screen (the header, the footer, the loading and
//! storage notices) and the words several screens share.

use asi_i18n::Text;

pub static APP_NAME: Text = Text::new("ASI selvtest", "ASI self-test");

pub static SKIP_TO_CONTENT: Text = Text::new("Gå til indhold", "Skip to content");

pub static SWITCH_LANGUAGE: Text = Text::new("English", "Dansk");

pub static SWITCH_LANGUAGE_LABEL: Text = Text::new("Switch to English", "Skift til dansk");

pub static LOADING: Text = Text::new("Henter dine svar …", "Loading your answers …");

pub static MEMORY_WARNING: Text = Text::new(
    "Dine svar kan ikke gemmes på denne enhed (fx i privat browsing eller når lageret er fuldt). Du kan godt svare, men svarene forsvinder, hvis du lukker eller genindlæser siden.",
    "Your answers cannot be saved on this device (for example in private browsing, or when storage is full). You can still answer, but the answers will be lost if you close or reload the page.",
);

pub static DELETE_ALL: Text = Text::new(
    "Slet mine svar på denne enhed",
    "Delete my answers on this device",
);

pub static DELETE_ALL_CONFIRM: Text = Text::new(
    "Vil du slette alle dine svar på denne enhed? Det kan ikke fortrydes.",
    "Do you want to delete all your answers on this device? This cannot be undone.",
);

pub static DELETE_ALL_CONFIRM_WAITING: Text = Text::new(
    "Vil du slette alle dine svar på denne enhed? {n} svar er endnu ikke sendt og bliver så aldrig sendt. Det kan ikke fortrydes.",
    "Do you want to delete all your answers on this device? {n} responses have not been sent yet and will then never be sent. This cannot be undone.",
);

pub static BACK: Text = Text::new("Tilbage", "Back");

pub static YES: Text = Text::new("Ja", "Yes");

pub static NO: Text = Text::new("Nej", "No");

pub static DAYS_UNIT: Text = Text::new("dage", "days");

pub static KRONER_UNIT: Text = Text::new("kr.", "DKK");

pub static START_AGAIN: Text = Text::new("Start forfra", "Start again");

pub static START_AGAIN_CONFIRM: Text = Text::new(
    "Vil du slette dine svar og starte forfra?",
    "Do you want to delete your answers and start again?",
);

pub static LINK_USED: Text = Text::new(
    "Dette link er allerede brugt: behandlingsstedet har fået et svar fra det. Dine nye svar er ikke sendt. De ligger krypteret på telefonen, indtil du sletter dem. Kontakt behandlingsstedet, hvis det er en fejl.",
    "This link has already been used: the treatment centre has received a response from it. Your new answers have not been sent. They stay encrypted on your phone until you delete them. Contact the treatment centre if this is a mistake.",
);

pub static LINK_EXPIRED: Text = Text::new(
    "Linket er udløbet, så dine svar kan ikke sendes med det. De ligger krypteret på telefonen, indtil du sletter dem. Bed behandlingsstedet om et nyt link.",
    "The link has expired, so your answers cannot be sent with it. They stay encrypted on your phone until you delete them. Ask the treatment centre for a new link.",
);

pub static LINK_UNKNOWN: Text = Text::new(
    "Behandlingsstedet kender ikke dette link, så dine svar kan ikke sendes med det. Tjek, at du har åbnet hele linket, eller bed om et nyt. Dine svar ligger krypteret på telefonen, indtil du sletter dem.",
    "The treatment centre does not know this link, so your answers cannot be sent with it. Check that you opened the whole link, or ask for a new one. Your answers stay encrypted on your phone until you delete them.",
);
