//! Proof after saving: the wizard asks the server to sync the organization
//! (`POST …/Sync`), then reads its state until a sync that ended after the
//! request says whether Microsoft accepts the connection. Gives up after
//! two minutes; a lost answer to the request is not a failure (the sync may
//! have started: the state tells); a removed organization and an ended
//! session end the wait with their own words.

use crate::answers::AuthMethod;
use crate::health::{Health, Reading, SyncReport, classify, time_in_words};
use crate::server::ApiError;

/// How long the wizard waits for the sync's result.
pub const GIVE_UP_AFTER_MS: u64 = 120_000;

/// How often the state is read while waiting.
pub const POLL_EVERY_MS: u64 = 2_000;

/// Reads that may fail in a row before the wait ends.
const FAILED_READS: u32 = 3;

/// What the state said before the request: a later end is the new sync's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    /// The last sync ended then.
    Ended(i64),
    /// The organization had never synced.
    Never,
    /// Not read: a sync that ended a minute before the request counts.
    Unknown,
}

/// What the wizard does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Read the state again after this many milliseconds.
    Read {
        /// The wait before the read.
        after_ms: u64,
    },
    /// The wait is over.
    Done(Verdict),
}

/// How the wait ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Microsoft 365 accepted the connection, in a sync that ended then.
    Accepted {
        /// When the sync ended (seconds since 1970).
        at: Option<i64>,
    },
    /// Microsoft refused it: the refusal in words.
    Refused(Health),
    /// Two minutes passed without a result.
    GaveUp,
    /// The person chose "Stop waiting".
    Stopped,
    /// The organization is no longer on the server.
    Gone,
    /// The server session ended: sign in again to check.
    SignInAgain,
    /// The server refused the request or the reads: its words.
    Failed(String),
}

impl Verdict {
    /// What the Finish step says.
    pub fn sentence(&self) -> String {
        match self {
            Verdict::Accepted { at: Some(at) } => format!(
                "Microsoft 365 accepted the connection: the backup server synced the organization at {}.",
                time_in_words(*at)
            ),
            Verdict::Accepted { at: None } => {
                "Microsoft 365 accepted the connection: the backup server synced the organization.".to_owned()
            }
            Verdict::Refused(health) => format!(
                "Microsoft 365 refused the connection: {}.",
                health.label
            ),
            Verdict::GaveUp => "The backup server has not finished the sync after two minutes. Its result will show on the organization's row in Check connections when the sync ends.".to_owned(),
            Verdict::Stopped => "Stopped waiting. The sync goes on on the backup server: Check connections shows its result.".to_owned(),
            Verdict::Gone => "The organization is no longer on the backup server: it may have been removed meanwhile.".to_owned(),
            Verdict::SignInAgain => "The backup server session ended before the sync's result came: sign in again in Check connections to see it.".to_owned(),
            Verdict::Failed(why) => format!("The sync's result could not be read: {why}"),
        }
    }
}

/// One wait for one organization's sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfirm {
    /// A sync that ended after this (seconds since 1970) is the new one.
    after: i64,
    failed_reads: u32,
}

impl SyncConfirm {
    /// A wait whose request goes out at `now` (seconds since 1970).
    pub fn new(now: i64, baseline: Baseline) -> SyncConfirm {
        let after = match baseline {
            Baseline::Ended(at) => at,
            Baseline::Never => i64::MIN,
            Baseline::Unknown => now - 60,
        };
        SyncConfirm {
            after,
            failed_reads: 0,
        }
    }

    /// The answer to `POST …/Sync`, `elapsed_ms` after the request.
    pub fn requested(&mut self, answer: Result<(), ApiError>, elapsed_ms: u64) -> Next {
        match answer {
            Ok(()) => self.again(elapsed_ms),
            Err(e) if e.outcome_unknown() => self.again(elapsed_ms),
            Err(e) => Next::Done(ended_by(e)),
        }
    }

    /// A read of the organization's sync state, `elapsed_ms` after the
    /// request.
    pub fn read(&mut self, answer: Result<SyncReport, ApiError>, elapsed_ms: u64) -> Next {
        let report = match answer {
            Ok(report) => report,
            Err(e @ (ApiError::Unauthorized | ApiError::Rejected { status: 404, .. })) => {
                return Next::Done(ended_by(e));
            }
            Err(e) => {
                self.failed_reads += 1;
                if self.failed_reads >= FAILED_READS {
                    return Next::Done(Verdict::Failed(e.to_string()));
                }
                return self.again(elapsed_ms);
            }
        };
        self.failed_reads = 0;
        match &report.last {
            Some(last) if !report.running && last.ended.is_some_and(|e| e > self.after) => {
                Next::Done(match last.succeeded {
                    Some(true) => Verdict::Accepted { at: last.ended },
                    _ => Verdict::Refused(classify(
                        AuthMethod::AppOnly,
                        &Reading::Report(report.clone()),
                        None,
                    )),
                })
            }
            _ => self.again(elapsed_ms),
        }
    }

    fn again(&self, elapsed_ms: u64) -> Next {
        if elapsed_ms >= GIVE_UP_AFTER_MS {
            Next::Done(Verdict::GaveUp)
        } else {
            Next::Read {
                after_ms: POLL_EVERY_MS.min(GIVE_UP_AFTER_MS - elapsed_ms),
            }
        }
    }
}

fn ended_by(error: ApiError) -> Verdict {
    match error {
        ApiError::Unauthorized => Verdict::SignInAgain,
        ApiError::Rejected { status: 404, .. } => Verdict::Gone,
        e => Verdict::Failed(e.to_string()),
    }
}
