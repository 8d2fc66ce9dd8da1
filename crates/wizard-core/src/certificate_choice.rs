//! From the files and password the user gave to what the certificate field
//! shows (a summary card) and what the request body sends (a .pfx).

use certificate::{Encryption, Opened, Severity};

use crate::Secret;
use crate::credentials::{CertificateState, CertificateUpload};

/// What the summary card shows; nothing in it is secret.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// SHA-1 thumbprint as the Azure portal shows it.
    pub sha1_thumbprint: String,
    /// SHA-256 thumbprint.
    pub sha256_thumbprint: String,
    /// Key type and size in words, e.g. "RSA, 2048 bits".
    pub key: String,
    /// Certificates found (the chosen one plus its chain).
    pub certificates: usize,
    /// Problems in order, with whether each blocks the step.
    pub findings: Vec<(Severity, String)>,
    /// The certificate in DER: the `.cer` for the Azure portal.
    pub cer: Vec<u8>,
    /// True when the wizard built the .pfx from PEM files.
    pub built_pfx: bool,
}

/// Opens `files` with `password` at time `now` (Unix seconds). Returns the
/// field's new state and, when a certificate was read, its card. `random`
/// fills salts and IVs when a .pfx has to be built from PEM.
pub fn read_certificate(
    files: &[&[u8]],
    password: &Secret,
    now: i64,
    random: &mut dyn FnMut(&mut [u8]),
) -> (CertificateState, Option<CertificateCard>) {
    let opened = match certificate::open(files, password.expose(), now) {
        Ok(opened) => opened,
        Err(e) => return (CertificateState::Rejected(e.to_string()), None),
    };
    let card = card(&opened);
    if let Some(blocking) = opened
        .findings
        .iter()
        .find(|f| f.severity() == Severity::Error)
    {
        return (CertificateState::Rejected(blocking.to_string()), Some(card));
    }
    let pfx = match opened.original_pfx() {
        Some(own) => own.to_vec(),
        None if password.is_empty() => {
            return (
                CertificateState::Rejected(
                    "Enter a password: the wizard builds a .pfx from these files, and the server needs a password to keep it protected.".to_owned(),
                ),
                Some(card),
            );
        }
        None => opened.to_pfx(password.expose(), Encryption::Compatible, random),
    };
    let upload = CertificateUpload {
        pfx_base64: Secret::new(certificate::base64::encode(&pfx)),
        password: password.clone(),
        thumbprint: card.sha1_thumbprint.clone(),
        subject: card.subject.clone(),
    };
    (CertificateState::Ready(upload), Some(card))
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
            .map(|f| (f.severity(), f.to_string()))
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

    fn zeros(buf: &mut [u8]) {
        buf.fill(7);
    }

    #[test]
    fn a_pfx_is_sent_as_the_user_gave_it() {
        let file = corpus("openssl-default.p12");
        let (state, card) = read_certificate(&[&file], &"Fixture-Passw0rd".into(), NOW, &mut zeros);
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
        let (state, card) =
            read_certificate(&[&cert, &key], &"Fixture-Passw0rd".into(), NOW, &mut zeros);
        let CertificateState::Ready(upload) = state else {
            panic!("{state:?}")
        };
        let pfx = certificate::base64::decode(upload.pfx_base64.expose().as_bytes()).unwrap();
        let again = certificate::open(&[&pfx], "Fixture-Passw0rd", NOW).unwrap();
        assert_eq!(again.summary.sha1_thumbprint, card.unwrap().sha1_thumbprint);
    }

    #[test]
    fn an_unprotected_key_needs_a_password_for_the_new_pfx() {
        let file = corpus("cert-and-key.pem");
        let (state, card) = read_certificate(&[&file], &Secret::default(), NOW, &mut zeros);
        assert!(
            matches!(state, CertificateState::Rejected(m) if m.starts_with("Enter a password"))
        );
        assert!(card.is_some());
    }

    #[test]
    fn blocking_findings_reject_but_still_show_the_card() {
        let file = corpus("openssl-rsa1024.p12");
        let (state, card) = read_certificate(&[&file], &"Fixture-Passw0rd".into(), NOW, &mut zeros);
        assert!(matches!(state, CertificateState::Rejected(m) if m.contains("1024 bits")));
        assert_eq!(card.unwrap().findings[0].0, Severity::Error);
        let (state, card) = read_certificate(&[&file], &"nope".into(), NOW, &mut zeros);
        assert!(
            matches!(state, CertificateState::Rejected(m) if m.contains("password does not open"))
        );
        assert!(card.is_none());
    }
}
