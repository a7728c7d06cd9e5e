//! When the outbox tries again after a failed delivery: exponential backoff with jitter,
//! capped at one hour.

/// The first retry comes after 2–4 s.
pub const BASE_MS: f64 = 4_000.0;
/// No retry waits longer than an hour.
pub const CAP_MS: f64 = 60.0 * 60.0 * 1_000.0;

/// The wait before retry number `attempt` (0 for the first retry), given `random` in
/// [0, 1): the ceiling doubles with each attempt up to [`CAP_MS`], and the wait is drawn
/// from its upper half ("equal jitter"), so that many phones coming back online at once do
/// not retry in step, and none waits less than half the ceiling.
pub fn delay_ms(attempt: u32, random: f64) -> f64 {
    let ceiling = (BASE_MS * 2f64.powi(attempt.min(30) as i32)).min(CAP_MS);
    ceiling / 2.0 + random.clamp(0.0, 1.0) * ceiling / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_two_to_four_seconds() {
        assert_eq!(delay_ms(0, 0.0), 2_000.0);
        assert_eq!(delay_ms(0, 1.0), 4_000.0);
        assert_eq!(delay_ms(1, 0.0), 4_000.0);
        assert_eq!(delay_ms(3, 0.5), 24_000.0);
    }

    #[test]
    fn the_wait_never_exceeds_an_hour() {
        for attempt in [10, 11, 20, 31, 1_000, u32::MAX] {
            for random in [0.0, 0.3, 0.999_999, 1.0, 7.0] {
                let wait = delay_ms(attempt, random);
                assert!(wait <= CAP_MS, "{attempt} {random}: {wait}");
                assert!(wait >= CAP_MS / 2.0, "{attempt} {random}: {wait}");
            }
        }
    }

    #[test]
    fn jitter_spreads_the_wait_over_the_upper_half() {
        let low = delay_ms(5, 0.0);
        let high = delay_ms(5, 0.999);
        assert_eq!(low, 64_000.0);
        assert!(high > 127_000.0 && high < 128_000.0);
    }
}
