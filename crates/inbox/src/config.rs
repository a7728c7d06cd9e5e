//! Configuration: a TOML file, with environment overrides for the deployment's specifics.

use std::path::{Path, PathBuf};

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

    /// Checks the allowed origins and every clinic's entry, and that ids and reader tokens
    /// are each one clinic's.
    pub fn check(&self) -> Result<(), ConfigError> {
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
