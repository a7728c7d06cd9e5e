//! Refusals: every error answer is `{"error": "<message for people>", "code": "<stable code>"}`;
//! a client decides what to do (and what to tell the citizen) from `code` alone.

use asi_envelope::KeyId;
use asi_protocol::{Refusal, RefusalCode};
use axum::Json;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use thiserror::Error;

use crate::db::LinkRefusal;
use crate::rate_limit::RetryAfter;

/// Why a request is refused. The message is for people; [`ApiError::code`] is for programs.
#[derive(Debug, Error)]
pub enum ApiError {
    /// The request is malformed (400 `bad_request`).
    #[error("{0}")]
    BadRequest(String),
    /// No valid reader token (401 `unauthorized`).
    #[error("a valid reader token is required")]
    Unauthorized,
    /// Nothing here (404 `not_found`).
    #[error("not found")]
    NotFound,
    /// The metadata names a clinic this inbox does not serve (422 `unknown_clinic`).
    #[error("this inbox has no clinic {0}")]
    UnknownClinic(String),
    /// The envelope is sealed to another key than the clinic's (422 `wrong_key`).
    #[error("the envelope is sealed to key {key_id}, which is none of clinic {clinic}'s keys")]
    WrongKey {
        /// The envelope's key id.
        key_id: KeyId,
        /// The clinic.
        clinic: String,
    },
    /// The envelope is sealed to an earlier key of the clinic whose last day is past (422
    /// `key_retired`).
    #[error(
        "the envelope is sealed to key {key_id}, an earlier key of clinic {clinic} accepted until {until} (UTC) and retired since"
    )]
    KeyRetired {
        /// The envelope's key id.
        key_id: KeyId,
        /// The clinic.
        clinic: String,
        /// The key's last day.
        until: String,
    },
    /// Other data is stored under this id or token hash (409 `conflict`).
    #[error("{0}")]
    Conflict(String),
    /// The clinic does not take this form at this timepoint (422 `not_offered`).
    #[error("clinic {clinic} does not take form {form} at timepoint {timepoint}")]
    NotOffered {
        /// The clinic.
        clinic: String,
        /// The form.
        form: String,
        /// The timepoint.
        timepoint: String,
    },
    /// An envelope's token is no link of its clinic (422 `link_unknown`).
    #[error("the link of this response is not known to the clinic")]
    LinkUnknown,
    /// No link has this token hash (404 `link_unknown`).
    #[error("no link has this token hash")]
    NoSuchLink,
    /// The link asks for another form or timepoint (422 `link_mismatch`).
    #[error("the link is for form {form} at timepoint {timepoint}, not what this response answers")]
    LinkMismatch {
        /// The link's form.
        form: String,
        /// The link's timepoint.
        timepoint: String,
    },
    /// The link's last day is past (410 `link_expired`).
    #[error("the link could be answered until {expires} (UTC) and has expired")]
    LinkExpired {
        /// The link's last day.
        expires: String,
    },
    /// Another response used the link (409 `link_used`).
    #[error("the link has already been answered")]
    LinkUsed,
    /// An anonymous self-screening to a clinic that takes none (422 `anonymous_not_accepted`).
    #[error("clinic {0} does not accept anonymous responses")]
    AnonymousNotAccepted(String),
    /// Too many responses without a link this hour (429 `rate_limited`, `Retry-After`).
    #[error("too many responses without a link reach this clinic; try again in {0} seconds")]
    RateLimited(u64),
    /// Something broke inside the inbox (500 `internal`); the detail is logged, not sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The HTTP status: the code's, but 404 for a link asked about that does not exist.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::NoSuchLink => StatusCode::NOT_FOUND,
            other => StatusCode::from_u16(other.code().status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        }
    }

    /// The stable, machine-readable code (`docs/sync-api.md`).
    pub fn code(&self) -> RefusalCode {
        match self {
            ApiError::BadRequest(_) => RefusalCode::BadRequest,
            ApiError::Unauthorized => RefusalCode::Unauthorized,
            ApiError::NotFound => RefusalCode::NotFound,
            ApiError::UnknownClinic(_) => RefusalCode::UnknownClinic,
            ApiError::WrongKey { .. } => RefusalCode::WrongKey,
            ApiError::KeyRetired { .. } => RefusalCode::KeyRetired,
            ApiError::Conflict(_) => RefusalCode::Conflict,
            ApiError::NotOffered { .. } => RefusalCode::NotOffered,
            ApiError::LinkUnknown | ApiError::NoSuchLink => RefusalCode::LinkUnknown,
            ApiError::LinkMismatch { .. } => RefusalCode::LinkMismatch,
            ApiError::LinkExpired { .. } => RefusalCode::LinkExpired,
            ApiError::LinkUsed => RefusalCode::LinkUsed,
            ApiError::AnonymousNotAccepted(_) => RefusalCode::AnonymousNotAccepted,
            ApiError::RateLimited(_) => RefusalCode::RateLimited,
            ApiError::Internal(_) => RefusalCode::Internal,
        }
    }
}

impl From<LinkRefusal> for ApiError {
    fn from(refusal: LinkRefusal) -> ApiError {
        match refusal {
            LinkRefusal::Unknown => ApiError::LinkUnknown,
            LinkRefusal::Mismatch { form, timepoint } => ApiError::LinkMismatch { form, timepoint },
            LinkRefusal::Expired { expires } => ApiError::LinkExpired { expires },
            LinkRefusal::Used => ApiError::LinkUsed,
        }
    }
}

impl From<RetryAfter> for ApiError {
    fn from(wait: RetryAfter) -> ApiError {
        ApiError::RateLimited(wait.seconds())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            // Logged without request data: never an address, an agent or envelope content.
            eprintln!("asi-inbox: internal error: {detail}");
        }
        let status = self.status();
        let mut response = (
            status,
            Json(Refusal {
                error: self.to_string(),
                code: self.code(),
            }),
        )
            .into_response();
        let headers = response.headers_mut();
        match self {
            ApiError::Unauthorized => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::RateLimited(seconds) => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            _ => {}
        }
        response
    }
}

/// Middleware for the API: gives an error answer that is not already JSON (the framework's
/// own plain-text refusals, such as 413 from the body limit) the `{"error", "code"}` body.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = to_bytes(body, 4096)
        .await
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_lowercase());
    let refusal = Refusal {
        error: text,
        code: RefusalCode::for_status(status.as_u16()),
    };
    let json = serde_json::to_string(&refusal).expect("a refusal always serialises");
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(json))
}
