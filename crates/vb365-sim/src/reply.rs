//! The shapes of the server's answers.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// A fault as the REST API sends it (`RESTExceptionInfo`).
pub fn fault(status: StatusCode, message: &str, code: Option<&str>) -> Response {
    let mut body = json!({ "message": message });
    if let Some(code) = code {
        body["errorCode"] = Value::from(code);
    }
    (status, Json(body)).into_response()
}

/// A refusal from the token endpoint, OAuth style.
pub fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

/// The answer to an unknown API version segment.
pub fn unknown_version() -> Response {
    fault(
        StatusCode::NOT_FOUND,
        "This server offers the REST API versions v6, v7 and v8.",
        None,
    )
}
