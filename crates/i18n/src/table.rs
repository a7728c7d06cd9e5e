//! Tables of texts: [`texts!`](crate::texts) declares them, [`places_disagree`] checks them.

use crate::{Lang, Text};

/// Declares a table of texts: one `pub const NAME: Text` per line, Danish first, and `ALL`,
/// every text of the table with its name. A table holds words only; the code that uses it
/// picks the text and fills its `{name}` places ([`Text::fill`]). One table per module, so
/// each module's `ALL` is its own; a test per table checks it with [`places_disagree`].
///
/// ```
/// mod texts {
///     asi_i18n::texts! {
///         /// The summary after a check.
///         SUMMARY = ("{n} af {total} er gyldige.", "{n} of {total} are valid.");
///         DONE = ("Færdig.", "Done.");
///     }
/// }
/// assert_eq!(texts::DONE.get(asi_i18n::Lang::En), "Done.");
/// assert_eq!(texts::ALL.len(), 2);
/// assert!(asi_i18n::places_disagree(&[texts::ALL]).is_empty());
/// ```
#[macro_export]
macro_rules! texts {
    ($($(#[$attr:meta])* $name:ident = ($da:expr, $en:expr $(,)?);)+) => {
        $($(#[$attr])* pub const $name: $crate::Text = $crate::Text::new($da, $en);)+
        /// Every text of this table, by name.
        pub const ALL: &[(&str, &$crate::Text)] = &[$((stringify!($name), &$name)),+];
    };
}

/// One table: every text with its name, as [`texts!`](crate::texts) lists them in `ALL`.
pub type Table<'a> = &'a [(&'a str, &'a Text)];

/// The texts of `tables` whose `{name}` places are not the same in Danish and English (in
/// any order), each said as `NAME: da [..] ≠ en [..]`; empty when every text agrees.
pub fn places_disagree(tables: &[Table<'_>]) -> Vec<String> {
    tables
        .iter()
        .flat_map(|table| table.iter())
        .filter_map(|(name, text)| {
            let [mut da, mut en] = Lang::ALL.map(|lang| text.places(lang));
            da.sort_unstable();
            en.sort_unstable();
            (da != en).then(|| format!("{name}: da {da:?} ≠ en {en:?}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::texts! {
        SAME = ("{a} og {b}", "{b} and {a}");
        PLAIN = ("Ja", "Yes");
        ONE_MISSING = ("Side {n} af {total}", "Page {n}");
    }

    #[test]
    fn a_table_lists_every_text_and_names_those_whose_places_differ() {
        assert_eq!(ALL.len(), 3);
        assert_eq!(ALL[1], ("PLAIN", &PLAIN));
        assert_eq!(
            places_disagree(&[ALL]),
            ["ONE_MISSING: da [\"n\", \"total\"] ≠ en [\"n\"]"]
        );
    }
}
