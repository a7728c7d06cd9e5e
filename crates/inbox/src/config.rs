//! Configuration: a TOML file, with environment overrides for the deployment's specifics.

use std::path::{Path, PathBuf};

use asi_envelope::PublicKey;
use serde::Deserialize;
use thiserror::Error;

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

/// One clinic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clinic {
    /// The clinic id used in envelopes and links.
    pub id: String,
    /// Its name, shown to citizens.
    pub name: String,
    /// Contact details shown to citizens.
    pub contact: String,
    /// The public key envelopes are sealed to (base64url).
    pub public_key: String,
    /// SHA-256 (hex) of the token that lets the clinic read and delete its envelopes.
    pub reader_token_sha256: String,
    /// Envelopes are deleted this many days after they were stored; absent: kept until the
    /// clinic deletes them.
    #[serde(default)]
    pub retention_days: Option<u32>,
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
    /// A clinic's key or token hash is malformed, or an id repeats.
    #[error("clinic {clinic}: {why}")]
    Clinic {
        /// The clinic id.
        clinic: String,
        /// What is wrong.
        why: String,
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

    /// Checks every clinic's key and token hash, and that ids are unique.
    pub fn check(&self) -> Result<(), ConfigError> {
        for (i, clinic) in self.clinics.iter().enumerate() {
            let bad = |why: &str| ConfigError::Clinic {
                clinic: clinic.id.clone(),
                why: why.to_owned(),
            };
            if self.clinics[..i].iter().any(|c| c.id == clinic.id) {
                return Err(bad("the id is used twice"));
            }
            PublicKey::from_text(&clinic.public_key)
                .map_err(|e| bad(&format!("public_key: {e}")))?;
            let hash = &clinic.reader_token_sha256;
            if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad("reader_token_sha256 must be 64 hex digits"));
            }
        }
        Ok(())
    }
}

impl Clinic {
    /// The clinic's public key.
    pub fn key(&self) -> PublicKey {
        PublicKey::from_text(&self.public_key).expect("checked when the configuration was loaded")
    }
}
