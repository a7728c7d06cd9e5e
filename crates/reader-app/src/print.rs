//! Printing one part of the page: the part's name goes on the document element
//! (`data-print`), the print style sheet (`style/reader-report.css`) shows that part only, and
//! the name is taken off again once the browser has printed.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Opens the browser's print dialog for `part` (`"person"` or `"report"`).
pub fn print(part: &'static str) {
    let window = leptos::prelude::window();
    let Some(root) = leptos::prelude::document().document_element() else {
        return;
    };
    let _ = root.set_attribute("data-print", part);
    let after = Closure::once_into_js(move || {
        let _ = root.remove_attribute("data-print");
        leptos::prelude::window().set_onafterprint(None);
    });
    window.set_onafterprint(Some(after.unchecked_ref()));
    let _ = window.print();
}
