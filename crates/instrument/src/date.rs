//! Calendar dates, without a date library: the app only needs to know whether a date exists.

/// Whether `year-month-day` is a date of the Gregorian calendar.
pub fn is_real_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// Whether `s` is a real date written `YYYY-MM-DD`.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        s[r.clone()]
            .bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s[r].parse().ok())
            .flatten()
    };
    match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(y), Some(m), Some(d)) => y >= 1 && is_real_date(y, m, d),
        _ => false,
    }
}

/// The civil date (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
pub fn civil_from_unix_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DD` (UTC) of a Unix time in seconds.
pub fn iso_day(unix_seconds: i64) -> String {
    let (y, m, d) = civil_from_unix_days(unix_seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// RFC 3339 UTC time (`2026-11-25T14:03:00Z`) of a Unix time in seconds.
pub fn rfc3339(unix_seconds: i64) -> String {
    let secs = unix_seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        iso_day(unix_seconds),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_to_dates() {
        assert_eq!(iso_day(0), "1970-01-01");
        assert_eq!(rfc3339(1_795_615_380), "2026-11-25T14:03:00Z");
        assert_eq!(iso_day(951_782_400), "2000-02-29");
        assert_eq!(iso_day(-86_400), "1969-12-31");
        for day in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_unix_days(day);
            assert!(is_real_date(y as u32, m, d) || y < 1, "{day}");
        }
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2026-11-25"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("2026-1-01"));
        assert!(!is_iso_date("26-11-2025"));
        assert!(!is_iso_date("+026-11-25"));
    }
}
