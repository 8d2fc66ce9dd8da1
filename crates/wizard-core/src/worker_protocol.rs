//! The one protocol between the page and the certificate worker, used by
//! both sides: what the page asks ([`WorkerJob`], crossing as one short
//! string beside the files, the password and the time) and what the worker
//! answers for a certificate field ([`CertificateOutcome`] as JSON text). The
//! JavaScript between them only carries these values; it reads none.

use crate::certificate_choice::CertificateOutcome;
use certificate::Encryption;

/// What the page asks the certificate worker to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkerJob {
    /// Open the files for the certificate field; a .pfx built from PEM is
    /// protected with this encryption. Answered with a [`CertificateOutcome`].
    Choose(Encryption),
    /// The inspector's JSON report (`inspectCertificate` for hosts).
    Inspect,
}

impl WorkerJob {
    /// The job as it crosses to the worker.
    pub fn to_wire(self) -> &'static str {
        match self {
            WorkerJob::Choose(Encryption::Compatible) => "choose-3des",
            WorkerJob::Choose(Encryption::Aes256) => "choose-aes256",
            WorkerJob::Inspect => "inspect",
        }
    }

    /// The job a wire string names, if any.
    pub fn from_wire(text: &str) -> Option<Self> {
        [
            WorkerJob::Choose(Encryption::Compatible),
            WorkerJob::Choose(Encryption::Aes256),
            WorkerJob::Inspect,
        ]
        .into_iter()
        .find(|job| job.to_wire() == text)
    }
}

/// What the page shows when the worker's answer cannot be read.
pub const UNREADABLE_ANSWER: &str =
    "The certificate reader gave an answer this page cannot read. Reload the page.";

impl CertificateOutcome {
    /// The outcome as the worker sends it. Should writing it ever fail, the
    /// page still gets a refusal that says so, never an empty answer.
    pub fn to_wire(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            format!(r#"{{"rejected":"{UNREADABLE_ANSWER}","pfx_base64":null,"card":null}}"#)
        })
    }

    /// The outcome the worker sent, or the message to show instead.
    pub fn from_wire(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|_| UNREADABLE_ANSWER.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_survives_the_crossing() {
        for job in [
            WorkerJob::Choose(Encryption::Compatible),
            WorkerJob::Choose(Encryption::Aes256),
            WorkerJob::Inspect,
        ] {
            assert_eq!(WorkerJob::from_wire(job.to_wire()), Some(job));
        }
        assert_eq!(WorkerJob::from_wire("choose"), None);
        assert_eq!(WorkerJob::from_wire(""), None);
    }

    #[test]
    fn outcomes_survive_the_crossing_and_garbage_is_named() {
        let outcome = CertificateOutcome {
            rejected: Some("Wrong \"password\".".into()),
            pfx_base64: None,
            card: None,
        };
        assert_eq!(
            CertificateOutcome::from_wire(&outcome.to_wire()),
            Ok(outcome)
        );
        assert_eq!(
            CertificateOutcome::from_wire("{\"rejected\":"),
            Err(UNREADABLE_ANSWER.to_owned())
        );
        assert_eq!(
            CertificateOutcome::from_wire(""),
            Err(UNREADABLE_ANSWER.to_owned())
        );
    }
}
