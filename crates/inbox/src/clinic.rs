//! One clinic's `[[clinics]]` entry: its key, its reader token hash and its settings, with
//! the defaults and checks of every optional setting, and the public part served to the app
//! (`GET /api/v1/clinics/<id>`).

use std::collections::BTreeMap;

use asi_envelope::{KeyError, KeyId, PublicKey};
use asi_instrument::{FormError, NotOptional};
use asi_protocol::{ClinicSettings, DEFAULT_DRAFT_RETENTION_DAYS, DRAFT_RETENTION_DAYS};
use serde::Deserialize;
use thiserror::Error;

use crate::rate_limit::Budget;

/// One clinic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clinic {
    /// The clinic id used in envelopes and links.
    pub id: String,
    /// Its name, shown to citizens.
    pub name: String,
    /// Contact details shown to citizens.
    pub contact: String,
    /// The public key envelopes are sealed to (base64url): the one served to the app.
    pub public_key: String,
    /// Keys the clinic used before `public_key`, still accepted for envelopes that phones
    /// sealed with settings kept from before the change (not served).
    #[serde(default)]
    pub earlier_keys: Vec<EarlierKey>,
    /// SHA-256 (hex) of the token that lets the clinic read and delete its envelopes and
    /// register follow-up links.
    pub reader_token_sha256: String,
    /// Envelopes are deleted this many days after they were stored; absent: kept until the
    /// clinic deletes them.
    #[serde(default)]
    pub retention_days: Option<u32>,
    /// Opening hours shown to citizens (free text; empty: not shown).
    #[serde(default)]
    pub opening_hours: String,
    /// Form id → the timepoints the clinic takes that form at. Absent: every form at every
    /// timepoint the instrument lists for it. A form left out is not offered.
    #[serde(default = "default_offers")]
    pub offers: BTreeMap<String, Vec<String>>,
    /// Form id → the form's optional sections the clinic asks, e.g. `{ trivsel =
    /// ["alcohol_use"] }` for the alcohol items in Trivsel & forbrug. Absent: none.
    #[serde(default)]
    pub optional_sections: BTreeMap<String, Vec<String>>,
    /// Whether the citizen sees their scores on the result screen.
    #[serde(default = "yes")]
    pub show_scores: bool,
    /// Whether anonymous self-screenings (timepoint `self_screening`, no link token) are
    /// accepted.
    #[serde(default = "yes")]
    pub accept_anonymous: bool,
    /// The consent sentence shown before an identified response; absent: a Danish default
    /// naming the clinic ([`Clinic::consent_text`]).
    #[serde(default)]
    pub consent_text: Option<String>,
    /// Days an unfinished draft is kept on the citizen's device (1–365).
    #[serde(default = "default_draft_retention_days")]
    pub draft_retention_days: u32,
    /// Web origins (`scheme://host[:port]`) allowed to show the app in a frame.
    #[serde(default)]
    pub embed_origins: Vec<String>,
    /// Anonymous self-screenings this clinic accepts per rolling hour (not served).
    #[serde(default = "default_per_hour")]
    pub anonymous_per_hour: u32,
    /// Identified responses without a link (intake on a tablet or an embedded form) this
    /// clinic accepts per rolling hour, a budget of their own (not served).
    #[serde(default = "default_per_hour")]
    pub identified_per_hour: u32,
}

/// A key the clinic used before its current one (`earlier_keys = [{ public_key = "…",
/// accepted_until = "2027-06-30" }]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlierKey {
    /// The public key (base64url).
    pub public_key: String,
    /// The last day (UTC, `YYYY-MM-DD`) on which an envelope sealed to this key is accepted;
    /// absent: accepted for good.
    #[serde(default)]
    pub accepted_until: Option<String>,
}

/// Which of its clinic's keys an envelope is sealed to, and whether that key is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyUse {
    /// The current key (`public_key`).
    Current,
    /// An earlier key, accepted today.
    Earlier,
    /// An earlier key whose `accepted_until` day is past.
    Retired {
        /// The last day it was accepted.
        until: String,
    },
    /// None of the clinic's keys.
    Unknown,
}

fn yes() -> bool {
    true
}

fn default_draft_retention_days() -> u32 {
    DEFAULT_DRAFT_RETENTION_DAYS
}

fn default_per_hour() -> u32 {
    120
}

/// SHA-256 of the empty token: a clinic with this hash could be read with no token at all.
const EMPTY_TOKEN_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Every form of the instrument at every timepoint it lists.
fn default_offers() -> BTreeMap<String, Vec<String>> {
    asi_instrument::instrument()
        .forms
        .iter()
        .map(|form| (form.id.clone(), form.timepoints.clone()))
        .collect()
}

/// What is wrong with a clinic's entry.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ClinicError {
    /// Two clinics have the same id.
    #[error("the id is used by two clinics")]
    DuplicateId,
    /// The public key is not a key.
    #[error("public_key: {0}")]
    PublicKey(#[from] KeyError),
    /// An earlier key is not a key.
    #[error("earlier_keys #{number}: public_key: {source}")]
    EarlierKey {
        /// Its place in the list, from 1.
        number: usize,
        /// Why.
        source: KeyError,
    },
    /// An earlier key is the current key.
    #[error(
        "earlier_keys #{0} is the current public_key: a key goes in earlier_keys only once another has replaced it"
    )]
    EarlierKeyIsCurrent(usize),
    /// A key is listed twice in `earlier_keys`.
    #[error("earlier_keys #{number} is the same key as earlier_keys #{first}: list each key once")]
    EarlierKeyTwice {
        /// Its place in the list, from 1.
        number: usize,
        /// The place of the first entry with that key.
        first: usize,
    },
    /// An earlier key's `accepted_until` is not a day.
    #[error(
        "earlier_keys #{number}: accepted_until = {value:?} is not a day: write the last day on which envelopes sealed to that key are accepted as \"YYYY-MM-DD\" (UTC), e.g. \"2027-06-30\", or leave it out to accept them for good"
    )]
    AcceptedUntil {
        /// Its place in the list, from 1.
        number: usize,
        /// The value given.
        value: String,
    },
    /// The reader token hash is not SHA-256 hex.
    #[error("reader_token_sha256 must be 64 hex digits")]
    ReaderTokenHash,
    /// The reader token hash is the hash of an empty token.
    #[error(
        "reader_token_sha256 is the SHA-256 of an empty token; make a real token (see the README)"
    )]
    EmptyReaderToken,
    /// Two clinics have the same reader token hash.
    #[error(
        "reader_token_sha256 is also clinic {0}'s: each clinic needs a token of its own, or one could read the other's envelopes"
    )]
    SharedReaderToken(String),
    /// `offers` names a form the instrument does not have, or a timepoint the form is not
    /// used at.
    #[error("offers: {0}")]
    Offers(#[from] FormError),
    /// `optional_sections` names a form the instrument does not have.
    #[error("optional_sections: {0}")]
    OptionalSectionsForm(FormError),
    /// `optional_sections` names a section the form cannot add.
    #[error("optional_sections: {0}")]
    OptionalSection(#[from] NotOptional),
    /// `draft_retention_days` is out of range.
    #[error("draft_retention_days must be 1–365, not {0}")]
    DraftRetentionDays(u32),
    /// `anonymous_per_hour` is 0.
    #[error(
        "anonymous_per_hour must be at least 1 (to refuse anonymous responses, set accept_anonymous = false)"
    )]
    AnonymousPerHour,
    /// `identified_per_hour` is 0.
    #[error("identified_per_hour must be at least 1")]
    IdentifiedPerHour,
    /// An embed origin is not `scheme://host[:port]`.
    #[error("embed_origins: {origin:?} is not a web origin (scheme://host[:port], no path): {why}")]
    EmbedOrigin {
        /// The entry.
        origin: String,
        /// What is wrong with it.
        why: &'static str,
    },
}

impl Clinic {
    /// Checks the key, the token hash and every setting against the instrument.
    pub fn check(&self) -> Result<(), ClinicError> {
        let current = self.public_key.parse::<PublicKey>()?.key_id();
        let mut earlier: Vec<KeyId> = Vec::new();
        for (i, key) in self.earlier_keys.iter().enumerate() {
            let number = i + 1;
            let id = key
                .public_key
                .parse::<PublicKey>()
                .map_err(|source| ClinicError::EarlierKey { number, source })?
                .key_id();
            if id == current {
                return Err(ClinicError::EarlierKeyIsCurrent(number));
            }
            if let Some(first) = earlier.iter().position(|e| *e == id) {
                return Err(ClinicError::EarlierKeyTwice {
                    number,
                    first: first + 1,
                });
            }
            if let Some(day) = &key.accepted_until
                && !asi_instrument::date::is_iso_date(day)
            {
                return Err(ClinicError::AcceptedUntil {
                    number,
                    value: day.clone(),
                });
            }
            earlier.push(id);
        }
        let hash = &self.reader_token_sha256;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ClinicError::ReaderTokenHash);
        }
        if hash.eq_ignore_ascii_case(EMPTY_TOKEN_SHA256) {
            return Err(ClinicError::EmptyReaderToken);
        }
        let instrument = asi_instrument::instrument();
        for (form, timepoints) in &self.offers {
            instrument.known_form(form)?;
            for timepoint in timepoints {
                instrument.form_at(form, timepoint)?;
            }
        }
        for (form, sections) in &self.optional_sections {
            instrument
                .known_form(form)
                .map_err(ClinicError::OptionalSectionsForm)?
                .resolve(sections)?;
        }
        if !DRAFT_RETENTION_DAYS.contains(&self.draft_retention_days) {
            return Err(ClinicError::DraftRetentionDays(self.draft_retention_days));
        }
        if self.anonymous_per_hour == 0 {
            return Err(ClinicError::AnonymousPerHour);
        }
        if self.identified_per_hour == 0 {
            return Err(ClinicError::IdentifiedPerHour);
        }
        for origin in &self.embed_origins {
            check_origin(origin).map_err(|why| ClinicError::EmbedOrigin {
                origin: origin.clone(),
                why,
            })?;
        }
        Ok(())
    }

    /// The clinic's public key.
    pub fn key(&self) -> PublicKey {
        self.public_key
            .parse()
            .expect("checked when the configuration was loaded")
    }

    /// Which of the clinic's keys has id `key_id`, and whether an envelope sealed to it is
    /// accepted on `today` (UTC, `YYYY-MM-DD`): the current key always, an earlier key until
    /// the end of its `accepted_until` day, or for good without one.
    pub fn key_use(&self, key_id: &KeyId, today: &str) -> KeyUse {
        if self.key().key_id() == *key_id {
            return KeyUse::Current;
        }
        let earlier = self.earlier_keys.iter().find(|k| {
            k.public_key
                .parse::<PublicKey>()
                .is_ok_and(|key| key.key_id() == *key_id)
        });
        match earlier {
            None => KeyUse::Unknown,
            // Both are `YYYY-MM-DD`: their order as text is their order as days.
            Some(EarlierKey {
                accepted_until: Some(until),
                ..
            }) if today > until.as_str() => KeyUse::Retired {
                until: until.clone(),
            },
            Some(_) => KeyUse::Earlier,
        }
    }

    /// How many envelopes of `budget` the clinic takes per rolling hour.
    pub fn per_hour(&self, budget: Budget) -> u32 {
        match budget {
            Budget::Anonymous => self.anonymous_per_hour,
            Budget::Identified => self.identified_per_hour,
        }
    }

    /// Whether the clinic takes `form` at `timepoint`.
    pub fn offers(&self, form: &str, timepoint: &str) -> bool {
        self.offers
            .get(form)
            .is_some_and(|timepoints| timepoints.iter().any(|t| t == timepoint))
    }

    /// The consent sentence: the configured one, or the Danish default naming the clinic.
    pub fn consent_text(&self) -> String {
        self.consent_text.clone().unwrap_or_else(|| {
            format!(
                "Jeg giver samtykke til, at {} må se og bruge mine svar i min behandling. \
                 Jeg kan til enhver tid trække samtykket tilbage.",
                self.name
            )
        })
    }

    /// The settings the app may know (`GET /api/v1/clinics/<id>`): never the reader token
    /// hash, the envelope retention or the limits. `offers` names every form of the
    /// instrument, with an empty list for a form the clinic does not offer;
    /// `optional_sections` every form that has optional sections, with an empty list where
    /// the clinic adds none.
    pub fn public_settings(&self) -> ClinicSettings {
        let key = self.key();
        let forms = &asi_instrument::instrument().forms;
        let offers = forms
            .iter()
            .map(|form| {
                let timepoints = self.offers.get(&form.id).cloned().unwrap_or_default();
                (form.id.clone(), timepoints)
            })
            .collect();
        let optional_sections = forms
            .iter()
            .filter(|form| !form.optional_sections.is_empty())
            .map(|form| {
                let chosen = self
                    .optional_sections
                    .get(&form.id)
                    .cloned()
                    .unwrap_or_default();
                (form.id.clone(), chosen)
            })
            .collect();
        ClinicSettings {
            id: self.id.clone(),
            name: self.name.clone(),
            contact: self.contact.clone(),
            opening_hours: self.opening_hours.clone(),
            public_key: key.to_string(),
            key_id: key.key_id().to_string(),
            offers,
            optional_sections,
            show_scores: self.show_scores,
            accept_anonymous: self.accept_anonymous,
            consent_text: self.consent_text(),
            draft_retention_days: self.draft_retention_days,
            embed_origins: self.embed_origins.clone(),
        }
    }
}

/// Checks that `origin` is a web origin as a browser writes it: `http` or `https`, a host,
/// an optional port, and nothing after (no path, not even `/`).
pub fn check_origin(origin: &str) -> Result<(), &'static str> {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or("the scheme must be http:// or https://")?;
    // An IPv6 host is written in brackets; any other host has no colon.
    let (host, port) = match rest.strip_prefix('[') {
        Some(v6) => {
            let (address, after) = v6.split_once(']').ok_or("an IPv6 host needs its ]")?;
            if address.is_empty() || !address.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
                return Err("the IPv6 host is not an address");
            }
            match after.strip_prefix(':') {
                Some(port) => ("[v6]", Some(port)),
                None if after.is_empty() => ("[v6]", None),
                None => return Err("only a port may follow the host"),
            }
        }
        None => match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        },
    };
    if host.is_empty() {
        return Err("there is no host");
    }
    if host != "[v6]"
        && !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return Err("the host has a character a host name cannot have (a path, a query, a user?)");
    }
    if let Some(port) = port
        && (port.is_empty() || port.parse::<u16>().is_err())
    {
        return Err("the port must be a number 0–65535");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_origin;

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        for good in [
            "http://localhost:5500",
            "https://www.example.dk",
            "https://rusmiddel.aarhus.dk:8443",
            "http://[::1]:8080",
        ] {
            assert_eq!(check_origin(good), Ok(()), "{good}");
        }
        for bad in [
            "localhost:5500",
            "ftp://example.dk",
            "https://example.dk/",
            "https://example.dk/embed",
            "https://example.dk?x=1",
            "https://user@example.dk",
            "https://",
            "https://example.dk:port",
            "https://example.dk:99999",
        ] {
            assert!(check_origin(bad).is_err(), "{bad}");
        }
    }
}
