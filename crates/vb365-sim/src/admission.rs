//! Who may call the guarded endpoints (Organizations, DeviceCode): a version
//! this server offers and a valid bearer token, with the fault armed for the
//! endpoint, if any. Its own module so the endpoints share it without
//! importing each other.

use crate::faults::{self, Target};
use crate::reply::{fault, unknown_version};
use crate::token::bearer;
use crate::{Sim, Version};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// Why a request may not proceed.
pub(crate) enum Refused {
    UnknownVersion,
    Unauthorized,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::UnknownVersion => unknown_version(),
            Refused::Unauthorized => fault(
                StatusCode::UNAUTHORIZED,
                "Authorization has been denied for this request.",
                None,
            ),
        }
    }
}

/// The version from the path, if it is known and the bearer token is valid.
pub(crate) fn admit(sim: &Sim, segment: &str, headers: &HeaderMap) -> Result<Version, Refused> {
    let version = sim.offered(segment).ok_or(Refused::UnknownVersion)?;
    match bearer(headers) {
        Some(token) if sim.store.access_valid(token) => Ok(version),
        _ => Err(Refused::Unauthorized),
    }
}

/// Runs an endpoint's `work` for the admitted version, with the fault armed
/// for `target`, if any; an unknown version or token answers instead.
pub(crate) async fn admitted(
    sim: &Sim,
    segment: &str,
    headers: &HeaderMap,
    target: Target,
    work: impl FnOnce(Version) -> Response,
) -> Response {
    // Counted until answered or dropped: `GET /_sim/idle` waits for none.
    let _counted = crate::idle::Busy::new(&sim.busy);
    match admit(sim, segment, headers) {
        Ok(version) => faults::around(&sim.faults, target, || work(version)).await,
        Err(refused) => refused.into_response(),
    }
}
