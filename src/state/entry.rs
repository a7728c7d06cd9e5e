//! How the app was opened: the three ways in, read once from the page address
//! (`docs/links.md` for the link format, README for the others).
//!
//! - `/selvtest` (or `/`), optionally `?klinik=<id>`: the anonymous self-test. Nothing is
//!   sent unless the citizen chooses "Send anonymt"; no CPR, no name, no token.
//! - `?klinik=<id>&form=<form>&timepoint=<timepoint>#token=<token>`: a follow-up link. The
//!   token is in the fragment, so it never reaches a server in a page request; once opened,
//!   the app keeps it in the tab and takes it out of the address ([`crate::link`]).
//! - `?klinik=<id>&mode=identified[&form=<form>][&timepoint=<timepoint>]`: identified intake
//!   (an embed or a waiting-room tablet): CPR and name are asked, consent before sending.
//!
//! `embed=1` marks a page inside `embed.js`'s frame; `fg`, `bg`, `accent` and `font` are the
//! host's look ([`super::theme`]).

use asi_instrument::instrument;

use super::theme::{Theme, ThemeError};

/// The way in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Way {
    /// The anonymous self-test.
    SelfTest,
    /// A follow-up link.
    Link {
        form: String,
        timepoint: String,
        token: String,
    },
    /// A link whose address is damaged (a missing or unknown form, timepoint or token).
    BadLink,
    /// Identified intake; `form` absent: the citizen chooses.
    Identified {
        form: Option<String>,
        timepoint: String,
    },
}

/// Everything the page address says.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The clinic (`klinik`): letters, digits, `-` and `_`, at most 64 characters.
    pub clinic: Option<String>,
    pub way: Way,
    /// Inside `embed.js`'s frame.
    pub embed: bool,
    /// The host's look, if it gave one (an error: it was refused).
    pub theme: Option<Result<Theme, ThemeError>>,
}

/// The shortest token a link may carry: 128 bits as base64url.
const MIN_TOKEN_CHARS: usize = 22;

/// The value of `key` in an `a=b&c=d` string, percent-decoding nothing: every value the app
/// reads is made of characters that need no encoding (a `%` makes it invalid).
fn param<'a>(pairs: &'a str, key: &str) -> Option<&'a str> {
    pairs
        .trim_start_matches(['?', '#'])
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}

fn is_id(text: &str, max: usize) -> bool {
    (1..=max).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn offered_timepoint(form: &str, timepoint: &str) -> bool {
    instrument().form_at(form, timepoint).is_ok()
}

impl Entry {
    /// Reads the address: `path` (`/selvtest`), `query` (`?klinik=…`) and `hash`
    /// (`#token=…`).
    pub fn parse(path: &str, query: &str, hash: &str) -> Entry {
        let clinic = param(query, "klinik")
            .filter(|id| is_id(id, 64))
            .map(str::to_owned);
        let form = param(query, "form");
        let timepoint = param(query, "timepoint");
        let token = param(hash, "token");
        let way = if path.trim_end_matches('/').ends_with("/selvtest") {
            Way::SelfTest
        } else if param(query, "mode") == Some("identified") {
            match token {
                None => Entry::identified(clinic.as_deref(), form, timepoint),
                Some(_) => Way::BadLink,
            }
        } else if token.is_some() || form.is_some() || timepoint.is_some() {
            match (form, timepoint, token) {
                (Some(form), Some(timepoint), Some(token))
                    if clinic.is_some()
                        && offered_timepoint(form, timepoint)
                        && timepoint != "self_screening"
                        && token.len() >= MIN_TOKEN_CHARS
                        && is_id(token, 128) =>
                {
                    Way::Link {
                        form: form.to_owned(),
                        timepoint: timepoint.to_owned(),
                        token: token.to_owned(),
                    }
                }
                _ => Way::BadLink,
            }
        } else {
            Way::SelfTest
        };
        Entry {
            clinic,
            way,
            embed: param(query, "embed") == Some("1"),
            theme: Theme::from_params(
                param(query, "fg"),
                param(query, "bg"),
                param(query, "accent"),
                param(query, "font").map(|f| f.replace('+', " ")).as_deref(),
            ),
        }
    }

    fn identified(clinic: Option<&str>, form: Option<&str>, timepoint: Option<&str>) -> Way {
        let timepoint = timepoint.unwrap_or("intake");
        let form_ok = form.is_none_or(|f| offered_timepoint(f, timepoint));
        if clinic.is_none() || !form_ok || timepoint == "self_screening" {
            return Way::BadLink;
        }
        Way::Identified {
            form: form.map(str::to_owned),
            timepoint: timepoint.to_owned(),
        }
    }

    /// The address of the current page. A follow-up link's token the app has taken out of
    /// the address is read back from where this tab keeps it (`kept_token`,
    /// [`crate::link::kept_token`]).
    pub fn from_location(kept_token: fn() -> Option<String>) -> Entry {
        let location = leptos::prelude::window().location();
        let mut hash = location.hash().unwrap_or_default();
        if param(&hash, "token").is_none()
            && let Some(token) = kept_token()
        {
            hash = format!("#token={token}");
        }
        Entry::parse(
            &location.pathname().unwrap_or_default(),
            &location.search().unwrap_or_default(),
            &hash,
        )
    }

    /// Whether the forms this way offers include `form`: a form used at the way's timepoint
    /// (so the self-test offers no form that is not used in it, such as the involvement
    /// form).
    pub fn offers(&self, form: &str) -> bool {
        match &self.way {
            Way::SelfTest => offered_timepoint(form, self.timepoint()),
            Way::Link { form: f, .. } => f == form,
            Way::Identified { form: f, timepoint } => {
                f.as_deref().is_none_or(|f| f == form) && offered_timepoint(form, timepoint)
            }
            Way::BadLink => false,
        }
    }

    /// The storage slot of a draft of `form` opened this way: a self-test's drafts are one
    /// per form (as before links existed), a link's belong to its token, identified intake's
    /// to its clinic. A draft is resumed only the same way it was begun.
    pub fn slot(&self, form: &str) -> String {
        match &self.way {
            Way::SelfTest | Way::BadLink => format!("form:{form}"),
            Way::Link { token, .. } => format!("link:{token}:{form}"),
            Way::Identified { timepoint, .. } => format!(
                "identified:{}:{timepoint}:{form}",
                self.clinic.as_deref().unwrap_or("")
            ),
        }
    }

    /// The timepoint a response given this way answers.
    pub fn timepoint(&self) -> &str {
        match &self.way {
            Way::Link { timepoint, .. } | Way::Identified { timepoint, .. } => timepoint,
            Way::SelfTest | Way::BadLink => "self_screening",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "k3Jd9sQp2xVb7LmN4tRw8A0123456789abcdefABCDE";

    #[test]
    fn the_self_test_is_the_default_and_needs_no_clinic() {
        for (path, query) in [("/", ""), ("/selvtest", ""), ("/selvtest/", "?klinik=demo")] {
            let e = Entry::parse(path, query, "");
            assert_eq!(e.way, Way::SelfTest, "{path}{query}");
            assert_eq!(e.timepoint(), "self_screening");
            assert!(!e.embed);
            assert_eq!(e.theme, None);
        }
        assert_eq!(
            Entry::parse("/selvtest", "?klinik=demo", "")
                .clinic
                .as_deref(),
            Some("demo")
        );
        // The self-test page ignores a token: it never carries one.
        assert_eq!(
            Entry::parse("/selvtest", "?klinik=demo", &format!("#token={TOKEN}")).way,
            Way::SelfTest
        );
        assert_eq!(Entry::parse("/", "?klinik=../x", "").clinic, None);
    }

    #[test]
    fn the_self_test_offers_the_forms_used_in_it_and_not_the_involvement_form() {
        for query in ["", "?klinik=demo"] {
            let e = Entry::parse("/selvtest", query, "");
            let offered: Vec<&str> = instrument()
                .forms
                .iter()
                .map(|f| f.id.as_str())
                .filter(|f| e.offers(f))
                .collect();
            assert_eq!(offered, ["asi_kort", "trivsel"], "{query}");
        }
        // A link of the involvement form offers it, at a timepoint it is used at.
        let link = Entry::parse(
            "/",
            "?klinik=demo&form=inddragelse&timepoint=discharge",
            &format!("#token={TOKEN}"),
        );
        assert!(link.offers("inddragelse") && !link.offers("trivsel"));
    }

    #[test]
    fn a_follow_up_link_carries_clinic_form_timepoint_and_token() {
        let e = Entry::parse(
            "/",
            "?klinik=demo&form=asi_kort&timepoint=followup_40w",
            &format!("#token={TOKEN}"),
        );
        assert_eq!(
            e.way,
            Way::Link {
                form: "asi_kort".into(),
                timepoint: "followup_40w".into(),
                token: TOKEN.into()
            }
        );
        assert_eq!(e.timepoint(), "followup_40w");
        assert!(e.offers("asi_kort") && !e.offers("trivsel"));
        assert_eq!(e.slot("asi_kort"), format!("link:{TOKEN}:asi_kort"));
    }

    #[test]
    fn a_damaged_link_is_said_to_be_one() {
        let good = "?klinik=demo&form=trivsel&timepoint=midway";
        let hash = format!("#token={TOKEN}");
        for (query, hash) in [
            (good, "#token=short"),
            (good, "#token=a%2Fbcdefghijklmnopqrstuvwxyz"),
            (
                "?klinik=demo&form=trivsel&timepoint=followup_40w",
                hash.as_str(),
            ),
            ("?klinik=demo&form=nope&timepoint=midway", hash.as_str()),
            ("?form=trivsel&timepoint=midway", hash.as_str()),
            (
                "?klinik=demo&form=asi_kort&timepoint=self_screening",
                hash.as_str(),
            ),
            (good, ""),
        ] {
            assert_eq!(
                Entry::parse("/", query, hash).way,
                Way::BadLink,
                "{query}{hash}"
            );
        }
    }

    #[test]
    fn identified_intake_needs_a_clinic_and_defaults_to_intake() {
        let e = Entry::parse("/", "?klinik=demo&mode=identified&embed=1", "");
        assert_eq!(
            e.way,
            Way::Identified {
                form: None,
                timepoint: "intake".into()
            }
        );
        assert!(e.embed);
        assert!(e.offers("asi_kort"));
        // Trivsel alone is the midway form, not an intake form.
        assert!(!e.offers("trivsel"));
        assert_eq!(e.slot("asi_kort"), "identified:demo:intake:asi_kort");
        let fixed = Entry::parse("/", "?klinik=demo&mode=identified&form=asi_kort", "");
        assert!(fixed.offers("asi_kort"));
        assert_eq!(Entry::parse("/", "?mode=identified", "").way, Way::BadLink);
        assert_eq!(
            Entry::parse("/", "?klinik=demo&mode=identified&form=trivsel", "").way,
            Way::BadLink
        );
    }

    #[test]
    fn the_hosts_look_comes_with_the_frame() {
        let e = Entry::parse(
            "/",
            "?klinik=demo&mode=identified&embed=1&fg=0b2545&accent=134074&font=Times+New+Roman",
            "",
        );
        let theme = e.theme.unwrap().unwrap();
        assert_eq!(theme.font.as_deref(), Some("Times New Roman"));
        let pale = Entry::parse("/", "?klinik=demo&mode=identified&embed=1&fg=dddddd", "");
        assert!(matches!(pale.theme, Some(Err(_))));
    }
}
