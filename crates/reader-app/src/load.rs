//! "Åbn svar": the key files (the current key and earlier ones), where the envelopes come
//! from (the inbox with the reader token, or a file), and optionally the clinic's
//! `ref,token,url` file of person references.

use asi_export::KeyRing;
use asi_reader::Refs;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::source::{self, SourceError};
use crate::texts::{LANG, load, tr};
use crate::{Loaded, open_all};

/// Why nothing was opened. `Display` is the message shown.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.message())]
enum LoadError {
    NoKey,
    /// A chosen key file is not a key: the key ring's message, which names the file.
    Key(asi_export::KeyRingError),
    NoSource,
    Source(#[from] SourceError),
    Refs(String),
}

impl LoadError {
    fn message(&self) -> String {
        match self {
            LoadError::NoKey => tr(load::NO_KEY),
            LoadError::Key(e) => sentence(&e.message(LANG)),
            LoadError::NoSource => tr(load::NO_SOURCE),
            LoadError::Source(e) => e.to_string(),
            LoadError::Refs(reason) => load::REFS_FILE.fill(LANG, &[("reason", reason)]),
        }
    }
}

/// The inbox this page came from (the inbox serves the reader).
fn own_origin() -> String {
    window().location().origin().unwrap_or_default()
}

async fn load(
    key: &web_sys::HtmlInputElement,
    envelopes_file: &web_sys::HtmlInputElement,
    refs_file: &web_sys::HtmlInputElement,
    inbox: &str,
    token: &str,
) -> Result<Loaded, LoadError> {
    let key_files = source::read_all_chosen(key).await?;
    // The key files' text is not kept; the input forgets its files too.
    key.set_value("");
    if key_files.is_empty() {
        return Err(LoadError::NoKey);
    }
    let keys =
        KeyRing::from_key_files(key_files.iter().map(|(n, t)| (n, t))).map_err(LoadError::Key)?;
    drop(key_files);
    let refs = match source::read_chosen(refs_file).await? {
        Some(text) => Some(Refs::parse(&text).map_err(|e| LoadError::Refs(e.message(LANG)))?),
        None => None,
    };
    let envelopes = match source::read_chosen(envelopes_file).await? {
        Some(text) => source::envelopes_in(&text),
        None if !token.trim().is_empty() => source::fetch_envelopes(inbox, token).await?,
        None => return Err(LoadError::NoSource),
    };
    let opened = open_all(&keys, &envelopes);
    let rows = asi_reader::rows(&opened.responses, refs.as_ref());
    Ok(Loaded {
        opened,
        rows,
        refs,
        inbox: inbox.trim().to_owned(),
        token: token.trim().to_owned(),
    })
}

/// `text` as a sentence: a capital first letter and a full stop.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

/// The form that opens the clinic's responses.
#[component]
pub fn LoadForm(loaded: RwSignal<Option<Loaded>>) -> impl IntoView {
    let key: NodeRef<Input> = NodeRef::new();
    let envelopes: NodeRef<Input> = NodeRef::new();
    let refs: NodeRef<Input> = NodeRef::new();
    let inbox = RwSignal::new(own_origin());
    let token = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(key), Some(envelopes), Some(refs)) = (key.get(), envelopes.get(), refs.get())
        else {
            return;
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let outcome = load(
                &key,
                &envelopes,
                &refs,
                &inbox.get_untracked(),
                &token.get_untracked(),
            )
            .await;
            busy.set(false);
            match outcome {
                Ok(l) => {
                    loaded.set(Some(l));
                    focus("opened-status");
                }
                Err(e) => {
                    loaded.set(None);
                    error.set(Some(e.to_string()));
                }
            }
        });
    };
    view! {
        <section class="result-block" aria-labelledby="load-heading">
            <h2 id="load-heading">{tr(load::HEADING)}</h2>
            <form on:submit=submit novalidate>
                <FileField
                    id="key-file"
                    label=tr(load::KEY_LABEL)
                    hint=tr(load::KEY_HINT)
                    input=key
                    multiple=true
                />
                <fieldset class="field">
                    <legend class="question">{tr(load::INBOX_LEGEND)}</legend>
                    <label for="inbox-url">{tr(load::INBOX_URL)}</label>
                    <input
                        type="url"
                        id="inbox-url"
                        class="text"
                        prop:value=move || inbox.get()
                        on:input=move |ev| inbox.set(event_target_value(&ev))
                    />
                    <label for="reader-token">{tr(load::READER_TOKEN)}</label>
                    <input
                        type="password"
                        id="reader-token"
                        class="text"
                        autocomplete="off"
                        prop:value=move || token.get()
                        on:input=move |ev| token.set(event_target_value(&ev))
                    />
                </fieldset>
                <FileField
                    id="envelopes-file"
                    label=tr(load::ENVELOPES_LABEL)
                    hint=tr(load::ENVELOPES_HINT)
                    input=envelopes
                />
                <FileField
                    id="refs-file"
                    label=tr(load::REFS_LABEL)
                    hint=tr(load::REFS_HINT)
                    input=refs
                />
                <p class="field-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {move || if busy.get() { tr(load::OPENING) } else { tr(load::OPEN) }}
                </button>
            </form>
        </section>
    }
}

/// A file (or, with `multiple`, files) to choose, with its label and a hint.
#[component]
fn FileField(
    id: &'static str,
    label: String,
    hint: String,
    input: NodeRef<Input>,
    /// Whether several files may be chosen.
    #[prop(optional)]
    multiple: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id class="question">{label}</label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <input type="file" id=id node_ref=input aria-describedby=hint_id multiple=multiple />
        </div>
    }
}

/// Moves focus to the element with `id` once it is on the page.
pub fn focus(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(id)
            && let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element)
        {
            let _ = element.set_attribute("tabindex", "-1");
            let _ = element.focus();
        }
    });
}
