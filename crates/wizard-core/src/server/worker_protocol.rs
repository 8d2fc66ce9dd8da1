//! The one protocol between the page and the certificate worker, used by
//! both sides: what the page asks ([`WorkerJob`]) and what the worker
//! answers for a certificate field ([`CertificateOutcome`]), each crossing
//! as JSON text written and read by serde here. The JavaScript between them
//! only carries these values; it reads none. Both documents are ours, so an
//! unknown member is refused rather than ignored: it means the page and the
//! worker come from different builds.

use serde::{Deserialize, Serialize};

use crate::answers::CertificateOutcome;
use certificate::Encryption;

/// What the page asks the certificate worker to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "kebab-case", deny_unknown_fields)]
pub enum WorkerJob {
    /// Open the files for the certificate field; a .pfx built from PEM is
    /// protected with `encryption`. Answered with a [`CertificateOutcome`].
    Choose {
        /// The protection of a .pfx built from PEM.
        #[serde(with = "EncryptionWire")]
        encryption: Encryption,
    },
    /// The inspector's JSON report (`inspectCertificate` for hosts). A
    /// struct variant, not a unit one: serde refuses unknown members only
    /// in struct variants of an internally tagged enum.
    Inspect {},
    /// Generate a key pair and a self-signed certificate; the .pfx is
    /// protected with this encryption. Answered with a [`CertificateOutcome`].
    Generate {
        /// The subject's common name.
        subject: String,
        /// Years of validity.
        years: u8,
        /// RSA key size.
        bits: u32,
        /// The .pfx's protection.
        #[serde(with = "EncryptionWire")]
        encryption: Encryption,
    },
}

/// [`Encryption`] on the wire; the certificate crate carries no serde.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Encryption", rename_all = "kebab-case")]
enum EncryptionWire {
    Compatible,
    Aes256,
}

impl WorkerJob {
    /// The job as it crosses to the worker.
    pub fn to_wire(&self) -> String {
        crate::server::to_text(self)
    }

    /// The job a wire string names, if any.
    pub fn from_wire(text: &str) -> Option<Self> {
        crate::server::from_object(text).ok()
    }
}

/// What the page shows when the worker's answer cannot be read.
pub const UNREADABLE_ANSWER: &str =
    "The certificate reader gave an answer this page cannot read. Reload the page.";

impl CertificateOutcome {
    /// The outcome as the worker sends it.
    pub fn to_wire(&self) -> String {
        crate::server::to_text(self)
    }

    /// The outcome the worker sent, or the message to show instead.
    pub fn from_wire(text: &str) -> Result<Self, String> {
        crate::server::from_object(text).map_err(|_| UNREADABLE_ANSWER.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{CardFinding, CertificateCard};

    #[test]
    fn every_job_survives_the_crossing() {
        for job in [
            WorkerJob::Choose {
                encryption: Encryption::Compatible,
            },
            WorkerJob::Choose {
                encryption: Encryption::Aes256,
            },
            WorkerJob::Inspect {},
            WorkerJob::Generate {
                subject: "Veeam \"app\", é".into(),
                years: 3,
                bits: 4096,
                encryption: Encryption::Aes256,
            },
        ] {
            assert_eq!(WorkerJob::from_wire(&job.to_wire()), Some(job));
        }
        assert_eq!(
            WorkerJob::from_wire(r#"{"job":"generate","subject":"x"}"#),
            None
        );
        assert_eq!(WorkerJob::from_wire(r#"{"job":"format-disk"}"#), None);
        assert_eq!(WorkerJob::from_wire("choose"), None);
        assert_eq!(WorkerJob::from_wire(""), None);
        // Ours on both sides: a member this build does not know is refused.
        assert_eq!(
            WorkerJob::from_wire(r#"{"job":"inspect","verbose":true}"#),
            None
        );
        assert_eq!(
            WorkerJob::from_wire(r#"{"job":"choose","encryption":"rc4"}"#),
            None
        );
        assert_eq!(
            WorkerJob::from_wire(r#"{"job":"choose","encryption":"aes256"}"#),
            Some(WorkerJob::Choose {
                encryption: Encryption::Aes256
            })
        );
    }

    #[test]
    fn a_card_survives_the_crossing() {
        let outcome = CertificateOutcome {
            rejected: None,
            pfx_base64: Some("MIIK".into()),
            card: Some(CertificateCard {
                subject: "CN=app \"x\", O=é".into(),
                issuer: "CN=ca".into(),
                serial: "01AB".into(),
                valid_from: "2026-01-01".into(),
                valid_to: "2028-01-01".into(),
                sha1_thumbprint: "A1".into(),
                sha256_thumbprint: "B2".into(),
                key: "RSA, 2048 bits".into(),
                certificates: 2,
                findings: vec![CardFinding {
                    blocking: false,
                    message: "Expires in 20 days.".into(),
                }],
                cer: vec![0x30, 0x82, 0x00, 0xff],
                built_pfx: true,
            }),
        };
        assert_eq!(
            CertificateOutcome::from_wire(&outcome.to_wire()),
            Ok(outcome)
        );
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
        for garbage in [
            "",
            "[]",
            r#"{"rejected": 1}"#,
            r#"{"card": {"subject": "x"}}"#,
            r#"{"rejected": null, "pfx_base64": null, "card": null, "extra": 1}"#,
            // The .pfx damaged on the way: refused, never sent to the server.
            r#"{"rejected": null, "pfx_base64": "MIIK\n", "card": null}"#,
            r#"{"rejected": null, "pfx_base64": "MI-K", "card": null}"#,
            r#"{"rejected": null, "pfx_base64": "MIIKMA", "card": null}"#,
        ] {
            assert_eq!(
                CertificateOutcome::from_wire(garbage),
                Err(UNREADABLE_ANSWER.to_owned()),
                "{garbage}"
            );
        }
    }
}
