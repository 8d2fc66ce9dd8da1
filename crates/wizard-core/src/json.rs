//! A small JSON reader and writer for what the page exchanges: the backup
//! server's answers, `config.json`, the saved draft and the certificate
//! worker's answer.
//!
//! Why not serde_json: in the page's WebAssembly, serde_json and the derived
//! (de)serialisers were about 60 KB of the first visit's code (twiggy, before
//! this module), for a handful of small documents. This reader keeps numbers
//! as their text (nothing here needs floating point), caps nesting, and
//! never panics on any input; the writer escapes every string.

use std::fmt;

/// How deep arrays and objects may nest: far beyond any document the page
/// reads, far below what could exhaust the stack.
const MAX_DEPTH: usize = 64;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (validated against the JSON grammar).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members in document order (a repeated key: the last wins
    /// on [`Json::get`], as in JavaScript).
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON: what was expected, and where (byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset of the problem.
    pub at: usize,
    /// What was wrong there.
    pub problem: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at character {}", self.problem, self.at + 1)
    }
}

impl std::error::Error for JsonError {}

impl Json {
    /// Parses a whole document (surrounding whitespace allowed).
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut reader = Reader {
            bytes: text.as_bytes(),
            at: 0,
        };
        let value = reader.value(0)?;
        reader.skip_space();
        if reader.at != reader.bytes.len() {
            return Err(reader.fail("unexpected text after the JSON value"));
        }
        Ok(value)
    }

    /// An object member (the last one of that name).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number as a whole, non-negative integer, if it is one.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member `key` as a string; absent or `null` is `None`.
    pub fn str_of(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Json::as_str)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn fail(&self, problem: &'static str) -> JsonError {
        JsonError {
            at: self.at,
            problem,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &'static str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.fail("expected a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deeply"));
        }
        self.skip_space();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected a JSON value")),
            None => Err(self.fail("the text ends where a value should be")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.fail("expected , or ] in an array")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.at += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a member name in quotes"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.fail("expected : after a member name"));
            }
            self.at += 1;
            members.push((key, self.value(depth + 1)?));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.fail("expected , or } in an object")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.fail("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.fail("expected a digit after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.fail("expected a digit in the exponent"));
            }
        }
        let text = String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned();
        Ok(Json::Number(text))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.fail("expected four hex digits after \\u"))?;
        let mut value = 0;
        for d in digits {
            let nibble = char::from(*d)
                .to_digit(16)
                .ok_or_else(|| self.fail("expected four hex digits after \\u"))?;
            value = value * 16 + nibble;
        }
        self.at += 4;
        Ok(value)
    }

    /// A `\u` escape, joining a UTF-16 surrogate pair; a lone surrogate
    /// becomes U+FFFD, as browsers do.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u") {
            let saved = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            self.at = saved;
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The input is a &str and the run stops only at ASCII bytes, so
            // the run is whole UTF-8.
            out.push_str(&String::from_utf8_lossy(&self.bytes[start..self.at]));
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.peek().ok_or_else(|| self.fail("unfinished escape"))?;
                    self.at += 1;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(self.fail("unknown escape in a string")),
                    });
                }
                Some(_) => return Err(self.fail("a control character inside a string")),
                None => return Err(self.fail("a string that never ends")),
            }
        }
    }
}

/// A type read from a parsed JSON value: `None` when the value does not
/// have the shape (a member missing or of the wrong type).
pub trait FromJson: Sized {
    /// Reads `value`.
    fn from_json(value: &Json) -> Option<Self>;
}

/// Writes `text` as a JSON string, quotes included (the certificate
/// crate's escaping, shared with its inspector report).
pub fn write_string(out: &mut String, text: &str) {
    out.push_str(&certificate::json_string(text));
}

/// Builds one JSON object, member by member, in order.
pub struct ObjectWriter {
    out: String,
}

impl Default for ObjectWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl ObjectWriter {
    /// An empty object.
    pub fn new() -> Self {
        Self {
            out: String::from("{"),
        }
    }

    fn key(&mut self, key: &str) {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        write_string(&mut self.out, key);
        self.out.push(':');
    }

    /// A string member.
    pub fn string(mut self, key: &str, value: &str) -> Self {
        self.key(key);
        write_string(&mut self.out, value);
        self
    }

    /// A string member, left out when `None`.
    pub fn string_if(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.string(key, v),
            None => self,
        }
    }

    /// A string member, or `null`.
    pub fn string_or_null(mut self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.string(key, v),
            None => {
                self.key(key);
                self.out.push_str("null");
                self
            }
        }
    }

    /// A boolean member.
    pub fn bool(mut self, key: &str, value: bool) -> Self {
        self.key(key);
        self.out.push_str(if value { "true" } else { "false" });
        self
    }

    /// A boolean member, left out when `None`.
    pub fn bool_if(self, key: &str, value: Option<bool>) -> Self {
        match value {
            Some(v) => self.bool(key, v),
            None => self,
        }
    }

    /// A whole-number member.
    pub fn number(mut self, key: &str, value: u64) -> Self {
        self.key(key);
        self.out.push_str(&value.to_string());
        self
    }

    /// A member whose value is already JSON text (an object or array built
    /// with this module).
    pub fn raw(mut self, key: &str, json: &str) -> Self {
        self.key(key);
        self.out.push_str(json);
        self
    }

    /// A member whose value is JSON text, left out when `None`.
    pub fn raw_if(self, key: &str, json: Option<String>) -> Self {
        match json {
            Some(text) => self.raw(key, &text),
            None => self,
        }
    }

    /// The object's text.
    pub fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// A JSON array of already-written elements.
pub fn array(elements: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from("[");
    for (i, element) in elements.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&element);
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let doc = Json::parse(
            r#" {"a": [1, -2.5e3, 0, true, false, null], "s": "x\"y\\z\/\n\u00e9\ud83d\ude00", "o": {}} "#,
        )
        .unwrap();
        let a = doc.get("a").and_then(Json::as_array).unwrap();
        assert_eq!(a[0].as_u64(), Some(1));
        assert_eq!(a[1], Json::Number("-2.5e3".into()));
        assert_eq!(a[1].as_u64(), None);
        assert_eq!(a[3].as_bool(), Some(true));
        assert_eq!(a[5], Json::Null);
        assert_eq!(doc.str_of("s"), Some("x\"y\\z/\né😀"));
        assert_eq!(doc.get("o"), Some(&Json::Object(Vec::new())));
        assert_eq!(doc.get("missing"), None);
        assert_eq!(Json::parse("[]").unwrap(), Json::Array(Vec::new()));
        assert_eq!(
            Json::parse(r#"{"k":1,"k":2}"#)
                .unwrap()
                .get("k")
                .and_then(Json::as_u64),
            Some(2),
            "the last repeated key wins, as in JavaScript"
        );
    }

    #[test]
    fn refuses_what_is_not_json_and_says_where() {
        for (text, at) in [
            ("", 0),
            ("{", 1),
            ("{\"a\" 1}", 5),
            ("[1,]", 3),
            ("[1 2]", 3),
            ("01", 1),
            ("-", 1),
            ("1.", 2),
            ("1e", 2),
            ("\"abc", 4),
            ("\"a\\qb\"", 4),
            ("\"\\u12\"", 3),
            ("\"tab\there\"", 4),
            ("nul", 0),
            ("{} x", 3),
            ("{'a': 1}", 1),
            ("<html>", 0),
        ] {
            let err = Json::parse(text).unwrap_err();
            assert_eq!(err.at, at, "{text:?}: {err}");
        }
        assert!(
            Json::parse("\"abc")
                .unwrap_err()
                .to_string()
                .contains("character 5")
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(Json::parse(&deep).unwrap_err().problem, "nested too deeply");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(Json::parse(&ok).is_ok());
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(
            Json::parse(r#""\ud800x""#).unwrap(),
            Json::String("\u{FFFD}x".into())
        );
        assert_eq!(
            Json::parse(r#""\ud800\u0041""#).unwrap(),
            Json::String("\u{FFFD}A".into())
        );
    }

    #[test]
    fn every_byte_sequence_is_a_value_or_an_error_never_a_panic() {
        let seeds = [
            r#"{"a":[1,{"b":"c\u00e9"}],"d":true}"#,
            r#"{"results":[{"id":"x","name":"y"}],"limit":30}"#,
        ];
        for seed in seeds {
            for cut in 0..seed.len() {
                if seed.is_char_boundary(cut) {
                    let _ = Json::parse(&seed[..cut]);
                }
            }
            for (i, _) in seed.char_indices() {
                for replacement in ["\"", "\\", "{", "]", "\u{0}", "é", "9"] {
                    let mut mutated = seed.to_owned();
                    mutated.replace_range(i..i + 1, replacement);
                    let _ = Json::parse(&mutated);
                }
            }
        }
    }

    #[test]
    fn writes_what_serde_json_reads_back() {
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{7} é 😀";
        let text = ObjectWriter::new()
            .string("s", tricky)
            .string_if("absent", None)
            .string_or_null("n", None)
            .bool("b", true)
            .number("count", 42)
            .raw("list", &array(["1".to_owned(), "\"two\"".to_owned()]))
            .raw("empty", &ObjectWriter::new().finish())
            .finish();
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back,
            serde_json::json!({"s": tricky, "n": null, "b": true, "count": 42, "list": [1, "two"], "empty": {}})
        );
        assert_eq!(Json::parse(&text).unwrap().str_of("s"), Some(tricky));
    }
}
