//! A self-signed certificate for an Entra ID application, built with
//! RustCrypto's `x509-cert`: the to-be-signed part is encoded here, signed
//! elsewhere (WebCrypto in the browser, which keeps the key out of this
//! code), and the signature assembled here into the certificate.
//!
//! What it holds: subject and issuer `CN=<name>`, a random positive 16-byte
//! serial, validity from five minutes before now for whole years,
//! basicConstraints CA:false (critical), keyUsage digitalSignature and
//! keyEncipherment (critical), extendedKeyUsage clientAuth, a
//! subjectKeyIdentifier (SHA-1 of the public key), sha256WithRSAEncryption.

use pkcs8::PrivateKeyInfo;
use sha1::Digest;
use std::fmt;
use x509_cert::Certificate;
use x509_cert::TbsCertificate;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::certificate::Version;
use x509_cert::der::asn1::{Any, BitString, OctetString, SetOfVec, UtcTime, Utf8StringRef};
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{
    BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectKeyIdentifier,
};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::{Time, Validity};

use crate::oid;

/// How far before "now" validity starts, for clocks slightly behind.
pub const BACKDATE_SECONDS: i64 = 300;

/// What the certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRequest {
    /// The subject's common name (the application's or organization's name).
    pub common_name: String,
    /// 16 random bytes; made positive and full-length here.
    pub serial: [u8; 16],
    /// Now, in Unix seconds.
    pub now: i64,
    /// Years of validity: 1, 2 or 3.
    pub years: u8,
}

/// Why a certificate could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GenerateError {
    /// The common name is empty or longer than 64 characters.
    BadName,
    /// The validity is not 1, 2 or 3 years.
    BadYears,
    /// The key is not an RSA public key (SubjectPublicKeyInfo).
    NotRsaKey,
    /// The exported private key is not an RSA PKCS#8 key.
    NotRsaPrivateKey,
    /// A structure could not be encoded (named), a fault in this builder.
    Encoding(&'static str),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GenerateError::BadName => {
                "Enter a subject name of 1 to 64 characters, such as the application's name."
            }
            GenerateError::BadYears => "Choose a validity of 1, 2 or 3 years.",
            GenerateError::NotRsaKey | GenerateError::NotRsaPrivateKey => {
                "The browser did not give an RSA key. Reload the page and generate again."
            }
            GenerateError::Encoding(_) => {
                "The certificate could not be built. Reload the page and generate again."
            }
        })
    }
}

impl std::error::Error for GenerateError {}

fn encoding(what: &'static str) -> impl Fn(x509_cert::der::Error) -> GenerateError {
    move |_| GenerateError::Encoding(what)
}

/// `CN=<name>`, as a UTF8String.
fn common_name(name: &str) -> Result<Name, GenerateError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(GenerateError::BadName);
    }
    let value = Any::from(Utf8StringRef::new(name).map_err(encoding("common name"))?);
    let attribute = AttributeTypeAndValue {
        oid: oid::CN.id,
        value,
    };
    let set = SetOfVec::try_from(vec![attribute]).map_err(encoding("name"))?;
    Ok(RdnSequence(vec![RelativeDistinguishedName(set)]))
}

/// UTCTime until 2049, as RFC 5280 asks (GeneralizedTime after).
fn time(unix: i64) -> Result<Time, GenerateError> {
    let seconds = u64::try_from(unix).map_err(|_| GenerateError::Encoding("time"))?;
    let duration = std::time::Duration::from_secs(seconds);
    let date = x509_cert::der::DateTime::from_unix_duration(duration).map_err(encoding("time"))?;
    if date.year() < 2050 {
        Ok(Time::UtcTime(
            UtcTime::from_date_time(date).map_err(encoding("time"))?,
        ))
    } else {
        Ok(Time::GeneralTime(date.into()))
    }
}

/// The same date `years` later (29 February becomes 28 February).
fn years_later(unix: i64, years: u8) -> i64 {
    let days = unix.div_euclid(86_400);
    let seconds = unix.rem_euclid(86_400);
    let (y, m, d) = crate::time::civil_from_days(days);
    let y = y + i64::from(years);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let d = if m == 2 && d == 29 && !leap { 28 } else { d };
    crate::time::days_from_civil(y, m, d) * 86_400 + seconds
}

fn extension(
    id: ObjectIdentifier,
    critical: bool,
    value: &impl Encode,
) -> Result<Extension, GenerateError> {
    let der = value.to_der().map_err(encoding("extension"))?;
    Ok(Extension {
        extn_id: id,
        critical,
        extn_value: OctetString::new(der).map_err(encoding("extension"))?,
    })
}

fn sha256_with_rsa() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: oid::SHA256_WITH_RSA.id,
        parameters: Some(Any::null()),
    }
}

/// Checks what the request says (the name and the validity), before any
/// key is made for it.
pub fn check_request(request: &CertificateRequest) -> Result<(), GenerateError> {
    if !(1..=3).contains(&request.years) {
        return Err(GenerateError::BadYears);
    }
    common_name(&request.common_name).map(|_| ())
}

/// The to-be-signed certificate's DER, for `spki_der` (the RSA public key
/// as SubjectPublicKeyInfo, as WebCrypto exports it).
pub fn to_be_signed(
    request: &CertificateRequest,
    spki_der: &[u8],
) -> Result<Vec<u8>, GenerateError> {
    check_request(request)?;
    let spki =
        SubjectPublicKeyInfoOwned::from_der(spki_der).map_err(|_| GenerateError::NotRsaKey)?;
    if spki.algorithm.oid != oid::RSA.id {
        return Err(GenerateError::NotRsaKey);
    }
    let mut serial = request.serial;
    // Positive and without a leading zero: always 16 bytes of DER content.
    serial[0] = (serial[0] & 0x7f) | 0x40;
    let name = common_name(&request.common_name)?;
    let not_before = request.now - BACKDATE_SECONDS;
    let key_id = sha1::Sha1::digest(spki.subject_public_key.raw_bytes());
    let extensions = vec![
        extension(
            oid::BASIC_CONSTRAINTS.id,
            true,
            &BasicConstraints {
                ca: false,
                path_len_constraint: None,
            },
        )?,
        extension(
            oid::KEY_USAGE.id,
            true,
            &KeyUsage(KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment),
        )?,
        extension(
            oid::EXT_KEY_USAGE.id,
            false,
            &ExtendedKeyUsage(vec![oid::CLIENT_AUTH.id]),
        )?,
        extension(
            oid::SUBJECT_KEY_ID.id,
            false,
            &SubjectKeyIdentifier(OctetString::new(key_id.to_vec()).map_err(encoding("key id"))?),
        )?,
    ];
    let tbs = TbsCertificate {
        version: Version::V3,
        serial_number: SerialNumber::new(&serial).map_err(encoding("serial"))?,
        signature: sha256_with_rsa(),
        issuer: name.clone(),
        validity: Validity {
            not_before: time(not_before)?,
            not_after: time(years_later(not_before, request.years))?,
        },
        subject: name,
        subject_public_key_info: spki,
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(extensions),
    };
    tbs.to_der().map_err(encoding("certificate"))
}

/// The certificate's DER: `tbs_der` with its sha256WithRSAEncryption
/// `signature`.
pub fn assemble(tbs_der: &[u8], signature: &[u8]) -> Result<Vec<u8>, GenerateError> {
    let tbs_certificate = TbsCertificate::from_der(tbs_der).map_err(encoding("certificate"))?;
    let certificate = Certificate {
        tbs_certificate,
        signature_algorithm: sha256_with_rsa(),
        signature: BitString::from_bytes(signature).map_err(encoding("signature"))?,
    };
    certificate.to_der().map_err(encoding("certificate"))
}

/// Checks that the key the browser exported (PKCS#8) is an RSA key, before
/// it goes into the .pfx.
pub fn check_private_key(pkcs8_der: &[u8]) -> Result<(), GenerateError> {
    let info = PrivateKeyInfo::from_der(pkcs8_der).map_err(|_| GenerateError::NotRsaPrivateKey)?;
    if info.algorithm.oid == oid::RSA.id {
        Ok(())
    } else {
        Err(GenerateError::NotRsaPrivateKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The corpus' RSA 2048 public key, as WebCrypto would export it.
    pub(crate) fn rsa2048_spki() -> Vec<u8> {
        let der = include_bytes!("../../../tests/fixtures/certs/corpus/rsa2048.der");
        Certificate::from_der(der)
            .unwrap()
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .unwrap()
    }

    #[test]
    fn years_later_keeps_the_date() {
        // 2026-11-27T10:00:00Z
        let now = 1_795_773_600;
        assert_eq!(crate::rfc3339(years_later(now, 2)), "2028-11-27T10:00:00Z");
        // 2028-02-29T00:00:00Z + 1 year: 2029-02-28.
        let leap = 1_835_395_200;
        assert_eq!(crate::rfc3339(leap), "2028-02-29T00:00:00Z");
        assert_eq!(crate::rfc3339(years_later(leap, 1)), "2029-02-28T00:00:00Z");
    }

    #[test]
    fn bad_requests_are_refused_by_name() {
        let request = CertificateRequest {
            common_name: "app".into(),
            serial: [0; 16],
            now: 1_795_773_600,
            years: 2,
        };
        assert_eq!(
            to_be_signed(&request, b"junk"),
            Err(GenerateError::NotRsaKey)
        );
        let no_name = CertificateRequest {
            common_name: "  ".into(),
            ..request.clone()
        };
        let spki = &rsa2048_spki();
        assert_eq!(to_be_signed(&no_name, spki), Err(GenerateError::BadName));
        let long = CertificateRequest {
            years: 5,
            ..request
        };
        assert_eq!(to_be_signed(&long, spki), Err(GenerateError::BadYears));
        assert_eq!(
            check_private_key(b"junk"),
            Err(GenerateError::NotRsaPrivateKey)
        );
    }
}
