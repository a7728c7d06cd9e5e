//! The clinic's reader token for the inbox, kept off the command line where it can be: from
//! `--token-file FILE`, `--token TOKEN` (visible to other users in `ps`) or the environment
//! variable [`ENV`], in that order.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use asi_instrument::Lang;

use crate::cli::ReaderTokenArgs;
use crate::error::CliError;

/// The environment variable read when neither `--token-file` nor `--token` is given.
pub const ENV: &str = "ASI_READER_TOKEN";

/// A reader token and where it came from (for messages: "check --token-file FILE").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderToken {
    /// The token, trimmed.
    pub value: String,
    /// `--token-file FILE`, `--token` or `ASI_READER_TOKEN`.
    pub from: String,
}

impl ReaderTokenArgs {
    /// The reader token from the first source given; a warning on standard error (in
    /// `lang`) when the token file is open to others than its owner.
    pub fn resolve(&self, lang: Lang) -> Result<ReaderToken, CliError> {
        if let Some(path) = &self.token_file {
            let from = format!("--token-file {}", path.display());
            let text = read_private(path, lang)?;
            let value = text.lines().map(str::trim).find(|l| !l.is_empty());
            return token(value, from);
        }
        if let Some(value) = &self.token {
            return token(Some(value.trim()), "--token".to_owned());
        }
        match std::env::var(ENV) {
            Ok(value) => token(Some(value.trim()), ENV.to_owned()),
            Err(std::env::VarError::NotPresent) => Err(CliError::NoReaderToken),
            Err(std::env::VarError::NotUnicode(_)) => Err(CliError::ReaderTokenNotUnicode),
        }
    }
}

fn token(value: Option<&str>, from: String) -> Result<ReaderToken, CliError> {
    match value {
        Some(value) if !value.is_empty() => Ok(ReaderToken {
            value: value.to_owned(),
            from,
        }),
        _ => Err(CliError::EmptyReaderToken { from }),
    }
}

/// Reads `path`, warning when its mode lets others than the owner at it.
fn read_private(path: &Path, lang: Lang) -> Result<String, CliError> {
    let fail = |source| CliError::ReadToken {
        path: path.to_owned(),
        source,
    };
    let mut file = File::open(path).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata().map_err(fail)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            eprintln!("{}", open_file_warning(path, mode, lang));
        }
    }
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(fail)?;
    Ok(text)
}

/// The warning for a token file with `mode` (permission bits) wider than 0600.
fn open_file_warning(path: &Path, mode: u32, lang: Lang) -> String {
    texts::OPEN_FILE.fill(
        lang,
        &[("path", &path.display()), ("mode", &format!("{mode:04o}"))],
    )
}

/// The texts of the reader token.
pub mod texts {
    asi_i18n::texts! {
        OPEN_FILE = (
            "asi: advarsel: andre end ejeren har adgang til {path} (rettigheder {mode}); med læsetokenet kan man hente og slette klinikkens konvolutter i indbakken. Kør: chmod 600 {path}",
            "asi: warning: others than its owner have access to {path} (mode {mode}); the reader token lets its holder fetch and delete the clinic's envelopes at the inbox. Run: chmod 600 {path}",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_names_the_file_and_its_mode() {
        let w = open_file_warning(Path::new(".demo/reader-token"), 0o644, Lang::Da);
        assert!(w.contains("(rettigheder 0644)"), "{w}");
        assert!(w.ends_with("chmod 600 .demo/reader-token"), "{w}");
        let w = open_file_warning(Path::new("t"), 0o640, Lang::En);
        assert!(w.contains("(mode 0640)"), "{w}");
    }
}
