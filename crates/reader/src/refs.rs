//! The clinic's person references: the `ref,token,url` CSV that `asi links` writes
//! (`docs/links.md` §2), read into a map from token to reference.

use std::collections::BTreeMap;

use asi_instrument::Lang;
use serde::Serialize;
use thiserror::Error;

/// The columns the reader needs; other columns (`url`) are ignored.
const REF: &str = "ref";
const TOKEN: &str = "token";

/// Which of the clinic's references each link token belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Refs(BTreeMap<String, String>);

/// Why a references file cannot be read. Line numbers count from 1, the header included.
/// `Display` is the English message.
#[derive(Debug, Error)]
#[error("{}", self.message(Lang::En))]
pub enum RefsError {
    /// The file is empty or its first row is not a header.
    MissingHeader,
    /// The header lacks a column the reader needs.
    MissingColumn(&'static str),
    /// A row has an empty reference or token.
    EmptyField {
        /// The line of the row.
        line: u64,
        /// The empty column.
        column: &'static str,
    },
    /// One token on two rows: the file was edited or two files were joined wrongly.
    DuplicateToken {
        /// The token's first characters.
        prefix: String,
        /// The line it was first on.
        first_line: u64,
        /// The line it is repeated on.
        line: u64,
    },
    /// Not CSV (for example unbalanced quotes or rows of different lengths).
    Csv(#[from] csv::Error),
}

impl RefsError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use texts::*;
        match self {
            RefsError::MissingHeader => MISSING_HEADER.get(lang).to_owned(),
            RefsError::MissingColumn(column) => MISSING_COLUMN.fill(lang, &[("column", column)]),
            RefsError::EmptyField { line, column } => {
                EMPTY_FIELD.fill(lang, &[("line", line), ("column", column)])
            }
            RefsError::DuplicateToken {
                prefix,
                first_line,
                line,
            } => DUPLICATE_TOKEN.fill(
                lang,
                &[
                    ("prefix", prefix),
                    ("first_line", first_line),
                    ("line", line),
                ],
            ),
            RefsError::Csv(e) => CSV.fill(lang, &[("reason", e)]),
        }
    }
}

/// The texts of [`RefsError`].
pub mod texts {
    asi_i18n::texts! {
        MISSING_HEADER = (
            "filen med referencer har ingen overskriftsrække: dens første række skal navngive kolonnerne `ref,token,url`, som `asi links` skriver dem",
            "the references file has no header row: its first row must name the columns `ref,token,url`, as `asi links` writes them",
        );
        MISSING_COLUMN = (
            "filen med referencer har ingen kolonne `{column}` i sin overskrift (forventet `ref,token,url`)",
            "the references file has no `{column}` column in its header (expected `ref,token,url`)",
        );
        EMPTY_FIELD = (
            "linje {line} i filen med referencer har en tom `{column}`",
            "line {line} of the references file has an empty `{column}`",
        );
        DUPLICATE_TOKEN = (
            "tokenet, der begynder {prefix}…, står på linje {first_line} og igen på linje {line} i filen med referencer; et token hører kun til én person",
            "the token beginning {prefix}… is on line {first_line} and again on line {line} of the references file; a token belongs to one person only",
        );
        CSV = (
            "filen med referencer er ikke gyldig CSV: {reason}",
            "the references file is not valid CSV: {reason}",
        );
    }
}

/// The first characters of a token, enough to recognise it on screen without showing it
/// whole.
pub fn token_prefix(token: &str) -> String {
    token.chars().take(8).collect()
}

impl Refs {
    /// Reads the CSV `asi links` writes: a header row naming at least `ref` and `token` (in
    /// any order), then one row per link. A row repeating the header (two files joined with
    /// `cat`) is skipped.
    pub fn parse(text: &str) -> Result<Refs, RefsError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = records.next().ok_or(RefsError::MissingHeader)??;
        let column = |name| header.iter().position(|h| h.trim() == name);
        let (ref_at, token_at) = match (column(REF), column(TOKEN)) {
            (Some(r), Some(t)) => (r, t),
            (None, None) => return Err(RefsError::MissingHeader),
            (None, Some(_)) => return Err(RefsError::MissingColumn(REF)),
            (Some(_), None) => return Err(RefsError::MissingColumn(TOKEN)),
        };
        let mut map = BTreeMap::new();
        let mut lines: BTreeMap<String, u64> = BTreeMap::new();
        for record in records {
            let record = record?;
            if record == header {
                continue;
            }
            let line = record.position().map_or(0, |p| p.line());
            let field = |at: usize, column: &'static str| match record.get(at).map(str::trim) {
                Some(value) if !value.is_empty() => Ok(value.to_owned()),
                _ => Err(RefsError::EmptyField { line, column }),
            };
            let (reference, token) = (field(ref_at, REF)?, field(token_at, TOKEN)?);
            if let Some(&first_line) = lines.get(&token) {
                return Err(RefsError::DuplicateToken {
                    prefix: token_prefix(&token),
                    first_line,
                    line,
                });
            }
            lines.insert(token.clone(), line);
            map.insert(token, reference);
        }
        Ok(Refs(map))
    }

    /// The reference a token belongs to.
    pub fn get(&self, token: &str) -> Option<&str> {
        self.0.get(token).map(String::as_str)
    }

    /// How many tokens are known.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no token is known.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every (token, reference) pair, in token order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(t, r)| (t.as_str(), r.as_str()))
    }
}

impl<T: Into<String>, R: Into<String>> FromIterator<(T, R)> for Refs {
    fn from_iter<I: IntoIterator<Item = (T, R)>>(pairs: I) -> Refs {
        Refs(
            pairs
                .into_iter()
                .map(|(t, r)| (t.into(), r.into()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_the_same_places_in_danish_and_english() {
        assert_eq!(
            asi_i18n::places_disagree(&[texts::ALL]),
            Vec::<String>::new()
        );
    }

    const TOKEN_A: &str = "k3Jd9sQp2xVb7LmN4tRw8AFz0cWqe1YhU5oTg6iKjLM";
    const TOKEN_B: &str = "Zz9sQp2xVb7LmN4tRw8AFz0cWqe1YhU5oTg6iKjLMk3";

    #[test]
    fn reads_the_file_asi_links_writes() {
        let text = format!(
            "ref,token,url\nP-001,{TOKEN_A},http://x/?klinik=demo#token={TOKEN_A}\n\
             \"Jensen, P-002\",{TOKEN_B},http://x/#token={TOKEN_B}\n"
        );
        let refs = Refs::parse(&text).unwrap();
        assert_eq!(refs.len(), 2);
        assert_eq!(refs.get(TOKEN_A), Some("P-001"));
        assert_eq!(refs.get(TOKEN_B), Some("Jensen, P-002"));
        assert_eq!(refs.get("unknown"), None);
    }

    #[test]
    fn columns_may_come_in_any_order_and_a_repeated_header_is_skipped() {
        let text = format!("token,ref\n{TOKEN_A},P-001\ntoken,ref\n{TOKEN_B},P-002\n");
        let refs = Refs::parse(&text).unwrap();
        assert_eq!(refs.get(TOKEN_B), Some("P-002"));
        assert_eq!(refs.len(), 2);
    }

    #[test]
    fn a_file_without_a_header_is_refused() {
        let text = format!("P-001,{TOKEN_A},http://x\n");
        let err = Refs::parse(&text).unwrap_err();
        assert!(matches!(err, RefsError::MissingHeader), "{err}");
        assert!(err.to_string().contains("ref,token,url"));
        assert!(matches!(Refs::parse(""), Err(RefsError::MissingHeader)));
    }

    #[test]
    fn a_header_without_the_token_column_is_refused() {
        let err = Refs::parse("ref,url\nP-001,http://x\n").unwrap_err();
        assert!(matches!(err, RefsError::MissingColumn("token")), "{err}");
        assert!(matches!(
            Refs::parse("token\nabc\n"),
            Err(RefsError::MissingColumn("ref"))
        ));
    }

    #[test]
    fn a_duplicate_token_names_both_lines() {
        let text =
            format!("ref,token,url\nP-001,{TOKEN_A},u\nP-002,{TOKEN_B},u\nP-003,{TOKEN_A},u\n");
        let err = Refs::parse(&text).unwrap_err();
        match &err {
            RefsError::DuplicateToken {
                prefix,
                first_line,
                line,
            } => {
                assert_eq!(prefix, "k3Jd9sQp");
                assert_eq!((*first_line, *line), (2, 4));
            }
            other => panic!("{other}"),
        }
        assert!(
            !err.to_string().contains(TOKEN_A),
            "the whole token is not shown"
        );
    }

    #[test]
    fn an_empty_token_and_bad_csv_are_refused() {
        assert!(matches!(
            Refs::parse("ref,token,url\nP-001,,u\n"),
            Err(RefsError::EmptyField {
                line: 2,
                column: "token"
            })
        ));
        assert!(matches!(
            Refs::parse("ref,token,url\nP-001,abc\n"),
            Err(RefsError::Csv(_))
        ));
    }
}
