//! The certificate worker. A 600,000-iteration .pfx takes the best part of
//! a second to open; in a Web Worker that second never blocks the page. The
//! page loads this module only when someone chooses a certificate, so the
//! reader's code is not part of the first visit either.
//!
//! `scripts/build.sh` builds it with wasm-bindgen (`--target web`) and writes
//! `cert-worker.js`, which feeds each message to [`handle`].

use wasm_bindgen::prelude::*;
use wizard_core::{Secret, read_certificate};
use zeroize::Zeroizing;

/// Opens `files` (an array of `Uint8Array`) with `password` at `now` (Unix
/// milliseconds). `kind` is `"choose"` (the certificate field: a JSON
/// `CertificateOutcome`) or `"inspect"` (the inspector's JSON report).
#[wasm_bindgen]
pub fn handle(kind: &str, files: js_sys::Array, password: String, now_ms: f64) -> String {
    let password = Secret::new(password);
    let bytes: Vec<Zeroizing<Vec<u8>>> = files
        .iter()
        .map(|f| Zeroizing::new(js_sys::Uint8Array::new(&f).to_vec()))
        .collect();
    let slices: Vec<&[u8]> = bytes.iter().map(|b| b.as_slice()).collect();
    let now = (now_ms / 1000.0) as i64;
    match kind {
        "choose" => {
            let mut random_ok = true;
            let outcome = read_certificate(&slices, &password, now, &mut |buf| {
                random_ok &= random_fill(buf);
            });
            if !random_ok {
                return r#"{"rejected":"This browser could not supply random numbers to protect the new .pfx. Upload a .pfx file instead.","pfx_base64":null,"card":null}"#.to_owned();
            }
            serde_json::to_string(&outcome).unwrap_or_default()
        }
        _ => certificate::report_json(&certificate::open(&slices, password.expose(), now)),
    }
}

/// `crypto.getRandomValues` of the worker's global scope.
fn random_fill(buf: &mut [u8]) -> bool {
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|scope| scope.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(buf).is_ok())
}
