//! The first screens as HTML, rendered at build time from the app's own components and
//! instrument data, so that a citizen can read the start screen, start, and answer the first
//! section while the app's wasm is still loading (`docs/first-screens.md`).
//!
//! `crates/prerender` (run by trunk after each build) writes [`page`] into `dist/index.html`:
//! the [`Frame`] with a loading message, and one `<template>` per screen the citizen can be
//! on before the app runs — the start screen of each way in, and the first section of each
//! form. `index.html`'s boot script shows the one the address asks for; the app takes the
//! page over once loaded ([`crate::takeover`]). Each screen is the app's own first render of
//! that screen, made with the services not started; `tests/prerender.rs` checks in the
//! browser that the app renders exactly this HTML.

use asi_i18n::Lang;
use asi_instrument::{Draft, instrument};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

use crate::state::{AppState, Entry, Keeping, Settings};
use crate::ui::app::Frame;
use crate::ui::shared::Shared;
use crate::ui::texts::boot;

/// A token long enough for a link's address; the token is never shown.
const ANY_TOKEN: &str = "prerenderprerenderprerender";
/// A clinic for the links and identified intake: its name is not shown before its settings
/// have loaded, and they never have at build time.
const ANY_CLINIC: &str = "klinik";
/// The timepoint the self-test answers, which links and identified intake never use.
const SELF_SCREENING: &str = "self_screening";

/// One screen the boot script can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    /// What the boot script looks it up by (`docs/first-screens.md`): `start:self`,
    /// `start:link:<form>:<timepoint>`, `start:identified:<form or *>:<timepoint>`,
    /// `section:<form>`, `section:<form>:identified`.
    pub key: String,
    /// The content of `<main>` on this screen, without the renderer's markers.
    pub html: String,
    /// A section of a form a clinic may add questions to: it waits for the app when the
    /// address names a clinic (the clinic's settings decide its sections).
    pub waits_for_clinic: bool,
}

/// What the build renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prerendered {
    /// The frame (skip link, header, `<main>`, footer) as the app renders it while loading.
    pub frame: String,
    pub screens: Vec<Screen>,
}

/// Why the page could not be written.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PrerenderError {
    #[error("index.html has no empty <div id=\"boot\"></div> to render the first screens into")]
    NoBootElement,
    #[error("the rendered frame has no <main> element")]
    NoMain,
    #[error(
        "screen {0}: an inline style attribute, which the app's Content-Security-Policy refuses \
         (the app sets styles through the DOM; use an element or a class)"
    )]
    InlineStyle(String),
    #[error(
        "screen {0}: an element whose only content is an empty text, which the renderer writes \
         as a space, so the element is no longer `:empty` as in the app (render an Option)"
    )]
    EmptyText(String),
}

/// Checks that the build's `html` of screen `key` will look as the app's render of it:
/// nothing the app's policy refuses, no element the renderer fills where the app leaves it
/// empty. The build fails otherwise.
pub fn check(key: &str, html: &str) -> Result<(), PrerenderError> {
    if html.contains(" style=") {
        return Err(PrerenderError::InlineStyle(key.to_owned()));
    }
    if ["p", "span", "div", "li", "h1", "h2"]
        .iter()
        .any(|tag| html.contains(&format!("> </{tag}>")))
    {
        return Err(PrerenderError::EmptyText(key.to_owned()));
    }
    Ok(())
}

/// Runs no task: at build time no effect runs, the screens are the first render only.
struct NoTasks;

impl any_spawner::CustomExecutor for NoTasks {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// The frame as the app renders it for `entry`, with `draft` on screen and answers kept as
/// `keeping` says — with every service made and none started.
pub fn render(entry: Entry, keeping: Keeping, draft: Option<Draft>) -> String {
    // Set once per process; a second call finds it set, which is as good.
    let _ = any_spawner::Executor::init_custom_executor(NoTasks);
    let owner = Owner::new();
    let html = owner.with(|| {
        let (state, writers) = AppState::new(entry, Settings::default());
        writers.keeping.set(keeping);
        state.show(draft);
        provide_context(Shared::new(RwSignal::new(Lang::Da), state, &writers));
        // Rendered once, never updated: reading signals outside a tracking context is meant.
        let _once = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
        view! { <Frame /> }.to_html()
    });
    // The screen is never taken down: its clean-ups would ask the browser to stop (reading
    // aloud), and there is no browser at build time.
    std::mem::forget(owner);
    html
}

/// Where the content of the frame's `<main>` is.
fn main_range(frame: &str) -> Result<std::ops::Range<usize>, PrerenderError> {
    let open = frame.find("<main").ok_or(PrerenderError::NoMain)?;
    let start = open + frame[open..].find('>').ok_or(PrerenderError::NoMain)? + 1;
    let end = frame.rfind("</main>").ok_or(PrerenderError::NoMain)?;
    Ok(start..end)
}

/// The content of the frame's `<main>`.
pub fn main_content(frame: &str) -> Result<&str, PrerenderError> {
    Ok(&frame[main_range(frame)?])
}

/// `html` without the empty comments Leptos's renderer marks its views' places with: the
/// app renders its own, the page needs none.
fn without_markers(html: &str) -> String {
    html.replace("<!--<() />-->", "").replace("<!>", "")
}

/// The start screens: the self-test's, each link's and each identified intake's.
fn start_screens() -> Vec<(String, Entry)> {
    let inst = instrument();
    let mut screens = vec![("start:self".to_owned(), Entry::parse("/selvtest", "", ""))];
    let timepoints = inst.timepoints.iter().filter(|t| t.id != SELF_SCREENING);
    for timepoint in timepoints {
        let t = &timepoint.id;
        for form in inst.forms.iter().filter(|f| inst.form_at(&f.id, t).is_ok()) {
            let f = &form.id;
            screens.push((
                format!("start:link:{f}:{t}"),
                Entry::parse(
                    "/",
                    &format!("?klinik={ANY_CLINIC}&form={f}&timepoint={t}"),
                    &format!("#token={ANY_TOKEN}"),
                ),
            ));
            screens.push((
                format!("start:identified:{f}:{t}"),
                Entry::parse(
                    "/",
                    &format!("?klinik={ANY_CLINIC}&mode=identified&form={f}&timepoint={t}"),
                    "",
                ),
            ));
        }
        screens.push((
            format!("start:identified:*:{t}"),
            Entry::parse(
                "/",
                &format!("?klinik={ANY_CLINIC}&mode=identified&timepoint={t}"),
                "",
            ),
        ));
    }
    screens
}

/// One screen: the content of `<main>` as the app renders it, without the renderer's
/// markers, checked ([`check`]).
fn screen(
    key: String,
    entry: Entry,
    keeping: Keeping,
    draft: Option<Draft>,
    waits_for_clinic: bool,
) -> Result<Screen, PrerenderError> {
    let html = without_markers(main_content(&render(entry, keeping, draft))?);
    check(&key, &html)?;
    Ok(Screen {
        key,
        html,
        waits_for_clinic,
    })
}

/// Renders every screen the boot script can show.
pub fn prerender() -> Result<Prerendered, PrerenderError> {
    let inst = instrument();
    let frame = without_markers(&render(Entry::parse("/", "", ""), Keeping::Loading, None));
    check("frame", &frame)?;
    let mut screens = Vec::new();
    for (key, entry) in start_screens() {
        screens.push(screen(key, entry, Keeping::Device, None, false)?);
    }
    for form in &inst.forms {
        // As asked before a clinic's settings are known: without the sections it may add.
        let Ok(asked) = form.resolve(&[]) else {
            continue;
        };
        let waits = !form.optional_sections.is_empty();
        screens.push(screen(
            format!("section:{}", form.id),
            Entry::parse("/selvtest", "", ""),
            Keeping::Loading,
            Some(Draft::new(inst, &asked)),
            waits,
        )?);
        screens.push(screen(
            format!("section:{}:identified", form.id),
            Entry::parse("/", &format!("?klinik={ANY_CLINIC}&mode=identified"), ""),
            Keeping::Loading,
            Some(Draft::identified(inst, &asked, "2000-01-01")),
            waits,
        )?);
    }
    Ok(Prerendered { frame, screens })
}

/// Escapes `text` for an HTML attribute value in double quotes.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// `index_html` (trunk's output) with the first screens in place of its empty
/// `<div id="boot">`: the screens as templates, then the frame with the loading message (and
/// what to say without JavaScript) in `<main>`.
pub fn page(index_html: &str, rendered: &Prerendered) -> Result<String, PrerenderError> {
    const BOOT: &str = "<div id=\"boot\"></div>";
    if !index_html.contains(BOOT) {
        return Err(PrerenderError::NoBootElement);
    }
    let da = |t: &'static asi_i18n::Text| t.get(Lang::Da);
    let loading = format!(
        "<p class=\"loading\" role=\"status\">{}</p>",
        da(&boot::LOADING)
    );
    let frame = &rendered.frame;
    let inner = main_range(frame)?;
    let frame = format!("{}{loading}{}", &frame[..inner.start], &frame[inner.end..]);
    // The frame is hidden until the boot script (right after it) has put the screen the
    // address asks for in it: the page is never painted with the loading message first and
    // then changed (a layout shift). Without JavaScript, only the message why is shown.
    let mut out = String::new();
    for screen in &rendered.screens {
        let waits = if screen.waits_for_clinic {
            " data-waits-for-clinic"
        } else {
            ""
        };
        out.push_str(&format!(
            "<template data-screen=\"{}\"{waits}>{}</template>",
            screen.key, screen.html
        ));
    }
    out.push_str(&format!(
        "<div id=\"boot\" hidden data-failed=\"{}\" data-wait=\"{}\">{}</div>\
         <noscript><p class=\"page\">{}</p></noscript>",
        attribute(da(&boot::FAILED)),
        attribute(da(&boot::WAIT)),
        frame,
        da(&boot::NO_SCRIPT),
    ));
    Ok(index_html.replacen(BOOT, &out, 1))
}
