//! `POST /v{N}/DeviceCode` and `/DeviceCode/check`, as the vendor's
//! documents describe them: the backup server asks Microsoft for a code, a
//! Global Administrator signs in with it, and an organization request may
//! then carry it (`userCode`) once. Here nobody signs in at Microsoft: a
//! test marks a code signed in (`POST /_sim/device-codes/{code}/sign-in`),
//! or `--auto-sign-in SECS` does it after a few seconds, for a person trying
//! the demo.

use crate::admission::admitted;
use crate::faults::Target;
use crate::reply::fault;
use crate::{Sim, Version};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where Microsoft's device sign-in page is.
pub const VERIFICATION_URL: &str = "https://microsoft.com/devicelogin";

/// One code the simulator handed out.
struct Code {
    issued: Instant,
    expires: Instant,
    signed_in: bool,
    used: bool,
}

/// The codes of one simulator run.
#[derive(Default)]
pub struct Codes(Mutex<HashMap<String, Code>>);

/// Why an organization request's `userCode` cannot be used.
pub fn refusal_of_code(sim: &Sim, user_code: &str) -> Option<String> {
    let mut codes = sim.codes.0.lock().unwrap_or_else(|e| e.into_inner());
    let auto = sim.config.auto_sign_in_secs.map(Duration::from_secs);
    let Some(code) = codes.get_mut(user_code) else {
        return Some(format!(
            "The device code {user_code} was not issued by this server."
        ));
    };
    let now = Instant::now();
    if now >= code.expires {
        return Some(format!(
            "The device code {user_code} has expired. Request a new code."
        ));
    }
    if !signed_in(code, auto, now) {
        return Some(format!(
            "Nobody has signed in to Microsoft 365 with the device code {user_code} yet."
        ));
    }
    if code.used {
        return Some(format!(
            "The device code {user_code} has already been used."
        ));
    }
    code.used = true;
    None
}

fn signed_in(code: &Code, auto: Option<Duration>, now: Instant) -> bool {
    code.signed_in || auto.is_some_and(|after| now >= code.issued + after)
}

/// A code in Microsoft's style: nine capital letters and digits.
fn new_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    uuid::Uuid::new_v4()
        .as_bytes()
        .iter()
        .take(9)
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

/// The request's JSON (an empty body counts as `{}`), or the message of
/// the refusal.
fn json_body(body: &[u8]) -> Result<Value, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(body).map_err(|e| format!("The request body is not valid JSON: {e}."))
}

/// `POST /DeviceCode {targetRegion}`: a new code.
pub async fn issue(
    State(sim): State<Arc<Sim>>,
    Path(segment): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    admitted(&sim, &segment, &headers, Target::DeviceCode, |version| {
        issue_code(&sim, version, &body)
    })
    .await
}

/// The work of `POST /DeviceCode`.
fn issue_code(sim: &Sim, version: Version, body: &Bytes) -> Response {
    let body = match json_body(body) {
        Ok(b) => b,
        Err(message) => {
            return fault(StatusCode::BAD_REQUEST, &message, version.validation_code());
        }
    };
    match body.get("targetRegion") {
        None | Some(Value::Null) => {}
        Some(Value::String(r)) if crate::validate::REGIONS.contains(&r.as_str()) => {}
        Some(other) => {
            return fault(
                StatusCode::BAD_REQUEST,
                &format!("targetRegion {other} is not valid."),
                version.validation_code(),
            );
        }
    }
    let lifetime = sim.config.device_code_lifetime_secs;
    let user_code = new_code();
    let now = Instant::now();
    sim.codes
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(
            user_code.clone(),
            Code {
                issued: now,
                expires: now + Duration::from_secs(lifetime),
                signed_in: false,
                used: false,
            },
        );
    Json(json!({
        "userCode": user_code,
        "verificationUrl": VERIFICATION_URL,
        "expiresIn": lifetime,
        "message": format!("To sign in, use a web browser to open the page {VERIFICATION_URL} and enter the code {user_code} to authenticate."),
    }))
    .into_response()
}

/// `POST /DeviceCode/check {userCode}`: whether someone signed in with it.
pub async fn check(
    State(sim): State<Arc<Sim>>,
    Path(segment): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    admitted(&sim, &segment, &headers, Target::DeviceCheck, |version| {
        check_code(&sim, version, &body)
    })
    .await
}

/// The work of `POST /DeviceCode/check`.
fn check_code(sim: &Sim, version: Version, body: &Bytes) -> Response {
    let refuse =
        |message: String| fault(StatusCode::BAD_REQUEST, &message, version.validation_code());
    let body = match json_body(body) {
        Ok(b) => b,
        Err(message) => return refuse(message),
    };
    let Some(user_code) = body.get("userCode").and_then(Value::as_str) else {
        return refuse("userCode is required.".into());
    };
    let codes = sim.codes.0.lock().unwrap_or_else(|e| e.into_inner());
    let auto = sim.config.auto_sign_in_secs.map(Duration::from_secs);
    match codes.get(user_code) {
        None => refuse(format!(
            "The device code {user_code} was not issued by this server."
        )),
        Some(code) if Instant::now() >= code.expires => refuse(format!(
            "The device code {user_code} has expired. Request a new code."
        )),
        Some(code) => {
            Json(json!({ "authenticated": signed_in(code, auto, Instant::now()) })).into_response()
        }
    }
}

/// `POST /_sim/device-codes/{code}/sign-in`: what a Global Administrator
/// signing in at Microsoft would do (tests only).
pub async fn sign_in(State(sim): State<Arc<Sim>>, Path(code): Path<String>) -> StatusCode {
    let mut codes = sim.codes.0.lock().unwrap_or_else(|e| e.into_inner());
    match codes.get_mut(&code) {
        Some(entry) => {
            entry.signed_in = true;
            StatusCode::NO_CONTENT
        }
        None => StatusCode::NOT_FOUND,
    }
}
