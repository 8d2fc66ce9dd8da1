//! The .pfx and .cer the wizard writes open in the tools that matter: OpenSSL
//! 3 (what the tests can run of Windows' requirements: the same algorithms),
//! Python cryptography, and this crate's own reader.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use std::path::PathBuf;

use certificate::{Encryption, Opened, open};

/// January 2027: inside every non-edge fixture's validity.
const NOW: i64 = 1_800_000_000;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/certs/corpus")
        .join(name);
    std::fs::read(path).unwrap()
}

fn opened(names: &[&str]) -> Opened {
    let files: Vec<Vec<u8>> = names.iter().map(|n| fixture(n)).collect();
    let slices: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    open(&slices, "", NOW).unwrap()
}

/// A deterministic stand-in for `crypto.getRandomValues`.
fn seeded() -> impl FnMut(&mut [u8]) {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    move |buf: &mut [u8]| {
        for b in buf {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *b = state as u8;
        }
    }
}

mod common;
use common::{run, temp};

fn openssl_thumbprint(pfx: &std::path::Path, password: &str) -> String {
    let pem = run(
        "openssl",
        &[
            "pkcs12",
            "-in",
            pfx.to_str().unwrap(),
            "-passin",
            &format!("pass:{password}"),
            "-nokeys",
            "-clcerts",
        ],
    );
    let pem_path = temp("leaf.pem", pem.as_bytes());
    let out = run(
        "openssl",
        &[
            "x509",
            "-in",
            pem_path.to_str().unwrap(),
            "-noout",
            "-fingerprint",
            "-sha1",
        ],
    );
    out.trim().rsplit('=').next().unwrap().replace(':', "")
}

fn python_reads(pfx: &std::path::Path, password: &str) -> String {
    let script = "import sys\nfrom cryptography.hazmat.primitives import hashes\nfrom cryptography.hazmat.primitives.serialization import pkcs12\nk, c, extra = pkcs12.load_key_and_certificates(open(sys.argv[1], 'rb').read(), sys.argv[2].encode())\nassert k.public_key().public_numbers() == c.public_key().public_numbers()\nprint(c.fingerprint(hashes.SHA1()).hex().upper(), len(extra))";
    run("python3", &["-c", script, pfx.to_str().unwrap(), password])
        .trim()
        .to_string()
}

#[test]
fn written_pfx_opens_in_openssl_python_and_here() {
    let source = opened(&["cert-and-key.pem"]);
    let thumbprint = source.summary.sha1_thumbprint.clone();
    for (encryption, algorithms) in [
        (
            Encryption::Compatible,
            ["pbeWithSHA1And3-KeyTripleDES-CBC", "MAC: sha1"],
        ),
        (Encryption::Aes256, ["AES-256-CBC", "MAC: sha256"]),
    ] {
        for password in ["Wizard-Export-1", "Pässwörd-日本-🔑"] {
            let pfx = source.to_pfx(password, encryption, &mut seeded()).unwrap();
            let path = temp("out.pfx", &pfx);
            let info = run(
                "openssl",
                &[
                    "pkcs12",
                    "-in",
                    path.to_str().unwrap(),
                    "-passin",
                    &format!("pass:{password}"),
                    "-info",
                    "-noout",
                ],
            );
            for algorithm in algorithms {
                assert!(
                    info.contains(algorithm),
                    "{encryption:?}: {algorithm} missing in {info}"
                );
            }
            assert_eq!(
                openssl_thumbprint(&path, password),
                thumbprint,
                "{encryption:?}"
            );
            assert_eq!(
                python_reads(&path, password),
                format!("{thumbprint} 0"),
                "{encryption:?}"
            );
            let again = open(&[&pfx], password, NOW).unwrap();
            assert_eq!(again.summary, source.summary, "{encryption:?}");
            assert_eq!(
                open(&[&pfx], "wrong", NOW).unwrap_err().code(),
                "wrong_password"
            );
        }
    }
}

#[test]
fn written_pfx_keeps_the_chain() {
    let source = opened(&["ca.crt", "leaf.crt", "leaf.key"]);
    let pfx = source
        .to_pfx("chain", Encryption::default(), &mut seeded())
        .unwrap();
    let path = temp("chain.pfx", &pfx);
    let reply = python_reads(&path, "chain");
    assert!(
        reply.ends_with(" 1"),
        "one extra certificate expected: {reply}"
    );
    assert_eq!(open(&[&pfx], "chain", NOW).unwrap().summary.certificates, 2);
}

#[test]
fn the_cer_is_the_certificate_in_der() {
    let source = opened(&["rsa2048.crt", "key-pkcs8.pem"]);
    let path = temp("azure.cer", source.cer());
    let out = run(
        "openssl",
        &[
            "x509",
            "-inform",
            "DER",
            "-in",
            path.to_str().unwrap(),
            "-noout",
            "-fingerprint",
            "-sha1",
        ],
    );
    assert_eq!(
        out.trim().rsplit('=').next().unwrap().replace(':', ""),
        source.summary.sha1_thumbprint
    );
    assert_eq!(source.cer(), fixture("rsa2048.der"));
}
