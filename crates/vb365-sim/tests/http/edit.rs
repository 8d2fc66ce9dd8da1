//! `PUT /v{N}/Organizations/{id}` ("Edit Organization"): renewing, what an
//! edit may not change, and its faults.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;
use vb365_sim::Config;

/// The server keeps a certificate's thumbprint, and an edit that gives a new
/// certificate replaces it; every version, the answers without secrets.
#[tokio::test]
async fn an_edit_renews_the_certificate_and_the_server_keeps_its_thumbprint() {
    let sim = Sim::start().await;
    for version in ["v6", "v7", "v8"] {
        let token = sim.sign_in(version).await;
        let name = format!("renew-{version}.onmicrosoft.com");
        let (status, created) = sim
            .add(
                version,
                &token,
                &app_only_with(&name, "openssl-default.p12"),
            )
            .await;
        assert!(status.is_success(), "{created}");
        let id = created["id"].as_str().unwrap();
        let (status, read) = sim.get_one(version, &token, id).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            read["exchangeOnlineSettings"]["applicationCertificateThumbprint"],
            thumbprint_of("openssl-default.p12")
        );

        let (status, text) = sim
            .put(
                version,
                &token,
                id,
                &app_only_with(&name, "openssl-rsa4096.p12"),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{text}");
        assert_eq!(text, "");
        let (_, read) = sim.get_one(version, &token, id).await;
        let new = thumbprint_of("openssl-rsa4096.p12");
        assert_ne!(new, thumbprint_of("openssl-default.p12"));
        assert_eq!(
            read["exchangeOnlineSettings"]["applicationCertificateThumbprint"],
            new.as_str()
        );
        assert_eq!(
            read["sharePointOnlineSettings"]["applicationCertificateThumbprint"],
            new.as_str()
        );
        assert_eq!(read["id"], id);
        assert_eq!(read["name"], name.as_str());
        assert!(!read.to_string().contains("Fixture-Passw0rd"));
    }
}

/// What an edit may not do: become another organization, leave app-only,
/// register a new application; and an unknown id is 404.
#[tokio::test]
async fn an_edit_keeps_the_identity_and_app_only() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v7").await;
    let name = "kept.onmicrosoft.com";
    let (_, created) = sim
        .add("v7", &token, &app_only_with(name, "openssl-default.p12"))
        .await;
    let id = created["id"].as_str().unwrap();

    let (status, text) = sim
        .put(
            "v7",
            &token,
            id,
            &app_only_with("other.onmicrosoft.com", "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("cannot become another one"), "{text}");

    let mut legacy = valid_body();
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        legacy[key] = legacy_settings(&format!("admin@{name}"));
    }
    let (status, text) = sim.put("v7", &token, id, &legacy).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("cannot be switched back"), "{text}");

    let mut registering = app_only_with(name, "openssl-default.p12");
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        registering[key]
            .as_object_mut()
            .unwrap()
            .remove("applicationId");
    }
    registering["newApplicationName"] = json!("Another");
    registering["userCode"] = json!("ABC");
    let (status, text) = sim.put("v7", &token, id, &registering).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("keeps an existing application"), "{text}");

    let (status, text) = sim
        .put(
            "v7",
            &token,
            "3f1c0000-0000-4000-8000-000000000000",
            &app_only_with(name, "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(text.contains("was not found"), "{text}");
    let (status, _) = sim.get_one("v7", &token, "nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Two of the demo's organizations: on v8 the legacy one may keep its method
/// in an edit (only new ones are refused), and may move to app-only, once.
#[tokio::test]
async fn a_legacy_organization_on_v8_keeps_its_method_or_moves_to_app_only() {
    let sim = Sim::start_with(Config {
        demo_organizations: true,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v8").await;
    let list = sim.list("v8", &token).await["results"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(list.len(), 6);
    let northwind = &list[0];
    assert_eq!(northwind["name"], "northwind.onmicrosoft.com");
    assert_eq!(
        northwind["exchangeOnlineSettings"]["useApplicationOnlyAuth"],
        true
    );
    assert_eq!(
        northwind["exchangeOnlineSettings"]["applicationCertificateThumbprint"]
            .as_str()
            .unwrap()
            .len(),
        40
    );
    let fabrikam = &list[1];
    assert_eq!(fabrikam["name"], "fabrikam.onmicrosoft.com");
    let id = fabrikam["id"].as_str().unwrap();

    // Kept legacy: taken in an edit, refused in an add.
    let mut legacy = valid_body();
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        legacy[key] = legacy_settings("admin@fabrikam.onmicrosoft.com");
    }
    let (status, text) = sim.put("v8", &token, id, &legacy).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{text}");
    let (status, _) = sim.add("v8", &token, &legacy).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Moved to app-only, then it cannot go back.
    let (status, text) = sim
        .put(
            "v8",
            &token,
            id,
            &app_only_with("fabrikam.onmicrosoft.com", "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{text}");
    let (status, text) = sim.put("v8", &token, id, &legacy).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("cannot be switched back"), "{text}");
}

/// Faults reach the edit and the read, and `--organizations` seeds many.
#[tokio::test]
async fn edit_faults_and_many_organizations() {
    let sim = Sim::start_with(Config {
        organizations: 2000,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v7").await;
    let all = sim.list("v7", &token).await;
    assert_eq!(all.as_array().unwrap().len(), 2000);
    let id = all[0]["id"].as_str().unwrap().to_owned();
    arm(&sim, "edit", json!({"kind": "status", "status": 503})).await;
    let (status, _) = sim
        .put(
            "v7",
            &token,
            &id,
            &app_only_with("tenant0001.onmicrosoft.com", "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    arm(&sim, "read", json!({"kind": "expired_token"})).await;
    assert_eq!(
        sim.get_one("v7", &token, &id).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, text) = sim
        .put(
            "v7",
            &token,
            &id,
            &app_only_with("tenant0001.onmicrosoft.com", "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{text}");
}

/// What a browser meets when the connection closes after a PUT that granted
/// through a device code: the edit is saved, not one byte comes back, and
/// the same body sent again is refused, because Microsoft takes a code once.
#[tokio::test]
async fn a_cut_edit_through_a_device_code_is_saved_and_its_repeat_refused() {
    let sim = Sim::start().await;
    for version in ["v7", "v8"] {
        let token = sim.sign_in(version).await;
        let name = format!("granted-{version}.onmicrosoft.com");
        let (status, created) = sim
            .add(
                version,
                &token,
                &app_only_with(&name, "openssl-default.p12"),
            )
            .await;
        assert!(status.is_success(), "{created}");
        let id = created["id"].as_str().unwrap().to_owned();
        let (_, issued) =
            post_json(&sim, &format!("/{version}/DeviceCode"), &token, &json!({})).await;
        let code = issued["userCode"].as_str().unwrap().to_owned();
        assert_eq!(sign_in_code(&sim, &code).await, StatusCode::NO_CONTENT);
        let mut body = app_only_with(&name, "openssl-rsa4096.p12");
        body["configureApplication"] = json!(true);
        body["userCode"] = json!(code);

        arm(&sim, "edit", json!({"kind": "close_after_commit"})).await;
        let path = format!("/{version}/Organizations/{id}");
        let answer = raw_answer(&sim, "PUT", &path, &token, &body).await;
        assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
        let (_, read) = sim.get_one(version, &token, &id).await;
        assert_eq!(
            read["exchangeOnlineSettings"]["applicationCertificateThumbprint"],
            thumbprint_of("openssl-rsa4096.p12").as_str(),
            "{version}: the work was done"
        );
        // The browser's repeat: the same body, the same code.
        let (status, refused) = sim.put(version, &token, &id, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{version}: {refused}");
        assert!(refused.contains("already been used"), "{refused}");
    }
}
