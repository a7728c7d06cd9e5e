//! Mounts the app; everything else lives in the library.

use asi_app::ui::takeover::{APP_ID, BOOT_ID};
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let document = leptos::prelude::document();
    let root = document
        .create_element("div")
        .expect("the page can make an element");
    root.set_id(APP_ID);
    match document.get_element_by_id(BOOT_ID) {
        // The citizen is on a screen the build rendered: it stays until the app takes it
        // over (`asi_app::ui::takeover`), and the app renders hidden until then.
        Some(boot) if boot.has_attribute("data-screen") => {
            let _ = root.set_attribute("hidden", "");
        }
        // Only the loading message: the app replaces it at once.
        Some(boot) => boot.remove(),
        None => {}
    }
    let body = document.body().expect("the page has a body");
    let _ = body.append_child(&root);
    leptos::mount::mount_to(root.unchecked_into(), asi_app::App).forget();
}
