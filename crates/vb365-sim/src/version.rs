//! The API versions the simulator answers, and how they differ.

use axum::http::StatusCode;

/// A VB365 REST API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// v6: organizations listed as an array, created with 200.
    V6,
    /// v7: as v6, plus `errorCode` in faults.
    V7,
    /// v8: organizations listed as a page object, created with 201.
    V8,
}

impl Version {
    /// Parses the path segment `v6`, `v7` or `v8`.
    pub fn from_segment(segment: &str) -> Option<Self> {
        match segment {
            "v6" => Some(Version::V6),
            "v7" => Some(Version::V7),
            "v8" => Some(Version::V8),
            _ => None,
        }
    }

    /// The status of a successful `POST /Organizations`.
    pub fn created_status(self) -> StatusCode {
        match self {
            Version::V8 => StatusCode::CREATED,
            _ => StatusCode::OK,
        }
    }

    /// The `errorCode` of a validation fault; v6's fault object has none.
    pub fn validation_code(self) -> Option<&'static str> {
        match self {
            Version::V6 => None,
            // v7's published enum lists only ProxyOffline; the server still
            // sends its validation code there, as v8 documents it.
            Version::V7 | Version::V8 => Some("ParameterValidationFailure"),
        }
    }
}
