//! A generated certificate checked by OpenSSL: the to-be-signed part built
//! here, signed by `openssl dgst` with a fixed key (RSA PKCS#1 v1.5 is
//! deterministic, standing in for WebCrypto), assembled here, then read by
//! `openssl x509 -text`, verified against itself, opened by our reader with
//! its key, and written into a .pfx that OpenSSL and Python open.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use certificate::generate::{CertificateRequest, assemble, check_private_key, to_be_signed};
use certificate::{Encryption, open};
use std::path::PathBuf;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/certs/corpus")
        .join(name)
}

mod common;
use common::{run_bytes as run, temp};

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

/// The corpus key's public half, as WebCrypto exports it (SPKI DER).
fn spki() -> Vec<u8> {
    run(
        "openssl",
        &[
            "pkey",
            "-in",
            path(&corpus("rsa2048.key")),
            "-pubout",
            "-outform",
            "DER",
        ],
    )
}

/// A certificate for `name`, signed with the corpus key by OpenSSL.
fn generate(name: &str, serial: [u8; 16], now: i64) -> Vec<u8> {
    let request = CertificateRequest {
        common_name: name.into(),
        serial,
        now,
        years: 2,
    };
    let tbs = to_be_signed(&request, &spki()).unwrap();
    let tbs_file = temp(&format!("{}.tbs", serial[1]), &tbs);
    let signature = run(
        "openssl",
        &[
            "dgst",
            "-sha256",
            "-sign",
            path(&corpus("rsa2048.key")),
            path(&tbs_file),
        ],
    );
    assemble(&tbs, &signature).unwrap()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[test]
fn openssl_reads_every_field_and_verifies_the_signature() {
    let der = generate(
        "Veeam Backup for Microsoft 365 - contoso",
        [0xAB; 16],
        now(),
    );
    let der_file = temp("cert.der", &der);
    let text = String::from_utf8(run(
        "openssl",
        &[
            "x509",
            "-inform",
            "DER",
            "-in",
            path(&der_file),
            "-noout",
            "-text",
        ],
    ))
    .unwrap();
    for expected in [
        "Version: 3 (0x2)",
        "Signature Algorithm: sha256WithRSAEncryption",
        "Issuer: CN = Veeam Backup for Microsoft 365 - contoso",
        "Subject: CN = Veeam Backup for Microsoft 365 - contoso",
        "Public-Key: (2048 bit)",
        "X509v3 Basic Constraints: critical",
        "CA:FALSE",
        "X509v3 Key Usage: critical",
        "Digital Signature, Key Encipherment",
        "X509v3 Extended Key Usage: \n                TLS Web Client Authentication",
        "X509v3 Subject Key Identifier",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }
    // Serial: 16 bytes, positive (first byte 0x6B from 0xAB).
    assert!(
        text.contains("6b:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab"),
        "{text}"
    );

    let pem = run(
        "openssl",
        &["x509", "-inform", "DER", "-in", path(&der_file)],
    );
    let pem_file = temp("cert.pem", &pem);
    let verified = String::from_utf8(run(
        "openssl",
        &["verify", "-CAfile", path(&pem_file), path(&pem_file)],
    ))
    .unwrap();
    assert!(verified.contains(": OK"), "{verified}");
}

#[test]
fn our_reader_opens_it_with_its_key_and_finds_nothing_wrong() {
    let now = now();
    let der = generate("app.contoso.onmicrosoft.com", [7; 16], now);
    let key = std::fs::read(corpus("rsa2048.key")).unwrap();
    let opened = open(&[&der, &key], "", now).unwrap();
    assert_eq!(opened.summary.subject, "CN=app.contoso.onmicrosoft.com");
    assert_eq!(opened.summary.issuer, "CN=app.contoso.onmicrosoft.com");
    assert_eq!(opened.summary.key_bits, Some(2048));
    assert_eq!(opened.summary.key_matches, Some(true));
    assert!(opened.findings.is_empty(), "{:?}", opened.findings);
    // Valid from five minutes ago for two years.
    assert_eq!(opened.summary.not_before, now - 300);
    let years = (opened.summary.not_after - opened.summary.not_before) as f64 / 86_400.0 / 365.25;
    assert!((years - 2.0).abs() < 0.01, "{years}");

    // The .pfx the server would receive opens in OpenSSL and Python.
    let pfx = opened
        .to_pfx("Generated-Pw", Encryption::Compatible, &mut |b| b.fill(9))
        .unwrap();
    let pfx_file = temp("generated.pfx", &pfx);
    let info = String::from_utf8(run(
        "openssl",
        &[
            "pkcs12",
            "-in",
            path(&pfx_file),
            "-passin",
            "pass:Generated-Pw",
            "-nodes",
            "-legacy",
        ],
    ))
    .unwrap();
    assert!(
        info.contains("subject=CN = app.contoso.onmicrosoft.com"),
        "{info}"
    );
    assert!(info.contains("BEGIN PRIVATE KEY"));
    let script = "import sys\nfrom cryptography.hazmat.primitives.serialization import pkcs12\nk, c, _ = pkcs12.load_key_and_certificates(open(sys.argv[1], 'rb').read(), b'Generated-Pw')\nprint(c.subject.rfc4514_string(), k.key_size)";
    let python = String::from_utf8(run("python3", &["-c", script, path(&pfx_file)])).unwrap();
    assert!(
        python.contains("CN=app.contoso.onmicrosoft.com 2048"),
        "{python}"
    );
}

#[test]
fn two_generations_never_share_a_serial() {
    let a = generate("app", [1; 16], now());
    let b = generate("app", [2; 16], now());
    let key = std::fs::read(corpus("rsa2048.key")).unwrap();
    let serial = |der: &[u8]| open(&[der, &key], "", now()).unwrap().summary.serial;
    assert_ne!(serial(&a), serial(&b));
    assert_eq!(serial(&a).len(), 32, "16 bytes in hex");
}

#[test]
fn the_exported_private_key_must_be_rsa() {
    let der = |name: &str| {
        run(
            "openssl",
            &[
                "pkcs8",
                "-topk8",
                "-nocrypt",
                "-in",
                path(&corpus(name)),
                "-outform",
                "DER",
            ],
        )
    };
    assert_eq!(check_private_key(&der("rsa2048.key")), Ok(()));
    assert!(check_private_key(&der("p256.key")).is_err());
}
