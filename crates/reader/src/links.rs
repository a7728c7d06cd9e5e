//! Making follow-up links on the clinic's machine (`docs/links.md`): the token, the address
//! a person opens, what the inbox is told (the token's SHA-256, never the token) and the
//! `ref,token,url` rows the clinic keeps. `asi links` and the reader's "Lav nyt link" make
//! links with this one code; where the random bytes come from is the caller's (the operating
//! system, or the browser's `crypto.getRandomValues`), so this stays pure.

use asi_protocol::NewLink;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Random bytes per token (256 bits).
pub const TOKEN_BYTES: usize = 32;

/// A token made of [`TOKEN_BYTES`] random bytes: base64url without padding, 43 characters.
pub fn token(random: [u8; TOKEN_BYTES]) -> String {
    URL_SAFE_NO_PAD.encode(random)
}

/// `text` with every byte outside RFC 3986's unreserved characters percent-encoded.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `<app>/?klinik=<clinic>&form=<form>&timepoint=<timepoint>#token=<token>`: the token in
/// the fragment, which a browser never sends to a server.
pub fn url(app: &str, clinic: &str, form: &str, timepoint: &str, token: &str) -> String {
    format!(
        "{}/?klinik={}&form={}&timepoint={}#token={token}",
        app.trim_end_matches('/'),
        percent_encode(clinic),
        percent_encode(form),
        percent_encode(timepoint),
    )
}

/// What links are made for: the clinic, the questionnaire and the measurement point they ask
/// for, their last valid day (UTC, `YYYY-MM-DD`) and the app's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkFor<'a> {
    /// The clinic's id.
    pub clinic: &'a str,
    /// The form.
    pub form: &'a str,
    /// The timepoint.
    pub timepoint: &'a str,
    /// The last valid day.
    pub expires: &'a str,
    /// Where the app is (the inbox serves it); a trailing `/` is dropped.
    pub app: &'a str,
}

/// One link made: whose it is, its token and its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeLink {
    /// The clinic's reference for the person.
    pub reference: String,
    /// The token (kept only on the clinic's machine).
    pub token: String,
    /// The address to send the person.
    pub url: String,
}

impl LinkFor<'_> {
    /// A link for `reference` with the token of `random`.
    pub fn make(&self, reference: &str, random: [u8; TOKEN_BYTES]) -> MadeLink {
        let token = token(random);
        MadeLink {
            reference: reference.to_owned(),
            url: url(self.app, self.clinic, self.form, self.timepoint, &token),
            token,
        }
    }

    /// What `POST /api/v1/links` is told about the link of `token`: its SHA-256 only.
    pub fn registration(&self, token: &str) -> NewLink {
        NewLink {
            token_sha256: asi_protocol::token_hash(token),
            form: self.form.to_owned(),
            timepoint: self.timepoint.to_owned(),
            expires: self.expires.to_owned(),
        }
    }
}

/// The CSV `ref,token,url` of `links`: a header row, then one row per link in order — what
/// `asi links` writes and [`crate::Refs::parse`] reads.
pub fn refs_csv(links: &[MadeLink]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let rows = std::iter::once(["ref", "token", "url"]).chain(
        links
            .iter()
            .map(|l| [l.reference.as_str(), l.token.as_str(), l.url.as_str()]),
    );
    for row in rows {
        writer
            .write_record(row)
            .expect("writing CSV into memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("writing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 texts is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Refs;

    const FOR: LinkFor<'static> = LinkFor {
        clinic: "demo",
        form: "asi_kort",
        timepoint: "followup_40w",
        expires: "2027-01-31",
        app: "http://localhost:8080/",
    };

    #[test]
    fn a_token_is_43_characters_of_base64url() {
        assert_eq!(token([0; TOKEN_BYTES]), "A".repeat(43));
        let t = token([0xfb; TOKEN_BYTES]);
        assert_eq!(t.len(), 43);
        assert!(t.starts_with("-_v7"), "{t}: base64url, not base64 (+/)");
    }

    #[test]
    fn the_address_carries_the_token_in_the_fragment_and_encodes_the_rest() {
        assert_eq!(
            url(
                "http://localhost:8080/",
                "demo",
                "asi_kort",
                "followup_40w",
                "abc"
            ),
            "http://localhost:8080/?klinik=demo&form=asi_kort&timepoint=followup_40w#token=abc"
        );
        assert_eq!(
            url("https://x.dk", "a b&c", "æ", "t", "k"),
            "https://x.dk/?klinik=a%20b%26c&form=%C3%A6&timepoint=t#token=k"
        );
    }

    #[test]
    fn the_inbox_is_told_the_hash_and_the_clinic_keeps_the_row() {
        let made = FOR.make("P-012", [7; TOKEN_BYTES]);
        assert_eq!(made.reference, "P-012");
        assert_eq!(
            made.url,
            format!(
                "http://localhost:8080/?klinik=demo&form=asi_kort&timepoint=followup_40w#token={}",
                made.token
            )
        );
        let registration = FOR.registration(&made.token);
        assert_eq!(
            registration,
            NewLink {
                token_sha256: asi_protocol::token_hash(&made.token),
                form: "asi_kort".into(),
                timepoint: "followup_40w".into(),
                expires: "2027-01-31".into(),
            }
        );
        assert!(
            !serde_json::to_string(&registration)
                .unwrap()
                .contains(&made.token)
        );
        // The rows read back as the references file the reader and `asi report` take.
        let other = FOR.make("Jensen, \"Bo\"", [8; TOKEN_BYTES]);
        let csv = refs_csv(&[made.clone(), other.clone()]);
        assert!(csv.starts_with("ref,token,url\nP-012,"));
        let refs = Refs::parse(&csv).unwrap();
        assert_eq!(refs.len(), 2);
        assert_eq!(refs.get(&made.token), Some("P-012"));
        assert_eq!(refs.get(&other.token), Some("Jensen, \"Bo\""));
    }
}
