//! From the files and password the user gave to what the certificate field
//! shows (a summary card) and what the request body sends (a .pfx).

use certificate::{Encryption, Opened, Severity};
use serde::{Deserialize, Serialize};

use crate::answers::Secret;
use crate::answers::{CertificateState, CertificateUpload};

/// What the summary card shows; nothing in it is secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateCard {
    /// Subject, RFC 2253.
    pub subject: String,
    /// Issuer, RFC 2253.
    pub issuer: String,
    /// Serial number, hex.
    pub serial: String,
    /// First day of validity, `YYYY-MM-DD`.
    pub valid_from: String,
    /// Last day of validity, `YYYY-MM-DD`.
    pub valid_to: String,
    /// SHA-1 thumbprint as Microsoft Entra ID shows it.
    pub sha1_thumbprint: String,
    /// SHA-256 thumbprint.
    pub sha256_thumbprint: String,
    /// Key type and size in words, e.g. "RSA, 2048 bits".
    pub key: String,
    /// Certificates found (the chosen one plus its chain).
    pub certificates: usize,
    /// Problems in order.
    pub findings: Vec<CardFinding>,
    /// The certificate in DER: the `.cer` for the Entra admin center
    /// (Base64 on the wire).
    #[serde(with = "base64_bytes")]
    pub cer: Vec<u8>,
    /// True when the wizard built the .pfx from PEM files.
    pub built_pfx: bool,
}

/// One finding on the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardFinding {
    /// True when it blocks the step; false for a warning.
    pub blocking: bool,
    /// What to tell the user.
    pub message: String,
}

/// Bytes as standard Base64 text in a serde document.
mod base64_bytes {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(bytes: &[u8], to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(&certificate::base64::encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(from)?;
        certificate::base64::decode_strict(text.as_bytes())
            .ok_or_else(|| D::Error::custom("not the worker's Base64"))
    }

    /// Text that must be standard padded Base64, as the worker writes it.
    pub fn strict_text<'de, D: Deserializer<'de>>(from: D) -> Result<Option<String>, D::Error> {
        let text = Option::<String>::deserialize(from)?;
        match &text {
            Some(t) if certificate::base64::decode_strict(t.as_bytes()).is_none() => {
                Err(D::Error::custom("not the worker's Base64"))
            }
            _ => Ok(text),
        }
    }
}

/// What opening the files gave, in a form that crosses from the certificate
/// worker to the page (as JSON). The password stays on the page side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateOutcome {
    /// Why the files cannot be used, if they cannot.
    pub rejected: Option<String>,
    /// Base64 of the .pfx to send, when they can: decoded strictly on
    /// arrival, so damaged text is refused rather than sent to the server.
    #[serde(default, deserialize_with = "base64_bytes::strict_text")]
    pub pfx_base64: Option<String>,
    /// The card, when a certificate was read.
    pub card: Option<CertificateCard>,
}

impl CertificateOutcome {
    /// A refusal with no card: the files were never read.
    pub fn refusal(why: String) -> Self {
        Self::rejected(why, None)
    }

    fn rejected(why: String, card: Option<CertificateCard>) -> Self {
        Self {
            rejected: Some(why),
            pfx_base64: None,
            card,
        }
    }

    /// The field's state, with the password the files were opened with.
    pub fn into_state(self, password: &Secret) -> (CertificateState, Option<CertificateCard>) {
        let state = match (self.rejected, self.pfx_base64, &self.card) {
            (None, Some(pfx), Some(card)) => CertificateState::Ready(CertificateUpload {
                pfx_base64: Secret::new(pfx),
                password: password.clone(),
                thumbprint: card.sha1_thumbprint.clone(),
                subject: card.subject.clone(),
                not_after: card.valid_to.clone(),
            }),
            (Some(why), _, _) => CertificateState::Rejected(why),
            _ => CertificateState::Rejected(
                "The certificate could not be read. Choose the files again.".to_owned(),
            ),
        };
        (state, self.card)
    }
}

/// Opens `files` with `password` at time `now` (Unix seconds): the card,
/// and the .pfx to send or why there is none. `random` fills salts and IVs
/// when a .pfx has to be built from PEM.
pub fn read_certificate(
    files: &[&[u8]],
    password: &Secret,
    now: i64,
    encryption: Encryption,
    random: &mut dyn FnMut(&mut [u8]),
) -> CertificateOutcome {
    outcome_of(
        certificate::open(files, password.expose(), now),
        password,
        encryption,
        random,
    )
}

/// The outcome of files already opened (the worker opens them in passes,
/// with WebCrypto's PBKDF2) with `password`.
pub fn outcome_of(
    opened: Result<Opened, certificate::Error>,
    password: &Secret,
    encryption: Encryption,
    random: &mut dyn FnMut(&mut [u8]),
) -> CertificateOutcome {
    let opened = match opened {
        Ok(opened) => opened,
        Err(e) => return CertificateOutcome::rejected(e.to_string(), None),
    };
    let card = card(&opened);
    if let Some(blocking) = opened
        .findings
        .iter()
        .find(|f| f.severity() == Severity::Error)
    {
        return CertificateOutcome::rejected(blocking.to_string(), Some(card));
    }
    let pfx = match opened.original_pfx() {
        Some(own) => own.to_vec(),
        None if password.is_empty() => {
            return CertificateOutcome::rejected(
                "Enter a password: the wizard builds a .pfx from these files, and the server needs a password to keep it protected.".to_owned(),
                Some(card),
            );
        }
        None => match opened.to_pfx(password.expose(), encryption, random) {
            Ok(pfx) => pfx,
            Err(e) => return CertificateOutcome::rejected(e.to_string(), Some(card)),
        },
    };
    CertificateOutcome {
        rejected: None,
        pfx_base64: Some(certificate::base64::encode(&pfx)),
        card: Some(card),
    }
}

fn card(opened: &Opened) -> CertificateCard {
    let s = &opened.summary;
    let day = |t| certificate::rfc3339(t)[..10].to_owned();
    let algorithm = match s.key_algorithm.name() {
        "rsa" | "rsa-pss" => "RSA".to_owned(),
        "ec" => "Elliptic curve".to_owned(),
        "ed25519" => "Ed25519".to_owned(),
        other => other.to_ascii_uppercase(),
    };
    CertificateCard {
        subject: s.subject.clone(),
        issuer: s.issuer.clone(),
        serial: s.serial.clone(),
        valid_from: day(s.not_before),
        valid_to: day(s.not_after),
        sha1_thumbprint: s.sha1_thumbprint.clone(),
        sha256_thumbprint: s.sha256_thumbprint.clone(),
        key: match s.key_bits {
            Some(bits) => format!("{algorithm}, {bits} bits"),
            None => algorithm,
        },
        certificates: s.certificates,
        findings: opened
            .findings
            .iter()
            .map(|f| CardFinding {
                blocking: f.severity() == Severity::Error,
                message: f.to_string(),
            })
            .collect(),
        cer: opened.cer().to_vec(),
        built_pfx: opened.original_pfx().is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(name: &str) -> Vec<u8> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/certs/corpus");
        std::fs::read(dir.join(name)).unwrap()
    }

    /// January 2027: inside the ordinary fixtures' validity.
    const NOW: i64 = 1_800_000_000;

    /// The writer's random source, fixed so the tests are repeatable.
    fn fixed_random(buf: &mut [u8]) {
        buf.fill(7);
    }

    /// What the field keeps after opening `files` with `password`.
    fn state_of(files: &[&[u8]], password: &Secret) -> (CertificateState, Option<CertificateCard>) {
        read_certificate(
            files,
            password,
            NOW,
            Encryption::Compatible,
            &mut fixed_random,
        )
        .into_state(password)
    }

    #[test]
    fn a_pfx_is_sent_as_the_user_gave_it() {
        let file = corpus("openssl-default.p12");
        let password = "Fixture-Passw0rd".into();
        let (state, card) = state_of(&[&file], &password);
        let CertificateState::Ready(upload) = state else {
            panic!("{state:?}")
        };
        assert_eq!(
            upload.pfx_base64.expose(),
            certificate::base64::encode(&file)
        );
        assert_eq!(upload.password.expose(), "Fixture-Passw0rd");
        let card = card.unwrap();
        assert_eq!(card.key, "RSA, 2048 bits");
        assert!(!card.built_pfx);
        assert_eq!(upload.thumbprint, card.sha1_thumbprint);
    }

    #[test]
    fn pem_files_become_a_pfx_with_the_typed_password() {
        let (cert, key) = (corpus("rsa2048.crt"), corpus("key-pkcs8-pbes2.pem"));
        let password = "Fixture-Passw0rd".into();
        let (state, card) = state_of(&[&cert, &key], &password);
        let CertificateState::Ready(upload) = state else {
            panic!("{state:?}")
        };
        let pfx = certificate::base64::decode(upload.pfx_base64.expose().as_bytes()).unwrap();
        let again = certificate::open(&[&pfx], "Fixture-Passw0rd", NOW).unwrap();
        assert_eq!(again.summary.sha1_thumbprint, card.unwrap().sha1_thumbprint);
    }

    #[test]
    fn the_built_pfx_can_use_aes_256() {
        let (cert, key) = (corpus("rsa2048.crt"), corpus("key-pkcs8.pem"));
        let password: Secret = "New-Pfx-Password".into();
        let outcome = read_certificate(
            &[&cert, &key],
            &password,
            NOW,
            Encryption::Aes256,
            &mut fixed_random,
        );
        let pfx = certificate::base64::decode(outcome.pfx_base64.unwrap().as_bytes()).unwrap();
        // PBES2 and AES-256-CBC OIDs appear in the file; the 3DES PBE does not.
        let has = |oid: &[u8]| pfx.windows(oid.len()).any(|w| w == oid);
        assert!(has(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d]));
        assert!(has(&[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a]));
        assert!(!has(&[
            0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x03
        ]));
        assert!(certificate::open(&[&pfx], "New-Pfx-Password", NOW).is_ok());
    }

    #[test]
    fn an_unprotected_key_needs_a_password_for_the_new_pfx() {
        let file = corpus("cert-and-key.pem");
        let blank = Secret::default();
        let (state, card) = state_of(&[&file], &blank);
        assert!(
            matches!(state, CertificateState::Rejected(m) if m.starts_with("Enter a password"))
        );
        assert!(card.is_some());
    }

    #[test]
    fn the_outcome_survives_its_trip_through_json() {
        let file = corpus("openssl-default.p12");
        let outcome = read_certificate(
            &[&file],
            &"Fixture-Passw0rd".into(),
            NOW,
            Encryption::Compatible,
            &mut fixed_random,
        );
        let text = outcome.to_wire();
        assert!(!text.contains("Fixture-Passw0rd"));
        assert!(outcome.card.is_some());
        assert_eq!(CertificateOutcome::from_wire(&text), Ok(outcome));
    }

    #[test]
    fn blocking_findings_reject_but_still_show_the_card() {
        let file = corpus("openssl-rsa1024.p12");
        let password = "Fixture-Passw0rd".into();
        let (state, card) = state_of(&[&file], &password);
        assert!(matches!(state, CertificateState::Rejected(m) if m.contains("1024 bits")));
        assert!(card.unwrap().findings[0].blocking);
        let wrong = "nope".into();
        let (state, card) = state_of(&[&file], &wrong);
        assert!(
            matches!(state, CertificateState::Rejected(m) if m.contains("password does not open"))
        );
        assert!(card.is_none());
    }
}
