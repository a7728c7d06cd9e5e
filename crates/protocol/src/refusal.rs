//! Every error answer of the inbox: `{"error": "<message for people>", "code": "<code>"}`.
//! The message may change; the code is stable, and a client decides what to do (and what to
//! tell the citizen) from the code alone.

use serde::{Deserialize, Serialize};

/// The stable, machine-readable reason of a refusal (`docs/sync-api.md`, "Refusals"). On the
/// wire it is its name ([`RefusalCode::as_str`]); a name this side does not know reads as
/// [`RefusalCode::Other`]. (Read through one string match rather than a derived enum visitor:
/// the app carries less code.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "&'static str")]
#[non_exhaustive]
pub enum RefusalCode {
    /// 400: malformed (not UTF-8 JSON, not an envelope v1, a bad field or query).
    BadRequest,
    /// 401: no valid reader token.
    Unauthorized,
    /// 404: no such clinic, envelope or route.
    NotFound,
    /// 405: the route has no such method.
    MethodNotAllowed,
    /// 408: the request's head or body did not arrive in time.
    Timeout,
    /// 413: the body is above the endpoint's limit.
    TooLarge,
    /// 415: the body's media type is not one the endpoint reads.
    UnsupportedMediaType,
    /// 422: the envelope's clinic is not served here.
    UnknownClinic,
    /// 422: the envelope is sealed to another key than the clinic's.
    WrongKey,
    /// 422: the envelope is sealed to an earlier key of the clinic, no longer accepted (its
    /// `accepted_until` day is past).
    KeyRetired,
    /// 422: the clinic does not take this form at this timepoint.
    NotOffered,
    /// 422 (404 on `GET /api/v1/links/…`): no link of the clinic has this token.
    LinkUnknown,
    /// 422: the link is for another form or timepoint.
    LinkMismatch,
    /// 422: an anonymous self-screening to a clinic that takes none.
    AnonymousNotAccepted,
    /// 409: other bytes are stored under this id, or a link hash is registered otherwise.
    Conflict,
    /// 409: the link was answered by another envelope.
    LinkUsed,
    /// 410: the link's last day is past.
    LinkExpired,
    /// 429: too many envelopes of this kind for the clinic this hour (`Retry-After`).
    RateLimited,
    /// 500: the inbox failed.
    Internal,
    /// A code this client does not know (from a newer inbox): treated as "try again later".
    Other,
}

impl RefusalCode {
    /// Every code of this version of the protocol (all but [`RefusalCode::Other`]).
    pub const KNOWN: [RefusalCode; 19] = [
        RefusalCode::BadRequest,
        RefusalCode::Unauthorized,
        RefusalCode::NotFound,
        RefusalCode::MethodNotAllowed,
        RefusalCode::Timeout,
        RefusalCode::TooLarge,
        RefusalCode::UnsupportedMediaType,
        RefusalCode::UnknownClinic,
        RefusalCode::WrongKey,
        RefusalCode::KeyRetired,
        RefusalCode::NotOffered,
        RefusalCode::LinkUnknown,
        RefusalCode::LinkMismatch,
        RefusalCode::AnonymousNotAccepted,
        RefusalCode::Conflict,
        RefusalCode::LinkUsed,
        RefusalCode::LinkExpired,
        RefusalCode::RateLimited,
        RefusalCode::Internal,
    ];

    /// The HTTP status the inbox answers with this code (`link_unknown` is 404 on
    /// `GET /api/v1/links/…` and 422 on an envelope; this gives the envelope's).
    pub fn status(self) -> u16 {
        match self {
            RefusalCode::BadRequest => 400,
            RefusalCode::Unauthorized => 401,
            RefusalCode::NotFound => 404,
            RefusalCode::MethodNotAllowed => 405,
            RefusalCode::Timeout => 408,
            RefusalCode::TooLarge => 413,
            RefusalCode::UnsupportedMediaType => 415,
            RefusalCode::UnknownClinic
            | RefusalCode::WrongKey
            | RefusalCode::KeyRetired
            | RefusalCode::NotOffered
            | RefusalCode::LinkUnknown
            | RefusalCode::LinkMismatch
            | RefusalCode::AnonymousNotAccepted => 422,
            RefusalCode::Conflict | RefusalCode::LinkUsed => 409,
            RefusalCode::LinkExpired => 410,
            RefusalCode::RateLimited => 429,
            RefusalCode::Internal | RefusalCode::Other => 500,
        }
    }

    /// Whether the refusal is about the envelope itself, so that sending the same bytes again
    /// can only get the same answer: the sender then keeps the envelope, marks it refused,
    /// never sends it again and tells the person why. Every other code (a route or method
    /// the address does not have, a timeout, a limit, a failure, a code not known here) may
    /// change: the envelope is kept and sent again later.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RefusalCode::BadRequest
                | RefusalCode::TooLarge
                | RefusalCode::UnsupportedMediaType
                | RefusalCode::UnknownClinic
                | RefusalCode::WrongKey
                | RefusalCode::KeyRetired
                | RefusalCode::NotOffered
                | RefusalCode::LinkUnknown
                | RefusalCode::LinkMismatch
                | RefusalCode::AnonymousNotAccepted
                | RefusalCode::Conflict
                | RefusalCode::LinkUsed
                | RefusalCode::LinkExpired
        )
    }

    /// The code as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            RefusalCode::BadRequest => "bad_request",
            RefusalCode::Unauthorized => "unauthorized",
            RefusalCode::NotFound => "not_found",
            RefusalCode::MethodNotAllowed => "method_not_allowed",
            RefusalCode::Timeout => "timeout",
            RefusalCode::TooLarge => "too_large",
            RefusalCode::UnsupportedMediaType => "unsupported_media_type",
            RefusalCode::UnknownClinic => "unknown_clinic",
            RefusalCode::WrongKey => "wrong_key",
            RefusalCode::KeyRetired => "key_retired",
            RefusalCode::NotOffered => "not_offered",
            RefusalCode::LinkUnknown => "link_unknown",
            RefusalCode::LinkMismatch => "link_mismatch",
            RefusalCode::AnonymousNotAccepted => "anonymous_not_accepted",
            RefusalCode::Conflict => "conflict",
            RefusalCode::LinkUsed => "link_used",
            RefusalCode::LinkExpired => "link_expired",
            RefusalCode::RateLimited => "rate_limited",
            RefusalCode::Internal => "internal",
            RefusalCode::Other => "other",
        }
    }

    /// The code named `name`; [`RefusalCode::Other`] for a name not known here.
    pub fn from_name(name: &str) -> RefusalCode {
        RefusalCode::KNOWN
            .into_iter()
            .find(|code| code.as_str() == name)
            .unwrap_or(RefusalCode::Other)
    }

    /// The code of a status the framework answers by itself (a body over the limit, a query
    /// that does not parse, a method the route does not have, a request that timed out).
    pub fn for_status(status: u16) -> RefusalCode {
        match status {
            401 => RefusalCode::Unauthorized,
            404 => RefusalCode::NotFound,
            405 => RefusalCode::MethodNotAllowed,
            408 => RefusalCode::Timeout,
            413 => RefusalCode::TooLarge,
            415 => RefusalCode::UnsupportedMediaType,
            429 => RefusalCode::RateLimited,
            s if s >= 500 => RefusalCode::Internal,
            _ => RefusalCode::BadRequest,
        }
    }
}

impl From<String> for RefusalCode {
    fn from(name: String) -> RefusalCode {
        RefusalCode::from_name(&name)
    }
}

impl From<RefusalCode> for &'static str {
    fn from(code: RefusalCode) -> &'static str {
        code.as_str()
    }
}

/// The body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// A message for people (English; it may change).
    pub error: String,
    /// What a program acts on.
    pub code: RefusalCode,
}

impl Refusal {
    /// Reads an answer's body as a refusal; `None` if it is not one (an HTML page, nothing).
    pub fn parse(body: &[u8]) -> Option<Refusal> {
        serde_json::from_slice(body).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_written_as_its_name_and_read_back() {
        for code in RefusalCode::KNOWN {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<RefusalCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn a_code_from_a_newer_inbox_is_read_as_other_and_retried() {
        let refusal = Refusal::parse(br#"{"error": "x", "code": "inbox_on_fire"}"#).unwrap();
        assert_eq!(refusal.code, RefusalCode::Other);
        assert!(!refusal.code.is_final());
        assert_eq!(Refusal::parse(b"<html>"), None);
    }

    #[test]
    fn only_refusals_of_the_envelope_itself_are_final() {
        for code in RefusalCode::KNOWN {
            let about_the_envelope = matches!(code.status(), 400 | 409 | 410 | 413 | 415 | 422);
            assert_eq!(code.is_final(), about_the_envelope, "{code:?}");
        }
    }

    #[test]
    fn a_retired_key_is_a_final_422() {
        let refusal = Refusal::parse(br#"{"error": "x", "code": "key_retired"}"#).unwrap();
        assert_eq!(refusal.code, RefusalCode::KeyRetired);
        assert_eq!(refusal.code.status(), 422);
        assert!(refusal.code.is_final());
    }
}
