//! The primitives behind password-based encryption and the PKCS#12 MAC:
//! hashes, HMAC, the PKCS#12 and PBKDF1/2 key derivations, scrypt, and CBC
//! ciphers. Derived keys live in `Zeroizing` buffers.

use cbc::cipher::{
    BlockModeDecrypt, BlockModeEncrypt, InnerIvInit, KeyInit, KeyIvInit, block_padding::Pkcs7,
};
use hmac::{Hmac, Mac};
use sha1::Digest;
use zeroize::Zeroizing;

/// A digest algorithm used by a KDF or a MAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

macro_rules! with_hash {
    ($hash:expr, $d:ident => $body:expr) => {
        match $hash {
            Hash::Md5 => {
                type $d = md5::Md5;
                $body
            }
            Hash::Sha1 => {
                type $d = sha1::Sha1;
                $body
            }
            Hash::Sha224 => {
                type $d = sha2::Sha224;
                $body
            }
            Hash::Sha256 => {
                type $d = sha2::Sha256;
                $body
            }
            Hash::Sha384 => {
                type $d = sha2::Sha384;
                $body
            }
            Hash::Sha512 => {
                type $d = sha2::Sha512;
                $body
            }
        }
    };
}

impl Hash {
    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Hash::Md5 => 16,
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    /// The algorithm's name as WebCrypto writes it (`SHA-256`; `MD5`).
    pub fn name(self) -> &'static str {
        match self {
            Hash::Md5 => "MD5",
            Hash::Sha1 => "SHA-1",
            Hash::Sha224 => "SHA-224",
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }

    /// The algorithm [`Hash::name`] names.
    pub fn from_name(name: &str) -> Option<Self> {
        [
            Hash::Md5,
            Hash::Sha1,
            Hash::Sha224,
            Hash::Sha256,
            Hash::Sha384,
            Hash::Sha512,
        ]
        .into_iter()
        .find(|hash| hash.name() == name)
    }

    /// Block length in bytes (the `v` of the PKCS#12 KDF).
    fn block_len(self) -> usize {
        match self {
            Hash::Sha384 | Hash::Sha512 => 128,
            _ => 64,
        }
    }

    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        with_hash!(self, D => D::digest(data).to_vec())
    }

    /// HMAC of `data` under `key`.
    pub fn hmac(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        with_hash!(self, D => {
            // The key as HMAC uses it (RFC 2104): hashed when longer than a
            // block, zero-padded to one block. Built here, the block-sized
            // constructor needs no length check that could fail.
            let mut block = hmac::digest::Key::<Hmac<D>>::default();
            if key.len() > block.len() {
                let hashed = D::digest(key);
                block[..hashed.len()].copy_from_slice(&hashed);
            } else {
                block[..key.len()].copy_from_slice(key);
            }
            let mut mac = <Hmac<D> as KeyInit>::new(&block);
            block.iter_mut().for_each(|b| *b = 0);
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        })
    }

    /// PBKDF2 with HMAC over this hash (RFC 8018 §5.2), computed here, in
    /// this thread, by the `pbkdf2` crate; callers go through
    /// [`crate::derive::pbkdf2`], which remembers or defers it. A
    /// hand-written loop on the raw compression functions (the former
    /// fast.rs) was slower: for 600,000 iterations, native release, 82 ms
    /// against the crate's 71 (SHA-256) and 78 against 62 (SHA-1). In the
    /// browser the worker asks WebCrypto instead.
    pub fn pbkdf2_here(
        self,
        password: &[u8],
        salt: &[u8],
        iterations: u32,
        len: usize,
    ) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(vec![0u8; len]);
        with_hash!(self, D => pbkdf2::pbkdf2_hmac::<D>(password, salt, iterations, &mut out));
        out
    }

    /// PBKDF1 (RFC 8018 §5.1), for PBES1: the hash applied `iterations` times.
    pub fn pbkdf1(self, password: &[u8], salt: &[u8], iterations: u32) -> Zeroizing<Vec<u8>> {
        with_hash!(self, D => {
            let mut t = D::new().chain_update(password).chain_update(salt).finalize();
            for _ in 1..iterations {
                t = D::digest(t);
            }
            Zeroizing::new(t.to_vec())
        })
    }

    /// The PKCS#12 key derivation (RFC 7292 appendix B.2), computed here.
    /// `password` is already in its BMPString form; `id` is 1 (key), 2 (IV)
    /// or 3 (MAC key). Callers go through [`crate::derive::pkcs12_kdf`],
    /// which remembers it when a memo is active.
    pub fn pkcs12_kdf_here(
        self,
        password: &[u8],
        salt: &[u8],
        id: u8,
        iterations: u32,
        len: usize,
    ) -> Zeroizing<Vec<u8>> {
        with_hash!(self, D => pkcs12_kdf::<D>(self.block_len(), password, salt, id, iterations, len))
    }
}

fn pkcs12_kdf<D: Digest>(
    v: usize,
    password: &[u8],
    salt: &[u8],
    id: u8,
    iterations: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let stretch = |bytes: &[u8]| -> Vec<u8> {
        if bytes.is_empty() {
            return Vec::new();
        }
        let target = bytes.len().div_ceil(v) * v;
        bytes.iter().copied().cycle().take(target).collect()
    };
    let mut input = Zeroizing::new(stretch(salt));
    input.extend_from_slice(&Zeroizing::new(stretch(password)));
    let diversifier = vec![id; v];
    let mut out = Zeroizing::new(Vec::with_capacity(len + 64));
    while out.len() < len {
        let mut a = D::new()
            .chain_update(&diversifier)
            .chain_update(&*input)
            .finalize();
        // The remaining rounds hash the digest again. A loop on the raw
        // compression function (the former fast.rs) measured no faster:
        // 32 ms against 33 ms for 600,000 SHA-1 rounds, native release.
        for _ in 1..iterations {
            a = D::digest(&a);
        }
        out.extend_from_slice(&a);
        if out.len() >= len {
            break;
        }
        let b: Vec<u8> = a.iter().copied().cycle().take(v).collect();
        for block in input.chunks_mut(v) {
            // block = block + b + 1, as big-endian v-byte integers.
            let mut carry: u16 = 1;
            for (x, y) in block.iter_mut().rev().zip(b.iter().rev()) {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out.truncate(len);
    out
}

/// scrypt (RFC 7914). `log_n` is log2 of the cost parameter N.
pub fn scrypt(
    password: &[u8],
    salt: &[u8],
    log_n: u8,
    r: u32,
    p: u32,
    len: usize,
) -> Option<Zeroizing<Vec<u8>>> {
    let params = scrypt::Params::new(log_n, r, p).ok()?;
    let mut out = Zeroizing::new(vec![0u8; len]);
    scrypt::scrypt(password, salt, &params, &mut out).ok()?;
    Some(out)
}

/// A block cipher in CBC mode with PKCS#7 padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cipher {
    Aes128,
    Aes192,
    Aes256,
    Des,
    /// Two-key triple DES (K1, K2, K1).
    Des2,
    /// Three-key triple DES.
    Des3,
    /// RC2 with the given effective key length in bits.
    Rc2 {
        key_len: usize,
        effective_bits: usize,
    },
}

macro_rules! cbc_run {
    ($cipher:expr, $key:expr, $iv:expr, $op:ident, $data:expr) => {
        match $cipher {
            Cipher::Aes128 => cbc_run!(@std aes::Aes128, $key, $iv, $op, $data),
            Cipher::Aes192 => cbc_run!(@std aes::Aes192, $key, $iv, $op, $data),
            Cipher::Aes256 => cbc_run!(@std aes::Aes256, $key, $iv, $op, $data),
            Cipher::Des => cbc_run!(@std des::Des, $key, $iv, $op, $data),
            Cipher::Des2 => cbc_run!(@std des::TdesEde2, $key, $iv, $op, $data),
            Cipher::Des3 => cbc_run!(@std des::TdesEde3, $key, $iv, $op, $data),
            Cipher::Rc2 { effective_bits, .. } => {
                let inner = rc2::Rc2::new_with_eff_key_len($key, effective_bits);
                cbc_run!(@inner inner, $iv, $op, $data)
            }
        }
    };
    (@std $ty:ty, $key:expr, $iv:expr, decrypt, $data:expr) => {
        cbc::Decryptor::<$ty>::new_from_slices($key, $iv).ok()?.decrypt_padded_vec::<Pkcs7>($data).ok()
    };
    (@std $ty:ty, $key:expr, $iv:expr, encrypt, $data:expr) => {
        Some(cbc::Encryptor::<$ty>::new_from_slices($key, $iv).ok()?.encrypt_padded_vec::<Pkcs7>($data))
    };
    (@inner $inner:expr, $iv:expr, decrypt, $data:expr) => {
        cbc::Decryptor::inner_iv_slice_init($inner, $iv).ok()?.decrypt_padded_vec::<Pkcs7>($data).ok()
    };
    (@inner $inner:expr, $iv:expr, encrypt, $data:expr) => {
        Some(cbc::Encryptor::inner_iv_slice_init($inner, $iv).ok()?.encrypt_padded_vec::<Pkcs7>($data))
    };
}

impl Cipher {
    /// Key length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            Cipher::Aes128 | Cipher::Des2 => 16,
            Cipher::Aes192 | Cipher::Des3 => 24,
            Cipher::Aes256 => 32,
            Cipher::Des => 8,
            Cipher::Rc2 { key_len, .. } => key_len,
        }
    }

    /// IV (block) length in bytes.
    pub fn iv_len(self) -> usize {
        match self {
            Cipher::Aes128 | Cipher::Aes192 | Cipher::Aes256 => 16,
            _ => 8,
        }
    }

    /// Decrypts and removes padding; `None` when the padding is wrong, which
    /// is what a wrong password looks like.
    pub fn decrypt(self, key: &[u8], iv: &[u8], data: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        if key.len() != self.key_len() || iv.len() != self.iv_len() {
            return None;
        }
        let plain: Option<Vec<u8>> = cbc_run!(self, key, iv, decrypt, data);
        plain.map(Zeroizing::new)
    }

    /// Pads and encrypts.
    pub fn encrypt(self, key: &[u8], iv: &[u8], data: &[u8]) -> Option<Vec<u8>> {
        if key.len() != self.key_len() || iv.len() != self.iv_len() {
            return None;
        }
        cbc_run!(self, key, iv, encrypt, data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn hmac_matches_rfc_4231_for_short_and_longer_than_block_keys() {
        let jefe = Hash::Sha256.hmac(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&jefe),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let long_key = [0xaa; 131];
        let data = b"Test Using Larger Than Block-Size Key - Hash Key First";
        assert_eq!(
            hex(&Hash::Sha256.hmac(&long_key, data)),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
        assert_eq!(
            hex(&Hash::Sha512.hmac(&long_key, data)),
            "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352\
             6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"
        );
    }

    #[test]
    fn pkcs12_kdf_matches_the_published_vectors() {
        // From the test vectors OpenSSL and BouncyCastle share: password
        // "smeg" (BMPString), salt 0A58CF64530D823F, 1 iteration, SHA-1.
        let password = [0, b's', 0, b'm', 0, b'e', 0, b'g', 0, 0];
        let salt = [0x0a, 0x58, 0xcf, 0x64, 0x53, 0x0d, 0x82, 0x3f];
        let key = Hash::Sha1.pkcs12_kdf_here(&password, &salt, 1, 1, 24);
        assert_eq!(
            hex(&key),
            "8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3"
        );
        let iv = Hash::Sha1.pkcs12_kdf_here(&password, &salt, 2, 1, 8);
        assert_eq!(hex(&iv), "79993dfe048d3b76");
    }

    #[test]
    fn pbkdf2_matches_rfc6070() {
        let out = Hash::Sha1.pbkdf2_here(b"password", b"salt", 2, 20);
        assert_eq!(hex(&out), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
    }

    #[test]
    fn ciphers_round_trip_and_reject_bad_padding() {
        for cipher in [
            Cipher::Aes256,
            Cipher::Des3,
            Cipher::Des2,
            Cipher::Rc2 {
                key_len: 5,
                effective_bits: 40,
            },
        ] {
            let key = vec![7u8; cipher.key_len()];
            let iv = vec![9u8; cipher.iv_len()];
            let sealed = cipher.encrypt(&key, &iv, b"certificate bytes").unwrap();
            assert_eq!(
                &*cipher.decrypt(&key, &iv, &sealed).unwrap(),
                b"certificate bytes"
            );
            let other = vec![8u8; cipher.key_len()];
            let wrong = cipher.decrypt(&other, &iv, &sealed);
            assert!(wrong.is_none_or(|p| &*p != b"certificate bytes"));
        }
        assert!(
            Cipher::Aes128
                .decrypt(&[0; 16], &[0; 16], &[1, 2, 3])
                .is_none()
        );
    }
}
