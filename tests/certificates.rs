//! The certificate reader in headless Chromium (wasm-bindgen-test): every
//! fixture gives the summary `openssl` recorded, or its expected error, in
//! WebAssembly as it does natively, through the same JSON report the page's
//! `inspectCertificate` returns (the worker runs this code).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! corpus {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("fixtures/certs/corpus/", $name)))),*]
    };
}

/// Every corpus file, compiled in (the browser has no file system).
const CORPUS: &[(&str, &[u8])] = corpus![
    "ca.crt",
    "ca.key",
    "cert-and-key.pem",
    "ed25519.crt",
    "ed25519.key",
    "expired.crt",
    "expired.key",
    "expires-soon.crt",
    "expires-soon.key",
    "key-pkcs1-dekinfo.pem",
    "key-pkcs1.pem",
    "key-pkcs8-pbes1.pem",
    "key-pkcs8-pbes2.pem",
    "key-pkcs8-scrypt.pem",
    "key-pkcs8.der",
    "key-pkcs8.pem",
    "key-sec1.pem",
    "keytool.crt",
    "keytool.p12",
    "leaf.crt",
    "leaf.key",
    "not-yet-valid.crt",
    "not-yet-valid.key",
    "nss-firefox.p12",
    "nss-legacy.p12",
    "openssl-aes128.p12",
    "openssl-aes192.p12",
    "openssl-certonly.p12",
    "openssl-chain.p12",
    "openssl-default.p12",
    "openssl-ed25519.p12",
    "openssl-emptypw.p12",
    "openssl-expired.p12",
    "openssl-iter600k.p12",
    "openssl-keyonly.p12",
    "openssl-legacy.p12",
    "openssl-noenc.p12",
    "openssl-nomac.p12",
    "openssl-p256.p12",
    "openssl-rsa1024.p12",
    "openssl-rsa4096.p12",
    "openssl-sha384mac.p12",
    "openssl-sha512mac.p12",
    "openssl-unicode.p12",
    "p256.crt",
    "p256.key",
    "python-best.p12",
    "python-legacy.p12",
    "python-noenc.p12",
    "rsa1024.crt",
    "rsa1024.key",
    "rsa2048.crt",
    "rsa2048.der",
    "rsa2048.key",
    "rsa4096.crt",
    "rsa4096.key",
];

fn file(name: &str) -> &'static [u8] {
    CORPUS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| *b)
        .unwrap_or_else(|| panic!("{name}"))
}

fn expected() -> serde_json::Map<String, Value> {
    let text = include_str!("fixtures/certs/expected.json");
    serde_json::from_str::<Value>(text)
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

fn inspect(names: &[&str], password: &str) -> Value {
    let files: Vec<&[u8]> = names.iter().map(|n| file(n)).collect();
    let now = (js_sys::Date::now() / 1000.0) as i64;
    serde_json::from_str(&certificate::report_json(&certificate::open(
        &files, password, now,
    )))
    .unwrap()
}

/// openssl's `Nov 26 19:00:37 2026 GMT` as RFC 3339.
fn rfc3339(openssl: &str) -> String {
    let p: Vec<&str> = openssl.split_whitespace().collect();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = months.iter().position(|m| *m == p[0]).unwrap() + 1;
    format!(
        "{}-{month:02}-{:02}T{}Z",
        p[3],
        p[1].parse::<u32>().unwrap(),
        p[2]
    )
}

fn check(label: &str, report: &Value, want: &Value) {
    assert_eq!(report["ok"], true, "{label}: {report}");
    for key in [
        "subject",
        "issuer",
        "serial",
        "sha1_thumbprint",
        "sha256_thumbprint",
        "key_algorithm",
        "key_bits",
    ] {
        assert_eq!(report[key], want[key], "{label}: {key}");
    }
    for key in ["not_before", "not_after"] {
        assert_eq!(
            report[key].as_str().unwrap(),
            rfc3339(want[key].as_str().unwrap()),
            "{label}: {key}"
        );
    }
    if report["key_algorithm"] != "ed25519" {
        assert_eq!(report["key_matches"], true, "{label}: key match");
    }
}

#[wasm_bindgen_test]
fn every_fixture_gives_its_summary_in_webassembly() {
    let all = expected();
    let mut checked = 0;
    for (name, want) in &all {
        if want.get("subject").is_none() || name.contains("certonly") || name == "keytool.crt" {
            continue;
        }
        let password = want["password"].as_str().unwrap();
        let report = match name.strip_suffix(".crt") {
            Some(stem) => inspect(&[name, &format!("{stem}.key")], password),
            None => inspect(&[name], password),
        };
        check(name, &report, want);
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} fixtures checked");
}

#[wasm_bindgen_test]
fn key_encodings_and_errors_match_in_webassembly() {
    let all = expected();
    let rsa = &all["rsa2048.crt"];
    for key in [
        "key-pkcs8.pem",
        "key-pkcs8.der",
        "key-pkcs8-pbes2.pem",
        "key-pkcs8-scrypt.pem",
        "key-pkcs8-pbes1.pem",
        "key-pkcs1.pem",
        "key-pkcs1-dekinfo.pem",
    ] {
        check(
            key,
            &inspect(&["rsa2048.crt", key], "Fixture-Passw0rd"),
            rsa,
        );
    }
    check(
        "sec1",
        &inspect(&["p256.crt", "key-sec1.pem"], ""),
        &all["p256.crt"],
    );
    let errors = [
        (inspect(&["openssl-default.p12"], "wrong"), "wrong_password"),
        (
            inspect(&["openssl-keyonly.p12"], "Fixture-Passw0rd"),
            "no_certificate",
        ),
        (
            inspect(&["openssl-certonly.p12"], "Fixture-Passw0rd"),
            "no_private_key",
        ),
        (inspect(&["keytool.crt"], ""), "no_private_key"),
    ];
    for (report, code) in errors {
        assert_eq!(report["ok"], false);
        assert_eq!(report["error"], code, "{report}");
    }
}
