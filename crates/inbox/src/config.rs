//! Configuration: a TOML file, with environment overrides for the deployment's specifics.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;

use crate::clinic::check_origin;
pub use crate::clinic::{Clinic, ClinicError};

/// The inbox's configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address to listen on, e.g. `127.0.0.1:8080` (`ASI_INBOX_LISTEN`).
    pub listen: String,
    /// Address for the monitoring counters (`GET /metrics`, Prometheus' text format), a
    /// listener of its own to keep private, e.g. `127.0.0.1:9464`; absent: none
    /// (`ASI_INBOX_METRICS_LISTEN`).
    #[serde(default)]
    pub metrics_listen: Option<String>,
    /// The SQLite database file (`ASI_INBOX_DATABASE`).
    pub database: PathBuf,
    /// The built app (`dist/`) to serve at `/`, if any (`ASI_INBOX_APP_DIR`).
    #[serde(default)]
    pub app_dir: Option<PathBuf>,
    /// Web origins allowed to call the API from a browser (`ASI_INBOX_ALLOWED_ORIGINS`,
    /// comma-separated). The app's own origin needs no entry when the inbox serves it.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// The clinics whose envelopes this inbox accepts.
    pub clinics: Vec<Clinic>,
    /// Timeouts and the connection cap (`[limits]`; every key optional).
    #[serde(default)]
    pub limits: Limits,
}

/// Why the configuration cannot be used.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("cannot read the configuration {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid.
    #[error("the configuration {path} is not valid: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// Why.
        source: toml::de::Error,
    },
    /// An entry of `allowed_origins` is not a web origin.
    #[error(
        "allowed_origins: {origin:?} is not a web origin (scheme://host[:port], no path): {why}"
    )]
    AllowedOrigin {
        /// The entry.
        origin: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A clinic's entry is not usable.
    #[error("clinic {clinic}: {source}")]
    Clinic {
        /// The clinic id.
        clinic: String,
        /// What is wrong.
        source: ClinicError,
    },
    /// A `[limits]` value is out of its range.
    #[error("[limits] {key} = {value} is not allowed: it must be from {min} to {max} {unit}")]
    Limit {
        /// The key.
        key: &'static str,
        /// The value given.
        value: u64,
        /// The smallest value allowed.
        min: u64,
        /// The largest value allowed.
        max: u64,
        /// What the value counts.
        unit: &'static str,
    },
}

impl Config {
    /// Reads `path` and applies the environment overrides.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|source| ConfigError::Parse {
            path: path.to_owned(),
            source,
        })?;
        config.apply_env(|name| std::env::var(name).ok());
        config.check()?;
        Ok(config)
    }

    /// Applies `ASI_INBOX_*` overrides from `var`.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) {
        if let Some(v) = var("ASI_INBOX_LISTEN") {
            self.listen = v;
        }
        if let Some(v) = var("ASI_INBOX_METRICS_LISTEN") {
            self.metrics_listen = Some(v).filter(|v| !v.trim().is_empty());
        }
        if let Some(v) = var("ASI_INBOX_DATABASE") {
            self.database = v.into();
        }
        if let Some(v) = var("ASI_INBOX_APP_DIR") {
            self.app_dir = Some(v.into());
        }
        if let Some(v) = var("ASI_INBOX_ALLOWED_ORIGINS") {
            self.allowed_origins = v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
        }
    }

    /// Checks the limits, the allowed origins and every clinic's entry, and that ids and
    /// reader tokens are each one clinic's.
    pub fn check(&self) -> Result<(), ConfigError> {
        self.limits.check()?;
        for origin in &self.allowed_origins {
            let why = if origin.trim() == "*" {
                Err(
                    "a wildcard would let every web site call the inbox from a browser; name each site",
                )
            } else {
                check_origin(origin)
            };
            why.map_err(|why| ConfigError::AllowedOrigin {
                origin: origin.clone(),
                why,
            })?;
        }
        for (i, clinic) in self.clinics.iter().enumerate() {
            let earlier = &self.clinics[..i];
            let shared_token = earlier.iter().find(|c| {
                c.reader_token_sha256
                    .eq_ignore_ascii_case(&clinic.reader_token_sha256)
            });
            let checked = if earlier.iter().any(|c| c.id == clinic.id) {
                Err(ClinicError::DuplicateId)
            } else if let Some(other) = shared_token {
                Err(ClinicError::SharedReaderToken(other.id.clone()))
            } else {
                clinic.check()
            };
            checked.map_err(|source| ConfigError::Clinic {
                clinic: clinic.id.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// The clinic with id `id`.
    pub fn clinic(&self, id: &str) -> Option<&Clinic> {
        self.clinics.iter().find(|c| c.id == id)
    }

    /// Every clinic's embed origins, each once, in configuration order.
    pub fn embed_origins(&self) -> Vec<&str> {
        let mut all: Vec<&str> = Vec::new();
        for origin in self.clinics.iter().flat_map(|c| &c.embed_origins) {
            if !all.contains(&origin.as_str()) {
                all.push(origin);
            }
        }
        all
    }
}

/// How long the inbox waits for a client, and how many connections it keeps
/// (`docs/sync-api.md`, "Timeouts and limits").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Seconds a request head may take, from a new connection or from a request's first byte
    /// (10; 1–300).
    pub header_timeout_secs: u64,
    /// Seconds a request body may take in all, from the end of its head; also how long a
    /// response may go without the client taking a byte of it (30; 1–3600).
    pub body_timeout_secs: u64,
    /// Seconds a kept-alive connection may wait for its next request (60; 1–3600).
    pub idle_timeout_secs: u64,
    /// Connections held at once (512; 1–100000), lowered at start to what the process's
    /// file descriptor limit allows.
    pub max_connections: usize,
    /// Seconds the inbox gives requests in flight on SIGTERM before it exits regardless
    /// (10; 1–300).
    pub shutdown_grace_secs: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout_secs: 10,
            body_timeout_secs: 30,
            idle_timeout_secs: 60,
            max_connections: 512,
            shutdown_grace_secs: 10,
        }
    }
}

impl Limits {
    /// Checks that every value is in its range.
    pub fn check(&self) -> Result<(), ConfigError> {
        let in_range = |key, value: u64, min, max, unit| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(ConfigError::Limit {
                    key,
                    value,
                    min,
                    max,
                    unit,
                })
            }
        };
        in_range(
            "header_timeout_secs",
            self.header_timeout_secs,
            1,
            300,
            "seconds",
        )?;
        in_range(
            "body_timeout_secs",
            self.body_timeout_secs,
            1,
            3600,
            "seconds",
        )?;
        in_range(
            "idle_timeout_secs",
            self.idle_timeout_secs,
            1,
            3600,
            "seconds",
        )?;
        in_range(
            "max_connections",
            u64::try_from(self.max_connections).unwrap_or(u64::MAX),
            1,
            100_000,
            "connections",
        )?;
        in_range(
            "shutdown_grace_secs",
            self.shutdown_grace_secs,
            1,
            300,
            "seconds",
        )
    }

    /// [`Limits::header_timeout_secs`] as a duration.
    pub fn header_timeout(&self) -> Duration {
        Duration::from_secs(self.header_timeout_secs)
    }

    /// [`Limits::body_timeout_secs`] as a duration.
    pub fn body_timeout(&self) -> Duration {
        Duration::from_secs(self.body_timeout_secs)
    }

    /// [`Limits::idle_timeout_secs`] as a duration.
    pub fn idle_timeout(&self) -> Duration {
        Duration::from_secs(self.idle_timeout_secs)
    }

    /// [`Limits::shutdown_grace_secs`] as a duration.
    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }
}
