//! The inspector's one-line JSON report, shared by the command-line example
//! and the page's `inspectCertificate` export, written by hand so the crate
//! (and the wasm) carries no JSON library.

use crate::{Error, Opened, rfc3339};

/// `{"ok":true,…}` for an opened file, `{"ok":false,"error":…,"message":…}`
/// otherwise.
pub fn report_json(result: &Result<Opened, Error>) -> String {
    match result {
        Ok(opened) => {
            let s = &opened.summary;
            let findings: Vec<String> = opened
                .findings
                .iter()
                .map(|f| json_string(f.code()))
                .collect();
            let messages: Vec<String> = opened
                .findings
                .iter()
                .map(|f| json_string(&f.to_string()))
                .collect();
            let fields = [
                ("ok", "true".to_owned()),
                ("subject", json_string(&s.subject)),
                ("issuer", json_string(&s.issuer)),
                ("serial", json_string(&s.serial)),
                ("not_before", json_string(&rfc3339(s.not_before))),
                ("not_after", json_string(&rfc3339(s.not_after))),
                ("sha1_thumbprint", json_string(&s.sha1_thumbprint)),
                ("sha256_thumbprint", json_string(&s.sha256_thumbprint)),
                ("key_algorithm", json_string(s.key_algorithm.name())),
                (
                    "key_bits",
                    s.key_bits.map_or("null".to_owned(), |b| b.to_string()),
                ),
                (
                    "key_matches",
                    s.key_matches.map_or("null".to_owned(), |m| m.to_string()),
                ),
                ("certificates", s.certificates.to_string()),
                ("findings", format!("[{}]", findings.join(","))),
                ("messages", format!("[{}]", messages.join(","))),
            ];
            object(&fields)
        }
        Err(e) => object(&[
            ("ok", "false".to_owned()),
            ("error", json_string(e.code())),
            ("message", json_string(&e.to_string())),
        ]),
    }
}

fn object(fields: &[(&str, String)]) -> String {
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}:{v}", json_string(k)))
        .collect();
    format!("{{{}}}", body.join(","))
}

/// `text` as a JSON string literal, quotes included. The page's own JSON
/// writer (wizard-core) uses it too, so there is one escaping rule.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_json_requires() {
        assert_eq!(json_string("a\"b\\c\u{1}é"), "\"a\\\"b\\\\c\\u0001é\"");
        let failed = report_json(&Err(Error::NoCertificate));
        assert!(
            failed
                .starts_with("{\"ok\":false,\"error\":\"no_certificate\",\"message\":\"This file")
        );
    }
}
