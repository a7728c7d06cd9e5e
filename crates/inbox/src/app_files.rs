//! Serving the built app (`app_dir`): the citizen app at `/`, the clinic's reader at
//! `/klinik/`, with the headers of `docs/sync-api.md` ("Headers on the app").
//!
//! Every app response carries a strict Content-Security-Policy. Its `script-src` allows the
//! app's own files, WebAssembly, and the inline scripts of the page's `index.html` by their
//! SHA-256 (trunk's module loader and the page's boot error handler): hashing them costs a
//! first visit no request, where moving them into files would add one to the chain before the
//! wasm starts. The hashes are read from the `index.html` being served and read again
//! whenever that file changes, so a new build needs no restart.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::Response;
use sha2::{Digest, Sha256};
use tower_http::services::{ServeDir, ServeFile};

use crate::config::Config;

/// The browser features the app never uses, all refused (`Permissions-Policy`).
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), display-capture=(), \
     geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), \
     payment=(), serial=(), usb=()";
/// A file whose name carries trunk's content hash: it never changes under its name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else (pages, `sw.js`, `embed.js`, the manifest): asked again every time.
pub const NO_CACHE: &str = "no-cache";

/// `frame-ancestors 'self' <every clinic's embed origin>`.
pub fn frame_ancestors(config: &Config) -> String {
    let mut policy = String::from("frame-ancestors 'self'");
    for origin in config.embed_origins() {
        policy.push(' ');
        policy.push_str(origin);
    }
    policy
}

/// The app's files as a service, for `Router::fallback_service`.
pub fn service(dir: &Path, config: &Config) -> Router {
    // The build's own brotli (quality 11) and gzip copies (`x.wasm.br`, `x.wasm.gz`) where
    // they exist; unknown paths are app routes.
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(dir.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        );
    let app = Arc::new(AppFiles {
        dir: dir.to_owned(),
        frame_ancestors: frame_ancestors(config),
        policies: Mutex::new(Vec::new()),
    });
    Router::new()
        .fallback_service(files)
        .layer(from_fn_with_state(app, app_headers))
}

struct AppFiles {
    dir: PathBuf,
    frame_ancestors: String,
    /// Each `index.html` read so far: its path, what it was when read, and its policy.
    policies: Mutex<Vec<(PathBuf, Stamp, HeaderValue)>>,
}

/// What an `index.html` was when its policy was made (it is made again when this changes).
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl AppFiles {
    /// The page whose policy governs `path`: a top-level folder with its own `index.html`
    /// is another app (the reader at `/klinik/`); everything else is the citizen app's.
    fn document_for(&self, path: &str) -> PathBuf {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        let safe = !first.is_empty()
            && first
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if safe {
            let own = self.dir.join(first).join("index.html");
            if own.is_file() {
                return own;
            }
        }
        self.dir.join("index.html")
    }

    /// The Content-Security-Policy of `document`, made from the file as it is now.
    fn policy(&self, document: &Path) -> HeaderValue {
        let now = stamp(document);
        let mut policies = self.policies.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, policy)) = policies
            .iter()
            .find(|(path, seen, _)| path == document && *seen == now)
        {
            return policy.clone();
        }
        let html = std::fs::read_to_string(document).unwrap_or_default();
        let text = content_security_policy(&html, &self.frame_ancestors);
        let policy = HeaderValue::from_str(&text)
            .expect("a policy is made of hashes, origins checked for header characters");
        policies.retain(|(path, _, _)| path != document);
        policies.push((document.to_owned(), now, policy.clone()));
        policy
    }
}

async fn app_headers(State(app): State<Arc<AppFiles>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let policy = app.policy(&app.document_for(&path));
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let cache = if response.status().is_success() && !html && has_content_hash(&path) {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    set_app_headers(response.headers_mut(), policy, cache);
    response
}

fn set_app_headers(headers: &mut HeaderMap, policy: HeaderValue, cache: &'static str) {
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The same address gives other bytes to another Accept-Encoding: caches on the way must
    // keep them apart.
    headers
        .entry(header::VARY)
        .or_insert(HeaderValue::from_static("accept-encoding"));
}

/// Sets `X-Content-Type-Options: nosniff` on every response (the API's too).
pub async fn nosniff(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Whether the last segment of `path` carries trunk's content hash: `name-<16 hex>` before
/// the extension or `_bg` (`asi-app-0123456789abcdef_bg.wasm`, `main-0123456789abcdef.css`).
pub fn has_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    name.match_indices('-').any(|(i, _)| {
        let rest = &name[i + 1..];
        rest.len() > 16
            && rest.as_bytes()[..16]
                .iter()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            && matches!(rest.as_bytes()[16], b'.' | b'_')
    })
}

/// The policy of a page whose `index.html` is `html`.
pub fn content_security_policy(html: &str, frame_ancestors: &str) -> String {
    let mut scripts = String::from("'self' 'wasm-unsafe-eval'");
    for script in inline_scripts(html) {
        scripts.push_str(" 'sha256-");
        scripts.push_str(&base64(&Sha256::digest(script.as_bytes())));
        scripts.push('\'');
    }
    let mut connect = String::from("'self'");
    if let Some(inbox) = meta_content(html, "asi-inbox").and_then(origin_of) {
        connect.push(' ');
        connect.push_str(&inbox);
    }
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self'; \
         connect-src {connect}; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'none'; {frame_ancestors}"
    )
}

/// The text of every inline `<script>` (one without `src`) of `html`, outside comments.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let comment = lower[at..].find("<!--").map(|i| at + i);
        let script = lower[at..].find("<script").map(|i| at + i);
        match (comment, script) {
            (Some(c), Some(s)) if c < s => {
                at = lower[c..].find("-->").map_or(html.len(), |i| c + i + 3);
            }
            (_, Some(s)) => {
                let Some(open_end) = tag_end(&lower, s) else {
                    break;
                };
                let tag = &lower[s + "<script".len()..open_end];
                let Some(close) = lower[open_end + 1..]
                    .find("</script")
                    .map(|i| open_end + 1 + i)
                else {
                    break;
                };
                // `<script>` or `<script …>`, not `<scripts>`.
                let element = tag.is_empty()
                    || tag.starts_with(|c: char| c.is_ascii_whitespace() || c == '/');
                if element && !has_attribute(tag, "src") {
                    found.push(&html[open_end + 1..close]);
                }
                at = close + "</script".len();
            }
            _ => break,
        }
    }
    found
}

/// The index of the `>` that ends the tag starting at `start`, skipping quoted values.
fn tag_end(lower: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in lower[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + i),
            _ => {}
        }
    }
    None
}

/// Whether the attributes `tag` (lower case, after the element name) include `name`.
fn has_attribute(tag: &str, name: &str) -> bool {
    let mut rest = tag;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return false;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if &rest[..end] == name {
            return true;
        }
        rest = rest[end..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            rest = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].find(q).map_or("", |i| &value[i + 2..]),
                _ => value
                    .find(|c: char| c.is_ascii_whitespace())
                    .map_or("", |i| &value[i..]),
            };
        }
    }
}

/// The `content` of `<meta name="<name>" content="…">` in `html`, if there is one.
fn meta_content<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<meta") {
        let start = at + i;
        let end = tag_end(&lower, start)?;
        let tag = &html[start..end];
        if attribute(tag, "name").is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return attribute(tag, "content");
        }
        at = end;
    }
    None
}

/// The double- or single-quoted value of attribute `name` in `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find(name) {
        let start = at + i;
        at = start + name.len();
        let before = lower[..start].chars().next_back();
        if !before.is_some_and(|c| c.is_ascii_whitespace()) {
            continue;
        }
        let rest = lower[at..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let offset = tag.len() - value.len();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let len = value[1..].find(quote)?;
        return Some(&tag[offset + 1..offset + 1 + len]);
    }
    None
}

/// The origin (`https://host[:port]`) of an absolute http(s) address, if it is one that can
/// stand in a policy.
fn origin_of(address: &str) -> Option<String> {
    let address = address.trim();
    let (scheme, rest) = address.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    let fine = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    fine.then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// Standard base64 with padding (RFC 4648 §4), as CSP hash sources are written.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_rfc_4648() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected, "{input}");
        }
    }

    #[test]
    fn the_csp_specifications_own_example_hash() {
        // CSP Level 3, §8.3 "Hash usage for script elements".
        let html = "<script>alert('Hello, world.');</script>";
        assert!(
            content_security_policy(html, "frame-ancestors 'self'")
                .contains("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='")
        );
    }

    #[test]
    fn only_inline_scripts_outside_comments_are_hashed() {
        let html = r#"<!DOCTYPE html><head>
<!-- <script>not this</script> -->
<script type="module">import init from '/a.js';</script>
<script src="/b.js"></script>
<script data-x="a>b" defer src='/c.js'></script>
<SCRIPT>
  addEventListener("error", f);
</SCRIPT>
<scripts>not an element</scripts>
</head>"#;
        assert_eq!(
            inline_scripts(html),
            vec![
                "import init from '/a.js';",
                "\n  addEventListener(\"error\", f);\n"
            ]
        );
    }

    #[test]
    fn trunks_hashed_names_are_recognised() {
        for path in [
            "/asi-app-0123456789abcdef_bg.wasm",
            "/asi-app-0123456789abcdef.js",
            "/klinik/main-fedcba9876543210.css",
            "/favicon-0123456789abcdef.svg",
        ] {
            assert!(has_content_hash(path), "{path}");
        }
        for path in [
            "/",
            "/index.html",
            "/sw.js",
            "/embed.js",
            "/manifest.webmanifest",
            "/icons/icon-192.png",
            "/asi-app-0123456789abcde.js",
            "/asi-app-0123456789ABCDEF.js",
            "/selvtest",
        ] {
            assert!(!has_content_hash(path), "{path}");
        }
    }

    #[test]
    fn another_inbox_named_by_the_page_may_be_reached() {
        let html = r#"<meta charset="utf-8"><meta name="asi-inbox" content="https://Inbox.example.dk/base">"#;
        assert!(
            content_security_policy(html, "frame-ancestors 'self'")
                .contains("connect-src 'self' https://inbox.example.dk;")
        );
        // Anything that is not an http(s) origin is left out rather than put in the policy.
        for bad in [
            "javascript:alert(1)",
            "https://x.dk; script-src *",
            "/relative",
        ] {
            let html = format!(r#"<meta name="asi-inbox" content="{bad}">"#);
            assert!(
                content_security_policy(&html, "frame-ancestors 'self'")
                    .contains("connect-src 'self';"),
                "{bad}"
            );
        }
    }
}
