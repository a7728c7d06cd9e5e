//! A test inbox: a temporary directory with a database file and a config with one clinic.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use asi_inbox::db::Db;
use asi_inbox::{AppState, app};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use asi_envelope::{Envelope, Metadata, PublicKey, SecretKey, keys, seal};
use asi_inbox::Config;

pub const TOKEN: &str = "reader-token-for-tests";
/// The reader token of the second clinic, `other`.
pub const OTHER_TOKEN: &str = "other-clinic-reader-token";
/// The demo clinic's retention setting.
pub const RETENTION_DAYS: u32 = 30;

pub fn sha256_hex(text: &str) -> String {
    asi_protocol::token_hash(text)
}

pub struct TestInbox {
    pub dir: PathBuf,
    pub secret: SecretKey,
    pub public: PublicKey,
}

impl TestInbox {
    pub fn new(name: &str) -> TestInbox {
        let dir = std::env::temp_dir().join(format!("asi-inbox-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (secret, public) = keys::generate();
        TestInbox {
            dir,
            secret,
            public,
        }
    }

    /// An app directory (`<dir>/dist`) holding `files` (name, bytes; a name may have folders),
    /// for `Config::app_dir`.
    pub fn app_dir(&self, files: &[(&str, &[u8])]) -> PathBuf {
        let dir = self.dir.join("dist");
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in files {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        dir
    }

    /// The configuration, the demo clinic with a rate limit no test of other things reaches.
    pub fn config_toml(&self, listen: &str) -> String {
        self.config_toml_with(listen, "anonymous_per_hour = 100000\n")
    }

    /// The configuration with `demo_extra` (TOML lines) added to the demo clinic.
    pub fn config_toml_with(&self, listen: &str, demo_extra: &str) -> String {
        let hash = sha256_hex(TOKEN);
        let (_, other) = keys::generate();
        format!(
            "listen = \"{listen}\"\ndatabase = \"{}\"\nallowed_origins = [\"http://localhost:4173\"]\n\n\
             [[clinics]]\nid = \"demo\"\nname = \"Demo Rusmiddelcenter\"\ncontact = \"70 00 00 00\"\npublic_key = \"{}\"\nreader_token_sha256 = \"{hash}\"\nretention_days = {RETENTION_DAYS}\n{demo_extra}\n\
             [[clinics]]\nid = \"other\"\nname = \"Andet center\"\ncontact = \"\"\npublic_key = \"{}\"\nreader_token_sha256 = \"{}\"\n",
            self.dir.join("inbox.sqlite").display(),
            self.public,
            other,
            sha256_hex(OTHER_TOKEN),
        )
    }

    pub fn config(&self) -> Config {
        self.load(&self.config_toml("127.0.0.1:0")).unwrap()
    }

    /// The configuration with `demo_extra` added to the demo clinic.
    pub fn config_with(&self, demo_extra: &str) -> Config {
        self.load(&self.config_toml_with("127.0.0.1:0", demo_extra))
            .unwrap()
    }

    /// Writes `toml` as the configuration file and loads it.
    pub fn load(&self, toml: &str) -> Result<Config, asi_inbox::config::ConfigError> {
        let path = self.dir.join("inbox.toml");
        std::fs::write(&path, toml).unwrap();
        Config::load(&path)
    }

    /// A demo envelope for Trivsel & forbrug at midway, without a link.
    pub fn envelope(&self, plaintext: &str) -> Envelope {
        self.sealed("trivsel", "midway", None, plaintext)
    }

    /// A demo envelope for `form` at `timepoint`, answering the link `token` if any.
    pub fn sealed(
        &self,
        form: &str,
        timepoint: &str,
        token: Option<&str>,
        plaintext: &str,
    ) -> Envelope {
        let metadata = Metadata::new(&self.public, "demo", form, timepoint, "2026-11-25", token);
        seal(&self.public, &metadata, plaintext.as_bytes()).unwrap()
    }
}

impl Drop for TestInbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The inbox for `config`, with its state, going by the system's clock.
pub fn router_for(config: asi_inbox::Config) -> (Router, Arc<AppState>) {
    let db = Db::open(&config.database).unwrap();
    let state = Arc::new(AppState::new(config, db));
    (app(state.clone()), state)
}

/// The test inbox's server with its standard configuration.
pub fn router(inbox: &TestInbox) -> (Router, Arc<AppState>) {
    router_for(inbox.config())
}

/// Sends `request`: the status, the headers and the body as JSON (or as a JSON string when
/// it is not JSON).
pub async fn exchange(router: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, Value) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, headers, body)
}

/// Sends `request`: the status and the body.
pub async fn send(router: &Router, request: Request<Body>) -> (StatusCode, Value) {
    let (status, _, body) = exchange(router, request).await;
    (status, body)
}

/// `POST /api/v1/envelopes` with `body`.
pub fn post(body: impl Into<Body>) -> Request<Body> {
    Request::post("/api/v1/envelopes")
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap()
}

/// `builder` with the clinic's reader token, if one is given.
pub fn with_reader(
    builder: axum::http::request::Builder,
    token: Option<&str>,
) -> axum::http::request::Builder {
    match token {
        Some(t) => builder.header(header::AUTHORIZATION, format!("Bearer {t}")),
        None => builder,
    }
}

/// `GET path`.
pub fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

/// Runs the `asi-inbox` binary with `args` to its end: its exit status and output.
pub fn run_inbox<I, S>(args: I) -> std::process::Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    std::process::Command::new(env!("CARGO_BIN_EXE_asi-inbox"))
        .args(args)
        .output()
        .unwrap()
}
