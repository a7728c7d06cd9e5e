//! Delivers the outbox: on start, on the `online` event and on a retry timer with exponential
//! backoff and jitter ([`crate::backoff`]), never sooner than a 429's `Retry-After`. One pass
//! at a time across every tab of the app (a Web Lock named `asi-outbox`). An envelope leaves
//! the outbox only when the inbox's 201 or 200 acknowledges exactly that envelope (its id and
//! the SHA-256 of the bytes sent, [`Ack`]) — a bare 2xx from a wrong address, a captive portal
//! or a static host does not. One refused for good (a refusal whose code is final) is kept,
//! marked with the inbox's reason, and not sent again. The protocol is in `docs/sync-api.md`.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use asi_protocol::{Ack, RefusalCode};

use crate::backoff;
use crate::clinic::{Deadline, inbox_base};
use crate::persistence::StorageState;
use crate::storage::outbox::{self, Queued, Refusal};
use crate::store::Store;

/// What the citizen is told about their sent and unsent responses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutboxStatus {
    /// Envelopes waiting to be delivered.
    pub waiting: usize,
    /// The ids in the outbox (waiting or refused).
    pub queued: BTreeSet<String>,
    /// Envelopes the inbox refused for good, with its reason.
    pub refused: Vec<(String, Refusal)>,
    /// Envelopes delivered since this page was opened, by this tab or another.
    pub delivered: BTreeSet<String>,
    /// Whether the outbox has been read since the page was opened.
    pub known: bool,
    /// Why the last pass stopped with envelopes still waiting, if it did.
    pub holdup: Option<Holdup>,
}

/// Why an envelope is still waiting after a try: what the citizen is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holdup {
    /// No answer at all: offline, or the inbox cannot be reached.
    Unreachable,
    /// The clinic takes many responses without a link just now (429): sent later.
    Busy,
    /// An answer that is not the inbox's acknowledgement of this envelope (a page of HTML,
    /// another id, a failure): sent again later.
    NotAcknowledged,
}

/// How long one POST may take before it counts as failed.
const POST_TIMEOUT_MS: i32 = 30_000;
/// The Web Lock that makes one tab at a time deliver.
const LOCK: &str = "asi-outbox";

thread_local! {
    /// The outbox when the device gives no storage: kept while the page lives.
    static MEMORY: RefCell<Vec<Queued>> = const { RefCell::new(Vec::new()) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    static ATTEMPT: Cell<u32> = const { Cell::new(0) };
    static TIMER: Cell<Option<i32>> = const { Cell::new(None) };
    /// Tells the app's other tabs which envelopes this one delivered.
    static CHANNEL: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

/// The BroadcastChannel on which a tab announces the id of each envelope it delivered.
const CHANNEL_NAME: &str = "asi-outbox";

fn listen_to_other_tabs(store: Store) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL_NAME) else {
        return;
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(id) = event.data().as_string() {
                store.outbox.update(|s| {
                    s.delivered.insert(id);
                });
                spawn_local(refresh(store));
            }
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    CHANNEL.with(|c| *c.borrow_mut() = Some(channel));
}

fn announce_delivered(id: &str) {
    CHANNEL.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            let _ = channel.post_message(&id.into());
        }
    });
}

/// Starts delivering: now, whenever the browser goes online, and on the retry timer.
pub fn start(store: Store) {
    let on_online = Closure::<dyn Fn()>::new(move || {
        ATTEMPT.set(0);
        flush(store);
    });
    let _ = window().add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
    listen_to_other_tabs(store);
    flush(store);
}

/// Queues an envelope in memory (when the device gives no storage).
pub fn keep_in_memory(queued: Queued) {
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if !m.iter().any(|q| q.id == queued.id) {
            m.push(queued);
        }
    });
}

/// Forgets every envelope kept in memory ("Slet mine svar").
pub fn forget_memory(store: Store) {
    MEMORY.with(|m| m.borrow_mut().clear());
    store.outbox.set(OutboxStatus {
        known: true,
        ..OutboxStatus::default()
    });
}

/// Delivers what is waiting, now (or right after the pass already running).
pub fn flush(store: Store) {
    if RUNNING.replace(true) {
        AGAIN.set(true);
        return;
    }
    if let Some(timer) = TIMER.take() {
        window().clear_timeout_with_handle(timer);
    }
    spawn_local(async move {
        let mut stopped;
        loop {
            AGAIN.set(false);
            stopped = exclusively(pass(store)).await;
            if !AGAIN.get() {
                break;
            }
        }
        RUNNING.set(false);
        match stopped {
            Some(stopped) => schedule_retry(store, stopped.not_before_ms),
            None => ATTEMPT.set(0),
        }
    });
}

/// Tries again after the backoff's wait, and not before `not_before_ms` from now.
fn schedule_retry(store: Store, not_before_ms: f64) {
    let attempt = ATTEMPT.get();
    ATTEMPT.set(attempt.saturating_add(1));
    let wait = backoff::delay_ms(attempt, js_sys::Math::random()).max(not_before_ms);
    let retry = Closure::once_into_js(move || {
        TIMER.set(None);
        flush(store);
    });
    if let Ok(handle) = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), wait as i32)
    {
        TIMER.set(Some(handle));
    }
}

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks` (the Web Locks API; web-sys has it only as an unstable API).
    type LockManager;
    #[wasm_bindgen(method)]
    fn request(this: &LockManager, name: &str, callback: &JsValue) -> js_sys::Promise;
}

/// Runs `work` while holding the `asi-outbox` Web Lock, so that no two tabs deliver at once.
/// Where the browser has no Web Locks, or refuses them (some browsers do inside a frame of
/// another site), runs it directly (one tab's passes never overlap).
async fn exclusively<T: 'static>(work: impl Future<Output = T> + 'static) -> T {
    let navigator = window().navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).unwrap_or(JsValue::UNDEFINED);
    if locks.is_undefined() {
        return work.await;
    }
    let work = Rc::new(RefCell::new(Some(work)));
    let result = Rc::new(RefCell::new(None));
    let (waiting, slot) = (work.clone(), result.clone());
    let callback = Closure::once_into_js(move |_lock: JsValue| {
        wasm_bindgen_futures::future_to_promise(async move {
            let work = waiting.borrow_mut().take();
            if let Some(work) = work {
                *slot.borrow_mut() = Some(work.await);
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    let _ = JsFuture::from(
        locks
            .unchecked_into::<LockManager>()
            .request(LOCK, &callback),
    )
    .await;
    let done = result.borrow_mut().take();
    match done {
        Some(done) => done,
        None => {
            // The lock was refused: the callback never ran and the work is still here.
            let work = work.borrow_mut().take();
            work.expect("the work runs either under the lock or here")
                .await
        }
    }
}

/// How the inbox answered one POST.
enum Delivery {
    /// 201 or 200 acknowledging this envelope: the inbox has it.
    Delivered,
    /// Refused for good: retrying would get the same answer.
    Refused(Refusal),
    /// Not delivered now; try again later, not before `not_before_ms` from now.
    NotYet { holdup: Holdup, not_before_ms: f64 },
}

impl Delivery {
    fn not_yet(holdup: Holdup) -> Delivery {
        Delivery::NotYet {
            holdup,
            not_before_ms: 0.0,
        }
    }
}

/// What an answer of `status` with `body` (and `Retry-After`) means for the envelope `queued`.
fn judge(queued: &Queued, status: u16, body: &[u8], retry_after: Option<String>) -> Delivery {
    if matches!(status, 200 | 201)
        && Ack::confirming(body, &queued.id, queued.envelope.as_bytes()).is_some()
    {
        return Delivery::Delivered;
    }
    match asi_protocol::Refusal::parse(body) {
        Some(refusal) if !(200..300).contains(&status) && refusal.code.is_final() => {
            Delivery::Refused(Refusal {
                status,
                code: refusal.code,
            })
        }
        Some(refusal) if refusal.code == RefusalCode::RateLimited => Delivery::NotYet {
            holdup: Holdup::Busy,
            // Delay-seconds, a whole number (RFC 9110 §10.2.3); parsed as an integer, since
            // float parsing would add kilobytes to the app.
            not_before_ms: retry_after
                .and_then(|s| s.trim().parse::<u32>().ok())
                .map_or(0.0, |seconds| f64::from(seconds.min(3_600)) * 1_000.0),
        },
        _ => Delivery::not_yet(Holdup::NotAcknowledged),
    }
}

async fn post(queued: &Queued) -> Delivery {
    let deadline = Deadline::after(POST_TIMEOUT_MS);
    let request = gloo_net::http::Request::post(&format!("{}/api/v1/envelopes", inbox_base()))
        .header("Content-Type", "application/json")
        .credentials(web_sys::RequestCredentials::Omit)
        .abort_signal(deadline.signal.as_ref())
        .body(queued.envelope.clone());
    let answer = match request {
        Ok(request) => request.send().await.ok(),
        Err(_) => None,
    };
    let delivery = match answer {
        Some(r) => match r.binary().await {
            Ok(body) => judge(queued, r.status(), &body, r.headers().get("retry-after")),
            Err(_) => Delivery::not_yet(Holdup::NotAcknowledged),
        },
        None => Delivery::not_yet(Holdup::Unreachable),
    };
    deadline.clear();
    delivery
}

fn in_memory(store: Store) -> bool {
    store.storage.get_untracked() == StorageState::MemoryOnly
}

async fn waiting(store: Store) -> Vec<Queued> {
    if in_memory(store) {
        MEMORY.with(|m| m.borrow().clone())
    } else {
        outbox::pending().await.unwrap_or_default()
    }
}

/// Why a pass stopped early, and the soonest the next may run.
#[derive(Debug, Clone, Copy)]
struct Stopped {
    holdup: Holdup,
    not_before_ms: f64,
}

/// One delivery pass over the outbox, oldest first. Returns why it stopped with envelopes
/// still waiting, if it did (then it is retried later).
async fn pass(store: Store) -> Option<Stopped> {
    let mut stopped = None;
    for queued in waiting(store).await {
        if queued.refused.is_some() {
            continue;
        }
        match post(&queued).await {
            Delivery::Delivered => {
                let removed = if in_memory(store) {
                    MEMORY.with(|m| m.borrow_mut().retain(|q| q.id != queued.id));
                    true
                } else {
                    outbox::remove(&queued.id).await.is_ok()
                };
                // Only once it has left the outbox is it shown as sent.
                if removed {
                    announce_delivered(&queued.id);
                    store.outbox.update(|s| {
                        s.delivered.insert(queued.id.clone());
                    });
                }
            }
            Delivery::Refused(refusal) => {
                if in_memory(store) {
                    MEMORY.with(|m| {
                        for q in m.borrow_mut().iter_mut().filter(|q| q.id == queued.id) {
                            q.refused = Some(refusal.clone());
                        }
                    });
                } else {
                    let _ = outbox::mark_refused(&queued.id, &refusal).await;
                }
            }
            Delivery::NotYet {
                holdup,
                not_before_ms,
            } => {
                // The inbox or the network is down, or busy: the rest would fare the same.
                stopped = Some(Stopped {
                    holdup,
                    not_before_ms,
                });
                break;
            }
        }
    }
    store
        .outbox
        .update(|s| s.holdup = stopped.map(|s| s.holdup));
    refresh(store).await;
    stopped
}

/// Reads the outbox and updates what the citizen is told.
pub async fn refresh(store: Store) {
    let queued = waiting(store).await;
    let refused: Vec<(String, Refusal)> = queued
        .iter()
        .filter_map(|q| q.refused.clone().map(|r| (q.id.clone(), r)))
        .collect();
    store.outbox.update(|s| {
        s.waiting = queued.len() - refused.len();
        s.queued = queued.iter().map(|q| q.id.clone()).collect();
        s.refused = refused;
        s.known = true;
    });
}
