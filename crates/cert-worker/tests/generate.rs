//! Certificate generation in headless Chromium (wasm-bindgen-test): a real
//! WebCrypto key pair, the certificate built in Rust and signed by
//! WebCrypto, read back by our reader, and the .pfx it writes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic
#![cfg(target_arch = "wasm32")]

use cert_worker::generate::{Generation, generate};
use wasm_bindgen_test::*;
use wizard_core::answers::{PfxEncryption, Secret};

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

async fn generated(subject: &str, bits: u32) -> wizard_core::answers::CertificateOutcome {
    let generation = Generation {
        subject: subject.into(),
        years: 2,
        bits,
    };
    generate(
        &generation,
        &Secret::new("Generated-Pw"),
        now(),
        PfxEncryption::Compatible,
    )
    .await
}

#[wasm_bindgen_test]
async fn generates_2048_and_3072_bit_certificates_the_reader_accepts() {
    for bits in [2048, 3072] {
        let started = js_sys::Date::now();
        let outcome = generated("Veeam Backup for Microsoft 365 - contoso", bits).await;
        let took = js_sys::Date::now() - started;
        assert_eq!(outcome.rejected, None, "{bits}");
        let card = outcome.card.clone().unwrap();
        assert_eq!(card.subject, "CN=Veeam Backup for Microsoft 365 - contoso");
        assert_eq!(card.issuer, card.subject);
        assert_eq!(card.key, format!("RSA, {bits} bits"));
        assert!(card.findings.is_empty(), "{:?}", card.findings);
        assert!(card.built_pfx);
        // The .pfx the server receives opens with its password and holds the key.
        let pfx = certificate::base64::decode(outcome.pfx_base64.unwrap().as_bytes()).unwrap();
        let opened = certificate::open(&[&pfx], "Generated-Pw", now()).unwrap();
        assert_eq!(opened.summary.sha1_thumbprint, card.sha1_thumbprint);
        assert_eq!(opened.summary.key_matches, Some(true));
        web_sys::console::log_1(&format!("RSA {bits}: generated in {took:.0} ms").into());
    }
}

#[wasm_bindgen_test]
async fn two_generations_never_share_a_key_or_a_serial() {
    let a = generated("app", 2048).await.card.unwrap();
    let b = generated("app", 2048).await.card.unwrap();
    assert_ne!(a.serial, b.serial);
    assert_ne!(a.sha1_thumbprint, b.sha1_thumbprint);
    assert_eq!(a.serial.len(), 32, "16 bytes in hex: {}", a.serial);
}

#[wasm_bindgen_test]
async fn a_bad_request_is_refused_with_its_reason() {
    let refused = generated("   ", 2048).await;
    assert!(refused.rejected.unwrap().contains("subject name"));
    assert_eq!(refused.card, None);
}
