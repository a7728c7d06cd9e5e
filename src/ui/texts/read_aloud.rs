//! The read-aloud controls.

use asi_i18n::Text;

pub static READ_ALOUD: Text = Text::new("Læs op", "Read aloud");

pub static READ_PAGE: Text = Text::new("Læs hele siden op", "Read the whole page aloud");

pub static STOP_READING: Text = Text::new("Stop oplæsning", "Stop reading");
