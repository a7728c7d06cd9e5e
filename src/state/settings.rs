//! What the page address decides about the citizen's experience when no clinic does.

/// One day in milliseconds.
pub const DAY_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;

/// Settings for this session. Until clinic settings are served by the inbox they come from
/// the page address: `?scores=hide` hides the scores on the result screen, `?retention=N`
/// keeps drafts N days (1–365).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Whether the citizen sees scores on the result screen (default: yes, as for
    /// self-screening). Crisis information is shown either way.
    pub show_scores: bool,
    /// Days a draft is kept on the device after its last change (default 14).
    pub retention_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            show_scores: true,
            retention_days: asi_protocol::DEFAULT_DRAFT_RETENTION_DAYS,
        }
    }
}

impl Settings {
    /// Reads the settings from a query string such as `?scores=hide`.
    pub fn from_query(query: &str) -> Settings {
        let mut settings = Settings::default();
        for pair in query.trim_start_matches('?').split('&') {
            match pair.split_once('=') {
                Some(("scores", value)) => settings.show_scores = value != "hide",
                Some(("retention", value)) => {
                    if let Ok(days @ 1..=365) = value.parse::<u32>() {
                        settings.retention_days = days;
                    }
                }
                _ => {}
            }
        }
        settings
    }

    /// The settings of the current page address.
    pub fn from_location() -> Settings {
        let query = leptos::prelude::window()
            .location()
            .search()
            .unwrap_or_default();
        Settings::from_query(&query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_shown_unless_hidden() {
        assert!(Settings::from_query("").show_scores);
        assert!(Settings::from_query("?scores=show").show_scores);
        assert!(!Settings::from_query("?scores=hide").show_scores);
        assert!(!Settings::from_query("?a=1&scores=hide").show_scores);
    }

    #[test]
    fn retention_is_14_days_unless_set_within_a_year() {
        assert_eq!(Settings::from_query("").retention_days, 14);
        assert_eq!(Settings::from_query("?retention=3").retention_days, 3);
        assert_eq!(Settings::from_query("?retention=0").retention_days, 14);
        assert_eq!(Settings::from_query("?retention=999").retention_days, 14);
        assert_eq!(Settings::from_query("?retention=x").retention_days, 14);
    }
}
