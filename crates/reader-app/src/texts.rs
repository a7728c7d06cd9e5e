//! Every word the reader shows, in Danish and English, one table per screen.
//!
//! The reader shows [`LANG`], Danish: it is a tool for the clinic's staff, who work in
//! Danish. Its words are written in both languages all the same, in the product's one
//! bilingual type (`asi_i18n::Text`), so that an English reader is a matter of choosing the
//! language and the tables are checked as the other parts' are. Question texts, timepoint
//! titles and domain names come from the instrument data; the reasons an envelope or a key
//! cannot be used from `asi_export::messages`.

use asi_i18n::Text;
use asi_instrument::Lang;

/// The language the reader is shown in.
pub const LANG: Lang = Lang::Da;

/// `text` in the reader's language.
pub fn tr(text: Text) -> String {
    text.get(LANG).to_owned()
}

/// The page around the screens.
pub mod page {
    asi_i18n::texts! {
        SKIP_LINK = ("Gå til indhold", "Skip to content");
        BRAND = ("ASI · klinikkens læser", "ASI · the clinic's reader");
        TITLE = ("Klinikkens læser", "The clinic's reader");
        LEAD = (
            "Svarene åbnes her i browseren med klinikkens private nøgle. Nøglen og svarene gemmes ikke og sendes ingen steder; de er væk, når fanen lukkes.",
            "The responses are opened here in the browser with the clinic's private key. The key and the responses are neither stored nor sent anywhere; they are gone when the tab is closed.",
        );
    }
}

/// "Åbn svar": the key files, the envelopes and the person references.
pub mod load {
    asi_i18n::texts! {
        HEADING = ("Åbn svar", "Open responses");
        KEY_LABEL = ("Klinikkens private nøgle (fil)", "The clinic's private key (file)");
        KEY_HINT = (
            "Filen fra «asi keygen». Har klinikken skiftet nøgle, så vælg både den nye og de ældre nøglefiler: hvert svar åbnes med den nøgle, det er forseglet til. Filerne læses kun her og glemmes igen.",
            "The file from «asi keygen». If the clinic has changed its key, choose both the new and the earlier key files: each response is opened with the key it is sealed to. The files are only read here and forgotten again.",
        );
        INBOX_LEGEND = ("Hent fra indbakken", "Fetch from the inbox");
        INBOX_URL = ("Indbakkens adresse", "The inbox's address");
        READER_TOKEN = ("Læsenøgle", "Reader token");
        ENVELOPES_LABEL = ("… eller åbn en fil med konvolutter", "… or open a file of envelopes");
        ENVELOPES_HINT = (
            "Én konvolut pr. linje, som indbakken eller «asi seal» skriver dem.",
            "One envelope per line, as the inbox or «asi seal» writes them.",
        );
        REFS_LABEL = ("Personreferencer (valgfri)", "Person references (optional)");
        REFS_HINT = (
            "Filen «ref,token,url» fra «asi links», så svarene vises med klinikkens egne referencer.",
            "The file «ref,token,url» from «asi links», so the responses are shown with the clinic's own references.",
        );
        OPEN = ("Åbn svarene", "Open the responses");
        OPENING = ("Åbner …", "Opening …");
        NO_KEY = ("Vælg filen med klinikkens private nøgle.", "Choose the file with the clinic's private key.");
        NO_SOURCE = (
            "Skriv indbakkens læsenøgle, eller vælg en fil med konvolutter.",
            "Enter the inbox's reader token, or choose a file of envelopes.",
        );
        REFS_FILE = (
            "Filen med personreferencer kan ikke bruges: {reason}",
            "The file of person references cannot be used: {reason}",
        );
    }
}

/// Fetching the envelopes and reading the files chosen.
pub mod source {
    asi_i18n::texts! {
        UNREACHABLE = (
            "Indbakken kunne ikke nås ({reason}). Tjek adressen og forbindelsen.",
            "The inbox could not be reached ({reason}). Check the address and the connection.",
        );
        UNAUTHORIZED = (
            "Indbakken afviste læsenøglen (401). Tjek læsenøglen.",
            "The inbox refused the reader token (401). Check the reader token.",
        );
        STATUS = ("Indbakken svarede {status}.", "The inbox answered {status}.");
        MALFORMED = (
            "Indbakkens svar kunne ikke læses: {reason}",
            "The inbox's answer could not be read: {reason}",
        );
        FILE = ("Filen {file} kunne ikke læses.", "The file {file} could not be read.");
    }
}

/// How many envelopes were opened, and the ones that could not be.
pub mod opening {
    asi_i18n::texts! {
        OPENED_ONE = ("{count} besvarelse er åbnet.", "{count} response is opened.");
        OPENED = ("{count} besvarelser er åbnet.", "{count} responses are opened.");
        NOT_OPENED = ("{count} kunne ikke åbnes (se nedenfor).", "{count} could not be opened (see below).");
        FAILURES_HEADING = ("Kunne ikke åbnes", "Could not be opened");
        FAILURES_LEAD = (
            "Disse konvolutter er forseglet til en nøgle, som ingen af de valgte nøglefiler har, eller de er blevet ændret. De andre besvarelser er åbnet som normalt.",
            "These envelopes are sealed to a key none of the chosen key files holds, or they have been changed. The other responses are opened as usual.",
        );
        NUMBER = ("Nr.", "No.");
        ENVELOPE = ("Konvolut", "Envelope");
        WHY = ("Hvorfor", "Why");
    }
}

/// "Besvarelser": the responses table and one response's answers.
pub mod table {
    asi_i18n::texts! {
        HEADING = ("Besvarelser", "Responses");
        DAY = ("Dato", "Date");
        TIMEPOINT = ("Måletidspunkt", "Measurement point");
        PERSON = ("Person", "Person");
        MODE = ("Måde", "Mode");
        NO_FILTER = ("Alle", "All");
        COUNT = ("{shown} af {total} besvarelser vises.", "{shown} of {total} responses are shown.");
        CAPTION = (
            "Scorer beregnet igen her. * foreløbig formel (se scoringsdokumentationen).",
            "Scores computed again here. * provisional formula (see the scoring documentation).",
        );
        UNSCORED_FORMS = ("{forms} har ingen score.", "{forms} has no score.");
        AND = (" og ", " and ");
        NO_SCORE = (
            "{form}: ingen score — se svarene (Vis svar) og andelene under Gruppen",
            "{form}: no score — see the answers (Show answers) and the shares under The group",
        );
        CHECK = ("Kontrol", "Check");
        ANSWERS = ("Svar", "Answers");
        SCORES_MATCH = ("ok", "ok");
        SCORES_DIFFER = ("Scorerne i konvolutten afviger", "The scores in the envelope differ");
        SHOW = ("Vis svar", "Show answers");
        RECORD_HEADING = ("Svar i besvarelse {id} ({timepoint})", "Answers in response {id} ({timepoint})");
        COMPLETED = ("Afsluttet {completed_at} · sprog {locale}", "Completed {completed_at} · language {locale}");
        CONSENT = ("Samtykke givet {given_at}: «{text}»", "Consent given {given_at}: «{text}»");
        ANSWER_YES = ("Ja", "Yes");
        ANSWER_NO = ("Nej", "No");
    }
}

/// "Én borger over tid".
pub mod person {
    asi_i18n::texts! {
        HEADING = ("Én borger over tid", "One citizen over time");
        NONE = (
            "Ingen besvarelser har en person tilknyttet (links med personreferencer eller identificeret indskrivning).",
            "No response has a person attached (links with person references, or identified intake).",
        );
        CPR = ("cpr {cpr}", "CPR {cpr}");
        DUPLICATES = (
            "{person} har svaret mere end én gang ved samme måletidspunkt; den seneste besvarelse bruges ({count} sat til side).",
            "{person} answered more than once at the same measurement point; the latest response is used ({count} set aside).",
        );
        WELLBEING_TITLE = ("Trivsel over tid: {person}", "Wellbeing over time: {person}");
        WELLBEING_DESCRIPTION = (
            "Personlig trivsel, trivsel i nære relationer, social trivsel og generel trivsel (0–10) ved hvert måletidspunkt. Tallene står også i tabellen herunder.",
            "Personal wellbeing, wellbeing in close relationships, social wellbeing and general wellbeing (0–10) at each measurement point. The numbers are also in the table below.",
        );
        ASI_TITLE = ("ASI-scorer over tid: {person}", "ASI scores over time: {person}");
        ASI_DESCRIPTION = (
            "De {domains} ASI-områder og ASI 6 (0–1) ved hvert måletidspunkt. Tallene står også i tabellen herunder.",
            "The {domains} ASI domains and ASI 6 (0–1) at each measurement point. The numbers are also in the table below.",
        );
        NUMBERS_FOR = ("Tal for {person}", "Numbers for {person}");
        DAYS_TITLE = ("Dage med forbrug over tid: {person}", "Days of use over time: {person}");
        DAYS_DESCRIPTION = (
            "Antal dage med hash, andre stoffer, alkohol og overforbrug af alkohol de sidste 30 dage (0–30) ved hvert måletidspunkt; en linje brydes, hvor spørgsmålet ikke blev stillet. Tallene står også i tabellen herunder.",
            "Days with hash, other drugs, alcohol and heavy drinking in the last 30 days (0–30) at each measurement point; a line breaks where the question was not asked. The numbers are also in the table below.",
        );
        CAPTION = (
            "{person}: trivsel, ASI-scorer, dage med forbrug og stoffrihed pr. måletidspunkt",
            "{person}: wellbeing, ASI scores, days of use and being drug-free per measurement point",
        );
        REDUCTION = ("Reduktion (mindst halveret)", "Reduction (at least halved)");
        NOT_ANSWERED = ("ikke besvaret", "not answered");
    }
}

/// "Gruppen".
pub mod group {
    asi_i18n::texts! {
        HEADING = ("Gruppen", "The group");
        PERSONS = (
            "{persons} personer har svaret ved mindst ét måletidspunkt; {with_intake} af dem ved indskrivningen (LOCF-gruppen).",
            "{persons} people answered at one measurement point or more; {with_intake} of them at intake (the LOCF group).",
        );
        DUPLICATES = (
            " {count} gentagne besvarelser er sat til side (den seneste bruges).",
            " {count} repeated responses are set aside (the latest is used).",
        );
        RAW = ("Rå data", "Raw data");
        LOCF = ("LOCF", "LOCF");
        RAW_CAPTION = (
            "Rå data: de besvarelser, der findes ved hvert måletidspunkt",
            "Raw data: the responses there are at each measurement point",
        );
        LOCF_CAPTION = (
            "LOCF: en manglende måling får personens seneste tidligere værdi; kun personer med en indskrivningsbesvarelse",
            "LOCF: a missing measurement takes the person's latest earlier value; only people with an intake response",
        );
        MEASURE = ("Mål", "Measure");
        WELLBEING_RAW_TITLE = ("Trivsel over tid (rå data)", "Wellbeing over time (raw data)");
        WELLBEING_RAW_DESCRIPTION = (
            "Gennemsnitlig personlig, nær, social og generel trivsel ved hvert måletidspunkt, blandt dem der svarede. Tallene står i tabellen ovenfor.",
            "Mean personal, close, social and general wellbeing at each measurement point, among those who answered. The numbers are in the table above.",
        );
        DAYS_RAW_TITLE = ("Dage med forbrug over tid (rå data)", "Days of use over time (raw data)");
        DAYS_RAW_DESCRIPTION = (
            "Gennemsnitligt antal dage med hash, andre stoffer, alkohol og overforbrug af alkohol (0–30) ved hvert måletidspunkt, blandt dem der svarede. Alkohol i Trivsel & forbrug kun hos klinikker, der stiller de spørgsmål. Tallene står i tabellen ovenfor.",
            "Mean days with hash, other drugs, alcohol and heavy drinking (0–30) at each measurement point, among those who answered. Alcohol in Trivsel & forbrug only at clinics that ask those questions. The numbers are in the table above.",
        );
        WELLBEING_LOCF_TITLE = ("Trivsel over tid (LOCF)", "Wellbeing over time (LOCF)");
        WELLBEING_LOCF_DESCRIPTION = (
            "Som ovenfor, med seneste måling ført videre for dem, der ikke svarede. Tallene står i tabellen ovenfor.",
            "As above, with the latest measurement carried forward for those who did not answer. The numbers are in the table above.",
        );
        ASI_LOCF_TITLE = ("ASI stof, psykisk og ASI 6 over tid (LOCF)", "ASI drugs, psychiatric and ASI 6 over time (LOCF)");
        ASI_LOCF_DESCRIPTION = (
            "Gennemsnitlig ASI-score for stoffer, psykisk og ASI 6 ved hvert måletidspunkt (LOCF). Tallene står i tabellen ovenfor.",
            "Mean ASI score for drugs, psychiatric and ASI 6 at each measurement point (LOCF). The numbers are in the table above.",
        );
    }
}

/// The forms without scores (the involvement form): shares per statement and step, and the
/// answers in the citizens' own words.
pub mod shares {
    asi_i18n::texts! {
        LEAD = (
            "{form} har ingen score. For hvert spørgsmål: hvor mange der valgte hvert svar, og hvor stor en andel af dem, der svarede på spørgsmålet, det er, ved hvert måletidspunkt. «Vil ikke svare» tæller ikke med i andelene.",
            "{form} has no score. For each question: how many chose each answer, and what share of those who answered the question that is, at each measurement point. «Vil ikke svare» (would rather not answer) is not counted in the shares.",
        );
        RESPONSES_ONE = ("{count} besvarelse", "{count} response");
        RESPONSES = ("{count} besvarelser", "{count} responses");
        CAPTION = ("{point}: antal og andel pr. svar ({responses})", "{point}: count and share per answer ({responses})");
        QUESTION = ("Spørgsmål", "Question");
        QUESTION_NUMBER = ("Spm. {n}", "Q. {n}");
        ANSWERED = ("Svarede", "Answered");
        DECLINED = ("Vil ikke svare", "Would rather not answer");
        CHART_TITLE = ("Andel pr. svar, {point}", "Share per answer, {point}");
        CHART_DESCRIPTION = (
            "Hver bjælke er ét spørgsmål; stykkerne er andelen af dem, der svarede, der valgte hvert svar, fra «{first}» til venstre til «{last}» til højre. Tallene står i tabellen ovenfor.",
            "Each bar is one question; its pieces are the shares of those who answered that chose each answer, from «{first}» on the left to «{last}» on the right. The numbers are in the table above.",
        );
        NO_ANSWERS = ("ingen svar", "no answers");
        FREE_TEXTS = ("«{question}» — med egne ord ({count})", "«{question}» — in their own words ({count})");
        NO_FREE_TEXTS = ("Ingen har skrevet noget her.", "No one has written anything here.");
    }
}

/// "Eksport".
pub mod export {
    asi_i18n::texts! {
        HEADING = ("Eksport", "Export");
        LEAD = (
            "Samme filer som «asi export»: én række pr. besvarelse med metadata, hvert spørgsmål og scorerne. Filen gemmes på denne computer; intet sendes.",
            "The same files as «asi export»: one row per response with the metadata, every question and the scores. The file is saved on this computer; nothing is sent.",
        );
        CSV = ("Hent CSV", "Download CSV");
        JSONL = ("Hent JSON lines", "Download JSON lines");
        FAILED = ("Filen kunne ikke gemmes.", "The file could not be saved.");
    }
}

/// Names of measures, modes and answers, wherever they are shown.
pub mod names {
    asi_i18n::texts! {
        WELLBEING = ("Generel trivsel", "General wellbeing");
        WELLBEING_PERSONAL = ("Personlig trivsel", "Personal wellbeing");
        WELLBEING_CLOSE = ("Trivsel i nære relationer", "Wellbeing in close relationships");
        WELLBEING_SOCIAL = ("Social trivsel", "Social wellbeing");
        ASI6 = ("ASI 6", "ASI 6");
        HASH_DAYS = ("Dage med hash", "Days with hash");
        OTHER_DRUG_DAYS = ("Dage med andre stoffer", "Days with other drugs");
        ALCOHOL_DAYS = ("Dage med alkohol", "Days with alcohol");
        HEAVY_DRINKING_DAYS = ("Dage med overforbrug af alkohol", "Days of heavy drinking");
        TABLE_WELLBEING = ("Trivsel", "Wellbeing");
        DRUG_FREE = ("Stoffri", "Drug-free");
        ANONYMOUS = ("anonym", "anonymous");
        IDENTIFIED = ("identificeret", "identified");
        LINK = ("link", "link");
        YES = ("ja", "yes");
        NO = ("nej", "no");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_has_the_same_places_in_danish_and_english() {
        let tables = [
            super::page::ALL,
            super::load::ALL,
            super::source::ALL,
            super::opening::ALL,
            super::table::ALL,
            super::person::ALL,
            super::group::ALL,
            super::shares::ALL,
            super::export::ALL,
            super::names::ALL,
        ];
        assert_eq!(asi_i18n::places_disagree(&tables), Vec::<String>::new());
    }
}
