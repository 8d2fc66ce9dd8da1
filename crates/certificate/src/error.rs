//! Why a file could not be opened, in words a person can act on.

use std::fmt;

use crate::ber::Malformed;

/// The largest file accepted; real certificate files are a few kilobytes.
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// A file (or set of files) that cannot give a usable certificate and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge {
        /// The file's size.
        bytes: usize,
    },
    /// Neither PKCS#12, PEM nor a DER certificate or key.
    NotCertificateFile,
    /// Looks like a certificate file but its structure is broken.
    Damaged,
    /// The password does not open the file; `blank` when none was typed.
    WrongPassword {
        /// No password was typed (the empty and the absent one were tried).
        blank: bool,
    },
    /// A certificate without its private key (a .cer or .crt, or a .pfx
    /// exported without the key).
    NoPrivateKey {
        /// The certificate's subject, to name it.
        subject: String,
    },
    /// A key without any certificate.
    NoCertificate,
    /// An encryption, MAC or integrity scheme this reader does not implement.
    UnsupportedAlgorithm(String),
    /// The key derivation asks for more iterations than the cap.
    TooManyIterations(u64),
    /// The scrypt parameters ask for more memory than the cap.
    ScryptTooCostly {
        /// The memory the parameters ask for, in MiB.
        memory_mib: u64,
    },
}

impl From<Malformed> for Error {
    fn from(_: Malformed) -> Self {
        Error::Damaged
    }
}

impl Error {
    /// A stable snake_case code for programs (the inspector's `error`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::TooLarge { .. } => "too_large",
            Error::NotCertificateFile => "not_a_certificate_file",
            Error::Damaged => "damaged",
            Error::WrongPassword { .. } => "wrong_password",
            Error::NoPrivateKey { .. } => "no_private_key",
            Error::NoCertificate => "no_certificate",
            Error::UnsupportedAlgorithm(_) => "unsupported_algorithm",
            Error::TooManyIterations(_) => "too_many_iterations",
            Error::ScryptTooCostly { .. } => "scrypt_too_costly",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooLarge { bytes } => write!(
                f,
                "This file is {} KiB; certificate files are a few KiB and this reader stops at 1 MiB. Choose the .pfx, .p12, .pem or .key file itself.",
                bytes / 1024
            ),
            Error::NotCertificateFile => f.write_str(
                "This is not a certificate file. Choose a .pfx or .p12 file, or a PEM certificate together with its private key.",
            ),
            Error::Damaged => f.write_str(
                "This file looks like a certificate file but is damaged or incomplete. Export or download it again.",
            ),
            Error::WrongPassword { blank: true } => {
                f.write_str("This file is protected by a password. Enter the password it was exported with.")
            }
            Error::WrongPassword { blank: false } => f.write_str(
                "The password does not open this file. Check for typos and the keyboard layout, or ask whoever exported it.",
            ),
            Error::NoPrivateKey { subject } => write!(
                f,
                "This file holds the certificate {subject} but not its private key. Export it again as a .pfx with the private key, or add the key file."
            ),
            Error::NoCertificate => f.write_str(
                "This file holds a private key but no certificate. Add the certificate file (.cer, .crt or .pem) too.",
            ),
            Error::UnsupportedAlgorithm(name) => write!(
                f,
                "This file uses {name}, which this wizard cannot open. Export it again with AES-256 or 3DES encryption."
            ),
            Error::TooManyIterations(n) => write!(
                f,
                "This file asks for {n} password iterations, more than the 10,000,000 this wizard allows. Export it again with a lower iteration count."
            ),
            Error::ScryptTooCostly { memory_mib } => write!(
                f,
                "This key's scrypt settings need {memory_mib} MiB of memory, more than the 256 MiB this wizard allows. Export it again with PBKDF2 or lower scrypt settings."
            ),
        }
    }
}

impl std::error::Error for Error {}
