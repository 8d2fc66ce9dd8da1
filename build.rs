//! The split build (`--features split`, what Trunk builds) links the page's
//! binary with its relocations kept: wasm-split needs them to move functions
//! and data between modules (scripts/post-build.mjs). Only the binary: the
//! library's browser tests are never split.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
