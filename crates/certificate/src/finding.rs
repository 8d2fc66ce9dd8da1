//! Problems found in a certificate that opened: some block the step, some
//! only warn.

use std::fmt;

use crate::time::{UnixTime, rfc3339};

/// Certificates expiring sooner than this get a warning.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// Whether a finding stops the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The server or Microsoft Entra ID would refuse it.
    Error,
    /// It works now but needs attention.
    Warning,
}

/// One thing worth telling the user about an opened certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The private key belongs to none of the certificates.
    KeyMismatch,
    /// Validity ended.
    Expired {
        /// When it ended.
        not_after: UnixTime,
    },
    /// Validity has not started.
    NotYetValid {
        /// When it starts.
        not_before: UnixTime,
    },
    /// Validity ends within [`EXPIRY_WARNING_DAYS`].
    ExpiresSoon {
        /// Whole days left.
        days: i64,
    },
    /// Microsoft Entra ID application certificates need RSA.
    KeyNotRsa {
        /// The key's algorithm, as named in the summary.
        algorithm: String,
    },
    /// Microsoft Entra ID needs at least 2048 bits.
    RsaTooSmall {
        /// The key's size.
        bits: u32,
    },
}

impl Finding {
    /// A stable snake_case code for programs (the inspector's `findings`).
    pub fn code(&self) -> &'static str {
        match self {
            Finding::KeyMismatch => "key_mismatch",
            Finding::Expired { .. } => "expired",
            Finding::NotYetValid { .. } => "not_yet_valid",
            Finding::ExpiresSoon { .. } => "expires_soon",
            Finding::KeyNotRsa { .. } => "key_not_rsa",
            Finding::RsaTooSmall { .. } => "rsa_too_small",
        }
    }

    /// Whether it blocks the step.
    pub fn severity(&self) -> Severity {
        match self {
            Finding::ExpiresSoon { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::KeyMismatch => f.write_str(
                "The private key does not belong to this certificate. Use the key that was created with it, or export both together as a .pfx.",
            ),
            Finding::Expired { not_after } => write!(
                f,
                "This certificate expired on {}. Create or renew the certificate, upload it to the application in Microsoft Entra ID (Certificates & secrets), and use the new file here.",
                day(*not_after)
            ),
            Finding::NotYetValid { not_before } => write!(
                f,
                "This certificate is valid only from {}. Wait until then, or check this computer's clock.",
                day(*not_before)
            ),
            Finding::ExpiresSoon { days } => write!(
                f,
                "This certificate expires in {days} day{}. Backups stop when it does: plan to renew it.",
                if *days == 1 { "" } else { "s" }
            ),
            Finding::KeyNotRsa { algorithm } => write!(
                f,
                "This certificate has an {algorithm} key; Microsoft Entra ID application certificates need an RSA key. Create an RSA certificate (2048 bits or more)."
            ),
            Finding::RsaTooSmall { bits } => write!(
                f,
                "This RSA key has {bits} bits; Microsoft Entra ID needs at least 2048. Create a new certificate with a 2048-bit or larger key."
            ),
        }
    }
}

fn day(time: UnixTime) -> String {
    rfc3339(time)[..10].to_string()
}

/// The findings for a certificate at time `now`, in order of importance.
pub fn assess(
    not_before: UnixTime,
    not_after: UnixTime,
    algorithm: &crate::key::KeyAlgorithm,
    bits: Option<u32>,
    key_matches: Option<bool>,
    now: UnixTime,
) -> Vec<Finding> {
    let mut found = Vec::new();
    if key_matches == Some(false) {
        found.push(Finding::KeyMismatch);
    }
    if now > not_after {
        found.push(Finding::Expired { not_after });
    } else if now < not_before {
        found.push(Finding::NotYetValid { not_before });
    } else if not_after - now < EXPIRY_WARNING_DAYS * 86_400 {
        found.push(Finding::ExpiresSoon {
            days: (not_after - now) / 86_400,
        });
    }
    if !algorithm.is_rsa() {
        found.push(Finding::KeyNotRsa {
            algorithm: algorithm_label(algorithm),
        });
    } else if let Some(bits) = bits.filter(|b| *b < 2048) {
        found.push(Finding::RsaTooSmall { bits });
    }
    found
}

fn algorithm_label(algorithm: &crate::key::KeyAlgorithm) -> String {
    use crate::key::KeyAlgorithm::*;
    match algorithm {
        Ec => "elliptic-curve (EC)".into(),
        Ed25519 => "Ed25519".into(),
        Ed448 => "Ed448".into(),
        Dsa => "DSA".into(),
        other => other.name().to_string(),
    }
}
