//! `make bench` runs this: PBKDF2-HMAC and the PKCS#12 rounds through
//! `fast.rs` beside RustCrypto's `pbkdf2` crate and the `Digest` API, on the
//! same inputs, checking the outputs agree, and printing the medians.
//!
//! ```sh
//! cargo run --release -p certificate --example kdf_speed
//! ```

use std::time::Instant;

use certificate::fast;
use sha2::Digest;

/// Rounds per run: what a recent .pfx asks (OpenSSL 3 writes 2,048; Windows
/// Server 2022 and .NET 8 write 2,000 to 600,000 for PBKDF2 keys).
const ITERATIONS: u32 = 600_000;
const RUNS: usize = 5;

fn median_ms(mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn row(what: &str, ours: f64, theirs: f64, crate_name: &str) {
    println!(
        "| {what} | {ours:.0} ms | {theirs:.0} ms ({crate_name}) | {:.2}x |",
        theirs / ours
    );
}

fn main() {
    let (password, salt) = (
        b"Fixture-Passw0rd".as_slice(),
        b"0123456789abcdef".as_slice(),
    );
    println!("KDF speed, native release, median of {RUNS} runs of {ITERATIONS} iterations");
    println!("| derivation | fast.rs | crate | crate ÷ fast.rs |");
    println!("| --- | --- | --- | --- |");

    let (mut ours, mut theirs) = ([0u8; 32], [0u8; 32]);
    let a = median_ms(|| fast::pbkdf2::<fast::Sha256>(password, salt, ITERATIONS, &mut ours));
    let b =
        median_ms(|| pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, ITERATIONS, &mut theirs));
    assert_eq!(ours, theirs, "PBKDF2-HMAC-SHA256 outputs differ");
    row("PBKDF2-HMAC-SHA256", a, b, "pbkdf2 0.12");

    let (mut ours, mut theirs) = ([0u8; 20], [0u8; 20]);
    let a = median_ms(|| fast::pbkdf2::<fast::Sha1>(password, salt, ITERATIONS, &mut ours));
    let b =
        median_ms(|| pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, ITERATIONS, &mut theirs));
    assert_eq!(ours, theirs, "PBKDF2-HMAC-SHA1 outputs differ");
    row("PBKDF2-HMAC-SHA1", a, b, "pbkdf2 0.12");

    // The PKCS#12 KDF's inner loop: a digest hashed again and again. No
    // crate offers it; the alternative is the Digest API round by round.
    let mut ours = [7u8; 20];
    let mut theirs = sha1::digest::Output::<sha1::Sha1>::clone_from_slice(&ours);
    let a = median_ms(|| fast::iterate::<fast::Sha1>(&mut ours, ITERATIONS));
    let b = median_ms(|| {
        for _ in 0..ITERATIONS {
            theirs = sha1::Sha1::digest(theirs);
        }
    });
    assert_eq!(ours.as_slice(), theirs.as_slice(), "SHA-1 rounds differ");
    row("PKCS#12 rounds, SHA-1", a, b, "sha1 Digest");
}
