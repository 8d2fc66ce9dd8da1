//! X.509 certificates: the fields the summary shows and the public key the
//! private key is matched against.

use crate::ber::{Result, Seq, Tlv, tag};
use crate::key::PublicKey;
use crate::oid;
use crate::time::{self, UnixTime};

/// A certificate read from DER (or BER) bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The encoding exactly as found; thumbprints hash these bytes.
    pub der: Vec<u8>,
    /// Subject in RFC 2253 form, as `openssl x509 -nameopt RFC2253` prints it.
    pub subject: String,
    /// Issuer in RFC 2253 form.
    pub issuer: String,
    /// Serial number in uppercase hex without leading zero bytes.
    pub serial: String,
    /// Start of validity.
    pub not_before: UnixTime,
    /// End of validity.
    pub not_after: UnixTime,
    /// The subject public key.
    pub public_key: PublicKey,
}

impl Certificate {
    /// Reads one certificate that fills `bytes`.
    pub fn parse(bytes: &[u8]) -> Result<Certificate> {
        let cert = Tlv::parse_whole(bytes)?.expect(tag::SEQUENCE)?;
        let mut parts = cert.children()?;
        let tbs = parts.expect(tag::SEQUENCE)?;
        parts.expect(tag::SEQUENCE)?; // signatureAlgorithm
        parts.expect(tag::BIT_STRING)?;
        let mut tbs = tbs.children()?;
        tbs.next_if(tag::explicit(0))?; // version
        let serial = tbs.expect(tag::INTEGER)?;
        tbs.expect(tag::SEQUENCE)?; // signature
        let issuer = name(&tbs.expect(tag::SEQUENCE)?)?;
        let mut validity = tbs.expect(tag::SEQUENCE)?.children()?;
        let not_before = time::parse(&validity.next()?)?;
        let not_after = time::parse(&validity.next()?)?;
        let subject = name(&tbs.expect(tag::SEQUENCE)?)?;
        let public_key = PublicKey::from_spki(&tbs.expect(tag::SEQUENCE)?)?;
        Ok(Certificate {
            der: bytes.to_vec(),
            subject,
            issuer,
            serial: hex_upper(serial_bytes(&serial)?),
            not_before,
            not_after,
            public_key,
        })
    }
}

/// Serials are meant to be positive, but negative ones exist in the wild;
/// show their bytes rather than refuse the certificate.
fn serial_bytes<'a>(serial: &Tlv<'a>) -> Result<&'a [u8]> {
    match serial.unsigned_bytes() {
        Ok(bytes) => Ok(bytes),
        Err(_) if !serial.content.is_empty() => Ok(serial.content),
        Err(e) => Err(e),
    }
}

/// Uppercase hex, as Microsoft Entra ID shows thumbprints.
pub fn hex_upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// A Name in RFC 2253 form: last RDN first, `,` between RDNs, `+` inside one.
fn name(seq: &Tlv<'_>) -> Result<String> {
    let mut rdns = Vec::new();
    let mut items = seq.children()?;
    while let Some(rdn) = items.next_opt()? {
        let mut atvs = rdn.expect(tag::SET)?.children()?;
        let mut parts = Vec::new();
        while let Some(atv) = atvs.next_opt()? {
            parts.push(attribute(atv.expect(tag::SEQUENCE)?.children()?)?);
        }
        rdns.push(parts.join("+"));
    }
    rdns.reverse();
    Ok(rdns.join(","))
}

const SHORT_NAMES: &[&oid::Oid] = &[
    &oid::CN,
    &oid::C,
    &oid::L,
    &oid::ST,
    &oid::STREET,
    &oid::O,
    &oid::OU,
    &oid::DC,
    &oid::UID,
    &oid::SURNAME,
    &oid::GIVEN_NAME,
    &oid::SERIAL_NUMBER,
    &oid::TITLE,
    &oid::EMAIL,
];

fn attribute(mut atv: Seq<'_>) -> Result<String> {
    let kind = atv.expect(tag::OID)?;
    let value = atv.next()?;
    let key = SHORT_NAMES
        .iter()
        .find(|o| o.is(kind.content))
        .map(|o| o.name.to_string())
        .unwrap_or_else(|| oid::dotted(kind.content));
    let text = match string_value(&value) {
        Some(text) => escape(&text),
        // RFC 2253: values of unknown syntax print as # and their DER in hex.
        None => format!("#{}", hex_upper(value.raw)),
    };
    Ok(format!("{key}={text}"))
}

/// Decodes the directory string types; `None` for anything else.
pub fn string_value(value: &Tlv<'_>) -> Option<String> {
    let bytes = value.content;
    match value.tag {
        tag::UTF8_STRING | tag::PRINTABLE_STRING | tag::IA5_STRING => {
            Some(String::from_utf8_lossy(bytes).into_owned())
        }
        // Teletex in practice holds Latin-1.
        tag::T61_STRING => Some(bytes.iter().map(|b| char::from(*b)).collect()),
        tag::BMP_STRING => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        tag::UNIVERSAL_STRING => Some(
            bytes
                .chunks(4)
                .map(|c| {
                    let mut word = [0u8; 4];
                    word[..c.len()].copy_from_slice(c);
                    char::from_u32(u32::from_be_bytes(word)).unwrap_or(char::REPLACEMENT_CHARACTER)
                })
                .collect(),
        ),
        _ => None,
    }
}

/// RFC 2253 §2.4 escaping.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (i == 0 && (c == '#' || c == ' '))
            || (i == last && c == ' ');
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_rfc2253_specials() {
        assert_eq!(escape("Contoso, Ltd"), "Contoso\\, Ltd");
        assert_eq!(escape("#1 "), "\\#1\\ ");
        assert_eq!(escape("a+b=c"), "a\\+b=c");
    }

    #[test]
    fn prints_thumbprints_in_uppercase() {
        assert_eq!(hex_upper(&[0x0a, 0xbc, 0xff]), "0ABCFF");
    }
}
