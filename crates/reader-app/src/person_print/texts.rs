//! The words of one person's printed page (Danish shown; English beside it).

use asi_i18n::Text;

pub static PRINT: Text = Text::new("Udskriv", "Print");
pub static PRINT_HINT: Text = Text::new(
    "Én A4-side til journalen: scorer over tid, trivsel, forbrug og hvad hvert område dækker.",
    "One A4 page for the journal: scores over time, wellbeing, drug use and what each area covers.",
);
pub static TITLE: Text = Text::new("ASI-forløb: {person}", "ASI course: {person}");
pub static PRINTED: Text = Text::new(
    "Udskrevet {day} fra klinikkens læser. ASI-scorerne går fra 0 (ingen belastning) til 1; trivsel fra 0 (virkelig dårligt) til 10 (virkelig godt). Svarene er personens egne og ikke en diagnose.",
    "Printed {day} from the clinic's reader. The ASI scores go from 0 (no burden) to 1; wellbeing from 0 (really bad) to 10 (really good). The answers are the person's own and not a diagnosis.",
);
pub static CAPTION: Text = Text::new(
    "{person}: trivsel, ASI-scorer og forbrug pr. måletidspunkt",
    "{person}: wellbeing, ASI scores and drug use per measurement point",
);
pub static MEASURE: Text = Text::new("Mål", "Measure");
pub static NOT_ANSWERED: Text = Text::new("ikke besvaret", "not answered");
pub static HASH_DAYS: Text = Text::new("Dage med hash (30 dage)", "Days of hash (30 days)");
pub static REDUCTION: Text =
    Text::new("Reduktion (mindst halveret)", "Reduction (at least halved)");
pub static DRUG_FREE: Text = Text::new("Stoffri", "Drug-free");
pub static ABOUT_HEADING: Text = Text::new("Hvad målene dækker", "What the measures cover");
pub static ABOUT_WELLBEING: Text = Text::new(
    "Generel trivsel er gennemsnittet af personlig trivsel, trivsel i nære relationer og social trivsel, hver 0–10.",
    "General wellbeing is the mean of personal wellbeing, wellbeing in close relationships and social wellbeing, each 0–10.",
);
pub static ABOUT_ASI6: Text = Text::new(
    "ASI 6 er gennemsnittet af de seks områder; mangler et område, har ASI 6 ingen værdi.",
    "ASI 6 is the mean of the six areas; when an area is missing, ASI 6 has no value.",
);
pub static ABOUT_USE: Text = Text::new(
    "Reduktion: dagene med hash er mindst halveret siden indskrivningen. Stoffri: ingen dage med hash eller andre illegale stoffer de sidste 30 dage.",
    "Reduction: the days of hash are at least halved since intake. Drug-free: no days of hash or other illicit drugs in the last 30 days.",
);
pub static PROVISIONAL: Text = Text::new(
    "* foreløbig formel: de danske vægte er ikke offentliggjort.",
    "* provisional formula: the Danish weights are not published.",
);
