//! The HTTP API (`docs/sync-api.md`): `app(state)` is the whole server, testable without a
//! socket.

use std::sync::Arc;

use asi_envelope::{Envelope, inspect};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

use crate::config::{Clinic, Config};
use crate::db::{Db, Deleted, Row, Stored};

/// The largest envelope accepted, in bytes.
pub const MAX_BODY: usize = 64 * 1024;

/// Shared by every request.
pub struct AppState {
    pub config: Config,
    pub db: Db,
}

/// An API error: a status and a message for the client. Internal errors say nothing more.
#[derive(Debug)]
pub enum ApiError {
    BadRequest(String),
    Unauthorized,
    NotFound,
    Unprocessable(String),
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "a valid reader token is required".into(),
            ),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not found".into()),
            ApiError::Unprocessable(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
            ApiError::Internal(detail) => {
                // Logged without request data: never an address, an agent or envelope content.
                eprintln!("asi-inbox: internal error: {detail}");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error".into())
            }
        };
        let mut response = (status, Json(json!({ "error": message }))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// The whole server.
pub fn app(state: Arc<AppState>) -> Router {
    let origins: Vec<HeaderValue> = state
        .config
        .allowed_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]);
    let api = Router::new()
        .route("/api/v1/envelopes", get(list_envelopes).post(post_envelope))
        .route("/api/v1/envelopes/{id}", delete(delete_envelope))
        .route("/api/v1/clinics/{id}", get(clinic))
        .route("/healthz", get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(cors);
    let router = match &state.config.app_dir {
        // The app's files, compressed for slow phones; unknown paths are app routes.
        Some(dir) => api
            .fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))),
        None => api,
    };
    router.layer(CompressionLayer::new()).with_state(state)
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> rusqlite::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(e.to_string()))
}

fn find_clinic<'a>(config: &'a Config, id: &str) -> Option<&'a Clinic> {
    config.clinics.iter().find(|c| c.id == id)
}

async fn post_envelope(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::BadRequest("the body is not UTF-8".into()))?;
    let envelope = Envelope::from_json(text).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let metadata = inspect(&envelope).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let clinic = find_clinic(&state.config, &metadata.clinic)
        .ok_or_else(|| ApiError::Unprocessable(format!("unknown clinic {}", metadata.clinic)))?;
    if clinic.key().key_id() != metadata.key_id {
        return Err(ApiError::Unprocessable(format!(
            "key {} is not clinic {}'s key",
            metadata.key_id, clinic.id
        )));
    }
    let id = envelope.id.clone();
    let stored = {
        let state = state.clone();
        let body = body.clone();
        blocking(move || {
            state.db.store(&Row {
                id: &metadata.id,
                clinic: &metadata.clinic,
                key_id: &metadata.key_id,
                form: &metadata.form,
                timepoint: &metadata.timepoint,
                day: &metadata.day,
                body: &body,
            })
        })
        .await?
    };
    Ok(match stored {
        Stored::Created => (
            StatusCode::CREATED,
            Json(json!({"id": id, "status": "stored"})),
        )
            .into_response(),
        Stored::Repeat => (
            StatusCode::OK,
            Json(json!({"id": id, "status": "already stored"})),
        )
            .into_response(),
        Stored::Conflict => (
            StatusCode::CONFLICT,
            Json(json!({"error": "another envelope is already stored under this id"})),
        )
            .into_response(),
    })
}

#[derive(Deserialize)]
struct ListQuery {
    after: Option<String>,
    limit: Option<u32>,
}

/// The clinic whose reader token the request carries (`Authorization: Bearer <token>`).
fn reader_clinic(config: &Config, headers: &HeaderMap) -> Result<String, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthorized)?;
    let hash: String = Sha256::digest(token.trim().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(config
        .clinics
        .iter()
        .find(|c| c.reader_token_sha256.eq_ignore_ascii_case(&hash))
        .ok_or(ApiError::Unauthorized)?
        .id
        .clone())
}

async fn list_envelopes(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
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
    let rows = {
        let state = state.clone();
        blocking(move || state.db.list(&clinic, after, limit)).await?
    };
    let next = rows.last().map_or(after, |(seq, _)| *seq);
    let items = rows
        .into_iter()
        .map(|(_, body)| {
            serde_json::from_slice::<Value>(&body).map_err(|e| ApiError::Internal(e.to_string()))
        })
        .collect::<Result<Vec<Value>, ApiError>>()?;
    Ok(Json(json!({"items": items, "next": next.to_string()})))
}

async fn delete_envelope(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let clinic = reader_clinic(&state.config, &headers)?;
    let deleted = {
        let state = state.clone();
        let id = id.clone();
        blocking(move || state.db.delete(&clinic, &id)).await?
    };
    match deleted {
        Deleted::Now | Deleted::Already => Ok(StatusCode::NO_CONTENT.into_response()),
        Deleted::NotFound => Err(ApiError::NotFound),
    }
}

async fn clinic(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let clinic = find_clinic(&state.config, &id).ok_or(ApiError::NotFound)?;
    let key = clinic.key();
    Ok(Json(json!({
        "id": clinic.id,
        "name": clinic.name,
        "contact": clinic.contact,
        "public_key": key.to_text(),
        "key_id": key.key_id(),
    })))
}
