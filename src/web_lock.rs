//! Work that only one tab of the app may do at a time, under a Web Lock.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks` (the Web Locks API; web-sys has it only as an unstable API).
    type LockManager;
    #[wasm_bindgen(method)]
    fn request(this: &LockManager, name: &str, callback: &JsValue) -> js_sys::Promise;
}

/// Runs `work` while holding the Web Lock `name`, so that no two tabs do it at once. Where
/// the browser has no Web Locks, or refuses them (some browsers do inside a frame of another
/// site), runs it directly.
pub async fn exclusively<T: 'static>(name: &str, work: impl Future<Output = T> + 'static) -> T {
    let navigator = window().navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).unwrap_or(JsValue::UNDEFINED);
    if locks.is_undefined() {
        return work.await;
    }
    let work = Rc::new(RefCell::new(Some(work)));
    let result = Rc::new(RefCell::new(None));
    let (waiting, slot) = (work.clone(), result.clone());
    let callback = Closure::once_into_js(move |_lock: JsValue| {
        wasm_bindgen_futures::future_to_promise(async move {
            let work = waiting.borrow_mut().take();
            if let Some(work) = work {
                *slot.borrow_mut() = Some(work.await);
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    let _ = JsFuture::from(
        locks
            .unchecked_into::<LockManager>()
            .request(name, &callback),
    )
    .await;
    let done = result.borrow_mut().take();
    match done {
        Some(done) => done,
        None => {
            // The lock was refused: the callback never ran and the work is still here.
            let work = work.borrow_mut().take();
            work.expect("the work runs either under the lock or here")
                .await
        }
    }
}
