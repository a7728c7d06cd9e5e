//! Every request the app makes to the inbox (`docs/sync-api.md`), and what each answer means:
//! a clinic's public settings ([`clinic_settings`]), a follow-up link's state
//! ([`link_state`]), and delivering an envelope ([`deliver`]). No other module of the app
//! speaks HTTP. Requests carry no cookies or credentials.
//!
//! The inbox is the app's own origin unless `index.html` names another in
//! `<meta name="asi-inbox">`.

use asi_protocol::{Ack, LinkInfo, RefusalCode};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::state::{Holdup, LinkAnswer, Queued, Refusal};

/// How long one delivery may take before it counts as failed.
const DELIVERY_TIMEOUT_MS: i32 = 30_000;

/// Where the inbox is: the `content` of `<meta name="asi-inbox">` in `index.html` (an origin
/// such as `https://inbox.example.dk`), or the app's own origin when that is empty or absent.
fn base() -> String {
    document()
        .query_selector("meta[name=asi-inbox]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .map(|base| base.trim().trim_end_matches('/').to_owned())
        .unwrap_or_default()
}

/// A request's bound: the signal that aborts it after `ms`, and the timer to clear once it is
/// done ([`Deadline::clear`]).
struct Deadline {
    signal: Option<web_sys::AbortSignal>,
    timer: Option<i32>,
}

impl Deadline {
    fn after(ms: i32) -> Deadline {
        let abort = web_sys::AbortController::new().ok();
        let signal = abort.as_ref().map(|a| a.signal());
        let timer = abort.and_then(|a| {
            let closure = Closure::once_into_js(move || a.abort());
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms)
                .ok()
        });
        Deadline { signal, timer }
    }

    fn clear(self) {
        if let Some(handle) = self.timer {
            window().clear_timeout_with_handle(handle);
        }
    }
}

/// What the inbox answered to `GET /api/v1/clinics/<id>`.
pub enum Fetched {
    /// The settings, as the JSON text served (checked by [`crate::clinic::parse`]).
    Settings(String),
    /// 404: the inbox does not know the clinic.
    NotFound,
    /// No answer, or another one.
    Unreachable,
}

/// The public settings of clinic `id`, waiting `timeout_ms` at most.
pub async fn clinic_settings(id: &str, timeout_ms: i32) -> Fetched {
    let url = format!("{}/api/v1/clinics/{id}", base());
    let deadline = Deadline::after(timeout_ms);
    let response = gloo_net::http::Request::get(&url)
        .credentials(web_sys::RequestCredentials::Omit)
        .cache(web_sys::RequestCache::NoStore)
        .abort_signal(deadline.signal.as_ref())
        .send()
        .await;
    let fetched = match response {
        Ok(r) if r.status() == 200 => match r.text().await {
            Ok(text) => Fetched::Settings(text),
            Err(_) => Fetched::Unreachable,
        },
        Ok(r) if r.status() == 404 => Fetched::NotFound,
        _ => Fetched::Unreachable,
    };
    deadline.clear();
    fetched
}

/// What the inbox says of the follow-up link whose token hashes to `token_hash`
/// (`GET /api/v1/links/<token hash>`, `docs/links.md`); `None` when it could not be asked.
pub async fn link_state(token_hash: &str) -> Option<LinkAnswer> {
    let url = format!("{}/api/v1/links/{token_hash}", base());
    let response = gloo_net::http::Request::get(&url)
        .credentials(web_sys::RequestCredentials::Omit)
        .cache(web_sys::RequestCache::NoStore)
        .send()
        .await;
    match response {
        Ok(r) if r.status() == 200 => r
            .json::<LinkInfo>()
            .await
            .ok()
            .map(|info| LinkAnswer::State(info.state)),
        Ok(r) if r.status() == 404 => Some(LinkAnswer::NotRegistered),
        _ => None,
    }
}

/// How the inbox answered the delivery of one envelope.
pub enum Delivery {
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

/// Delivers `queued` (`POST /api/v1/envelopes`): it counts as delivered only when the
/// inbox's 201 or 200 acknowledges exactly this envelope — its id and the SHA-256 of the
/// bytes sent ([`Ack`]) — so a bare 2xx from a wrong address, a captive portal or a static
/// host does not.
pub async fn deliver(queued: &Queued) -> Delivery {
    let deadline = Deadline::after(DELIVERY_TIMEOUT_MS);
    let request = gloo_net::http::Request::post(&format!("{}/api/v1/envelopes", base()))
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
