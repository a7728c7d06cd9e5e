//! The drafts on the device: one encrypted record per draft slot in IndexedDB.
//!
//! In database `asi-app` (see [`super::database`]), two object stores with out-of-line keys:
//! - `keys`: `"drafts"` → the non-extractable AES-GCM `CryptoKey` (stored as a structured
//!   clone; its bytes are never exposed);
//! - `drafts`: slot id → `{v: 1, iv: Uint8Array(12), ct: Uint8Array, updated: ms, expires: ms}`,
//!   where `ct` is AES-GCM over the draft as JSON. Nothing of the answers is in the clear.

use asi_instrument::Draft;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;

use super::crypto;
use super::database::{DRAFTS, DeviceError, KEYS, delete_key, read_all, with_db};

const KEY_ID: &str = "drafts";
const RECORD_VERSION: f64 = 1.0;

/// A draft read back from the device.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedDraft {
    /// Its slot (one per link, clinic and timepoint; for now one per form).
    pub slot: String,
    /// The draft.
    pub draft: Draft,
    /// When it was last saved (ms since the epoch).
    pub updated_ms: f64,
}

/// Drafts in IndexedDB, encrypted under a key that never leaves the browser.
///
/// Each operation opens the database and closes it again, so no connection stays open to
/// block another tab's upgrade or "Slet mine svar".
pub struct EncryptedDrafts {
    key: CryptoKey,
}

fn set(object: &Object, field: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &field.into(), value);
}

fn get(object: &JsValue, field: &str) -> Option<JsValue> {
    Reflect::get(object, &field.into())
        .ok()
        .filter(|v| !v.is_undefined())
}

impl EncryptedDrafts {
    /// Opens the database (creating or upgrading it) and its key (creating it once).
    pub async fn open() -> Result<EncryptedDrafts, DeviceError> {
        if let Some(key) = Self::read_key().await? {
            return Ok(EncryptedDrafts { key });
        }
        let key = crypto::new_key()
            .await
            .map_err(|e| DeviceError::Crypto(format!("{e:?}")))?;
        let stored = with_db(async |db| {
            let tx = db
                .transaction(KEYS)
                .with_mode(TransactionMode::Readwrite)
                .build()?;
            // add, not put: if another tab made a key meanwhile, theirs is kept.
            let added = tx
                .object_store(KEYS)?
                .add(JsValue::from(key.clone()))
                .with_key(KEY_ID)
                .primitive()?;
            tx.commit().await?;
            added.await?;
            Ok(())
        })
        .await;
        match stored {
            Ok(()) => Ok(EncryptedDrafts { key }),
            Err(_) => Self::read_key()
                .await?
                .map(|key| EncryptedDrafts { key })
                .ok_or_else(|| {
                    DeviceError::Unavailable("the draft key could not be stored".into())
                }),
        }
    }

    async fn read_key() -> Result<Option<CryptoKey>, DeviceError> {
        with_db(async |db| {
            let tx = db.transaction(KEYS).build()?;
            let value: Option<JsValue> = tx.object_store(KEYS)?.get(KEY_ID).primitive()?.await?;
            Ok(value.and_then(|v| v.dyn_into::<CryptoKey>().ok()))
        })
        .await
    }

    /// Encrypts and stores `draft` in `slot`, to expire `keep_ms` after `now_ms`. Returns
    /// when the write is committed.
    pub async fn save(
        &self,
        slot: &str,
        draft: &Draft,
        now_ms: f64,
        keep_ms: f64,
    ) -> Result<(), DeviceError> {
        let plain = serde_json::to_vec(draft).expect("a draft always serialises");
        let iv = crypto::random_iv().map_err(|e| DeviceError::Crypto(format!("{e:?}")))?;
        let sealed = crypto::encrypt(&self.key, &iv, &plain)
            .await
            .map_err(|e| DeviceError::Crypto(format!("{e:?}")))?;
        let record = Object::new();
        set(&record, "v", &RECORD_VERSION.into());
        set(&record, "iv", &Uint8Array::from(&iv[..]).into());
        set(&record, "ct", &Uint8Array::from(&sealed[..]).into());
        set(&record, "updated", &now_ms.into());
        set(&record, "expires", &(now_ms + keep_ms).into());
        with_db(async |db| {
            let tx = db
                .transaction(DRAFTS)
                .with_mode(TransactionMode::Readwrite)
                .build()?;
            let put = tx
                .object_store(DRAFTS)?
                .put(JsValue::from(record))
                .with_key(slot)
                .primitive()?;
            tx.commit().await?;
            put.await?;
            Ok(())
        })
        .await
    }

    /// Every draft that has not expired, newest first. Expired drafts, and records that no
    /// longer open (another key, a damaged record), are deleted.
    pub async fn load_all(&self, now_ms: f64) -> Result<Vec<SavedDraft>, DeviceError> {
        let records = read_all(DRAFTS).await?;
        let mut out = Vec::new();
        let mut stale = Vec::new();
        for (slot, record) in records {
            match self.open_record(&record, now_ms).await {
                Some((draft, updated_ms)) => out.push(SavedDraft {
                    slot,
                    draft,
                    updated_ms,
                }),
                None => stale.push(slot),
            }
        }
        for slot in stale {
            self.delete(&slot).await?;
        }
        out.sort_unstable_by(|a, b| b.updated_ms.total_cmp(&a.updated_ms));
        Ok(out)
    }

    async fn open_record(&self, record: &JsValue, now_ms: f64) -> Option<(Draft, f64)> {
        let expires = get(record, "expires")?.as_f64()?;
        if expires <= now_ms || get(record, "v")?.as_f64()? != RECORD_VERSION {
            return None;
        }
        let iv = Uint8Array::new(&get(record, "iv")?).to_vec();
        let sealed = Uint8Array::new(&get(record, "ct")?).to_vec();
        let plain = crypto::decrypt(&self.key, &iv, &sealed).await.ok()?;
        let draft = serde_json::from_slice(&plain).ok()?;
        Some((draft, get(record, "updated")?.as_f64()?))
    }

    /// Deletes one draft.
    pub async fn delete(&self, slot: &str) -> Result<(), DeviceError> {
        delete_key(DRAFTS, slot).await
    }
}
