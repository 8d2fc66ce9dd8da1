//! Derivations computed elsewhere. In the browser, PBKDF2 runs natively
//! through WebCrypto (several times faster than any WebAssembly), but only
//! asynchronously, and this crate is synchronous. So the worker opens a file
//! in passes: a pass that needs a PBKDF2 result it does not have records the
//! request and carries on with a dummy key (its outcome is thrown away); the
//! worker derives what was asked with WebCrypto and opens again. Every
//! derivation of a pass is remembered, so later passes repeat none of them
//! (the PKCS#12 MAC key included).
//!
//! Long PKCS#12 KDF derivations (no WebCrypto equivalent) can be asked for
//! the same way: a legacy .pfx of 600,000 rounds needs five or six of them,
//! independent of each other, which the worker then runs side by side in
//! helper workers instead of one after the other ([`Defer`]).

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

/// A PKCS#12 KDF derivation (RFC 7292 B.2) the caller is asked to compute.
#[derive(Clone, PartialEq, Eq)]
pub struct Pkcs12Request {
    /// The digest's name: `MD5`, `SHA-1`, `SHA-224`, `SHA-256`, `SHA-384`,
    /// `SHA-512`.
    pub hash: &'static str,
    /// The password in its BMPString form (with its NUL pair), or empty.
    pub password: Zeroizing<Vec<u8>>,
    /// The salt.
    pub salt: Vec<u8>,
    /// 1 (key), 2 (IV) or 3 (MAC key).
    pub id: u8,
    /// The iteration count.
    pub iterations: u32,
    /// Output length in bytes.
    pub len: usize,
}

impl std::fmt::Debug for Pkcs12Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PKCS#12-{} id {} ×{} → {} bytes (password ***)",
            self.hash, self.id, self.iterations, self.len
        )
    }
}

/// Computes a PKCS#12 request here (a helper worker's part); `None` for a
/// digest name this crate does not know.
pub fn compute_pkcs12(
    hash: &str,
    password: &[u8],
    salt: &[u8],
    id: u8,
    iterations: u32,
    len: usize,
) -> Option<Vec<u8>> {
    let hash = Hash::from_name(hash)?;
    Some(
        hash.pkcs12_kdf_here(password, salt, id, iterations, len)
            .to_vec(),
    )
}

/// Which derivations a pass leaves to its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Defer {
    /// PBKDF2 (for WebCrypto).
    pub pbkdf2: bool,
    /// PKCS#12 KDF derivations of at least this many iterations (for
    /// helper workers, side by side); `None`: every one is computed here.
    pub pkcs12_from: Option<u32>,
}

/// What a pass asks its caller to derive.
#[derive(Debug, Default)]
pub struct Missing {
    /// PBKDF2 derivations.
    pub pbkdf2: Vec<Pbkdf2Request>,
    /// PKCS#12 KDF derivations.
    pub pkcs12: Vec<Pkcs12Request>,
}

impl Missing {
    /// Nothing is missing.
    pub fn is_empty(&self) -> bool {
        self.pbkdf2.is_empty() && self.pkcs12.is_empty()
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

    /// Records the answer to a PKCS#12 request.
    pub fn answer_pkcs12(&mut self, request: &Pkcs12Request, bits: Vec<u8>) {
        let Some(hash) = Hash::from_name(request.hash) else {
            return;
        };
        let key = Key::Pkcs12 {
            hash,
            password: request.password.clone(),
            salt: request.salt.clone(),
            id: request.id,
            iterations: request.iterations,
            len: request.len,
        };
        self.entries.push((key, Zeroizing::new(bits)));
    }
}

struct Context {
    memo: Memo,
    defer: Defer,
    missing: Missing,
}

thread_local! {
    static CONTEXT: RefCell<Option<Context>> = const { RefCell::new(None) };
}

/// Runs `work` with `memo` consulted and filled; the derivations `defer`
/// names that are not in the memo are returned as requests instead of
/// computed.
pub fn with_memo<T>(memo: &mut Memo, defer: Defer, work: impl FnOnce() -> T) -> (T, Missing) {
    let context = Context {
        memo: std::mem::take(memo),
        defer,
        missing: Missing::default(),
    };
    CONTEXT.with(|c| *c.borrow_mut() = Some(context));
    let result = work();
    let context = CONTEXT.with(|c| c.borrow_mut().take());
    match context {
        Some(context) => {
            *memo = context.memo;
            (result, context.missing)
        }
        None => (result, Missing::default()),
    }
}

/// A PBKDF2 hash WebCrypto has, by its name.
fn webcrypto_hash(name: &str) -> Option<Hash> {
    Hash::from_name(name).filter(|hash| webcrypto_name(*hash).is_some())
}

/// The name of a hash WebCrypto's PBKDF2 takes (not MD5, not SHA-224).
fn webcrypto_name(hash: Hash) -> Option<&'static str> {
    matches!(
        hash,
        Hash::Sha1 | Hash::Sha256 | Hash::Sha384 | Hash::Sha512
    )
    .then(|| hash.name())
}

/// Whether this pass waits on a derivation its caller computes. Its outcome
/// is then thrown away, so the reader reads on past what a stand-in key
/// spoiled, and the pass asks for everything the file needs at once: the
/// caller derives them side by side instead of a pass at a time.
pub(crate) fn awaiting() -> bool {
    CONTEXT.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|ctx| !ctx.missing.is_empty())
    })
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
            (Some(ctx), Some(name)) if ctx.defer.pbkdf2 => {
                let request = Pbkdf2Request {
                    hash: name,
                    password: Zeroizing::new(password.to_vec()),
                    salt: salt.to_vec(),
                    iterations,
                    len,
                };
                if !ctx.missing.pbkdf2.contains(&request) {
                    ctx.missing.pbkdf2.push(request);
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
    let deferred = CONTEXT.with(|c| {
        let mut c = c.borrow_mut();
        match c.as_mut() {
            Some(ctx) if ctx.defer.pkcs12_from.is_some_and(|from| iterations >= from) => {
                let request = Pkcs12Request {
                    hash: hash.name(),
                    password: Zeroizing::new(password.to_vec()),
                    salt: salt.to_vec(),
                    id,
                    iterations,
                    len,
                };
                if !ctx.missing.pkcs12.contains(&request) {
                    ctx.missing.pkcs12.push(request);
                }
                true
            }
            _ => false,
        }
    });
    if deferred {
        // A stand-in, as for PBKDF2: this pass's outcome is discarded.
        return Zeroizing::new(vec![0u8; len]);
    }
    let out = hash.pkcs12_kdf_here(password, salt, id, iterations, len);
    remember(key, &out);
    out
}
