//! The app's own words, in Danish and English.
//!
//! Question texts come from the instrument data; this is only the interface around them.
//! Each language is one `Strings` value, so a missing translation does not compile.

use asi_instrument::Lang;
use leptos::prelude::*;

use asi_protocol::RefusalCode;

use crate::storage::outbox::Refusal;

/// Every interface text.
pub struct Strings {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub start_lead: &'static str,
    pub start_button: &'static str,
    pub progress: fn(usize, usize) -> String,
    pub next: &'static str,
    pub back: &'static str,
    pub to_review: &'static str,
    pub decline: &'static str,
    pub help: &'static str,
    pub fewer: &'static str,
    pub more: &'static str,
    pub days_unit: &'static str,
    pub kroner_unit: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub must_answer: &'static str,
    pub must_answer_required: &'static str,
    pub error_summary: &'static str,
    pub review_heading: &'static str,
    pub review_lead: &'static str,
    pub change: &'static str,
    pub declined: &'static str,
    pub finish: &'static str,
    pub result_heading: &'static str,
    pub result_not_diagnosis: &'static str,
    pub result_thanks: &'static str,
    pub crisis_heading: &'static str,
    pub crisis_text: &'static str,
    pub crisis_livslinien: &'static str,
    pub crisis_emergency: &'static str,
    pub wellbeing_heading: &'static str,
    pub wellbeing_you: fn(&str) -> String,
    pub wellbeing_youth: fn(&str) -> String,
    pub wellbeing_youth_note: &'static str,
    pub wellbeing_parts: &'static str,
    pub asi_heading: &'static str,
    pub asi_lead: &'static str,
    pub asi_caption: &'static str,
    pub asi_col_area: &'static str,
    pub asi_col_you: &'static str,
    pub asi_col_national: &'static str,
    pub asi6_name: &'static str,
    pub asi6_about: &'static str,
    pub no_score: &'static str,
    pub start_again: &'static str,
    pub start_again_confirm: &'static str,
    pub continue_button: &'static str,
    pub saved_note: &'static str,
    pub delete_all: &'static str,
    pub delete_all_confirm: &'static str,
    pub deleted: &'static str,
    pub delete_failed: &'static str,
    pub memory_warning: &'static str,
    pub loading: &'static str,
    pub saving: &'static str,
    pub saved_on_device: &'static str,
    pub not_saved: &'static str,
    pub send_heading: fn(&str) -> String,
    pub send_anonymous_lead: &'static str,
    pub send_anonymous_button: fn(&str) -> String,
    pub sending: &'static str,
    pub sent: fn(&str) -> String,
    pub all_sent: &'static str,
    pub waiting: fn(usize) -> String,
    pub waiting_memory: fn(usize) -> String,
    pub waiting_unreachable: fn(usize) -> String,
    pub waiting_busy: fn(usize) -> String,
    pub waiting_not_acknowledged: fn(usize) -> String,
    pub refused_anonymous: &'static str,
    pub refused_key_retired: &'static str,
    pub refused_other: fn(u16) -> String,
    pub send_failed: &'static str,
    pub clinic_loading: &'static str,
    pub clinic_unknown: &'static str,
    pub clinic_unreachable: &'static str,
    pub clinic_bad_settings: &'static str,
    pub delete_all_confirm_waiting: fn(usize) -> String,
    pub selftest_heading: &'static str,
    pub selftest_lead: &'static str,
    pub anonymous_heading: &'static str,
    pub anonymous_points: [&'static str; 4],
    pub help_heading: &'static str,
    pub right_to_anonymous: &'static str,
    pub contact_heading: fn(&str) -> String,
    pub opening_hours: &'static str,
    pub find_clinic: &'static str,
    pub anonymous_not_taken: fn(&str) -> String,
    pub link_heading: fn(&str) -> String,
    pub link_heading_no_name: &'static str,
    pub link_lead: fn(&str) -> String,
    pub link_bad_heading: &'static str,
    pub link_bad: &'static str,
    pub link_used: &'static str,
    pub link_expired: &'static str,
    pub link_unknown: &'static str,
    pub send_link_lead: &'static str,
    pub send_button: fn(&str) -> String,
    pub identified_heading: fn(&str) -> String,
    pub identified_heading_no_name: &'static str,
    pub identified_lead: &'static str,
    pub form_not_offered: &'static str,
    pub consent_heading: &'static str,
    pub consent_lead: fn(&str) -> String,
    pub consent_check: &'static str,
    pub consent_missing: &'static str,
    pub done_heading: &'static str,
    pub done_text: fn(&str) -> String,
    pub next_person: &'static str,
    pub idle_heading: &'static str,
    pub idle_text: &'static str,
    pub idle_continue: &'static str,
    pub idle_clear: &'static str,
    pub idle_cleared: &'static str,
    pub read_aloud: &'static str,
    pub read_page: &'static str,
    pub stop_reading: &'static str,
}

/// Dansk.
pub const DA: Strings = Strings {
    app_name: "ASI selvtest",
    skip_to_content: "Gå til indhold",
    switch_language: "English",
    switch_language_label: "Switch to English",
    start_lead: "Her kan du svare på spørgsmål om alkohol, stoffer og hvordan du har det. Der er ingen rigtige eller forkerte svar, og du kan altid vælge «Vil ikke svare».",
    start_button: "Start",
    progress: |n, of| format!("Trin {n} af {of}"),
    next: "Næste",
    back: "Tilbage",
    to_review: "Se dine svar",
    decline: "Vil ikke svare",
    help: "Hjælp til spørgsmålet",
    fewer: "Én mindre",
    more: "Én mere",
    days_unit: "dage",
    kroner_unit: "kr.",
    yes: "Ja",
    no: "Nej",
    must_answer: "Svar på spørgsmålet, eller vælg «Vil ikke svare».",
    must_answer_required: "Svar på spørgsmålet. Behandlingsstedet skal bruge svaret for at finde din sag.",
    error_summary: "Der mangler svar på denne side",
    review_heading: "Dine svar",
    review_lead: "Se dine svar igennem. Du kan rette et svar, før du afslutter.",
    change: "Ret",
    declined: "Vil ikke svare",
    finish: "Afslut og se resultat",
    result_heading: "Dit resultat",
    result_not_diagnosis: "Resultatet er ikke en diagnose. Det viser, hvor du selv oplever, at det er svært lige nu, og kan være et godt udgangspunkt for en snak med en behandler.",
    result_thanks: "Tak for dine svar.",
    crisis_heading: "Har du det svært lige nu?",
    crisis_text: "Du har svaret, at du har haft tanker om selvmord eller har forsøgt selvmord. Du behøver ikke stå alene med det. Tal med nogen i dag.",
    crisis_livslinien: "Ring til Livslinien på 70 201 201 – du kan være anonym.",
    crisis_emergency: "Er dit liv i fare lige nu, så ring 112.",
    wellbeing_heading: "Trivsel",
    wellbeing_you: |v| format!("Din trivsel: {v} ud af 10"),
    wellbeing_youth: |v| format!("Gennemsnit for unge 15–25 år i Danmark: {v}"),
    wellbeing_youth_note: "Tallet kommer fra en undersøgelse af unge. Det er ikke en norm for voksne i andre aldre.",
    wellbeing_parts: "Trivsel i de tre dele",
    asi_heading: "Belastning på seks områder",
    asi_lead: "Tallene går fra 0 (ingen belastning) til 1 (meget stor belastning) og bygger på dine svar om de sidste 30 dage.",
    asi_caption: "Dine tal sammenlignet med gennemsnittet for personer i ambulant behandling i Danmark 2009–2014",
    asi_col_area: "Område",
    asi_col_you: "Dig",
    asi_col_national: "Gennemsnit i behandling",
    asi6_name: "Samlet (ASI 6)",
    asi6_about: "Gennemsnittet af de seks områder.",
    no_score: "Ikke beregnet",
    start_again: "Start forfra",
    start_again_confirm: "Vil du slette dine svar og starte forfra?",
    continue_button: "Fortsæt",
    saved_note: "Du er i gang. Dine svar er gemt krypteret på denne enhed.",
    delete_all: "Slet mine svar på denne enhed",
    delete_all_confirm: "Vil du slette alle dine svar på denne enhed? Det kan ikke fortrydes.",
    deleted: "Dine svar er slettet fra denne enhed.",
    delete_failed: "Dine svar kunne ikke slettes helt. Luk alle faner med skemaet, og prøv igen.",
    memory_warning: "Dine svar kan ikke gemmes på denne enhed (fx i privat browsing eller når lageret er fuldt). Du kan godt svare, men svarene forsvinder, hvis du lukker eller genindlæser siden.",
    loading: "Henter dine svar …",
    saving: "Gemmer …",
    saved_on_device: "Gemt på denne enhed",
    not_saved: "Gemmes ikke",
    send_heading: |clinic| format!("Send dine svar til {clinic}"),
    send_anonymous_lead: "Du kan sende dine svar og dit resultat anonymt. De bliver krypteret på din telefon, så kun klinikken kan læse dem. Der sendes ikke navn, CPR-nummer eller noget andet, der kan føre tilbage til dig eller din telefon.",
    send_anonymous_button: |clinic| format!("Send anonymt til {clinic}"),
    sending: "Gør dine svar klar …",
    sent: |clinic| format!("Sendt. {clinic} har modtaget dine svar."),
    all_sent: "Sendt. Alle dine svar er modtaget.",
    waiting: |n| {
        format!("Gemt på telefonen — sendes automatisk når du er online. {n} svar venter.")
    },
    waiting_unreachable: |n| {
        format!(
            "Ikke sendt endnu: klinikkens indbakke kan ikke nås lige nu. Dine svar er gemt på telefonen og sendes automatisk, så snart det lykkes. {n} svar venter."
        )
    },
    waiting_busy: |n| {
        format!(
            "Ikke sendt endnu: klinikken modtager mange svar lige nu. Dine svar er gemt på telefonen og sendes automatisk lidt senere. {n} svar venter."
        )
    },
    waiting_not_acknowledged: |n| {
        format!(
            "Ikke sendt endnu: klinikkens indbakke har ikke bekræftet, at den har fået dine svar. De er gemt på telefonen, og der prøves igen automatisk. {n} svar venter."
        )
    },
    waiting_memory: |n| {
        format!(
            "Dine svar kunne ikke gemmes på telefonen og sendes, så snart der er forbindelse ({n} venter). Luk ikke siden, før der står «Sendt»."
        )
    },
    refused_anonymous: "Klinikken tager ikke imod anonyme svar, så dit svar er ikke sendt. Det ligger krypteret på telefonen, til du sletter dine svar. Du er velkommen til at kontakte klinikken direkte.",
    refused_key_retired: "Dit svar er ikke sendt: det blev krypteret med en nøgle, som klinikken er holdt op med at bruge, fordi telefonen ikke havde hentet klinikkens nye oplysninger. Det ligger krypteret på telefonen, til du sletter dine svar. Kontakt klinikken, eller udfyld skemaet igen, mens du er online.",
    refused_other: |status| {
        format!(
            "Et svar blev afvist af klinikkens indbakke og bliver ikke sendt (fejl {status}). Kontakt klinikken, hvis du har brug for hjælp. Svaret ligger krypteret på telefonen, til du sletter dine svar."
        )
    },
    send_failed: "Dine svar kunne ikke gøres klar til at blive sendt. De er stadig gemt på telefonen – prøv igen.",
    clinic_loading: "Henter klinikkens oplysninger …",
    clinic_unknown: "Klinikken i adressen findes ikke. Du kan se dit resultat, men svarene kan ikke sendes herfra.",
    clinic_unreachable: "Klinikkens oplysninger kunne ikke hentes, fordi der ikke er forbindelse. Åbn siden igen, når du er online, så kan du sende dine svar.",
    clinic_bad_settings: "Klinikkens nøgle passer ikke med dens oplysninger. Af sikkerhedshensyn sendes intet. Kontakt klinikken.",
    delete_all_confirm_waiting: |n| {
        format!(
            "Vil du slette alle dine svar på denne enhed? {n} svar er endnu ikke sendt og bliver så aldrig sendt. Det kan ikke fortrydes."
        )
    },
    selftest_heading: "Anonym selvtest",
    selftest_lead: "Test dig selv: hvordan har du det, og hvad betyder alkohol og stoffer i dit liv? Det tager 2–15 minutter, og du ser dit resultat med det samme.",
    anonymous_heading: "Hvad betyder anonym her?",
    anonymous_points: [
        "Du skal ikke skrive navn, cpr-nummer, e-mail eller telefonnummer.",
        "Dine svar bliver på din telefon. Du ser dit resultat uden at sende noget.",
        "Vælger du at sende til en klinik, bliver svarene krypteret på telefonen, så kun klinikken kan læse dem. Med svarene følger kun dagens dato – intet klokkeslæt og intet, der kan føre tilbage til dig eller din telefon.",
        "Der bruges ingen cookies og ingen sporing. «Slet mine svar på denne enhed» fjerner alt.",
    ],
    help_heading: "Du kan få hjælp – også anonymt",
    right_to_anonymous: "Du har ret til gratis behandling for stofmisbrug uden henvisning, og du kan få den anonymt (serviceloven § 101 a). Behandling for alkohol er også gratis (sundhedsloven § 141). Du kan selv kontakte et rusmiddelcenter.",
    contact_heading: |clinic| format!("Kontakt {clinic}"),
    opening_hours: "Åbningstider",
    find_clinic: "Du finder dit lokale rusmiddelcenter på din kommunes hjemmeside.",
    anonymous_not_taken: |clinic| {
        format!(
            "{clinic} tager ikke imod anonyme svar her. Du er velkommen til at kontakte klinikken direkte."
        )
    },
    link_heading: |clinic| format!("Spørgeskema fra {clinic}"),
    link_heading_no_name: "Spørgeskema fra dit behandlingssted",
    link_lead: |timepoint| {
        format!(
            "Du er blevet bedt om at svare i forbindelse med: {timepoint}. Når du er færdig, bliver dine svar krypteret på telefonen og sendt til behandlingsstedet."
        )
    },
    link_bad_heading: "Linket virker ikke",
    link_bad: "Linket er ikke helt. Åbn hele linket fra din besked igen, eller bed dit behandlingssted om et nyt.",
    link_used: "Dette link er allerede brugt: behandlingsstedet har fået et svar fra det. Dine nye svar er ikke sendt. De ligger krypteret på telefonen, indtil du sletter dem. Kontakt behandlingsstedet, hvis det er en fejl.",
    link_expired: "Linket er udløbet, så dine svar kan ikke sendes med det. De ligger krypteret på telefonen, indtil du sletter dem. Bed behandlingsstedet om et nyt link.",
    link_unknown: "Behandlingsstedet kender ikke dette link, så dine svar kan ikke sendes med det. Tjek, at du har åbnet hele linket, eller bed om et nyt. Dine svar ligger krypteret på telefonen, indtil du sletter dem.",
    send_link_lead: "Dine svar bliver krypteret på telefonen, så kun behandlingsstedet kan læse dem. De sendes med linkets kode, så behandlingsstedet ved, hvem de er fra.",
    send_button: |clinic| format!("Send til {clinic}"),
    identified_heading: |clinic| format!("Indskrivning hos {clinic}"),
    identified_heading_no_name: "Indskrivning",
    identified_lead: "Først skriver du dit cpr-nummer og navn, så behandlingsstedet kan finde din sag. Derefter kommer spørgsmålene. Før noget sendes, bliver du bedt om samtykke.",
    form_not_offered: "Behandlingsstedet bruger ikke dette skema her.",
    consent_heading: "Samtykke",
    consent_lead: |clinic| format!("Før dine svar sendes til {clinic}, skal du give samtykke:"),
    consent_check: "Jeg har læst teksten og giver mit samtykke",
    consent_missing: "Sæt kryds for at give samtykke. Uden samtykke sendes intet.",
    done_heading: "Tak for dine svar",
    done_text: |clinic| {
        format!(
            "Dine svar er krypteret, så kun {clinic} kan læse dem. Ingen svar er tilbage på denne enhed."
        )
    },
    next_person: "Ny besvarelse",
    idle_heading: "Er du stadig i gang?",
    idle_text: "Skemaet har ikke været brugt i 10 minutter. Af hensyn til dine oplysninger bliver dine svar slettet om et minut, hvis du ikke fortsætter.",
    idle_continue: "Ja, fortsæt",
    idle_clear: "Slet mine svar nu",
    idle_cleared: "Svarene blev slettet, fordi skemaet ikke blev brugt i et stykke tid. Du kan starte forfra.",
    read_aloud: "Læs op",
    read_page: "Læs hele siden op",
    stop_reading: "Stop oplæsning",
};

/// English.
pub const EN: Strings = Strings {
    app_name: "ASI self-test",
    skip_to_content: "Skip to content",
    switch_language: "Dansk",
    switch_language_label: "Skift til dansk",
    start_lead: "Here you can answer questions about alcohol, drugs and how you are. There are no right or wrong answers, and you can always choose “Prefer not to answer”.",
    start_button: "Start",
    progress: |n, of| format!("Step {n} of {of}"),
    next: "Next",
    back: "Back",
    to_review: "Review your answers",
    decline: "Prefer not to answer",
    help: "Help with this question",
    fewer: "One less",
    more: "One more",
    days_unit: "days",
    kroner_unit: "DKK",
    yes: "Yes",
    no: "No",
    must_answer: "Answer the question, or choose “Prefer not to answer”.",
    must_answer_required: "Answer the question. The treatment centre needs the answer to find your file.",
    error_summary: "Some answers are missing on this page",
    review_heading: "Your answers",
    review_lead: "Look through your answers. You can change an answer before you finish.",
    change: "Change",
    declined: "Prefer not to answer",
    finish: "Finish and see the result",
    result_heading: "Your result",
    result_not_diagnosis: "The result is not a diagnosis. It shows where you yourself find things hard right now, and can be a good starting point for a talk with a counsellor.",
    result_thanks: "Thank you for your answers.",
    crisis_heading: "Are things hard for you right now?",
    crisis_text: "You answered that you have had thoughts of suicide or have attempted suicide. You do not have to be alone with this. Talk to someone today.",
    crisis_livslinien: "Call Livslinien (the Danish suicide helpline) on 70 201 201 – you can stay anonymous.",
    crisis_emergency: "If your life is in danger right now, call 112.",
    wellbeing_heading: "Wellbeing",
    wellbeing_you: |v| format!("Your wellbeing: {v} out of 10"),
    wellbeing_youth: |v| format!("Average for young people aged 15–25 in Denmark: {v}"),
    wellbeing_youth_note: "The figure comes from a study of young people. It is not a norm for adults of other ages.",
    wellbeing_parts: "Wellbeing in its three parts",
    asi_heading: "Burden in six areas",
    asi_lead: "The numbers run from 0 (no burden) to 1 (a very heavy burden) and are based on your answers about the last 30 days.",
    asi_caption: "Your numbers compared with the average for people in outpatient treatment in Denmark 2009–2014",
    asi_col_area: "Area",
    asi_col_you: "You",
    asi_col_national: "Average in treatment",
    asi6_name: "Overall (ASI 6)",
    asi6_about: "The mean of the six areas.",
    no_score: "Not computed",
    start_again: "Start again",
    start_again_confirm: "Do you want to delete your answers and start again?",
    continue_button: "Continue",
    saved_note: "You have started. Your answers are saved, encrypted, on this device.",
    delete_all: "Delete my answers on this device",
    delete_all_confirm: "Do you want to delete all your answers on this device? This cannot be undone.",
    deleted: "Your answers have been deleted from this device.",
    delete_failed: "Your answers could not be fully deleted. Close every tab with the questionnaire and try again.",
    memory_warning: "Your answers cannot be saved on this device (for example in private browsing, or when storage is full). You can still answer, but the answers will be lost if you close or reload the page.",
    loading: "Loading your answers …",
    saving: "Saving …",
    saved_on_device: "Saved on this device",
    not_saved: "Not saved",
    send_heading: |clinic| format!("Send your answers to {clinic}"),
    send_anonymous_lead: "You can send your answers and your result anonymously. They are encrypted on your phone so that only the clinic can read them. No name, CPR number or anything else that could lead back to you or your phone is sent.",
    send_anonymous_button: |clinic| format!("Send anonymously to {clinic}"),
    sending: "Preparing your answers …",
    sent: |clinic| format!("Sent. {clinic} has received your answers."),
    all_sent: "Sent. All your answers have been received.",
    waiting: |n| {
        format!(
            "Saved on your phone — will be sent automatically when you are online. {}.",
            responses_waiting(n)
        )
    },
    waiting_unreachable: |n| {
        format!(
            "Not sent yet: the clinic's inbox cannot be reached just now. Your answers are saved on your phone and will be sent automatically as soon as it can be. {}.",
            responses_waiting(n)
        )
    },
    waiting_busy: |n| {
        format!(
            "Not sent yet: the clinic is receiving many responses right now. Your answers are saved on your phone and will be sent automatically a little later. {}.",
            responses_waiting(n)
        )
    },
    waiting_not_acknowledged: |n| {
        format!(
            "Not sent yet: the clinic's inbox has not confirmed that it received your answers. They are saved on your phone and will be sent again automatically. {}.",
            responses_waiting(n)
        )
    },
    waiting_memory: |n| {
        format!(
            "Your answers could not be saved on your phone and will be sent as soon as there is a connection ({n} waiting). Do not close the page until it says “Sent”."
        )
    },
    refused_anonymous: "The clinic does not take anonymous responses, so your response was not sent. It stays encrypted on your phone until you delete your answers. You are welcome to contact the clinic directly.",
    refused_key_retired: "Your response was not sent: it was encrypted with a key the clinic no longer uses, because your phone had not fetched the clinic's new details. It stays encrypted on your phone until you delete your answers. Contact the clinic, or fill in the form again while you are online.",
    refused_other: |status| {
        format!(
            "A response was refused by the clinic's inbox and will not be sent (error {status}). Contact the clinic if you need help. The response stays encrypted on your phone until you delete your answers."
        )
    },
    send_failed: "Your answers could not be prepared for sending. They are still saved on your phone – please try again.",
    clinic_loading: "Loading the clinic's details …",
    clinic_unknown: "The clinic in the address does not exist. You can see your result, but the answers cannot be sent from here.",
    clinic_unreachable: "The clinic's details could not be loaded because there is no connection. Open the page again when you are online to send your answers.",
    clinic_bad_settings: "The clinic's key does not match its details. For safety nothing is sent. Contact the clinic.",
    delete_all_confirm_waiting: |n| {
        format!(
            "Do you want to delete all your answers on this device? {n} responses have not been sent yet and will then never be sent. This cannot be undone."
        )
    },
    selftest_heading: "Anonymous self-test",
    selftest_lead: "Test yourself: how are you, and what part do alcohol and drugs play in your life? It takes 2–15 minutes, and you see your result at once.",
    anonymous_heading: "What does anonymous mean here?",
    anonymous_points: [
        "You do not enter a name, CPR number, e-mail or phone number.",
        "Your answers stay on your phone. You see your result without sending anything.",
        "If you choose to send to a clinic, the answers are encrypted on your phone so that only the clinic can read them. Only today's date goes with them – no time of day and nothing that could lead back to you or your phone.",
        "No cookies and no tracking are used. “Delete my answers on this device” removes everything.",
    ],
    help_heading: "You can get help – anonymously too",
    right_to_anonymous: "You have the right to free treatment for drug use without a referral, and you can have it anonymously (Social Services Act § 101 a). Treatment for alcohol is free too (Health Act § 141). You can contact a treatment centre yourself.",
    contact_heading: |clinic| format!("Contact {clinic}"),
    opening_hours: "Opening hours",
    find_clinic: "You can find your local treatment centre on your municipality's website.",
    anonymous_not_taken: |clinic| {
        format!(
            "{clinic} does not take anonymous responses here. You are welcome to contact the clinic directly."
        )
    },
    link_heading: |clinic| format!("Questionnaire from {clinic}"),
    link_heading_no_name: "Questionnaire from your treatment centre",
    link_lead: |timepoint| {
        format!(
            "You have been asked to answer for: {timepoint}. When you finish, your answers are encrypted on your phone and sent to the treatment centre."
        )
    },
    link_bad_heading: "The link does not work",
    link_bad: "The link is incomplete. Open the whole link from your message again, or ask your treatment centre for a new one.",
    link_used: "This link has already been used: the treatment centre has received a response from it. Your new answers have not been sent. They stay encrypted on your phone until you delete them. Contact the treatment centre if this is a mistake.",
    link_expired: "The link has expired, so your answers cannot be sent with it. They stay encrypted on your phone until you delete them. Ask the treatment centre for a new link.",
    link_unknown: "The treatment centre does not know this link, so your answers cannot be sent with it. Check that you opened the whole link, or ask for a new one. Your answers stay encrypted on your phone until you delete them.",
    send_link_lead: "Your answers are encrypted on your phone so that only the treatment centre can read them. They are sent with the link's code, so the treatment centre knows who they are from.",
    send_button: |clinic| format!("Send to {clinic}"),
    identified_heading: |clinic| format!("Intake at {clinic}"),
    identified_heading_no_name: "Intake",
    identified_lead: "First you enter your CPR number and name, so the treatment centre can find your file. Then come the questions. Before anything is sent, you are asked for consent.",
    form_not_offered: "The treatment centre does not use this questionnaire here.",
    consent_heading: "Consent",
    consent_lead: |clinic| {
        format!("Before your answers are sent to {clinic}, you must give your consent:")
    },
    consent_check: "I have read the text and give my consent",
    consent_missing: "Tick the box to give your consent. Without consent nothing is sent.",
    done_heading: "Thank you for your answers",
    done_text: |clinic| {
        format!(
            "Your answers are encrypted so that only {clinic} can read them. No answers are left on this device."
        )
    },
    next_person: "New response",
    idle_heading: "Are you still there?",
    idle_text: "The form has not been used for 10 minutes. To protect your details, your answers will be deleted in one minute unless you continue.",
    idle_continue: "Yes, continue",
    idle_clear: "Delete my answers now",
    idle_cleared: "The answers were deleted because the form was not used for a while. You can start again.",
    read_aloud: "Read aloud",
    read_page: "Read the whole page aloud",
    stop_reading: "Stop reading",
};

/// "1 response waiting", "2 responses waiting".
fn responses_waiting(n: usize) -> String {
    if n == 1 {
        "1 response waiting".to_owned()
    } else {
        format!("{n} responses waiting")
    }
}

/// What the citizen is told about a response the inbox refused for good: one match on the
/// inbox's code, in either language.
pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    let s = strings(lang);
    match refusal.code {
        RefusalCode::LinkUsed => s.link_used.to_owned(),
        RefusalCode::LinkExpired => s.link_expired.to_owned(),
        RefusalCode::LinkUnknown | RefusalCode::LinkMismatch => s.link_unknown.to_owned(),
        RefusalCode::AnonymousNotAccepted => s.refused_anonymous.to_owned(),
        RefusalCode::KeyRetired => s.refused_key_retired.to_owned(),
        _ => (s.refused_other)(refusal.status),
    }
}

/// The texts of a language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

/// The current language, shared through context.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A number with the language's decimal separator and `decimals` decimals (0–100), rounded
/// as the browser rounds (`Number.prototype.toFixed`). The browser formats it, so the app
/// carries no float formatting code of its own.
pub fn format_decimal(value: f64, decimals: u8, lang: Lang) -> String {
    let s = String::from(
        js_sys::Number::from(value)
            .to_fixed(decimals)
            .unwrap_or_else(|_| js_sys::JsString::from("–")),
    );
    match lang {
        Lang::Da => s.replace('.', ","),
        Lang::En => s,
    }
}

/// An interface text that follows the language switch, for views and attributes. Every text
/// shares this one closure type, so the view code that renders a reactive text is compiled
/// once rather than once per text (a smaller app).
pub fn tr(
    pick: fn(&'static Strings) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || pick(strings(lang.get()))
}
