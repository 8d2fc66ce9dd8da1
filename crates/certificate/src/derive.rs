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
    /// The HMAC hash's name ([`Hash::name`]). A request handed to the caller
    /// always names one WebCrypto has: `SHA-1`, `SHA-256`, `SHA-384`,
    /// `SHA-512`.
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

    /// Asks for `key`'s derivation, once.
    fn ask(&mut self, key: &Key) {
        fn once<T: PartialEq + Clone>(list: &mut Vec<T>, request: &T) {
            if !list.contains(request) {
                list.push(request.clone());
            }
        }
        match key {
            Key::Pbkdf2(request) => once(&mut self.pbkdf2, request),
            Key::Pkcs12(request) => once(&mut self.pkcs12, request),
        }
    }
}

/// Computes a request here (when the caller's own PBKDF2 refuses one).
pub fn compute(request: &Pbkdf2Request) -> Vec<u8> {
    let hash = Hash::from_name(request.hash).unwrap_or(Hash::Sha1);
    hash.pbkdf2_here(
        &request.password,
        &request.salt,
        request.iterations,
        request.len,
    )
    .to_vec()
}

/// What a derivation is keyed by: everything its request says.
#[derive(PartialEq, Eq)]
enum Key {
    Pbkdf2(Pbkdf2Request),
    Pkcs12(Pkcs12Request),
}

/// Remembered derivations, kept by the caller between passes.
#[derive(Default)]
pub struct Memo {
    entries: Vec<(Key, Zeroizing<Vec<u8>>)>,
}

impl Memo {
    /// Records the answer to a request.
    pub fn answer(&mut self, request: &Pbkdf2Request, bits: Vec<u8>) {
        self.entries
            .push((Key::Pbkdf2(request.clone()), Zeroizing::new(bits)));
    }

    /// Records the answer to a PKCS#12 request.
    pub fn answer_pkcs12(&mut self, request: &Pkcs12Request, bits: Vec<u8>) {
        self.entries
            .push((Key::Pkcs12(request.clone()), Zeroizing::new(bits)));
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

/// Whether WebCrypto's PBKDF2 takes `hash` (not MD5, not SHA-224).
fn on_webcrypto(hash: Hash) -> bool {
    matches!(
        hash,
        Hash::Sha1 | Hash::Sha256 | Hash::Sha384 | Hash::Sha512
    )
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

/// A derivation through the memo: remembered; left to the caller when
/// `deferred` says this pass's [`Defer`] does (asked for once, with a
/// stand-in returned: the pass's outcome is thrown away); or computed here
/// and remembered.
fn through_memo(
    key: Key,
    len: usize,
    deferred: impl FnOnce(&Defer) -> bool,
    compute: impl FnOnce() -> Zeroizing<Vec<u8>>,
) -> Zeroizing<Vec<u8>> {
    if let Some(hit) = lookup(&key) {
        return hit;
    }
    let asked = CONTEXT.with(|c| match c.borrow_mut().as_mut() {
        Some(ctx) if deferred(&ctx.defer) => {
            ctx.missing.ask(&key);
            true
        }
        _ => false,
    });
    if asked {
        return Zeroizing::new(vec![0u8; len]);
    }
    let out = compute();
    remember(key, &out);
    out
}

/// PBKDF2 through the memo: remembered, deferred (to WebCrypto), or
/// computed here.
pub fn pbkdf2(
    hash: Hash,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let key = Key::Pbkdf2(Pbkdf2Request {
        hash: hash.name(),
        password: Zeroizing::new(password.to_vec()),
        salt: salt.to_vec(),
        iterations,
        len,
    });
    through_memo(
        key,
        len,
        |defer| defer.pbkdf2 && on_webcrypto(hash),
        || hash.pbkdf2_here(password, salt, iterations, len),
    )
}

/// The PKCS#12 KDF through the memo: remembered, deferred (when long), or
/// computed here.
pub fn pkcs12_kdf(
    hash: Hash,
    password: &[u8],
    salt: &[u8],
    id: u8,
    iterations: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let key = Key::Pkcs12(Pkcs12Request {
        hash: hash.name(),
        password: Zeroizing::new(password.to_vec()),
        salt: salt.to_vec(),
        id,
        iterations,
        len,
    });
    through_memo(
        key,
        len,
        |defer| defer.pkcs12_from.is_some_and(|from| iterations >= from),
        || hash.pkcs12_kdf_here(password, salt, id, iterations, len),
    )
}
