//! `POST /v{N}/token` and `/token/logout`: the password and refresh grants,
//! expiry, and the bearer token every other endpoint asks for.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;
use vb365_sim::Config;

#[tokio::test]
async fn password_grant_form_and_json() {
    let sim = Sim::start().await;
    let (status, body) = sim
        .token_form(
            "v7",
            "grant_type=password&username=admin&password=admin&disable_antiforgery_token=true",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["userName"], "admin");
    assert!(body["refresh_token"].is_string() && body[".expires"].is_string());

    let response = sim
        .http
        .post(format!("{}/v8/token", sim.base))
        .json(&json!({"grant_type": "password", "username": "admin", "password": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn wrong_password_is_an_oauth_error() {
    let sim = Sim::start().await;
    let (status, body) = sim
        .token_form("v6", "grant_type=password&username=admin&password=nope")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("incorrect")
    );
    let (status, body) = sim.token_form("v7", "username=admin").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_request");
    let (_, body) = sim.token_form("v7", "grant_type=integration").await;
    assert_eq!(body["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn refresh_token_works_once() {
    let sim = Sim::start().await;
    let (_, first) = sim
        .token_form("v7", "grant_type=password&username=admin&password=admin")
        .await;
    let refresh = first["refresh_token"].as_str().unwrap();
    let form = format!("grant_type=refresh_token&refresh_token={refresh}");
    let (status, second) = sim.token_form("v7", &form).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(second["access_token"], first["access_token"]);
    let (status, body) = sim.token_form("v7", &form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
}

#[tokio::test]
async fn logout_ends_the_session_on_v7_and_v8_only() {
    let sim = Sim::start().await;
    for (version, answer) in [("v7", StatusCode::OK), ("v8", StatusCode::NO_CONTENT)] {
        let (_, tokens) = sim
            .token_form(version, "grant_type=password&username=admin&password=admin")
            .await;
        let access = tokens["access_token"].as_str().unwrap();
        let refresh = tokens["refresh_token"].as_str().unwrap();
        assert_eq!(logout(&sim, version, access).await, answer, "{version}");
        // The access token and its refresh token are both finished.
        let (status, _) = sim.add(version, access, &valid_body()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{version}");
        let form = format!("grant_type=refresh_token&refresh_token={refresh}");
        assert_eq!(
            sim.token_form(version, &form).await.0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            logout(&sim, version, access).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(logout(&sim, "v8", "forged").await, StatusCode::UNAUTHORIZED);
    let token = sim.sign_in("v6").await;
    assert_eq!(logout(&sim, "v6", &token).await, StatusCode::NOT_FOUND);
    // v6 had nothing to end: the token still works.
    assert_eq!(
        sim.list("v6", &token).await.as_array().map(Vec::len),
        Some(0)
    );
}

#[tokio::test]
async fn expired_token_is_refused() {
    let sim = Sim::start_with(Config {
        token_lifetime_secs: 0,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v7").await;
    let (status, body) = sim.add("v7", &token, &valid_body()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body["message"].is_string());
}

#[tokio::test]
async fn organizations_need_a_bearer_token() {
    let sim = Sim::start().await;
    let response = sim
        .http
        .post(format!("{}/v7/Organizations", sim.base))
        .json(&valid_body())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = sim.add("v7", "forged", &valid_body()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
