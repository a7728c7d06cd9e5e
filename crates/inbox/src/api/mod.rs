//! The HTTP API (`docs/sync-api.md`): `app(state)` is the whole server, testable without a
//! socket.

mod envelopes;
pub mod error;
mod links;

use std::sync::Arc;

use axum::extract::Request;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::{self, Next, map_response};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, post};
use axum::{Json, Router};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::db::Db;
use crate::rate_limit::RateLimiter;
pub use error::ApiError;

/// The largest envelope accepted, in bytes.
pub const MAX_BODY: usize = 64 * 1024;
/// The largest batch of links accepted, in bytes (1000 links of about 150 bytes each).
pub const MAX_LINKS_BODY: usize = 256 * 1024;

/// Shared by every request.
pub struct AppState {
    /// The configuration.
    pub config: Config,
    /// The database.
    pub db: Db,
    /// The counters served on `metrics_listen`.
    pub metrics: crate::metrics::Metrics,
    clock: Arc<dyn Clock>,
    limiter: RateLimiter,
}

impl AppState {
    /// The state of a server that goes by the system's clock.
    pub fn new(config: Config, db: Db) -> AppState {
        AppState::with_clock(config, db, Arc::new(SystemClock))
    }

    /// The state of a server that goes by `clock` (tests move it).
    pub fn with_clock(config: Config, db: Db, clock: Arc<dyn Clock>) -> AppState {
        AppState {
            config,
            db,
            metrics: Default::default(),
            clock,
            limiter: RateLimiter::default(),
        }
    }

    /// Runs database work off the async runtime.
    async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&Db) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let state = self.clone();
        tokio::task::spawn_blocking(move || work(&state.db))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
            .map_err(|e| ApiError::Internal(e.to_string()))
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
        .route(
            "/api/v1/envelopes",
            get(envelopes::list).post(envelopes::post),
        )
        .route("/api/v1/envelopes/{id}", delete(envelopes::delete))
        .route(
            "/api/v1/links",
            post(links::register).layer(DefaultBodyLimit::max(MAX_LINKS_BODY)),
        )
        .route("/api/v1/links/{token_sha256}", get(links::state))
        .route("/api/v1/clinics/{id}", get(clinic))
        // Every other address under /api answers 404 `not_found`, whatever the method, and
        // is never the app's page.
        .route("/api", any(not_found))
        .route("/api/", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .route("/healthz", get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(map_response(error::json_errors))
        .layer(cors);
    let router = match &state.config.app_dir {
        // The app's files and their headers (`crate::app_files`).
        Some(dir) => api.fallback_service(crate::app_files::service(dir, &state.config)),
        None => api,
    };
    router
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(path_guard))
        .layer(map_response(crate::app_files::nosniff))
        .with_state(state)
}

/// The longest request path answered, in bytes.
pub const MAX_PATH: usize = 1024;
/// The longest segment of a request path, in bytes (a file name's limit on Linux).
pub const MAX_SEGMENT: usize = 255;

/// Whether a request path is one this server can answer: not longer than [`MAX_PATH`], no
/// segment longer than [`MAX_SEGMENT`], and no form that a browser could read as another
/// host once a slash is added to it (`//host`, `/\host`, backslashes escaped or not).
pub fn is_answerable_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    path.len() <= MAX_PATH
        && path.split('/').all(|segment| segment.len() <= MAX_SEGMENT)
        && !path.starts_with("//")
        && !path.contains('\\')
        && !lower.contains("%5c")
        && !lower.starts_with("/%2f")
}

/// Answers 404 `not_found` to a path that [`is_answerable_path`] refuses, before any route
/// or file lookup sees it: never a 500 from a file name too long, never a redirect to a
/// scheme-relative address.
async fn path_guard(request: Request, next: Next) -> Response {
    if is_answerable_path(request.uri().path()) {
        next.run(request).await
    } else {
        ApiError::NotFound.into_response()
    }
}

/// The clinic whose reader token the request carries (`Authorization: Bearer <token>`; the
/// scheme's name is case-insensitive, RFC 9110 §11.1).
fn reader_clinic(config: &Config, headers: &HeaderMap) -> Result<String, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty())
        .ok_or(ApiError::Unauthorized)?;
    let hash = asi_protocol::token_hash(token);
    Ok(config
        .clinics
        .iter()
        .find(|c| c.reader_token_sha256.eq_ignore_ascii_case(&hash))
        .ok_or(ApiError::Unauthorized)?
        .id
        .clone())
}

/// JSON that must not be kept by caches on the way (settings and link states change).
fn no_store(value: impl serde::Serialize) -> Response {
    (
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(value),
    )
        .into_response()
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn clinic(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let clinic = state.config.clinic(&id).ok_or(ApiError::NotFound)?;
    Ok(no_store(clinic.public_settings()))
}
