//! Every file in the corpus (made by OpenSSL, keytool and Python
//! cryptography; expected values read back by `openssl` at generation time)
//! gives its expected summary or its expected error.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use std::path::PathBuf;

use certificate::{Error, Opened, UnixTime, open};
use serde_json::Value;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certs")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(corpus().join("corpus").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(corpus().join("expected.json")).unwrap();
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

fn password(name: &str) -> String {
    expected()[name]["password"].as_str().unwrap().to_string()
}

/// openssl's `Nov 26 19:00:37 2026 GMT` as Unix seconds.
fn openssl_date(text: &str) -> UnixTime {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == parts[0])
    .unwrap() as i64
        + 1;
    let day: i64 = parts[1].parse().unwrap();
    let hms: Vec<i64> = parts[2].split(':').map(|p| p.parse().unwrap()).collect();
    let year: i64 = parts[3].parse().unwrap();
    // Days from civil, as in the crate but written independently here.
    let (y, m) = if month <= 2 {
        (year - 1, month + 12)
    } else {
        (year, month)
    };
    let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + day - 719_469;
    days * 86_400 + hms[0] * 3_600 + hms[1] * 60 + hms[2]
}

/// The corpus was generated at the rsa2048 certificate's start: judging at
/// a fixed moment keeps "expires within 30 days" stable as the files age.
fn generation_time() -> UnixTime {
    openssl_date(expected()["rsa2048.crt"]["not_before"].as_str().unwrap()) + 60
}

fn open_files(names: &[&str], password: &str) -> Result<Opened, Error> {
    let files: Vec<Vec<u8>> = names.iter().map(|n| read(n)).collect();
    let slices: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    open(&slices, password, generation_time())
}

/// Findings the file names promise.
fn expected_findings(subject: &str) -> Vec<&'static str> {
    match subject.rsplit("wizard-fixture-").next().unwrap() {
        "expired" => vec!["expired"],
        "not-yet-valid" => vec!["not_yet_valid"],
        "expires-soon" => vec!["expires_soon"],
        "rsa1024" => vec!["rsa_too_small"],
        "p256" | "ed25519" => vec!["key_not_rsa"],
        _ => vec![],
    }
}

fn check_summary(label: &str, opened: &Opened, want: &Value) {
    let s = &opened.summary;
    let text = |k: &str| want[k].as_str().unwrap().to_string();
    assert_eq!(s.subject, text("subject"), "{label}: subject");
    assert_eq!(s.issuer, text("issuer"), "{label}: issuer");
    assert_eq!(s.serial, text("serial"), "{label}: serial");
    assert_eq!(
        s.not_before,
        openssl_date(&text("not_before")),
        "{label}: not_before"
    );
    assert_eq!(
        s.not_after,
        openssl_date(&text("not_after")),
        "{label}: not_after"
    );
    assert_eq!(s.sha1_thumbprint, text("sha1_thumbprint"), "{label}: sha1");
    assert_eq!(
        s.sha256_thumbprint,
        text("sha256_thumbprint"),
        "{label}: sha256"
    );
    assert_eq!(
        s.key_algorithm.name(),
        text("key_algorithm"),
        "{label}: algorithm"
    );
    assert_eq!(
        s.key_bits.map(u64::from),
        want["key_bits"].as_u64(),
        "{label}: bits"
    );
    if s.key_algorithm.name() == "ed25519" {
        // OpenSSL writes Ed25519 keys as PKCS#8 v1, without the public half.
        assert_ne!(s.key_matches, Some(false), "{label}: key match");
    } else {
        assert_eq!(s.key_matches, Some(true), "{label}: key match");
    }
    let codes: Vec<&str> = opened.findings.iter().map(|f| f.code()).collect();
    assert_eq!(codes, expected_findings(&s.subject), "{label}: findings");
}

#[test]
fn every_pkcs12_file_gives_its_summary() {
    let mut checked = 0;
    for (name, want) in expected() {
        if !name.ends_with(".p12") || want.get("subject").is_none() || name.contains("certonly") {
            continue;
        }
        let opened =
            open_files(&[&name], &password(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_summary(&name, &opened, &want);
        let chain = if name.contains("chain") { 2 } else { 1 };
        assert_eq!(
            opened.summary.certificates, chain,
            "{name}: certificate count"
        );
        assert!(
            opened.original_pfx().is_some(),
            "{name}: the user's own .pfx is kept"
        );
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} PKCS#12 files checked");
}

#[test]
fn every_certificate_with_its_key_file_gives_its_summary() {
    let all = expected();
    let mut checked = 0;
    for (name, want) in &all {
        let Some(stem) = name.strip_suffix(".crt") else {
            continue;
        };
        let key = format!("{stem}.key");
        if !all.contains_key(&key) {
            continue;
        }
        let opened = open_files(&[name, &key], "").unwrap_or_else(|e| panic!("{name}: {e}"));
        check_summary(name, &opened, want);
        assert!(opened.original_pfx().is_none());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} certificate files checked");
}

#[test]
fn every_key_encoding_opens_with_its_certificate() {
    let all = expected();
    let cases: &[(&[&str], &str)] = &[
        (&["rsa2048.crt", "key-pkcs8.pem"], "rsa2048.crt"),
        (&["rsa2048.crt", "key-pkcs8.der"], "rsa2048.crt"),
        (&["rsa2048.crt", "key-pkcs8-pbes2.pem"], "rsa2048.crt"),
        (&["rsa2048.crt", "key-pkcs8-scrypt.pem"], "rsa2048.crt"),
        (&["rsa2048.crt", "key-pkcs8-pbes1.pem"], "rsa2048.crt"),
        (&["rsa2048.crt", "key-pkcs1.pem"], "rsa2048.crt"),
        (&["rsa2048.crt", "key-pkcs1-dekinfo.pem"], "rsa2048.crt"),
        (&["key-pkcs8.pem", "rsa2048.der"], "rsa2048.crt"),
        (&["cert-and-key.pem"], "rsa2048.crt"),
        (&["p256.crt", "key-sec1.pem"], "p256.crt"),
    ];
    for (files, cert) in cases {
        let pw = files
            .iter()
            .map(|f| password(f))
            .find(|p| !p.is_empty())
            .unwrap_or_default();
        let opened = open_files(files, &pw).unwrap_or_else(|e| panic!("{files:?}: {e}"));
        check_summary(&format!("{files:?}"), &opened, &all[*cert]);
    }
}

#[test]
fn each_problem_file_gives_its_error() {
    let cases: &[(&[&str], &str, Error)] = &[
        (
            &["openssl-keyonly.p12"],
            "Fixture-Passw0rd",
            Error::NoCertificate,
        ),
        (&["key-pkcs8.pem"], "", Error::NoCertificate),
        (
            &["keytool.crt"],
            "",
            Error::NoPrivateKey {
                subject: "CN=wizard-fixture-keytool".into(),
            },
        ),
        (
            &["openssl-certonly.p12"],
            "Fixture-Passw0rd",
            Error::NoPrivateKey {
                subject: "O=Contoso,CN=wizard-fixture-rsa2048".into(),
            },
        ),
        (
            &["openssl-default.p12"],
            "",
            Error::WrongPassword { blank: true },
        ),
    ];
    for (files, pw, want) in cases {
        assert_eq!(open_files(files, pw).unwrap_err(), *want, "{files:?}");
    }
}

#[test]
fn a_wrong_password_is_named_for_every_protected_file() {
    let mut checked = 0;
    for (name, want) in expected() {
        let protected = !want["password"].as_str().unwrap().is_empty()
            && (name.ends_with(".p12")
                || name.contains("pbes")
                || name.contains("scrypt")
                || name.contains("dekinfo"));
        if !protected {
            continue;
        }
        let mut files = vec![name.as_str()];
        if name.starts_with("key-") {
            files.insert(0, "rsa2048.crt");
        }
        let err = open_files(&files, "not-the-password").unwrap_err();
        assert_eq!(err, Error::WrongPassword { blank: false }, "{name}");
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} protected files checked");
}

#[test]
fn a_key_from_another_certificate_is_a_mismatch() {
    let opened = open_files(&["rsa2048.crt", "rsa4096.key"], "").unwrap();
    assert_eq!(opened.summary.key_matches, Some(false));
    assert_eq!(opened.findings[0].code(), "key_mismatch");
    assert!(opened.blocked());
    assert!(opened.original_pfx().is_none());
}

#[test]
fn a_chain_picks_the_certificate_that_matches_the_key() {
    // The CA comes first in this order; the key belongs to the leaf.
    let opened = open_files(&["ca.crt", "leaf.crt", "leaf.key"], "").unwrap();
    assert_eq!(opened.summary.subject, "CN=wizard-fixture-leaf");
    assert_eq!(opened.summary.certificates, 2);
}

#[test]
fn other_inputs_get_their_own_errors() {
    let now = generation_time();
    assert_eq!(
        open(&[b"hello, world"], "", now).unwrap_err(),
        Error::NotCertificateFile
    );
    assert_eq!(
        open(&[b""], "", now).unwrap_err(),
        Error::NotCertificateFile
    );
    let big = vec![0x30u8; certificate::MAX_FILE_BYTES + 1];
    assert!(matches!(
        open(&[&big], "", now).unwrap_err(),
        Error::TooLarge { .. }
    ));
    // A .pfx saved as Base64 text still opens.
    let text = certificate::base64::encode(&read("openssl-default.p12"));
    assert!(open(&[text.as_bytes()], "Fixture-Passw0rd", now).is_ok());
}

#[test]
fn the_inspect_example_prints_one_json_object() {
    let corpus = corpus().join("corpus");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO"))
            .args([
                "run",
                "--quiet",
                "-p",
                "certificate",
                "--example",
                "inspect",
                "--",
            ])
            .args(args)
            .current_dir(&corpus)
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let ok = run(&["openssl-default.p12", "--password", "Fixture-Passw0rd"]);
    assert_eq!(ok["ok"], true);
    assert_eq!(
        ok["sha1_thumbprint"],
        expected()["openssl-default.p12"]["sha1_thumbprint"]
    );
    assert_eq!(ok["key_algorithm"], "rsa");
    assert_eq!(ok["key_bits"], 2048);
    let pem = run(&[
        "rsa2048.crt",
        "--key",
        "key-pkcs8-pbes2.pem",
        "--password",
        "Fixture-Passw0rd",
    ]);
    assert_eq!(pem["key_matches"], true);
    let failed = run(&["openssl-default.p12", "--password", "nope"]);
    assert_eq!(failed["ok"], false);
    assert_eq!(failed["error"], "wrong_password");
}

/// The browser's way: PBKDF2 answered from outside (here by the `pbkdf2`
/// crate, standing in for WebCrypto), and, with `pkcs12_from`, long
/// PKCS#12 derivations too (as the worker's helpers would), in passes.
fn open_in_passes(
    names: &[&str],
    password: &str,
    pkcs12_from: Option<u32>,
) -> (Result<Opened, Error>, usize) {
    let files: Vec<Vec<u8>> = names.iter().map(|n| read(n)).collect();
    let slices: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    let mut memo = certificate::Memo::default();
    let defer = certificate::Defer {
        pbkdf2: true,
        pkcs12_from,
    };
    for pass in 1..10 {
        match certificate::open_pass(&slices, password, generation_time(), &mut memo, defer) {
            certificate::Pass::Done(result) => return (*result, pass),
            certificate::Pass::Needs(missing) => {
                for r in missing.pbkdf2 {
                    let mut out = vec![0u8; r.len];
                    match r.hash {
                        "SHA-1" => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(
                            &r.password,
                            &r.salt,
                            r.iterations,
                            &mut out,
                        ),
                        "SHA-256" => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
                            &r.password,
                            &r.salt,
                            r.iterations,
                            &mut out,
                        ),
                        other => panic!("unexpected hash {other}"),
                    }
                    memo.answer(&r, out);
                }
                for r in missing.pkcs12 {
                    assert!(
                        pkcs12_from.is_some_and(|from| r.iterations >= from),
                        "{r:?}"
                    );
                    let out = certificate::compute_pkcs12(
                        r.hash,
                        &r.password,
                        &r.salt,
                        r.id,
                        r.iterations,
                        r.len,
                    )
                    .unwrap();
                    memo.answer_pkcs12(&r, out);
                }
            }
        }
    }
    panic!("{names:?}: no end to the passes");
}

/// The same answer, whichever way the passes went.
fn assert_same(names: &[&str], a: Result<Opened, Error>, b: Result<Opened, Error>) {
    match (a, b) {
        (Ok(a), Ok(b)) => assert_eq!(a.summary, b.summary, "{names:?}"),
        (Err(a), Err(b)) => assert_eq!(a, b, "{names:?}"),
        (a, b) => panic!(
            "{names:?}: {:?} vs {:?}",
            a.map(|o| o.summary),
            b.map(|o| o.summary)
        ),
    }
}

#[test]
fn passes_with_outside_pkcs12_derivations_give_the_same_answers() {
    // Every derivation deferred (from one round up), for every PKCS#12
    // file of the corpus, with its password and with a wrong one.
    let mut names: Vec<String> = expected()
        .keys()
        .filter(|n| n.ends_with(".p12") || n.ends_with(".pfx"))
        .cloned()
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    for name in &names {
        for password in [password(name), "wrong".to_owned()] {
            let (deferred, passes) = open_in_passes(&[name], &password, Some(1));
            assert_same(&[name], deferred, open_files(&[name], &password));
            // The MAC, then each encrypted part, then the final pass.
            assert!(passes <= 5, "{name}: {passes} passes");
        }
    }
    // A deferred pass reads on past what its stand-in keys spoil, so the
    // MAC and every part of a legacy file are asked for at once, and
    // derived side by side: one pass asks, the next opens.
    for name in ["nss-legacy.p12", "openssl-legacy.p12", "python-legacy.p12"] {
        let (opened, passes) = open_in_passes(&[name], &password(name), Some(1));
        assert!(opened.is_ok(), "{name}");
        assert_eq!(passes, 2, "{name}");
    }
}

#[test]
fn passes_with_outside_pbkdf2_give_the_same_answers() {
    let cases: &[(&[&str], &str)] = &[
        (&["openssl-default.p12"], "Fixture-Passw0rd"),
        (&["openssl-iter600k.p12"], "Fixture-Passw0rd"),
        (&["nss-firefox.p12"], "Fixture-Passw0rd"),
        (&["openssl-legacy.p12"], "Fixture-Passw0rd"),
        (&["rsa2048.crt", "key-pkcs8-pbes2.pem"], "Fixture-Passw0rd"),
        (&["openssl-default.p12"], "wrong"),
    ];
    for (names, password) in cases {
        let (passes_result, passes) = open_in_passes(names, password, None);
        assert_same(names, passes_result, open_files(names, password));
        // One pass per encrypted part at most, plus the final one.
        assert!(passes <= 4, "{names:?}: {passes} passes");
    }
}
