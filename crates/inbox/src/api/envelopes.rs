//! `POST`, `GET /api/v1/envelopes` and `DELETE /api/v1/envelopes/<id>`.

use std::sync::Arc;

use asi_envelope::{Envelope, Metadata, inspect};
use asi_protocol::{Ack, AckStatus, EnvelopePage, RefusalCode};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;

use super::{ApiError, AppState, reader_clinic};
use crate::clinic::{Clinic, KeyUse};
use crate::db::{Deleted, Row, Stored};
use crate::rate_limit::Budget;

/// The envelope and its clear metadata, or 400: every rule of the format that needs no key,
/// and a form, timepoint and day the product takes.
fn parse(body: &[u8]) -> Result<(Envelope, Metadata), ApiError> {
    let bad = |e: &dyn std::fmt::Display| ApiError::BadRequest(e.to_string());
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::BadRequest("the body is not UTF-8".into()))?;
    let envelope = Envelope::from_json(text).map_err(|e| bad(&e))?;
    let metadata = inspect(&envelope).map_err(|e| bad(&e))?;
    asi_instrument::instrument()
        .check_metadata(&metadata.form, &metadata.timepoint, &metadata.day)
        .map_err(|e| bad(&e))?;
    Ok((envelope, metadata))
}

/// The clinic the envelope is for, if its key is one of the clinic's (current or earlier),
/// and what its key is to the clinic today.
fn addressee<'a>(
    state: &'a AppState,
    metadata: &Metadata,
) -> Result<(&'a Clinic, KeyUse), ApiError> {
    let clinic = state
        .config
        .clinic(&metadata.clinic)
        .ok_or_else(|| ApiError::UnknownClinic(metadata.clinic.clone()))?;
    match clinic.key_use(&metadata.key_id, &state.clock.today()) {
        KeyUse::Unknown => Err(ApiError::WrongKey {
            key_id: metadata.key_id,
            clinic: clinic.id.clone(),
        }),
        known => Ok((clinic, known)),
    }
}

/// The answer to an envelope stored now or before: the acknowledgement naming it by id and
/// the SHA-256 of the stored bytes (which are `body`, byte for byte).
fn answer(id: &str, body: &[u8], stored: Stored) -> Result<Response, ApiError> {
    let (status, ack) = match stored {
        Stored::Created => (StatusCode::CREATED, AckStatus::Stored),
        Stored::Repeat => (StatusCode::OK, AckStatus::AlreadyStored),
        Stored::Conflict => {
            return Err(ApiError::Conflict(
                "another envelope is already stored under this id".into(),
            ));
        }
    };
    Ok((status, Json(Ack::new(id, ack, body))).into_response())
}

/// `POST /api/v1/envelopes`, counted ([`crate::metrics`]).
pub async fn post(
    State(state): State<Arc<AppState>>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        // Over the size limit; a body that never arrived whole (408) is not counted.
        Err(rejection) => {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                state.metrics.refused(None, RefusalCode::TooLarge);
            }
            return rejection.into_response();
        }
    };
    let mut clinic = None;
    let answer = accept(&state, body, &mut clinic).await;
    let clinic = clinic.as_deref();
    match &answer {
        Ok(response) if response.status() == StatusCode::CREATED => {
            state.metrics.stored(clinic.unwrap_or_default());
        }
        Ok(_) => state.metrics.repeated(clinic.unwrap_or_default()),
        Err(refusal) => state.metrics.refused(clinic, refusal.code()),
    }
    answer.into_response()
}

/// Checks and stores an envelope; sets `named` to its clinic once it is known to be one
/// served here.
async fn accept(
    state: &Arc<AppState>,
    body: Bytes,
    named: &mut Option<String>,
) -> Result<Response, ApiError> {
    let (envelope, metadata) = parse(&body)?;
    if state.config.clinic(&metadata.clinic).is_some() {
        *named = Some(metadata.clinic.clone());
    }
    let (clinic, key) = addressee(state, &metadata)?;
    // A resend of an envelope stored (or deleted) before is answered first, whatever its link,
    // its key's retirement or the clinic's settings say now: the phone may never have heard
    // the first answer.
    let seen = {
        let (id, body) = (envelope.id, body.clone());
        state.run(move |db| db.previous(id.as_str(), &body)).await?
    };
    if let Some(seen) = seen {
        return answer(envelope.id.as_str(), &body, seen);
    }
    if let KeyUse::Retired { until } = key {
        return Err(ApiError::KeyRetired {
            key_id: metadata.key_id,
            clinic: clinic.id.clone(),
            until,
        });
    }
    if !clinic.offers(&metadata.form, &metadata.timepoint) {
        return Err(ApiError::NotOffered {
            clinic: clinic.id.clone(),
            form: metadata.form,
            timepoint: metadata.timepoint,
        });
    }
    let stored = match &metadata.token {
        Some(token) => {
            let (hash, today) = (asi_protocol::token_hash(token), state.clock.today());
            let (metadata, body) = (metadata.clone(), body.clone());
            state
                .run(move |db| db.store_linked(&Row::of(&metadata, &body), &hash, &today))
                .await??
        }
        None => {
            let budget = Budget::of(&metadata.timepoint);
            if budget == Budget::Anonymous && !clinic.accept_anonymous {
                return Err(ApiError::AnonymousNotAccepted(clinic.id.clone()));
            }
            let now = state.clock.now();
            let per_hour = clinic.per_hour(budget);
            state.limiter.admit(&clinic.id, budget, per_hour, now)?;
            let (metadata, body) = (metadata.clone(), body.clone());
            let stored = state
                .run(move |db| db.store(&Row::of(&metadata, &body)))
                .await;
            if !matches!(stored, Ok(Stored::Created)) {
                // Not new after all (a concurrent resend), or not stored: it does not count.
                state.limiter.refund(&clinic.id, budget, now);
            }
            stored?
        }
    };
    answer(envelope.id.as_str(), &body, stored)
}

#[derive(Deserialize)]
pub struct ListQuery {
    after: Option<String>,
    limit: Option<u32>,
}

/// `GET /api/v1/envelopes?after=&limit=`.
pub async fn list(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Json<EnvelopePage>, ApiError> {
    let clinic = reader_clinic(&state.config, &headers)?;
    let after: i64 = match query.after.as_deref() {
        None | Some("") => 0,
        Some(cursor) => cursor
            .parse()
            .ok()
            .filter(|c: &i64| *c >= 0)
            .ok_or_else(|| {
                ApiError::BadRequest("after must be a cursor returned as next".into())
            })?,
    };
    let limit = query.limit.unwrap_or(100).clamp(1, 1000);
    let rows = state.run(move |db| db.list(&clinic, after, limit)).await?;
    let next = rows.last().map_or(after, |(seq, _)| *seq);
    let items = rows
        .into_iter()
        .map(|(_, body)| {
            serde_json::from_slice::<Value>(&body).map_err(|e| ApiError::Internal(e.to_string()))
        })
        .collect::<Result<Vec<Value>, ApiError>>()?;
    Ok(Json(EnvelopePage {
        items,
        next: next.to_string(),
    }))
}

/// `DELETE /api/v1/envelopes/<id>`.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let clinic = reader_clinic(&state.config, &headers)?;
    match state.run(move |db| db.delete(&clinic, &id)).await? {
        Deleted::Now | Deleted::Already => Ok(StatusCode::NO_CONTENT.into_response()),
        Deleted::NotFound => Err(ApiError::NotFound),
    }
}
