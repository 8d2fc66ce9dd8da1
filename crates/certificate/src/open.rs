//! From the user's files and password to one certificate, its key and what
//! is wrong with them.

use sha1::Digest;
use zeroize::Zeroizing;

use crate::ber::{Malformed, Tlv, tag};
use crate::error::{Error, MAX_FILE_BYTES};
use crate::finding::{self, Finding, Severity};
use crate::key::PrivateKey;
use crate::pbe::{self, DecryptError};
use crate::time::UnixTime;
use crate::x509::{Certificate, hex_upper};
use crate::{base64, pem, pkcs12};

/// What the summary card and the inspector show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Subject, RFC 2253.
    pub subject: String,
    /// Issuer, RFC 2253.
    pub issuer: String,
    /// Serial number, uppercase hex.
    pub serial: String,
    /// Start of validity.
    pub not_before: UnixTime,
    /// End of validity.
    pub not_after: UnixTime,
    /// SHA-1 of the certificate, uppercase hex, as Microsoft Entra ID shows it.
    pub sha1_thumbprint: String,
    /// SHA-256 of the certificate, uppercase hex.
    pub sha256_thumbprint: String,
    /// The key algorithm.
    pub key_algorithm: crate::KeyAlgorithm,
    /// Key size in bits, where the algorithm has one.
    pub key_bits: Option<u32>,
    /// Whether the private key belongs to the certificate; `None` when the
    /// key file does not carry its public half (Ed25519 PKCS#8 v1).
    pub key_matches: Option<bool>,
    /// Certificates found across the files.
    pub certificates: usize,
}

/// A certificate and key that opened.
#[derive(Debug)]
pub struct Opened {
    /// What to show.
    pub summary: Summary,
    /// Problems, most important first.
    pub findings: Vec<Finding>,
    /// The chosen certificate.
    certificate: Certificate,
    /// The rest of the chain, for the .pfx the wizard writes.
    chain: Vec<Certificate>,
    key: PrivateKey,
    /// The user's own .pfx, when that is what they gave and it holds both.
    pfx: Option<Vec<u8>>,
}

impl Opened {
    /// Whether any finding blocks the step.
    pub fn blocked(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity() == Severity::Error)
    }

    /// The certificate's DER bytes: the `.cer` file to upload to Microsoft Entra ID.
    pub fn cer(&self) -> &[u8] {
        &self.certificate.der
    }

    /// The user's own .pfx bytes, when they gave one (send it unchanged).
    pub fn original_pfx(&self) -> Option<&[u8]> {
        self.pfx.as_deref()
    }

    /// Writes a new .pfx holding the key, the certificate and its chain.
    pub fn to_pfx(
        &self,
        password: &str,
        encryption: crate::Encryption,
        random: &mut dyn FnMut(&mut [u8]),
    ) -> Result<Vec<u8>, crate::WriteError> {
        let mut certs = vec![&self.certificate];
        certs.extend(self.chain.iter());
        crate::write::write_pfx(&self.key.pkcs8, &certs, password, encryption, random)
    }
}

/// The outcome of one pass of [`open_pass`].
pub enum Pass {
    /// Opened, or failed for a reason of its own.
    Done(Box<Result<Opened, Error>>),
    /// Derivations needed first: derive them (PBKDF2 with WebCrypto, say,
    /// and PKCS#12 side by side), add them to the memo with
    /// [`crate::Memo::answer`] and [`crate::Memo::answer_pkcs12`], and open
    /// again.
    Needs(crate::Missing),
}

/// [`open`] for callers with faster derivations of their own (the browser's
/// WebCrypto for PBKDF2, helper workers for long PKCS#12 derivations): the
/// derivations `defer` names that are missing from `memo` come back as
/// requests instead of being computed here. Other derivations are
/// remembered in `memo`, so the next pass does not repeat them.
pub fn open_pass(
    files: &[&[u8]],
    password: &str,
    now: UnixTime,
    memo: &mut crate::Memo,
    defer: crate::Defer,
) -> Pass {
    let (result, missing) = crate::derive::with_memo(memo, defer, || open(files, password, now));
    if missing.is_empty() {
        Pass::Done(Box::new(result))
    } else {
        Pass::Needs(missing)
    }
}

/// Everything found across the files.
#[derive(Default)]
struct Pool {
    certificates: Vec<Certificate>,
    keys: Vec<PrivateKey>,
    pfx: Option<Vec<u8>>,
}

/// Opens one or more files (a .pfx; or a certificate and a key, in one PEM
/// file or two) with `password`, and judges the result at time `now`.
pub fn open(files: &[&[u8]], password: &str, now: UnixTime) -> Result<Opened, Error> {
    let mut pool = Pool::default();
    for bytes in files {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Error::TooLarge { bytes: bytes.len() });
        }
        read_file(bytes, password, &mut pool, true)?;
    }
    choose(pool, now)
}

fn read_file(
    bytes: &[u8],
    password: &str,
    pool: &mut Pool,
    allow_base64: bool,
) -> Result<(), Error> {
    let trimmed = trim_text(bytes);
    if trimmed.is_empty() {
        return Err(Error::NotCertificateFile);
    }
    if pem::is_pem(bytes) {
        return read_pem(bytes, password, pool);
    }
    if pkcs12::looks_like_pfx(bytes) {
        let contents = pkcs12::read(bytes, password)?;
        if !contents.keys.is_empty() && !contents.certificates.is_empty() {
            pool.pfx = Some(bytes.to_vec());
        }
        pool.certificates.extend(contents.certificates);
        pool.keys.extend(contents.keys);
        return Ok(());
    }
    if Tlv::parse_whole(bytes).is_ok_and(|outer| outer.tag == tag::SEQUENCE) {
        return read_der(bytes, password, pool);
    }
    // A .pfx or certificate saved as Base64 text without PEM armour.
    if allow_base64 && let Some(decoded) = base64::decode(trimmed).filter(|d| !d.is_empty()) {
        let decoded = Zeroizing::new(decoded);
        if read_file(&decoded, password, pool, false).is_ok() {
            return Ok(());
        }
    }
    Err(Error::NotCertificateFile)
}

/// Strips a UTF-8 byte-order mark and surrounding whitespace.
fn trim_text(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// A DER file: a certificate, or a key in one of its encodings.
fn read_der(der: &[u8], password: &str, pool: &mut Pool) -> Result<(), Error> {
    if let Ok(cert) = Certificate::parse(der) {
        pool.certificates.push(cert);
        return Ok(());
    }
    if let Ok(key) = PrivateKey::from_pkcs8(der)
        .or_else(|_| PrivateKey::from_pkcs1(der))
        .or_else(|_| PrivateKey::from_sec1(der))
    {
        pool.keys.push(key);
        return Ok(());
    }
    if is_encrypted_pkcs8(der) {
        pool.keys.push(decrypt_pkcs8(der, password)?);
        return Ok(());
    }
    Err(Error::NotCertificateFile)
}

fn is_encrypted_pkcs8(der: &[u8]) -> bool {
    let probe = || -> Result<(), Malformed> {
        let mut parts = Tlv::parse_whole(der)?.expect(tag::SEQUENCE)?.children()?;
        parts.expect(tag::SEQUENCE)?.children()?.expect(tag::OID)?;
        parts.expect(tag::OCTET_STRING)?;
        if parts.is_empty() {
            Ok(())
        } else {
            Err(Malformed)
        }
    };
    probe().is_ok()
}

/// An EncryptedPrivateKeyInfo, trying each form of the password. Split by
/// hand rather than by `pkcs8`'s `EncryptedPrivateKeyInfo`: that type decodes
/// its algorithm as `pkcs5::EncryptionScheme`, which knows PBES1 and PBES2
/// only, while the same structure in a .pfx's shrouded key bag (read by
/// `pkcs12.rs` with the same `pbe::decrypt`) names the PKCS#12 PBEs
/// (openssl-legacy.p12, python-legacy.p12 and nss-legacy.p12 use
/// pbeWithSHA1And3-KeyTripleDES-CBC, as `openssl pkcs12 -info` shows),
/// and NSS writes the structures around it in BER with indefinite lengths
/// (nss-firefox.p12), which `der` refuses. The key
/// inside, once decrypted, is `pkcs8`'s `PrivateKeyInfo` (`key.rs`).
fn decrypt_pkcs8(der: &[u8], password: &str) -> Result<PrivateKey, Error> {
    let mut parts = Tlv::parse_whole(der)?.expect(tag::SEQUENCE)?.children()?;
    let algorithm = parts.expect(tag::SEQUENCE)?;
    let sealed = parts.expect(tag::OCTET_STRING)?.octets()?;
    for form in pbe::password_forms(password) {
        match pbe::decrypt(&algorithm, &sealed, &form) {
            // Right padding by chance with the wrong password: try on.
            Ok(plain) => match PrivateKey::from_pkcs8(&plain) {
                Ok(key) => return Ok(key),
                Err(_) => continue,
            },
            Err(DecryptError::BadPassword) => continue,
            Err(DecryptError::Fatal(e)) => return Err(e),
        }
    }
    Err(Error::WrongPassword {
        blank: password.is_empty(),
    })
}

fn read_pem(bytes: &[u8], password: &str, pool: &mut Pool) -> Result<(), Error> {
    let mut useful = false;
    for block in pem::blocks(bytes)? {
        let der = &block.der;
        match block.label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                // A TRUSTED CERTIFICATE carries trust settings after the certificate.
                let cert = Tlv::parse_prefix(der)?;
                pool.certificates.push(Certificate::parse(cert.raw)?);
            }
            "PRIVATE KEY" => pool.keys.push(PrivateKey::from_pkcs8(der)?),
            "ENCRYPTED PRIVATE KEY" => pool.keys.push(decrypt_pkcs8(der, password)?),
            "RSA PRIVATE KEY" | "EC PRIVATE KEY" => {
                let plain = if block.is_encrypted() {
                    block.decrypt(password)?
                } else {
                    block.der.clone()
                };
                let key = if block.label.starts_with("RSA") {
                    PrivateKey::from_pkcs1(&plain)
                } else {
                    PrivateKey::from_sec1(&plain)
                };
                // After DEK-Info decryption a parse failure means a wrong password.
                let key = key.map_err(|_| {
                    if block.is_encrypted() {
                        Error::WrongPassword {
                            blank: password.is_empty(),
                        }
                    } else {
                        Error::Damaged
                    }
                })?;
                pool.keys.push(key);
            }
            "PKCS12" => read_file(der, password, pool, false)?,
            _ => continue,
        }
        useful = true;
    }
    if useful {
        Ok(())
    } else {
        Err(Error::NotCertificateFile)
    }
}

/// Picks the certificate that belongs to the key and judges it.
fn choose(pool: Pool, now: UnixTime) -> Result<Opened, Error> {
    let Pool {
        mut certificates,
        mut keys,
        pfx,
    } = pool;
    if certificates.is_empty() {
        return Err(Error::NoCertificate);
    }
    if keys.is_empty() {
        let leaf = leaf_index(&certificates);
        return Err(Error::NoPrivateKey {
            subject: certificates[leaf].subject.clone(),
        });
    }
    let pairs = || (0..keys.len()).flat_map(|k| (0..certificates.len()).map(move |c| (k, c)));
    let matched =
        pairs().find(|&(k, c)| keys[k].matches(&certificates[c].public_key) == Some(true));
    let unknown = || pairs().find(|&(k, c)| keys[k].matches(&certificates[c].public_key).is_none());
    let (k, c) = matched
        .or_else(unknown)
        .unwrap_or((0, leaf_index(&certificates)));
    let key = keys.swap_remove(k);
    let certificate = certificates.remove(c);
    let key_matches = key.matches(&certificate.public_key);
    let public = &certificate.public_key;
    let findings = finding::assess(
        certificate.not_before,
        certificate.not_after,
        &public.algorithm,
        public.bits,
        key_matches,
        now,
    );
    let summary = Summary {
        subject: certificate.subject.clone(),
        issuer: certificate.issuer.clone(),
        serial: certificate.serial.clone(),
        not_before: certificate.not_before,
        not_after: certificate.not_after,
        sha1_thumbprint: hex_upper(&sha1::Sha1::digest(&certificate.der)),
        sha256_thumbprint: hex_upper(&sha2::Sha256::digest(&certificate.der)),
        key_algorithm: public.algorithm.clone(),
        key_bits: public.bits,
        key_matches,
        certificates: certificates.len() + 1,
    };
    let pfx = pfx.filter(|_| key_matches != Some(false));
    Ok(Opened {
        summary,
        findings,
        certificate,
        chain: certificates,
        key,
        pfx,
    })
}

/// The certificate that issued none of the others: the end of the chain.
fn leaf_index(certificates: &[Certificate]) -> usize {
    certificates
        .iter()
        .position(|c| {
            !certificates
                .iter()
                .any(|other| other.issuer == c.subject && other.subject != c.subject)
        })
        .unwrap_or(0)
}
