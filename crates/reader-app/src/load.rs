//! "Åbn svar": the key file, where the envelopes come from (the inbox with the reader token,
//! or a file), and optionally the clinic's `ref,token,url` file of person references.

use asi_envelope::SecretKey;
use asi_reader::Refs;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::source::{self, SourceError};
use crate::{Loaded, open_all};

/// Why nothing was opened.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
enum LoadError {
    #[error("Vælg filen med klinikkens private nøgle.")]
    NoKey,
    #[error("Nøglefilen kan ikke bruges: {0}")]
    Key(String),
    #[error("Skriv indbakkens læsenøgle, eller vælg en fil med konvolutter.")]
    NoSource,
    #[error("{0}")]
    Source(#[from] SourceError),
    #[error("Filen med personreferencer kan ikke bruges: {0}")]
    Refs(String),
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
    let key_text = source::read_chosen(key).await?.ok_or(LoadError::NoKey)?;
    let secret = SecretKey::from_key_file(&key_text).map_err(|e| LoadError::Key(e.to_string()))?;
    // The key file's text is not kept; the input forgets its file too.
    drop(key_text);
    key.set_value("");
    let refs = match source::read_chosen(refs_file).await? {
        Some(text) => Some(Refs::parse(&text).map_err(|e| LoadError::Refs(e.to_string()))?),
        None => None,
    };
    let envelopes = match source::read_chosen(envelopes_file).await? {
        Some(text) => source::envelopes_in(&text),
        None if !token.trim().is_empty() => source::fetch_envelopes(inbox, token).await?,
        None => return Err(LoadError::NoSource),
    };
    let opened = open_all(&secret, &envelopes);
    let rows = asi_reader::rows(&opened.responses, refs.as_ref());
    Ok(Loaded { opened, rows })
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
            <h2 id="load-heading">"Åbn svar"</h2>
            <form on:submit=submit novalidate>
                <FileField
                    id="key-file"
                    label="Klinikkens private nøgle (fil)"
                    hint="Filen fra «asi keygen». Den læses kun her og glemmes igen."
                    input=key
                />
                <fieldset class="field">
                    <legend class="question">"Hent fra indbakken"</legend>
                    <label for="inbox-url">"Indbakkens adresse"</label>
                    <input
                        type="url"
                        id="inbox-url"
                        class="text"
                        prop:value=move || inbox.get()
                        on:input=move |ev| inbox.set(event_target_value(&ev))
                    />
                    <label for="reader-token">"Læsenøgle"</label>
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
                    label="… eller åbn en fil med konvolutter"
                    hint="Én konvolut pr. linje, som indbakken eller «asi seal» skriver dem."
                    input=envelopes
                />
                <FileField
                    id="refs-file"
                    label="Personreferencer (valgfri)"
                    hint="Filen «ref,token,url» fra «asi links», så svarene vises med klinikkens egne referencer."
                    input=refs
                />
                <p class="field-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Åbner …" } else { "Åbn svarene" }}
                </button>
            </form>
        </section>
    }
}

/// A file to choose, with its label and a hint.
#[component]
fn FileField(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    input: NodeRef<Input>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id class="question">{label}</label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <input type="file" id=id node_ref=input aria-describedby=hint_id />
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
