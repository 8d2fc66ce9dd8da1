//! DOM helpers for the browser tests, shared by `tests/browser.rs` (the
//! whole wizard) and the single-step tests inside the crate
//! (`src/components/step_tests.rs`): find things the way a person would.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each user takes what it needs; a failed test is meant to panic

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement};

/// A fresh container in the document's body.
pub fn container() -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// The input a visible label names, found the way a person would.
pub fn input_labelled(root: &HtmlElement, text: &str) -> HtmlInputElement {
    let labels = root.query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let label: Element = labels.item(i).unwrap().unchecked_into();
        if label.text_content().as_deref() == Some(text) {
            let id = label.get_attribute("for").expect("label has for");
            return document()
                .get_element_by_id(&id)
                .expect("label points at an element")
                .unchecked_into();
        }
    }
    panic!("no label {text:?}");
}

/// Lets Leptos run its effects and the browser draw a frame.
pub async fn settle() {
    leptos::task::tick().await;
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    leptos::task::tick().await;
}

pub fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    input.dispatch_event(&Event::new("input").unwrap()).unwrap();
    input
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
}

pub fn button(root: &HtmlElement, text: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .map(|i| buttons.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no button {text:?}"))
}

pub fn error_text(input: &HtmlInputElement) -> Option<String> {
    document()
        .get_element_by_id(&format!("{}-error", input.id()))
        .and_then(|e| e.text_content())
}

/// The hint shown for `input` (its `-hint` element), if any.
pub fn hint_text(input: &HtmlInputElement) -> Option<String> {
    document()
        .get_element_by_id(&format!("{}-hint", input.id()))
        .and_then(|e| e.text_content())
}
