//! What the app keeps on the device, in headless Chromium: round trip, encryption at rest, expiry, deletion.

#![cfg(target_arch = "wasm32")]

use asi_app::device::EncryptedDrafts;
use asi_app::device::database::DB_NAME;
use asi_app::state::DAY_MS;
use asi_instrument::{Draft, instrument};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `n` days in milliseconds.
fn days(n: u32) -> f64 {
    f64::from(n) * DAY_MS
}

async fn fresh_store() -> EncryptedDrafts {
    asi_app::device::delete_everything().await.unwrap();
    EncryptedDrafts::open().await.unwrap()
}

fn sample_draft() -> Draft {
    let inst = instrument();
    let mut d = Draft::new(inst, inst.form("asi_kort").unwrap());
    d.answer(inst, "alc_use_days", &serde_json::json!(17))
        .unwrap();
    d.answer(inst, "main_income", &serde_json::json!("prostitution"))
        .unwrap();
    d.decline(inst, "alc_heavy_days");
    d.next(inst);
    d
}

async fn raw_records() -> Vec<JsValue> {
    let db = Database::open(DB_NAME).await.unwrap();
    let records: Vec<JsValue> = {
        let tx = db.transaction("drafts").build().unwrap();
        tx.object_store("drafts")
            .unwrap()
            .get_all::<JsValue>()
            .primitive()
            .unwrap()
            .await
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    db.close();
    records
}

#[wasm_bindgen_test]
async fn save_load_and_delete() {
    let store = fresh_store().await;
    let draft = sample_draft();
    store
        .save("form:asi_kort", &draft, 1_000.0, days(14))
        .await
        .unwrap();
    let mut other = Draft::new(instrument(), instrument().form("trivsel").unwrap());
    other
        .answer(instrument(), "wellbeing_close", &serde_json::json!(3))
        .unwrap();
    store
        .save("form:trivsel", &other, 2_000.0, days(14))
        .await
        .unwrap();

    let loaded = store.load_all(3_000.0).await.unwrap();
    assert_eq!(loaded.len(), 2);
    assert_eq!(loaded[0].slot, "form:trivsel", "newest first");
    assert_eq!(loaded[0].draft, other);
    assert_eq!(loaded[1].draft, draft);
    assert_eq!(loaded[1].updated_ms, 1_000.0);

    // Saving again replaces, never duplicates.
    let mut changed = draft.clone();
    changed
        .answer(instrument(), "alc_use_days", &serde_json::json!(3))
        .unwrap();
    store
        .save("form:asi_kort", &changed, 4_000.0, days(14))
        .await
        .unwrap();
    let loaded = store.load_all(5_000.0).await.unwrap();
    assert_eq!(loaded.len(), 2);
    assert_eq!(loaded[0].draft, changed);

    store.delete("form:asi_kort").await.unwrap();
    let loaded = store.load_all(5_000.0).await.unwrap();
    assert_eq!(
        loaded.iter().map(|s| s.slot.as_str()).collect::<Vec<_>>(),
        ["form:trivsel"]
    );
}

#[wasm_bindgen_test]
async fn answers_are_not_stored_in_the_clear() {
    let store = fresh_store().await;
    store
        .save("form:asi_kort", &sample_draft(), 1_000.0, days(14))
        .await
        .unwrap();
    let records = raw_records().await;
    assert_eq!(records.len(), 1);
    let record = &records[0];
    let keys: Vec<String> = Object::keys(record.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert_eq!(keys, ["v", "iv", "ct", "updated", "expires"]);
    let ct = Uint8Array::new(&Reflect::get(record, &"ct".into()).unwrap()).to_vec();
    let iv = Uint8Array::new(&Reflect::get(record, &"iv".into()).unwrap()).to_vec();
    assert_eq!(iv.len(), 12);
    for needle in ["alc_use_days", "prostitution", "17", "asi_kort", "declined"] {
        assert!(
            !ct.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} in the ciphertext"
        );
    }
    // The key in the database is a CryptoKey that cannot be exported.
    let db = Database::open(DB_NAME).await.unwrap();
    let key: Option<JsValue> = {
        let tx = db.transaction("keys").build().unwrap();
        tx.object_store("keys")
            .unwrap()
            .get("drafts")
            .primitive()
            .unwrap()
            .await
            .unwrap()
    };
    let key: web_sys::CryptoKey = key.unwrap().unchecked_into();
    assert!(!key.extractable());
    db.close();
}

#[wasm_bindgen_test]
async fn a_damaged_record_is_not_opened_and_is_removed() {
    let store = fresh_store().await;
    store
        .save("form:asi_kort", &sample_draft(), 1_000.0, days(14))
        .await
        .unwrap();
    // Flip one byte of the ciphertext directly in the database.
    let db = Database::open(DB_NAME).await.unwrap();
    let record: JsValue = {
        let tx = db.transaction("drafts").build().unwrap();
        tx.object_store("drafts")
            .unwrap()
            .get("form:asi_kort")
            .primitive()
            .unwrap()
            .await
            .unwrap()
            .unwrap()
    };
    let ct = Uint8Array::new(&Reflect::get(&record, &"ct".into()).unwrap());
    ct.set_index(0, ct.get_index(0) ^ 1);
    Reflect::set(&record, &"ct".into(), &ct).unwrap();
    {
        let tx = db
            .transaction("drafts")
            .with_mode(indexed_db_futures::transaction::TransactionMode::Readwrite)
            .build()
            .unwrap();
        let put = tx
            .object_store("drafts")
            .unwrap()
            .put(record)
            .with_key("form:asi_kort")
            .primitive()
            .unwrap();
        tx.commit().await.unwrap();
        put.await.unwrap();
    }
    db.close();
    assert!(store.load_all(2_000.0).await.unwrap().is_empty());
    assert!(raw_records().await.is_empty());
}

#[wasm_bindgen_test]
async fn drafts_expire_after_the_retention_period() {
    let store = fresh_store().await;
    store
        .save("form:asi_kort", &sample_draft(), 0.0, days(14))
        .await
        .unwrap();
    assert_eq!(store.load_all(14.0 * DAY_MS - 1.0).await.unwrap().len(), 1);
    assert!(store.load_all(14.0 * DAY_MS).await.unwrap().is_empty());
    // The expired record is gone from the database, not just hidden.
    assert!(raw_records().await.is_empty());
    store
        .save("form:trivsel", &sample_draft(), 0.0, days(3))
        .await
        .unwrap();
    assert!(store.load_all(3.0 * DAY_MS + 1.0).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn deleting_everything_removes_the_database() {
    let store = fresh_store().await;
    store
        .save("form:asi_kort", &sample_draft(), 1_000.0, days(14))
        .await
        .unwrap();
    asi_app::device::delete_everything().await.unwrap();
    // Opening it again without a version creates an empty database: nothing survived.
    let db = Database::open(DB_NAME).await.unwrap();
    assert_eq!(db.object_store_names().count(), 0);
    db.delete().unwrap().await.unwrap();
}

#[wasm_bindgen_test]
async fn the_outbox_keeps_envelopes_until_they_are_removed() {
    fresh_store().await;
    use asi_app::device::outbox;
    outbox::enqueue("id-1", r#"{"v":1,"n":1}"#, 2.0)
        .await
        .unwrap();
    outbox::enqueue("id-0", r#"{"v":1,"n":0}"#, 1.0)
        .await
        .unwrap();
    // Queuing an id again keeps the first envelope: one response, one envelope.
    outbox::enqueue("id-1", r#"{"v":1,"n":9}"#, 3.0)
        .await
        .unwrap();
    let pending = outbox::pending().await.unwrap();
    assert_eq!(
        pending.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(),
        ["id-0", "id-1"]
    );
    assert_eq!(pending[1].envelope, r#"{"v":1,"n":1}"#);
    outbox::remove("id-0").await.unwrap();
    let pending = outbox::pending().await.unwrap();
    assert_eq!(
        pending.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(),
        ["id-1"]
    );
}

#[wasm_bindgen_test]
async fn queuing_an_envelope_deletes_its_draft_in_the_same_step() {
    use asi_app::device::outbox;
    let store = fresh_store().await;
    store
        .save("form:asi_kort", &sample_draft(), 1_000.0, days(14))
        .await
        .unwrap();
    store
        .save("form:trivsel", &sample_draft(), 1_000.0, days(14))
        .await
        .unwrap();
    outbox::enqueue_replacing_draft("e1", r#"{"v":1}"#, 2_000.0, Some("form:asi_kort"))
        .await
        .unwrap();
    let slots: Vec<String> = store
        .load_all(3_000.0)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.slot)
        .collect();
    assert_eq!(slots, ["form:trivsel"]);
    let pending = outbox::pending().await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!((pending[0].id.as_str(), &pending[0].refused), ("e1", &None));
}

#[wasm_bindgen_test]
async fn a_refused_envelope_is_kept_and_marked() {
    use asi_app::device::outbox;
    fresh_store().await;
    outbox::enqueue("e1", r#"{"v":1}"#, 1.0).await.unwrap();
    let used = asi_app::state::Refusal {
        status: 409,
        code: asi_protocol::RefusalCode::LinkUsed,
    };
    outbox::mark_refused("e1", &used).await.unwrap();
    // Marking an id that is not queued changes nothing.
    outbox::mark_refused("e2", &used).await.unwrap();
    let pending = outbox::pending().await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].refused, Some(used));
    assert_eq!(pending[0].envelope, r#"{"v":1}"#);
    assert_eq!(pending[0].queued_ms, 1.0);
}

#[wasm_bindgen_test]
async fn clinic_settings_are_kept_by_id() {
    use asi_app::device::clinics;
    fresh_store().await;
    assert_eq!(clinics::load("demo").await.unwrap(), None);
    clinics::save("demo", r#"{"id":"demo"}"#).await.unwrap();
    clinics::save("demo", r#"{"id":"demo","name":"B"}"#)
        .await
        .unwrap();
    assert_eq!(
        clinics::load("demo").await.unwrap().as_deref(),
        Some(r#"{"id":"demo","name":"B"}"#)
    );
    assert_eq!(clinics::load("other").await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_version_1_database_is_upgraded_and_keeps_its_drafts() {
    use asi_app::device::crypto;
    asi_app::device::delete_everything().await.unwrap();
    // Exactly what the previous release (schema 1) left: its two stores, its key and an
    // encrypted draft in its record layout.
    let db = Database::open(DB_NAME)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store("drafts").build()?;
            db.create_object_store("keys").build()?;
            Ok(())
        })
        .await
        .unwrap();
    let key = crypto::new_key().await.unwrap();
    let iv = crypto::random_iv().unwrap();
    let draft = sample_draft();
    let ct = crypto::encrypt(&key, &iv, &serde_json::to_vec(&draft).unwrap())
        .await
        .unwrap();
    let record = Object::new();
    Reflect::set(&record, &"v".into(), &1.0.into()).unwrap();
    Reflect::set(&record, &"iv".into(), &Uint8Array::from(&iv[..])).unwrap();
    Reflect::set(&record, &"ct".into(), &Uint8Array::from(&ct[..])).unwrap();
    Reflect::set(&record, &"updated".into(), &1_000.0.into()).unwrap();
    Reflect::set(
        &record,
        &"expires".into(),
        &(1_000.0 + 14.0 * DAY_MS).into(),
    )
    .unwrap();
    for (store, key_name, value) in [
        ("keys", "drafts", JsValue::from(key)),
        ("drafts", "form:asi_kort", JsValue::from(record)),
    ] {
        let tx = db
            .transaction(store)
            .with_mode(indexed_db_futures::transaction::TransactionMode::Readwrite)
            .build()
            .unwrap();
        tx.object_store(store)
            .unwrap()
            .put(value)
            .with_key(key_name)
            .primitive()
            .unwrap();
        tx.commit().await.unwrap();
    }
    db.close();

    // This release opens it at schema 3: the draft is still there and opens with the old key.
    let store = EncryptedDrafts::open().await.unwrap();
    let loaded = store.load_all(2_000.0).await.unwrap();
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].draft, draft);
    let db = Database::open(DB_NAME).await.unwrap();
    assert_eq!(db.version(), 3.0);
    let mut stores: Vec<String> = db.object_store_names().collect();
    stores.sort();
    assert_eq!(stores, ["clinics", "drafts", "keys", "outbox"]);
    db.close();
    asi_app::device::outbox::enqueue("e1", "{}", 3_000.0)
        .await
        .unwrap();
    assert_eq!(asi_app::device::outbox::pending().await.unwrap().len(), 1);
}
