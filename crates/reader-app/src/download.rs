//! Saving a text as a file on the staff's machine (a Blob and a temporary link): nothing is
//! sent anywhere.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name`.
pub fn save(name: &str, mime: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Export: the same bytes as `asi export` (CSV or JSON lines) for the responses opened.
#[leptos::component]
pub fn Export(loaded: leptos::prelude::StoredValue<crate::Loaded>) -> impl leptos::IntoView {
    use crate::texts::{export, tr};
    use leptos::prelude::*;
    let failed = RwSignal::new(false);
    let save_as = move |csv: bool| {
        let text = loaded.with_value(|l| {
            if csv {
                asi_export::to_csv(&l.opened.responses)
            } else {
                asi_export::to_jsonl(&l.opened.responses)
            }
        });
        let (name, mime) = if csv {
            ("asi-export.csv", "text/csv;charset=utf-8")
        } else {
            ("asi-export.jsonl", "application/jsonl;charset=utf-8")
        };
        failed.set(save(name, mime, &text).is_err());
    };
    view! {
        <section class="result-block" aria-labelledby="export-heading">
            <h2 id="export-heading">{tr(export::HEADING)}</h2>
            <p>{tr(export::LEAD)}</p>
            <div class="nav-buttons">
                <button type="button" class="button primary" on:click=move |_| save_as(true)>{tr(export::CSV)}</button>
                <button type="button" class="button secondary" on:click=move |_| save_as(false)>{tr(export::JSONL)}</button>
            </div>
            <p role="alert" class="field-error">{move || failed.get().then(|| tr(export::FAILED))}</p>
        </section>
    }
}
