//! Public keys from certificates, private keys from PKCS#8, PKCS#1 and SEC1,
//! and whether the two belong together.

use zeroize::Zeroizing;

use crate::ber::{Malformed, Result, Tlv, tag};
use crate::der;
use crate::oid;

/// The key algorithm, named as the inspector prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// rsaEncryption.
    Rsa,
    /// RSASSA-PSS-only keys.
    RsaPss,
    /// Elliptic curve (ECDSA/ECDH) keys.
    Ec,
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// DSA.
    Dsa,
    /// Anything else, by its name or dotted OID.
    Other(String),
}

impl KeyAlgorithm {
    fn from_oid(der: &[u8]) -> KeyAlgorithm {
        match der {
            d if oid::RSA.is(d) => KeyAlgorithm::Rsa,
            d if oid::RSA_PSS.is(d) => KeyAlgorithm::RsaPss,
            d if oid::EC_PUBLIC_KEY.is(d) => KeyAlgorithm::Ec,
            d if oid::ED25519.is(d) => KeyAlgorithm::Ed25519,
            d if oid::ED448.is(d) => KeyAlgorithm::Ed448,
            d if oid::DSA.is(d) => KeyAlgorithm::Dsa,
            d => KeyAlgorithm::Other(oid::describe(d)),
        }
    }

    /// The short lowercase name: `rsa`, `ec`, `ed25519`, …
    pub fn name(&self) -> &str {
        match self {
            KeyAlgorithm::Rsa => "rsa",
            KeyAlgorithm::RsaPss => "rsa-pss",
            KeyAlgorithm::Ec => "ec",
            KeyAlgorithm::Ed25519 => "ed25519",
            KeyAlgorithm::Ed448 => "ed448",
            KeyAlgorithm::Dsa => "dsa",
            KeyAlgorithm::Other(name) => name,
        }
    }

    /// Whether Microsoft Entra ID accepts it for application certificates.
    pub fn is_rsa(&self) -> bool {
        matches!(self, KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss)
    }
}

/// The public half, in a form both sides can be compared in.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Material {
    Rsa { modulus: Vec<u8>, exponent: Vec<u8> },
    Raw(Vec<u8>),
}

/// A certificate's subject public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// The algorithm.
    pub algorithm: KeyAlgorithm,
    /// Size in bits: the modulus for RSA, the curve for EC; `None` where the
    /// algorithm has no size choice (Ed25519).
    pub bits: Option<u32>,
    material: Material,
}

impl PublicKey {
    /// Reads a SubjectPublicKeyInfo.
    pub fn from_spki(spki: &Tlv<'_>) -> Result<PublicKey> {
        let mut parts = spki.children()?;
        let (algorithm, params) = algorithm_identifier(&parts.expect(tag::SEQUENCE)?)?;
        let key = parts.expect(tag::BIT_STRING)?.bit_string_bytes()?;
        let (bits, material) = match algorithm {
            KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss => {
                let (modulus, exponent) = rsa_public(&key)?;
                (
                    Some(bit_length(&modulus)),
                    Material::Rsa { modulus, exponent },
                )
            }
            KeyAlgorithm::Ec => (curve_bits(params), Material::Raw(key.into_owned())),
            KeyAlgorithm::Dsa => (dsa_bits(params), Material::Raw(key.into_owned())),
            _ => (None, Material::Raw(key.into_owned())),
        };
        Ok(PublicKey {
            algorithm,
            bits,
            material,
        })
    }
}

/// A private key, kept as PKCS#8 (what a .pfx carries), wiped on drop.
pub struct PrivateKey {
    /// PrivateKeyInfo DER.
    pub pkcs8: Zeroizing<Vec<u8>>,
    /// The algorithm.
    pub algorithm: KeyAlgorithm,
    /// The public half when the encoding carries it (RSA always; EC and
    /// Ed25519 only when the writer included it).
    public: Option<Material>,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey({}, ***)", self.algorithm.name())
    }
}

impl PrivateKey {
    /// Reads an unencrypted PKCS#8 PrivateKeyInfo (RFC 5208, or RFC 5958
    /// with its public key), decoded by RustCrypto's `pkcs8`. Every key in
    /// the corpus is DER here, BER files included: NSS and keytool use BER
    /// for the PKCS#12 layers around the key, never for the key itself.
    pub fn from_pkcs8(der: &[u8]) -> Result<PrivateKey> {
        let info = pkcs8::PrivateKeyInfo::try_from(der).map_err(|_| Malformed)?;
        let algorithm = KeyAlgorithm::from_oid(info.algorithm.oid.as_bytes());
        let inner = info.private_key;
        let v2_public = info.public_key.map(<[u8]>::to_vec);
        let public = match algorithm {
            KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss => {
                let (modulus, exponent) = rsa_private_public(inner)?;
                Some(Material::Rsa { modulus, exponent })
            }
            KeyAlgorithm::Ec => sec1_public(inner)?.or(v2_public).map(Material::Raw),
            KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed448 => {
                // The key must at least be a well-formed OCTET STRING.
                Tlv::parse_whole(inner)?.expect(tag::OCTET_STRING)?;
                v2_public.map(Material::Raw)
            }
            _ => v2_public.map(Material::Raw),
        };
        Ok(PrivateKey {
            pkcs8: Zeroizing::new(der.to_vec()),
            algorithm,
            public,
        })
    }

    /// Reads a PKCS#1 RSAPrivateKey (`BEGIN RSA PRIVATE KEY`).
    pub fn from_pkcs1(der: &[u8]) -> Result<PrivateKey> {
        rsa_private_public(der)?;
        let algorithm = der::seq(&[&der::oid(oid::RSA.der()), &[0x05, 0x00]]);
        let info = Zeroizing::new(der::seq(&[&der::uint(0), &algorithm, &der::octets(der)]));
        PrivateKey::from_pkcs8(&info)
    }

    /// Reads a SEC1 ECPrivateKey (`BEGIN EC PRIVATE KEY`); its curve must be named.
    pub fn from_sec1(der: &[u8]) -> Result<PrivateKey> {
        let key = Tlv::parse_whole(der)?.expect(tag::SEQUENCE)?;
        let mut parts = key.children()?;
        parts.expect(tag::INTEGER)?;
        parts.expect(tag::OCTET_STRING)?;
        let curve = parts
            .expect(tag::explicit(0))?
            .children()?
            .expect(tag::OID)?;
        let algorithm = der::seq(&[&der::oid(oid::EC_PUBLIC_KEY.der()), curve.raw]);
        let info = Zeroizing::new(der::seq(&[&der::uint(0), &algorithm, &der::octets(der)]));
        PrivateKey::from_pkcs8(&info)
    }

    /// Whether this key belongs to `public`; `None` when the key's encoding
    /// carries no public half to compare (Ed25519 PKCS#8 v1).
    pub fn matches(&self, public: &PublicKey) -> Option<bool> {
        if !same_family(&self.algorithm, &public.algorithm) {
            return Some(false);
        }
        self.public.as_ref().map(|mine| *mine == public.material)
    }
}

fn same_family(a: &KeyAlgorithm, b: &KeyAlgorithm) -> bool {
    a == b || (a.is_rsa() && b.is_rsa())
}

/// An AlgorithmIdentifier's algorithm and its parameters, if any.
fn algorithm_identifier<'a>(seq: &Tlv<'a>) -> Result<(KeyAlgorithm, Option<Tlv<'a>>)> {
    let mut parts = seq.children()?;
    let id = parts.expect(tag::OID)?;
    Ok((KeyAlgorithm::from_oid(id.content), parts.next_opt()?))
}

fn rsa_public(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    let key = Tlv::parse_whole(der)?.expect(tag::SEQUENCE)?;
    let mut parts = key.children()?;
    let modulus = parts.expect(tag::INTEGER)?.unsigned_bytes()?.to_vec();
    let exponent = parts.expect(tag::INTEGER)?.unsigned_bytes()?.to_vec();
    Ok((modulus, exponent))
}

/// The public half of a PKCS#1 RSAPrivateKey: version, n, e, d, p, q, ….
fn rsa_private_public(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
    let key = Tlv::parse_whole(der)?.expect(tag::SEQUENCE)?;
    let mut parts = key.children()?;
    parts.expect(tag::INTEGER)?;
    let modulus = parts.expect(tag::INTEGER)?.unsigned_bytes()?.to_vec();
    let exponent = parts.expect(tag::INTEGER)?.unsigned_bytes()?.to_vec();
    for _ in 0..6 {
        parts.expect(tag::INTEGER)?;
    }
    Ok((modulus, exponent))
}

/// The optional `[1] publicKey` of a SEC1 ECPrivateKey.
fn sec1_public(der: &[u8]) -> Result<Option<Vec<u8>>> {
    let key = Tlv::parse_whole(der)?.expect(tag::SEQUENCE)?;
    let mut parts = key.children()?;
    parts.expect(tag::INTEGER)?;
    parts.expect(tag::OCTET_STRING)?;
    parts.next_if(tag::explicit(0))?;
    match parts.next_if(tag::explicit(1))? {
        Some(wrapper) => {
            let bits = wrapper.children()?.expect(tag::BIT_STRING)?;
            Ok(Some(bits.bit_string_bytes()?.into_owned()))
        }
        None => Ok(None),
    }
}

fn bit_length(magnitude: &[u8]) -> u32 {
    match magnitude.iter().position(|b| *b != 0) {
        Some(i) => (magnitude.len() - i) as u32 * 8 - magnitude[i].leading_zeros(),
        None => 0,
    }
}

fn curve_bits(params: Option<Tlv<'_>>) -> Option<u32> {
    let curve = params.filter(|p| p.tag == tag::OID)?;
    [
        (&oid::P256, 256),
        (&oid::P384, 384),
        (&oid::P521, 521),
        (&oid::SECP256K1, 256),
    ]
    .iter()
    .find(|(o, _)| o.is(curve.content))
    .map(|(_, bits)| *bits)
}

fn dsa_bits(params: Option<Tlv<'_>>) -> Option<u32> {
    let p = params?.children().ok()?.expect(tag::INTEGER).ok()?;
    Some(bit_length(p.unsigned_bytes().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_bits_from_the_first_set_bit() {
        assert_eq!(bit_length(&[0x80, 0, 0]), 24);
        assert_eq!(bit_length(&[0, 0x01, 0]), 9);
        assert_eq!(bit_length(&[]), 0);
    }

    #[test]
    fn debug_output_hides_the_key() {
        let pkcs1 = der::seq(&[
            &der::uint(0),
            &der::uint(0xc5),
            &der::uint(3),
            &der::uint(0x77),
            &der::uint(11),
            &der::uint(13),
            &der::uint(1),
            &der::uint(1),
            &der::uint(1),
        ]);
        let key = PrivateKey::from_pkcs1(&pkcs1).unwrap();
        assert_eq!(format!("{key:?}"), "PrivateKey(rsa, ***)");
    }
}
