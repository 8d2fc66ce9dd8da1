//! The certificate in an app-only body: it must open with its password,
//! hold a key, be standard Base64, and satisfy Microsoft.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn the_certificate_must_open_with_its_password_and_hold_a_key() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let refusals = [
        (
            certificate_body("openssl-default.p12", "wrong"),
            "password does not open",
        ),
        (
            certificate_body("openssl-certonly.p12", "Fixture-Passw0rd"),
            "not its private key",
        ),
        (
            certificate_body("cert-and-key.pem", ""),
            "must be a PKCS#12 (.pfx)",
        ),
    ];
    for (body, words) in refusals {
        let (status, reply) = sim.add("v8", &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{reply}");
        let message = reply["message"].as_str().unwrap();
        assert!(message.contains(words), "{message}");
        assert!(!message.contains("Fixture-Passw0rd"), "{message}");
    }
    let (status, reply) = sim
        .add(
            "v8",
            &token,
            &certificate_body("openssl-default.p12", "Fixture-Passw0rd"),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert_eq!(count_v8(&sim, &token).await, 1);
}

/// The server decodes with .NET's strict Base64: a page that sent URL-safe,
/// unpadded or wrapped text must fail here, not only against a real server.
#[tokio::test]
async fn the_certificate_must_be_standard_padded_base64() {
    // Its length is not a multiple of three, so the standard form is padded.
    let file = "openssl-chain.p12";
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let standard = certificate::base64::encode(&corpus_file(file));
    let url_safe = standard.replace('+', "-").replace('/', "_");
    let unpadded = standard.trim_end_matches('=').to_owned();
    let wrapped = standard
        .as_bytes()
        .chunks(64)
        .map(|line| std::str::from_utf8(line).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let with = |text: &str| {
        let mut body = certificate_body(file, "Fixture-Passw0rd");
        for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
            body[key]["applicationCertificate"] = json!(text);
        }
        body
    };
    for (name, text) in [
        ("url-safe", url_safe),
        ("unpadded", unpadded),
        ("wrapped", wrapped),
    ] {
        assert_ne!(
            text, standard,
            "{name}: the fixture must tell the forms apart"
        );
        let (status, reply) = sim.add("v8", &token, &with(&text)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {reply}");
        let message = reply["message"].as_str().unwrap();
        assert!(message.contains("not valid Base64"), "{name}: {message}");
    }
    assert_eq!(count_v8(&sim, &token).await, 0);
    // The same file in the standard form is taken: only the encoding was wrong.
    let (status, reply) = sim.add("v8", &token, &with(&standard)).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
}

#[tokio::test]
async fn application_only_bodies_are_accepted_on_every_version() {
    let sim = Sim::start().await;
    for (version, exchange, sharepoint) in
        [("v6", true, false), ("v7", false, true), ("v8", true, true)]
    {
        let token = sim.sign_in(version).await;
        let mut body = app_only_body(exchange, sharepoint);
        // One organization per version: duplicates are refused by name.
        let name = format!("apponly-{version}.onmicrosoft.com");
        for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
            if body[key].is_object() {
                body[key]["officeOrganizationName"] = json!(name);
            }
        }
        let (status, created) = sim.add(version, &token, &body).await;
        assert!(status.is_success(), "{version}: {created}");
        assert_eq!(
            created["name"],
            name.as_str(),
            "the organization name names it"
        );
        let echoed = created.to_string();
        for secret in [
            "\"applicationCertificate\"",
            "applicationCertificatePassword",
            "Fixture-Passw0rd",
        ] {
            assert!(!echoed.contains(secret), "no secret echoed: {secret}");
        }
        let (status, again) = sim.add(version, &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            again["message"].as_str().unwrap().contains("already"),
            "{again}"
        );
    }
}

/// A refusal case: what is wrong, how the body is changed, what the message says.
type Refusal = (&'static str, fn(&mut Value), &'static str);

#[tokio::test]
async fn application_only_refusals_name_what_is_wrong() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let cases: Vec<Refusal> = vec![
        (
            "a secret",
            |b| b["exchangeOnlineSettings"]["applicationSecret"] = json!("x~y"),
            "needs applicationCertificate",
        ),
        (
            "no certificate",
            |b| {
                b["exchangeOnlineSettings"]
                    .as_object_mut()
                    .unwrap()
                    .remove("applicationCertificate");
            },
            "applicationCertificate is required",
        ),
        (
            "a wrong password",
            |b| b["exchangeOnlineSettings"]["applicationCertificatePassword"] = json!("nope"),
            "cannot be opened",
        ),
        (
            "no application",
            |b| {
                b["exchangeOnlineSettings"]
                    .as_object_mut()
                    .unwrap()
                    .remove("applicationId");
            },
            "applicationId is required",
        ),
        (
            "a bad application ID",
            |b| b["exchangeOnlineSettings"]["applicationId"] = json!("0b5f2a4e"),
            "not a valid GUID",
        ),
        (
            "neither account nor name",
            |b| {
                let s = b["exchangeOnlineSettings"].as_object_mut().unwrap();
                s.remove("account");
                s.remove("officeOrganizationName");
            },
            "account or officeOrganizationName is required",
        ),
        (
            "a name that is not a domain",
            |b| b["exchangeOnlineSettings"]["officeOrganizationName"] = json!("contoso"),
            "not a domain",
        ),
        (
            "SharePoint alone without the name",
            |b| {
                *b = app_only_body(false, true);
                b["sharePointOnlineSettings"]
                    .as_object_mut()
                    .unwrap()
                    .remove("officeOrganizationName");
                b["sharePointOnlineSettings"]["account"] = json!("a@apponly.onmicrosoft.com");
            },
            "officeOrganizationName is required",
        ),
    ];
    for (what, change, words) in cases {
        let mut body = app_only_body(true, false);
        change(&mut body);
        let (status, answer) = sim.add("v8", &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {answer}");
        let message = answer["message"].as_str().unwrap();
        assert!(message.contains(words), "{what}: {message}");
    }
}

/// What Microsoft would answer the server for a certificate it cannot sign
/// in with, with the thumbprint of the certificate sent.
#[tokio::test]
async fn microsoft_refuses_expired_and_weak_keys() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    for (file, reason) in [
        ("openssl-expired.p12", "[Reason - The key used is expired."),
        (
            "openssl-rsa1024.p12",
            "[Reason - RSA key size 1024 is less than the minimum required 2048 bits.",
        ),
    ] {
        let bytes = corpus_file(file);
        let thumbprint = certificate::open(&[&bytes], "Fixture-Passw0rd", 0)
            .unwrap()
            .summary
            .sha1_thumbprint;
        let (status, reply) = sim
            .add("v8", &token, &certificate_body(file, "Fixture-Passw0rd"))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{file}: {reply}");
        let message = reply["message"].as_str().unwrap();
        assert!(
            message.contains("AADSTS700027: Client assertion contains an invalid signature."),
            "{message}"
        );
        assert!(message.contains(reason), "{file}: {message}");
        assert!(
            message.contains(&format!("Thumbprint of key used by client: '{thumbprint}'")),
            "{message}"
        );
        assert!(message.contains("Trace ID: "), "{message}");
    }
    assert_eq!(count_v8(&sim, &token).await, 0);
}
