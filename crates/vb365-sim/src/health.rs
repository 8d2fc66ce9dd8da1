//! Connection health as the server keeps it: each organization's last sync
//! with Microsoft and the one running now, in memory. A seeded organization
//! may carry a broken connection (`Cause`); a sync then ends with Microsoft's
//! own words, until an edit mends what broke: a new certificate for an
//! expired one, a grant (`configureApplication`) for a key never registered
//! or for consent never given.

use crate::clock;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Why an organization's connection fails, as Microsoft words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// The certificate's key expired (AADSTS700027, `End=` month/day/year).
    Expired,
    /// The certificate was never uploaded to the application (AADSTS700027).
    NotRegistered,
    /// Nobody granted admin consent (AADSTS65001).
    NoConsent,
}

impl Cause {
    /// The sync's error text, as the server wraps Microsoft's answer.
    fn words(&self, organization: &Value) -> String {
        let settings = &organization["exchangeOnlineSettings"];
        let settings = if settings.is_object() {
            settings
        } else {
            &organization["sharePointOnlineSettings"]
        };
        let app = settings["applicationId"].as_str().unwrap_or_default();
        let thumb = settings["applicationCertificateThumbprint"]
            .as_str()
            .unwrap_or_default();
        let tail = format!(
            "Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '{app}'.] Trace ID: 0f3c9a7e-2b41-4d1e-9c55-7e2a1b6d4400 Correlation ID: 8d21f0c4-5a3b-4e7f-b9d2-13c6e5a7f801 Timestamp: 2026-12-01 03:12:09Z"
        );
        match self {
            Cause::Expired => format!(
                "Failed to synchronize organization: AADSTS700027: Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '{thumb}', Found key 'Start=11/26/2025 18:56:32, End=11/25/2026 23:59:59', {tail}"
            ),
            Cause::NotRegistered => format!(
                "Failed to synchronize organization: AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '{thumb}', {tail}"
            ),
            Cause::NoConsent => format!(
                "Failed to synchronize organization: AADSTS65001: The user or administrator has not consented to use the application with ID '{app}' named 'Veeam Backup for Microsoft 365'. Send an interactive authorization request for this user and resource. Trace ID: 4b7d2c19-0e8a-4f63-a1d5-9c2e7b3f6a10"
            ),
        }
    }
}

/// The end of a sync.
#[derive(Debug, Clone)]
struct Last {
    start: String,
    end: String,
    error: Option<String>,
}

/// A sync under way.
#[derive(Debug, Clone)]
struct Running {
    scheduled: String,
    started: Instant,
    done_at: Instant,
}

#[derive(Debug, Clone, Default)]
struct Record {
    cause: Option<Cause>,
    last: Option<Last>,
    running: Option<Running>,
    /// A backup job protects the organization (the seeded ones).
    job: bool,
}

/// Every organization's sync, by id.
#[derive(Default)]
pub struct Health {
    inner: Mutex<HashMap<String, Record>>,
}

impl Health {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Record>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A seeded organization's state: synced `ago` before now, ending with
    /// `cause`'s words if it has one.
    pub fn seed(&self, id: &str, organization: &Value, cause: Option<Cause>, ago: Duration) {
        let error = cause.as_ref().map(|c| c.words(organization));
        let start = clock::rfc3339_before(ago + Duration::from_secs(42));
        let end = clock::rfc3339_before(ago);
        self.lock().insert(
            id.to_owned(),
            Record {
                cause,
                last: Some(Last { start, end, error }),
                running: None,
                job: true,
            },
        );
    }

    /// A seeded organization that does not sync (legacy, basic): its
    /// backup job only.
    pub fn seed_job(&self, id: &str) {
        self.lock().entry(id.to_owned()).or_default().job = true;
    }

    /// The organization's backup job, if it has one: `(lastStatus,
    /// lastRun, lastBackup)`, failed while its connection fails, with a
    /// warning for a legacy organization (Exchange Web Services is blocked).
    pub fn job(&self, id: &str, legacy: bool) -> Option<(&'static str, String, String)> {
        let all = self.lock();
        let record = all.get(id).filter(|r| r.job)?;
        let ran = clock::rfc3339_before(Duration::from_secs(2 * 3600));
        Some(match (&record.cause, legacy) {
            (Some(_), _) => (
                "Failed",
                ran,
                clock::rfc3339_before(Duration::from_secs(9 * 86_400)),
            ),
            (None, true) => ("Warning", ran.clone(), ran),
            (None, false) => ("Success", ran.clone(), ran),
        })
    }

    /// Starts a sync that ends `after` from now (a first one, or one asked
    /// for with `POST /Organizations/{id}/Sync`).
    pub fn start(&self, id: &str, after: Duration) {
        let now = Instant::now();
        let mut all = self.lock();
        let record = all.entry(id.to_owned()).or_default();
        if record.running.is_none() {
            record.running = Some(Running {
                scheduled: clock::rfc3339_after(Duration::ZERO),
                started: now,
                done_at: now + after,
            });
        }
    }

    /// An edit saved: what it mends is mended (`before` and `after` are the
    /// organization as stored; `granted` when the body had
    /// `configureApplication`).
    pub fn edited(&self, id: &str, before: &Value, after: &Value, granted: bool) {
        let mut all = self.lock();
        let Some(record) = all.get_mut(id) else {
            return;
        };
        let new_certificate = thumbprint(before) != thumbprint(after);
        let mended = match record.cause {
            Some(Cause::Expired) => new_certificate,
            Some(Cause::NotRegistered | Cause::NoConsent) => granted,
            None => false,
        };
        if mended {
            record.cause = None;
        }
    }

    /// The organization's state in v8's shape (`RESTOrganizationSyncState`).
    pub fn v8(&self, id: &str, organization: &Value, segment: &str) -> Value {
        let record = self.settled(id, organization);
        let last = record.last.as_ref().map(|l| {
            json!({
                "type": "Incremental",
                "result": if l.error.is_some() { "Error" } else { "Success" },
                "startTime": l.start,
                "endTime": l.end,
                "error": l.error,
            })
        });
        let current = record.running.as_ref().map(|r| {
            json!({
                "type": "Incremental",
                "scheduledTime": r.scheduled,
                "startTime": r.scheduled,
                "status": if r.started.elapsed() < Duration::from_millis(200) { "Queued" } else { "Running" },
            })
        });
        json!({
            "organizationId": id,
            "lastSyncState": last,
            "currentSyncState": current,
            "_links": { "self": { "href": format!("/{segment}/Organizations/{id}/SyncState") } },
        })
    }

    /// The organization's state in v7's shape: the last sync only.
    pub fn v7(&self, id: &str, organization: &Value) -> Value {
        let record = self.settled(id, organization);
        match &record.last {
            None => json!({ "type": null, "status": "None", "lastSyncTime": null, "error": null }),
            Some(l) => json!({
                "type": "Incremental",
                "status": if l.error.is_some() { "Error" } else { "Success" },
                "lastSyncTime": l.end,
                "error": l.error,
            }),
        }
    }

    /// The record, with a sync whose time is up ended first.
    fn settled(&self, id: &str, organization: &Value) -> Record {
        let mut all = self.lock();
        let record = all.entry(id.to_owned()).or_default();
        if let Some(running) = &record.running
            && running.done_at <= Instant::now()
        {
            let took = running.done_at.saturating_duration_since(running.started);
            record.last = Some(Last {
                start: clock::rfc3339_before(took),
                end: clock::rfc3339_after(Duration::ZERO),
                error: record.cause.as_ref().map(|c| c.words(organization)),
            });
            record.running = None;
        }
        record.clone()
    }
}

fn thumbprint(organization: &Value) -> Option<&str> {
    ["exchangeOnlineSettings", "sharePointOnlineSettings"]
        .iter()
        .find_map(|k| organization[k]["applicationCertificateThumbprint"].as_str())
}
