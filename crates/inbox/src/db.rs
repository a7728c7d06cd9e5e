//! The envelope store: one SQLite file in WAL mode. An envelope is stored once per id; a
//! write is answered only after its commit is durable (`synchronous = FULL`).

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

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

/// The database.
pub struct Db {
    conn: Mutex<Connection>,
}

impl Db {
    /// Opens (creating) the database file.
    pub fn open(path: &Path) -> rusqlite::Result<Db> {
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
            CREATE INDEX IF NOT EXISTS envelopes_by_clinic ON envelopes (clinic, seq);",
        )?;
        Ok(Db {
            conn: Mutex::new(conn),
        })
    }

    /// Stores an envelope exactly once.
    pub fn store(&self, row: &Row<'_>) -> rusqlite::Result<Stored> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let inserted = conn.execute(
            "INSERT INTO envelopes (id, clinic, key_id, form, timepoint, day, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING",
            params![
                row.id,
                row.clinic,
                row.key_id,
                row.form,
                row.timepoint,
                row.day,
                row.body
            ],
        )?;
        if inserted == 1 {
            return Ok(Stored::Created);
        }
        let existing: Option<Vec<u8>> = conn
            .query_row(
                "SELECT body FROM envelopes WHERE id = ?1",
                params![row.id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(if existing.as_deref() == Some(row.body) {
            Stored::Repeat
        } else {
            Stored::Conflict
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

    /// How many envelopes are stored (all clinics).
    pub fn count(&self) -> rusqlite::Result<i64> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        conn.query_row("SELECT COUNT(*) FROM envelopes", [], |r| r.get(0))
    }
}
