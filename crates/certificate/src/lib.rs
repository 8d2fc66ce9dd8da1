//! Opens the certificate files people actually have (PKCS#12 from OpenSSL,
//! Windows, macOS, Java, Firefox and Python; PEM and DER certificates with
//! PKCS#8, PKCS#1 or SEC1 keys), says what is in them and what is wrong with
//! them, and writes the .pfx and .cer the server and Microsoft Entra ID need.
//!
//! Plain Rust with no browser types, so the same code runs in the page, in
//! the simulator and in native tests. No input may panic: every read is
//! bounds-checked and every failure is an [`Error`].

pub mod base64;
mod ber;
mod crypto;
mod der;
mod derive;
mod error;
mod finding;
pub mod generate;
mod key;
mod oid;
mod open;
mod pbe;
mod pem;
mod pkcs12;
mod report;
mod time;
mod write;
mod x509;

pub use derive::{Defer, Memo, Missing, Pbkdf2Request, Pkcs12Request, compute_pkcs12};

/// Computes a PBKDF2 request in this thread.
pub use derive::compute as compute_pbkdf2;
pub use error::{Error, MAX_FILE_BYTES};
pub use finding::{EXPIRY_WARNING_DAYS, Finding, Severity};
pub use key::KeyAlgorithm;
pub use open::{Opened, Pass, Summary, open, open_pass};
pub use pbe::{MAX_ITERATIONS, MAX_SCRYPT_MEMORY};
pub use report::report_json;
pub use time::{UnixTime, civil_from_days, days_from_civil, rfc3339};
pub use write::{Encryption, WriteError, write_pfx};
