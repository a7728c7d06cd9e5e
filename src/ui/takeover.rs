//! Taking over the page the build rendered (`crate::prerender`, `docs/first-screens.md`).
//!
//! Until the app has loaded, the citizen may read the start screen, start, and answer the
//! first section on the build's page (`#boot`, run by `index.html`'s boot script). The app
//! renders hidden beside it (`#app`). Once the drafts kept on the device are known, the
//! app does what the citizen did — starts the same form, and has the boot script give each of
//! its fields the value typed or chosen, through the same events a person's typing sends, so
//! every answer is checked and saved as a draft at once — and then the boot script shows the
//! app in the page's place in one task: the two are the same markup, so nothing on screen
//! moves, and focus and caret go back where they were. The boot script does the work on its
//! own page's elements (`window.asiBoot`); the app decides what to do with its state.
//!
//! A draft of the same form already kept on the device is never overwritten unasked: the
//! app shows it and asks which answers to continue with ([`KeptChoice`]).

use asi_instrument::{Draft, Form, instrument};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{Element, HtmlElement, HtmlFormElement};

use super::screens::start::new_draft;
use super::shared::{Shared, use_lang, use_shared};
use super::texts::{takeover, tr};
use crate::focus::focus_heading;
use crate::state::{AppState, Keeping};

/// The element holding the build's page.
pub const BOOT_ID: &str = "boot";
/// The element the app is mounted in.
pub const APP_ID: &str = "app";

#[wasm_bindgen]
extern "C" {
    /// The boot script's hand-over (`index.html`, `window.asiBoot`; `docs/first-screens.md`).
    #[derive(Clone)]
    type Boot;
    /// The form whose first section was begun on the build's page, if any.
    #[wasm_bindgen(method)]
    fn form(this: &Boot) -> Option<String>;
    /// The screen the build's page shows, and whether a section's answers were left on it
    /// with "Tilbage": what a round of the take-over followed.
    #[wasm_bindgen(method)]
    fn screen(this: &Boot) -> String;
    /// Whether a tap or click is under way on the page (pointer down, not yet up).
    #[wasm_bindgen(method)]
    fn busy(this: &Boot) -> bool;
    /// Whether the build's page shows a first section (rather than a start screen).
    #[wasm_bindgen(method, js_name = onSection)]
    fn on_section(this: &Boot) -> bool;
    /// Whether the citizen answered anything on the build's page.
    #[wasm_bindgen(method)]
    fn typed(this: &Boot) -> bool;
    /// Gives the fields under `main` (the app's, on the same section) the answers.
    #[wasm_bindgen(method)]
    fn fill(this: &Boot, main: &Element);
    /// Shows the app in the page's place; returns what was pending (`data-pending`).
    #[wasm_bindgen(method, js_name = handOver)]
    fn hand_over(this: &Boot, app: &Element, same_screen: bool) -> Option<String>;
}

/// The boot script's hand-over, after the app took the page over (it still holds the
/// answers given on it).
fn boot_kept() -> Option<Boot> {
    let boot = js_sys::Reflect::get(&window(), &"asiBoot".into()).ok()?;
    boot.is_object().then(|| boot.unchecked_into())
}

/// The boot script's hand-over, when the citizen is on the build's page.
fn boot() -> Option<Boot> {
    document()
        .get_element_by_id(BOOT_ID)
        .is_some_and(|b| b.has_attribute("data-screen"))
        .then(boot_kept)
        .flatten()
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

/// Whether `draft` holds answers a new draft of its form would not.
fn has_answers(state: &'static AppState, draft: &Draft) -> bool {
    let fresh = instrument()
        .form(&draft.form)
        .and_then(|f| new_draft(state, f).ok());
    fresh.is_none_or(|fresh| fresh.answers != draft.answers)
}

/// Shows a new draft of `form` with the answers given on the build's page.
async fn start_with(state: &'static AppState, boot: &Boot, form: &'static Form) {
    let Ok(draft) = new_draft(state, form) else {
        return;
    };
    state.errors.update(|e| e.clear());
    state.show(Some(draft));
    next_frame().await;
    if let Some(main) = document()
        .get_element_by_id(APP_ID)
        .and_then(|app| app.query_selector("main").ok().flatten())
    {
        boot.fill(&main);
    }
}

/// Once the drafts kept on the device are known, takes the build's page over — if the
/// citizen is on it (`index.html` showed one of its screens).
pub fn start(shared: Shared) {
    let state = shared.state;
    let Some(boot) = boot() else {
        return;
    };
    let begun = StoredValue::new(false);
    Effect::new(move |_| {
        if state.keeping.get() != Keeping::Loading && !begun.get_value() {
            begun.set_value(true);
            spawn_local(take_over(shared, boot.clone()));
        }
    });
}

/// What the app did with what it found on the build's page.
struct Decided {
    /// The app shows the screen the build's page shows (focus can go where it was).
    same_screen: bool,
    /// The app shows a new draft of the section on screen, filled from the build's page.
    filled: bool,
}

/// Makes the app show what the citizen did on the build's page. `made`: the form of the
/// draft an earlier round made (it is not a draft kept from before).
async fn decide(state: &'static AppState, boot: &Boot, made: &mut Option<String>) -> Decided {
    let form = boot.form().and_then(|f| instrument().form(&f));
    let on_section = boot.on_section();
    let kept = |form: &Form| {
        state
            .saved
            .with_untracked(|m| m.get(&form.id).cloned())
            .filter(|d| made.as_deref() != Some(d.form.as_str()) && has_answers(state, d))
    };
    state.typed_waiting.set(None);
    let mut decided = Decided {
        same_screen: true,
        filled: false,
    };
    match form {
        Some(form) if boot.typed() => match kept(form) {
            // Kept answers of the same form: shown, and the citizen chooses.
            Some(draft) => {
                state.show(Some(draft));
                state.typed_waiting.set(Some(form));
                decided.same_screen = false;
            }
            None => {
                start_with(state, boot, form).await;
                *made = Some(form.id.clone());
                decided.filled = on_section;
                if !on_section {
                    // Left with "Tilbage": kept as a draft (saved once the app has seen
                    // it), and the start screen, as the citizen left it.
                    next_frame().await;
                    state.show_start();
                }
            }
        },
        Some(form) if on_section => match kept(form) {
            Some(draft) => {
                state.show(Some(draft));
                decided.same_screen = false;
            }
            None => {
                start_with(state, boot, form).await;
                *made = Some(form.id.clone());
                decided.filled = true;
            }
        },
        _ if state.draft.with_untracked(Option::is_some) => decided.same_screen = false,
        _ => {}
    }
    decided
}

async fn take_over(shared: Shared, boot: Boot) {
    let state = shared.state;
    let Some(app) = document().get_element_by_id(APP_ID) else {
        return;
    };
    let mut made = None;
    // The citizen may go on using the build's page while the app follows: a screen changed
    // meanwhile is followed again, and a tap under way ends on the page it began on.
    let decided = loop {
        let seen = boot.screen();
        let decided = decide(state, &boot, &mut made).await;
        next_frame().await;
        while boot.busy() {
            next_frame().await;
        }
        if boot.screen() == seen {
            break decided;
        }
    };
    // In the same task as the hand-over: what was typed since the app filled its fields.
    if decided.filled
        && let Ok(Some(main)) = app.query_selector("main")
    {
        boot.fill(&main);
    }
    let pending = boot.hand_over(&app, decided.same_screen);
    if !decided.same_screen {
        focus_heading();
    }
    if state.typed_waiting.with_untracked(Option::is_some) {
        crate::focus::focus_after_render("#kept-choice-heading");
    }
    act_on(pending.as_deref(), shared, &app);
}

/// Does what the citizen asked for on the build's page that only the app can do, in the
/// order asked (`pending`: the actions separated by spaces): move on ("Næste"), switch
/// language, or start a form that waits for the clinic's settings.
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
    for action in pending.unwrap_or_default().split_whitespace() {
        match action {
            "next" => {
                if let Some(form) = app
                    .query_selector("form.section-form")
                    .ok()
                    .flatten()
                    .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
                {
                    let _ = form.request_submit();
                }
            }
            "language" => click(".lang-switch"),
            other => {
                if let Some(form) = other.strip_prefix("start:")
                    && shared.state.draft.with_untracked(Option::is_none)
                    && form.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    click(&format!("[data-form=\"{form}\"] button.primary"));
                }
            }
        }
    }
}

/// Asks which answers to continue with, when answers typed before the app had loaded meet a
/// draft of the same form kept on the device. Shown above that draft.
#[component]
pub fn KeptChoice() -> impl IntoView {
    let lang = use_lang();
    let state = use_shared().state;
    let waiting = state.typed_waiting;
    let keep_saved = move |_| {
        waiting.set(None);
        focus_heading();
    };
    let use_typed = move |_| {
        let (Some(form), Some(boot)) = (waiting.get_untracked(), boot_kept()) else {
            return;
        };
        waiting.set(None);
        spawn_local(async move {
            start_with(state, &boot, form).await;
            focus_heading();
        });
    };
    move || {
        waiting.get().map(|form| {
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
