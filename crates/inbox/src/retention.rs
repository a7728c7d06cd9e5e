//! Retention: each clinic's envelopes are deleted `retention_days` after they were stored
//! (leaving tombstones, `db`), at start and then every hour.

use std::sync::Arc;
use std::time::Duration;

use crate::api::AppState;
use crate::db::today;

/// The most envelopes deleted in one transaction: the write lock is held for one batch at a
/// time, so envelopes arriving during a large expiry wait a few milliseconds, not the whole
/// expiry.
pub const BATCH: u32 = 500;

/// How often expired envelopes are looked for.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

/// Deletes every clinic's expired envelopes as of `today` (days since 1970-01-01), [`BATCH`]
/// at a time; returns how many were deleted.
pub fn expire_all(state: &AppState, today: i64) -> rusqlite::Result<usize> {
    let mut deleted = 0;
    for clinic in &state.config.clinics {
        if let Some(days) = clinic.retention_days {
            loop {
                let n = state.db.expire(&clinic.id, days, today, BATCH)?;
                deleted += n;
                if n < BATCH as usize {
                    break;
                }
            }
        }
    }
    Ok(deleted)
}

/// Runs [`expire_all`] now and every [`EVERY`], for as long as the server runs.
pub async fn run(state: Arc<AppState>) {
    let mut ticks = tokio::time::interval(EVERY);
    loop {
        ticks.tick().await;
        let state = state.clone();
        let outcome = tokio::task::spawn_blocking(move || expire_all(&state, today())).await;
        match outcome {
            Ok(Ok(0)) => {}
            Ok(Ok(n)) => println!("asi-inbox: retention deleted {n} envelopes"),
            Ok(Err(e)) => eprintln!("asi-inbox: retention failed: {e}"),
            Err(e) => eprintln!("asi-inbox: retention failed: {e}"),
        }
    }
}
