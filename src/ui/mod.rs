//! Everything the citizen sees: the app's frame ([`app`]), one module per screen
//! ([`screens`]), one input per answer type ([`fields`]) and the choices of a question
//! ([`choices`]), the read-aloud controls ([`read_aloud`]), the idle question
//! ([`idle_notice`]), the interface's words ([`texts`]), and the one context value they all
//! share ([`shared`]). The UI reads [`crate::state::AppState`] and asks the services to act;
//! it owns no state of its own beyond what a screen shows.

pub mod app;
pub mod choices;
pub mod fields;
pub mod idle_notice;
pub mod read_aloud;
pub mod screens;
pub mod shared;
pub mod takeover;
pub mod texts;

pub use app::App;
