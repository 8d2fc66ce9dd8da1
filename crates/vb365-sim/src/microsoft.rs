//! The sign-in failures the simulator itself can tell from a request, in
//! the shape a backup server reports them: its own words around Microsoft's
//! `AADSTS` code, reason, trace and correlation IDs and timestamp. Written
//! from the failures reference (`entra-and-vb365-failures.md`, rows 1 and 3),
//! so the wizard's explanations meet the text they will meet in the field.

use certificate::Summary;

/// The server's words around one of Microsoft's failures.
fn connect_failed(microsoft: &str) -> String {
    format!(
        "Failed to connect to Microsoft 365: {microsoft} Trace ID: {} Correlation ID: {} Timestamp: {}",
        uuid::Uuid::new_v4(),
        uuid::Uuid::new_v4(),
        certificate::rfc3339(crate::clock::unix_now()),
    )
}

/// What Microsoft answers the server for a certificate it cannot sign in
/// with, if `summary` (the .pfx the server was given) is one at `now`.
pub fn refusal(summary: &Summary, now: i64) -> Option<String> {
    let thumbprint = &summary.sha1_thumbprint;
    if summary.not_after < now {
        return Some(connect_failed(&format!(
            "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '{thumbprint}', Found key 'Start={}, End={}']",
            certificate::rfc3339(summary.not_before),
            certificate::rfc3339(summary.not_after),
        )));
    }
    match (&summary.key_algorithm, summary.key_bits) {
        (certificate::KeyAlgorithm::Rsa, Some(bits)) if bits < 2048 => {
            Some(connect_failed(&format!(
                "AADSTS700027: Client assertion contains an invalid signature. [Reason - RSA key size {bits} is less than the minimum required 2048 bits., Thumbprint of key used by client: '{thumbprint}']"
            )))
        }
        _ => None,
    }
}
