//! Derivations computed elsewhere. In the browser, PBKDF2 runs natively
//! through WebCrypto (several times faster than any WebAssembly), but only
//! asynchronously, and this crate is synchronous. So the worker opens a file
//! in passes: a pass that needs a PBKDF2 result it does not have records the
//! request and carries on with a dummy key (its outcome is thrown away); the
//! worker derives what was asked with WebCrypto and opens again. Every
//! derivation of a pass is remembered, so later passes repeat none of them
//! (the PKCS#12 MAC key included).

use std::cell::RefCell;

use zeroize::Zeroizing;

use crate::crypto::Hash;

/// A PBKDF2 derivation the caller is asked to compute.
#[derive(Clone, PartialEq, Eq)]
pub struct Pbkdf2Request {
    /// The WebCrypto name of the HMAC hash: `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`.
    pub hash: &'static str,
    /// The password bytes (UTF-8).
    pub password: Zeroizing<Vec<u8>>,
    /// The salt.
    pub salt: Vec<u8>,
    /// The iteration count.
    pub iterations: u32,
    /// Output length in bytes.
    pub len: usize,
}

impl std::fmt::Debug for Pbkdf2Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PBKDF2-{} ×{} → {} bytes (password ***)",
            self.hash, self.iterations, self.len
        )
    }
}

/// Computes a request here (when the caller's own PBKDF2 refuses one).
pub fn compute(request: &Pbkdf2Request) -> Vec<u8> {
    let hash = webcrypto_hash(request.hash).unwrap_or(Hash::Sha1);
    hash.pbkdf2_here(
        &request.password,
        &request.salt,
        request.iterations,
        request.len,
    )
    .to_vec()
}

/// What a derivation is keyed by.
#[derive(PartialEq, Eq)]
enum Key {
    Pbkdf2 {
        hash: Hash,
        password: Zeroizing<Vec<u8>>,
        salt: Vec<u8>,
        iterations: u32,
        len: usize,
    },
    Pkcs12 {
        hash: Hash,
        password: Zeroizing<Vec<u8>>,
        salt: Vec<u8>,
        id: u8,
        iterations: u32,
        len: usize,
    },
}

/// Remembered derivations, kept by the caller between passes.
#[derive(Default)]
pub struct Memo {
    entries: Vec<(Key, Zeroizing<Vec<u8>>)>,
}

impl Memo {
    /// Records the answer to a request.
    pub fn answer(&mut self, request: &Pbkdf2Request, bits: Vec<u8>) {
        let Some(hash) = webcrypto_hash(request.hash) else {
            return;
        };
        let key = Key::Pbkdf2 {
            hash,
            password: request.password.clone(),
            salt: request.salt.clone(),
            iterations: request.iterations,
            len: request.len,
        };
        self.entries.push((key, Zeroizing::new(bits)));
    }
}

struct Context {
    memo: Memo,
    defer_pbkdf2: bool,
    missing: Vec<Pbkdf2Request>,
}

thread_local! {
    static CONTEXT: RefCell<Option<Context>> = const { RefCell::new(None) };
}

/// Runs `work` with `memo` consulted and filled; with `defer_pbkdf2`, PBKDF2
/// derivations not in the memo are returned as requests instead of computed.
pub fn with_memo<T>(
    memo: &mut Memo,
    defer_pbkdf2: bool,
    work: impl FnOnce() -> T,
) -> (T, Vec<Pbkdf2Request>) {
    let context = Context {
        memo: std::mem::take(memo),
        defer_pbkdf2,
        missing: Vec::new(),
    };
    CONTEXT.with(|c| *c.borrow_mut() = Some(context));
    let result = work();
    let context = CONTEXT.with(|c| c.borrow_mut().take());
    match context {
        Some(context) => {
            *memo = context.memo;
            (result, context.missing)
        }
        None => (result, Vec::new()),
    }
}

fn webcrypto_hash(name: &str) -> Option<Hash> {
    match name {
        "SHA-1" => Some(Hash::Sha1),
        "SHA-256" => Some(Hash::Sha256),
        "SHA-384" => Some(Hash::Sha384),
        "SHA-512" => Some(Hash::Sha512),
        _ => None,
    }
}

fn webcrypto_name(hash: Hash) -> Option<&'static str> {
    match hash {
        Hash::Sha1 => Some("SHA-1"),
        Hash::Sha256 => Some("SHA-256"),
        Hash::Sha384 => Some("SHA-384"),
        Hash::Sha512 => Some("SHA-512"),
        _ => None,
    }
}

fn lookup(key: &Key) -> Option<Zeroizing<Vec<u8>>> {
    CONTEXT.with(|c| {
        c.borrow().as_ref().and_then(|ctx| {
            ctx.memo
                .entries
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        })
    })
}

fn remember(key: Key, value: &Zeroizing<Vec<u8>>) {
    CONTEXT.with(|c| {
        if let Some(ctx) = c.borrow_mut().as_mut() {
            ctx.memo.entries.push((key, value.clone()));
        }
    });
}

/// PBKDF2 through the memo: remembered, deferred, or computed here.
pub fn pbkdf2(
    hash: Hash,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let key = Key::Pbkdf2 {
        hash,
        password: Zeroizing::new(password.to_vec()),
        salt: salt.to_vec(),
        iterations,
        len,
    };
    if let Some(hit) = lookup(&key) {
        return hit;
    }
    let deferred = CONTEXT.with(|c| {
        let mut c = c.borrow_mut();
        match (c.as_mut(), webcrypto_name(hash)) {
            (Some(ctx), Some(name)) if ctx.defer_pbkdf2 => {
                let request = Pbkdf2Request {
                    hash: name,
                    password: Zeroizing::new(password.to_vec()),
                    salt: salt.to_vec(),
                    iterations,
                    len,
                };
                if !ctx.missing.contains(&request) {
                    ctx.missing.push(request);
                }
                true
            }
            _ => false,
        }
    });
    if deferred {
        // A stand-in: this pass's outcome is discarded.
        return Zeroizing::new(vec![0u8; len]);
    }
    let out = hash.pbkdf2_here(password, salt, iterations, len);
    remember(key, &out);
    out
}

/// The PKCS#12 KDF through the memo: remembered, or computed and remembered.
pub fn pkcs12_kdf(
    hash: Hash,
    password: &[u8],
    salt: &[u8],
    id: u8,
    iterations: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let key = Key::Pkcs12 {
        hash,
        password: Zeroizing::new(password.to_vec()),
        salt: salt.to_vec(),
        id,
        iterations,
        len,
    };
    if let Some(hit) = lookup(&key) {
        return hit;
    }
    let out = hash.pkcs12_kdf_here(password, salt, id, iterations, len);
    remember(key, &out);
    out
}
