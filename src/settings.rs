//! What the clinic decides about the citizen's experience.

/// Settings for this session. Until clinic settings are served by the inbox they come from
/// the page address: `?scores=hide` hides the scores on the result screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Whether the citizen sees scores on the result screen (default: yes, as for
    /// self-screening). Crisis information is shown either way.
    pub show_scores: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { show_scores: true }
    }
}

impl Settings {
    /// Reads the settings from a query string such as `?scores=hide`.
    pub fn from_query(query: &str) -> Settings {
        let mut settings = Settings::default();
        for pair in query.trim_start_matches('?').split('&') {
            if let Some(("scores", value)) = pair.split_once('=') {
                settings.show_scores = value != "hide";
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
}
