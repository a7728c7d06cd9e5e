//! Browser tests (wasm-bindgen-test in headless Chromium): the app renders the instrument
//! data, and scoring gives the same results in wasm as natively.

#![cfg(target_arch = "wasm32")]

use asi_instrument::scoring::{self, Domain};
use asi_instrument::{Answers, Lang, instrument};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VECTORS_JSON: &str = include_str!("../crates/instrument/tests/data/scoring-vectors.json");

fn fresh_container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

/// Resolves on the next turn of the event loop.
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (at most 5 s) until `selector` matches inside `root`.
async fn appears(root: &web_sys::HtmlElement, selector: &str) {
    for _ in 0..500 {
        if root.query_selector(selector).unwrap().is_some() {
            return;
        }
        next_tick().await;
    }
    panic!("{selector} did not appear");
}

#[wasm_bindgen_test]
async fn the_self_test_lists_its_questionnaires_in_danish() {
    let container = fresh_container();
    let _handle = leptos::mount::mount_to(container.clone(), asi_app::App);
    // The start screen appears once the device storage has been opened.
    appears(&container, "li.form-card").await;
    let cards = container.query_selector_all("li.form-card").unwrap();
    // The forms used in the self-test: not the involvement form, asked during treatment.
    let forms: Vec<_> = instrument()
        .forms
        .iter()
        .filter(|f| f.timepoints.iter().any(|t| t == "self_screening"))
        .collect();
    assert_eq!(forms.len(), 2);
    assert_eq!(cards.length() as usize, forms.len());
    for (i, form) in forms.into_iter().enumerate() {
        let card: web_sys::Element = cards.item(i as u32).unwrap().unchecked_into();
        assert_eq!(
            card.get_attribute("data-form").as_deref(),
            Some(form.id.as_str())
        );
        let title = card
            .query_selector("h2")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert_eq!(title, form.title.get(Lang::Da));
    }
    let h1 = container
        .query_selector("h1")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(h1, "Anonym selvtest");
}

#[wasm_bindgen_test]
fn scoring_vectors_reproduce_in_the_browser() {
    let vectors: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(VECTORS_JSON).unwrap();
    assert_eq!(vectors.len(), 7);
    for (name, vector) in vectors {
        let answers = Answers::validate(instrument(), &vector["answers"]).unwrap();
        let got = scoring::current().score(&answers);
        let want = &vector["scores"];
        let close = |key: &str, got: Option<f64>| match (got, want[key].as_f64()) {
            (Some(g), Some(w)) => assert!((g - w).abs() <= 1e-6, "{name}.{key}: {g} vs {w}"),
            (None, None) => assert!(want[key].is_null()),
            other => panic!("{name}.{key}: {other:?}"),
        };
        for d in Domain::ALL {
            close(d.id(), got.domain(d));
        }
        close("asi6", got.asi6);
        close("wellbeing", got.wellbeing);
        assert_eq!(
            got.drug_free,
            want["drug_free"].as_bool(),
            "{name}.drug_free"
        );
    }
}
