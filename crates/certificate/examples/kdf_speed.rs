//! Times the key derivations of a 600,000-iteration file natively, to compare
//! with the same code in WebAssembly (`make bench`).
fn main() {
    let files = [
        "openssl-iter600k.p12",
        "nss-legacy.p12",
        "openssl-default.p12",
    ];
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certs/corpus");
    for name in files {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let t = std::time::Instant::now();
        let r = certificate::open(&[&bytes], "Fixture-Passw0rd", 1_800_000_000);
        println!("{name}: {:?} ok={}", t.elapsed(), r.is_ok());
    }
}
