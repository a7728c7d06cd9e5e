//! Refusals: every error answer is `{"error": "<message for people>", "code": "<stable code>"}`;
//! a client decides what to do (and what to tell the citizen) from `code` alone.

use axum::Json;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
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
    #[error("the envelope is sealed to key {key_id}, which is not clinic {clinic}'s key")]
    WrongKey {
        /// The envelope's key id.
        key_id: String,
        /// The clinic.
        clinic: String,
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
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound | ApiError::NoSuchLink => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) | ApiError::LinkUsed => StatusCode::CONFLICT,
            ApiError::LinkExpired { .. } => StatusCode::GONE,
            ApiError::UnknownClinic(_)
            | ApiError::WrongKey { .. }
            | ApiError::NotOffered { .. }
            | ApiError::LinkUnknown
            | ApiError::LinkMismatch { .. }
            | ApiError::AnonymousNotAccepted(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable, machine-readable code (`docs/sync-api.md`).
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unauthorized => "unauthorized",
            ApiError::NotFound => "not_found",
            ApiError::UnknownClinic(_) => "unknown_clinic",
            ApiError::WrongKey { .. } => "wrong_key",
            ApiError::Conflict(_) => "conflict",
            ApiError::NotOffered { .. } => "not_offered",
            ApiError::LinkUnknown | ApiError::NoSuchLink => "link_unknown",
            ApiError::LinkMismatch { .. } => "link_mismatch",
            ApiError::LinkExpired { .. } => "link_expired",
            ApiError::LinkUsed => "link_used",
            ApiError::AnonymousNotAccepted(_) => "anonymous_not_accepted",
            ApiError::RateLimited(_) => "rate_limited",
            ApiError::Internal(_) => "internal",
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
            Json(json!({ "error": self.to_string(), "code": self.code() })),
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

/// The code of an error the framework answers by itself (a body over the limit, a query that
/// does not parse, a method the route does not have).
fn code_for(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        s if s.is_server_error() => "internal",
        _ => "bad_request",
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
    let json = json!({ "error": text, "code": code_for(status) }).to_string();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(json))
}
