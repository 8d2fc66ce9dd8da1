//! Shared by the tests that check our files with other tools.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each test takes what it needs

use std::path::PathBuf;
use std::process::Command;

/// Writes `bytes` to a file in the temporary directory, named for this
/// process and `name`.
pub fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("m365w-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs a program; its output (stdout then stderr), or a failure that
/// shows what it said.
pub fn run_bytes(program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    [out.stdout, out.stderr].concat()
}

/// [`run_bytes`] as text.
pub fn run(program: &str, args: &[&str]) -> String {
    String::from_utf8_lossy(&run_bytes(program, args)).into_owned()
}
