//! The result screen: crisis information, wellbeing, the ASI areas, where to get help, and
//! the thank-you of identified intake.

use asi_i18n::Text;

pub static RESULT_HEADING: Text = Text::new("Dit resultat", "Your result");

pub static RESULT_THANKS: Text = Text::new("Tak for dine svar.", "Thank you for your answers.");

pub static RESULT_NOT_DIAGNOSIS: Text = Text::new(
    "Resultatet er ikke en diagnose. Det viser, hvor du selv oplever, at det er svært lige nu, og kan være et godt udgangspunkt for en snak med en behandler.",
    "The result is not a diagnosis. It shows where you yourself find things hard right now, and can be a good starting point for a talk with a counsellor.",
);

pub static CRISIS_HEADING: Text = Text::new(
    "Har du det svært lige nu?",
    "Are things hard for you right now?",
);

pub static CRISIS_TEXT: Text = Text::new(
    "Du har svaret, at du har haft tanker om selvmord eller har forsøgt selvmord. Du behøver ikke stå alene med det. Tal med nogen i dag.",
    "You answered that you have had thoughts of suicide or have attempted suicide. You do not have to be alone with this. Talk to someone today.",
);

pub static CRISIS_LIVSLINIEN: Text = Text::new(
    "Ring til Livslinien på 70 201 201 – du kan være anonym.",
    "Call Livslinien (the Danish suicide helpline) on 70 201 201 – you can stay anonymous.",
);

pub static CRISIS_EMERGENCY: Text = Text::new(
    "Er dit liv i fare lige nu, så ring 112.",
    "If your life is in danger right now, call 112.",
);

pub static NO_SCORE_FORM: Text = Text::new(
    "Tak for dine svar. Skemaet «{form}» giver ingen score – dine svar hjælper behandlingsstedet med at blive bedre.",
    "Thank you for your answers. The form “{form}” gives no score – your answers help the treatment centre improve.",
);

pub static WELLBEING_HEADING: Text = Text::new("Trivsel", "Wellbeing");

pub static WELLBEING_YOU: Text = Text::new(
    "Din trivsel: {score} ud af 10",
    "Your wellbeing: {score} out of 10",
);

pub static WELLBEING_YOUTH: Text = Text::new(
    "Gennemsnit for unge 15–25 år i Danmark: {mean}",
    "Average for young people aged 15–25 in Denmark: {mean}",
);

pub static WELLBEING_YOUTH_NOTE: Text = Text::new(
    "Tallet kommer fra en undersøgelse af unge. Det er ikke en norm for voksne i andre aldre.",
    "The figure comes from a study of young people. It is not a norm for adults of other ages.",
);

pub static WELLBEING_PARTS: Text =
    Text::new("Trivsel i de tre dele", "Wellbeing in its three parts");

pub static ASI_HEADING: Text = Text::new("Belastning på seks områder", "Burden in six areas");

pub static ASI_LEAD: Text = Text::new(
    "Tallene går fra 0 (ingen belastning) til 1 (meget stor belastning) og bygger på dine svar om de sidste 30 dage.",
    "The numbers run from 0 (no burden) to 1 (a very heavy burden) and are based on your answers about the last 30 days.",
);

pub static ASI_CAPTION: Text = Text::new(
    "Dine tal sammenlignet med gennemsnittet for personer i ambulant behandling i Danmark 2009–2014",
    "Your numbers compared with the average for people in outpatient treatment in Denmark 2009–2014",
);

pub static ASI_COL_AREA: Text = Text::new("Område", "Area");

pub static ASI_COL_YOU: Text = Text::new("Dig", "You");

pub static ASI_COL_NATIONAL: Text = Text::new("Gennemsnit i behandling", "Average in treatment");

pub static ASI6_NAME: Text = Text::new("Samlet (ASI 6)", "Overall (ASI 6)");

pub static ASI6_ABOUT: Text = Text::new(
    "Gennemsnittet af de seks områder.",
    "The mean of the six areas.",
);

pub static NO_SCORE: Text = Text::new("Ikke beregnet", "Not computed");

pub static HELP_HEADING: Text = Text::new(
    "Du kan få hjælp – også anonymt",
    "You can get help – anonymously too",
);

pub static RIGHT_TO_ANONYMOUS: Text = Text::new(
    "Du har ret til gratis behandling for stofmisbrug uden henvisning, og du kan få den anonymt (serviceloven § 101 a). Behandling for alkohol er også gratis (sundhedsloven § 141). Du kan selv kontakte et rusmiddelcenter.",
    "You have the right to free treatment for drug use without a referral, and you can have it anonymously (Social Services Act § 101 a). Treatment for alcohol is free too (Health Act § 141). You can contact a treatment centre yourself.",
);

pub static CONTACT_HEADING: Text = Text::new("Kontakt {clinic}", "Contact {clinic}");

pub static OPENING_HOURS: Text = Text::new("Åbningstider", "Opening hours");

pub static FIND_CLINIC: Text = Text::new(
    "Du finder dit lokale rusmiddelcenter på din kommunes hjemmeside.",
    "You can find your local treatment centre on your municipality's website.",
);

pub static DONE_HEADING: Text = Text::new("Tak for dine svar", "Thank you for your answers");

pub static DONE_TEXT: Text = Text::new(
    "Dine svar er krypteret, så kun {clinic} kan læse dem. Ingen svar er tilbage på denne enhed.",
    "Your answers are encrypted so that only {clinic} can read them. No answers are left on this device.",
);

pub static NEXT_PERSON: Text = Text::new("Ny besvarelse", "New response");
