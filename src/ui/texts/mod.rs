//! The interface's own words, in Danish and English, one module per screen (and
//! [`common`] for the frame around them and words several screens share). Question texts
//! come from the instrument data; these are only the interface around them.
//!
//! Every text is an [`asi_i18n::Text`] — the product's one bilingual text type — written
//! `pub static NAME: Text = Text::new("dansk", "English");`, so a missing translation does
//! not compile. The tables hold no logic: where a text depends on a value it names the place
//! (`{clinic}`, `{n}`) and the screen fills it in ([`Text::fill`]); which text to show
//! (a plural, a refusal's reason) is decided by the screen that shows it.

pub mod boot;
pub mod common;
pub mod fields;
pub mod idle;
pub mod read_aloud;
pub mod result;
pub mod review;
pub mod section;
pub mod send;
pub mod start;
pub mod takeover;

use asi_i18n::{Lang, Text};
use leptos::prelude::*;

use super::shared::use_lang;

/// An interface text that follows the language switch, for views and attributes. Every text
/// shares this one closure type, so the view code that renders a reactive text is compiled
/// once rather than once per text (a smaller app).
pub fn tr(text: &'static Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}

/// The name of a control that says what it acts on, following the language switch: its
/// word, then the title of what it acts on ("Ret Alkohol", "Fortsæt Trivsel & forbrug").
pub fn naming(
    word: &'static Text,
    what: &'static Text,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        format!("{} {}", word.get(lang), what.get(lang))
    }
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::borrow::Cow;
    use std::path::{Path, PathBuf};

    use super::*;

    /// Reads the string literal at the start of `source` (after blanks and a comma): its
    /// text and the rest of the source.
    fn literal(source: &str) -> Option<(String, &str)> {
        let body = source
            .trim_start()
            .trim_start_matches(',')
            .trim_start()
            .strip_prefix('"')?;
        let mut text = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Some((text, &body[i + 1..])),
                '\\' => text.extend(chars.next().map(|(_, c)| c)),
                c => text.push(c),
            }
        }
        None
    }

    /// Every `Text::new("…", "…")` written in the texts module `file`.
    fn texts_in(file: &Path) -> Vec<Text> {
        let source = std::fs::read_to_string(file).unwrap();
        let mut texts = Vec::new();
        for (at, call) in source.match_indices("Text::new(") {
            let after = &source[at + call.len()..];
            let (da, rest) = literal(after).unwrap_or_else(|| panic!("{file:?}: {after:.40}"));
            let (en, _) = literal(rest).unwrap_or_else(|| panic!("{file:?}: {rest:.40}"));
            texts.push(Text {
                da: Cow::Owned(da),
                en: Cow::Owned(en),
            });
        }
        texts
    }

    /// The texts of every table (each module of this directory but this one).
    fn every_text() -> Vec<(PathBuf, Text)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/texts");
        let mut all = Vec::new();
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.file_name().is_some_and(|name| name != "mod.rs") {
                all.extend(texts_in(&file).into_iter().map(|t| (file.clone(), t)));
            }
        }
        all
    }

    #[test]
    fn every_text_has_the_same_places_in_danish_and_english() {
        let all = every_text();
        // Every table was read: the app has well over a hundred texts.
        assert!(all.len() > 100, "only {} texts found", all.len());
        for (file, text) in all {
            let mut da = text.places(Lang::Da);
            let mut en = text.places(Lang::En);
            da.sort_unstable();
            en.sort_unstable();
            assert_eq!(da, en, "{file:?}: {:?} / {:?}", text.da, text.en);
        }
    }

    #[test]
    fn the_tables_are_read_as_they_are_compiled() {
        let read = every_text();
        for compiled in [&send::SENT, &common::BACK, &result::WELLBEING_YOU] {
            assert!(read.iter().any(|(_, t)| t == compiled), "{compiled:?}");
        }
        // A place missing from one language would be caught.
        let lopsided = Text::new("Sendt til {clinic}.", "Sent.");
        assert_ne!(lopsided.places(Lang::Da), lopsided.places(Lang::En));
    }
}
