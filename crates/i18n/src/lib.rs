//! The product's one way of writing words in two languages.
//!
//! Every text a person reads — a question in the instrument data, a button in the app, a
//! heading in the reader, an error of the command line — is a [`Text`]: its Danish and its
//! English, side by side. A text cannot be written without both (a missing translation does
//! not compile, or, for data read from JSON, does not parse), and a table of texts holds no
//! logic: where a text depends on a number or a name, it names the place with `{name}` and
//! [`Text::fill`] puts the value in.
//!
//! Texts written in code stand in tables, one per module: [`texts!`] declares a table's
//! constants and lists them in `ALL`, and [`places_disagree`] lets a test check that each
//! text has the same `{name}` places in both languages.
//!
//! ```
//! use asi_i18n::{Lang, Text};
//!
//! const PROGRESS: Text = Text::new("Side {n} af {total}", "Page {n} of {total}");
//! assert_eq!(PROGRESS.fill(Lang::Da, &[("n", &2), ("total", &7)]), "Side 2 af 7");
//! ```

mod table;

use std::borrow::Cow;
use std::fmt::{Display, Write};

use serde::{Deserialize, Serialize};

pub use table::{Table, places_disagree};

/// A user-interface language. Danish comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Danish, the default.
    #[default]
    Da,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, Danish first.
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// The BCP 47 tag (`da`, `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// Parses a BCP 47 tag such as `da`, `da-DK` or `en-GB`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "da" => Some(Lang::Da),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in Danish and English.
///
/// Texts written in code are constants made with [`Text::new`] and borrow their words;
/// texts read from data (the instrument's JSON) own theirs. Both are the same type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Danish.
    pub da: Cow<'static, str>,
    /// English.
    pub en: Cow<'static, str>,
}

/// One value for a `{name}` place in a text.
pub type Arg<'a> = (&'a str, &'a dyn Display);

impl Text {
    /// A text written in code: Danish first, then English.
    pub const fn new(da: &'static str, en: &'static str) -> Text {
        Text {
            da: Cow::Borrowed(da),
            en: Cow::Borrowed(en),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }

    /// The text in `lang` with each `{name}` replaced by the value given for `name`. A place
    /// with no value given stays as it is written, so a forgotten value shows rather than
    /// vanishes; `{{` and `}}` are not special.
    pub fn fill(&self, lang: Lang, args: &[Arg<'_>]) -> String {
        let mut out = String::new();
        let mut rest = self.get(lang);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                args.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (close, v))
            });
            match value {
                Some((close, v)) => {
                    let _ = write!(out, "{v}");
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The names of the `{name}` places in the text in `lang`, in order (for tests that
    /// check a table's texts agree on their places in both languages).
    pub fn places(&self, lang: Lang) -> Vec<&str> {
        let mut names = Vec::new();
        let mut rest = self.get(lang);
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    names.push(&after[..close]);
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENT: Text = Text::new("Sendt til {clinic}.", "Sent to {clinic}.");

    #[test]
    fn a_text_is_read_in_the_chosen_language() {
        assert_eq!(SENT.get(Lang::Da), "Sendt til {clinic}.");
        assert_eq!(SENT.get(Lang::En), "Sent to {clinic}.");
    }

    #[test]
    fn fill_puts_each_value_in_its_place() {
        let clinic = "Rusmiddelcenter Nord";
        assert_eq!(
            SENT.fill(Lang::Da, &[("clinic", &clinic)]),
            "Sendt til Rusmiddelcenter Nord."
        );
        let progress = Text::new("Side {n} af {total}", "Page {n} of {total}");
        assert_eq!(
            progress.fill(Lang::En, &[("total", &7), ("n", &2)]),
            "Page 2 of 7"
        );
    }

    #[test]
    fn a_place_without_a_value_stays_visible() {
        assert_eq!(SENT.fill(Lang::Da, &[]), "Sendt til {clinic}.");
        let odd = Text::new("a { b", "a } b {");
        assert_eq!(odd.fill(Lang::Da, &[("b", &1)]), "a { b");
        assert_eq!(odd.fill(Lang::En, &[]), "a } b {");
    }

    #[test]
    fn places_lists_the_names_in_order() {
        let t = Text::new("{a} og {b}", "{b} and {a}");
        assert_eq!(t.places(Lang::Da), ["a", "b"]);
        assert_eq!(t.places(Lang::En), ["b", "a"]);
    }

    #[test]
    fn texts_from_data_need_both_languages() {
        let t: Text = serde_json::from_str(r#"{"da":"Ja","en":"Yes"}"#).unwrap();
        assert_eq!(t, Text::new("Ja", "Yes"));
        assert!(serde_json::from_str::<Text>(r#"{"da":"Ja"}"#).is_err());
    }

    #[test]
    fn tags_name_the_languages() {
        assert_eq!(Lang::from_tag("da-DK"), Some(Lang::Da));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("sv"), None);
        assert_eq!(Lang::En.tag(), "en");
    }
}
