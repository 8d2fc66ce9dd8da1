//! The inspector's one-line JSON report, shared by the command-line example
//! and the page's `inspectCertificate` export (the worker's Inspect answer).
//! A serde document, like every other message the worker sends.

use crate::{Error, Opened, rfc3339};
use serde::Serialize;

/// The report of an opened file.
#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    subject: &'a str,
    issuer: &'a str,
    serial: &'a str,
    not_before: String,
    not_after: String,
    sha1_thumbprint: &'a str,
    sha256_thumbprint: &'a str,
    key_algorithm: &'a str,
    key_bits: Option<u32>,
    key_matches: Option<bool>,
    certificates: usize,
    findings: Vec<&'static str>,
    messages: Vec<String>,
}

/// The report of a file that did not open.
#[derive(Serialize)]
struct Refusal<'a> {
    ok: bool,
    error: &'a str,
    message: String,
}

/// `{"ok":true,…}` for an opened file, `{"ok":false,"error":…,"message":…}`
/// otherwise.
pub fn report_json(result: &Result<Opened, Error>) -> String {
    let written = match result {
        Ok(opened) => {
            let s = &opened.summary;
            serde_json::to_string(&Report {
                ok: true,
                subject: &s.subject,
                issuer: &s.issuer,
                serial: &s.serial,
                not_before: rfc3339(s.not_before),
                not_after: rfc3339(s.not_after),
                sha1_thumbprint: &s.sha1_thumbprint,
                sha256_thumbprint: &s.sha256_thumbprint,
                key_algorithm: s.key_algorithm.name(),
                key_bits: s.key_bits,
                key_matches: s.key_matches,
                certificates: s.certificates,
                findings: opened.findings.iter().map(|f| f.code()).collect(),
                messages: opened.findings.iter().map(|f| f.to_string()).collect(),
            })
        }
        Err(e) => serde_json::to_string(&Refusal {
            ok: false,
            error: e.code(),
            message: e.to_string(),
        }),
    };
    // Writing these plain structures to a string cannot fail; were it to,
    // the page reads the refusal shape it knows rather than nothing.
    written.unwrap_or_else(|_| {
        r#"{"ok":false,"error":"unreadable","message":"The certificate reader could not write its report."}"#.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_its_code_and_message() {
        let failed = report_json(&Err(Error::NoCertificate));
        assert!(
            failed
                .starts_with("{\"ok\":false,\"error\":\"no_certificate\",\"message\":\"This file"),
            "{failed}"
        );
        let read: serde_json::Value = serde_json::from_str(&failed).unwrap_or_default();
        assert_eq!(read["ok"], false);
    }
}
