//! The time the inbox goes by, injectable so that tests can move it (link expiry, the rate
//! limit's window) without sleeping.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The time since 1970-01-01 00:00 UTC.
    fn now(&self) -> Duration;

    /// Today (UTC) as `YYYY-MM-DD`.
    fn today(&self) -> String {
        asi_instrument::date::iso_day(self.now().as_secs() as i64)
    }
}

/// The system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
    }
}

/// A clock that stands still until it is moved (for tests).
#[derive(Debug)]
pub struct ManualClock(Mutex<Duration>);

impl ManualClock {
    /// A clock showing `since_epoch`.
    pub fn at(since_epoch: Duration) -> ManualClock {
        ManualClock(Mutex::new(since_epoch))
    }

    /// A clock showing the start (00:00 UTC) of `day` (`YYYY-MM-DD`).
    ///
    /// # Panics
    /// When `day` is not a real date.
    pub fn on(day: &str) -> ManualClock {
        assert!(asi_instrument::date::is_iso_date(day), "not a day: {day}");
        let number = |r: std::ops::Range<usize>| day[r].parse::<i64>().expect("digits");
        let days = days_from_civil(number(0..4), number(5..7), number(8..10));
        ManualClock::at(Duration::from_secs((days * 86_400) as u64))
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`, the inverse of
/// `asi_instrument::date::civil_from_unix_days`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_shows_the_day_it_is_set_to_and_moves_when_told() {
        for day in ["1970-01-01", "2000-02-29", "2026-12-31", "2027-01-31"] {
            assert_eq!(ManualClock::on(day).today(), day);
        }
        let clock = ManualClock::on("2026-12-31");
        clock.advance(Duration::from_secs(86_399));
        assert_eq!(clock.today(), "2026-12-31");
        clock.advance(Duration::from_secs(1));
        assert_eq!(clock.today(), "2027-01-01");
    }
}
