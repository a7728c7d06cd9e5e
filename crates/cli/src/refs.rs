//! The clinic's person references for `asi links`: a CSV file whose first column is the
//! reference; a first row whose first field is exactly `ref` is a header. References stay
//! on the clinic's machine.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use asi_instrument::Lang;
use thiserror::Error;

use crate::error::CliError;

/// What is wrong with the references. `Display` is the English message.
#[derive(Debug, Error)]
#[error("{}", self.message(Lang::En))]
pub enum RefsError {
    /// A row is not CSV.
    Csv {
        /// The line.
        line: u64,
        /// The CSV reader's reason.
        detail: String,
    },
    /// A row's first field is empty.
    Empty {
        /// The line.
        line: u64,
    },
    /// A reference is on two rows.
    Duplicate {
        /// The later line.
        line: u64,
        /// The first line with it.
        first: u64,
        /// The reference.
        reference: String,
    },
    /// There is no reference at all.
    None,
}

impl RefsError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use texts::*;
        match self {
            RefsError::Csv { line, detail } => {
                CSV.fill(lang, &[("line", line), ("reason", detail)])
            }
            RefsError::Empty { line } => EMPTY.fill(lang, &[("line", line)]),
            RefsError::Duplicate {
                line,
                first,
                reference,
            } => DUPLICATE.fill(
                lang,
                &[("line", line), ("first", first), ("reference", reference)],
            ),
            RefsError::None => NONE.get(lang).to_owned(),
        }
    }
}

/// The texts of [`RefsError`].
pub mod texts {
    asi_i18n::texts! {
        CSV = ("linje {line}: ikke gyldig CSV ({reason})", "line {line}: not CSV ({reason})");
        EMPTY = ("linje {line}: referencen er tom", "line {line}: the reference is empty");
        DUPLICATE = (
            "linje {line}: referencen «{reference}» står også på linje {first}",
            "line {line}: the reference \"{reference}\" is also on line {first}",
        );
        NONE = ("der er ingen referencer", "there are no references");
    }
}

/// The references in `path` (`-` or nothing: standard input), in order, each once.
pub fn read(path: Option<&Path>) -> Result<Vec<String>, CliError> {
    let mut text = String::new();
    let shown = path.unwrap_or(Path::new("-"));
    let read = match path {
        None => std::io::stdin().read_to_string(&mut text),
        Some(p) if p == Path::new("-") => std::io::stdin().read_to_string(&mut text),
        Some(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_string(&mut text)),
    };
    read.map_err(|source| CliError::Read {
        path: shown.to_owned(),
        source,
    })?;
    parse(&text).map_err(CliError::Refs)
}

/// The references in CSV `text`.
pub fn parse(text: &str) -> Result<Vec<String>, RefsError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut refs: Vec<String> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| RefsError::Csv {
            line: e.position().map_or(0, |p| p.line()),
            detail: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let reference = record.get(0).unwrap_or("").trim();
        if index == 0 && record.get(0) == Some("ref") {
            continue;
        }
        if reference.is_empty() {
            return Err(RefsError::Empty { line });
        }
        if let Some(&first) = seen.get(reference) {
            return Err(RefsError::Duplicate {
                line,
                first,
                reference: reference.to_owned(),
            });
        }
        seen.insert(reference.to_owned(), line);
        refs.push(reference.to_owned());
    }
    if refs.is_empty() {
        return Err(RefsError::None);
    }
    Ok(refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_row_ref_is_a_header_and_other_columns_are_ignored() {
        assert_eq!(
            parse("ref,name\nA-17,Jens\nB-2,\n").unwrap(),
            ["A-17", "B-2"]
        );
        assert_eq!(parse("A-17\nref\n").unwrap(), ["A-17", "ref"]);
        assert_eq!(parse("\"Ref\"\nx\n").unwrap(), ["Ref", "x"]);
    }

    #[test]
    fn empty_and_repeated_references_name_their_lines() {
        assert_eq!(
            parse("ref\na\n,x\n").unwrap_err().message(Lang::Da),
            "linje 3: referencen er tom"
        );
        assert_eq!(
            parse("a\nb\n a\n").unwrap_err().message(Lang::Da),
            "linje 3: referencen «a» står også på linje 1"
        );
        assert_eq!(
            parse("a\nb\na\n").unwrap_err().message(Lang::En),
            "line 3: the reference \"a\" is also on line 1"
        );
        assert!(matches!(parse("ref\n"), Err(RefsError::None)));
        assert!(matches!(parse(""), Err(RefsError::None)));
    }
}
