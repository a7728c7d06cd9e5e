//! The inbox's API as the clinic's commands call it: a bearer token, JSON in and out, and a
//! refusal turned into an error that names the inbox, the status and the inbox's reason.

use asi_protocol::Refusal;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::CliError;
use crate::token::ReaderToken;

/// An inbox and the clinic's reader token for it (none for its public routes).
pub struct Inbox {
    base: String,
    token: Option<ReaderToken>,
    agent: ureq::Agent,
}

impl Inbox {
    /// The inbox at `base` (e.g. `http://localhost:8080`), called with `token`.
    pub fn new(base: &str, token: ReaderToken) -> Inbox {
        Inbox::with(base, Some(token))
    }

    /// The inbox at `base`, called without a token (the clinic's public settings).
    pub fn public(base: &str) -> Inbox {
        Inbox::with(base, None)
    }

    fn with(base: &str, token: Option<ReaderToken>) -> Inbox {
        let config = ureq::Agent::config_builder()
            // A refusal's body says why; read it rather than stop at the status.
            .http_status_as_error(false)
            .build();
        Inbox {
            base: base.trim_end_matches('/').to_owned(),
            token,
            agent: ureq::Agent::new_with_config(config),
        }
    }

    /// `GET path`; the answer of a 2xx status, read as `T` (`asi_protocol`'s wire types).
    pub fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, CliError> {
        let mut request = self.agent.get(&format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.header("Authorization", &format!("Bearer {}", token.value));
        }
        self.answer(request.call())
    }

    /// `POST path` with `body` as JSON; the answer of a 2xx status, read as `T`.
    pub fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T, CliError> {
        let body = serde_json::to_string(body).expect("a request body always serialises");
        let mut request = self
            .agent
            .post(&format!("{}{path}", self.base))
            .header("Content-Type", "application/json");
        if let Some(token) = &self.token {
            request = request.header("Authorization", &format!("Bearer {}", token.value));
        }
        self.answer(request.send(body))
    }

    /// The error for this inbox answering `status` (`None`: not reached) with `message`.
    pub fn fail(&self, status: Option<u16>, message: String) -> CliError {
        CliError::Inbox {
            inbox: self.base.clone(),
            status,
            message,
            token_from: self
                .token
                .as_ref()
                .map_or_else(|| "(no token)".to_owned(), |t| t.from.clone()),
        }
    }

    fn answer<T: DeserializeOwned>(
        &self,
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T, CliError> {
        let fail = |status, message| self.fail(status, message);
        let mut response = response.map_err(|e| fail(None, e.to_string()))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .read_to_string()
            .map_err(|e| fail(Some(status), e.to_string()))?;
        if !(200..300).contains(&status) {
            // The inbox explains a refusal in `error`; anything else is shown as it came.
            let reason = Refusal::parse(text.as_bytes())
                .map_or_else(|| text.trim().to_owned(), |refusal| refusal.error);
            return Err(fail(Some(status), reason));
        }
        serde_json::from_str(&text).map_err(|e| {
            fail(
                Some(status),
                format!("not the answer the inbox API gives ({e}): {}", text.trim()),
            )
        })
    }
}
