//! The outbox: sealed envelopes waiting to be sent, in the `outbox` store (schema v2), keyed
//! by envelope id, value `{envelope: <the envelope JSON text>, queued: <ms>, refused?: <HTTP
//! status>, refused_code?: <the inbox's refusal code>}`. An envelope is already ciphertext, so
//! it is stored as it will be sent; it leaves the outbox only when the inbox's answer
//! acknowledges it ([`crate::outbox`]). One the inbox refused for good (`refused`) stays until
//! the citizen deletes their answers.

use asi_protocol::RefusalCode;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use crate::state::{Queued, Refusal};

use super::database::{
    DRAFTS, DeviceError, OUTBOX, delete_key, get_value, put_value, read_all, with_db,
};

fn record(envelope: &str, queued_ms: f64, refused: Option<&Refusal>) -> JsValue {
    let record = Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&record, &"envelope".into(), &envelope.into());
    let _ = Reflect::set(&record, &"queued".into(), &queued_ms.into());
    if let Some(refusal) = refused {
        let _ = Reflect::set(
            &record,
            &"refused".into(),
            &f64::from(refusal.status).into(),
        );
        let _ = Reflect::set(
            &record,
            &"refused_code".into(),
            &refusal.code.as_str().into(),
        );
    }
    record.into()
}

fn from_record(id: String, record: &JsValue) -> Option<Queued> {
    let field = |name: &str| Reflect::get(record, &name.into()).ok();
    Some(Queued {
        id,
        envelope: field("envelope")?.as_string()?,
        queued_ms: field("queued")?.as_f64()?,
        refused: field("refused")
            .and_then(|v| v.as_f64())
            .map(|status| Refusal {
                status: status as u16,
                code: field("refused_code")
                    .and_then(|c| c.as_string())
                    .map_or(RefusalCode::Other, |c| RefusalCode::from_name(&c)),
            }),
    })
}

/// Queues an envelope; queuing the same id again replaces nothing (the first stays).
pub async fn enqueue(id: &str, envelope: &str, now_ms: f64) -> Result<(), DeviceError> {
    enqueue_replacing_draft(id, envelope, now_ms, None).await
}

/// Queues an envelope and, in the same transaction, deletes the draft it was sealed from
/// (its slot in the `drafts` store): after a crash or a closed tab there is either the draft
/// or the envelope on the device, never both and never neither.
pub async fn enqueue_replacing_draft(
    id: &str,
    envelope: &str,
    now_ms: f64,
    draft_slot: Option<&str>,
) -> Result<(), DeviceError> {
    let value = record(envelope, now_ms, None);
    with_db(async |db| {
        let tx = db
            .transaction([OUTBOX, DRAFTS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let outbox = tx.object_store(OUTBOX)?;
        let existing: Option<JsValue> = outbox.get(id).primitive()?.await?;
        if existing.is_none() {
            outbox.put(value).with_key(id).primitive()?;
        }
        if let Some(slot) = draft_slot {
            tx.object_store(DRAFTS)?.delete(slot).primitive()?;
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Every queued envelope, oldest first.
pub async fn pending() -> Result<Vec<Queued>, DeviceError> {
    let records = read_all(OUTBOX).await?;
    let mut queued: Vec<Queued> = records
        .into_iter()
        .filter_map(|(id, record)| from_record(id, &record))
        .collect();
    queued.sort_unstable_by(|a, b| a.queued_ms.total_cmp(&b.queued_ms));
    Ok(queued)
}

/// Records that the inbox refused an envelope for good; it is not sent again.
pub async fn mark_refused(id: &str, refusal: &Refusal) -> Result<(), DeviceError> {
    let Some(queued) = get_value(OUTBOX, id)
        .await?
        .and_then(|r| from_record(id.to_owned(), &r))
    else {
        return Ok(());
    };
    put_value(
        OUTBOX,
        id,
        record(&queued.envelope, queued.queued_ms, Some(refusal)),
    )
    .await
}

/// Removes an envelope the inbox has acknowledged.
pub async fn remove(id: &str) -> Result<(), DeviceError> {
    delete_key(OUTBOX, id).await
}
