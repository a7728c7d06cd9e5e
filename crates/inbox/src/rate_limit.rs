//! The limits on envelopes without a link token: per clinic and per [`Budget`], at most the
//! clinic's `anonymous_per_hour` anonymous self-screenings and `identified_per_hour`
//! identified responses (intake on a tablet or an embedded form) new in any rolling hour.
//! The two budgets are separate, so a flood of anonymous self-tests (which anyone with the
//! clinic's public key can seal) cannot hold back the clinic's identified intakes. Kept in
//! memory and keyed by clinic id and budget only — never by an address or anything else of
//! the sender; a restart forgets it.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

/// The rolling window.
pub const WINDOW: Duration = Duration::from_secs(60 * 60);

/// Which of a clinic's budgets an envelope without a link token counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Budget {
    /// An anonymous self-screening (timepoint `self_screening`).
    Anonymous,
    /// Any other response without a link: identified intake.
    Identified,
}

impl Budget {
    /// The budget of a token-less envelope at `timepoint`.
    pub fn of(timepoint: &str) -> Budget {
        if timepoint == "self_screening" {
            Budget::Anonymous
        } else {
            Budget::Identified
        }
    }
}

/// The times (since the epoch) of each clinic's admissions within the last [`WINDOW`], per
/// budget.
#[derive(Debug, Default)]
pub struct RateLimiter {
    admitted: Mutex<HashMap<(String, Budget), VecDeque<Duration>>>,
}

/// Refused: the clinic had its limit within the last hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub Duration);

impl RateLimiter {
    /// Admits one envelope for `clinic`'s `budget` at `now` unless `limit` were admitted in
    /// the hour before; otherwise says how long until one may be.
    pub fn admit(
        &self,
        clinic: &str,
        budget: Budget,
        limit: u32,
        now: Duration,
    ) -> Result<(), RetryAfter> {
        let mut all = self.admitted.lock().unwrap_or_else(|e| e.into_inner());
        let times = all.entry((clinic.to_owned(), budget)).or_default();
        while times.front().is_some_and(|t| *t + WINDOW <= now) {
            times.pop_front();
        }
        if times.len() >= limit as usize {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(RetryAfter((oldest + WINDOW).saturating_sub(now)));
        }
        times.push_back(now);
        Ok(())
    }

    /// Takes back the admission made at `at` (the envelope turned out not to be new).
    pub fn refund(&self, clinic: &str, budget: Budget, at: Duration) {
        let mut all = self.admitted.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(times) = all.get_mut(&(clinic.to_owned(), budget))
            && let Some(i) = times.iter().rposition(|t| *t == at)
        {
            times.remove(i);
        }
    }
}

impl RetryAfter {
    /// Whole seconds to wait, at least 1 (the `Retry-After` header).
    pub fn seconds(self) -> u64 {
        (self.0.as_secs() + u64::from(self.0.subsec_nanos() > 0)).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    #[test]
    fn a_clinic_gets_its_limit_per_rolling_hour_and_others_are_not_affected() {
        let limiter = RateLimiter::default();
        let start = Duration::from_secs(1_800_000_000);
        assert_eq!(limiter.admit("demo", Budget::Anonymous, 2, start), Ok(()));
        assert_eq!(
            limiter.admit("demo", Budget::Anonymous, 2, start + 10 * MINUTE),
            Ok(())
        );
        assert_eq!(
            limiter.admit("demo", Budget::Anonymous, 2, start + 20 * MINUTE),
            Err(RetryAfter(40 * MINUTE))
        );
        assert_eq!(
            limiter.admit("other", Budget::Anonymous, 2, start + 20 * MINUTE),
            Ok(())
        );
        // The first admission leaves the window after exactly one hour.
        assert_eq!(
            limiter.admit("demo", Budget::Anonymous, 2, start + 60 * MINUTE),
            Ok(())
        );
        assert!(
            limiter
                .admit("demo", Budget::Anonymous, 2, start + 61 * MINUTE)
                .is_err()
        );
        limiter.refund("demo", Budget::Anonymous, start + 60 * MINUTE);
        assert_eq!(
            limiter.admit("demo", Budget::Anonymous, 2, start + 61 * MINUTE),
            Ok(())
        );
    }

    #[test]
    fn a_flood_of_anonymous_self_tests_leaves_identified_intakes_their_own_budget() {
        let limiter = RateLimiter::default();
        let now = Duration::from_secs(1_800_000_000);
        for _ in 0..3 {
            assert_eq!(limiter.admit("demo", Budget::Anonymous, 3, now), Ok(()));
        }
        assert!(limiter.admit("demo", Budget::Anonymous, 3, now).is_err());
        assert_eq!(limiter.admit("demo", Budget::Identified, 3, now), Ok(()));
        assert_eq!(Budget::of("self_screening"), Budget::Anonymous);
        assert_eq!(Budget::of("intake"), Budget::Identified);
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(RetryAfter(Duration::from_millis(1500)).seconds(), 2);
        assert_eq!(RetryAfter(Duration::from_secs(3)).seconds(), 3);
        assert_eq!(RetryAfter(Duration::ZERO).seconds(), 1);
    }
}
