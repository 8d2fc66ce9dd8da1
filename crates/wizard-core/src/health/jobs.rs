//! Backup jobs read (`RESTJob`): v8's page, v6's and v7's array. A failed
//! job with an old last backup is the other sign of a broken connection,
//! and the only one a v6 server gives.

use crate::health::parse_time;
use crate::health::sync_state::SyncReadError;
use serde_json::Value;

/// What one organization's jobs say, together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobSummary {
    /// The last run of one of its jobs failed.
    pub failed: bool,
    /// When that failed run was (its `lastRun`).
    pub failed_at: Option<i64>,
    /// The last successful backup of any of its jobs.
    pub last_backup: Option<i64>,
}

/// One page (v8) or the whole array (v6, v7) of jobs: each job's
/// organization and status, and how many jobs the page held.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobsPage {
    /// `(organization id, summary)` per job whose organization is known.
    pub jobs: Vec<(String, JobSummary)>,
    /// Jobs on the page, known organization or not.
    pub count: usize,
    /// The answer was v8's page (ask for the next while pages are full).
    pub paged: bool,
}

/// Reads a `GET /Jobs` answer.
pub fn read_jobs(text: &str) -> Result<JobsPage, SyncReadError> {
    let value: Value = serde_json::from_str(text).map_err(|_| SyncReadError::NotJson)?;
    let (items, paged) = match &value {
        Value::Array(items) => (items, false),
        Value::Object(o) => match o.get("results") {
            Some(Value::Array(items)) => (items, true),
            _ => return Err(SyncReadError::Unrecognised),
        },
        _ => return Err(SyncReadError::Unrecognised),
    };
    let jobs = items
        .iter()
        .filter_map(|job| Some((organization_of(job)?, summary_of(job))))
        .collect();
    Ok(JobsPage {
        jobs,
        count: items.len(),
        paged,
    })
}

/// The job's organization: v8's `organizationId`, or the last segment of
/// its `organization` link.
fn organization_of(job: &Value) -> Option<String> {
    if let Some(id) = job.get("organizationId").and_then(Value::as_str) {
        return Some(id.to_owned());
    }
    let href = job
        .get("_links")?
        .get("organization")?
        .get("href")?
        .as_str()?;
    let id = href.trim_end_matches('/').rsplit('/').next()?;
    (!id.is_empty()).then(|| id.to_owned())
}

fn summary_of(job: &Value) -> JobSummary {
    let time = |key: &str| job.get(key).and_then(Value::as_str).and_then(parse_time);
    let failed = job.get("lastStatus").and_then(Value::as_str) == Some("Failed");
    JobSummary {
        failed,
        failed_at: if failed { time("lastRun") } else { None },
        last_backup: time("lastBackup"),
    }
}

impl JobSummary {
    /// Two jobs of one organization as one: failed if either failed, the
    /// later of the backups.
    pub fn merge(&mut self, other: &JobSummary) {
        if other.failed {
            self.failed = true;
            self.failed_at = self.failed_at.max(other.failed_at);
        }
        self.last_backup = self.last_backup.max(other.last_backup);
    }
}
