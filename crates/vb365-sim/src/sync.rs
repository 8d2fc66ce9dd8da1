//! The endpoints of connection health: `GET /v8/Organizations/SyncState`
//! (every app-only organization at once), `GET /v{7,8}/Organizations/{id}/SyncState`
//! (v7 in its own shape), `POST /v{7,8}/Organizations/{id}/Sync`, `GET
//! /v{N}/Jobs` and `GET /v{N}/ServiceInstance`, each as the vendor's
//! documents shape it.

use crate::admission::admitted;
use crate::faults::Target;
use crate::reply::fault;
use crate::validate::is_app_only;
use crate::{Sim, Version};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

fn not_found(id: &str) -> Response {
    fault(
        StatusCode::NOT_FOUND,
        &format!("Organization {id} was not found."),
        None,
    )
}

fn no_such_resource() -> Response {
    fault(
        StatusCode::NOT_FOUND,
        "The requested resource does not exist in this version of the REST API.",
        None,
    )
}

/// `GET /v8/Organizations/SyncState`: one unpaged array, app-only
/// organizations only (the others do not sync). Earlier versions have no
/// such resource.
pub async fn list(
    State(sim): State<Arc<Sim>>,
    Path(segment): Path<String>,
    headers: HeaderMap,
) -> Response {
    admitted(&sim, &segment, &headers, Target::SyncState, |version| {
        if version != Version::V8 {
            return no_such_resource();
        }
        let states: Vec<Value> = sim
            .store
            .organizations()
            .iter()
            .filter(|o| is_app_only(o))
            .filter_map(|o| {
                let id = o["id"].as_str()?;
                Some(sim.health.v8(id, o, &segment))
            })
            .collect();
        Json(states).into_response()
    })
    .await
}

/// `GET /v{7,8}/Organizations/{id}/SyncState`.
pub async fn one(
    State(sim): State<Arc<Sim>>,
    Path((segment, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    admitted(&sim, &segment, &headers, Target::SyncState, |version| {
        let Some(organization) = sim.store.organization(&id) else {
            return not_found(&id);
        };
        match version {
            Version::V6 => no_such_resource(),
            Version::V7 => Json(sim.health.v7(&id, &organization)).into_response(),
            Version::V8 => Json(sim.health.v8(&id, &organization, &segment)).into_response(),
        }
    })
    .await
}

/// `POST /v{7,8}/Organizations/{id}/Sync` with `{"type": "Incremental"}`
/// or `Full`: v8 answers 204, v7 200. The sync ends after the simulator's
/// sync time.
pub async fn start(
    State(sim): State<Arc<Sim>>,
    Path((segment, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    admitted(&sim, &segment, &headers, Target::Sync, |version| {
        if version == Version::V6 {
            return no_such_resource();
        }
        let kind = serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|b| b["type"].as_str().map(str::to_owned));
        if !matches!(kind.as_deref(), Some("Incremental" | "Full")) {
            return fault(
                StatusCode::BAD_REQUEST,
                "The synchronization type must be Incremental or Full.",
                version.validation_code(),
            );
        }
        if sim.store.organization(&id).is_none() {
            return not_found(&id);
        }
        sim.health
            .start(&id, Duration::from_millis(sim.config.sync_millis));
        match version {
            Version::V8 => StatusCode::NO_CONTENT.into_response(),
            _ => StatusCode::OK.into_response(),
        }
    })
    .await
}

/// Paging and the organization filter of v8's jobs.
#[derive(Deserialize)]
pub struct JobQuery {
    #[serde(rename = "organizationId")]
    organization_id: Option<String>,
    offset: Option<usize>,
    limit: Option<usize>,
}

/// `GET /v{N}/Jobs`: an array on v6 and v7 (the organization in the job's
/// links), a page on v8 (with `organizationId`).
pub async fn jobs(
    State(sim): State<Arc<Sim>>,
    Path(segment): Path<String>,
    Query(query): Query<JobQuery>,
    headers: HeaderMap,
) -> Response {
    admitted(&sim, &segment, &headers, Target::Jobs, |version| {
        let all: Vec<Value> = sim
            .store
            .organizations()
            .iter()
            .filter(|o| {
                query
                    .organization_id
                    .as_deref()
                    .is_none_or(|id| o["id"].as_str() == Some(id))
            })
            .filter_map(|o| job_of(&sim, o, &segment, version))
            .collect();
        if version != Version::V8 {
            return Json(all).into_response();
        }
        let offset = query.offset.unwrap_or(0);
        let limit = query.limit.unwrap_or(30).min(10_000);
        let results: Vec<Value> = all.into_iter().skip(offset).take(limit).collect();
        Json(json!({ "offset": offset, "limit": limit, "results": results })).into_response()
    })
    .await
}

/// The organization's backup job (`RESTJob`), if it has one.
fn job_of(sim: &Sim, organization: &Value, segment: &str, version: Version) -> Option<Value> {
    let id = organization["id"].as_str()?;
    let name = organization["name"].as_str().unwrap_or_default();
    let (status, last_run, last_backup) = sim.health.job(id, !is_app_only(organization))?;
    let mut job = json!({
        "id": format!("{}-j0b", &id[..id.len().min(32)]),
        "name": format!("Backup {name}"),
        "backupType": "EntireOrganization",
        "isEnabled": true,
        "lastStatus": status,
        "lastRun": last_run,
        "lastBackup": last_backup,
        "_links": {
            "organization": { "href": format!("/{segment}/Organizations/{id}") },
        },
    });
    if version == Version::V8 {
        job["organizationId"] = Value::from(id);
    }
    Some(job)
}

/// `GET /v{N}/ServiceInstance`: the server's build, to anyone signed in;
/// 401 without a token where the version is served, 404 where it is not
/// (which is how a client finds the versions a server speaks).
pub async fn service_instance(
    State(sim): State<Arc<Sim>>,
    Path(segment): Path<String>,
    headers: HeaderMap,
) -> Response {
    admitted(&sim, &segment, &headers, Target::ServiceInstance, |version| {
        let build = match version {
            Version::V6 => "6.1.0.254",
            Version::V7 => "7.1.0.2031",
            Version::V8 => "8.1.2.180",
        };
        Json(json!({ "version": build, "installationId": "5c1e0b7a-3f42-4c8d-9e16-2a7d4b9f0c31" }))
            .into_response()
    })
    .await
}
