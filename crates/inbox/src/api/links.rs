//! `POST /api/v1/links` (the clinic registers token hashes) and `GET /api/v1/links/<hash>`
//! (the app asks where a link stands). The inbox never receives an unused token.

use std::sync::Arc;

use asi_protocol::{LinkBatch, LinkInfo, LinksCreated, NewLink};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{ApiError, AppState, no_store, reader_clinic};
use crate::db::Registered;

/// The most links in one request.
pub const MAX_LINKS: usize = 1000;

/// Whether `text` is SHA-256 written as 64 lowercase hex digits.
fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Checks one item's fields (400 `bad_request`), naming the item.
fn check(index: usize, item: &NewLink) -> Result<(), ApiError> {
    let bad = |what: &str| ApiError::BadRequest(format!("links[{index}].{what}"));
    if !is_sha256_hex(&item.token_sha256) {
        return Err(bad("token_sha256 must be 64 lowercase hex digits"));
    }
    if let Err(e) = asi_instrument::instrument().form_at(&item.form, &item.timepoint) {
        return Err(bad(&e.to_string()));
    }
    if !asi_instrument::date::is_iso_date(&item.expires) {
        return Err(bad("expires must be a day written YYYY-MM-DD"));
    }
    Ok(())
}

/// `POST /api/v1/links`: registers a batch of links for the reader token's clinic, all or
/// none.
pub async fn register(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let clinic_id = reader_clinic(&state.config, &headers)?;
    let batch: LinkBatch = serde_json::from_slice(&body)
        .map_err(|e| ApiError::BadRequest(format!("not a batch of links: {e}")))?;
    if let Some(named) = &batch.clinic
        && *named != clinic_id
    {
        return Err(ApiError::BadRequest(format!(
            "the reader token is clinic {clinic_id}'s, not clinic {named}'s"
        )));
    }
    if !(1..=MAX_LINKS).contains(&batch.links.len()) {
        return Err(ApiError::BadRequest(format!(
            "a batch has 1–{MAX_LINKS} links, this one {}",
            batch.links.len()
        )));
    }
    let clinic = state
        .config
        .clinic(&clinic_id)
        .ok_or(ApiError::Unauthorized)?;
    for (index, item) in batch.links.iter().enumerate() {
        check(index, item)?;
        if !clinic.offers(&item.form, &item.timepoint) {
            return Err(ApiError::NotOffered {
                clinic: clinic_id,
                form: item.form.clone(),
                timepoint: item.timepoint.clone(),
            });
        }
    }
    let links = batch.links;
    match state
        .run(move |db| db.register_links(&clinic_id, &links))
        .await?
    {
        Registered::Created(created) => {
            Ok((StatusCode::CREATED, Json(LinksCreated { created })).into_response())
        }
        Registered::Conflict(hash) => Err(ApiError::Conflict(format!(
            "link {hash} is already registered with other details"
        ))),
    }
}

/// `GET /api/v1/links/<token_sha256>`: the link's clinic, form, timepoint, last day and
/// state.
pub async fn state(
    State(state): State<Arc<AppState>>,
    Path(token_sha256): Path<String>,
) -> Result<Response, ApiError> {
    let today = state.clock.today();
    let link = state
        .run(move |db| db.link(&token_sha256))
        .await?
        .ok_or(ApiError::NoSuchLink)?;
    let state = link.state(&today);
    Ok(no_store(LinkInfo {
        clinic: link.clinic,
        form: link.form,
        timepoint: link.timepoint,
        expires: link.expires,
        state,
    }))
}
