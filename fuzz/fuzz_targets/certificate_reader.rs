//! The certificate reader on arbitrary bytes and passwords: it must return
//! an error or a summary, never panic, hang or exhaust memory. The first
//! byte splits the input: that many bytes (mod 32) of password, then one or
//! two files (a zero byte after the password marks a second file).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&len, rest)) = data.split_first() else { return };
    let len = usize::from(len % 32).min(rest.len());
    let (password, files) = rest.split_at(len);
    let password = String::from_utf8_lossy(password);
    let result = match files.split_first() {
        Some((0, two)) => {
            let mid = two.len() / 2;
            certificate::open(&[&two[..mid], &two[mid..]], &password, 1_800_000_000)
        }
        _ => certificate::open(&[files], &password, 1_800_000_000),
    };
    // The report is what the page shows: it must be built without panics too.
    let _ = certificate::report_json(&result);
});
