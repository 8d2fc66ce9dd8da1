//! wizard-core's [`JsonText`] in the browser, for the page and the
//! certificate worker alike.
//!
//! The browser's own `JSON.parse` and `JSON.stringify` do the text and
//! serde-wasm-bindgen maps JavaScript values to the typed documents, so no
//! JSON parser or number formatter is compiled into the WebAssembly. The
//! same derives decide what is accepted as with serde_json natively
//! (unknown members, defaults, tags); only the wording of errors differs.

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wizard_core::JsonText;

/// The browser's JSON with serde-wasm-bindgen.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserJson;

impl JsonText for BrowserJson {
    fn read<T: DeserializeOwned>(&self, text: &str) -> Result<T, String> {
        let value = js_sys::JSON::parse(text).map_err(|e| describe(&e))?;
        serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
    }

    fn write<T: Serialize>(&self, value: &T) -> String {
        // Structs as plain objects, `None` left out: what JSON.stringify
        // then writes is the document serde_json would write.
        serde_wasm_bindgen::to_value(value)
            .ok()
            .and_then(|value| js_sys::JSON::stringify(&value).ok())
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    }
}

/// JSON.parse's own message, which says where the text stops being JSON
/// and, in Chromium, quotes a few characters around it. Only `config.json`'s
/// message is ever shown; every caller reading a server's answer, a draft
/// or the worker's answer drops it.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "not JSON".to_owned())
}
