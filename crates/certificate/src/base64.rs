//! Base64 (RFC 4648) for PEM bodies, pasted files and the request body.
//!
//! Why not the `base64` crate: files arrive with line breaks (PEM, a .pfx
//! saved as text), in either alphabet and with or without padding, and this
//! decoder takes all of them in one pass. The crate's engines each take one
//! alphabet and one padding rule and refuse a line break (the test
//! `the_base64_crate_refuses_what_files_hold` shows it), so using it would
//! mean stripping whitespace into a copy and trying up to four engines. The
//! simulator, which must be as strict as the server, does use the crate.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes with padding, no line breaks.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes only what [`encode`] writes: the standard alphabet, padded, no
/// whitespace, no stray bits. For documents this project writes itself (the
/// worker's answers), where anything else means the text was damaged.
pub fn decode_strict(text: &[u8]) -> Option<Vec<u8>> {
    let bytes = decode(text)?;
    (encode(&bytes).as_bytes() == text).then_some(bytes)
}

/// Decodes, skipping ASCII whitespace; padding optional. `None` on any other
/// character or a dangling bit group.
pub fn decode(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut padding = 0;
    for &c in text {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if bits >= 6 || padding > 2 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn strict_decoding_takes_only_what_encode_writes() {
        let text = encode(b"any carnal pleasure.");
        assert_eq!(
            decode_strict(text.as_bytes()).as_deref(),
            Some(&b"any carnal pleasure."[..])
        );
        for damaged in [
            "YW55IGNhcm5hbCBwbGVhc3VyZS4",    // padding left off
            "YW55IGNhcm5h\nbCBwbGVhc3VyZS4=", // a line break
            "YW55IGNhcm5hbCBwbGVhc3VyZS5=",   // stray bits in the last group
            "YW55-GNhcm5hbCBwbGVhc3VyZS4=",   // the URL-safe alphabet
            "YW55IGNhcm5hbCBwbGVhc3VyZS4==",  // padding too long
        ] {
            assert_eq!(decode_strict(damaged.as_bytes()), None, "{damaged}");
        }
    }

    use super::*;

    #[test]
    fn the_base64_crate_refuses_what_files_hold() {
        use ::base64::Engine as _;
        use ::base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
        let wrapped = "TWFu\nTWE=";
        assert!(STANDARD.decode(wrapped).is_err(), "a line break");
        assert!(STANDARD.decode("TWE").is_err(), "no padding");
        assert!(
            URL_SAFE_NO_PAD.decode("TW+u").is_err(),
            "the other alphabet"
        );
        assert_eq!(decode(wrapped.as_bytes()).as_deref(), Some(&b"ManMa"[..]));
        assert_eq!(decode(b"TWE").as_deref(), Some(&b"Ma"[..]));
    }

    #[test]
    fn round_trips_every_length() {
        for len in 0..20u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(decode(encode(&bytes).as_bytes()).unwrap(), bytes);
        }
        assert_eq!(encode(b"foob"), "Zm9vYg==");
        assert_eq!(decode(b"Zm9v\r\nYmFy").unwrap(), b"foobar");
        assert!(decode(b"Zm9v!").is_none());
        assert!(decode(b"Z").is_none());
    }
}
