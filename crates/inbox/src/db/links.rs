//! Follow-up links: one row per link, keyed by the SHA-256 (hex) of its token — the inbox
//! never sees an unused token. A link is used by exactly one envelope: storing that envelope
//! and marking the link happen in one transaction.

use rusqlite::{Connection, OptionalExtension, params};

pub use asi_protocol::{LinkState, NewLink};
use rusqlite::TransactionBehavior;

use super::{Db, Row, Stored, insert, previous};

/// A registered link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The clinic that registered it.
    pub clinic: String,
    /// The form it asks for.
    pub form: String,
    /// The timepoint it asks for.
    pub timepoint: String,
    /// Its last valid day (UTC).
    pub expires: String,
    /// The envelope that used it, once used.
    pub envelope_id: Option<String>,
}

/// What registering a batch of links did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// All registered (or already registered identically); this many are new.
    Created(usize),
    /// This hash is registered with other fields (or by another clinic); nothing was
    /// registered.
    Conflict(String),
}

/// Why an envelope with a token is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRefusal {
    /// No link of the envelope's clinic has this token.
    Unknown,
    /// The link asks for another form or timepoint than the envelope answers.
    Mismatch {
        /// The link's form.
        form: String,
        /// The link's timepoint.
        timepoint: String,
    },
    /// The link's last day is past.
    Expired {
        /// Its last day.
        expires: String,
    },
    /// Another envelope used the link.
    Used,
}

impl Link {
    /// The link's state on `today` (`YYYY-MM-DD`).
    pub fn state(&self, today: &str) -> LinkState {
        match &self.envelope_id {
            Some(_) => LinkState::Used,
            // ISO days compare as text.
            None if today > self.expires.as_str() => LinkState::Expired,
            None => LinkState::Open,
        }
    }
}

impl Db {
    /// Registers `links` for `clinic`, all or none.
    pub fn register_links(&self, clinic: &str, links: &[NewLink]) -> rusqlite::Result<Registered> {
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut created = 0;
        for link in links {
            let inserted = tx
                .prepare_cached(
                    "INSERT INTO links (token_sha256, clinic, form, timepoint, expires)
                     VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (token_sha256) DO NOTHING",
                )?
                .execute(params![
                    link.token_sha256,
                    clinic,
                    link.form,
                    link.timepoint,
                    link.expires
                ])?;
            if inserted == 1 {
                created += 1;
                continue;
            }
            let existing = find(&tx, &link.token_sha256)?;
            let same = existing.is_some_and(|e| {
                e.clinic == clinic
                    && e.form == link.form
                    && e.timepoint == link.timepoint
                    && e.expires == link.expires
            });
            if !same {
                // Dropping the transaction rolls back the links registered before this one.
                return Ok(Registered::Conflict(link.token_sha256.clone()));
            }
        }
        tx.commit()?;
        Ok(Registered::Created(created))
    }

    /// The link whose token has SHA-256 `token_sha256`.
    pub fn link(&self, token_sha256: &str) -> rusqlite::Result<Option<Link>> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        find(&conn, token_sha256)
    }

    /// Stores an envelope that answers the link with token hash `token_sha256`, and marks the
    /// link used by it, in one transaction. An envelope stored (or deleted) before is answered
    /// as by [`Db::store`] whatever the link's state; otherwise the link must be the
    /// envelope's clinic's, for its form and timepoint, open on `today`, and unused.
    pub fn store_linked(
        &self,
        row: &Row<'_>,
        token_sha256: &str,
        today: &str,
    ) -> rusqlite::Result<Result<Stored, LinkRefusal>> {
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(seen) = previous(&tx, row.id, row.body)? {
            return Ok(Ok(seen));
        }
        let link = match find(&tx, token_sha256)? {
            Some(link) if link.clinic == row.clinic => link,
            _ => return Ok(Err(LinkRefusal::Unknown)),
        };
        if link.form != row.form || link.timepoint != row.timepoint {
            return Ok(Err(LinkRefusal::Mismatch {
                form: link.form,
                timepoint: link.timepoint,
            }));
        }
        match link.state(today) {
            LinkState::Used => return Ok(Err(LinkRefusal::Used)),
            LinkState::Expired => {
                return Ok(Err(LinkRefusal::Expired {
                    expires: link.expires,
                }));
            }
            LinkState::Open => {}
        }
        insert(&tx, row)?;
        tx.execute(
            "UPDATE links SET envelope_id = ?2 WHERE token_sha256 = ?1 AND envelope_id IS NULL",
            params![token_sha256, row.id],
        )?;
        tx.commit()?;
        Ok(Ok(Stored::Created))
    }
}

/// The link with this token hash.
fn find(conn: &Connection, token_sha256: &str) -> rusqlite::Result<Option<Link>> {
    conn.prepare_cached(
        "SELECT clinic, form, timepoint, expires, envelope_id FROM links WHERE token_sha256 = ?1",
    )?
    .query_row(params![token_sha256], |r| {
        Ok(Link {
            clinic: r.get(0)?,
            form: r.get(1)?,
            timepoint: r.get(2)?,
            expires: r.get(3)?,
            envelope_id: r.get(4)?,
        })
    })
    .optional()
}
