//! Taking over the page the build rendered (`crate::prerender`, `docs/first-screens.md`).
//!
//! Until the app has loaded, the citizen may read the start screen, start, and answer the
//! first section on the build's page (`#boot`, run by `index.html`'s boot script). The app
//! renders hidden beside it (`#app`). Once the drafts kept on the device are known, the
//! app does what the citizen did — starts the same form and gives each field the value typed
//! or chosen, through the same events a person's typing sends, so every answer is checked
//! and saved as a draft at once — and then, in one frame, shows itself in place of the
//! build's page: the two are the same markup, so nothing on screen moves, and focus and caret
//! are put back where they were.
//!
//! A draft of the same form already kept on the device is never overwritten unasked: the
//! app shows it and asks which answers to continue with ([`KeptChoice`]).

use asi_instrument::{Draft, Form, instrument};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlTextAreaElement};

use super::screens::start::new_draft;
use super::shared::{Shared, use_lang, use_shared};
use super::texts::{takeover, tr};
use crate::focus::focus_heading;
use crate::state::{AppState, Keeping};

/// The element holding the build's page.
pub const BOOT_ID: &str = "boot";
/// The element the app is mounted in.
pub const APP_ID: &str = "app";

/// What a field of the build's page holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Held {
    /// A radio button or check box.
    Checked(bool),
    /// Typed text.
    Text(String),
}

/// One field of the build's page: where it is in the section (child positions from the
/// section's `<main>`), what it holds, and whether the citizen changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Field {
    path: Vec<u32>,
    held: Held,
    changed: bool,
}

/// The first section of `form` as the citizen left it on the build's page.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    form: &'static Form,
    fields: Vec<Field>,
}

impl Typed {
    fn anything(&self) -> bool {
        self.fields.iter().any(|f| f.changed)
    }
}

/// The take-over's state: answers typed before the app had loaded that wait for the
/// citizen's choice, because a draft of the same form was kept on the device. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Takeover {
    waiting: RwSignal<Option<Typed>>,
}

impl Takeover {
    /// Nothing waiting.
    pub fn new() -> Takeover {
        Takeover {
            waiting: RwSignal::new(None),
        }
    }
}

impl Default for Takeover {
    fn default() -> Self {
        Takeover::new()
    }
}

fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

/// The child positions that lead from `root` to `element`.
fn path(root: &Element, element: &Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut node = element.clone();
    while node != *root {
        let parent = node.parent_element()?;
        let children = parent.children();
        let index = (0..children.length()).find(|&i| children.item(i).as_ref() == Some(&node))?;
        path.push(index);
        node = parent;
    }
    path.reverse();
    Some(path)
}

/// The element at `path` under `root`.
fn at(root: &Element, path: &[u32]) -> Option<Element> {
    path.iter()
        .try_fold(root.clone(), |node, &i| node.children().item(i))
}

/// The fields under `root` (a section's `<main>` or what was left with "Tilbage").
fn fields(root: &Element) -> Vec<Field> {
    let Ok(found) = root.query_selector_all("input, textarea") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|element| {
            let (held, changed) = if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                match input.type_().as_str() {
                    "radio" | "checkbox" => (
                        Held::Checked(input.checked()),
                        input.checked() != input.default_checked(),
                    ),
                    // The device's date, not the citizen's (identified intake).
                    "date" => (Held::Text(input.value()), false),
                    _ => (
                        Held::Text(input.value()),
                        input.value() != input.default_value(),
                    ),
                }
            } else {
                let area = element.dyn_ref::<HtmlTextAreaElement>()?;
                (
                    Held::Text(area.value()),
                    Ok(area.value()) != area.default_value(),
                )
            };
            Some(Field {
                path: path(root, &element)?,
                held,
                changed,
            })
        })
        .collect()
}

/// Fires `kind` at `element` as the browser does when a person changes it.
fn fire(element: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
        let _ = element.dispatch_event(&event);
    }
}

/// Gives the app's fields of the section on screen the values `typed` holds.
fn fill(app_main: &Element, typed: &Typed) {
    // Every field is found before any is changed: a changed answer may show or hide others.
    let targets: Vec<(Element, &Held)> = typed
        .fields
        .iter()
        .filter(|f| f.changed)
        .filter_map(|f| Some((at(app_main, &f.path)?, &f.held)))
        .collect();
    for (element, held) in targets {
        match held {
            Held::Checked(checked) => {
                if let Some(input) = element.dyn_ref::<HtmlInputElement>()
                    && input.checked() != *checked
                {
                    input.set_checked(*checked);
                    fire(&element, "change");
                }
            }
            Held::Text(text) => {
                if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                    input.set_value(text);
                } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
                    area.set_value(text);
                }
                fire(&element, "input");
                fire(&element, "change");
            }
        }
    }
}

/// Resolves at the next animation frame (after every render the state asked for so far:
/// the app's views are updated in microtasks, which all run before it).
async fn next_frame() {
    let (done, frame) = futures_channel::oneshot::channel::<()>();
    let callback = Closure::once(move || {
        let _ = done.send(());
    });
    let _ = window().request_animation_frame(callback.as_ref().unchecked_ref());
    callback.forget();
    let _ = frame.await;
}

/// The form of a section key (`section:<form>` or `section:<form>:identified`).
fn section_form(key: &str) -> Option<&'static Form> {
    let form = key.strip_prefix("section:")?.split(':').next()?;
    instrument().form(form)
}

/// Whether `draft` holds answers a new draft of its form would not.
fn has_answers(state: &'static AppState, draft: &Draft) -> bool {
    let form = instrument().form(&draft.form);
    let fresh = form.and_then(|f| new_draft(state, f).ok());
    fresh.is_none_or(|fresh| fresh.answers != draft.answers)
}

/// Shows a new draft of `typed.form` with the values typed on the build's page.
async fn start_with(state: &'static AppState, typed: &Typed) {
    let Ok(draft) = new_draft(state, typed.form) else {
        return;
    };
    state.errors.update(|e| e.clear());
    state.show(Some(draft));
    next_frame().await;
    if let Some(main) = by_id(APP_ID).and_then(|app| app.query_selector("main").ok().flatten()) {
        fill(&main, typed);
    }
}

/// Once the drafts kept on the device are known, takes the build's page over — if the
/// citizen is on it (`index.html` showed one of its screens).
pub fn start(shared: Shared) {
    let state = shared.state;
    let Some(boot) = by_id(BOOT_ID).filter(|b| b.has_attribute("data-screen")) else {
        return;
    };
    let boot = send_wrapper::SendWrapper::new(boot);
    let begun = StoredValue::new(false);
    Effect::new(move |_| {
        if state.keeping.get() != Keeping::Loading && !begun.get_value() {
            begun.set_value(true);
            spawn_local(take_over(shared, (*boot).clone()));
        }
    });
}

/// The element focused on the build's page and its selection, if any.
struct Focus {
    path: Vec<u32>,
    selection: Option<(u32, u32)>,
}

fn focus_on(boot: &Element) -> Option<Focus> {
    let active = document().active_element()?;
    let path = path(boot, &active)?;
    let selection = if let Some(input) = active.dyn_ref::<HtmlInputElement>() {
        input
            .selection_start()
            .ok()
            .flatten()
            .zip(input.selection_end().ok().flatten())
    } else {
        active.dyn_ref::<HtmlTextAreaElement>().and_then(|a| {
            a.selection_start()
                .ok()
                .flatten()
                .zip(a.selection_end().ok().flatten())
        })
    };
    Some(Focus { path, selection })
}

/// Puts focus (and the caret) on the app's element where it was on the build's page.
fn restore(app: &Element, focus: &Focus) {
    let Some(element) = at(app, &focus.path) else {
        return;
    };
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
    if let Some((start, end)) = focus.selection {
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            let _ = input.set_selection_range(start, end);
        } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
            let _ = area.set_selection_range(start, end);
        }
    }
}

async fn take_over(shared: Shared, boot: Element) {
    let state = shared.state;
    let key = boot.get_attribute("data-screen").unwrap_or_default();
    let on_section = key.starts_with("section:");
    // The first section begun on the build's page: on screen, or left with "Tilbage".
    let section = if on_section {
        section_form(&key).zip(boot.query_selector("main").ok().flatten())
    } else {
        boot.query_selector("[data-kept]")
            .ok()
            .flatten()
            .and_then(|kept| {
                let form = instrument().form(&kept.get_attribute("data-kept")?)?;
                Some((form, kept))
            })
    };
    let typed = section.map(|(form, root)| Typed {
        form,
        fields: fields(&root),
    });
    let kept = |form: &Form| state.saved.with_untracked(|m| m.get(&form.id).cloned());
    let mut same_screen = true;
    match typed {
        Some(typed) if typed.anything() => match kept(typed.form) {
            Some(draft) if has_answers(state, &draft) => {
                state.show(Some(draft));
                shared.takeover.waiting.set(Some(typed));
                same_screen = false;
            }
            _ => {
                start_with(state, &typed).await;
                if !on_section {
                    // Left with "Tilbage": kept as a draft (saved once the app has seen
                    // it), and the start screen, as the citizen left it.
                    next_frame().await;
                    state.show_start();
                }
            }
        },
        Some(typed) if on_section => match kept(typed.form) {
            Some(draft) if has_answers(state, &draft) => {
                state.show(Some(draft));
                same_screen = false;
            }
            _ => start_with(state, &typed).await,
        },
        _ if state.draft.with_untracked(Option::is_some) => same_screen = false,
        _ => {}
    }
    next_frame().await;
    let Some(app) = by_id(APP_ID) else {
        return;
    };
    let focus = focus_on(&boot);
    let pending = boot.get_attribute("data-pending");
    let scroll = window().scroll_y().unwrap_or(0.0);
    boot.remove();
    if let Ok(templates) = document().query_selector_all("template[data-screen]") {
        for i in 0..templates.length() {
            if let Some(t) = templates.item(i).and_then(|t| t.dyn_into::<Element>().ok()) {
                t.remove();
            }
        }
    }
    let _ = app.remove_attribute("hidden");
    window().scroll_to_with_x_and_y(0.0, scroll);
    match (&focus, same_screen) {
        (Some(focus), true) => restore(&app, focus),
        (_, false) => focus_heading(),
        (None, true) => {}
    }
    if shared.takeover.waiting.with_untracked(Option::is_some) {
        crate::focus::focus_after_render("#kept-choice-heading");
    }
    act_on(pending.as_deref(), shared, &app);
}

/// Does what the citizen asked for on the build's page that only the app can do: move on
/// ("Næste"), switch language, or start a form that waits for the clinic's settings.
fn act_on(pending: Option<&str>, shared: Shared, app: &Element) {
    let click = |selector: &str| {
        if let Some(button) = app
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|b| b.dyn_into::<HtmlElement>().ok())
        {
            button.click();
        }
    };
    match pending {
        Some("next") => {
            if let Some(form) = app
                .query_selector("form.section-form")
                .ok()
                .flatten()
                .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
            {
                let _ = form.request_submit();
            }
        }
        Some("language") => click(".lang-switch"),
        Some(other) => {
            if let Some(form) = other.strip_prefix("start:")
                && shared.state.draft.with_untracked(Option::is_none)
                && form.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                click(&format!("[data-form=\"{form}\"] button.primary"));
            }
        }
        None => {}
    }
}

/// Asks which answers to continue with, when answers typed before the app had loaded meet a
/// draft of the same form kept on the device. Shown above that draft.
#[component]
pub fn KeptChoice() -> impl IntoView {
    let lang = use_lang();
    let Shared {
        state, takeover, ..
    } = use_shared();
    let waiting = takeover.waiting;
    let keep_saved = move |_| {
        waiting.set(None);
        focus_heading();
    };
    let use_typed = move |_| {
        let Some(typed) = waiting.get_untracked() else {
            return;
        };
        waiting.set(None);
        spawn_local(async move {
            start_with(state, &typed).await;
            focus_heading();
        });
    };
    move || {
        waiting.with(|w| w.as_ref().map(|t| t.form)).map(|form| {
            let body = move || {
                let lang = lang.get();
                takeover::BODY.fill(lang, &[("form", &form.title.get(lang))])
            };
            view! {
                <section class="kept-choice" aria-labelledby="kept-choice-heading">
                    <h2 id="kept-choice-heading" tabindex="-1">{tr(&takeover::HEADING)}</h2>
                    <p>{body}</p>
                    <div class="nav-buttons">
                        <button type="button" class="button secondary" on:click=keep_saved>
                            {tr(&takeover::KEEP_SAVED)}
                        </button>
                        <button type="button" class="button primary" on:click=use_typed>
                            {tr(&takeover::USE_TYPED)}
                        </button>
                    </div>
                </section>
            }
        })
    }
}
