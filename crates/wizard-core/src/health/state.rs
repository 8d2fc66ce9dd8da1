//! How one organization's connection stands, in an administrator's words:
//! its method, the server's last sync with Microsoft (the refusal read
//! with the catalogue of `refusals`), and its backup jobs.

use crate::answers::AuthMethod;
use crate::health::{JobSummary, SyncReport, day_in_words, iso_day, key_end};
use crate::refusals::{Remedy, explain};

/// The label of the catalogue's entry for a key Microsoft never had: its
/// fix registers the new certificate (the grant box on).
const NOT_REGISTERED: &str = "Certificate not registered in Entra ID";

/// What the server can tell of an organization's sync, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Not read yet (v7 reads one organization at a time).
    Waiting,
    /// The server's report.
    Report(SyncReport),
    /// The server reported nothing for this organization (v8's list left it out).
    Absent,
    /// This version keeps no sync state (v6): the jobs are all there is.
    NotKept,
    /// The state could not be read: why.
    Failed(String),
}

/// The kind of state, for ordering, counting and the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateKind {
    /// The last sync succeeded (or, on v6, the last backup).
    Connected,
    /// Microsoft refused the connection (an expired key among them).
    Refused,
    /// Legacy or basic authentication: Exchange Web Services is blocked.
    Legacy,
    /// The connection syncs, but the last backup failed.
    BackupFailed,
    /// A first or requested sync runs.
    Checking,
    /// The server cannot say; the reason is given.
    Unknown,
}

/// What the row offers to fix it: an edit with these choices made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// "Renew certificate": an existing application with the certificate
    /// field ready; `register` ticks the grant box, so the server registers
    /// the new certificate in Entra ID (a key it never had).
    RenewCertificate {
        /// Tick the grant box.
        register: bool,
    },
    /// "Grant permissions": the grant box and a sign-in with a code.
    GrantPermissions,
    /// "Move to app-only".
    MoveToAppOnly,
}

impl Fix {
    /// The row's button.
    pub fn label(self) -> &'static str {
        match self {
            Fix::RenewCertificate { .. } => "Renew certificate",
            Fix::GrantPermissions => "Grant permissions",
            Fix::MoveToAppOnly => "Move to app-only",
        }
    }
}

/// One organization's connection, as its row says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// The kind of state.
    pub kind: StateKind,
    /// The state in words: "Connected", "Certificate expired on 25 November 2026".
    pub label: String,
    /// Why, in the server's (or the wizard's) words, one click away.
    pub reason: Option<String>,
    /// What the catalogue says it means, when it knows the failure.
    pub meaning: Option<&'static str>,
    /// The key's last day (`YYYY-MM-DD`), when Microsoft gave it.
    pub expiry: Option<String>,
    /// The fix the row offers.
    pub fix: Option<Fix>,
    /// When the server last checked (seconds since 1970, UTC).
    pub checked: Option<i64>,
    /// A second sign from the jobs: "Last backup failed on 1 December 2026".
    pub note: Option<String>,
}

impl Health {
    fn new(kind: StateKind, label: impl Into<String>) -> Health {
        Health {
            kind,
            label: label.into(),
            reason: None,
            meaning: None,
            expiry: None,
            fix: None,
            checked: None,
            note: None,
        }
    }

    fn because(mut self, reason: impl Into<String>) -> Health {
        self.reason = Some(reason.into());
        self
    }

    /// Whether the organization needs action: a refused connection, a
    /// failed backup, or a legacy method.
    pub fn needs_attention(&self) -> bool {
        matches!(
            self.kind,
            StateKind::Refused | StateKind::Legacy | StateKind::BackupFailed
        )
    }
}

/// How the connection of an organization with `method` stands, from what
/// the server said of its sync and its jobs.
pub fn classify(method: AuthMethod, reading: &Reading, jobs: Option<&JobSummary>) -> Health {
    let failed_backup = jobs.filter(|j| j.failed).map(|j| match j.failed_at {
        Some(at) => format!("Last backup failed on {}", day_in_words(at)),
        None => "Last backup failed".to_owned(),
    });
    if method != AuthMethod::AppOnly {
        let mut health = Health::new(
            StateKind::Legacy,
            "Legacy authentication: move to modern app-only",
        )
        .because("Microsoft blocks Exchange Web Services by default since 1 October 2026 and shuts it down on 1 April 2027: a legacy or basic organization's Exchange backups stop. Moving to modern app-only authentication is the fix.");
        health.fix = Some(Fix::MoveToAppOnly);
        health.note = failed_backup;
        return health;
    }
    let mut health = match reading {
        Reading::Waiting => Health::new(StateKind::Checking, "Checking\u{2026}"),
        Reading::Report(report) => from_report(report),
        Reading::Absent => Health::new(StateKind::Unknown, "Unknown")
            .because("The backup server reported no sync state for this organization."),
        Reading::Failed(why) => Health::new(StateKind::Unknown, "Unknown").because(why.clone()),
        Reading::NotKept => return from_jobs(jobs),
    };
    if let Some(failed) = failed_backup {
        if health.kind == StateKind::Connected {
            let mut backup = Health::new(StateKind::BackupFailed, failed)
                .because("The connection to Microsoft 365 works, but the organization's last backup job run failed: open the job's log on the backup server.");
            backup.checked = health.checked;
            return backup;
        }
        health.note = Some(failed);
    }
    health
}

/// A sync report in words.
fn from_report(report: &SyncReport) -> Health {
    if report.running {
        let mut health = Health::new(StateKind::Checking, "Checking\u{2026}")
            .because("The backup server is syncing this organization with Microsoft 365 now.");
        health.checked = report.last.as_ref().and_then(|l| l.ended);
        return health;
    }
    let Some(last) = &report.last else {
        return Health::new(StateKind::Unknown, "Unknown")
            .because("The backup server has not synced this organization with Microsoft 365 yet.");
    };
    let mut health = match last.succeeded {
        Some(true) => Health::new(StateKind::Connected, "Connected"),
        Some(false) => refused(last.error.as_deref().unwrap_or_default()),
        None => Health::new(StateKind::Unknown, "Unknown")
            .because("The backup server gave a sync result the wizard does not know."),
    };
    health.checked = last.ended;
    health
}

/// A refusal in words, with the catalogue's label, meaning and fix.
fn refused(words: &str) -> Health {
    let reason = if words.trim().is_empty() {
        "The backup server gave no reason.".to_owned()
    } else {
        words.to_owned()
    };
    let Some(found) = explain(words, None, None).into_iter().next() else {
        return Health::new(StateKind::Refused, "Connection failed").because(reason);
    };
    let mut health = Health::new(StateKind::Refused, found.label).because(reason);
    health.meaning = Some(found.meaning);
    health.fix = match (found.remedy, found.label) {
        (Some(Remedy::GrantPermissions), NOT_REGISTERED) => {
            Some(Fix::RenewCertificate { register: true })
        }
        (Some(Remedy::NewCertificate), _) => Some(Fix::RenewCertificate { register: false }),
        (Some(Remedy::GrantPermissions), _) => Some(Fix::GrantPermissions),
        (Some(Remedy::AppOnly), _) => Some(Fix::MoveToAppOnly),
        _ => None,
    };
    if found.label == "Certificate expired" {
        let end = key_end(words);
        health.expiry = end.map(iso_day);
        if let Some(end) = end {
            health.label = format!("Certificate expired on {}", day_in_words(end));
        }
    }
    health
}

/// A v6 server's only signs: the jobs.
fn from_jobs(jobs: Option<&JobSummary>) -> Health {
    let v6 = "This backup server (REST API v6) keeps no sync state";
    match jobs {
        None => Health::new(StateKind::Unknown, "Unknown").because(format!(
            "{v6}, and no backup job protects this organization."
        )),
        Some(job) if job.failed => {
            let label = match job.failed_at {
                Some(at) => format!("Last backup failed on {}", day_in_words(at)),
                None => "Last backup failed".to_owned(),
            };
            let since = job.last_backup.map_or_else(
                || "There is no successful backup on record.".to_owned(),
                |at| format!("The last successful backup was on {}.", day_in_words(at)),
            );
            let mut health = Health::new(StateKind::BackupFailed, label).because(format!(
                "{v6}: its backup job failed. {since} Open the job's log on the backup server for Microsoft's words."
            ));
            health.checked = job.failed_at;
            health
        }
        Some(job) => {
            let mut health = match job.last_backup {
                Some(at) => Health::new(
                    StateKind::Connected,
                    format!("Last backup succeeded on {}", day_in_words(at)),
                ),
                None => Health::new(StateKind::Unknown, "Unknown"),
            }
            .because(format!("{v6}: its backup job is the only sign."));
            health.checked = job.last_backup;
            health
        }
    }
}
