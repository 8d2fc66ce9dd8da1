//! Reading PKCS#12 (.pfx/.p12): MAC check, encrypted and plain safe
//! contents, key and certificate bags, nested bags, BER or DER.

use crate::ber::{Malformed, Tlv, tag};
use crate::derive;
use crate::error::Error;
use crate::key::PrivateKey;
use crate::oid;
use crate::pbe::{self, DecryptError, PasswordForm};
use crate::x509::Certificate;

/// What a .pfx holds.
#[derive(Debug, Default)]
pub struct Contents {
    /// Every certificate, in file order.
    pub certificates: Vec<Certificate>,
    /// Every private key, in file order.
    pub keys: Vec<PrivateKey>,
}

/// Whether `bytes` start like a PFX: `SEQUENCE { INTEGER 3, SEQUENCE { OID … } }`.
pub fn looks_like_pfx(bytes: &[u8]) -> bool {
    let probe = || -> Result<bool, Malformed> {
        let mut parts = Tlv::parse_prefix(bytes)?
            .expect(tag::SEQUENCE)?
            .children()?;
        let version = parts.expect(tag::INTEGER)?.uint()?;
        let mut info = parts.expect(tag::SEQUENCE)?.children()?;
        info.expect(tag::OID)?;
        Ok(version == 3)
    };
    probe().unwrap_or(false)
}

/// Opens a .pfx with `password`.
pub fn read(bytes: &[u8], password: &str) -> Result<Contents, Error> {
    let pfx = Tlv::parse_whole(bytes)?.expect(tag::SEQUENCE)?;
    let mut parts = pfx.children()?;
    if parts.expect(tag::INTEGER)?.uint()? != 3 {
        return Err(Error::Damaged);
    }
    let mut auth_safe = parts.expect(tag::SEQUENCE)?.children()?;
    let content_type = auth_safe.expect(tag::OID)?.content;
    if oid::SIGNED_DATA.is(content_type) {
        return Err(Error::UnsupportedAlgorithm(
            "public-key integrity mode (signedData)".into(),
        ));
    }
    if !oid::DATA.is(content_type) {
        return Err(Error::UnsupportedAlgorithm(oid::describe(content_type)));
    }
    // The MAC covers the OCTET STRING's value: for BER, the joined segments.
    let safe_bytes = auth_safe
        .expect(tag::explicit(0))?
        .children()?
        .expect(tag::OCTET_STRING)?
        .octets()?;
    let mut forms = pbe::password_forms(password);
    let blank = password.is_empty();
    let mac_checked = match parts.next_opt()? {
        Some(mac) => {
            let form = match check_mac(&mac, &safe_bytes, &forms)? {
                Some(form) => form,
                // The MAC key is still to be derived (derive::awaiting):
                // read on with the likeliest form.
                None if derive::awaiting() => 0,
                None => return Err(Error::WrongPassword { blank }),
            };
            forms = vec![forms.swap_remove(form)];
            true
        }
        None => false,
    };
    let mut reader = Reader {
        forms,
        mac_checked,
        blank,
        contents: Contents::default(),
    };
    let mut infos = Tlv::parse_whole(&safe_bytes)?
        .expect(tag::SEQUENCE)?
        .children()?;
    while let Some(info) = infos.next_opt()? {
        match reader.content_info(&info) {
            // Spoiled by a stand-in key (derive::awaiting): on to the next
            // part, whose derivations this pass asks for too.
            Err(_) if derive::awaiting() => continue,
            other => other?,
        }
    }
    Ok(reader.contents)
}

/// Finds the password form the MAC accepts; `None` if none does.
fn check_mac(mac: &Tlv<'_>, data: &[u8], forms: &[PasswordForm]) -> Result<Option<usize>, Error> {
    let mut parts = mac.expect(tag::SEQUENCE)?.children()?;
    let mut digest_info = parts.expect(tag::SEQUENCE)?.children()?;
    let mut algorithm = digest_info.expect(tag::SEQUENCE)?.children()?;
    let id = algorithm.expect(tag::OID)?.content;
    if oid::PBMAC1.is(id) {
        return Err(Error::UnsupportedAlgorithm(
            "PBMAC1 (the PKCS#12 MAC of OpenSSL 3.4+ with -pbmac1_pbkdf2)".into(),
        ));
    }
    let hash = pbe::digest_hash(id)?;
    let expected = digest_info.expect(tag::OCTET_STRING)?.octets()?;
    let salt = parts.expect(tag::OCTET_STRING)?.octets()?;
    let iterations = match parts.next_if(tag::INTEGER)? {
        Some(count) => pbe::checked_iterations(count.uint()?)?,
        None => 1,
    };
    Ok(forms.iter().position(|form| {
        let key = derive::pkcs12_kdf(hash, &form.bmp, &salt, 3, iterations, hash.output_len());
        hash.hmac(&key, data) == *expected
    }))
}

struct Reader {
    forms: Vec<PasswordForm>,
    mac_checked: bool,
    blank: bool,
    contents: Contents,
}

impl Reader {
    fn content_info(&mut self, info: &Tlv<'_>) -> Result<(), Error> {
        let mut parts = info.expect(tag::SEQUENCE)?.children()?;
        let kind = parts.expect(tag::OID)?.content;
        let content = parts.expect(tag::explicit(0))?.children()?.next()?;
        if oid::DATA.is(kind) {
            let bytes = content.expect(tag::OCTET_STRING)?.octets()?;
            self.safe_contents(&bytes)
        } else if oid::ENCRYPTED_DATA.is(kind) {
            let mut data = content.expect(tag::SEQUENCE)?.children()?;
            data.expect(tag::INTEGER)?;
            let mut enc = data.expect(tag::SEQUENCE)?.children()?;
            enc.expect(tag::OID)?;
            let algorithm = enc.expect(tag::SEQUENCE)?;
            let Some(sealed) = enc.next_opt()? else {
                return Ok(());
            };
            if sealed.tag & !0x20 != tag::implicit(0) {
                return Err(Error::Damaged);
            }
            let plain = self.decrypt(&algorithm, &sealed.octets()?)?;
            self.plaintext(|reader| reader.safe_contents(&plain))
        } else {
            Err(Error::UnsupportedAlgorithm(oid::describe(kind)))
        }
    }

    /// Decrypted bytes that do not parse mean a wrong password when no MAC
    /// vouched for it (padding matches by chance 1 time in 256).
    fn plaintext(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        match read(self) {
            Err(Error::Damaged) if !self.mac_checked => {
                Err(Error::WrongPassword { blank: self.blank })
            }
            other => other,
        }
    }

    /// Tries each remaining password form; keeps the one that works.
    fn decrypt(
        &mut self,
        algorithm: &Tlv<'_>,
        data: &[u8],
    ) -> Result<zeroize::Zeroizing<Vec<u8>>, Error> {
        for i in 0..self.forms.len() {
            match pbe::decrypt(algorithm, data, &self.forms[i]) {
                Ok(plain) => {
                    if self.forms.len() > 1 {
                        let form = self.forms.swap_remove(i);
                        self.forms = vec![form];
                    }
                    return Ok(plain);
                }
                Err(DecryptError::BadPassword) => continue,
                Err(DecryptError::Fatal(e)) => return Err(e),
            }
        }
        Err(if self.mac_checked {
            Error::Damaged
        } else {
            Error::WrongPassword { blank: self.blank }
        })
    }

    fn safe_contents(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let bags = Tlv::parse_whole(bytes)?.expect(tag::SEQUENCE)?;
        self.bags(&bags)
    }

    fn bags(&mut self, bags: &Tlv<'_>) -> Result<(), Error> {
        let mut bags = bags.children()?;
        while let Some(bag) = bags.next_opt()? {
            let mut parts = bag.expect(tag::SEQUENCE)?.children()?;
            let kind = parts.expect(tag::OID)?.content;
            let value = parts.expect(tag::explicit(0))?.children()?.next()?;
            if oid::KEY_BAG.is(kind) {
                self.contents.keys.push(PrivateKey::from_pkcs8(value.raw)?);
            } else if oid::SHROUDED_KEY_BAG.is(kind) {
                let mut info = value.expect(tag::SEQUENCE)?.children()?;
                let algorithm = info.expect(tag::SEQUENCE)?;
                let sealed = info.expect(tag::OCTET_STRING)?.octets()?;
                let plain = self.decrypt(&algorithm, &sealed)?;
                self.plaintext(|reader| {
                    reader.contents.keys.push(PrivateKey::from_pkcs8(&plain)?);
                    Ok(())
                })?;
            } else if oid::CERT_BAG.is(kind) {
                let mut cert = value.expect(tag::SEQUENCE)?.children()?;
                let cert_type = cert.expect(tag::OID)?.content;
                if oid::X509_CERTIFICATE.is(cert_type) {
                    let der = cert
                        .expect(tag::explicit(0))?
                        .children()?
                        .expect(tag::OCTET_STRING)?
                        .octets()?;
                    self.contents.certificates.push(Certificate::parse(&der)?);
                }
            } else if oid::SAFE_CONTENTS_BAG.is(kind) {
                self.bags(&value.expect(tag::SEQUENCE)?)?;
            }
            // CRL and secret bags are of no use here and are skipped.
        }
        Ok(())
    }
}
