//! The server's sync states read: v8's `RESTOrganizationSyncState` (one, or
//! the array of `GET /v8/Organizations/SyncState`) and v7's own shape
//! (`{type, status, lastSyncTime, error}`). Read leniently, as JSON values:
//! a state that is missing, null or malformed becomes a reason on its row,
//! never a failed page.

use crate::health::parse_time;
use serde::Deserialize;
use serde_json::Value;

/// How much of the server's failure text is kept: Microsoft's words fit
/// many times over; a runaway answer does not reach the page whole.
pub const WORDS_KEPT: usize = 4_000;

/// What the server says of one organization's sync with Microsoft.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncReport {
    /// The last sync that ended, if any.
    pub last: Option<LastSync>,
    /// A sync is queued or running now.
    pub running: bool,
}

/// How the last sync ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastSync {
    /// `Success` (true), `Error` (false), or a result the wizard cannot read.
    pub succeeded: Option<bool>,
    /// When it ended (seconds since 1970, UTC), if the server said readably.
    pub ended: Option<i64>,
    /// The server's words for a failure, at most [`WORDS_KEPT`] characters.
    pub error: Option<String>,
}

/// Why a sync state could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncReadError {
    /// The answer is not JSON.
    NotJson,
    /// JSON, but not the shape either version documents.
    Unrecognised,
}

impl SyncReadError {
    /// The reason, as a row shows it.
    pub fn reason(&self) -> &'static str {
        match self {
            SyncReadError::NotJson => {
                "The backup server's answer about the sync is not JSON: a proxy or another service may have answered instead."
            }
            SyncReadError::Unrecognised => {
                "The backup server's answer about the sync has a shape the wizard does not know."
            }
        }
    }
}

/// Each organization's id and its report (or why the report is unreadable).
pub type SyncList = Vec<(String, Result<SyncReport, SyncReadError>)>;

/// `GET /v8/Organizations/SyncState`: each organization's id and report.
/// Entries without an id are left out (their rows then say the server
/// reported nothing).
pub fn read_sync_list(text: &str) -> Result<SyncList, SyncReadError> {
    // The documented shape, typed: a service provider's thousands are read
    // in a fraction of the time a JSON value tree takes (`make bench`).
    // Anything else is read leniently, entry by entry, below.
    if let Ok(entries) = serde_json::from_str::<Vec<Documented>>(text) {
        return Ok(entries
            .into_iter()
            .filter(|e| !e.organization_id.trim().is_empty())
            .map(|e| {
                let running = e
                    .current_sync_state
                    .and_then(|c| c.status)
                    .is_some_and(|s| matches!(s.as_str(), "Queued" | "Running"));
                let last = e.last_sync_state.map(|l| LastSync {
                    succeeded: l.result.as_deref().and_then(result_in),
                    ended: l.end_time.as_deref().and_then(parse_time),
                    error: l.error.as_deref().and_then(kept_words),
                });
                (
                    e.organization_id.trim().to_owned(),
                    Ok(SyncReport { last, running }),
                )
            })
            .collect());
    }
    let value: Value = serde_json::from_str(text).map_err(|_| SyncReadError::NotJson)?;
    let Value::Array(items) = value else {
        return Err(SyncReadError::Unrecognised);
    };
    Ok(items
        .iter()
        .filter_map(|item| {
            let id = item.get("organizationId")?.as_str()?.trim();
            (!id.is_empty()).then(|| (id.to_owned(), report_of(item)))
        })
        .collect())
}

/// `GET /v{7,8}/Organizations/{id}/SyncState`, in either version's shape.
pub fn read_sync_one(text: &str) -> Result<SyncReport, SyncReadError> {
    let value: Value = serde_json::from_str(text).map_err(|_| SyncReadError::NotJson)?;
    report_of(&value)
}

/// One state, v8's shape or v7's.
fn report_of(value: &Value) -> Result<SyncReport, SyncReadError> {
    let Value::Object(o) = value else {
        return Err(SyncReadError::Unrecognised);
    };
    if o.contains_key("lastSyncState") || o.contains_key("currentSyncState") {
        let running = o
            .get("currentSyncState")
            .and_then(|c| c.get("status"))
            .and_then(Value::as_str)
            .is_some_and(|s| matches!(s, "Queued" | "Running"));
        let last = match o.get("lastSyncState") {
            Some(Value::Object(l)) => Some(LastSync {
                succeeded: result_of(l.get("result")),
                ended: time_of(l.get("endTime")),
                error: words_of(l.get("error")),
            }),
            _ => None,
        };
        return Ok(SyncReport { last, running });
    }
    match o.get("status") {
        Some(Value::String(s)) if s == "None" => Ok(SyncReport::default()),
        Some(Value::String(_)) => Ok(SyncReport {
            last: Some(LastSync {
                succeeded: result_of(o.get("status")),
                ended: time_of(o.get("lastSyncTime")),
                error: words_of(o.get("error")),
            }),
            running: false,
        }),
        None if o.contains_key("organizationId") => Ok(SyncReport::default()),
        _ => Err(SyncReadError::Unrecognised),
    }
}

/// `RESTOrganizationSyncState` as v8 documents it; other members ignored.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Documented {
    organization_id: String,
    #[serde(default)]
    last_sync_state: Option<DocumentedLast>,
    #[serde(default)]
    current_sync_state: Option<DocumentedCurrent>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocumentedLast {
    #[serde(default)]
    result: Option<String>,
    #[serde(default)]
    end_time: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

#[derive(Deserialize)]
struct DocumentedCurrent {
    #[serde(default)]
    status: Option<String>,
}

fn result_of(value: Option<&Value>) -> Option<bool> {
    result_in(value?.as_str()?)
}

fn result_in(text: &str) -> Option<bool> {
    match text {
        "Success" => Some(true),
        "Error" | "Failed" | "Warning" => Some(false),
        _ => None,
    }
}

fn time_of(value: Option<&Value>) -> Option<i64> {
    parse_time(value?.as_str()?)
}

/// The failure text, cut at [`WORDS_KEPT`] characters.
fn words_of(value: Option<&Value>) -> Option<String> {
    kept_words(value?.as_str()?)
}

/// `text`, trimmed and cut at [`WORDS_KEPT`] characters; nothing if empty.
fn kept_words(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(match text.char_indices().nth(WORDS_KEPT) {
        Some((at, _)) => format!("{}\u{2026}", &text[..at]),
        None => text.to_owned(),
    })
}
