//! A host page's colours and font for the embedded form (`embed.js` passes them in the
//! frame's address). A theme is used only when every pair of colours the app draws keeps
//! WCAG 2.2 AA contrast; otherwise the app keeps its own look.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Reads `#rrggbb` or `#rgb` (the `#` may be missing, as in a URL).
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().trim_start_matches('#');
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            6 => Some(Rgb(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            3 => {
                let double = |i: usize| channel(&hex[i..=i].repeat(2));
                Some(Rgb(double(0)?, double(1)?, double(2)?))
            }
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.2, "relative luminance").
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }
}

/// The contrast ratio of two colours, 1–21 (WCAG 2.2, "contrast ratio").
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// Text contrast required by WCAG 2.2 AA (1.4.3).
pub const TEXT_CONTRAST: f64 = 4.5;
/// Contrast required of borders and controls (1.4.11).
pub const UI_CONTRAST: f64 = 3.0;
/// The cards and fields the app draws text on.
const SURFACE: Rgb = Rgb(0xff, 0xff, 0xff);
/// The focus outline (`--focus`).
const FOCUS: Rgb = Rgb(0xb8, 0x42, 0x0f);

/// A host's look for the embedded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Text colour.
    pub text: Rgb,
    /// Page background.
    pub background: Rgb,
    /// Buttons (white text on it) and links.
    pub accent: Rgb,
    /// A font family the device has, such as `Georgia`.
    pub font: Option<String>,
}

/// Why a host's theme is not used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ThemeError {
    #[error("{0:?} is not a colour written #rrggbb or #rgb")]
    Colour(String),
    #[error("{0:?} is not a font name (letters, digits, spaces and hyphens, at most 40)")]
    Font(String),
    #[error(
        "{what} have contrast {}:1, below the {}:1 that WCAG AA requires",
        two_decimals(*ratio),
        two_decimals(*needed)
    )]
    Contrast {
        what: &'static str,
        ratio: f64,
        needed: f64,
    },
}

/// A contrast ratio cut (not rounded) to at most two decimals, written as WCAG writes them
/// (4.5, 3, 2.87), so a failing 4.499 never reads 4.5. Integer arithmetic: the app carries
/// no float formatting code for one message.
fn two_decimals(ratio: f64) -> String {
    let hundredths = (ratio * 100.0) as u64;
    let (whole, part) = (hundredths / 100, hundredths % 100);
    match part {
        0 => whole.to_string(),
        p if p % 10 == 0 => format!("{whole}.{}", p / 10),
        p => format!("{whole}.{p:02}"),
    }
}

impl Theme {
    /// A theme from the frame address's `fg`, `bg`, `accent` and `font`: `None` when none is
    /// given; an error when one is malformed or any pair of colours is below WCAG AA. A
    /// colour not given keeps the app's own.
    pub fn from_params(
        fg: Option<&str>,
        bg: Option<&str>,
        accent: Option<&str>,
        font: Option<&str>,
    ) -> Option<Result<Theme, ThemeError>> {
        if fg.is_none() && bg.is_none() && accent.is_none() && font.is_none() {
            return None;
        }
        let colour = |given: Option<&str>, default: Rgb| match given {
            None => Ok(default),
            Some(text) => Rgb::parse(text).ok_or_else(|| ThemeError::Colour(text.to_owned())),
        };
        Some((|| {
            let theme = Theme {
                text: colour(fg, Theme::APP.text)?,
                background: colour(bg, Theme::APP.background)?,
                accent: colour(accent, Theme::APP.accent)?,
                font: font.map(checked_font).transpose()?,
            };
            theme.check()?;
            Ok(theme)
        })())
    }

    /// The app's own colours (`style/main.css`).
    pub const APP: Theme = Theme {
        text: Rgb(0x1d, 0x25, 0x25),
        background: Rgb(0xf7, 0xf5, 0xf0),
        accent: Rgb(0x1f, 0x5f, 0x5b),
        font: None,
    };

    /// Every pair of colours the app draws must keep WCAG AA contrast.
    pub fn check(&self) -> Result<(), ThemeError> {
        let pairs = [
            (
                "text and background",
                self.text,
                self.background,
                TEXT_CONTRAST,
            ),
            (
                "text and the white cards",
                self.text,
                SURFACE,
                TEXT_CONTRAST,
            ),
            (
                "white button text and accent",
                SURFACE,
                self.accent,
                TEXT_CONTRAST,
            ),
            (
                "accent and background",
                self.accent,
                self.background,
                UI_CONTRAST,
            ),
            (
                "focus outline and background",
                FOCUS,
                self.background,
                UI_CONTRAST,
            ),
        ];
        for (what, a, b, needed) in pairs {
            let ratio = contrast(a, b);
            if ratio < needed {
                return Err(ThemeError::Contrast {
                    what,
                    ratio,
                    needed,
                });
            }
        }
        Ok(())
    }

    /// The CSS custom properties to set on the page (`style/main.css` uses them).
    pub fn properties(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![
            ("--text", self.text.css()),
            // Secondary text takes the text colour, whose contrast was checked.
            ("--muted", self.text.css()),
            ("--bg", self.background.css()),
            ("--accent", self.accent.css()),
        ];
        if let Some(font) = &self.font {
            out.push(("--font", format!("\"{font}\", system-ui, sans-serif")));
        }
        out
    }
}

fn checked_font(name: &str) -> Result<String, ThemeError> {
    let name = name.trim();
    let ok = (1..=40).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    if ok {
        Ok(name.to_owned())
    } else {
        Err(ThemeError::Font(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((contrast(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = Rgb::parse("#767676").unwrap();
        assert!((contrast(grey, white) - 4.54).abs() < 0.01);
        assert_eq!(Rgb::parse("abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("#12345"), None);
        assert_eq!(Rgb::parse("#gg0000"), None);
    }

    #[test]
    fn the_apps_own_colours_pass() {
        Theme::APP.check().unwrap();
    }

    #[test]
    fn contrast_ratios_are_written_as_wcag_writes_them() {
        assert_eq!(two_decimals(4.5), "4.5");
        assert_eq!(two_decimals(3.0), "3");
        assert_eq!(two_decimals(2.876), "2.87");
        assert_eq!(two_decimals(4.499), "4.49");
    }

    #[test]
    fn a_theme_is_used_only_with_enough_contrast() {
        assert_eq!(Theme::from_params(None, None, None, None), None);
        let dark_blue = Theme::from_params(Some("#0b2545"), None, Some("134074"), Some("Georgia"))
            .unwrap()
            .unwrap();
        assert_eq!(dark_blue.accent, Rgb(0x13, 0x40, 0x74));
        assert!(
            dark_blue
                .properties()
                .contains(&("--font", "\"Georgia\", system-ui, sans-serif".into()))
        );
        // Light grey text on a white card is refused.
        assert!(matches!(
            Theme::from_params(Some("#aaaaaa"), None, None, None),
            Some(Err(ThemeError::Contrast { .. }))
        ));
        // A pale accent cannot carry white button text.
        assert!(matches!(
            Theme::from_params(None, None, Some("#ffcc00"), None),
            Some(Err(ThemeError::Contrast { .. }))
        ));
        assert!(matches!(
            Theme::from_params(Some("red"), None, None, None),
            Some(Err(ThemeError::Colour(_)))
        ));
        assert!(matches!(
            Theme::from_params(None, None, None, Some("x;}body{")),
            Some(Err(ThemeError::Font(_)))
        ));
    }
}
