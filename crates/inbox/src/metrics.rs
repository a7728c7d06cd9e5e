//! Counters for monitoring: envelopes stored, repeated and refused (by code), per clinic, in
//! Prometheus' text format, served on a listener of their own (`metrics_listen`) so that an
//! operator can keep them off the public port.
//!
//! Nothing else is counted or labelled: no envelope id, token or hash, no address, no form or
//! timepoint. A clinic label is a configured clinic's id, or empty for an envelope that names
//! no clinic served here (so a sender cannot make up labels). The counts live in memory and
//! start from 0 when the inbox starts (Prometheus reads that as a counter reset).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};

use asi_protocol::RefusalCode;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::api::AppState;

/// What became of an envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Stored,
    Repeated,
    Refused(&'static str),
}

/// The counters.
#[derive(Debug, Default)]
pub struct Metrics {
    counts: Mutex<BTreeMap<(String, Outcome), u64>>,
}

/// The Prometheus text format's media type.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

impl Metrics {
    fn add(&self, clinic: Option<&str>, outcome: Outcome) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        *counts
            .entry((clinic.unwrap_or_default().to_owned(), outcome))
            .or_default() += 1;
    }

    /// An envelope of `clinic` stored new (201).
    pub fn stored(&self, clinic: &str) {
        self.add(Some(clinic), Outcome::Stored);
    }

    /// A byte-identical resend of `clinic`'s envelope (200).
    pub fn repeated(&self, clinic: &str) {
        self.add(Some(clinic), Outcome::Repeated);
    }

    /// An envelope refused with `code`; `clinic` when it names a clinic served here.
    pub fn refused(&self, clinic: Option<&str>, code: RefusalCode) {
        self.add(clinic, Outcome::Refused(code.as_str()));
    }

    /// Every counter in Prometheus' text format; every clinic in `clinics` has its stored and
    /// repeated counters, 0 until something happens.
    pub fn render<'a>(&self, clinics: impl IntoIterator<Item = &'a str>) -> String {
        let mut counts = self
            .counts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        for clinic in clinics {
            for outcome in [Outcome::Stored, Outcome::Repeated] {
                counts.entry((clinic.to_owned(), outcome)).or_default();
            }
        }
        let mut out = String::new();
        for (name, help, kind) in [
            (
                "asi_inbox_envelopes_stored_total",
                "Envelopes stored new (answered 201), by clinic, since the inbox started.",
                Outcome::Stored,
            ),
            (
                "asi_inbox_envelopes_repeated_total",
                "Byte-identical resends of stored or deleted envelopes (answered 200), by clinic.",
                Outcome::Repeated,
            ),
            (
                "asi_inbox_envelopes_refused_total",
                "Envelopes refused, by clinic (empty: none served here) and refusal code.",
                Outcome::Refused(""),
            ),
        ] {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
            for ((clinic, outcome), n) in &counts {
                let clinic = label(clinic);
                let _ = match (kind, outcome) {
                    (Outcome::Refused(_), Outcome::Refused(code)) => {
                        writeln!(out, "{name}{{clinic=\"{clinic}\",code=\"{code}\"}} {n}")
                    }
                    (Outcome::Refused(_), _) => Ok(()),
                    _ if kind == *outcome => writeln!(out, "{name}{{clinic=\"{clinic}\"}} {n}"),
                    _ => Ok(()),
                };
            }
        }
        out
    }
}

/// A label value as the text format writes it: `\`, `"` and line feeds escaped.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The metrics listener's whole server: `GET /metrics`, and 404 for anything else.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .with_state(state)
}

async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    let text = state
        .metrics
        .render(state.config.clinics.iter().map(|c| c.id.as_str()));
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clinic_id_is_escaped_as_a_label_value() {
        let metrics = Metrics::default();
        metrics.stored("a\"b\\c\nd");
        let text = metrics.render([]);
        assert!(
            text.contains("asi_inbox_envelopes_stored_total{clinic=\"a\\\"b\\\\c\\nd\"} 1"),
            "{text}"
        );
    }
}
