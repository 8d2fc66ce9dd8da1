//! PEM text: `-----BEGIN …-----` blocks, their RFC 1421 headers, and
//! OpenSSL's traditional `DEK-Info` key encryption.

use zeroize::Zeroizing;

use crate::base64;
use crate::crypto::{Cipher, Hash};
use crate::error::Error;

/// One armored block.
pub struct Block {
    /// The label between `BEGIN ` and the dashes, e.g. `PRIVATE KEY`.
    pub label: String,
    /// `Name: value` headers before the body (only traditional keys use them).
    pub headers: Vec<(String, String)>,
    /// The decoded body, wiped on drop since it may be a key.
    pub der: Zeroizing<Vec<u8>>,
}

/// Whether `bytes` contain a PEM block at all.
pub fn is_pem(bytes: &[u8]) -> bool {
    bytes.windows(11).any(|w| w == b"-----BEGIN ")
}

/// Every block in `text`; text outside blocks (OpenSSL's `Bag Attributes`,
/// comments) is ignored. A block whose body does not decode is an error.
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, Error> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let mut headers = Vec::new();
        let mut body = Zeroizing::new(String::new());
        let mut closed = false;
        let mut in_headers = true;
        for line in lines.by_ref() {
            if line == end {
                closed = true;
                break;
            }
            if in_headers {
                if let Some((name, value)) = line.split_once(':') {
                    headers.push((name.trim().to_string(), value.trim().to_string()));
                    continue;
                }
                in_headers = false;
                if line.is_empty() {
                    continue;
                }
            }
            body.push_str(line);
        }
        if !closed {
            return Err(Error::Damaged);
        }
        let der = base64::decode(body.as_bytes()).ok_or(Error::Damaged)?;
        found.push(Block {
            label: label.to_string(),
            headers,
            der: Zeroizing::new(der),
        });
    }
    Ok(found)
}

impl Block {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether OpenSSL's `Proc-Type: 4,ENCRYPTED` marks the body.
    pub fn is_encrypted(&self) -> bool {
        self.header("Proc-Type")
            .is_some_and(|v| v.contains("ENCRYPTED"))
    }

    /// Decrypts a `DEK-Info` body: the key is OpenSSL's EVP_BytesToKey
    /// (MD5, one round) over the password and the first 8 bytes of the IV.
    pub fn decrypt(&self, password: &str) -> Result<Zeroizing<Vec<u8>>, Error> {
        let info = self.header("DEK-Info").ok_or(Error::Damaged)?;
        let (name, iv_hex) = info.split_once(',').ok_or(Error::Damaged)?;
        let cipher = match name.trim().to_ascii_uppercase().as_str() {
            "AES-128-CBC" => Cipher::Aes128,
            "AES-192-CBC" => Cipher::Aes192,
            "AES-256-CBC" => Cipher::Aes256,
            "DES-EDE3-CBC" => Cipher::Des3,
            "DES-CBC" => Cipher::Des,
            other => {
                return Err(Error::UnsupportedAlgorithm(format!(
                    "{other} (in the key file's DEK-Info header)"
                )));
            }
        };
        let iv = hex(iv_hex.trim())
            .filter(|iv| iv.len() == cipher.iv_len())
            .ok_or(Error::Damaged)?;
        let mut key = Zeroizing::new(Vec::with_capacity(cipher.key_len() + 16));
        let mut previous: Vec<u8> = Vec::new();
        while key.len() < cipher.key_len() {
            let input = Zeroizing::new([&previous[..], password.as_bytes(), &iv[..8]].concat());
            previous = Hash::Md5.digest(&input);
            key.extend_from_slice(&previous);
        }
        key.truncate(cipher.key_len());
        let blank = password.is_empty();
        cipher
            .decrypt(&key, &iv, &self.der)
            .ok_or(Error::WrongPassword { blank })
    }
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_with_headers_and_surrounding_text() {
        let text = b"Bag Attributes\n    localKeyID: 01\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAEC\n-----END RSA PRIVATE KEY-----\n";
        let found = blocks(text).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, "RSA PRIVATE KEY");
        assert!(found[0].is_encrypted());
        assert_eq!(&*found[0].der, &[0, 1, 2]);
    }

    #[test]
    fn an_unclosed_block_is_damaged() {
        assert_eq!(
            blocks(b"-----BEGIN CERTIFICATE-----\nAAAA\n").err(),
            Some(Error::Damaged)
        );
    }
}
