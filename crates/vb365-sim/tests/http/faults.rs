//! `POST /_sim/faults`: each fault strikes the next matching request once.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn armed_faults_strike_once_each() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v7").await;
    arm(&sim, "add", json!({"kind": "status", "status": 503})).await;
    let response = sim
        .http
        .post(format!("{}/v7/Organizations", sim.base))
        .bearer_auth(&token)
        .json(&valid_body())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        sim.list("v7", &token).await.as_array().unwrap().is_empty(),
        "nothing created"
    );

    arm(&sim, "add", json!({"kind": "expired_token"})).await;
    assert_eq!(
        sim.add("v7", &token, &valid_body()).await.0,
        StatusCode::UNAUTHORIZED
    );
    // Spent: the next request is served normally.
    assert_eq!(sim.add("v7", &token, &valid_body()).await.0, StatusCode::OK);
}

#[tokio::test]
async fn close_after_commit_adds_then_sends_not_one_byte() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    arm(&sim, "add", json!({"kind": "close_after_commit"})).await;
    let answer = raw_answer(&sim, "POST", "/v8/Organizations", &token, &valid_body()).await;
    assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
    assert_eq!(count_v8(&sim, &token).await, 1, "the work was done");
    // What a browser's silent resend meets: a duplicate refusal.
    let (status, refusal) = sim.add("v8", &token, &valid_body()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        refusal["message"].as_str().unwrap().contains("already"),
        "{refusal}"
    );
}

#[tokio::test]
async fn faults_after_the_work_leave_the_organization_created() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    arm(&sim, "add", json!({"kind": "drop_after_commit"})).await;
    let sent = sim
        .http
        .post(format!("{}/v8/Organizations", sim.base))
        .bearer_auth(&token)
        .json(&valid_body())
        .send()
        .await;
    let failed = match sent {
        Err(_) => true,
        Ok(response) => response.bytes().await.is_err(),
    };
    assert!(failed, "the answer is cut");
    assert_eq!(count_v8(&sim, &token).await, 1);

    let mut other = valid_body();
    other["exchangeOnlineSettings"]["account"] = json!("a@malformed.com");
    arm(&sim, "add", json!({"kind": "malformed_after_commit"})).await;
    let response = sim
        .http
        .post(format!("{}/v8/Organizations", sim.base))
        .bearer_auth(&token)
        .json(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(serde_json::from_slice::<Value>(&response.bytes().await.unwrap()).is_err());
    assert_eq!(count_v8(&sim, &token).await, 2);
}

#[tokio::test]
async fn latency_and_trickle_delay_but_answer() {
    let sim = Sim::start().await;
    arm(&sim, "token", json!({"kind": "latency", "ms": 200})).await;
    let started = std::time::Instant::now();
    sim.sign_in("v7").await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(200));
    arm(&sim, "token", json!({"kind": "trickle", "ms": 20})).await;
    let started = std::time::Instant::now();
    sim.sign_in("v7").await;
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
}

/// A refusal armed with Microsoft's words comes back as the server sends it,
/// once; the add after it goes through.
#[tokio::test]
async fn refuse_answers_with_the_given_message() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let message = "Failed to connect: AADSTS65001: The user or administrator has not consented to use the application.";
    arm(
        &sim,
        "add",
        json!({"kind": "refuse", "message": message, "errorCode": "ResourceAccessDenied"}),
    )
    .await;
    let (status, reply) = sim.add("v8", &token, &valid_body()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(reply["message"], message);
    assert_eq!(reply["errorCode"], "ResourceAccessDenied");
    assert_eq!(count_v8(&sim, &token).await, 0);

    arm(
        &sim,
        "add",
        json!({"kind": "refuse", "status": 403, "message": "No."}),
    )
    .await;
    let (status, reply) = sim.add("v8", &token, &valid_body()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(reply.get("errorCode"), None);
    assert_eq!(
        sim.add("v8", &token, &valid_body()).await.0,
        StatusCode::CREATED
    );
}
