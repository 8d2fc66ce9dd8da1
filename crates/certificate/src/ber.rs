//! A small BER reader: enough of X.690 for PKCS#12, PKCS#8 and X.509.
//!
//! DER is a subset of BER, so one reader serves both. BER matters because
//! Firefox and some Java versions write PKCS#12 with indefinite lengths and
//! constructed OCTET STRINGs. Every read is bounds-checked and nesting is
//! capped, so no input can panic or exhaust the stack.

use std::borrow::Cow;

/// Why bytes could not be read as BER. The caller turns this into a
/// user-facing "damaged or not a certificate file".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed;

pub type Result<T> = std::result::Result<T, Malformed>;

/// Deeper nesting than this is not a real certificate file.
const MAX_DEPTH: u8 = 40;

/// Universal tags the readers use.
pub mod tag {
    pub const INTEGER: u32 = 0x02;
    pub const BIT_STRING: u32 = 0x03;
    pub const OCTET_STRING: u32 = 0x04;
    pub const OID: u32 = 0x06;
    pub const UTF8_STRING: u32 = 0x0c;
    pub const PRINTABLE_STRING: u32 = 0x13;
    pub const T61_STRING: u32 = 0x14;
    pub const IA5_STRING: u32 = 0x16;
    pub const UTC_TIME: u32 = 0x17;
    pub const GENERALIZED_TIME: u32 = 0x18;
    pub const UNIVERSAL_STRING: u32 = 0x1c;
    pub const BMP_STRING: u32 = 0x1e;
    pub const SEQUENCE: u32 = 0x30;
    pub const SET: u32 = 0x31;
    /// `[n]` context-specific, constructed (EXPLICIT tagging).
    pub const fn explicit(n: u8) -> u32 {
        0xa0 | n as u32
    }
    /// `[n]` context-specific, primitive (IMPLICIT over a primitive type).
    pub const fn implicit(n: u8) -> u32 {
        0x80 | n as u32
    }
}

/// One tag-length-value element.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    /// The identifier octet for low tag numbers; high tag numbers are kept
    /// distinct by setting bit 31 (they are read past, never matched).
    pub tag: u32,
    /// The content octets (without the end-of-contents marker).
    pub content: &'a [u8],
    /// The whole encoding, identifier to last byte.
    pub raw: &'a [u8],
    depth: u8,
}

impl<'a> Tlv<'a> {
    /// Reads exactly one element that fills `data`.
    pub fn parse_whole(data: &'a [u8]) -> Result<Tlv<'a>> {
        let mut seq = Seq::new(data, 0);
        let tlv = seq.next()?;
        if !seq.is_empty() {
            return Err(Malformed);
        }
        Ok(tlv)
    }

    /// Reads one element at the start of `data`, ignoring what follows.
    pub fn parse_prefix(data: &'a [u8]) -> Result<Tlv<'a>> {
        Seq::new(data, 0).next()
    }

    /// Whether the constructed bit is set.
    pub fn constructed(&self) -> bool {
        self.tag & 0x20 != 0
    }

    /// Fails unless the tag is `expected`.
    pub fn expect(self, expected: u32) -> Result<Tlv<'a>> {
        if self.is(expected) {
            Ok(self)
        } else {
            Err(Malformed)
        }
    }

    /// Whether the tag is `wanted`. BER may split an OCTET STRING into a
    /// constructed one, so that form counts as an OCTET STRING too.
    pub fn is(&self, wanted: u32) -> bool {
        self.tag == wanted || (wanted == tag::OCTET_STRING && self.tag == wanted | 0x20)
    }

    /// The elements inside a constructed element.
    pub fn children(&self) -> Result<Seq<'a>> {
        if !self.constructed() || self.depth >= MAX_DEPTH {
            return Err(Malformed);
        }
        Ok(Seq::new(self.content, self.depth + 1))
    }

    /// The value of a string type: primitive content, or the concatenated
    /// segments of a constructed (BER) encoding.
    pub fn octets(&self) -> Result<Cow<'a, [u8]>> {
        if !self.constructed() {
            return Ok(Cow::Borrowed(self.content));
        }
        let base = self.tag & !0x20;
        let mut out = Vec::new();
        let mut parts = self.children()?;
        while let Some(part) = parts.next_opt()? {
            // Segments carry the outer type, or OCTET STRING under an
            // IMPLICIT context tag.
            let kind = part.tag & !0x20;
            if kind != base && kind != tag::OCTET_STRING {
                return Err(Malformed);
            }
            out.extend_from_slice(&part.octets()?);
        }
        Ok(Cow::Owned(out))
    }

    /// A non-negative INTEGER as big-endian magnitude, leading zeros removed
    /// (at least one byte remains).
    pub fn unsigned_bytes(&self) -> Result<&'a [u8]> {
        if self.tag != tag::INTEGER || self.content.is_empty() || self.content[0] & 0x80 != 0 {
            return Err(Malformed);
        }
        let mut bytes = self.content;
        while bytes.len() > 1 && bytes[0] == 0 {
            bytes = &bytes[1..];
        }
        Ok(bytes)
    }

    /// A non-negative INTEGER that fits in u64.
    pub fn uint(&self) -> Result<u64> {
        let bytes = self.unsigned_bytes()?;
        if bytes.len() > 8 {
            return Err(Malformed);
        }
        Ok(bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }

    /// A BIT STRING with no unused bits, as bytes.
    pub fn bit_string_bytes(&self) -> Result<Cow<'a, [u8]>> {
        if self.tag != tag::BIT_STRING || self.constructed() {
            return Err(Malformed);
        }
        match self.content.split_first() {
            Some((0, rest)) => Ok(Cow::Borrowed(rest)),
            _ => Err(Malformed),
        }
    }
}

/// A cursor over consecutive elements.
#[derive(Debug, Clone)]
pub struct Seq<'a> {
    rest: &'a [u8],
    depth: u8,
}

impl<'a> Seq<'a> {
    fn new(rest: &'a [u8], depth: u8) -> Self {
        Seq { rest, depth }
    }

    /// Whether every element has been read.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The next element; fails at the end.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Tlv<'a>> {
        self.next_opt()?.ok_or(Malformed)
    }

    /// The next element, or `None` at the end.
    pub fn next_opt(&mut self) -> Result<Option<Tlv<'a>>> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let (tlv, used) = read_one(self.rest, self.depth)?;
        self.rest = &self.rest[used..];
        Ok(Some(tlv))
    }

    /// The next element only when it carries `wanted` (for OPTIONAL and
    /// DEFAULT fields).
    pub fn next_if(&mut self, wanted: u32) -> Result<Option<Tlv<'a>>> {
        let mut probe = self.clone();
        match probe.next_opt()? {
            Some(tlv) if tlv.is(wanted) => {
                *self = probe;
                Ok(Some(tlv))
            }
            _ => Ok(None),
        }
    }

    /// The next element, which must carry `wanted`.
    pub fn expect(&mut self, wanted: u32) -> Result<Tlv<'a>> {
        self.next()?.expect(wanted)
    }
}

/// Reads one element at the start of `data`; returns it and its length.
fn read_one(data: &[u8], depth: u8) -> Result<(Tlv<'_>, usize)> {
    if depth > MAX_DEPTH {
        return Err(Malformed);
    }
    let first = *data.first().ok_or(Malformed)?;
    let mut pos = 1;
    let tag = if first & 0x1f == 0x1f {
        // High tag number: skip its base-128 digits, at most four.
        let mut number: u32 = 0;
        loop {
            let b = *data.get(pos).ok_or(Malformed)?;
            pos += 1;
            number = (number << 7) | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
            if pos > 5 {
                return Err(Malformed);
            }
        }
        0x8000_0000 | (u32::from(first & 0xe0) << 16) | (number & 0x00ff_ffff)
    } else {
        u32::from(first)
    };
    let constructed = first & 0x20 != 0;
    let len_byte = *data.get(pos).ok_or(Malformed)?;
    pos += 1;
    if len_byte == 0x80 {
        if !constructed {
            return Err(Malformed);
        }
        // Indefinite length: children until an end-of-contents marker.
        let start = pos;
        loop {
            let rest = data.get(pos..).ok_or(Malformed)?;
            if rest.len() >= 2 && rest[0] == 0 && rest[1] == 0 {
                let tlv = Tlv {
                    tag,
                    content: &data[start..pos],
                    raw: &data[..pos + 2],
                    depth,
                };
                return Ok((tlv, pos + 2));
            }
            let (_, used) = read_one(rest, depth + 1)?;
            pos += used;
        }
    }
    let len = if len_byte & 0x80 == 0 {
        usize::from(len_byte)
    } else {
        let count = usize::from(len_byte & 0x7f);
        if count > 4 {
            return Err(Malformed);
        }
        let bytes = data.get(pos..pos + count).ok_or(Malformed)?;
        pos += count;
        bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b))
    };
    let end = pos.checked_add(len).ok_or(Malformed)?;
    let content = data.get(pos..end).ok_or(Malformed)?;
    let tlv = Tlv {
        tag,
        content,
        raw: &data[..end],
        depth,
    };
    Ok((tlv, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_definite_and_indefinite_lengths_alike() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa];
        let ber = [
            0x30, 0x80, 0x02, 0x01, 0x05, 0x24, 0x80, 0x04, 0x01, 0xaa, 0, 0, 0, 0,
        ];
        for bytes in [&der[..], &ber[..]] {
            let outer = Tlv::parse_whole(bytes).unwrap();
            let mut kids = outer.children().unwrap();
            assert_eq!(kids.expect(tag::INTEGER).unwrap().uint().unwrap(), 5);
            let octets = kids.next().unwrap();
            assert_eq!(&*octets.octets().unwrap(), &[0xaa]);
            assert!(kids.is_empty());
        }
    }

    #[test]
    fn joins_constructed_octet_string_segments() {
        let ber = [0x24, 0x80, 0x04, 0x02, 1, 2, 0x04, 0x01, 3, 0, 0];
        let tlv = Tlv::parse_whole(&ber).unwrap();
        assert_eq!(&*tlv.octets().unwrap(), &[1, 2, 3]);
    }

    #[test]
    fn refuses_lengths_past_the_end_and_deep_nesting() {
        assert_eq!(
            Tlv::parse_whole(&[0x30, 0x05, 0x02]).unwrap_err(),
            Malformed
        );
        assert_eq!(
            Tlv::parse_whole(&[0x04, 0x84, 0xff, 0xff, 0xff, 0xff]).unwrap_err(),
            Malformed
        );
        let deep: Vec<u8> = std::iter::repeat_n([0x30u8, 0x80], 500).flatten().collect();
        assert_eq!(Tlv::parse_whole(&deep).unwrap_err(), Malformed);
    }
}
