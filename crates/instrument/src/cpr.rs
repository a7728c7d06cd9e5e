//! Danish CPR numbers.
//!
//! A CPR number is `ddmmyy` followed by four digits; `ddmmyy-xxxx` is accepted and stored as
//! the ten digits. Only the date part is checked: Denmark stopped requiring the modulus-11
//! check digit in 2007, so valid numbers need not pass it. The seventh digit together with
//! the year decides the century (CPR-kontoret's table), so 29 February is checked exactly.

use thiserror::Error;

use crate::date::is_real_date;

/// Why a CPR number was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CprError {
    /// Not ten digits (with an optional hyphen after the sixth).
    #[error("a CPR number is ten digits, written ddmmyyxxxx or ddmmyy-xxxx")]
    Format,
    /// The first six digits are not a real date.
    #[error("the first six digits of a CPR number must be a real date (ddmmyy)")]
    NotADate,
}

/// Checks a CPR number and returns it as ten digits.
pub fn normalize(input: &str) -> Result<String, CprError> {
    let trimmed = input.trim();
    let digits: String = match trimmed.len() {
        10 => trimmed.to_owned(),
        11 if trimmed.as_bytes()[6] == b'-' => format!("{}{}", &trimmed[..6], &trimmed[7..]),
        _ => return Err(CprError::Format),
    };
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CprError::Format);
    }
    let n = |range: std::ops::Range<usize>| digits[range].parse::<u32>().expect("ascii digits");
    let (day, month, yy, seventh) = (n(0..2), n(2..4), n(4..6), n(6..7));
    let year = century(seventh, yy) + yy;
    if is_real_date(year, month, day) {
        Ok(digits)
    } else {
        Err(CprError::NotADate)
    }
}

/// The date of birth `(year, month, day)` of a CPR number (as [`normalize`] accepts it),
/// the century decided by the seventh digit.
pub fn birth_date(input: &str) -> Result<(u32, u32, u32), CprError> {
    let digits = normalize(input)?;
    let n = |range: std::ops::Range<usize>| digits[range].parse::<u32>().expect("ascii digits");
    let (day, month, yy, seventh) = (n(0..2), n(2..4), n(4..6), n(6..7));
    Ok((century(seventh, yy) + yy, month, day))
}

/// Whether a CPR number (as [`normalize`] accepts it) is a woman's: its last digit is even.
pub fn is_female(input: &str) -> Result<bool, CprError> {
    let digits = normalize(input)?;
    Ok((digits.as_bytes()[9] - b'0').is_multiple_of(2))
}

/// The century of a CPR birth year from the seventh digit and the two-digit year.
fn century(seventh: u32, yy: u32) -> u32 {
    match seventh {
        0..=3 => 1900,
        4 | 9 if yy <= 36 => 2000,
        4 | 9 => 1900,
        _ if yy <= 57 => 2000,
        _ => 1800,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ten_digits_and_hyphenated() {
        assert_eq!(normalize("0101901234"), Ok("0101901234".into()));
        assert_eq!(normalize("010190-1234"), Ok("0101901234".into()));
        // No modulus-11 requirement: any last four digits are accepted.
        assert_eq!(normalize("3112991111"), Ok("3112991111".into()));
    }

    #[test]
    fn refuses_bad_format() {
        for s in [
            "",
            "010190123",
            "01019012345",
            "0101-901234",
            "01019O1234",
            "010190 1234",
        ] {
            assert_eq!(normalize(s), Err(CprError::Format), "{s:?}");
        }
    }

    #[test]
    fn refuses_dates_that_do_not_exist() {
        for s in ["3202901234", "0013901234", "3104901234", "0000001234"] {
            assert_eq!(normalize(s), Err(CprError::NotADate), "{s:?}");
        }
    }

    #[test]
    fn birth_date_and_sex_come_from_the_digits() {
        assert_eq!(birth_date("010190-1233"), Ok((1990, 1, 1)));
        // Seventh digit 4 with yy ≤ 36: born in the 2000s; 5–8 with yy ≥ 58: the 1800s.
        assert_eq!(birth_date("2902004000"), Ok((2000, 2, 29)));
        assert_eq!(birth_date("0101605000"), Ok((1860, 1, 1)));
        assert_eq!(birth_date("0101059000"), Ok((2005, 1, 1)));
        assert_eq!(is_female("0101901234"), Ok(true));
        assert_eq!(is_female("0101901233"), Ok(false));
        assert_eq!(birth_date("3202901234"), Err(CprError::NotADate));
        assert_eq!(is_female("12"), Err(CprError::Format));
    }

    #[test]
    fn leap_day_depends_on_the_century_digit() {
        // 29 Feb 2000 (seventh digit 4, yy 00 → 2000, a leap year).
        assert!(normalize("2902004000").is_ok());
        // 29 Feb 1900 (seventh digit 0 → 1900, not a leap year).
        assert_eq!(normalize("2902000000"), Err(CprError::NotADate));
        // 29 Feb 1996 and not 1997.
        assert!(normalize("2902961234").is_ok());
        assert_eq!(normalize("2902971234"), Err(CprError::NotADate));
    }
}
