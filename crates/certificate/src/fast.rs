//! The key derivations' inner loops on the raw compression functions.
//!
//! A 600,000-iteration file spends nearly all its time hashing one block over
//! and over. Going through the `Digest` API re-pads, re-buffers and copies
//! on every round; here each round is exactly one compression (two for
//! PBKDF2's HMAC, with the keyed states computed once). SHA-1 and SHA-256
//! cover what real files use for high iteration counts; other hashes take
//! the generic path in `crypto.rs`.

use sha1::digest::generic_array::GenericArray;
use zeroize::Zeroize;

const SHA1_IV: [u32; 5] = [
    0x6745_2301,
    0xefcd_ab89,
    0x98ba_dcfe,
    0x1032_5476,
    0xc3d2_e1f0,
];
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// A hash with a 64-byte block whose compression function is exposed.
pub trait Compress {
    /// Chaining state.
    type State: Copy + AsMut<[u32]> + AsRef<[u32]>;
    /// Initial state.
    const IV: Self::State;
    /// Output length in bytes.
    const LEN: usize;
    /// The same hash through the generic path, for the one-off steps.
    const HASH: crate::crypto::Hash;
    /// One compression of a 64-byte block.
    fn compress(state: &mut Self::State, block: &[u8; 64]);
}

/// SHA-1.
pub struct Sha1;
/// SHA-256.
pub struct Sha256;

impl Compress for Sha1 {
    type State = [u32; 5];
    const IV: [u32; 5] = SHA1_IV;
    const LEN: usize = 20;
    const HASH: crate::crypto::Hash = crate::crypto::Hash::Sha1;
    fn compress(state: &mut [u32; 5], block: &[u8; 64]) {
        sha1::compress(state, &[*GenericArray::from_slice(block)]);
    }
}

impl Compress for Sha256 {
    type State = [u32; 8];
    const IV: [u32; 8] = SHA256_IV;
    const LEN: usize = 32;
    const HASH: crate::crypto::Hash = crate::crypto::Hash::Sha256;
    fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
        sha2::compress256(state, &[*GenericArray::from_slice(block)]);
    }
}

fn write_state<H: Compress>(state: &H::State, out: &mut [u8]) {
    for (chunk, word) in out.chunks_mut(4).zip(state.as_ref()) {
        chunk.copy_from_slice(&word.to_be_bytes()[..chunk.len()]);
    }
}

/// A block with room for a `len`-byte message at its start, the padding
/// after it, and the whole message's bit length (`total_bits`) at its end.
fn padded_block(len: usize, total_bits: u64) -> [u8; 64] {
    let mut block = [0u8; 64];
    block[len] = 0x80;
    block[56..].copy_from_slice(&total_bits.to_be_bytes());
    block
}

/// Replaces `value` (one digest long) by its hash, `rounds` times.
pub fn iterate<H: Compress>(value: &mut [u8], rounds: u32) {
    let mut block = padded_block(H::LEN, (H::LEN * 8) as u64);
    block[..H::LEN].copy_from_slice(&value[..H::LEN]);
    for _ in 0..rounds {
        let mut state = H::IV;
        H::compress(&mut state, &block);
        write_state::<H>(&state, &mut block[..H::LEN]);
    }
    value[..H::LEN].copy_from_slice(&block[..H::LEN]);
    block.zeroize();
}

/// PBKDF2-HMAC (RFC 8018) with this hash, into `out`.
pub fn pbkdf2<H: Compress>(password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
    // HMAC keys longer than a block are hashed first.
    let mut key = [0u8; 64];
    if password.len() > 64 {
        let digest = H::HASH.digest(password);
        key[..digest.len()].copy_from_slice(&digest);
    } else {
        key[..password.len()].copy_from_slice(password);
    }
    let keyed = |pad: u8| {
        let mut block = key.map(|b| b ^ pad);
        let mut state = H::IV;
        H::compress(&mut state, &block);
        block.zeroize();
        state
    };
    let (inner, outer) = (keyed(0x36), keyed(0x5c));
    key.zeroize();
    // Every round hashes one digest after the 64-byte keyed block.
    let mut block = padded_block(H::LEN, ((64 + H::LEN) * 8) as u64);
    let mut u = [0u8; 64];
    for (index, chunk) in out.chunks_mut(H::LEN).enumerate() {
        // U1 = HMAC(P, S || INT(i)) through the generic path: one message of
        // any length, once per output block.
        let mut first = salt.to_vec();
        first.extend_from_slice(&(index as u32 + 1).to_be_bytes());
        let u1 = H::HASH.hmac(password, &first);
        u[..H::LEN].copy_from_slice(&u1);
        let mut t = u;
        for _ in 1..iterations {
            block[..H::LEN].copy_from_slice(&u[..H::LEN]);
            let mut state = inner;
            H::compress(&mut state, &block);
            write_state::<H>(&state, &mut block[..H::LEN]);
            let mut state = outer;
            H::compress(&mut state, &block);
            write_state::<H>(&state, &mut u[..H::LEN]);
            for (t, u) in t[..H::LEN].iter_mut().zip(&u[..H::LEN]) {
                *t ^= u;
            }
        }
        chunk.copy_from_slice(&t[..chunk.len()]);
        t.zeroize();
    }
    u.zeroize();
    block.zeroize();
}
