//! The certificate worker. A 600,000-iteration .pfx takes the best part of
//! a second to open; in a Web Worker that time never blocks the page. The
//! page loads this module only when someone chooses a certificate, so the
//! reader's code is not part of the first visit either.
//!
//! PBKDF2 (PBES2, what OpenSSL 3, Windows and Firefox use) runs through
//! WebCrypto, natively and several times faster than WebAssembly; the
//! reader asks for it in passes (`certificate::open_pass`). The PKCS#12 KDF
//! has no WebCrypto equivalent: short ones run here, and the reader asks
//! for long ones (a legacy .pfx of 600,000 rounds needs five or six) in the
//! same passes, which helper workers then run side by side
//! (`src/message_loop.js`, [`pkcs12_kdf`]).
//!
//! Trunk builds it with wasm-bindgen (`--target web`); `scripts/post-build.mjs`
//! writes `cert-worker.js`, the glue and `src/message_loop.js`, which feeds
//! each message to [`handle`].

pub mod generate;

use certificate::{Defer, Memo, Pass, Pbkdf2Request, Pkcs12Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wizard_core::answers::{CertificateOutcome, Secret, outcome_of};
use wizard_core::server::WorkerJob;
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

/// PKCS#12 derivations of this many rounds or more go to the helpers. A
/// helper's start (its script and wasm, from the cache) costs a few
/// milliseconds, which 2,048 rounds (OpenSSL's default, well under a
/// millisecond) would not repay.
const HELPERS_FROM: u32 = 50_000;

/// One of the helpers' derivations, as `src/message_loop.js` takes it.
fn pkcs12_job(request: &Pkcs12Request) -> js_sys::Object {
    let job = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&job, &key.into(), value);
    };
    set("hash", &request.hash.into());
    set(
        "password",
        &js_sys::Uint8Array::from(request.password.as_slice()),
    );
    set("salt", &js_sys::Uint8Array::from(request.salt.as_slice()));
    set("id", &request.id.into());
    set("iterations", &request.iterations.into());
    set("len", &(request.len as u32).into());
    job
}

/// The helpers' entry (`self.m365wDerivePkcs12`), where nested workers exist.
fn helpers() -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &"m365wDerivePkcs12".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Hands `requests` to the helpers, which start at once; `None` when there
/// are none, or no helpers.
fn ask_helpers(requests: &[Pkcs12Request]) -> Option<js_sys::Promise> {
    if requests.is_empty() {
        return None;
    }
    let jobs: js_sys::Array = requests.iter().map(pkcs12_job).collect();
    let promise = helpers()?.call1(&JsValue::NULL, &jobs).ok()?;
    Some(js_sys::Promise::resolve(&promise))
}

/// The bits of each request: the helpers' answer to `asked`, or, if they
/// could not give one, derived here one after the other.
async fn derive_pkcs12(requests: &[Pkcs12Request], asked: Option<js_sys::Promise>) -> Vec<Vec<u8>> {
    if let Some(asked) = asked
        && let Ok(answers) = JsFuture::from(asked).await
    {
        let bits: Vec<Vec<u8>> = js_sys::Array::from(&answers)
            .iter()
            .filter_map(|a| a.dyn_into::<js_sys::Uint8Array>().ok())
            .map(|a| a.to_vec())
            .collect();
        if bits.len() == requests.len() {
            return bits;
        }
    }
    requests
        .iter()
        .map(|r| {
            certificate::compute_pkcs12(r.hash, &r.password, &r.salt, r.id, r.iterations, r.len)
                .unwrap_or_default()
        })
        .collect()
}

/// Derives one PKCS#12 request: a helper's part (`src/message_loop.js`).
/// `password` is in its BMPString form; `None` for an unknown digest name.
#[wasm_bindgen(js_name = pkcs12Kdf)]
pub fn pkcs12_kdf(
    hash: &str,
    password: &[u8],
    salt: &[u8],
    id: u8,
    iterations: u32,
    len: usize,
) -> Option<Vec<u8>> {
    let password = Zeroizing::new(password.to_vec());
    certificate::compute_pkcs12(hash, &password, salt, id, iterations, len)
}

/// Opens in passes, answering the reader's PBKDF2 requests with WebCrypto
/// (or here, if WebCrypto refuses one, e.g. an empty password) and its long
/// PKCS#12 ones with the helpers.
async fn open(
    files: &[&[u8]],
    password: &Secret,
    now: i64,
) -> Result<certificate::Opened, certificate::Error> {
    let mut memo = Memo::default();
    let mut defer = Defer {
        pbkdf2: true,
        pkcs12_from: helpers().map(|_| HELPERS_FROM),
    };
    let mut passes = 0;
    loop {
        // A file needs the MAC, then each encrypted part, then the last
        // pass (five at most in the corpus). Past that, the rest is derived
        // here, so no answer that failed to land can make the loop endless.
        passes += 1;
        if passes > 8 {
            defer = Defer {
                pbkdf2: false,
                pkcs12_from: None,
            };
        }
        match certificate::open_pass(files, password.expose(), now, &mut memo, defer) {
            Pass::Done(result) => return *result,
            Pass::Needs(missing) => {
                // The helpers work while WebCrypto does.
                let asked = ask_helpers(&missing.pkcs12);
                for request in missing.pbkdf2 {
                    let bits = match webcrypto_pbkdf2(&request).await {
                        Some(bits) => bits,
                        None => certificate::compute_pbkdf2(&request),
                    };
                    memo.answer(&request, bits);
                }
                let bits = derive_pkcs12(&missing.pkcs12, asked).await;
                for (request, bits) in missing.pkcs12.iter().zip(bits) {
                    memo.answer_pkcs12(request, bits);
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
