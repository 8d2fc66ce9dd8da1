//! Writing the .pfx the server opens, from a key and its certificates.

use sha1::Digest;
use zeroize::Zeroizing;

use crate::crypto::{Cipher, Hash};
use crate::der;
use crate::derive;
use crate::oid;
use crate::pbe::password_forms;
use crate::x509::Certificate;

/// How the written .pfx is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encryption {
    /// 3DES (PKCS#12 PBE) for key and certificates, SHA-1 MAC: every
    /// Windows Server since 2008 imports it, 2016 included.
    #[default]
    Compatible,
    /// PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) with a SHA-256 MAC, as OpenSSL
    /// 3 writes by default; Windows Server 2019 (1809) and later.
    Aes256,
}

/// Why a .pfx could not be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteError {
    /// No certificate was given: a .pfx for the server needs one.
    NoCertificate,
    /// The cipher refused its key or IV (a fault in this writer).
    Cipher,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WriteError::NoCertificate => {
                "A .pfx cannot be built without the certificate. Choose the certificate file together with its key."
            }
            WriteError::Cipher => {
                "The .pfx could not be encrypted. Reload the page and try again, or upload a .pfx file instead."
            }
        })
    }
}

impl std::error::Error for WriteError {}

/// Iterations for the key derivations and the MAC, as OpenSSL writes.
const ITERATIONS: u64 = 2048;

/// Writes a .pfx holding `pkcs8` (a PrivateKeyInfo) and `certs` (the first is
/// the key's own certificate), protected by `password`. `random` fills salts
/// and IVs: the page passes `crypto.getRandomValues`, tests a seeded source.
pub fn write_pfx(
    pkcs8: &[u8],
    certs: &[&Certificate],
    password: &str,
    encryption: Encryption,
    random: &mut dyn FnMut(&mut [u8]),
) -> Result<Vec<u8>, WriteError> {
    let own = certs.first().ok_or(WriteError::NoCertificate)?;
    let key_id = sha1::Sha1::digest(&own.der).to_vec();
    let attributes = der::set(&[&der::seq(&[
        &der::oid(oid::LOCAL_KEY_ID.der()),
        &der::set(&[&der::octets(&key_id)]),
    ])]);

    let cert_bags: Vec<Vec<u8>> = certs
        .iter()
        .enumerate()
        .map(|(i, cert)| {
            let value = der::seq(&[
                &der::oid(oid::X509_CERTIFICATE.der()),
                &der::explicit(0, &der::octets(&cert.der)),
            ]);
            let mut bag = vec![der::oid(oid::CERT_BAG.der()), der::explicit(0, &value)];
            if i == 0 {
                bag.push(attributes.clone());
            }
            der::seq(&bag.iter().map(Vec::as_slice).collect::<Vec<_>>())
        })
        .collect();
    let cert_contents = der::seq(&cert_bags.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let (algorithm, sealed) = seal(&cert_contents, password, encryption, random)?;
    let encrypted_data = der::seq(&[
        &der::uint(0),
        &der::seq(&[
            &der::oid(oid::DATA.der()),
            &algorithm,
            &der::tlv(0x80, &sealed),
        ]),
    ]);
    let cert_info = der::seq(&[
        &der::oid(oid::ENCRYPTED_DATA.der()),
        &der::explicit(0, &encrypted_data),
    ]);

    let (algorithm, sealed) = seal(pkcs8, password, encryption, random)?;
    let shrouded = der::seq(&[&algorithm, &der::octets(&sealed)]);
    let key_bag = der::seq(&[
        &der::oid(oid::SHROUDED_KEY_BAG.der()),
        &der::explicit(0, &shrouded),
        &attributes,
    ]);
    let key_info = data_info(&der::seq(&[&key_bag]));

    let auth_safe = der::seq(&[&cert_info, &key_info]);
    let mac = mac_data(&auth_safe, password, encryption, random);
    Ok(der::seq(&[&der::uint(3), &data_info(&auth_safe), &mac]))
}

/// `ContentInfo { data, [0] OCTET STRING }`.
fn data_info(content: &[u8]) -> Vec<u8> {
    der::seq(&[
        &der::oid(oid::DATA.der()),
        &der::explicit(0, &der::octets(content)),
    ])
}

/// Encrypts `plain`; returns the AlgorithmIdentifier and the ciphertext.
fn seal(
    plain: &[u8],
    password: &str,
    encryption: Encryption,
    random: &mut dyn FnMut(&mut [u8]),
) -> Result<(Vec<u8>, Vec<u8>), WriteError> {
    let forms = password_forms(password);
    let form = &forms[0];
    let (algorithm, cipher, key, iv) = match encryption {
        Encryption::Compatible => {
            let mut salt = [0u8; 8];
            random(&mut salt);
            let cipher = Cipher::Des3;
            let key = derive::pkcs12_kdf(
                Hash::Sha1,
                &form.bmp,
                &salt,
                1,
                ITERATIONS as u32,
                cipher.key_len(),
            );
            let iv = derive::pkcs12_kdf(
                Hash::Sha1,
                &form.bmp,
                &salt,
                2,
                ITERATIONS as u32,
                cipher.iv_len(),
            );
            let params = der::seq(&[&der::octets(&salt), &der::uint(ITERATIONS)]);
            (
                der::seq(&[&der::oid(oid::PBE_SHA1_3DES.der()), &params]),
                cipher,
                key,
                iv,
            )
        }
        Encryption::Aes256 => {
            let mut salt = [0u8; 16];
            random(&mut salt);
            let mut iv = Zeroizing::new(vec![0u8; 16]);
            random(&mut iv);
            let cipher = Cipher::Aes256;
            let key = derive::pbkdf2(
                Hash::Sha256,
                &form.utf8,
                &salt,
                ITERATIONS as u32,
                cipher.key_len(),
            );
            let prf = der::seq(&[&der::oid(oid::HMAC_SHA256.der()), &[0x05, 0x00]]);
            let kdf = der::seq(&[
                &der::oid(oid::PBKDF2.der()),
                &der::seq(&[&der::octets(&salt), &der::uint(ITERATIONS), &prf]),
            ]);
            let scheme = der::seq(&[&der::oid(oid::AES256_CBC.der()), &der::octets(&iv)]);
            let algorithm = der::seq(&[&der::oid(oid::PBES2.der()), &der::seq(&[&kdf, &scheme])]);
            (algorithm, cipher, key, iv)
        }
    };
    let sealed = cipher.encrypt(&key, &iv, plain).ok_or(WriteError::Cipher)?;
    Ok((algorithm, sealed))
}

fn mac_data(
    auth_safe: &[u8],
    password: &str,
    encryption: Encryption,
    random: &mut dyn FnMut(&mut [u8]),
) -> Vec<u8> {
    let (hash, hash_oid) = match encryption {
        Encryption::Compatible => (Hash::Sha1, &oid::SHA1),
        Encryption::Aes256 => (Hash::Sha256, &oid::SHA256),
    };
    let mut salt = [0u8; 8];
    random(&mut salt);
    let forms = password_forms(password);
    let key = derive::pkcs12_kdf(
        hash,
        &forms[0].bmp,
        &salt,
        3,
        ITERATIONS as u32,
        hash.output_len(),
    );
    let mac = hash.hmac(&key, auth_safe);
    let digest_info = der::seq(&[
        &der::seq(&[&der::oid(hash_oid.der()), &[0x05, 0x00]]),
        &der::octets(&mac),
    ]);
    der::seq(&[&digest_info, &der::octets(&salt), &der::uint(ITERATIONS)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_certificate_is_an_error_not_an_empty_file() {
        let written = write_pfx(&[0x30, 0x00], &[], "pw", Encryption::Compatible, &mut |b| {
            b.fill(1)
        });
        assert_eq!(written, Err(WriteError::NoCertificate));
        assert!(
            WriteError::NoCertificate
                .to_string()
                .contains("certificate")
        );
    }
}
