//! The outbox: sealed envelopes waiting to be sent, in the `outbox` store (schema v2), keyed
//! by envelope id, value `{envelope: <the envelope JSON text>, queued: <ms>}`. An envelope is
//! already ciphertext, so it is stored as it will be sent; it leaves the outbox only when the
//! inbox has answered 201 or 200 for its id.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use super::db::{OUTBOX, StorageError, delete_key, read_all, with_db};

/// An envelope waiting to be sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    /// The envelope id.
    pub id: String,
    /// The envelope, exactly the bytes to send.
    pub envelope: String,
    /// When it was queued (ms since the epoch).
    pub queued_ms: f64,
}

/// Queues an envelope; queuing the same id again replaces nothing (the first stays).
pub async fn enqueue(id: &str, envelope: &str, now_ms: f64) -> Result<(), StorageError> {
    let record = Object::new();
    let _ = Reflect::set(&record, &"envelope".into(), &envelope.into());
    let _ = Reflect::set(&record, &"queued".into(), &now_ms.into());
    with_db(async |db| {
        let tx = db
            .transaction(OUTBOX)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let store = tx.object_store(OUTBOX)?;
        let existing: Option<JsValue> = store.get(id).primitive()?.await?;
        if existing.is_none() {
            store.put(JsValue::from(record)).with_key(id).primitive()?;
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Every queued envelope, oldest first.
pub async fn pending() -> Result<Vec<Queued>, StorageError> {
    let records = read_all(OUTBOX).await?;
    let mut queued: Vec<Queued> = records
        .into_iter()
        .filter_map(|(id, record)| {
            Some(Queued {
                id,
                envelope: Reflect::get(&record, &"envelope".into())
                    .ok()?
                    .as_string()?,
                queued_ms: Reflect::get(&record, &"queued".into()).ok()?.as_f64()?,
            })
        })
        .collect();
    queued.sort_by(|a, b| a.queued_ms.total_cmp(&b.queued_ms));
    Ok(queued)
}

/// Removes an envelope the inbox has acknowledged.
pub async fn remove(id: &str) -> Result<(), StorageError> {
    delete_key(OUTBOX, id).await
}
