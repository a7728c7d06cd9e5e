//! The inbox's API as the clinic's commands call it: a bearer token, JSON in and out, and a
//! refusal turned into an error that names the inbox, the status and the inbox's reason.

use serde_json::Value;

use crate::error::CliError;
use crate::token::ReaderToken;

/// An inbox and the clinic's reader token for it.
pub struct Inbox {
    base: String,
    token: ReaderToken,
    agent: ureq::Agent,
}

impl Inbox {
    /// The inbox at `base` (e.g. `http://localhost:8080`), called with `token`.
    pub fn new(base: &str, token: ReaderToken) -> Inbox {
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

    /// `GET path`; the JSON answer of a 2xx status.
    pub fn get(&self, path: &str) -> Result<Value, CliError> {
        let response = self
            .agent
            .get(&format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {}", self.token.value))
            .call();
        self.answer(response)
    }

    /// `POST path` with the JSON `body`; the JSON answer of a 2xx status.
    pub fn post(&self, path: &str, body: &Value) -> Result<Value, CliError> {
        let response = self
            .agent
            .post(&format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {}", self.token.value))
            .header("Content-Type", "application/json")
            .send(body.to_string());
        self.answer(response)
    }

    /// The error for this inbox answering `status` (`None`: not reached) with `message`.
    pub fn fail(&self, status: Option<u16>, message: String) -> CliError {
        CliError::Inbox {
            inbox: self.base.clone(),
            status,
            message,
            token_from: self.token.from.clone(),
        }
    }

    fn answer(
        &self,
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Value, CliError> {
        let fail = |status, message| self.fail(status, message);
        let mut response = response.map_err(|e| fail(None, e.to_string()))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .read_to_string()
            .map_err(|e| fail(Some(status), e.to_string()))?;
        let json: Option<Value> = serde_json::from_str(&text).ok();
        if !(200..300).contains(&status) {
            // The inbox explains a refusal in `error`; anything else is shown as it came.
            let reason = json
                .as_ref()
                .and_then(|j| j["error"].as_str())
                .map_or_else(|| text.trim().to_owned(), str::to_owned);
            return Err(fail(Some(status), reason));
        }
        json.ok_or_else(|| fail(Some(status), format!("not JSON: {}", text.trim())))
    }
}
