//! The inbox server: accepts sealed envelopes exactly once, stores ciphertext and the clear
//! metadata in SQLite, and hands a clinic its envelopes. It can check an envelope but never
//! open one; it records no IP address or user agent and logs nothing from inside an envelope.

pub mod api;
pub mod config;
pub mod db;
pub mod retention;

pub use api::{AppState, app};
pub use config::Config;
