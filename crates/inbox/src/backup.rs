//! `asi-inbox backup`: a consistent copy of the database, taken while the inbox keeps
//! serving (`docs/operations.md`, "Backup and restore").
//!
//! The copy is SQLite's `VACUUM INTO`: one read transaction on the database, so the copy is
//! the database as it stood at one instant — every envelope acknowledged (201) before the
//! backup began is in it, since the inbox answers only after its commit — while the inbox
//! goes on writing (in WAL mode a reader never holds up a writer). The copy is compact (no
//! free pages) and has no `-wal` file of its own. It is written into a file this command
//! creates with mode 0600, never over an existing one, flushed to the disk, and checked with
//! `PRAGMA integrity_check` before the backup counts as made; a copy that fails the check is
//! removed.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

/// What a backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Envelopes stored.
    pub envelopes: i64,
    /// Tombstones of deleted envelopes.
    pub tombstones: i64,
    /// Follow-up links registered.
    pub links: i64,
    /// The copy's size in bytes.
    pub bytes: u64,
}

/// Why no backup was made.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum BackupError {
    /// The database file is not there.
    #[error(
        "there is no database {0}: check `database` in the configuration (or ASI_INBOX_DATABASE)"
    )]
    NoDatabase(PathBuf),
    /// The target exists.
    #[error("{0} already exists: a backup never overwrites a file; name a new one")]
    Exists(PathBuf),
    /// The target cannot be created.
    #[error("cannot create {path}: {source}")]
    Create {
        /// The target.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The target's name cannot be given to SQLite.
    #[error("{0} is not a UTF-8 path; name the backup with one")]
    NotUtf8(PathBuf),
    /// The database cannot be read.
    #[error("cannot read the database {path}: {source}")]
    Open {
        /// The database.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// SQLite could not write the copy.
    #[error("copying the database into {path} failed, and the partial copy was removed: {source}")]
    Copy {
        /// The target.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// The copy cannot be flushed to the disk.
    #[error("cannot flush {path} to the disk, and the copy was removed: {source}")]
    Sync {
        /// The target.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The copy failed its check.
    #[error(
        "the copy {path} failed its check and was removed (PRAGMA integrity_check: {report}); the database itself may be damaged: keep the last good backup"
    )]
    Check {
        /// The target.
        path: PathBuf,
        /// What SQLite reported.
        report: String,
    },
}

/// Copies the inbox database `database` into the new file `to` (mode 0600), checks the copy
/// and says what it holds. Safe while the inbox runs.
pub fn backup(database: &Path, to: &Path) -> Result<Summary, BackupError> {
    if !database.is_file() {
        return Err(BackupError::NoDatabase(database.to_owned()));
    }
    let open = |source| BackupError::Open {
        path: database.to_owned(),
        source,
    };
    // Read-write (SQLite's shared memory of a WAL database needs it) but never created: a
    // wrong path is an error, not a new empty database.
    let source = Connection::open_with_flags(
        database,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(open)?;
    source
        .busy_timeout(std::time::Duration::from_secs(30))
        .map_err(open)?;
    // An inbox database, not some other file: the tables are there.
    source
        .query_row("SELECT COUNT(*) FROM envelopes", [], |r| r.get::<_, i64>(0))
        .map_err(open)?;

    // An absolute path: SQLite could read a name beginning with `file:` as a URI.
    let target = std::path::absolute(to).map_err(|source| BackupError::Create {
        path: to.to_owned(),
        source,
    })?;
    let name = target
        .to_str()
        .ok_or_else(|| BackupError::NotUtf8(to.to_owned()))?
        .to_owned();
    create_private(&target)?;
    // From here on the file is this command's: any failure removes it.
    let made = copy_and_check(&source, &name, &target);
    if made.is_err() {
        let _ = std::fs::remove_file(&target);
    }
    made
}

/// Creates `path` empty with mode 0600; refuses when it exists.
fn create_private(path: &Path) -> Result<(), BackupError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(BackupError::Exists(path.to_owned()))
        }
        Err(source) => Err(BackupError::Create {
            path: path.to_owned(),
            source,
        }),
    }
}

fn copy_and_check(source: &Connection, name: &str, target: &Path) -> Result<Summary, BackupError> {
    // Into the empty file made above (VACUUM INTO writes into an empty file and refuses any
    // other), which keeps its mode.
    source
        .execute("VACUUM INTO ?1", [name])
        .map_err(|source| BackupError::Copy {
            path: target.to_owned(),
            source,
        })?;
    let sync = |source| BackupError::Sync {
        path: target.to_owned(),
        source,
    };
    File::open(target)
        .and_then(|f| f.sync_all())
        .map_err(sync)?;
    #[cfg(unix)]
    if let Some(dir) = target.parent() {
        // The new directory entry, too.
        File::open(dir).and_then(|d| d.sync_all()).map_err(sync)?;
    }
    check(target)
}

/// Runs `PRAGMA integrity_check` on the copy (opened read-only) and counts what it holds.
fn check(target: &Path) -> Result<Summary, BackupError> {
    let failed = |report: String| BackupError::Check {
        path: target.to_owned(),
        report,
    };
    let copy = Connection::open_with_flags(
        target,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| failed(e.to_string()))?;
    let report: Vec<String> = copy
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| failed(e.to_string()))?;
    if report != ["ok"] {
        return Err(failed(report.join("; ")));
    }
    let count = |table: &str| {
        copy.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| failed(e.to_string()))
    };
    Ok(Summary {
        envelopes: count("envelopes")?,
        tombstones: count("tombstones")?,
        links: count("links")?,
        bytes: std::fs::metadata(target).map_or(0, |m| m.len()),
    })
}
