//! How the page's JSON documents become their serde types, and back.
//!
//! Every document the page exchanges (the request bodies, the server's
//! answers, `config.json`, the saved draft, the worker protocol) is a typed
//! struct or enum with serde derives in this crate. Who turns text into
//! those types is a parameter, as the URL parser is ([`crate::UrlResolver`]):
//! natively [`SerdeJson`]; in the page the browser's own `JSON.parse` and
//! `JSON.stringify` with serde-wasm-bindgen, which keeps a JSON parser and
//! number formatter out of the page's WebAssembly (the figures are in the
//! README's Benchmark section).

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Turns JSON text into typed documents and back.
pub trait JsonText {
    /// `text` read as a `T`, or why not, in words.
    fn read<T: DeserializeOwned>(&self, text: &str) -> Result<T, String>;

    /// `value` as JSON text. The documents are strings, booleans, small
    /// integers and unit variants, which every writer takes.
    fn write<T: Serialize>(&self, value: &T) -> String;

    /// `text` read as a `T` if it is a JSON object. serde's derived
    /// `Deserialize` for a struct also takes an array of the members in
    /// order (`[]` for a struct whose members all default), which no writer
    /// of these documents produces: refused here.
    fn read_object<T: DeserializeOwned>(&self, text: &str) -> Result<T, String> {
        if text.trim_start().starts_with('{') {
            self.read(text)
        } else {
            Err("expected a JSON object".to_owned())
        }
    }
}

/// serde_json: the native reader and writer (tests, tools, the simulator's
/// counterpart).
#[derive(Debug, Clone, Copy, Default)]
pub struct SerdeJson;

impl JsonText for SerdeJson {
    fn read<T: DeserializeOwned>(&self, text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    fn write<T: Serialize>(&self, value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct AllDefault {
        #[serde(default)]
        a: Option<u8>,
    }

    #[test]
    fn only_objects_are_read_as_objects() {
        assert!(SerdeJson.read_object::<AllDefault>(r#" {"a": 1}"#).is_ok());
        assert!(
            SerdeJson.read::<AllDefault>("[]").is_ok(),
            "serde alone takes it"
        );
        for text in ["[]", "null", "\"x\"", "7", ""] {
            let error = SerdeJson.read_object::<AllDefault>(text).unwrap_err();
            assert_eq!(error, "expected a JSON object", "{text}");
        }
        assert!(SerdeJson.read_object::<AllDefault>("{").is_err());
    }
}
