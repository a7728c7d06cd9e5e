//! The app's IndexedDB database `asi-app` and its schema versions.
//!
//! - Version 1: `drafts` and `keys` (the encrypted drafts, [`super::drafts`]).
//! - Version 2: adds `outbox` (sealed envelopes waiting to be sent, [`super::outbox`]).
//! - Version 3: adds `clinics` (each clinic's public settings, for offline use,
//!   [`super::clinics`]).
//!
//! Each upgrade step only adds; data of older versions is kept.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;

/// The IndexedDB database name.
pub const DB_NAME: &str = "asi-app";
/// The schema version this code writes.
pub const DB_VERSION: u32 = 3;
pub(crate) const DRAFTS: &str = "drafts";
pub(crate) const KEYS: &str = "keys";
pub(crate) const OUTBOX: &str = "outbox";
pub(crate) const CLINICS: &str = "clinics";

/// Why this device cannot keep what the app asks it to.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DeviceError {
    /// IndexedDB is missing, blocked or refused (private browsing, settings, an old browser).
    #[error("IndexedDB is not available: {0}")]
    Unavailable(String),
    /// The browser refused to store more (quota exceeded).
    #[error("the device's storage is full: {0}")]
    Full(String),
    /// WebCrypto failed.
    #[error("encryption is not available: {0}")]
    Crypto(String),
}

impl From<indexed_db_futures::error::Error> for DeviceError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        let text = format!("{e:?}");
        if text.contains("QuotaExceeded") {
            DeviceError::Full(text)
        } else {
            DeviceError::Unavailable(text)
        }
    }
}

impl From<indexed_db_futures::error::OpenDbError> for DeviceError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        DeviceError::Unavailable(format!("{e:?}"))
    }
}

/// Opens (creating or upgrading) the database.
pub(crate) async fn open_db() -> Result<Database, DeviceError> {
    Ok(Database::open(DB_NAME)
        .with_version(DB_VERSION)
        .with_on_upgrade_needed(|event, db| {
            let old = event.old_version();
            if old < 1.0 {
                db.create_object_store(DRAFTS).build()?;
                db.create_object_store(KEYS).build()?;
            }
            if old < 2.0 {
                db.create_object_store(OUTBOX).build()?;
            }
            if old < 3.0 {
                db.create_object_store(CLINICS).build()?;
            }
            Ok(())
        })
        .await?)
}

/// Runs `work` on a freshly opened connection and closes it whatever the outcome.
pub(crate) async fn with_db<T>(
    work: impl AsyncFnOnce(&Database) -> Result<T, DeviceError>,
) -> Result<T, DeviceError> {
    let db = open_db().await?;
    let result = work(&db).await;
    db.close();
    result
}

/// Every key and record of an object store, in key order.
pub(crate) async fn read_all(
    store_name: &'static str,
) -> Result<Vec<(String, JsValue)>, DeviceError> {
    with_db(async |db| {
        let tx = db.transaction(store_name).build()?;
        let store = tx.object_store(store_name)?;
        let keys: Vec<String> = store
            .get_all_keys::<String>()
            .primitive()?
            .await?
            .collect::<Result<_, _>>()?;
        let records: Vec<JsValue> = store
            .get_all::<JsValue>()
            .primitive()?
            .await?
            .collect::<Result<_, _>>()?;
        Ok(keys.into_iter().zip(records).collect())
    })
    .await
}

/// One record of an object store, if there is one.
pub(crate) async fn get_value(
    store_name: &'static str,
    key: &str,
) -> Result<Option<JsValue>, DeviceError> {
    with_db(async |db| {
        let tx = db.transaction(store_name).build()?;
        let value: Option<JsValue> = tx.object_store(store_name)?.get(key).primitive()?.await?;
        Ok(value.filter(|v| !v.is_undefined()))
    })
    .await
}

/// Writes one record of an object store, replacing what was there.
pub(crate) async fn put_value(
    store_name: &'static str,
    key: &str,
    value: JsValue,
) -> Result<(), DeviceError> {
    with_db(async |db| {
        let tx = db
            .transaction(store_name)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(store_name)?
            .put(value)
            .with_key(key)
            .primitive()?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Deletes one record of an object store.
pub(crate) async fn delete_key(store_name: &'static str, key: &str) -> Result<(), DeviceError> {
    with_db(async |db| {
        let tx = db
            .transaction(store_name)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let deleted = tx.object_store(store_name)?.delete(key).primitive()?;
        tx.commit().await?;
        deleted.await?;
        Ok(())
    })
    .await
}

/// Deletes the whole database: every draft, the key and the outbox.
pub async fn delete_everything() -> Result<(), DeviceError> {
    Database::delete_by_name(DB_NAME)?.await?;
    Ok(())
}
