//! The envelope store: one SQLite file in WAL mode. An envelope is stored once per id; a
//! write is answered only after its commit is durable (`synchronous = FULL`).
//!
//! A deleted envelope (by the clinic, or by its retention setting) leaves a tombstone: its
//! id, clinic and the SHA-256 of its bytes, nothing of its content. A phone that resends it
//! (it never heard the 201) then gets 200 and the envelope is not stored a second time.
//!
//! Follow-up links (`links`) are stored by the SHA-256 of their token only.

mod links;

pub use links::{Link, LinkRefusal, LinkState, NewLink, Registered};

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// What storing an envelope did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// New: stored now.
    Created,
    /// The same bytes were already stored under this id.
    Repeat,
    /// Other bytes are stored under this id.
    Conflict,
}

/// What deleting an envelope did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// Deleted now.
    Now,
    /// It was deleted before.
    Already,
    /// The clinic has no envelope with this id.
    NotFound,
}

/// The clear metadata kept next to the ciphertext, for listing and retention.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub id: &'a str,
    pub clinic: &'a str,
    pub key_id: &'a str,
    pub form: &'a str,
    pub timepoint: &'a str,
    pub day: &'a str,
    pub body: &'a [u8],
}

impl<'a> Row<'a> {
    /// The row of an envelope whose clear metadata is `metadata` and bytes `body`.
    pub fn of(metadata: &'a asi_envelope::Metadata, body: &'a [u8]) -> Row<'a> {
        Row {
            id: metadata.id.as_str(),
            clinic: &metadata.clinic,
            key_id: metadata.key_id.as_str(),
            form: &metadata.form,
            timepoint: &metadata.timepoint,
            day: &metadata.day,
            body,
        }
    }
}

/// The database.
pub struct Db {
    conn: Mutex<Connection>,
}

impl Db {
    /// Opens (creating) the database file. The file, and the `-wal` and `-shm` files SQLite
    /// makes beside it (with the database file's mode), are readable by the inbox's user only
    /// (0600): they hold envelopes, link hashes and the days they came.
    pub fn open(path: &Path) -> Result<Db, OpenError> {
        private_files(path)?;
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS envelopes (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                clinic TEXT NOT NULL,
                key_id TEXT NOT NULL,
                form TEXT NOT NULL,
                timepoint TEXT NOT NULL,
                day TEXT NOT NULL,
                body BLOB NOT NULL
            );
            CREATE INDEX IF NOT EXISTS envelopes_by_clinic ON envelopes (clinic, seq);
            CREATE TABLE IF NOT EXISTS tombstones (
                id TEXT PRIMARY KEY,
                clinic TEXT NOT NULL,
                body_sha256 BLOB NOT NULL,
                deleted_day INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS links (
                token_sha256 TEXT PRIMARY KEY,
                clinic TEXT NOT NULL,
                form TEXT NOT NULL,
                timepoint TEXT NOT NULL,
                expires TEXT NOT NULL,
                envelope_id TEXT
            ) WITHOUT ROWID;",
        )?;
        // The day each envelope was stored (days since 1970-01-01), for retention; added in
        // place to databases made before it existed (their envelopes count as stored today).
        let has_day: bool = conn
            .prepare("SELECT 1 FROM pragma_table_info('envelopes') WHERE name = 'stored_day'")?
            .exists([])?;
        if !has_day {
            conn.execute_batch(&format!(
                "ALTER TABLE envelopes ADD COLUMN stored_day INTEGER NOT NULL DEFAULT {};",
                today()
            ))?;
        }
        Ok(Db {
            conn: Mutex::new(conn),
        })
    }

    /// Starts a write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// that what it reads first cannot change before it writes.
    fn write<T>(
        &self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Whether an envelope with this id was stored (or deleted) before: [`Stored::Repeat`]
    /// for the same bytes, [`Stored::Conflict`] for other bytes, `None` for a new id.
    pub fn previous(&self, id: &str, body: &[u8]) -> rusqlite::Result<Option<Stored>> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        previous(&conn, id, body)
    }

    /// Stores an envelope exactly once (also after it was deleted).
    pub fn store(&self, row: &Row<'_>) -> rusqlite::Result<Stored> {
        self.write(|tx| {
            if let Some(seen) = previous(tx, row.id, row.body)? {
                return Ok(seen);
            }
            insert(tx, row)?;
            Ok(Stored::Created)
        })
    }

    /// A clinic's envelopes after cursor `after`, oldest first: (cursor, body).
    pub fn list(
        &self,
        clinic: &str,
        after: i64,
        limit: u32,
    ) -> rusqlite::Result<Vec<(i64, Vec<u8>)>> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let mut stmt = conn.prepare_cached(
            "SELECT seq, body FROM envelopes WHERE clinic = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![clinic, after, limit], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        rows.collect()
    }

    /// Deletes clinic `clinic`'s envelope `id`, leaving a tombstone.
    pub fn delete(&self, clinic: &str, id: &str) -> rusqlite::Result<Deleted> {
        self.write(|tx| {
            let body: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT body FROM envelopes WHERE id = ?1 AND clinic = ?2",
                    params![id, clinic],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(match body {
                Some(body) => {
                    bury(tx, id, clinic, &body)?;
                    Deleted::Now
                }
                None if tx
                    .prepare_cached("SELECT 1 FROM tombstones WHERE id = ?1 AND clinic = ?2")?
                    .exists(params![id, clinic])? =>
                {
                    Deleted::Already
                }
                None => Deleted::NotFound,
            })
        })
    }

    /// Deletes up to `batch` of clinic `clinic`'s envelopes stored more than `days` days
    /// before `today` (days since 1970-01-01), oldest first, leaving tombstones, in one
    /// transaction. Returns how many; fewer than `batch` means none are left.
    /// [`crate::retention`] calls it until then, letting go of the write lock between
    /// batches, so envelopes arriving meanwhile wait one batch at most.
    pub fn expire(
        &self,
        clinic: &str,
        days: u32,
        today: i64,
        batch: u32,
    ) -> rusqlite::Result<usize> {
        self.write(|tx| {
            let old: Vec<(String, Vec<u8>)> = tx
                .prepare_cached(
                    "SELECT id, body FROM envelopes WHERE clinic = ?1 AND stored_day < ?2
                     ORDER BY seq LIMIT ?3",
                )?
                .query_map(params![clinic, today - i64::from(days), batch], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (id, body) in &old {
                bury(tx, id, clinic, body)?;
            }
            Ok(old.len())
        })
    }

    /// Sets the day an envelope counts as stored (for tests of retention).
    pub fn set_stored_day(&self, id: &str, day: i64) -> rusqlite::Result<()> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        conn.execute(
            "UPDATE envelopes SET stored_day = ?2 WHERE id = ?1",
            params![id, day],
        )?;
        Ok(())
    }

    /// How many envelopes are stored (all clinics).
    pub fn count(&self) -> rusqlite::Result<i64> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        conn.query_row("SELECT COUNT(*) FROM envelopes", [], |r| r.get(0))
    }
}

/// Why the database cannot be opened.
#[derive(Debug, Error)]
pub enum OpenError {
    /// The file (or its `-wal`/`-shm` companion) cannot be made private to the inbox's user.
    #[error("cannot make {path} readable by this user only (mode 0600): {source}")]
    Mode {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite refused.
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Creates the database file with mode 0600 if it is missing, and narrows an existing one
/// and its `-wal`/`-shm` files to 0600 (SQLite gives those the database file's mode).
fn private_files(path: &Path) -> Result<(), OpenError> {
    let mode = |path: &Path, source| OpenError::Mode {
        path: path.to_owned(),
        source,
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| mode(path, e))?;
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            let file = std::path::PathBuf::from(file);
            if file.exists() {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| mode(&file, e))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = mode;
    Ok(())
}

/// What [`Db::previous`] says, within a transaction or not.
fn previous(conn: &Connection, id: &str, body: &[u8]) -> rusqlite::Result<Option<Stored>> {
    let same = |yes: bool| {
        Some(if yes {
            Stored::Repeat
        } else {
            Stored::Conflict
        })
    };
    let tombstone: Option<Vec<u8>> = conn
        .prepare_cached("SELECT body_sha256 FROM tombstones WHERE id = ?1")?
        .query_row(params![id], |r| r.get(0))
        .optional()?;
    if let Some(hash) = tombstone {
        return Ok(same(hash == Sha256::digest(body).as_slice()));
    }
    let existing: Option<Vec<u8>> = conn
        .prepare_cached("SELECT body FROM envelopes WHERE id = ?1")?
        .query_row(params![id], |r| r.get(0))
        .optional()?;
    Ok(existing.and_then(|stored| same(stored == body)))
}

/// Inserts a new envelope (its id is neither stored nor tombstoned).
fn insert(conn: &Connection, row: &Row<'_>) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO envelopes (id, clinic, key_id, form, timepoint, day, body, stored_day)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        row.id,
        row.clinic,
        row.key_id,
        row.form,
        row.timepoint,
        row.day,
        row.body,
        today()
    ])?;
    Ok(())
}

/// Replaces an envelope by its tombstone.
fn bury(tx: &Connection, id: &str, clinic: &str, body: &[u8]) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO tombstones (id, clinic, body_sha256, deleted_day) VALUES (?1, ?2, ?3, ?4)",
        params![id, clinic, Sha256::digest(body).as_slice(), today()],
    )?;
    tx.execute("DELETE FROM envelopes WHERE id = ?1", params![id])?;
    Ok(())
}

/// Today, in days since 1970-01-01 (UTC).
pub fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64)
}
