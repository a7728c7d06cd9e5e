//! Mounts the app; everything else lives in the library.

fn main() {
    console_error_panic_hook::set_once();
    // The page's loading message (index.html) gives way to the app.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(asi_app::App);
}
