//! The app's own words, in Danish and English.
//!
//! Question texts come from the instrument data; this is only the interface around them.
//! Each language is one `Strings` value, so a missing translation does not compile.

use asi_instrument::Lang;
use leptos::prelude::*;

/// Every interface text.
pub struct Strings {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub start_heading: &'static str,
    pub start_lead: &'static str,
    pub start_privacy: &'static str,
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
    pub refused: fn(u16) -> String,
    pub send_failed: &'static str,
    pub clinic_loading: &'static str,
    pub clinic_unknown: &'static str,
    pub clinic_unreachable: &'static str,
    pub clinic_bad_settings: &'static str,
    pub delete_all_confirm_waiting: fn(usize) -> String,
}

/// Dansk.
pub const DA: Strings = Strings {
    app_name: "ASI selvtest",
    skip_to_content: "Gå til indhold",
    switch_language: "English",
    switch_language_label: "Switch to English",
    start_heading: "Spørgeskemaer",
    start_lead: "Her kan du svare på spørgsmål om alkohol, stoffer og hvordan du har det. Der er ingen rigtige eller forkerte svar, og du kan altid vælge «Vil ikke svare».",
    start_privacy: "Dine svar bliver på din telefon, indtil du selv vælger at sende dem.",
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
    wellbeing_youth: |v| format!("Gennemsnit for danske unge: {v}"),
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
        let count = if n == 1 {
            "1 svar venter".to_owned()
        } else {
            format!("{n} svar venter")
        };
        format!("Gemt på telefonen — sendes automatisk når du er online. {count}.")
    },
    waiting_memory: |n| {
        format!(
            "Dine svar kunne ikke gemmes på telefonen og sendes, så snart der er forbindelse ({n} venter). Luk ikke siden, før der står «Sendt»."
        )
    },
    refused: |status| {
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
};

/// English.
pub const EN: Strings = Strings {
    app_name: "ASI self-test",
    skip_to_content: "Skip to content",
    switch_language: "Dansk",
    switch_language_label: "Skift til dansk",
    start_heading: "Questionnaires",
    start_lead: "Here you can answer questions about alcohol, drugs and how you are. There are no right or wrong answers, and you can always choose “Prefer not to answer”.",
    start_privacy: "Your answers stay on your phone until you choose to send them.",
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
    wellbeing_youth: |v| format!("Average for young people in Denmark: {v}"),
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
        let count = if n == 1 {
            "1 response waiting".to_owned()
        } else {
            format!("{n} responses waiting")
        };
        format!("Saved on your phone — will be sent automatically when you are online. {count}.")
    },
    waiting_memory: |n| {
        format!(
            "Your answers could not be saved on your phone and will be sent as soon as there is a connection ({n} waiting). Do not close the page until it says “Sent”."
        )
    },
    refused: |status| {
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
};

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

/// A number with the language's decimal separator and `decimals` decimals.
pub fn format_decimal(value: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{value:.decimals$}");
    match lang {
        Lang::Da => s.replace('.', ","),
        Lang::En => s,
    }
}
