//! Files that must stay private (a private key, the list linking people to their tokens):
//! created with mode 0600, never overwriting an existing file.

use std::fs::{File, OpenOptions};
use std::path::Path;

use crate::error::CliError;

/// Creates `path` for writing, readable by its owner only; fails if it exists.
pub fn create(path: &Path) -> Result<File, CliError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|source| CliError::WriteFile {
        path: path.to_owned(),
        source,
    })
}

/// `result`; when it is an error and an output file was claimed at `path` (`out`), the file
/// is closed and removed first, so a command that failed leaves no partial file behind.
pub fn discard_on_error<T>(
    result: Result<T, CliError>,
    out: &mut Option<File>,
    path: Option<&Path>,
) -> Result<T, CliError> {
    if result.is_err()
        && let Some(path) = path
    {
        drop(out.take());
        let _ = std::fs::remove_file(path);
    }
    result
}

/// Writes `bytes` to the claimed file `out` at `path` and makes it durable, or to standard
/// output when no file was claimed.
pub fn write_out(
    out: &mut Option<File>,
    path: Option<&Path>,
    bytes: &[u8],
) -> Result<(), CliError> {
    use std::io::Write;
    match (out, path) {
        (Some(file), Some(path)) => file
            .write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|source| CliError::WriteFile {
                path: path.to_owned(),
                source,
            }),
        _ => Ok(std::io::stdout().lock().write_all(bytes)?),
    }
}
