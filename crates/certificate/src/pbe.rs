//! Password-based encryption schemes found in PKCS#12 and PKCS#8 files:
//! PBES2 (PBKDF2 or scrypt with AES, 3DES or DES), the PKCS#12 PBEs (SHA-1
//! with 3DES, 2-key 3DES, RC2-128 and RC2-40) and PBES1 (MD5/SHA-1 with DES
//! or RC2).

use zeroize::Zeroizing;

use crate::ber::{Malformed, Tlv, tag};
use crate::crypto::{Cipher, Hash};
use crate::derive;
use crate::error::Error;
use crate::oid;

/// More iterations than this would keep the page busy for many seconds;
/// real tools write at most a few million. Under the fuzzer the cap is low,
/// so runs go to parsing rather than to hashing (the cap path is still hit).
pub const MAX_ITERATIONS: u64 = if cfg!(fuzzing) { 4_096 } else { 10_000_000 };
/// scrypt memory (128 · N · r bytes) above this could exhaust a browser tab.
pub const MAX_SCRYPT_MEMORY: u64 = 256 << 20;

/// One way of turning the typed password into bytes. Tools disagree, so a
/// file may need more than one try.
pub struct PasswordForm {
    /// For the PKCS#12 KDF and MAC: BMPString with a terminating NUL pair,
    /// or empty for an absent password.
    pub bmp: Zeroizing<Vec<u8>>,
    /// For PBES1/PBES2: the password's UTF-8 bytes.
    pub utf8: Zeroizing<Vec<u8>>,
}

/// Every form worth trying for `password`, most likely first: the standard
/// BMPString; for a blank password also the absent one (Windows and Azure
/// Key Vault write that); for non-ASCII passwords also OpenSSL 1.0's form,
/// which widened each UTF-8 byte on its own.
pub fn password_forms(password: &str) -> Vec<PasswordForm> {
    let utf8 = || Zeroizing::new(password.as_bytes().to_vec());
    let with_nul = |mut units: Vec<u8>| {
        units.extend_from_slice(&[0, 0]);
        Zeroizing::new(units)
    };
    let standard = with_nul(password.encode_utf16().flat_map(u16::to_be_bytes).collect());
    let mut forms = vec![PasswordForm {
        bmp: standard,
        utf8: utf8(),
    }];
    if password.is_empty() {
        forms.push(PasswordForm {
            bmp: Zeroizing::new(Vec::new()),
            utf8: utf8(),
        });
    } else if !password.is_ascii() {
        let widened = with_nul(password.bytes().flat_map(|b| [0, b]).collect());
        forms.push(PasswordForm {
            bmp: widened,
            utf8: utf8(),
        });
    }
    forms
}

/// Why a decryption did not produce plaintext.
#[derive(Debug)]
pub enum DecryptError {
    /// The padding was wrong: almost always the wrong password.
    BadPassword,
    /// Anything else, already a user-facing error.
    Fatal(Error),
}

impl From<Malformed> for DecryptError {
    fn from(_: Malformed) -> Self {
        DecryptError::Fatal(Error::Damaged)
    }
}

impl From<Error> for DecryptError {
    fn from(e: Error) -> Self {
        DecryptError::Fatal(e)
    }
}

/// Decrypts `data` as the AlgorithmIdentifier `algorithm` says.
pub fn decrypt(
    algorithm: &Tlv<'_>,
    data: &[u8],
    password: &PasswordForm,
) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
    let mut parts = algorithm.children()?;
    let id = parts.expect(tag::OID)?.content;
    let params = parts.next_opt()?;
    let (cipher, key, iv) = if let Some((hash, cipher)) = pkcs12_scheme(id)? {
        let params = params.ok_or(Malformed)?;
        let (salt, iterations) = salt_and_iterations(&params)?;
        let key = derive::pkcs12_kdf(hash, &password.bmp, &salt, 1, iterations, cipher.key_len());
        let iv = derive::pkcs12_kdf(hash, &password.bmp, &salt, 2, iterations, cipher.iv_len());
        (cipher, key, iv)
    } else if let Some((hash, cipher)) = pbes1_scheme(id) {
        let params = params.ok_or(Malformed)?;
        let (salt, iterations) = salt_and_iterations(&params)?;
        let derived = hash.pbkdf1(&password.utf8, &salt, iterations);
        let key = Zeroizing::new(derived.get(..8).ok_or(Malformed)?.to_vec());
        let iv = Zeroizing::new(derived.get(8..16).ok_or(Malformed)?.to_vec());
        (cipher, key, iv)
    } else if oid::PBES2.is(id) {
        pbes2(&params.ok_or(Malformed)?, &password.utf8)?
    } else {
        return Err(Error::UnsupportedAlgorithm(oid::describe(id)).into());
    };
    cipher
        .decrypt(&key, &iv, data)
        .ok_or(DecryptError::BadPassword)
}

/// The PKCS#12 PBE OIDs; RC4 ones are named but refused.
fn pkcs12_scheme(id: &[u8]) -> Result<Option<(Hash, Cipher)>, Error> {
    let cipher = match id {
        d if oid::PBE_SHA1_3DES.is(d) => Cipher::Des3,
        d if oid::PBE_SHA1_2DES.is(d) => Cipher::Des2,
        d if oid::PBE_SHA1_RC2_128.is(d) => Cipher::Rc2 {
            key_len: 16,
            effective_bits: 128,
        },
        d if oid::PBE_SHA1_RC2_40.is(d) => Cipher::Rc2 {
            key_len: 5,
            effective_bits: 40,
        },
        d if oid::PBE_SHA1_RC4_128.is(d) || oid::PBE_SHA1_RC4_40.is(d) => {
            return Err(Error::UnsupportedAlgorithm(oid::describe(d)));
        }
        _ => return Ok(None),
    };
    Ok(Some((Hash::Sha1, cipher)))
}

fn pbes1_scheme(id: &[u8]) -> Option<(Hash, Cipher)> {
    let rc2 = Cipher::Rc2 {
        key_len: 8,
        effective_bits: 64,
    };
    match id {
        d if oid::PBES1_MD5_DES.is(d) => Some((Hash::Md5, Cipher::Des)),
        d if oid::PBES1_SHA1_DES.is(d) => Some((Hash::Sha1, Cipher::Des)),
        d if oid::PBES1_MD5_RC2.is(d) => Some((Hash::Md5, rc2)),
        d if oid::PBES1_SHA1_RC2.is(d) => Some((Hash::Sha1, rc2)),
        _ => None,
    }
}

/// `SEQUENCE { salt OCTET STRING, iterations INTEGER }` with the cap applied.
fn salt_and_iterations(params: &Tlv<'_>) -> Result<(Vec<u8>, u32), DecryptError> {
    let mut parts = params.children()?;
    let salt = parts.expect(tag::OCTET_STRING)?.octets()?.into_owned();
    let iterations = checked_iterations(parts.expect(tag::INTEGER)?.uint()?)?;
    Ok((salt, iterations))
}

/// Applies [`MAX_ITERATIONS`]; zero is read as one, as OpenSSL does.
pub fn checked_iterations(count: u64) -> Result<u32, Error> {
    if count > MAX_ITERATIONS {
        return Err(Error::TooManyIterations(count));
    }
    Ok(count.max(1) as u32)
}

type KeyAndIv = (Cipher, Zeroizing<Vec<u8>>, Zeroizing<Vec<u8>>);

fn pbes2(params: &Tlv<'_>, password: &[u8]) -> Result<KeyAndIv, DecryptError> {
    let mut parts = params.children()?;
    let kdf = parts.expect(tag::SEQUENCE)?;
    let scheme = parts.expect(tag::SEQUENCE)?;
    let (cipher, iv) = encryption_scheme(&scheme)?;
    let mut kdf = kdf.children()?;
    let kdf_id = kdf.expect(tag::OID)?.content;
    let mut kdf_params = kdf.expect(tag::SEQUENCE)?.children()?;
    let salt = kdf_params.expect(tag::OCTET_STRING)?.octets()?.into_owned();
    let key = if oid::PBKDF2.is(kdf_id) {
        let iterations = checked_iterations(kdf_params.expect(tag::INTEGER)?.uint()?)?;
        check_key_length(kdf_params.next_if(tag::INTEGER)?, cipher)?;
        let prf = match kdf_params.next_if(tag::SEQUENCE)? {
            Some(prf) => hmac_hash(prf.children()?.expect(tag::OID)?.content)?,
            None => Hash::Sha1,
        };
        derive::pbkdf2(prf, password, &salt, iterations, cipher.key_len())
    } else if oid::SCRYPT.is(kdf_id) {
        let n = kdf_params.expect(tag::INTEGER)?.uint()?;
        let r = kdf_params.expect(tag::INTEGER)?.uint()?;
        let p = kdf_params.expect(tag::INTEGER)?.uint()?;
        check_key_length(kdf_params.next_if(tag::INTEGER)?, cipher)?;
        let memory = 128u64.saturating_mul(n).saturating_mul(r);
        if memory > MAX_SCRYPT_MEMORY || p > 16 || r > 1 << 16 {
            return Err(Error::ScryptTooCostly {
                memory_mib: memory >> 20,
            }
            .into());
        }
        if !n.is_power_of_two() || n < 2 {
            return Err(Malformed.into());
        }
        crate::crypto::scrypt(
            password,
            &salt,
            n.trailing_zeros() as u8,
            r as u32,
            p as u32,
            cipher.key_len(),
        )
        .ok_or(Malformed)?
    } else {
        return Err(Error::UnsupportedAlgorithm(oid::describe(kdf_id)).into());
    };
    Ok((cipher, key, iv))
}

fn check_key_length(length: Option<Tlv<'_>>, cipher: Cipher) -> Result<(), DecryptError> {
    match length {
        Some(len) if len.uint()? != cipher.key_len() as u64 => Err(Malformed.into()),
        _ => Ok(()),
    }
}

/// The PBES2 encryption scheme and its IV.
fn encryption_scheme(scheme: &Tlv<'_>) -> Result<(Cipher, Zeroizing<Vec<u8>>), DecryptError> {
    let mut parts = scheme.children()?;
    let id = parts.expect(tag::OID)?.content;
    let cipher = match id {
        d if oid::AES128_CBC.is(d) => Cipher::Aes128,
        d if oid::AES192_CBC.is(d) => Cipher::Aes192,
        d if oid::AES256_CBC.is(d) => Cipher::Aes256,
        d if oid::DES_EDE3_CBC.is(d) => Cipher::Des3,
        d if oid::DES_CBC.is(d) => Cipher::Des,
        d => return Err(Error::UnsupportedAlgorithm(oid::describe(d)).into()),
    };
    let iv = parts.expect(tag::OCTET_STRING)?.octets()?.into_owned();
    Ok((cipher, Zeroizing::new(iv)))
}

/// The hash behind an HMAC PRF OID.
fn hmac_hash(id: &[u8]) -> Result<Hash, Error> {
    match id {
        d if oid::HMAC_SHA1.is(d) => Ok(Hash::Sha1),
        d if oid::HMAC_SHA224.is(d) => Ok(Hash::Sha224),
        d if oid::HMAC_SHA256.is(d) => Ok(Hash::Sha256),
        d if oid::HMAC_SHA384.is(d) => Ok(Hash::Sha384),
        d if oid::HMAC_SHA512.is(d) => Ok(Hash::Sha512),
        d => Err(Error::UnsupportedAlgorithm(oid::describe(d))),
    }
}

/// The hash behind a digest OID (the PKCS#12 MAC names a digest, not an HMAC).
pub fn digest_hash(id: &[u8]) -> Result<Hash, Error> {
    match id {
        d if oid::SHA1.is(d) => Ok(Hash::Sha1),
        d if oid::SHA224.is(d) => Ok(Hash::Sha224),
        d if oid::SHA256.is(d) => Ok(Hash::Sha256),
        d if oid::SHA384.is(d) => Ok(Hash::Sha384),
        d if oid::SHA512.is(d) => Ok(Hash::Sha512),
        d => Err(Error::UnsupportedAlgorithm(oid::describe(d))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_non_ascii_passwords_get_their_alternative_forms() {
        let blank = password_forms("");
        assert_eq!(blank.len(), 2);
        assert_eq!(&*blank[0].bmp, &[0, 0]);
        assert!(blank[1].bmp.is_empty());
        let umlaut = password_forms("ä");
        assert_eq!(&*umlaut[0].bmp, &[0, 0xe4, 0, 0]);
        assert_eq!(&*umlaut[1].bmp, &[0, 0xc3, 0, 0xa4, 0, 0]);
        assert_eq!(password_forms("plain").len(), 1);
    }

    #[test]
    fn caps_iterations() {
        assert!(matches!(
            checked_iterations(MAX_ITERATIONS + 1),
            Err(Error::TooManyIterations(_))
        ));
        assert_eq!(checked_iterations(0).unwrap(), 1);
    }
}
