//! The clinic's reader (`/klinik/`): staff load the clinic's private key file, fetch the
//! clinic's envelopes from the inbox (or open a file of them), and read the responses — a
//! table, one citizen over time (printable as one page for the journal), the group's means
//! raw and LOCF, the involvement form's shares per statement, the clinic's evaluation report
//! with who has not answered — and export them exactly as `asi export` does.
//!
//! The private key is read from its file when "Åbn" is pressed, used to open the envelopes
//! and dropped; it is never stored or sent. The opened responses live in this page's memory
//! only: closing the tab forgets everything. The analysis is `asi_reader`'s; this crate only
//! shows it.

mod chart;
mod download;
mod format;
mod group_view;
mod load;
mod opening;
mod person_print;
mod person_view;
mod print;
mod report_view;
mod shares_view;
mod source;
mod table_view;
mod texts;

use leptos::prelude::*;

use crate::texts::{page, tr};

pub use opening::{Failure, Opened, open_all};

/// What the page holds once envelopes are opened.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The envelopes opened and the ones that could not be.
    pub opened: Opened,
    /// The table's rows, one per opened response, in the inbox's order.
    pub rows: Vec<asi_reader::Row>,
    /// The references file's tokens, when one was chosen.
    pub refs: Option<asi_reader::Refs>,
    /// The inbox's address (where link states are asked and new links registered).
    pub inbox: String,
    /// The reader token typed (empty: none), for registering new links.
    pub token: String,
}

/// The whole reader.
#[component]
pub fn App() -> impl IntoView {
    let loaded: RwSignal<Option<Loaded>> = RwSignal::new(None);
    view! {
        <a class="skip-link" href="#indhold">{tr(page::SKIP_LINK)}</a>
        <header class="site-header">
            <p class="brand">{tr(page::BRAND)}</p>
        </header>
        <main id="indhold" class="page reader" tabindex="-1">
            <h1>{tr(page::TITLE)}</h1>
            <p class="lead">{tr(page::LEAD)}</p>
            <load::LoadForm loaded=loaded />
            {move || {
                loaded
                    .get()
                    .map(|l| {
                        let l = StoredValue::new(l);
                        view! {
                            <opening::Summary loaded=l />
                            <table_view::ResponsesTable loaded=l />
                            <person_view::PersonView loaded=l />
                            <group_view::GroupView loaded=l />
                            <shares_view::SharesView loaded=l />
                            <report_view::ReportView loaded=l />
                            <download::Export loaded=l />
                        }
                    })
            }}
        </main>
    }
}
