//! Faults the tests arm through `POST /_sim/faults`, each spent by the next
//! request it matches: how the real server and the network fail.

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::Deserialize;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::Sim;

/// One way a request can go wrong.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Answer normally, `ms` late (before doing the work).
    Latency {
        /// Milliseconds to wait.
        ms: u64,
    },
    /// Fail with this status and no body (500, 503, 502…).
    Status {
        /// The HTTP status.
        status: u16,
    },
    /// Refuse the bearer token as expired (401).
    ExpiredToken,
    /// Refuse with this message, as the server does when Microsoft refused
    /// it (`{message, errorCode}`): tests send Microsoft's real failures.
    Refuse {
        /// The HTTP status; 400 when not given.
        #[serde(default = "bad_request")]
        status: u16,
        /// The server's message, Microsoft's words inside it.
        message: String,
        /// The server's `errorCode`, if any.
        #[serde(default, rename = "errorCode")]
        error_code: Option<String>,
    },
    /// Answer this body instead of the work (a server that answers
    /// something malformed, or too much), as JSON; 200 when not given.
    Answer {
        /// The HTTP status.
        #[serde(default = "ok")]
        status: u16,
        /// The body, as sent.
        body: String,
    },
    /// Do the work, then cut the connection before the answer is complete.
    DropAfterCommit,
    /// Do the work, then close the connection before any byte of the answer.
    /// A browser takes that for a stale keep-alive connection and silently
    /// sends the same POST again, which the server refuses as a duplicate.
    CloseAfterCommit,
    /// Do the work, then answer 200/201 with a body that is not JSON.
    MalformedAfterCommit,
    /// Do the work, then wait `ms` before answering (longer than the client
    /// waits: the outcome is unknown to it).
    SlowAfterCommit {
        /// Milliseconds to wait.
        ms: u64,
    },
    /// Answer normally, but send the body a few bytes at a time, `ms` apart.
    Trickle {
        /// Milliseconds between chunks.
        ms: u64,
    },
}

fn bad_request() -> u16 {
    400
}

fn ok() -> u16 {
    200
}

/// Which endpoint a fault waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Target {
    /// `POST /v{N}/token`.
    #[serde(rename = "token")]
    Token,
    /// `POST /v{N}/Organizations`.
    #[serde(rename = "add")]
    AddOrganization,
    /// `GET /v{N}/Organizations`.
    #[serde(rename = "list")]
    ListOrganizations,
    /// `GET /v{N}/Organizations/{id}`.
    #[serde(rename = "read")]
    ReadOrganization,
    /// `PUT /v{N}/Organizations/{id}`.
    #[serde(rename = "edit")]
    EditOrganization,
    /// `POST /v{N}/DeviceCode`.
    #[serde(rename = "device_code")]
    DeviceCode,
    /// `POST /v{N}/DeviceCode/check`.
    #[serde(rename = "device_check")]
    DeviceCheck,
    /// `GET /v{N}/Organizations/SyncState` and `…/{id}/SyncState`.
    #[serde(rename = "sync_state")]
    SyncState,
    /// `POST /v{N}/Organizations/{id}/Sync`.
    #[serde(rename = "sync")]
    Sync,
    /// `GET /v{N}/Jobs`.
    #[serde(rename = "jobs")]
    Jobs,
    /// `GET /v{N}/ServiceInstance`.
    #[serde(rename = "service_instance")]
    ServiceInstance,
}

/// What `POST /_sim/faults` takes.
#[derive(Debug, Deserialize)]
pub struct Arm {
    /// The endpoint.
    pub target: Target,
    /// The fault.
    pub fault: Fault,
}

/// Armed faults, first in first out.
#[derive(Default)]
pub struct Faults(Mutex<VecDeque<Arm>>);

impl Faults {
    /// The first fault armed for `target`, removed from the queue.
    pub fn take(&self, target: Target) -> Option<Fault> {
        let mut queue = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let index = queue.iter().position(|a| a.target == target)?;
        queue.remove(index).map(|a| a.fault)
    }
}

/// `POST /_sim/faults`: arms one fault.
pub(crate) async fn arm(State(sim): State<Arc<Sim>>, Json(arm): Json<Arm>) -> StatusCode {
    sim.faults
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push_back(arm);
    StatusCode::NO_CONTENT
}

/// `DELETE /_sim/faults`: disarms everything.
pub(crate) async fn clear(State(sim): State<Arc<Sim>>) -> StatusCode {
    sim.faults
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    StatusCode::NO_CONTENT
}

/// Runs an endpoint's `work` with the fault armed for `target`, if any: a fault
/// may answer instead of the work, delay it, or bend its answer.
pub(crate) async fn around(
    faults: &Faults,
    target: Target,
    work: impl FnOnce() -> Response,
) -> Response {
    let fault = faults.take(target);
    if let Some(answer) = before_work(&fault).await {
        return answer;
    }
    after_work(fault, work()).await
}

/// The answer for a fault that strikes before the work is done, if any;
/// latency is served here too.
async fn before_work(fault: &Option<Fault>) -> Option<Response> {
    match fault {
        Some(Fault::Latency { ms }) => {
            tokio::time::sleep(Duration::from_millis(*ms)).await;
            None
        }
        Some(Fault::Status { status }) => Some(
            StatusCode::from_u16(*status)
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response(),
        ),
        Some(Fault::ExpiredToken) => Some(crate::reply::fault(
            StatusCode::UNAUTHORIZED,
            "The access token has expired.",
            None,
        )),
        Some(Fault::Answer { status, body }) => Some(
            (
                StatusCode::from_u16(*status).unwrap_or(StatusCode::OK),
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body.clone(),
            )
                .into_response(),
        ),
        Some(Fault::Refuse {
            status,
            message,
            error_code,
        }) => Some(crate::reply::fault(
            StatusCode::from_u16(*status).unwrap_or(StatusCode::BAD_REQUEST),
            message,
            error_code.as_deref(),
        )),
        _ => None,
    }
}

/// Bends a finished answer (the work is done) as the fault says.
async fn after_work(fault: Option<Fault>, response: Response) -> Response {
    match fault {
        Some(Fault::DropAfterCommit) => {
            // The headers and the start of the body go out, then the
            // connection is cut. (Cut before any byte is CloseAfterCommit.)
            let (parts, body) = with_body(response).into_parts();
            let bytes = axum::body::to_bytes(body, 1 << 20)
                .await
                .unwrap_or_default();
            let start = bytes.slice(..bytes.len().min(8));
            let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                Ok(start),
                Err(std::io::Error::other("connection dropped by fault")),
            ];
            let broken = futures_util::stream::iter(chunks).then(|chunk| async move {
                // Let the first bytes reach the client before the cut.
                tokio::time::sleep(Duration::from_millis(50)).await;
                chunk
            });
            Response::from_parts(parts, Body::from_stream(broken))
        }
        Some(Fault::CloseAfterCommit) => {
            // A body that fails on its first poll: hyper drops the connection
            // with the status line still unsent.
            let (parts, _) = with_body(response).into_parts();
            let cut = futures_util::stream::once(async {
                Err::<Bytes, _>(std::io::Error::other("connection closed by fault"))
            });
            Response::from_parts(parts, Body::from_stream(cut))
        }
        Some(Fault::MalformedAfterCommit) => {
            let (parts, _) = with_body(response).into_parts();
            Response::from_parts(parts, Body::from("{\"id\": \"3f1c"))
        }
        Some(Fault::SlowAfterCommit { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            response
        }
        Some(Fault::Trickle { ms }) => {
            let (parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, 1 << 20)
                .await
                .unwrap_or_default();
            let chunks: Vec<Bytes> = bytes.chunks(16).map(Bytes::copy_from_slice).collect();
            let stream =
                futures_util::stream::unfold(chunks.into_iter(), move |mut rest| async move {
                    let chunk = rest.next()?;
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                    Some((Ok::<_, std::io::Error>(chunk), rest))
                });
            Response::from_parts(parts, Body::from_stream(stream))
        }
        _ => response,
    }
}

/// The answer with a status that carries a body. A 204 (the edit's answer)
/// has none, so hyper would send it whole without polling the body a fault
/// bends: it becomes a 200, whose status the bent answer never delivers.
fn with_body(mut response: Response) -> Response {
    if response.status() == StatusCode::NO_CONTENT {
        *response.status_mut() = StatusCode::OK;
    }
    response
}
