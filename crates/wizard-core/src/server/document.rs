//! The JSON documents the page exchanges, read into their serde types and
//! written from them: one reader and one writer for every document.
//!
//! serde's derived `Deserialize` for a struct also takes a JSON array of
//! the members in order (`[]` for a struct whose members all default).
//! None of these documents is ever written that way, so a text that is not
//! an object is refused here before serde reads it, with the usual
//! `serde_json::Error` (and its position).

use serde::Serialize;
use serde::de::{DeserializeOwned, Error as _, Unexpected};

/// `value` as JSON text. Every document is strings, booleans, small
/// integers, unit variants and maps with string keys, which serde_json
/// always writes, so there is no error to report.
pub fn to_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `text` as a `T`, if it is a JSON object `T` accepts.
pub fn from_object<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text)
    } else {
        // serde_json reports the position of the first token for any text
        // that is not JSON at all; for JSON of another kind, say so.
        serde_json::from_str::<serde::de::IgnoredAny>(text)?;
        Err(serde_json::Error::invalid_type(
            Unexpected::Other("JSON that is not an object"),
            &"a JSON object",
        ))
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
    fn only_objects_are_read() {
        assert!(from_object::<AllDefault>(r#" {"a": 1}"#).is_ok());
        assert!(
            serde_json::from_str::<AllDefault>("[]").is_ok(),
            "serde alone takes it"
        );
        for text in ["[]", "null", "\"x\"", "7"] {
            let error = from_object::<AllDefault>(text).unwrap_err().to_string();
            assert!(error.contains("expected a JSON object"), "{text}: {error}");
        }
        assert!(from_object::<AllDefault>("{").is_err());
        assert!(from_object::<AllDefault>("").is_err());
    }
}
