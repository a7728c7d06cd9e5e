//! The page the build renders, before the app has loaded (`crate::prerender`, `index.html`'s
//! boot script). Shown in Danish only: the app takes over, in either language, once loaded.

use asi_i18n::Text;

pub static LOADING: Text = Text::new("Henter spørgeskemaet …", "Loading the questionnaire …");

pub static NO_SCRIPT: Text = Text::new(
    "Skemaet kræver JavaScript. Slå JavaScript til i din browser, eller kontakt dit behandlingssted.",
    "The questionnaire needs JavaScript. Turn JavaScript on in your browser, or contact your treatment centre.",
);

pub static FAILED: Text = Text::new(
    "Skemaet kunne ikke hentes. Tjek din forbindelse, og genindlæs siden.",
    "The questionnaire could not be loaded. Check your connection and reload the page.",
);

pub static WAIT: Text = Text::new(
    "Et øjeblik – resten af skemaet hentes. Dine svar bliver stående.",
    "One moment – the rest of the questionnaire is loading. Your answers stay.",
);
