//! The outbox and its delivery. [`Outbox`] is the one handle: it alone puts envelopes in the
//! outbox, takes them out, and changes what the citizen is told about them
//! ([`AppState::outbox`]). The outbox lives on the device ([`crate::device::outbox`]), or,
//! when the browser gives no storage, in this page ([`Outbox`]'s own state).
//!
//! # How a response gets from the last screen to the inbox
//!
//! 1. On the result screen the citizen presses "Send" ([`crate::ui::screens::send`]; in
//!    identified intake only after ticking the consent box). The screen calls
//!    [`Outbox::seal_and_queue`] with where the response goes ([`Destination`]).
//! 2. [`Outbox::seal_and_queue`] checks the answers belong to the form, fetches the clinic's
//!    settings afresh when online ([`crate::clinic::ClinicLoader::refreshed`]), and seals the
//!    response to the clinic's key ([`crate::envelope::Sealing`]). From then on the draft on
//!    screen is not saved again ([`AppState::sealed`]).
//! 3. Once the last save of the draft is on the device ([`crate::drafts::Drafts::saved`]), the
//!    envelope goes into the outbox in the same IndexedDB transaction that deletes the
//!    plaintext draft ([`crate::device::outbox::enqueue_replacing_draft`]): after a crash
//!    there is one or the other, never both, never neither.
//! 4. Delivery ([`Outbox::flush`]) runs at once, at start, on the browser's `online` event and
//!    on a retry timer (exponential backoff with jitter, [`crate::backoff`]; never sooner than
//!    a 429's `Retry-After`), one tab at a time ([`crate::web_lock`]). It posts each waiting
//!    envelope, oldest first ([`crate::inbox::deliver`]).
//! 5. An envelope leaves the outbox only when the inbox's 201 or 200 acknowledges exactly that
//!    envelope; one refused for good is kept, marked with the inbox's reason, and not sent
//!    again. Only then does the screen say "Sendt" ([`OutboxStatus`]). The other tabs hear of
//!    each delivery on a BroadcastChannel.
//!
//! The protocol is in `docs/sync-api.md`.

use std::cell::{RefCell, RefMut};

use asi_instrument::{Draft, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::backoff;
use crate::clinic::ClinicLoader;
use crate::device::{self, DeviceError};
use crate::drafts::Drafts;
use crate::envelope::{Destination, SealError, Sealing, local_day};
use crate::inbox::{self, Delivery};
use crate::state::{AppState, Holdup, Keeping, OutboxStatus, Queued, Refusal};
use crate::web_lock::exclusively;

/// The Web Lock that makes one tab at a time deliver.
const LOCK: &str = "asi-outbox";
/// The BroadcastChannel on which a tab announces the id of each envelope it delivered.
const CHANNEL_NAME: &str = "asi-outbox";

/// Why a response could not be queued. Nothing was queued then, and the draft is kept.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error(transparent)]
    Seal(#[from] SealError),
    #[error("the envelope could not be stored: {0}")]
    Device(#[from] DeviceError),
}

/// The outbox when the device gives no storage: kept while the page lives.
#[derive(Default)]
struct InMemory(Vec<Queued>);

impl InMemory {
    /// Queues an envelope; queuing the same id again keeps the first.
    fn keep(&mut self, queued: Queued) {
        if !self.0.iter().any(|q| q.id == queued.id) {
            self.0.push(queued);
        }
    }

    fn remove(&mut self, id: &str) {
        self.0.retain(|q| q.id != id);
    }

    fn mark_refused(&mut self, id: &str, refusal: &Refusal) {
        for q in self.0.iter_mut().filter(|q| q.id == id) {
            q.refused = Some(refusal.clone());
        }
    }
}

/// The outbox's own state, besides the envelopes on the device.
#[derive(Default)]
struct Delivering {
    /// The envelopes when the device gives no storage.
    in_memory: InMemory,
    /// Whether a delivery pass is running.
    running: bool,
    /// Whether another pass should follow the one running.
    again: bool,
    /// How many retries in a row have failed.
    attempt: u32,
    /// The retry timer, when one is set.
    timer: Option<i32>,
    /// Tells the app's other tabs which envelopes this one delivered.
    channel: Option<web_sys::BroadcastChannel>,
}

impl Delivering {
    /// A pass is asked for. When none is running, it may start: returns the retry timer to
    /// clear, if one is set. When one is running, another follows it (`None`).
    fn begin(&mut self) -> Option<Option<i32>> {
        if self.running {
            self.again = true;
            return None;
        }
        self.running = true;
        self.again = false;
        Some(self.timer.take())
    }

    /// A pass ended, `stopped` early with envelopes still waiting or not. Returns whether
    /// another pass must follow (one was asked for meanwhile).
    fn end(&mut self, stopped: bool) -> bool {
        if std::mem::take(&mut self.again) {
            return true;
        }
        self.running = false;
        if !stopped {
            self.attempt = 0;
        }
        false
    }

    /// The number of the next retry (0 for the first after a success).
    fn next_attempt(&mut self) -> u32 {
        let attempt = self.attempt;
        self.attempt = attempt.saturating_add(1);
        attempt
    }
}

/// Why a pass stopped early, and the soonest the next may run.
#[derive(Debug, Clone, Copy)]
struct Stopped {
    holdup: Holdup,
    not_before_ms: f64,
}

/// The outbox: one for the page's life.
pub struct Outbox {
    state: &'static AppState,
    status: RwSignal<OutboxStatus>,
    clinic: ClinicLoader,
    drafts: &'static Drafts,
    /// Changed only by these methods, on the page's one thread (`SendWrapper` lets the
    /// handle be shared through Leptos' context, which asks for `Send + Sync`).
    delivering: SendWrapper<RefCell<Delivering>>,
}

impl Outbox {
    /// The outbox, not yet delivering (see [`Outbox::start`]).
    pub fn new(
        state: &'static AppState,
        status: RwSignal<OutboxStatus>,
        clinic: ClinicLoader,
        drafts: &'static Drafts,
    ) -> &'static Outbox {
        Box::leak(Box::new(Outbox {
            state,
            status,
            clinic,
            drafts,
            delivering: SendWrapper::new(RefCell::new(Delivering::default())),
        }))
    }

    /// Starts delivering: now, whenever the browser goes online, and on the retry timer.
    pub fn start(&'static self) {
        let outbox = self;
        let on_online = Closure::<dyn Fn()>::new(move || {
            outbox.delivering().attempt = 0;
            outbox.flush();
        });
        let _ =
            window().add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        on_online.forget();
        outbox.listen_to_other_tabs();
        outbox.flush();
    }

    /// Seals `draft` for `to` and queues it; returns the envelope id. On success the draft is
    /// gone from the device (it stays in this page for the result screen, and is not saved
    /// again: [`AppState::sealed`]). `consent` is the clinic's consent text the citizen
    /// agreed to (identified responses).
    pub async fn seal_and_queue(
        &'static self,
        draft: &Draft,
        to: &Destination,
        lang: Lang,
        consent: Option<String>,
    ) -> Result<String, SendError> {
        to.check(draft, consent.is_some())?;
        // Online, the key the clinic names now; offline, the one kept on the device.
        let clinic = self.clinic.refreshed(to.clinic.clone()).await;
        let now_ms = js_sys::Date::now();
        let sealing = Sealing::new(&clinic, &draft.form, to, &local_day(now_ms))?;
        let id = sealing.id().to_owned();
        // From here on the draft is not written again; a write already under way lands first.
        self.state.sealed.set(Some(id.clone()));
        let queued = async {
            let envelope = sealing.seal(draft, to.mode, lang, now_ms, consent)?;
            self.drafts.saved().await;
            let queued = Queued {
                id: id.clone(),
                envelope,
                queued_ms: now_ms,
                refused: None,
            };
            self.queue(queued, &draft.form).await?;
            Ok::<(), SendError>(())
        }
        .await;
        match queued {
            Ok(()) => {
                self.drafts.replaced_by_envelope(&draft.form);
                self.refresh().await;
                self.flush();
                Ok(id)
            }
            Err(e) => {
                self.state.sealed.set(None);
                Err(e)
            }
        }
    }

    /// The outbox's own state; borrowed for one statement at a time, never across an
    /// `await`.
    fn delivering(&self) -> RefMut<'_, Delivering> {
        self.delivering.borrow_mut()
    }

    fn in_memory(&'static self) -> bool {
        self.state.keeping.get_untracked() == Keeping::MemoryOnly
    }

    /// Puts `queued` in the outbox: on the device in the same transaction that deletes the
    /// draft of `form` it was sealed from, or, without storage, in this page.
    async fn queue(&'static self, queued: Queued, form: &str) -> Result<(), DeviceError> {
        if self.state.keeping.get_untracked() == Keeping::Device {
            let slot = self.state.entry.slot(form);
            device::outbox::enqueue_replacing_draft(
                &queued.id,
                &queued.envelope,
                queued.queued_ms,
                Some(&slot),
            )
            .await
        } else {
            self.delivering().in_memory.keep(queued);
            Ok(())
        }
    }

    /// Forgets every envelope kept in this page, before the device's database is deleted
    /// ([`crate::erasure`]).
    pub fn forget_in_memory(&'static self) {
        self.delivering().in_memory = InMemory::default();
        self.status.set(OutboxStatus::emptied());
    }

    /// Delivers what is waiting, now (or right after the pass already running).
    pub fn flush(&'static self) {
        let begun = self.delivering().begin();
        let Some(timer) = begun else {
            return;
        };
        if let Some(timer) = timer {
            window().clear_timeout_with_handle(timer);
        }
        spawn_local(async move {
            loop {
                let stopped = exclusively(LOCK, self.pass()).await;
                let again = self.delivering().end(stopped.is_some());
                if !again {
                    if let Some(stopped) = stopped {
                        self.schedule_retry(stopped.not_before_ms);
                    }
                    return;
                }
            }
        });
    }

    /// Tries again after the backoff's wait, and not before `not_before_ms` from now.
    fn schedule_retry(&'static self, not_before_ms: f64) {
        let attempt = self.delivering().next_attempt();
        let wait = backoff::delay_ms(attempt, js_sys::Math::random()).max(not_before_ms);
        let retry = Closure::once_into_js(move || {
            self.delivering().timer = None;
            self.flush();
        });
        if let Ok(handle) = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            retry.unchecked_ref(),
            wait as i32,
        ) {
            self.delivering().timer = Some(handle);
        }
    }

    /// Every envelope in the outbox, oldest first.
    async fn waiting(&'static self) -> Vec<Queued> {
        if self.in_memory() {
            self.delivering().in_memory.0.clone()
        } else {
            device::outbox::pending().await.unwrap_or_default()
        }
    }

    /// One delivery pass over the outbox, oldest first. Returns why it stopped with envelopes
    /// still waiting, if it did (then it is retried later).
    async fn pass(&'static self) -> Option<Stopped> {
        let mut stopped = None;
        for queued in self.waiting().await {
            if queued.refused.is_some() {
                continue;
            }
            match inbox::deliver(&queued).await {
                Delivery::Delivered => {
                    let removed = if self.in_memory() {
                        self.delivering().in_memory.remove(&queued.id);
                        true
                    } else {
                        device::outbox::remove(&queued.id).await.is_ok()
                    };
                    // Only once it has left the outbox is it shown as sent.
                    if removed {
                        self.announce_delivered(&queued.id);
                        self.status.update(|s| {
                            s.delivered.insert(queued.id.clone());
                        });
                    }
                }
                Delivery::Refused(refusal) => {
                    if self.in_memory() {
                        self.delivering()
                            .in_memory
                            .mark_refused(&queued.id, &refusal);
                    } else {
                        let _ = device::outbox::mark_refused(&queued.id, &refusal).await;
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
        self.status.update(|s| s.holdup = stopped.map(|s| s.holdup));
        self.refresh().await;
        stopped
    }

    /// Reads the outbox and updates what the citizen is told.
    async fn refresh(&'static self) {
        let queued = self.waiting().await;
        self.status.update(|s| s.read(&queued));
    }

    fn listen_to_other_tabs(&'static self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL_NAME) else {
            return;
        };
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                if let Some(id) = event.data().as_string() {
                    self.status.update(|s| {
                        s.delivered.insert(id);
                    });
                    spawn_local(self.refresh());
                }
            });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.delivering().channel = Some(channel);
    }

    fn announce_delivered(&'static self, id: &str) {
        if let Some(channel) = &self.delivering().channel {
            let _ = channel.post_message(&id.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queued(id: &str) -> Queued {
        Queued {
            id: id.to_owned(),
            envelope: format!("{{\"id\":\"{id}\"}}"),
            queued_ms: 0.0,
            refused: None,
        }
    }

    #[test]
    fn a_pass_asked_for_while_one_runs_follows_it_once() {
        let mut d = Delivering {
            timer: Some(7),
            ..Delivering::default()
        };
        assert_eq!(
            d.begin(),
            Some(Some(7)),
            "starts, and clears the retry timer"
        );
        assert_eq!(d.begin(), None, "a second ask waits for the running pass");
        assert_eq!(d.begin(), None);
        assert!(d.end(false), "one more pass follows");
        assert!(!d.end(false), "and no other");
        assert_eq!(d.begin(), Some(None), "not running any more");
    }

    #[test]
    fn retries_count_up_until_a_pass_gets_through() {
        let mut d = Delivering::default();
        d.begin();
        assert!(!d.end(true));
        assert_eq!((d.next_attempt(), d.next_attempt()), (0, 1));
        d.begin();
        assert!(!d.end(false));
        assert_eq!(d.next_attempt(), 0);
    }

    #[test]
    fn the_outbox_in_memory_keeps_one_envelope_per_id() {
        let mut memory = InMemory::default();
        memory.keep(queued("a"));
        let mut again = queued("a");
        again.envelope = "other".to_owned();
        memory.keep(again);
        assert_eq!(memory.0.len(), 1);
        assert_eq!(
            memory.0[0].envelope,
            queued("a").envelope,
            "the first is kept"
        );
        memory.keep(queued("b"));
        let used = Refusal {
            status: 409,
            code: asi_protocol::RefusalCode::LinkUsed,
        };
        memory.mark_refused("b", &used);
        memory.remove("a");
        assert_eq!(memory.0.len(), 1);
        assert_eq!(
            (memory.0[0].id.as_str(), &memory.0[0].refused),
            ("b", &Some(used))
        );
    }
}
