//! What the simulator serves besides the API: static files, its
//! Content-Security-Policy, the versions it offers, CORS, and `/_sim/idle`.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;
use vb365_sim::Config;

#[tokio::test]
async fn serves_static_files() {
    let dir = std::env::temp_dir().join(format!("vb365-sim-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<title>wizard</title>").unwrap();
    let sim = Sim::start_with(Config {
        static_dir: Some(dir.clone()),
        ..Config::default()
    })
    .await;
    let text = sim
        .http
        .get(format!("{}/", sim.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("wizard"));
    assert_eq!(sim.sign_in("v7").await.len(), 32);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn an_older_server_lacks_the_newer_versions() {
    use vb365_sim::Version;
    let sim = Sim::start_with(Config {
        versions: vec![Version::V6, Version::V7],
        ..Config::default()
    })
    .await;
    let (status, _) = sim
        .token_form("v8", "grant_type=password&username=admin&password=admin")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let probe = |v: &'static str| {
        sim.http
            .get(format!("{}/{v}/Organizations", sim.base))
            .send()
    };
    assert_eq!(probe("v8").await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(
        probe("v7").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn strict_csp_is_sent_when_asked() {
    let sim = Sim::start_with(Config {
        strict_csp: true,
        ..Config::default()
    })
    .await;
    let response = sim
        .http
        .post(format!("{}/v7/token", sim.base))
        .send()
        .await
        .unwrap();
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(
        csp.contains("require-trusted-types-for 'script'; trusted-types m365-org-wizard default"),
        "{csp}"
    );
    let plain = Sim::start().await;
    let response = plain
        .http
        .post(format!("{}/v7/token", plain.base))
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("content-security-policy").is_none());
}

#[tokio::test]
async fn cors_only_for_the_one_origin_asked_for() {
    let preflight = |sim: &Sim, origin: &str| {
        sim.http
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/v7/Organizations", sim.base),
            )
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type",
            )
            .send()
    };
    let plain = Sim::start().await;
    let response = preflight(&plain, "https://console.example").await.unwrap();
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    let sim = Sim::start_with(Config {
        cors_origin: Some("https://console.example".into()),
        ..Config::default()
    })
    .await;
    let response = preflight(&sim, "https://console.example").await.unwrap();
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://console.example"
    );
    let allowed = response.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(allowed.contains("authorization"), "{allowed}");
    let response = preflight(&sim, "https://evil.example").await.unwrap();
    assert_ne!(
        response
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_owned()),
        Some("https://evil.example".to_owned())
    );
}

/// `GET /_sim/idle` answers once the abandoned slow request is done.
#[tokio::test]
async fn idle_waits_for_requests_in_flight() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v7").await;
    arm(&sim, "add", json!({"kind": "latency", "ms": 400})).await;
    let slow = {
        let (http, url, token) = (
            sim.http.clone(),
            format!("{}/v7/Organizations", sim.base),
            token.clone(),
        );
        tokio::spawn(async move {
            http.post(url)
                .bearer_auth(token)
                .json(&valid_body())
                .send()
                .await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let started = std::time::Instant::now();
    let idle = sim
        .http
        .get(format!("{}/_sim/idle", sim.base))
        .send()
        .await
        .unwrap();
    assert_eq!(idle.status(), StatusCode::NO_CONTENT);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(250),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        sim.list("v7", &token).await.as_array().unwrap().len(),
        1,
        "the slow add was done"
    );
    slow.await.unwrap().unwrap();
    // With nothing in flight it answers at once.
    let started = std::time::Instant::now();
    assert_eq!(
        sim.http
            .get(format!("{}/_sim/idle", sim.base))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert!(started.elapsed() < std::time::Duration::from_millis(200));
}
