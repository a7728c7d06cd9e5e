//! The citizen-facing app: the questionnaires, rendered from the instrument data.
//!
//! No question text lives here: every text of the form comes from `asi_instrument`, and the
//! interface's own words from [`ui::texts`]. The flow rules (skip rule, completeness,
//! positions) live in `asi_instrument::Draft`; this crate only shows them.
//!
//! # One way through
//!
//! The modules form layers; each imports only from the layers above it, and no two modules
//! import each other, directly or through others (`tests/module_cycles.rs` checks it):
//!
//! 1. [`state`] — the app's state: [`state::AppState`] (the signals every screen reads) and
//!    the types it holds, each with its own operations. It imports no other module of the
//!    app.
//! 2. [`device`] (IndexedDB: what the app keeps on this device) and [`inbox`] (every request
//!    to the inbox) — the two ways out of the page; [`envelope`], the app's one use of the
//!    envelope format; and small helpers ([`backoff`], [`focus`], [`web_lock`], [`pwa`],
//!    [`speech`]).
//! 3. The services, one module each, each owning its own state and the part of
//!    [`state::AppState`] it changes: [`drafts`] (drafts on the device), [`clinic`] (the
//!    clinic's settings), [`link`] (a follow-up link's state), [`outbox`] (the outbox and its
//!    delivery — and how a response gets from the last screen to the inbox), [`idle`] (the
//!    idle guard of identified intake), [`embed`] (talking to a host page), and
//!    [`erasure`] ("Slet mine svar").
//! 4. [`ui`] — screens, fields and texts: reads the state, asks the services to act.

pub mod backoff;
pub mod clinic;
pub mod device;
pub mod drafts;
pub mod embed;
pub mod envelope;
pub mod erasure;
pub mod focus;
pub mod idle;
pub mod inbox;
pub mod link;
pub mod outbox;
pub mod prerender;
pub mod pwa;
pub mod speech;
pub mod state;
pub mod ui;
pub mod web_lock;

pub use ui::App;
