//! The certificate Microsoft names in a refusal (AADSTS700027's
//! "Thumbprint of key used by client"), beside the one the wizard sent.

/// The thumbprint Microsoft names in AADSTS700027 ("Thumbprint of key used
/// by client"), beside the certificate the wizard sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedThumbprint {
    /// As Microsoft wrote it, in upper case.
    pub named: String,
    /// The SHA-1 thumbprint of the certificate this wizard sent, if it sent
    /// one.
    pub sent: Option<String>,
}

impl NamedThumbprint {
    /// Whether Microsoft names the certificate this wizard sent.
    pub fn is_sent(&self) -> Option<bool> {
        self.sent
            .as_deref()
            .map(|sent| same_thumbprint(sent, &self.named))
    }

    /// The sentence for the page.
    pub fn sentence(&self) -> String {
        match (self.is_sent(), &self.sent) {
            (Some(true), _) => format!(
                "Microsoft names the certificate with thumbprint {}: the one this wizard sent.",
                self.named
            ),
            (Some(false), Some(sent)) => format!(
                "Microsoft names the certificate with thumbprint {}, which is not the one this wizard sent ({sent}): the backup server signed in with another certificate.",
                self.named
            ),
            _ => format!(
                "Microsoft names the certificate with thumbprint {}; compare it with the thumbprints under Certificates & secrets.",
                self.named
            ),
        }
    }
}

/// The thumbprint after "Thumbprint of key used by client:", quoted or not.
pub(crate) fn thumbprint_in(message: &str) -> Option<String> {
    const LEAD: &str = "thumbprint of key used by client:";
    let at = message.to_ascii_lowercase().find(LEAD)? + LEAD.len();
    let rest = message[at..].trim_start().trim_start_matches(['\'', '"']);
    let hex: String = rest
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect::<String>()
        .to_ascii_uppercase();
    (hex.len() >= 40).then_some(hex)
}

/// Two thumbprints are the same whatever their case and separators.
pub(crate) fn same_thumbprint(a: &str, b: &str) -> bool {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_hexdigit)
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    clean(a) == clean(b)
}
