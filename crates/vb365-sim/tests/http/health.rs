//! Connection health: the sync states in both shapes, a sync asked for,
//! what an edit mends, the jobs, and `ServiceInstance`.

use crate::common::{Sim, app_only_with, thumbprint_of};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use vb365_sim::Config;

async fn demo(sync_millis: u64) -> (Sim, String) {
    let sim = Sim::start_with(Config {
        demo_organizations: true,
        sync_millis,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v8").await;
    (sim, token)
}

async fn get(sim: &Sim, path: &str, token: &str) -> (StatusCode, Value) {
    let response = sim.call(Method::GET, path, token, None).await;
    (
        response.status(),
        response.json().await.unwrap_or(Value::Null),
    )
}

/// The id of the demo organization named `tenant`.
async fn id_of(sim: &Sim, token: &str, tenant: &str) -> String {
    let list = sim.list("v7", token).await;
    let name = format!("{tenant}.onmicrosoft.com");
    list.as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn v8_lists_every_app_only_state_in_one_answer() {
    let (sim, token) = demo(3000).await;
    let (status, states) = get(&sim, "v8/Organizations/SyncState", &token).await;
    assert_eq!(status, StatusCode::OK);
    let states = states.as_array().unwrap();
    // Six demo organizations; the legacy one does not sync.
    assert_eq!(states.len(), 5, "{states:?}");
    let by_id = |tenant: String| {
        let tenant = tenant.clone();
        states
            .iter()
            .find(move |s| s["organizationId"] == json!(tenant))
            .unwrap()
            .clone()
    };
    let expired = by_id(id_of(&sim, &token, "contoso").await);
    assert_eq!(expired["lastSyncState"]["result"], "Error");
    let words = expired["lastSyncState"]["error"].as_str().unwrap();
    assert!(
        words.contains("AADSTS700027") && words.contains("End=11/25/2026 23:59:59"),
        "{words}"
    );
    let consent = by_id(id_of(&sim, &token, "tailspin").await);
    assert!(
        consent["lastSyncState"]["error"]
            .as_str()
            .unwrap()
            .contains("AADSTS65001")
    );
    let healthy = by_id(id_of(&sim, &token, "northwind").await);
    assert_eq!(healthy["lastSyncState"]["result"], "Success");
    assert!(healthy["lastSyncState"]["error"].is_null());
    assert!(healthy["currentSyncState"].is_null());
    let syncing = by_id(id_of(&sim, &token, "wingtip").await);
    assert!(syncing["lastSyncState"].is_null());
    assert!(matches!(
        syncing["currentSyncState"]["status"].as_str(),
        Some("Queued" | "Running")
    ));
    // v7 has no list form.
    let (status, _) = get(&sim, "v7/Organizations/SyncState", &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn v7_answers_one_state_in_its_own_shape_and_v6_none() {
    let (sim, token) = demo(3000).await;
    let id = id_of(&sim, &token, "adatum").await;
    let (status, state) = get(&sim, &format!("v7/Organizations/{id}/SyncState"), &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(state["status"], "Error");
    assert!(state["lastSyncTime"].is_string());
    assert!(
        state["error"]
            .as_str()
            .unwrap()
            .contains("The key was not found")
    );
    let legacy = id_of(&sim, &token, "fabrikam").await;
    let (_, state) = get(
        &sim,
        &format!("v7/Organizations/{legacy}/SyncState"),
        &token,
    )
    .await;
    assert_eq!(state["status"], "None");
    let (status, _) = get(&sim, &format!("v6/Organizations/{id}/SyncState"), &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(
        &sim,
        "v8/Organizations/00000000-0000-0000-0000-000000000000/SyncState",
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_sync_runs_then_ends_failing_until_an_edit_mends_it() {
    let (sim, token) = demo(300).await;
    let id = id_of(&sim, &token, "contoso").await;
    let sync = format!("v8/Organizations/{id}/Sync");
    let state = format!("v8/Organizations/{id}/SyncState");
    let refused = sim
        .call(
            Method::POST,
            &sync,
            &token,
            Some(&json!({"type": "Sometimes"})),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let started = sim
        .call(
            Method::POST,
            &sync,
            &token,
            Some(&json!({"type": "Incremental"})),
        )
        .await;
    assert_eq!(started.status(), StatusCode::NO_CONTENT);
    let (_, running) = get(&sim, &state, &token).await;
    assert!(running["currentSyncState"].is_object(), "{running}");
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let (_, ended) = get(&sim, &state, &token).await;
    assert!(ended["currentSyncState"].is_null());
    assert_eq!(ended["lastSyncState"]["result"], "Error");
    // A new certificate mends an expired one.
    let body = app_only_with("contoso.onmicrosoft.com", "openssl-default.p12");
    let (status, text) = sim.put("v8", &token, &id, &body).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{text}");
    let v7 = sim
        .call(
            Method::POST,
            &format!("v7/Organizations/{id}/Sync"),
            &token,
            Some(&json!({"type": "Full"})),
        )
        .await;
    assert_eq!(v7.status(), StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let (_, ended) = get(&sim, &state, &token).await;
    assert_eq!(ended["lastSyncState"]["result"], "Success", "{ended}");
    let (_, organization) = sim.get_one("v8", &token, &id).await;
    assert_eq!(
        organization["exchangeOnlineSettings"]["applicationCertificateThumbprint"],
        json!(thumbprint_of("openssl-default.p12"))
    );
    let gone = sim
        .call(
            Method::POST,
            "v8/Organizations/00000000-0000-0000-0000-000000000000/Sync",
            &token,
            Some(&json!({"type": "Incremental"})),
        )
        .await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn jobs_are_a_page_on_v8_and_an_array_with_links_before() {
    let (sim, token) = demo(3000).await;
    let (status, page) = get(&sim, "v8/Jobs?limit=3&offset=0", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["results"].as_array().unwrap().len(), 3);
    let (_, all) = get(&sim, "v8/Jobs?limit=100", &token).await;
    let all = all["results"].as_array().unwrap().clone();
    // Every demo organization but the one added a moment ago has a job.
    assert_eq!(all.len(), 5);
    let contoso = id_of(&sim, &token, "contoso").await;
    let failed = all
        .iter()
        .find(|j| j["organizationId"] == json!(contoso))
        .unwrap();
    assert_eq!(failed["lastStatus"], "Failed");
    assert!(failed["lastBackup"].as_str().unwrap() < failed["lastRun"].as_str().unwrap());
    let (_, one) = get(&sim, &format!("v8/Jobs?organizationId={contoso}"), &token).await;
    assert_eq!(one["results"].as_array().unwrap().len(), 1);
    let (status, array) = get(&sim, "v6/Jobs", &token).await;
    assert_eq!(status, StatusCode::OK);
    let array = array.as_array().unwrap();
    assert_eq!(array.len(), 5);
    let legacy = id_of(&sim, &token, "fabrikam").await;
    let warned = array
        .iter()
        .find(|j| {
            j["_links"]["organization"]["href"] == json!(format!("/v6/Organizations/{legacy}"))
        })
        .unwrap();
    assert_eq!(warned["lastStatus"], "Warning");
    assert!(warned.get("organizationId").is_none());
}

#[tokio::test]
async fn service_instance_tells_the_versions_served() {
    let sim = Sim::start_with(Config {
        versions: vec![vb365_sim::Version::V6, vb365_sim::Version::V7],
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v7").await;
    let bare = |v: &str| {
        sim.http
            .get(format!("{}/{v}/ServiceInstance", sim.base))
            .send()
    };
    assert_eq!(bare("v7").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(bare("v8").await.unwrap().status(), StatusCode::NOT_FOUND);
    let (status, body) = get(&sim, "v7/ServiceInstance", &token).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["version"].as_str().unwrap().starts_with("7."));
}

#[tokio::test]
async fn scale_organizations_carry_states_a_few_failing() {
    let sim = Sim::start_with(Config {
        organizations: 200,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v8").await;
    let (_, states) = get(&sim, "v8/Organizations/SyncState", &token).await;
    let states = states.as_array().unwrap();
    assert_eq!(states.len(), 200);
    let failing = states
        .iter()
        .filter(|s| s["lastSyncState"]["result"] == "Error")
        .count();
    assert_eq!(failing, 7);
}
