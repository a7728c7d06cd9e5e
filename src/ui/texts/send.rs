//! Sending: the clinic's state, the "Send" panel with its consent, and what the citizen is
//! told about each response until the inbox has it.

use asi_i18n::Text;

pub static CLINIC_LOADING: Text = Text::new(
    "Henter klinikkens oplysninger …",
    "Loading the clinic's details …",
);

pub static CLINIC_UNKNOWN: Text = Text::new(
    "Klinikken i adressen findes ikke. Du kan se dit resultat, men svarene kan ikke sendes herfra.",
    "The clinic in the address does not exist. You can see your result, but the answers cannot be sent from here.",
);

pub static CLINIC_UNREACHABLE: Text = Text::new(
    "Klinikkens oplysninger kunne ikke hentes, fordi der ikke er forbindelse. Åbn siden igen, når du er online, så kan du sende dine svar.",
    "The clinic's details could not be loaded because there is no connection. Open the page again when you are online to send your answers.",
);

pub static CLINIC_BAD_SETTINGS: Text = Text::new(
    "Klinikkens nøgle passer ikke med dens oplysninger. Af sikkerhedshensyn sendes intet. Kontakt klinikken.",
    "The clinic's key does not match its details. For safety nothing is sent. Contact the clinic.",
);

pub static ANONYMOUS_NOT_TAKEN: Text = Text::new(
    "{clinic} tager ikke imod anonyme svar her. Du er velkommen til at kontakte klinikken direkte.",
    "{clinic} does not take anonymous responses here. You are welcome to contact the clinic directly.",
);

pub static SEND_HEADING: Text = Text::new(
    "Send dine svar til {clinic}",
    "Send your answers to {clinic}",
);

pub static SEND_ANONYMOUS_LEAD: Text = Text::new(
    "Du kan sende dine svar og dit resultat anonymt. De bliver krypteret på din telefon, så kun klinikken kan læse dem. Der sendes ikke navn, CPR-nummer eller noget andet, der kan føre tilbage til dig eller din telefon.",
    "You can send your answers and your result anonymously. They are encrypted on your phone so that only the clinic can read them. No name, CPR number or anything else that could lead back to you or your phone is sent.",
);

pub static SEND_LINK_LEAD: Text = Text::new(
    "Dine svar bliver krypteret på telefonen, så kun behandlingsstedet kan læse dem. De sendes med linkets kode, så behandlingsstedet ved, hvem de er fra.",
    "Your answers are encrypted on your phone so that only the treatment centre can read them. They are sent with the link's code, so the treatment centre knows who they are from.",
);

pub static CONSENT_HEADING: Text = Text::new("Samtykke", "Consent");

pub static CONSENT_LEAD: Text = Text::new(
    "Før dine svar sendes til {clinic}, skal du give samtykke:",
    "Before your answers are sent to {clinic}, you must give your consent:",
);

pub static CONSENT_CHECK: Text = Text::new(
    "Jeg har læst teksten og giver mit samtykke",
    "I have read the text and give my consent",
);

pub static CONSENT_MISSING: Text = Text::new(
    "Sæt kryds for at give samtykke. Uden samtykke sendes intet.",
    "Tick the box to give your consent. Without consent nothing is sent.",
);

pub static SEND_FAILED: Text = Text::new(
    "Dine svar kunne ikke gøres klar til at blive sendt. De er stadig gemt på telefonen – prøv igen.",
    "Your answers could not be prepared for sending. They are still saved on your phone – please try again.",
);

pub static SEND_ANONYMOUS_BUTTON: Text =
    Text::new("Send anonymt til {clinic}", "Send anonymously to {clinic}");

pub static SEND_BUTTON: Text = Text::new("Send til {clinic}", "Send to {clinic}");

pub static SENDING: Text = Text::new("Gør dine svar klar …", "Preparing your answers …");

pub static SENT: Text = Text::new(
    "Sendt. {clinic} har modtaget dine svar.",
    "Sent. {clinic} has received your answers.",
);

pub static ALL_SENT: Text = Text::new(
    "Sendt. Alle dine svar er modtaget.",
    "Sent. All your answers have been received.",
);

pub static ONE_WAITING: Text = Text::new("1 svar venter", "1 response waiting");

pub static MANY_WAITING: Text = Text::new("{n} svar venter", "{n} responses waiting");

pub static WAITING: Text = Text::new(
    "Gemt på telefonen — sendes automatisk når du er online. {waiting}.",
    "Saved on your phone — will be sent automatically when you are online. {waiting}.",
);

pub static WAITING_UNREACHABLE: Text = Text::new(
    "Ikke sendt endnu: klinikkens indbakke kan ikke nås lige nu. Dine svar er gemt på telefonen og sendes automatisk, så snart det lykkes. {waiting}.",
    "Not sent yet: the clinic's inbox cannot be reached just now. Your answers are saved on your phone and will be sent automatically as soon as it can be. {waiting}.",
);

pub static WAITING_BUSY: Text = Text::new(
    "Ikke sendt endnu: klinikken modtager mange svar lige nu. Dine svar er gemt på telefonen og sendes automatisk lidt senere. {waiting}.",
    "Not sent yet: the clinic is receiving many responses right now. Your answers are saved on your phone and will be sent automatically a little later. {waiting}.",
);

pub static WAITING_NOT_ACKNOWLEDGED: Text = Text::new(
    "Ikke sendt endnu: klinikkens indbakke har ikke bekræftet, at den har fået dine svar. De er gemt på telefonen, og der prøves igen automatisk. {waiting}.",
    "Not sent yet: the clinic's inbox has not confirmed that it received your answers. They are saved on your phone and will be sent again automatically. {waiting}.",
);

pub static WAITING_MEMORY: Text = Text::new(
    "Dine svar kunne ikke gemmes på telefonen og sendes, så snart der er forbindelse ({n} venter). Luk ikke siden, før der står «Sendt».",
    "Your answers could not be saved on your phone and will be sent as soon as there is a connection ({n} waiting). Do not close the page until it says “Sent”.",
);

pub static REFUSED_ANONYMOUS: Text = Text::new(
    "Klinikken tager ikke imod anonyme svar, så dit svar er ikke sendt. Det ligger krypteret på telefonen, til du sletter dine svar. Du er velkommen til at kontakte klinikken direkte.",
    "The clinic does not take anonymous responses, so your response was not sent. It stays encrypted on your phone until you delete your answers. You are welcome to contact the clinic directly.",
);

pub static REFUSED_KEY_RETIRED: Text = Text::new(
    "Dit svar er ikke sendt: det blev krypteret med en nøgle, som klinikken er holdt op med at bruge, fordi telefonen ikke havde hentet klinikkens nye oplysninger. Det ligger krypteret på telefonen, til du sletter dine svar. Kontakt klinikken, eller udfyld skemaet igen, mens du er online.",
    "Your response was not sent: it was encrypted with a key the clinic no longer uses, because your phone had not fetched the clinic's new details. It stays encrypted on your phone until you delete your answers. Contact the clinic, or fill in the form again while you are online.",
);

pub static REFUSED_OTHER: Text = Text::new(
    "Et svar blev afvist af klinikkens indbakke og bliver ikke sendt (fejl {status}). Kontakt klinikken, hvis du har brug for hjælp. Svaret ligger krypteret på telefonen, til du sletter dine svar.",
    "A response was refused by the clinic's inbox and will not be sent (error {status}). Contact the clinic if you need help. The response stays encrypted on your phone until you delete your answers.",
);
