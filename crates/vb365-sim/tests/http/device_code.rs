//! `POST /v{N}/DeviceCode` and `/DeviceCode/check`: codes issued, checked and
//! used once.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;
use vb365_sim::Config;

#[tokio::test]
async fn device_codes_are_issued_checked_and_used_once() {
    let sim = Sim::start().await;
    for version in ["v6", "v7", "v8"] {
        let token = sim.sign_in(version).await;
        let path = format!("/{version}/DeviceCode");
        let (status, code) =
            post_json(&sim, &path, &token, &json!({"targetRegion": "Worldwide"})).await;
        assert_eq!(status, StatusCode::OK, "{version}: {code}");
        let user_code = code["userCode"].as_str().unwrap().to_owned();
        assert_eq!(user_code.len(), 9);
        assert_eq!(code["verificationUrl"], "https://microsoft.com/devicelogin");
        assert_eq!(code["expiresIn"], 900);
        assert!(code["message"].as_str().unwrap().contains(&user_code));

        let check = format!("/{version}/DeviceCode/check");
        let ask = json!({ "userCode": user_code });
        assert_eq!(
            post_json(&sim, &check, &token, &ask).await.1["authenticated"],
            false
        );
        assert_eq!(sign_in_code(&sim, &user_code).await, StatusCode::NO_CONTENT);
        assert_eq!(
            post_json(&sim, &check, &token, &ask).await.1["authenticated"],
            true
        );

        // The organization request carries the code once.
        let mut body = app_only_body(true, false);
        let name = format!("devicecode-{version}.onmicrosoft.com");
        body["exchangeOnlineSettings"]["officeOrganizationName"] = json!(name);
        body["userCode"] = json!(user_code);
        body["newApplicationName"] = json!("Veeam Backup for Microsoft 365 - devicecode");
        // The server registers the application: an ID of one is refused.
        let (status, refused) = sim.add(version, &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{version}: {refused}");
        assert!(
            refused["message"]
                .as_str()
                .unwrap()
                .contains("cannot be given with newApplicationName")
        );
        body["exchangeOnlineSettings"]
            .as_object_mut()
            .unwrap()
            .remove("applicationId");
        let (status, created) = sim.add(version, &token, &body).await;
        assert!(status.is_success(), "{version}: {created}");
        let application = created["exchangeOnlineSettings"]["applicationId"]
            .as_str()
            .unwrap();
        assert_ne!(
            application, "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90",
            "the new application's id"
        );
        body["exchangeOnlineSettings"]["officeOrganizationName"] = json!(format!("again-{name}"));
        let (status, again) = sim.add(version, &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            again["message"]
                .as_str()
                .unwrap()
                .contains("already been used"),
            "{again}"
        );
    }
}

#[tokio::test]
async fn device_code_refusals_name_what_is_wrong() {
    let sim = Sim::start_with(Config {
        device_code_lifetime_secs: 0,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v8").await;
    let (status, _) = post_json(&sim, "/v8/DeviceCode", "forged", &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, answer) = post_json(
        &sim,
        "/v8/DeviceCode",
        &token,
        &json!({"targetRegion": "Mars"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    // Lifetime 0: every code has already expired.
    let (_, code) = post_json(&sim, "/v8/DeviceCode", &token, &json!({})).await;
    let user_code = code["userCode"].as_str().unwrap();
    let (status, answer) = post_json(
        &sim,
        "/v8/DeviceCode/check",
        &token,
        &json!({"userCode": user_code}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["message"].as_str().unwrap().contains("expired"),
        "{answer}"
    );
    let (status, answer) = post_json(
        &sim,
        "/v8/DeviceCode/check",
        &token,
        &json!({"userCode": "NOPE"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["message"].as_str().unwrap().contains("not issued"),
        "{answer}"
    );
    assert_eq!(sign_in_code(&sim, "NOPE").await, StatusCode::NOT_FOUND);

    let mut body = app_only_body(true, false);
    body["configureApplication"] = json!(true);
    let (status, answer) = sim.add("v8", &token, &body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("userCode is required"),
        "{answer}"
    );
    body["userCode"] = json!(user_code);
    let (_, answer) = sim.add("v8", &token, &body).await;
    assert!(
        answer["message"].as_str().unwrap().contains("expired"),
        "{answer}"
    );

    let mut chats = app_only_body(true, true);
    chats["isTeamsOnline"] = json!(true);
    chats["isTeamsChatsOnline"] = json!(true);
    chats["newApplicationName"] = json!("x");
    chats["userCode"] = json!(user_code);
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        chats[key].as_object_mut().unwrap().remove("applicationId");
    }
    let (_, answer) = sim.add("v8", &token, &chats).await;
    assert!(
        answer["message"].as_str().unwrap().contains("Teams chats"),
        "{answer}"
    );
}

#[tokio::test]
async fn auto_sign_in_lets_the_demo_finish_without_a_tenant() {
    let sim = Sim::start_with(Config {
        auto_sign_in_secs: Some(0),
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v8").await;
    let (_, code) = post_json(&sim, "/v8/DeviceCode", &token, &json!({})).await;
    let (_, checked) = post_json(
        &sim,
        "/v8/DeviceCode/check",
        &token,
        &json!({"userCode": code["userCode"]}),
    )
    .await;
    assert_eq!(checked["authenticated"], true);
}
