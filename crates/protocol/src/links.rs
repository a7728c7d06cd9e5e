//! Follow-up links on the wire (`docs/links.md`): the clinic registers token hashes in
//! batches, and the app asks where one link stands. The inbox never receives a token.

use serde::{Deserialize, Serialize};

use crate::sha256_hex;

/// The hash under which the inbox keeps a link token (`token_sha256`): the lowercase hex of
/// SHA-256 over the token's UTF-8 bytes. The inbox and the app know a token only by it.
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// The body of `POST /api/v1/links`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkBatch {
    /// 1–1000 links, registered all or none.
    pub links: Vec<NewLink>,
    /// If given, the clinic the caller means: refused unless it is the reader token's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinic: Option<String>,
}

/// One link to register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    /// SHA-256 of the token, 64 lowercase hex digits.
    pub token_sha256: String,
    /// The form the link asks for.
    pub form: String,
    /// The timepoint the link asks for.
    pub timepoint: String,
    /// The last valid day (UTC), `YYYY-MM-DD`.
    pub expires: String,
}

/// The answer 201 to `POST /api/v1/links`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinksCreated {
    /// How many links are new (one registered before with identical details is not counted).
    pub created: usize,
}

/// Where a link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    /// Not used yet, not expired.
    Open,
    /// A response has arrived with it (whatever the date).
    Used,
    /// Unused, and today (UTC) is after its last day.
    Expired,
}

/// The answer 200 to `GET /api/v1/links/<token_sha256>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInfo {
    /// The clinic that registered it.
    pub clinic: String,
    /// The form it asks for.
    pub form: String,
    /// The timepoint it asks for.
    pub timepoint: String,
    /// Its last valid day (UTC).
    pub expires: String,
    /// Where it stands today.
    pub state: LinkState,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_hash_is_sha256_hex() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_batch_is_written_as_documented_and_unknown_members_are_refused() {
        let batch = LinkBatch {
            links: vec![NewLink {
                token_sha256: "a".repeat(64),
                form: "trivsel".into(),
                timepoint: "midway".into(),
                expires: "2027-01-31".into(),
            }],
            clinic: None,
        };
        let json = serde_json::to_string(&batch).unwrap();
        assert!(json.starts_with(r#"{"links":[{"token_sha256":"aaaa"#));
        assert!(!json.contains("clinic"));
        assert!(
            serde_json::from_str::<LinkBatch>(r#"{"links": [], "extra": 1}"#).is_err(),
            "unknown members are refused"
        );
    }

    #[test]
    fn a_link_state_is_read_from_its_name() {
        let info: LinkInfo = serde_json::from_str(
            r#"{"clinic":"demo","form":"trivsel","timepoint":"midway","expires":"2027-01-31","state":"used"}"#,
        )
        .unwrap();
        assert_eq!(info.state, LinkState::Used);
    }
}
