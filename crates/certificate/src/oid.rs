//! Object identifiers the readers and the writer use: `const-oid` constants
//! (checked when the crate compiles: a typo in a dotted string fails the
//! build) with the names people know them by.

use const_oid::ObjectIdentifier;

/// An OID with the name tools print for it.
pub struct Oid {
    /// The identifier.
    pub id: ObjectIdentifier,
    /// The name tools print for it.
    pub name: &'static str,
}

impl Oid {
    /// Parses `dotted` at compile time; an invalid string fails the build.
    const fn new(dotted: &'static str, name: &'static str) -> Oid {
        Oid {
            id: ObjectIdentifier::new_unwrap(dotted),
            name,
        }
    }

    /// DER content octets (no tag or length), as the readers meet them.
    pub fn der(&self) -> &[u8] {
        self.id.as_bytes()
    }

    /// Whether `der` (an OID's content bytes) is this OID.
    pub fn is(&self, der: &[u8]) -> bool {
        self.der() == der
    }
}

/// 1.2.840.113549.1.7.1
pub const DATA: Oid = Oid::new("1.2.840.113549.1.7.1", "PKCS#7 data");
/// 1.2.840.113549.1.7.2
pub const SIGNED_DATA: Oid = Oid::new("1.2.840.113549.1.7.2", "PKCS#7 signedData");
/// 1.2.840.113549.1.7.3
pub const ENVELOPED_DATA: Oid = Oid::new("1.2.840.113549.1.7.3", "PKCS#7 envelopedData");
/// 1.2.840.113549.1.7.6
pub const ENCRYPTED_DATA: Oid = Oid::new("1.2.840.113549.1.7.6", "PKCS#7 encryptedData");
/// 1.2.840.113549.1.12.10.1.1
pub const KEY_BAG: Oid = Oid::new("1.2.840.113549.1.12.10.1.1", "keyBag");
/// 1.2.840.113549.1.12.10.1.2
pub const SHROUDED_KEY_BAG: Oid = Oid::new("1.2.840.113549.1.12.10.1.2", "pkcs8ShroudedKeyBag");
/// 1.2.840.113549.1.12.10.1.3
pub const CERT_BAG: Oid = Oid::new("1.2.840.113549.1.12.10.1.3", "certBag");
/// 1.2.840.113549.1.12.10.1.6
pub const SAFE_CONTENTS_BAG: Oid = Oid::new("1.2.840.113549.1.12.10.1.6", "safeContentsBag");
/// 1.2.840.113549.1.9.22.1
pub const X509_CERTIFICATE: Oid = Oid::new("1.2.840.113549.1.9.22.1", "x509Certificate");
/// 1.2.840.113549.1.9.21
pub const LOCAL_KEY_ID: Oid = Oid::new("1.2.840.113549.1.9.21", "localKeyID");
/// 1.2.840.113549.1.9.20
pub const FRIENDLY_NAME: Oid = Oid::new("1.2.840.113549.1.9.20", "friendlyName");
/// 1.2.840.113549.1.12.1.1
pub const PBE_SHA1_RC4_128: Oid = Oid::new("1.2.840.113549.1.12.1.1", "pbeWithSHAAnd128BitRC4");
/// 1.2.840.113549.1.12.1.2
pub const PBE_SHA1_RC4_40: Oid = Oid::new("1.2.840.113549.1.12.1.2", "pbeWithSHAAnd40BitRC4");
/// 1.2.840.113549.1.12.1.3
pub const PBE_SHA1_3DES: Oid =
    Oid::new("1.2.840.113549.1.12.1.3", "pbeWithSHAAnd3-KeyTripleDES-CBC");
/// 1.2.840.113549.1.12.1.4
pub const PBE_SHA1_2DES: Oid =
    Oid::new("1.2.840.113549.1.12.1.4", "pbeWithSHAAnd2-KeyTripleDES-CBC");
/// 1.2.840.113549.1.12.1.5
pub const PBE_SHA1_RC2_128: Oid = Oid::new("1.2.840.113549.1.12.1.5", "pbeWithSHAAnd128BitRC2-CBC");
/// 1.2.840.113549.1.12.1.6
pub const PBE_SHA1_RC2_40: Oid = Oid::new("1.2.840.113549.1.12.1.6", "pbewithSHAAnd40BitRC2-CBC");
/// 1.2.840.113549.1.5.3
pub const PBES1_MD5_DES: Oid = Oid::new("1.2.840.113549.1.5.3", "pbeWithMD5AndDES-CBC");
/// 1.2.840.113549.1.5.6
pub const PBES1_MD5_RC2: Oid = Oid::new("1.2.840.113549.1.5.6", "pbeWithMD5AndRC2-CBC");
/// 1.2.840.113549.1.5.10
pub const PBES1_SHA1_DES: Oid = Oid::new("1.2.840.113549.1.5.10", "pbeWithSHA1AndDES-CBC");
/// 1.2.840.113549.1.5.11
pub const PBES1_SHA1_RC2: Oid = Oid::new("1.2.840.113549.1.5.11", "pbeWithSHA1AndRC2-CBC");
/// 1.2.840.113549.1.5.13
pub const PBES2: Oid = Oid::new("1.2.840.113549.1.5.13", "PBES2");
/// 1.2.840.113549.1.5.12
pub const PBKDF2: Oid = Oid::new("1.2.840.113549.1.5.12", "PBKDF2");
/// 1.2.840.113549.1.5.14
pub const PBMAC1: Oid = Oid::new("1.2.840.113549.1.5.14", "PBMAC1");
/// 1.3.6.1.4.1.11591.4.11
pub const SCRYPT: Oid = Oid::new("1.3.6.1.4.1.11591.4.11", "scrypt");
/// 1.2.840.113549.2.7
pub const HMAC_SHA1: Oid = Oid::new("1.2.840.113549.2.7", "hmacWithSHA1");
/// 1.2.840.113549.2.8
pub const HMAC_SHA224: Oid = Oid::new("1.2.840.113549.2.8", "hmacWithSHA224");
/// 1.2.840.113549.2.9
pub const HMAC_SHA256: Oid = Oid::new("1.2.840.113549.2.9", "hmacWithSHA256");
/// 1.2.840.113549.2.10
pub const HMAC_SHA384: Oid = Oid::new("1.2.840.113549.2.10", "hmacWithSHA384");
/// 1.2.840.113549.2.11
pub const HMAC_SHA512: Oid = Oid::new("1.2.840.113549.2.11", "hmacWithSHA512");
/// 1.3.14.3.2.26
pub const SHA1: Oid = Oid::new("1.3.14.3.2.26", "SHA-1");
/// 2.16.840.1.101.3.4.2.4
pub const SHA224: Oid = Oid::new("2.16.840.1.101.3.4.2.4", "SHA-224");
/// 2.16.840.1.101.3.4.2.1
pub const SHA256: Oid = Oid::new("2.16.840.1.101.3.4.2.1", "SHA-256");
/// 2.16.840.1.101.3.4.2.2
pub const SHA384: Oid = Oid::new("2.16.840.1.101.3.4.2.2", "SHA-384");
/// 2.16.840.1.101.3.4.2.3
pub const SHA512: Oid = Oid::new("2.16.840.1.101.3.4.2.3", "SHA-512");
/// 1.2.840.113549.2.5
pub const MD5: Oid = Oid::new("1.2.840.113549.2.5", "MD5");
/// 2.16.840.1.101.3.4.1.2
pub const AES128_CBC: Oid = Oid::new("2.16.840.1.101.3.4.1.2", "AES-128-CBC");
/// 2.16.840.1.101.3.4.1.22
pub const AES192_CBC: Oid = Oid::new("2.16.840.1.101.3.4.1.22", "AES-192-CBC");
/// 2.16.840.1.101.3.4.1.42
pub const AES256_CBC: Oid = Oid::new("2.16.840.1.101.3.4.1.42", "AES-256-CBC");
/// 1.2.840.113549.3.7
pub const DES_EDE3_CBC: Oid = Oid::new("1.2.840.113549.3.7", "DES-EDE3-CBC");
/// 1.3.14.3.2.7
pub const DES_CBC: Oid = Oid::new("1.3.14.3.2.7", "DES-CBC");
/// 1.2.840.113549.3.2
pub const RC2_CBC: Oid = Oid::new("1.2.840.113549.3.2", "RC2-CBC");
/// 1.2.840.113549.1.1.11
pub const SHA256_WITH_RSA: Oid = Oid::new("1.2.840.113549.1.1.11", "sha256WithRSAEncryption");
/// 2.5.29.19
pub const BASIC_CONSTRAINTS: Oid = Oid::new("2.5.29.19", "basicConstraints");
/// 2.5.29.15
pub const KEY_USAGE: Oid = Oid::new("2.5.29.15", "keyUsage");
/// 2.5.29.37
pub const EXT_KEY_USAGE: Oid = Oid::new("2.5.29.37", "extendedKeyUsage");
/// 2.5.29.14
pub const SUBJECT_KEY_ID: Oid = Oid::new("2.5.29.14", "subjectKeyIdentifier");
/// 1.3.6.1.5.5.7.3.2
pub const CLIENT_AUTH: Oid = Oid::new("1.3.6.1.5.5.7.3.2", "clientAuth");
/// 1.2.840.113549.1.1.1
pub const RSA: Oid = Oid::new("1.2.840.113549.1.1.1", "RSA");
/// 1.2.840.113549.1.1.10
pub const RSA_PSS: Oid = Oid::new("1.2.840.113549.1.1.10", "RSASSA-PSS");
/// 1.2.840.10045.2.1
pub const EC_PUBLIC_KEY: Oid = Oid::new("1.2.840.10045.2.1", "EC");
/// 1.2.840.10040.4.1
pub const DSA: Oid = Oid::new("1.2.840.10040.4.1", "DSA");
/// 1.3.101.112
pub const ED25519: Oid = Oid::new("1.3.101.112", "Ed25519");
/// 1.3.101.113
pub const ED448: Oid = Oid::new("1.3.101.113", "Ed448");
/// 1.3.101.110
pub const X25519: Oid = Oid::new("1.3.101.110", "X25519");
/// 1.3.101.111
pub const X448: Oid = Oid::new("1.3.101.111", "X448");
/// 1.2.840.10045.3.1.7
pub const P256: Oid = Oid::new("1.2.840.10045.3.1.7", "P-256");
/// 1.3.132.0.34
pub const P384: Oid = Oid::new("1.3.132.0.34", "P-384");
/// 1.3.132.0.35
pub const P521: Oid = Oid::new("1.3.132.0.35", "P-521");
/// 1.3.132.0.10
pub const SECP256K1: Oid = Oid::new("1.3.132.0.10", "secp256k1");
/// 2.5.4.3
pub const CN: Oid = Oid::new("2.5.4.3", "CN");
/// 2.5.4.4
pub const SURNAME: Oid = Oid::new("2.5.4.4", "SN");
/// 2.5.4.5
pub const SERIAL_NUMBER: Oid = Oid::new("2.5.4.5", "serialNumber");
/// 2.5.4.6
pub const C: Oid = Oid::new("2.5.4.6", "C");
/// 2.5.4.7
pub const L: Oid = Oid::new("2.5.4.7", "L");
/// 2.5.4.8
pub const ST: Oid = Oid::new("2.5.4.8", "ST");
/// 2.5.4.9
pub const STREET: Oid = Oid::new("2.5.4.9", "STREET");
/// 2.5.4.10
pub const O: Oid = Oid::new("2.5.4.10", "O");
/// 2.5.4.11
pub const OU: Oid = Oid::new("2.5.4.11", "OU");
/// 2.5.4.12
pub const TITLE: Oid = Oid::new("2.5.4.12", "title");
/// 2.5.4.42
pub const GIVEN_NAME: Oid = Oid::new("2.5.4.42", "GN");
/// 0.9.2342.19200300.100.1.25
pub const DC: Oid = Oid::new("0.9.2342.19200300.100.1.25", "DC");
/// 0.9.2342.19200300.100.1.1
pub const UID: Oid = Oid::new("0.9.2342.19200300.100.1.1", "UID");
/// 1.2.840.113549.1.9.1
pub const EMAIL: Oid = Oid::new("1.2.840.113549.1.9.1", "emailAddress");

/// Every OID above, for naming an algorithm in a message.
const KNOWN: &[&Oid] = &[
    &DATA,
    &SIGNED_DATA,
    &ENVELOPED_DATA,
    &ENCRYPTED_DATA,
    &KEY_BAG,
    &SHROUDED_KEY_BAG,
    &CERT_BAG,
    &SAFE_CONTENTS_BAG,
    &X509_CERTIFICATE,
    &LOCAL_KEY_ID,
    &FRIENDLY_NAME,
    &PBE_SHA1_RC4_128,
    &PBE_SHA1_RC4_40,
    &PBE_SHA1_3DES,
    &PBE_SHA1_2DES,
    &PBE_SHA1_RC2_128,
    &PBE_SHA1_RC2_40,
    &PBES1_MD5_DES,
    &PBES1_MD5_RC2,
    &PBES1_SHA1_DES,
    &PBES1_SHA1_RC2,
    &PBES2,
    &PBKDF2,
    &PBMAC1,
    &SCRYPT,
    &HMAC_SHA1,
    &HMAC_SHA224,
    &HMAC_SHA256,
    &HMAC_SHA384,
    &HMAC_SHA512,
    &SHA1,
    &SHA224,
    &SHA256,
    &SHA384,
    &SHA512,
    &MD5,
    &AES128_CBC,
    &AES192_CBC,
    &AES256_CBC,
    &DES_EDE3_CBC,
    &DES_CBC,
    &RC2_CBC,
    &SHA256_WITH_RSA,
    &BASIC_CONSTRAINTS,
    &KEY_USAGE,
    &EXT_KEY_USAGE,
    &SUBJECT_KEY_ID,
    &CLIENT_AUTH,
    &RSA,
    &RSA_PSS,
    &EC_PUBLIC_KEY,
    &DSA,
    &ED25519,
    &ED448,
    &X25519,
    &X448,
    &P256,
    &P384,
    &P521,
    &SECP256K1,
    &CN,
    &SURNAME,
    &SERIAL_NUMBER,
    &C,
    &L,
    &ST,
    &STREET,
    &O,
    &OU,
    &TITLE,
    &GIVEN_NAME,
    &DC,
    &UID,
    &EMAIL,
];

/// A readable name for an OID: its common name when known, else dotted form.
pub fn describe(der: &[u8]) -> String {
    KNOWN
        .iter()
        .find(|oid| oid.is(der))
        .map(|oid| oid.name.to_string())
        .unwrap_or_else(|| dotted(der))
}

/// The dotted-decimal form, as OpenSSL prints unknown OIDs. An encoding
/// const-oid 0.9 refuses (an arc beyond 32 bits, a non-minimal arc, under
/// three or over 39 bytes) is shown as its hex bytes: no algorithm or
/// attribute a certificate file names is that short or that long.
pub fn dotted(der: &[u8]) -> String {
    match ObjectIdentifier::from_bytes(der) {
        Ok(id) => id.to_string(),
        Err(_) => {
            let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
            format!("OID bytes {hex}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_known_and_prints_unknown_oids() {
        assert_eq!(describe(PBES2.der()), "PBES2");
        assert_eq!(describe(&[0x2a, 0x03, 0x04]), "1.2.3.4");
        // const-oid 0.9 refuses encodings under three bytes (1.2.3 is two).
        assert_eq!(dotted(&[0x2a, 0x03]), "OID bytes 2a03");
        assert_eq!(dotted(DC.der()), "0.9.2342.19200300.100.1.25");
        // A last arc cut short: no dotted form exists, so its bytes are shown.
        assert_eq!(dotted(&[0x2a, 0xff]), "OID bytes 2aff");
        assert_eq!(describe(CLIENT_AUTH.der()), "clientAuth");
    }

    /// KNOWN names every OID this file declares, each once: a new constant
    /// left out of it would be printed in dotted form in a message.
    #[test]
    fn every_declared_oid_is_known() {
        let declared = include_str!("oid.rs")
            .lines()
            .filter(|l| l.starts_with("pub const ") && l.contains(": Oid"))
            .count();
        assert_eq!(KNOWN.len(), declared);
        for (i, a) in KNOWN.iter().enumerate() {
            for b in &KNOWN[i + 1..] {
                assert_ne!(a.der(), b.der(), "{} twice", a.name);
            }
        }
    }
}
