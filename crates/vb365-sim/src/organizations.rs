//! `/v{N}/Organizations`: add, list and read organizations.

use crate::admission::admitted;
use crate::faults::Target;
use crate::reply::fault;
use crate::validate::{
    Purpose, is_app_only, organization_name, strip_secrets, validate_organization,
};
use crate::{Sim, Version};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

/// `POST /Organizations`: validates and adds, unless a fault is armed.
pub async fn add(
    State(sim): State<Arc<Sim>>,
    Path(segment): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    admitted(
        &sim,
        &segment,
        &headers,
        Target::AddOrganization,
        |version| create(&sim, version, &segment, &body),
    )
    .await
}

/// The work of `POST /Organizations`.
fn create(sim: &Sim, version: Version, segment: &str, body: &[u8]) -> Response {
    let refuse = |message: &str| fault(StatusCode::BAD_REQUEST, message, version.validation_code());
    let body = match checked_body(version, body, Purpose::Add) {
        Ok(body) => body,
        Err(message) => return refuse(&message),
    };
    if let Err(message) = check_sign_in(sim, &body) {
        return refuse(&message);
    }
    let name = organization_name(&body);
    let id = uuid::Uuid::new_v4().to_string();
    let mut organization = stored_form(&body, &id, &name, segment);
    if body.get("newApplicationName").is_some_and(Value::is_string) {
        // The server registered the application: the organization reports it.
        let application = uuid::Uuid::new_v4().to_string();
        for key in SETTINGS {
            if let Some(Value::Object(settings)) = organization.get_mut(key) {
                settings.insert("applicationId".into(), Value::from(application.clone()));
            }
        }
    }
    if !sim.store.add_organization(organization.clone()) {
        return refuse(&format!(
            "Organization {name} has already been added to this backup server."
        ));
    }
    // The server syncs a new organization with Microsoft at once.
    if is_app_only(&organization) {
        sim.health.start(
            &id,
            std::time::Duration::from_millis(sim.config.sync_millis),
        );
    }
    (version.created_status(), Json(organization)).into_response()
}

const SETTINGS: [&str; 2] = ["exchangeOnlineSettings", "sharePointOnlineSettings"];

/// A body read as JSON and checked as the server checks it for `purpose`
/// (the device-code sign-in it relies on is checked last, by the caller:
/// checking spends the code).
fn checked_body(version: Version, body: &[u8], purpose: Purpose) -> Result<Value, String> {
    let body = read_body(body)?;
    validate_organization(&body, version, purpose)?;
    Ok(body)
}

/// A body read as JSON, or what the server says when it is not.
fn read_body(body: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(body).map_err(|e| format!("The request body is not valid JSON: {e}."))
}

/// An organization as the server keeps and answers it: no secret, the
/// certificate's thumbprint, its id, name and link.
pub(crate) fn stored_form(body: &Value, id: &str, name: &str, segment: &str) -> Value {
    let mut organization = strip_secrets(body);
    for key in ["userCode", "configureApplication", "newApplicationName"] {
        if let Value::Object(o) = &mut organization {
            o.remove(key);
        }
    }
    organization["id"] = Value::from(id);
    organization["name"] = Value::from(name);
    organization["officeName"] = Value::from(name);
    organization["_links"] =
        json!({ "self": { "href": format!("/{segment}/Organizations/{id}") } });
    organization
}

/// `PUT /Organizations/{id}` ("Edit Organization"): 204 when the body,
/// checked as an add's, keeps the organization's identity and does not
/// leave app-only authentication; unless a fault is armed.
pub async fn edit(
    State(sim): State<Arc<Sim>>,
    Path((segment, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    admitted(
        &sim,
        &segment,
        &headers,
        Target::EditOrganization,
        |version| replace(&sim, version, &segment, &id, &body),
    )
    .await
}

/// The work of `PUT /Organizations/{id}`.
fn replace(sim: &Sim, version: Version, segment: &str, id: &str, body: &[u8]) -> Response {
    let refuse = |message: &str| fault(StatusCode::BAD_REQUEST, message, version.validation_code());
    let Some(current) = sim.store.organization(id) else {
        return not_found(id);
    };
    let was_app_only = is_app_only(&current);
    let purpose = if was_app_only {
        Purpose::Edit
    } else {
        Purpose::EditKeepingMethod
    };
    let current_name = current["name"].as_str().unwrap_or_default().to_owned();
    let body = match read_body(body) {
        Ok(body) => body,
        Err(message) => return refuse(&message),
    };
    // Said before the body's other faults: it is why the body differs.
    if was_app_only && body.is_object() && !is_app_only(&body) {
        return refuse(&format!(
            "Organization {current_name} uses modern app-only authentication, which cannot be switched back to another method."
        ));
    }
    if let Err(message) = validate_organization(&body, version, purpose) {
        return refuse(&message);
    }
    let name = organization_name(&body);
    if !name.eq_ignore_ascii_case(&current_name) {
        return refuse(&format!(
            "The request names organization {name}, but {current_name} is the organization being edited: an organization cannot become another one."
        ));
    }
    if body.get("newApplicationName").is_some_and(Value::is_string) {
        return refuse(
            "An organization being edited keeps an existing application: give applicationId, with configureApplication to grant it permissions.",
        );
    }
    if let Err(message) = check_sign_in(sim, &body) {
        return refuse(&message);
    }
    let stored = stored_form(&body, id, &current_name, segment);
    let granted = body.get("configureApplication").and_then(Value::as_bool) == Some(true);
    sim.health.edited(id, &current, &stored, granted);
    sim.store.replace_organization(id, stored);
    StatusCode::NO_CONTENT.into_response()
}

fn not_found(id: &str) -> Response {
    fault(
        StatusCode::NOT_FOUND,
        &format!("Organization {id} was not found."),
        None,
    )
}

/// The device-code sign-in an organization request relies on: a new
/// application or a grant to an existing one needs a signed-in `userCode`,
/// which is then used up.
fn check_sign_in(sim: &Sim, body: &Value) -> Result<(), String> {
    let new_application = body.get("newApplicationName");
    let configure = body.get("configureApplication").and_then(Value::as_bool) == Some(true);
    match new_application {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) if !name.trim().is_empty() => {
            if body.get("isTeamsChatsOnline").and_then(Value::as_bool) == Some(true) {
                return Err("A new application cannot be registered automatically when Teams chats are chosen.".into());
            }
        }
        Some(_) => return Err("newApplicationName must be the new application's name.".into()),
    }
    let needs_code = configure || new_application.is_some_and(Value::is_string);
    match (body.get("userCode").and_then(Value::as_str), needs_code) {
        (None, true) => Err("userCode is required to register or configure an application: sign in to Microsoft 365 with a device code first.".into()),
        (None, false) => Ok(()),
        (Some(code), _) => match crate::device_code::refusal_of_code(sim, code) {
            Some(message) => Err(message),
            None => Ok(()),
        },
    }
}

/// Paging of the v8 list.
#[derive(Deserialize)]
pub struct Paging {
    offset: Option<usize>,
    limit: Option<usize>,
}

/// `GET /Organizations`: an array (v6, v7) or a page object (v8).
pub async fn list(
    State(sim): State<Arc<Sim>>,
    Path(segment): Path<String>,
    Query(paging): Query<Paging>,
    headers: HeaderMap,
) -> Response {
    admitted(
        &sim,
        &segment,
        &headers,
        Target::ListOrganizations,
        |version| page(&sim, version, &paging),
    )
    .await
}

/// The list, shaped for the version.
fn page(sim: &Sim, version: Version, paging: &Paging) -> Response {
    let all = sim.store.organizations();
    if version != Version::V8 {
        return Json(all).into_response();
    }
    let offset = paging.offset.unwrap_or(0);
    let limit = paging.limit.unwrap_or(30).min(10_000);
    let results: Vec<Value> = all.into_iter().skip(offset).take(limit).collect();
    Json(json!({
        "offset": offset,
        "limit": limit,
        "results": results,
        "_links": { "self": { "href": format!("/v8/Organizations?offset={offset}&limit={limit}") } },
    }))
    .into_response()
}

/// `GET /Organizations/{id}`, unless a fault is armed.
pub async fn get_one(
    State(sim): State<Arc<Sim>>,
    Path((segment, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    admitted(
        &sim,
        &segment,
        &headers,
        Target::ReadOrganization,
        |_| match sim.store.organization(&id) {
            Some(org) => Json(org).into_response(),
            None => not_found(&id),
        },
    )
    .await
}
