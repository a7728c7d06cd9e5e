//! Where the envelopes come from: the inbox (page by page, with the clinic's reader token) or
//! a file of envelopes (one JSON object per line, as the inbox lists them or `asi seal`
//! writes them). Also reading the files the staff choose. Nothing here is stored.

use asi_protocol::EnvelopePage;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::texts::{LANG, source, tr};

/// Why the envelopes could not be fetched or a file read. `Display` is the message shown.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.message())]
pub enum SourceError {
    Unreachable(String),
    Unauthorized,
    Status(u16),
    Malformed(String),
    File(String),
}

impl SourceError {
    fn message(&self) -> String {
        match self {
            SourceError::Unreachable(reason) => {
                source::UNREACHABLE.fill(LANG, &[("reason", reason)])
            }
            SourceError::Unauthorized => tr(source::UNAUTHORIZED),
            SourceError::Status(status) => source::STATUS.fill(LANG, &[("status", status)]),
            SourceError::Malformed(reason) => source::MALFORMED.fill(LANG, &[("reason", reason)]),
            SourceError::File(file) => source::FILE.fill(LANG, &[("file", file)]),
        }
    }
}

/// A request to the inbox as the reader makes them: no cookies, never from or into the
/// browser's cache.
pub fn to_inbox(request: gloo_net::http::RequestBuilder) -> gloo_net::http::RequestBuilder {
    request
        .credentials(web_sys::RequestCredentials::Omit)
        .cache(web_sys::RequestCache::NoStore)
}

/// The inbox could not be reached.
pub fn unreachable(e: gloo_net::Error) -> SourceError {
    SourceError::Unreachable(e.to_string())
}

/// Every envelope of the reader token's clinic, in the order the inbox stored them, each as
/// its JSON text.
pub async fn fetch_envelopes(inbox: &str, token: &str) -> Result<Vec<String>, SourceError> {
    let base = inbox.trim().trim_end_matches('/');
    let mut envelopes = Vec::new();
    let mut after = String::new();
    loop {
        let url = format!("{base}/api/v1/envelopes?after={after}&limit=1000");
        let response = to_inbox(
            gloo_net::http::Request::get(&url)
                .header("Authorization", &format!("Bearer {}", token.trim())),
        )
        .send()
        .await
        .map_err(unreachable)?;
        match response.status() {
            200 => {}
            401 => return Err(SourceError::Unauthorized),
            other => return Err(SourceError::Status(other)),
        }
        let page: EnvelopePage = response
            .json()
            .await
            .map_err(|e| SourceError::Malformed(e.to_string()))?;
        if page.items.is_empty() {
            return Ok(envelopes);
        }
        envelopes.extend(page.items.iter().map(|i| i.to_string()));
        after = page.next;
    }
}

/// The envelopes of a file: its non-empty lines.
pub fn envelopes_in(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The text of the first file chosen in `input`, if one was chosen.
pub async fn read_chosen(input: &web_sys::HtmlInputElement) -> Result<Option<String>, SourceError> {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return Ok(None);
    };
    read_file(&file).await.map(Some)
}

/// The name and text of every file chosen in `input` (none if none was chosen), in order.
pub async fn read_all_chosen(
    input: &web_sys::HtmlInputElement,
) -> Result<Vec<(String, String)>, SourceError> {
    let Some(files) = input.files() else {
        return Ok(Vec::new());
    };
    let mut read = Vec::new();
    for file in (0..files.length()).filter_map(|i| files.get(i)) {
        read.push((file.name(), read_file(&file).await?));
    }
    Ok(read)
}

async fn read_file(file: &web_sys::File) -> Result<String, SourceError> {
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| SourceError::File(name.clone()))?;
    text.dyn_into::<js_sys::JsString>()
        .map(String::from)
        .map_err(|_| SourceError::File(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_holds_one_envelope_per_line() {
        assert_eq!(
            envelopes_in("{\"a\":1}\n\n  {\"b\":2}  \n"),
            ["{\"a\":1}", "{\"b\":2}"]
        );
        assert!(envelopes_in("\n").is_empty());
    }
}
