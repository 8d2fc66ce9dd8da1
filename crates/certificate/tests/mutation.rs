//! Every fixture, truncated and with bits flipped, gives a typed result:
//! never a panic (a panic in WebAssembly kills the page).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certs/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Truncations at the edges and at each quarter.
fn truncations(len: usize) -> Vec<usize> {
    let mut cuts = vec![
        0,
        1,
        2,
        len / 4,
        len / 2,
        3 * len / 4,
        len.saturating_sub(3),
        len - 1,
    ];
    cuts.dedup();
    cuts
}

/// Single-bit flips spread over the file, denser near the start where the
/// structure is.
fn flips(len: usize) -> Vec<(usize, u8)> {
    let mut at: Vec<usize> = (0..24).map(|i| i * 7 % len.max(1)).collect();
    at.extend((0..24).map(|i| i * len / 24));
    at.sort_unstable();
    at.dedup();
    at.into_iter()
        .enumerate()
        .map(|(i, pos)| (pos, 1u8 << (i % 8)))
        .collect()
}

fn open_quietly(bytes: &[u8], password: &str) -> Result<Result<(), certificate::Error>, String> {
    catch_unwind(AssertUnwindSafe(|| {
        certificate::open(&[bytes], password, 1_800_000_000).map(|_| ())
    }))
    .map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or(p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

#[test]
fn no_mutation_of_any_fixture_panics() {
    std::panic::set_hook(Box::new(|_| {}));
    let files = fixtures();
    assert!(files.len() >= 50);
    let results: Vec<Vec<String>> = std::thread::scope(|scope| {
        let chunks: Vec<_> = files.chunks(files.len().div_ceil(2)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    let mut problems = Vec::new();
                    let mut runs = 0;
                    for (name, bytes) in chunk {
                        let password = if name.contains("unicode") {
                            "Pässwörd-日本-🔑"
                        } else {
                            "Fixture-Passw0rd"
                        };
                        let binary = !certificate_is_text(bytes);
                        for cut in truncations(bytes.len()) {
                            runs += 1;
                            match open_quietly(&bytes[..cut], password) {
                                Err(panic) => {
                                    problems.push(format!("{name} cut at {cut}: panic {panic}"))
                                }
                                Ok(Ok(())) if binary => {
                                    problems.push(format!("{name} cut at {cut}: opened"))
                                }
                                Ok(_) => {}
                            }
                        }
                        for (pos, bit) in flips(bytes.len()) {
                            runs += 1;
                            let mut copy = bytes.clone();
                            copy[pos] ^= bit;
                            if let Err(panic) = open_quietly(&copy, password) {
                                problems
                                    .push(format!("{name} bit {bit:#04x} at {pos}: panic {panic}"));
                            }
                        }
                    }
                    assert!(runs > 1000, "only {runs} mutations ran");
                    problems
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let _ = std::panic::take_hook();
    let problems: Vec<String> = results.into_iter().flatten().collect();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn certificate_is_text(bytes: &[u8]) -> bool {
    bytes.starts_with(b"-----")
}
