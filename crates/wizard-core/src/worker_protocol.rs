//! The one protocol between the page and the certificate worker, used by
//! both sides: what the page asks ([`WorkerJob`], crossing as one short
//! string beside the files, the password and the time) and what the worker
//! answers for a certificate field ([`CertificateOutcome`] as JSON text,
//! written and read here). The JavaScript between them only carries these
//! values; it reads none.

use crate::certificate_choice::{CardFinding, CertificateCard, CertificateOutcome};
use crate::json::{self, Json, ObjectWriter};
use certificate::Encryption;

/// What the page asks the certificate worker to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerJob {
    /// Open the files for the certificate field; a .pfx built from PEM is
    /// protected with this encryption. Answered with a [`CertificateOutcome`].
    Choose(Encryption),
    /// The inspector's JSON report (`inspectCertificate` for hosts).
    Inspect,
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
        encryption: Encryption,
    },
}

const SIMPLE: [(&str, WorkerJob); 3] = [
    ("choose-3des", WorkerJob::Choose(Encryption::Compatible)),
    ("choose-aes256", WorkerJob::Choose(Encryption::Aes256)),
    ("inspect", WorkerJob::Inspect),
];

impl WorkerJob {
    /// The job as it crosses to the worker: a name, or for generation a
    /// small JSON object.
    pub fn to_wire(&self) -> String {
        if let WorkerJob::Generate {
            subject,
            years,
            bits,
            encryption,
        } = self
        {
            return ObjectWriter::new()
                .string("job", "generate")
                .string("subject", subject)
                .number("years", u64::from(*years))
                .number("bits", u64::from(*bits))
                .bool("aes", *encryption == Encryption::Aes256)
                .finish();
        }
        SIMPLE
            .iter()
            .find(|(_, job)| job == self)
            .map_or_else(String::new, |(name, _)| (*name).to_owned())
    }

    /// The job a wire string names, if any.
    pub fn from_wire(text: &str) -> Option<Self> {
        if let Some((_, job)) = SIMPLE.iter().find(|(name, _)| *name == text) {
            return Some(job.clone());
        }
        let json = Json::parse(text).ok()?;
        if json.str_of("job")? != "generate" {
            return None;
        }
        let small = |key| json.get(key)?.as_u64();
        Some(WorkerJob::Generate {
            subject: json.str_of("subject")?.to_owned(),
            years: u8::try_from(small("years")?).ok()?,
            bits: u32::try_from(small("bits")?).ok()?,
            encryption: if json.get("aes")?.as_bool()? {
                Encryption::Aes256
            } else {
                Encryption::Compatible
            },
        })
    }
}

/// What the page shows when the worker's answer cannot be read.
pub const UNREADABLE_ANSWER: &str =
    "The certificate reader gave an answer this page cannot read. Reload the page.";

impl CertificateOutcome {
    /// The outcome as the worker sends it.
    pub fn to_wire(&self) -> String {
        ObjectWriter::new()
            .string_or_null("rejected", self.rejected.as_deref())
            .string_or_null("pfx_base64", self.pfx_base64.as_deref())
            .raw(
                "card",
                &self
                    .card
                    .as_ref()
                    .map_or_else(|| "null".to_owned(), card_json),
            )
            .finish()
    }

    /// The outcome the worker sent, or the message to show instead.
    pub fn from_wire(text: &str) -> Result<Self, String> {
        let unreadable = || UNREADABLE_ANSWER.to_owned();
        let json = Json::parse(text).map_err(|_| unreadable())?;
        json.as_object().ok_or_else(unreadable)?;
        let optional = |key| match json.get(key) {
            None | Some(Json::Null) => Some(None),
            Some(Json::String(s)) => Some(Some(s.clone())),
            Some(_) => None,
        };
        let card = match json.get("card") {
            None | Some(Json::Null) => None,
            Some(card) => Some(read_card(card).ok_or_else(unreadable)?),
        };
        Ok(CertificateOutcome {
            rejected: optional("rejected").ok_or_else(unreadable)?,
            pfx_base64: optional("pfx_base64").ok_or_else(unreadable)?,
            card,
        })
    }
}

fn card_json(card: &CertificateCard) -> String {
    let findings = card.findings.iter().map(|f| {
        ObjectWriter::new()
            .bool("blocking", f.blocking)
            .string("message", &f.message)
            .finish()
    });
    ObjectWriter::new()
        .string("subject", &card.subject)
        .string("issuer", &card.issuer)
        .string("serial", &card.serial)
        .string("valid_from", &card.valid_from)
        .string("valid_to", &card.valid_to)
        .string("sha1_thumbprint", &card.sha1_thumbprint)
        .string("sha256_thumbprint", &card.sha256_thumbprint)
        .string("key", &card.key)
        .number("certificates", card.certificates as u64)
        .raw("findings", &json::array(findings))
        .string("cer", &certificate::base64::encode(&card.cer))
        .bool("built_pfx", card.built_pfx)
        .finish()
}

fn read_card(json: &Json) -> Option<CertificateCard> {
    let text = |key| json.str_of(key).map(str::to_owned);
    let findings = json
        .get("findings")?
        .as_array()?
        .iter()
        .map(|f| {
            Some(CardFinding {
                blocking: f.get("blocking")?.as_bool()?,
                message: f.str_of("message")?.to_owned(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(CertificateCard {
        subject: text("subject")?,
        issuer: text("issuer")?,
        serial: text("serial")?,
        valid_from: text("valid_from")?,
        valid_to: text("valid_to")?,
        sha1_thumbprint: text("sha1_thumbprint")?,
        sha256_thumbprint: text("sha256_thumbprint")?,
        key: text("key")?,
        certificates: usize::try_from(json.get("certificates")?.as_u64()?).ok()?,
        findings,
        cer: certificate::base64::decode(json.str_of("cer")?.as_bytes())?,
        built_pfx: json.get("built_pfx")?.as_bool()?,
    })
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
        ] {
            assert_eq!(
                CertificateOutcome::from_wire(garbage),
                Err(UNREADABLE_ANSWER.to_owned()),
                "{garbage}"
            );
        }
    }
}
