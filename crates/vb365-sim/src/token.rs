//! `POST /v{N}/token`: the password and refresh-token grants; and
//! `POST /v{N}/token/logout` (v7 and v8), which ends a session.

use crate::faults::{self, Target};
use crate::reply::{fault, oauth_error, unknown_version};
use crate::{Sim, Version, clock};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// Issues tokens for a form-encoded or JSON sign-in request.
pub async fn issue(
    State(sim): State<Arc<Sim>>,
    Path(version): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if sim.offered(&version).is_none() {
        return unknown_version();
    }
    faults::around(&sim.faults, Target::Token, || grant(&sim, &headers, &body)).await
}

/// The token endpoint's work: check the grant, issue tokens.
fn grant(sim: &Sim, headers: &HeaderMap, body: &[u8]) -> Response {
    let Some(fields) = read_fields(headers, body) else {
        return oauth_error(
            "invalid_request",
            "The request body must be form-encoded or JSON.",
        );
    };
    let field = |name: &str| fields.get(name).map(String::as_str).unwrap_or_default();
    let user = match field("grant_type") {
        "password" => {
            if field("username") != sim.config.user || field("password") != sim.config.password {
                return oauth_error("invalid_grant", "The user name or password is incorrect.");
            }
            sim.config.user.clone()
        }
        "refresh_token" => match sim.store.redeem_refresh(field("refresh_token")) {
            Some(user) => user,
            None => {
                return oauth_error(
                    "invalid_grant",
                    "The refresh token is invalid or has already been used.",
                );
            }
        },
        "" => return oauth_error("invalid_request", "grant_type is required."),
        other => {
            return oauth_error(
                "unsupported_grant_type",
                &format!("The grant type {other} is not supported by this simulator."),
            );
        }
    };
    let lifetime = Duration::from_secs(sim.config.token_lifetime_secs);
    let (access, refresh) = sim.store.issue_tokens(&user, lifetime);
    Json(json!({
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "bearer",
        "expires_in": sim.config.token_lifetime_secs,
        "userName": user,
        ".issued": clock::rfc3339_after(Duration::ZERO),
        ".expires": clock::rfc3339_after(lifetime),
    }))
    .into_response()
}

/// The request's fields as strings, from a JSON object or a form.
fn read_fields(headers: &HeaderMap, body: &[u8]) -> Option<HashMap<String, String>> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if !is_json {
        return Some(form_urlencoded::parse(body).into_owned().collect());
    }
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return None;
    };
    Some(
        map.into_iter()
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, text)
            })
            .collect(),
    )
}

/// The bearer token of a request, if it carries one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    Some(token.trim())
}

/// Ends the session of the bearer token: the access token and the refresh
/// token issued with it stop working. v6 has no such resource; v7 answers
/// 200 and v8 204, as their documents say.
pub async fn logout(
    State(sim): State<Arc<Sim>>,
    Path(version): Path<String>,
    headers: HeaderMap,
) -> Response {
    let status = match sim.offered(&version) {
        None => return unknown_version(),
        Some(Version::V6) => {
            return fault(StatusCode::NOT_FOUND, "v6 has no logout resource.", None);
        }
        Some(Version::V7) => StatusCode::OK,
        Some(Version::V8) => StatusCode::NO_CONTENT,
    };
    match bearer(&headers) {
        Some(token) if sim.store.end_session(token) => status.into_response(),
        _ => fault(
            StatusCode::UNAUTHORIZED,
            "Authorization has been denied for this request.",
            None,
        ),
    }
}
