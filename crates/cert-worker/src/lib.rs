//! The certificate worker. A 600,000-iteration .pfx takes the best part of
//! a second to open; in a Web Worker that time never blocks the page. The
//! page loads this module only when someone chooses a certificate, so the
//! reader's code is not part of the first visit either.
//!
//! PBKDF2 (PBES2, what OpenSSL 3, Windows and Firefox use) runs through
//! WebCrypto, natively and several times faster than WebAssembly; the
//! reader asks for it in passes (`certificate::open_pass`). The PKCS#12 KDF
//! has no WebCrypto equivalent and runs here.
//!
//! `scripts/build.sh` builds it with wasm-bindgen (`--target web`) and writes
//! `cert-worker.js`, which feeds each message to [`handle`].

pub mod generate;

use certificate::{Memo, Pass, Pbkdf2Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wizard_core::{CertificateOutcome, Secret, WorkerJob, outcome_of};
use zeroize::Zeroizing;

/// Does one [`WorkerJob`] (its wire string) on `files` (an array of
/// `Uint8Array`) with `password` at `now_ms` (Unix milliseconds): a
/// [`CertificateOutcome`] for the certificate field (files chosen or a
/// certificate generated), or the inspector's JSON report.
#[wasm_bindgen]
pub async fn handle(job: String, files: js_sys::Array, password: String, now_ms: f64) -> String {
    let Some(job) = WorkerJob::from_wire(&job) else {
        let refusal = format!(
            "The page asked the certificate reader for {job:?}, which it does not do. Reload the page."
        );
        return CertificateOutcome::refusal(refusal).to_wire();
    };
    let password = Secret::new(password);
    let now = (now_ms / 1000.0) as i64;
    // Choose answers an outcome, Inspect the report, Generate reads no file.
    let encryption = match job {
        WorkerJob::Choose { encryption } => Some(encryption),
        WorkerJob::Inspect {} => None,
        WorkerJob::Generate {
            subject,
            years,
            bits,
            encryption,
        } => {
            let generation = generate::Generation {
                subject,
                years,
                bits,
            };
            return generate::generate(&generation, &password, now, encryption)
                .await
                .to_wire();
        }
    };
    let bytes: Vec<Zeroizing<Vec<u8>>> = files
        .iter()
        .map(|f| Zeroizing::new(js_sys::Uint8Array::new(&f).to_vec()))
        .collect();
    let slices: Vec<&[u8]> = bytes.iter().map(|b| b.as_slice()).collect();
    let opened = open(&slices, &password, now).await;
    let Some(encryption) = encryption else {
        return certificate::report_json(&opened);
    };
    let mut random_ok = true;
    let outcome = outcome_of(opened, &password, encryption, &mut |buf| {
        random_ok &= random_fill(buf);
    });
    if !random_ok {
        return CertificateOutcome::refusal(
            "This browser could not supply random numbers to protect the new .pfx. Upload a .pfx file instead.".to_owned(),
        )
        .to_wire();
    }
    outcome.to_wire()
}

/// Opens in passes, answering the reader's PBKDF2 requests with WebCrypto
/// (or here, if WebCrypto refuses one, e.g. an empty password).
async fn open(
    files: &[&[u8]],
    password: &Secret,
    now: i64,
) -> Result<certificate::Opened, certificate::Error> {
    let mut memo = Memo::default();
    loop {
        match certificate::open_pass(files, password.expose(), now, &mut memo) {
            Pass::Done(result) => return *result,
            Pass::Needs(requests) => {
                for request in requests {
                    let bits = match webcrypto_pbkdf2(&request).await {
                        Some(bits) => bits,
                        None => certificate::compute_pbkdf2(&request),
                    };
                    memo.answer(&request, bits);
                }
            }
        }
    }
}

async fn webcrypto_pbkdf2(request: &Pbkdf2Request) -> Option<Vec<u8>> {
    let subtle = generate::crypto().ok()?.subtle();
    let usages = js_sys::Array::of1(&"deriveBits".into());
    let password = js_sys::Uint8Array::from(request.password.as_slice());
    let key = subtle
        .import_key_with_str("raw", &password, "PBKDF2", false, &usages)
        .ok()?;
    let key: web_sys::CryptoKey = JsFuture::from(key).await.ok()?.dyn_into().ok()?;
    let salt = js_sys::Uint8Array::from(request.salt.as_slice());
    let params =
        web_sys::Pbkdf2Params::new("PBKDF2", &request.hash.into(), request.iterations, &salt);
    let bits = subtle
        .derive_bits_with_object(&params, &key, (request.len * 8) as u32)
        .ok()?;
    let bits = JsFuture::from(bits).await.ok()?;
    Some(js_sys::Uint8Array::new(&bits).to_vec())
}

/// `crypto.getRandomValues` of the worker's global scope.
fn random_fill(buf: &mut [u8]) -> bool {
    generate::crypto().is_ok_and(|crypto| crypto.get_random_values_with_u8_array(buf).is_ok())
}
