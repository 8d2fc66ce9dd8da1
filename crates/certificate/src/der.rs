//! A minimal DER writer for the .pfx the wizard builds.
//!
//! Why not `der`'s encoders: they encode typed structures, and no stable
//! RustCrypto crate has the PKCS#12 ones (PFX, AuthenticatedSafe, SafeBag,
//! MacData): `pkcs12` is 0.1 with 0.2 in pre-release, and its types do not
//! cover the PKCS#12 PBEs the compatible .pfx needs. Writing a .pfx takes
//! five shapes (a TLV, a SEQUENCE, an OID, an OCTET STRING, an INTEGER),
//! which is this file. The reader's side, `ber.rs`, must read BER (NSS and
//! keytool write indefinite lengths), which `der` refuses by design.

/// Encodes one element with a definite length.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// A SEQUENCE of already-encoded elements.
pub fn seq(items: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &items.concat())
}

/// A SET of already-encoded elements (the caller keeps DER order).
pub fn set(items: &[&[u8]]) -> Vec<u8> {
    tlv(0x31, &items.concat())
}

/// An OBJECT IDENTIFIER from its content bytes.
pub fn oid(der: &[u8]) -> Vec<u8> {
    tlv(0x06, der)
}

/// An OCTET STRING.
pub fn octets(bytes: &[u8]) -> Vec<u8> {
    tlv(0x04, bytes)
}

/// A non-negative INTEGER.
pub fn uint(value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count().min(7);
    let mut content = Vec::with_capacity(9);
    if bytes[skip] & 0x80 != 0 {
        content.push(0);
    }
    content.extend_from_slice(&bytes[skip..]);
    tlv(0x02, &content)
}

/// `[n]` EXPLICIT around an encoded element.
pub fn explicit(n: u8, inner: &[u8]) -> Vec<u8> {
    tlv(0xa0 | n, inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_lengths_and_integers_canonically() {
        assert_eq!(uint(0), [2, 1, 0]);
        assert_eq!(uint(128), [2, 2, 0, 128]);
        assert_eq!(uint(2048), [2, 2, 8, 0]);
        let long = tlv(4, &[0; 300]);
        assert_eq!(&long[..4], &[4, 0x82, 1, 44]);
    }
}
