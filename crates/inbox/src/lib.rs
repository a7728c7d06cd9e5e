//! The inbox server: accepts sealed envelopes exactly once, stores ciphertext and the clear
//! metadata in SQLite, and hands a clinic its envelopes. It can check an envelope but never
//! open one; it records no IP address or user agent and logs nothing from inside an envelope.
//! Follow-up links are registered and checked by the SHA-256 of their token only.

pub mod api;
pub mod app_files;
pub mod backup;
pub mod clinic;
pub mod clock;
pub mod config;
pub mod db;
pub mod metrics;
pub mod rate_limit;
pub mod retention;
pub mod serve;

pub use api::{AppState, app};
pub use config::Config;
