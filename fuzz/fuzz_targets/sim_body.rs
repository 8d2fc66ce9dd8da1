//! The simulator's validation of `POST /Organizations` bodies on arbitrary
//! JSON: a verdict for every input, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(body) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = vb365_sim::validate_organization(&body);
    }
});
