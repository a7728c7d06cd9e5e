//! Each clinic's public settings, kept for offline use: the `clinics` store (schema v3),
//! keyed by clinic id, value the exact JSON text the inbox answered to
//! `GET /api/v1/clinics/<id>`. Nothing in it is about the citizen.

use super::database::{CLINICS, DeviceError, get_value, put_value};

/// Keeps the settings of clinic `id`.
pub async fn save(id: &str, json: &str) -> Result<(), DeviceError> {
    put_value(CLINICS, id, json.into()).await
}

/// The kept settings of clinic `id`, if any.
pub async fn load(id: &str) -> Result<Option<String>, DeviceError> {
    Ok(get_value(CLINICS, id).await?.and_then(|v| v.as_string()))
}
