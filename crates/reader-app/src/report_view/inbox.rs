//! What the report asks the clinic's own inbox: each link's state by its token's SHA-256
//! (`GET /api/v1/links/<hash>`, as `asi report --inbox` does), and registering a new link
//! (`POST /api/v1/links` with the reader token, as `asi links` does). No reference, name or
//! token leaves the page; only hashes and the link's form, timepoint and last day.

use asi_i18n::Lang;
use asi_protocol::{LinkBatch, LinkInfo, LinksCreated, NewLink};
use asi_reader::Refs;
use asi_report::LinkStatus;
use futures::future::join_all;

use super::texts;
use crate::source::{SourceError, to_inbox, unreachable};

/// Links asked at once.
const AT_ONCE: usize = 8;

/// The links of the references file as the inbox knows them.
#[derive(Debug, Clone, Default)]
pub struct LinkStates {
    /// Each known link with the clinic that made it.
    pub links: Vec<(String, LinkStatus)>,
    /// Links the inbox does not know (404).
    pub unknown: usize,
}

fn base(inbox: &str) -> &str {
    inbox.trim().trim_end_matches('/')
}

async fn link_state(inbox: &str, token: &str) -> Result<Option<LinkInfo>, SourceError> {
    let url = format!(
        "{}/api/v1/links/{}",
        base(inbox),
        asi_protocol::token_hash(token)
    );
    let response = to_inbox(gloo_net::http::Request::get(&url))
        .send()
        .await
        .map_err(unreachable)?;
    match response.status() {
        200 => response
            .json()
            .await
            .map(Some)
            .map_err(|e| SourceError::Malformed(e.to_string())),
        404 => Ok(None),
        other => Err(SourceError::Status(other)),
    }
}

/// The state of every link of `refs`, [`AT_ONCE`] requests at a time.
pub async fn link_states(inbox: &str, refs: &Refs) -> Result<LinkStates, SourceError> {
    let all: Vec<(&str, &str)> = refs.iter().collect();
    let mut states = LinkStates::default();
    for chunk in all.chunks(AT_ONCE) {
        let answers = join_all(chunk.iter().map(|(token, _)| link_state(inbox, token))).await;
        for ((_, reference), answer) in chunk.iter().zip(answers) {
            match answer? {
                Some(info) => {
                    let clinic = info.clinic.clone();
                    states
                        .links
                        .push((clinic, LinkStatus::new(reference, info)));
                }
                None => states.unknown += 1,
            }
        }
    }
    Ok(states)
}

/// Why a new link was not registered.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkError {
    /// The inbox could not be reached, refused the reader token, or answered oddly.
    Source(SourceError),
    /// The clinic does not take the form at the timepoint (422 `not_offered`).
    NotOffered,
    /// Another refusal, by its status.
    Refused(u16),
}

impl LinkError {
    /// What went wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LinkError::Source(e) => e.to_string(),
            LinkError::NotOffered => texts::NOT_OFFERED.get(lang).to_owned(),
            LinkError::Refused(status) => texts::REFUSED.fill(lang, &[("status", status)]),
        }
    }
}

/// Registers one link of `clinic` at the inbox with the reader token.
pub async fn register(
    inbox: &str,
    reader_token: &str,
    clinic: &str,
    link: NewLink,
) -> Result<(), LinkError> {
    let batch = LinkBatch {
        links: vec![link],
        clinic: Some(clinic.to_owned()),
    };
    let response = to_inbox(
        gloo_net::http::Request::post(&format!("{}/api/v1/links", base(inbox)))
            .header("Authorization", &format!("Bearer {}", reader_token.trim())),
    )
    .json(&batch)
    .map_err(|e| LinkError::Source(SourceError::Malformed(e.to_string())))?
    .send()
    .await
    .map_err(|e| LinkError::Source(unreachable(e)))?;
    match response.status() {
        201 => response
            .json::<LinksCreated>()
            .await
            .map(|_| ())
            .map_err(|e| LinkError::Source(SourceError::Malformed(e.to_string()))),
        401 => Err(LinkError::Source(SourceError::Unauthorized)),
        422 => Err(LinkError::NotOffered),
        other => Err(LinkError::Refused(other)),
    }
}
