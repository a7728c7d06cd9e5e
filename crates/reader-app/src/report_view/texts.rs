//! The words of the report, the list of who has not answered and new links (Danish shown;
//! English beside it, as every text of the product).

use asi_i18n::Text;

pub static HEADING: Text = Text::new("Klinikkens rapport", "The clinic's report");
pub static INTRO: Text = Text::new(
    "Evalueringens tabeller og figurer for klinikkens egne svar, regnet ud her i browseren med den samme kode som «asi report». Registerfilen læses kun her og sendes ingen steder.",
    "The evaluation's tables and figures for the clinic's own responses, computed here in the browser by the same code as «asi report». The register file is read here only and sent nowhere.",
);
pub static REGISTER: Text = Text::new("Registerfil (valgfri)", "Register file (optional)");
pub static REGISTER_HINT: Text = Text::new(
    "CSV med én række pr. person: ref og gerne indskrivnings- og udskrivningsdato, udskrivningsårsag, gruppesessioner, alder, køn eller CPR-nummer og egne grupperingskolonner. Uden den udelades tabellerne om forløbet.",
    "CSV with one row per person: ref and preferably intake and discharge dates, ending, group sessions, age, sex or CPR number and grouping columns of your own. Without it, the tables about the course are left out.",
);
pub static REGISTER_READ: Text = Text::new(
    "Registerfilen har {people} personer og grupperingskolonnerne: {columns}.",
    "The register file has {people} people and the grouping columns: {columns}.",
);
pub static NONE: Text = Text::new("ingen", "none");
pub static REGISTER_UNUSABLE: Text = Text::new(
    "Registerfilen kan ikke bruges: {reason}.",
    "The register file cannot be used: {reason}.",
);
pub static REFS_ARE_CPR: Text = Text::new(
    "Klinikkens referencer er CPR-numre (alder og køn udledes af dem)",
    "The clinic's references are CPR numbers (age and sex are derived from them)",
);
pub static PERIOD: Text = Text::new(
    "Periode: forløb, der begyndte",
    "Period: courses that began",
);
pub static FROM: Text = Text::new("Fra og med (valgfri)", "From (optional)");
pub static TO: Text = Text::new("Til og med (valgfri)", "To (optional)");
pub static TIMEPOINTS: Text = Text::new("Måletidspunkter", "Measurement points");
pub static TIMEPOINTS_HINT: Text = Text::new(
    "Indskrivning er altid med. Udfaldene (tabel 9–18) måles ved det sidste, der er valgt.",
    "Intake is always included. The outcomes (Tables 9–18) are measured at the last one chosen.",
);
pub static GROUP_BY: Text = Text::new("Opdel tabel 2–5 efter", "Split Tables 2–5 by");
pub static GROUP_BY_HINT: Text = Text::new(
    "En grupperingskolonne i registerfilen, fx afdeling.",
    "A grouping column of the register file, e.g. department.",
);
pub static NO_GROUPING: Text = Text::new("Ingen opdeling", "No split");
pub static ASK_INBOX: Text = Text::new(
    "Hent linkenes status fra indbakken (kun hvert tokens SHA-256 sendes; ingen navne eller referencer)",
    "Fetch the links' states from the inbox (only each token's SHA-256 is sent; no names or references)",
);
pub static MAKE: Text = Text::new("Lav rapporten", "Make the report");
pub static MAKING: Text = Text::new("Laver rapporten …", "Making the report …");
pub static MADE: Text = Text::new(
    "Rapporten er lavet: {people} personer.",
    "The report is made: {people} people.",
);
pub static NOT_A_DAY: Text = Text::new(
    "«{value}» er ikke en dag; skriv den som ÅÅÅÅ-MM-DD.",
    "«{value}» is not a day; write it as YYYY-MM-DD.",
);
pub static LINKS_UNKNOWN: Text = Text::new(
    "Indbakken kender ikke {n} af linkene i referencefilen; de er ikke med i svarprocenterne.",
    "The inbox does not know {n} of the links in the references file; they are not in the response rates.",
);
pub static LINKS_FAILED: Text = Text::new(
    "Linkenes status kunne ikke hentes: {reason} Rapporten er lavet uden svarprocenter for links.",
    "The links' states could not be fetched: {reason} The report is made without the links' response rates.",
);
pub static PRINT_REPORT: Text = Text::new("Udskriv rapporten", "Print the report");
pub static DOWNLOAD_HTML: Text = Text::new("Hent som HTML-side", "Download as an HTML page");
pub static DOWNLOAD_JSON: Text = Text::new("Hent tallene (JSON)", "Download the numbers (JSON)");
pub static SAVE_FAILED: Text =
    Text::new("Filen kunne ikke gemmes.", "The file could not be saved.");

pub static UNANSWERED_HEADING: Text = Text::new("Hvem mangler at svare", "Who has not answered");
pub static UNANSWERED_INTRO: Text = Text::new(
    "Personer i rapporten med et link, som ikke er besvaret, pr. måletidspunkt — så I kan kontakte dem. Listen laves her på maskinen; intet om personerne sendes nogen steder.",
    "People of the report with a link that is not answered, per measurement point — so you can contact them. The list is made here on this machine; nothing about the people is sent anywhere.",
);
pub static NO_LINK_STATES: Text = Text::new(
    "Vælg referencefilen («ref,token,url» fra «asi links») under «Åbn svar», og lav rapporten med linkenes status, så vises listen her.",
    "Choose the references file («ref,token,url» from «asi links») under «Åbn svar» and make the report with the links' states; the list is then shown here.",
);
pub static ALL_ANSWERED: Text = Text::new(
    "Alle med et link har svaret.",
    "Everyone with a link has answered.",
);
pub static POINT_COUNT: Text = Text::new("{point}: {n} mangler", "{point}: {n} missing");
pub static COL_REFERENCE: Text = Text::new("Reference", "Reference");
pub static COL_FORM: Text = Text::new("Skema", "Form");
pub static COL_EXPIRES: Text = Text::new("Sidste gyldige dag", "Last valid day");
pub static COL_STATE: Text = Text::new("Status", "State");
pub static COL_ACTION: Text = Text::new("Nyt link", "New link");
pub static STATE_OPEN: Text = Text::new("åbent", "open");
pub static STATE_SOON: Text = Text::new(
    "åbent — udløber inden for {days} dage",
    "open — expires within {days} days",
);
pub static STATE_EXPIRED: Text = Text::new("udløbet", "expired");
pub static NEW_LINK: Text = Text::new("Lav nyt link", "Make a new link");
pub static NEW_LINK_FOR: Text = Text::new(" til {reference}, {point}", " for {reference}, {point}");
pub static MAKING_LINK: Text = Text::new("Laver linket …", "Making the link …");
pub static NEEDS_TOKEN: Text = Text::new(
    "Nye links kræver indbakkens læsenøgle: skriv den under «Åbn svar», og åbn svarene igen.",
    "New links need the inbox's reader token: type it under «Åbn svar» and open the responses again.",
);
pub static NEW_LINKS_HEADING: Text = Text::new("Nye links", "New links");
pub static MADE_LINK: Text = Text::new(
    "Nyt link til {reference} ({point}), gyldigt til og med {expires}.",
    "New link for {reference} ({point}), valid until {expires}.",
);
pub static LINK_ADDRESS: Text =
    Text::new("Adressen til {reference}", "The address for {reference}");
pub static KEEP_ROWS: Text = Text::new(
    "Hent rækkerne, og læg dem i jeres referencefil (ref,token,url), før fanen lukkes: tokenet findes kun her, og uden det kan svaret ikke knyttes til personen. Send adressen til personen som de andre links.",
    "Download the rows and add them to your references file (ref,token,url) before the tab is closed: the token exists only here, and without it the response cannot be tied to the person. Send the address to the person as the other links.",
);
pub static DOWNLOAD_ROWS: Text = Text::new(
    "Hent de nye links (ref,token,url)",
    "Download the new links (ref,token,url)",
);
pub static NEW_LINK_FAILED: Text = Text::new(
    "Linket til {reference} kunne ikke laves: {reason}",
    "The link for {reference} could not be made: {reason}",
);
pub static NOT_OFFERED: Text = Text::new(
    "klinikken tager ikke imod dette skema ved dette måletidspunkt (indbakkens indstillinger).",
    "the clinic does not take this form at this measurement point (the inbox's settings).",
);
pub static REFUSED: Text = Text::new(
    "indbakken afviste linket ({status}).",
    "the inbox refused the link ({status}).",
);
pub static NO_RANDOM: Text = Text::new(
    "browseren kan ikke give tilfældige tal til et nyt token.",
    "the browser cannot give random numbers for a new token.",
);
