//! Calendar days as the report needs them: read from a register file (`2026-03-01` or the
//! Danish `01-03-2026`), compared, and counted in whole months and years.

use std::fmt;

use serde::{Serialize, Serializer};

/// A day of the Gregorian calendar. Orders as time does; serialises as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// The year (1–9999).
    pub year: u32,
    /// The month (1–12).
    pub month: u32,
    /// The day of the month (1–31).
    pub day: u32,
}

impl Day {
    /// The day `year-month-day`, if it exists.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Day> {
        ((1..=9999).contains(&year) && asi_instrument::date::is_real_date(year, month, day))
            .then_some(Day { year, month, day })
    }

    /// Reads `YYYY-MM-DD`, or `DD-MM-YYYY` with `-`, `.` or `/` between the parts (as
    /// Danish spreadsheets write days). Surrounding spaces are ignored.
    pub fn parse(text: &str) -> Option<Day> {
        let text = text.trim();
        let parts: Vec<&str> = text.split(['-', '.', '/']).collect();
        let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && text.as_bytes()[4] == b'-' => {
                Day::new(number(y, 4..=4)?, number(m, 2..=2)?, number(d, 2..=2)?)
            }
            [d, m, y] if y.len() == 4 => {
                Day::new(number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?)
            }
            _ => None,
        }
    }

    /// Reads `YYYY-MM-DD` only (a day given on a command line or by a date field).
    pub fn parse_iso(text: &str) -> Option<Day> {
        Day::parse(text).filter(|_| asi_instrument::date::is_iso_date(text.trim()))
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn unix_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day (UTC) of a Unix time in seconds: "today" for a clock that gives one.
    pub fn at_unix_seconds(seconds: i64) -> Day {
        Day::from_unix_days(seconds.div_euclid(86_400))
    }

    fn from_unix_days(days: i64) -> Day {
        let (year, month, day) = asi_instrument::date::civil_from_unix_days(days);
        Day {
            year: year as u32,
            month,
            day,
        }
    }

    /// The day `days` after this one (before it, for a negative count).
    pub fn plus_days(self, days: i64) -> Day {
        Day::from_unix_days(self.unix_days() + days)
    }

    /// Whole calendar months from `self` to `later`: `later` is on or after the same day of
    /// the month that many months on (1 March to 30 April is 1 month, to 1 May 2). Never
    /// negative.
    pub fn whole_months_until(self, later: Day) -> u32 {
        let months = (i64::from(later.year) - i64::from(self.year)) * 12 + i64::from(later.month)
            - i64::from(self.month)
            - i64::from(later.day < self.day);
        months.max(0) as u32
    }

    /// Whole years from `self` (a birthday) to `later`: an age. Never negative.
    pub fn whole_years_until(self, later: Day) -> u32 {
        self.whole_months_until(later) / 12
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn iso_and_danish_days_are_read() {
        assert_eq!(day("2026-03-01"), Day::new(2026, 3, 1).unwrap());
        assert_eq!(day(" 01-03-2026 "), day("2026-03-01"));
        assert_eq!(day("1.3.2026"), day("2026-03-01"));
        assert_eq!(day("01/03/2026"), day("2026-03-01"));
        for bad in [
            "",
            "2026-3-01",
            "2026-02-30",
            "31-04-2026",
            "2026/03/01",
            "01-03-26",
            "i går",
            "2026-03-01x",
            "001-03-2026",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad:?}");
        }
        assert_eq!(day("2026-03-01").to_string(), "2026-03-01");
        assert_eq!(Day::parse_iso(" 2026-03-01 "), Some(day("2026-03-01")));
        assert_eq!(Day::parse_iso("01-03-2026"), None);
        assert_eq!(Day::parse_iso("2026-02-30"), None);
    }

    #[test]
    fn days_count_from_1970() {
        assert_eq!(day("1970-01-01").unix_days(), 0);
        assert_eq!(day("2000-03-01").unix_days(), 11_017);
        assert_eq!(day("1969-12-31").unix_days(), -1);
        let d = day("2024-02-28");
        assert_eq!(d.plus_days(1), day("2024-02-29"));
        assert_eq!(d.plus_days(2), day("2024-03-01"));
        assert_eq!(d.plus_days(-59), day("2023-12-31"));
        assert_eq!(Day::at_unix_seconds(0), day("1970-01-01"));
        assert_eq!(Day::at_unix_seconds(-1), day("1969-12-31"));
        // 2026-03-01T23:59:59Z and the second after it.
        let midnight = day("2026-03-02").unix_days() * 86_400;
        assert_eq!(Day::at_unix_seconds(midnight - 1), day("2026-03-01"));
        assert_eq!(Day::at_unix_seconds(midnight), day("2026-03-02"));
    }

    #[test]
    fn whole_months_and_years() {
        let start = day("2026-03-01");
        assert_eq!(start.whole_months_until(day("2026-04-30")), 1);
        assert_eq!(start.whole_months_until(day("2026-05-01")), 2);
        assert_eq!(start.whole_months_until(day("2026-02-01")), 0);
        assert_eq!(day("2026-01-31").whole_months_until(day("2026-02-28")), 0);
        assert_eq!(day("1990-06-15").whole_years_until(day("2026-06-14")), 35);
        assert_eq!(day("1990-06-15").whole_years_until(day("2026-06-15")), 36);
    }
}
