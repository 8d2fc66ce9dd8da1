//! Object identifiers the readers and the writer use, as DER content bytes.

/// An OID as DER content bytes with the name people know it by.
pub struct Oid {
    /// DER content octets (no tag or length).
    pub der: &'static [u8],
    /// The name tools print for it.
    pub name: &'static str,
}

/// 1.2.840.113549.1.7.1
pub const DATA: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01],
    name: "PKCS#7 data",
};
/// 1.2.840.113549.1.7.2
pub const SIGNED_DATA: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02],
    name: "PKCS#7 signedData",
};
/// 1.2.840.113549.1.7.3
pub const ENVELOPED_DATA: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03],
    name: "PKCS#7 envelopedData",
};
/// 1.2.840.113549.1.7.6
pub const ENCRYPTED_DATA: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06],
    name: "PKCS#7 encryptedData",
};
/// 1.2.840.113549.1.12.10.1.1
pub const KEY_BAG: Oid = Oid {
    der: &[
        0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x01,
    ],
    name: "keyBag",
};
/// 1.2.840.113549.1.12.10.1.2
pub const SHROUDED_KEY_BAG: Oid = Oid {
    der: &[
        0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02,
    ],
    name: "pkcs8ShroudedKeyBag",
};
/// 1.2.840.113549.1.12.10.1.3
pub const CERT_BAG: Oid = Oid {
    der: &[
        0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03,
    ],
    name: "certBag",
};
/// 1.2.840.113549.1.12.10.1.6
pub const SAFE_CONTENTS_BAG: Oid = Oid {
    der: &[
        0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x06,
    ],
    name: "safeContentsBag",
};
/// 1.2.840.113549.1.9.22.1
pub const X509_CERTIFICATE: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x16, 0x01],
    name: "x509Certificate",
};
/// 1.2.840.113549.1.9.21
pub const LOCAL_KEY_ID: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x15],
    name: "localKeyID",
};
/// 1.2.840.113549.1.9.20
pub const FRIENDLY_NAME: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x14],
    name: "friendlyName",
};
/// 1.2.840.113549.1.12.1.1
pub const PBE_SHA1_RC4_128: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x01],
    name: "pbeWithSHAAnd128BitRC4",
};
/// 1.2.840.113549.1.12.1.2
pub const PBE_SHA1_RC4_40: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x02],
    name: "pbeWithSHAAnd40BitRC4",
};
/// 1.2.840.113549.1.12.1.3
pub const PBE_SHA1_3DES: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x03],
    name: "pbeWithSHAAnd3-KeyTripleDES-CBC",
};
/// 1.2.840.113549.1.12.1.4
pub const PBE_SHA1_2DES: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x04],
    name: "pbeWithSHAAnd2-KeyTripleDES-CBC",
};
/// 1.2.840.113549.1.12.1.5
pub const PBE_SHA1_RC2_128: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x05],
    name: "pbeWithSHAAnd128BitRC2-CBC",
};
/// 1.2.840.113549.1.12.1.6
pub const PBE_SHA1_RC2_40: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x06],
    name: "pbewithSHAAnd40BitRC2-CBC",
};
/// 1.2.840.113549.1.5.3
pub const PBES1_MD5_DES: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x03],
    name: "pbeWithMD5AndDES-CBC",
};
/// 1.2.840.113549.1.5.6
pub const PBES1_MD5_RC2: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x06],
    name: "pbeWithMD5AndRC2-CBC",
};
/// 1.2.840.113549.1.5.10
pub const PBES1_SHA1_DES: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0a],
    name: "pbeWithSHA1AndDES-CBC",
};
/// 1.2.840.113549.1.5.11
pub const PBES1_SHA1_RC2: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0b],
    name: "pbeWithSHA1AndRC2-CBC",
};
/// 1.2.840.113549.1.5.13
pub const PBES2: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d],
    name: "PBES2",
};
/// 1.2.840.113549.1.5.12
pub const PBKDF2: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c],
    name: "PBKDF2",
};
/// 1.2.840.113549.1.5.14
pub const PBMAC1: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0e],
    name: "PBMAC1",
};
/// 1.3.6.1.4.1.11591.4.11
pub const SCRYPT: Oid = Oid {
    der: &[0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x04, 0x0b],
    name: "scrypt",
};
/// 1.2.840.113549.2.7
pub const HMAC_SHA1: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x07],
    name: "hmacWithSHA1",
};
/// 1.2.840.113549.2.8
pub const HMAC_SHA224: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x08],
    name: "hmacWithSHA224",
};
/// 1.2.840.113549.2.9
pub const HMAC_SHA256: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09],
    name: "hmacWithSHA256",
};
/// 1.2.840.113549.2.10
pub const HMAC_SHA384: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0a],
    name: "hmacWithSHA384",
};
/// 1.2.840.113549.2.11
pub const HMAC_SHA512: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0b],
    name: "hmacWithSHA512",
};
/// 1.3.14.3.2.26
pub const SHA1: Oid = Oid {
    der: &[0x2b, 0x0e, 0x03, 0x02, 0x1a],
    name: "SHA-1",
};
/// 2.16.840.1.101.3.4.2.4
pub const SHA224: Oid = Oid {
    der: &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04],
    name: "SHA-224",
};
/// 2.16.840.1.101.3.4.2.1
pub const SHA256: Oid = Oid {
    der: &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01],
    name: "SHA-256",
};
/// 2.16.840.1.101.3.4.2.2
pub const SHA384: Oid = Oid {
    der: &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02],
    name: "SHA-384",
};
/// 2.16.840.1.101.3.4.2.3
pub const SHA512: Oid = Oid {
    der: &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03],
    name: "SHA-512",
};
/// 1.2.840.113549.2.5
pub const MD5: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05],
    name: "MD5",
};
/// 2.16.840.1.101.3.4.1.2
pub const AES128_CBC: Oid = Oid {
    der: &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02],
    name: "AES-128-CBC",
};
/// 2.16.840.1.101.3.4.1.22
pub const AES192_CBC: Oid = Oid {
    der: &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x16],
    name: "AES-192-CBC",
};
/// 2.16.840.1.101.3.4.1.42
pub const AES256_CBC: Oid = Oid {
    der: &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a],
    name: "AES-256-CBC",
};
/// 1.2.840.113549.3.7
pub const DES_EDE3_CBC: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x03, 0x07],
    name: "DES-EDE3-CBC",
};
/// 1.3.14.3.2.7
pub const DES_CBC: Oid = Oid {
    der: &[0x2b, 0x0e, 0x03, 0x02, 0x07],
    name: "DES-CBC",
};
/// 1.2.840.113549.3.2
pub const RC2_CBC: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x03, 0x02],
    name: "RC2-CBC",
};
/// 1.2.840.113549.1.1.1
pub const RSA: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
    name: "RSA",
};
/// 1.2.840.113549.1.1.10
pub const RSA_PSS: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a],
    name: "RSASSA-PSS",
};
/// 1.2.840.10045.2.1
pub const EC_PUBLIC_KEY: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
    name: "EC",
};
/// 1.2.840.10040.4.1
pub const DSA: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01],
    name: "DSA",
};
/// 1.3.101.112
pub const ED25519: Oid = Oid {
    der: &[0x2b, 0x65, 0x70],
    name: "Ed25519",
};
/// 1.3.101.113
pub const ED448: Oid = Oid {
    der: &[0x2b, 0x65, 0x71],
    name: "Ed448",
};
/// 1.3.101.110
pub const X25519: Oid = Oid {
    der: &[0x2b, 0x65, 0x6e],
    name: "X25519",
};
/// 1.3.101.111
pub const X448: Oid = Oid {
    der: &[0x2b, 0x65, 0x6f],
    name: "X448",
};
/// 1.2.840.10045.3.1.7
pub const P256: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
    name: "P-256",
};
/// 1.3.132.0.34
pub const P384: Oid = Oid {
    der: &[0x2b, 0x81, 0x04, 0x00, 0x22],
    name: "P-384",
};
/// 1.3.132.0.35
pub const P521: Oid = Oid {
    der: &[0x2b, 0x81, 0x04, 0x00, 0x23],
    name: "P-521",
};
/// 1.3.132.0.10
pub const SECP256K1: Oid = Oid {
    der: &[0x2b, 0x81, 0x04, 0x00, 0x0a],
    name: "secp256k1",
};
/// 2.5.4.3
pub const CN: Oid = Oid {
    der: &[0x55, 0x04, 0x03],
    name: "CN",
};
/// 2.5.4.4
pub const SURNAME: Oid = Oid {
    der: &[0x55, 0x04, 0x04],
    name: "SN",
};
/// 2.5.4.5
pub const SERIAL_NUMBER: Oid = Oid {
    der: &[0x55, 0x04, 0x05],
    name: "serialNumber",
};
/// 2.5.4.6
pub const C: Oid = Oid {
    der: &[0x55, 0x04, 0x06],
    name: "C",
};
/// 2.5.4.7
pub const L: Oid = Oid {
    der: &[0x55, 0x04, 0x07],
    name: "L",
};
/// 2.5.4.8
pub const ST: Oid = Oid {
    der: &[0x55, 0x04, 0x08],
    name: "ST",
};
/// 2.5.4.9
pub const STREET: Oid = Oid {
    der: &[0x55, 0x04, 0x09],
    name: "STREET",
};
/// 2.5.4.10
pub const O: Oid = Oid {
    der: &[0x55, 0x04, 0x0a],
    name: "O",
};
/// 2.5.4.11
pub const OU: Oid = Oid {
    der: &[0x55, 0x04, 0x0b],
    name: "OU",
};
/// 2.5.4.12
pub const TITLE: Oid = Oid {
    der: &[0x55, 0x04, 0x0c],
    name: "title",
};
/// 2.5.4.42
pub const GIVEN_NAME: Oid = Oid {
    der: &[0x55, 0x04, 0x2a],
    name: "GN",
};
/// 0.9.2342.19200300.100.1.25
pub const DC: Oid = Oid {
    der: &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19],
    name: "DC",
};
/// 0.9.2342.19200300.100.1.1
pub const UID: Oid = Oid {
    der: &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01],
    name: "UID",
};
/// 1.2.840.113549.1.9.1
pub const EMAIL: Oid = Oid {
    der: &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01],
    name: "emailAddress",
};

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

impl Oid {
    /// Whether `der` (an OID's content bytes) is this OID.
    pub fn is(&self, der: &[u8]) -> bool {
        self.der == der
    }
}

/// A readable name for an OID: its common name when known, else dotted form.
pub fn describe(der: &[u8]) -> String {
    KNOWN
        .iter()
        .find(|oid| oid.der == der)
        .map(|oid| oid.name.to_string())
        .unwrap_or_else(|| dotted(der))
}

/// The dotted-decimal form, as OpenSSL prints unknown OIDs.
pub fn dotted(der: &[u8]) -> String {
    let mut parts: Vec<u64> = Vec::new();
    let mut value: u64 = 0;
    for b in der {
        value = value.saturating_mul(128) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if parts.is_empty() {
                let first = (value / 40).min(2);
                parts.push(first);
                parts.push(value - first * 40);
            } else {
                parts.push(value);
            }
            value = 0;
        }
    }
    parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_known_and_prints_unknown_oids() {
        assert_eq!(describe(PBES2.der), "PBES2");
        assert_eq!(describe(&[0x2a, 0x03]), "1.2.3");
        assert_eq!(dotted(DC.der), "0.9.2342.19200300.100.1.25");
    }
}
