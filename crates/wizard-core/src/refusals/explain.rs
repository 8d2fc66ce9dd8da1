//! What Microsoft refused, in an administrator's terms, and what to do.
//!
//! The backup server wraps Microsoft's sign-in failures in its own words
//! (`… AADSTS700027: Client assertion contains an invalid signature.
//! [Reason - The key was not found., Thumbprint of key used by client: '…']
//! Trace ID: …`), and those words change from version to version. So the code is looked
//! for anywhere in the text; where Microsoft gives no code (Graph's 403, a
//! retired role, throttling) a few phrases stand for it. The catalogue
//! itself is data in `catalogue.rs`; this module finds entries.

use crate::answers::CertificateState;
use crate::refusals::Remedy;
use crate::refusals::{CATALOGUE, Entry, Sign};
use crate::refusals::{NamedThumbprint, thumbprint_in};
use crate::server::ApiError;

/// What one refusal means and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// What was recognised: Microsoft's code (`AADSTS700027`), or the words
    /// that stood for it.
    pub sign: String,
    /// The failure in a few words, as a connection's state.
    pub label: &'static str,
    /// What it means, in the administrator's terms.
    pub meaning: &'static str,
    /// What to do, in order, naming the place in the Microsoft Entra admin
    /// center.
    pub actions: &'static [&'static str],
    /// What this wizard itself offers, when it offers something.
    pub remedy: Option<Remedy>,
    /// The certificate Microsoft names, if it names one.
    pub thumbprint: Option<NamedThumbprint>,
}

/// The explanations for a server's `message` (and `errorCode`), first
/// found first: one per Microsoft code in the text; failing those, the first
/// entry whose words appear; failing that, the entry for the error code.
/// An unknown code, or none, gives nothing: the message stands as given.
/// `sent_thumbprint` is the certificate the wizard sent, if any.
pub fn explain(
    message: &str,
    error_code: Option<&str>,
    sent_thumbprint: Option<&str>,
) -> Vec<Explanation> {
    let lower = message.to_ascii_lowercase();
    let mut found: Vec<Explanation> = Vec::new();
    for code in codes_in(&lower) {
        let Some(entry) = code_entry(code, &lower) else {
            continue;
        };
        if found.iter().any(|e| e.meaning == entry.meaning) {
            continue;
        }
        let thumbprint = (code == 700_027)
            .then(|| thumbprint_in(message))
            .flatten()
            .map(|named| NamedThumbprint {
                named,
                sent: sent_thumbprint.map(str::to_ascii_uppercase),
            });
        found.push(entry.explain(format!("AADSTS{code}"), thumbprint));
    }
    if found.is_empty()
        && let Some((entry, words)) = CATALOGUE.iter().find_map(|e| e.words_in(&lower))
    {
        found.push(entry.explain(words.to_owned(), None));
    }
    if found.is_empty()
        && let Some(code) = error_code
        && let Some(entry) = CATALOGUE
            .iter()
            .find(|e| matches!(e.sign, Sign::ErrorCode(c) if c.eq_ignore_ascii_case(code)))
    {
        found.push(entry.explain(code.to_owned(), None));
    }
    found
}

/// The explanations for a failed call: a refusal the server (or its
/// sign-in) put in words; every other failure already says what to do.
pub fn explain_error(error: &ApiError, sent_thumbprint: Option<&str>) -> Vec<Explanation> {
    match error {
        ApiError::Rejected { message, code, .. } => {
            explain(message, code.as_deref(), sent_thumbprint)
        }
        ApiError::SignInRefused { description } => explain(description, None, sent_thumbprint),
        _ => Vec::new(),
    }
}

/// The SHA-1 thumbprint of the certificate a credentials step holds, to
/// compare with the one Microsoft names.
pub fn sent_thumbprint(state: &CertificateState) -> Option<&str> {
    match state {
        CertificateState::Ready(upload) => Some(&upload.thumbprint),
        _ => None,
    }
}

impl Entry {
    fn explain(&self, sign: String, thumbprint: Option<NamedThumbprint>) -> Explanation {
        Explanation {
            sign,
            label: self.label,
            meaning: self.meaning,
            actions: self.actions,
            remedy: self.remedy,
            thumbprint,
        }
    }

    /// The first phrase that shows this entry's words are in `lower`, when
    /// every group of the entry has one there.
    fn words_in(&self, lower: &str) -> Option<(&Self, &'static str)> {
        let Sign::Words(groups) = self.sign else {
            return None;
        };
        let mut first = None;
        for group in groups {
            let phrase = group.iter().find(|p| contains_phrase(lower, p))?;
            first.get_or_insert(*phrase);
        }
        first.map(|phrase| (self, phrase))
    }
}

/// The entry for `code`: the first whose reason words are in Microsoft's
/// `[Reason - …]` (or, with none, anywhere in the text), else the code's
/// entry without reasons.
fn code_entry(code: u64, lower: &str) -> Option<&'static Entry> {
    // Microsoft's sentence before the reason can hold another reason's
    // words ("… is not registered. [Reason - RSA key size 1024 …]").
    let reason = lower
        .find("[reason")
        .map(|at| &lower[at..])
        .map(|r| r.split(']').next().unwrap_or(r))
        .unwrap_or(lower);
    let mut plain = None;
    for entry in CATALOGUE {
        let Sign::Code { codes, reasons } = entry.sign else {
            continue;
        };
        if !codes.contains(&code) {
            continue;
        }
        if reasons.is_empty() {
            plain = plain.or(Some(entry));
        } else if reasons.iter().any(|r| reason.contains(r)) {
            return Some(entry);
        }
    }
    plain
}

/// Every `AADSTS` code in `lower` (already lower case), in order, once each.
fn codes_in(lower: &str) -> Vec<u64> {
    let mut codes = Vec::new();
    let mut rest = lower;
    while let Some(at) = rest.find("aadsts") {
        let after = &rest[at + "aadsts".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        // Ten digits or more is not a code Microsoft writes.
        if (1..10).contains(&digits)
            && let Ok(code) = after[..digits].parse::<u64>()
            && !codes.contains(&code)
        {
            codes.push(code);
        }
        rest = &after[digits..];
    }
    codes
}

/// Whether `phrase` (lower case) is in `lower` with no letter or digit
/// running on at either end, so "ews" is not found in "news".
fn contains_phrase(lower: &str, phrase: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    lower.match_indices(phrase).any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + phrase.len()..].chars().next();
        let starts = phrase.chars().next();
        let ends = phrase.chars().next_back();
        (!word(starts) || !word(before)) && (!word(ends) || !word(after))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusals::thumbprint::same_thumbprint;

    const SENT: &str = "3F2504E04F8911D39A0C0305E82C3301AB12CD34";

    /// What `explain` found, as (sign, first words of the meaning).
    fn found(message: &str, code: Option<&str>) -> Vec<(String, String)> {
        explain(message, code, Some(SENT))
            .into_iter()
            .map(|e| {
                let start: String = e
                    .meaning
                    .split_whitespace()
                    .take(4)
                    .collect::<Vec<_>>()
                    .join(" ");
                (e.sign, start)
            })
            .collect()
    }

    /// A server's message (and errorCode) with the entries it must give: each
    /// sign and the start of its meaning. Microsoft's own words, one row of
    /// the failures reference or more per entry.
    type Case = (
        &'static str,
        Option<&'static str>,
        &'static [(&'static str, &'static str)],
    );

    const MESSAGES: &[Case] = &[
        // Row 1: expired key.
        (
            "Failed to connect to Microsoft 365: AADSTS700027: Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: 'AB12'] Trace ID: 1",
            Some("HttpError"),
            &[("AADSTS700027", "The certificate the backup")],
        ),
        // Row 2: not found, and not registered on application.
        (
            "Unable to connect: AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '3F2504E04F8911D39A0C0305E82C3301AB12CD34', Please visit the Azure Portal]",
            None,
            &[("AADSTS700027", "The certificate given to")],
        ),
        (
            "AADSTS700027: Client assertion failed signature validation. [Reason - Key 3F25 is not registered on application 1f2e.]",
            None,
            &[("AADSTS700027", "The certificate given to")],
        ),
        // Row 3: weak key.
        (
            "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered. [Reason - RSA key size 1024 is less than the minimum required 2048 bits]",
            None,
            &[("AADSTS700027", "The certificate's key is")],
        ),
        // Rows 1-3 with no reason given.
        (
            "Error: AADSTS700027: Client assertion contains an invalid signature.",
            None,
            &[("AADSTS700027", "Microsoft could not check")],
        ),
        // Row 4: consent, three codes and Graph's words.
        (
            "AADSTS65001: The user or administrator has not consented to use the application with ID 'x'.",
            None,
            &[("AADSTS65001", "The application lacks the")],
        ),
        (
            "aadsts90094: An administrator of Contoso has not consented.",
            None,
            &[("AADSTS90094", "The application lacks the")],
        ),
        (
            "Cannot configure the application (AADSTS650056: Misconfigured application).",
            None,
            &[("AADSTS650056", "The application lacks the")],
        ),
        (
            "Graph request failed: 403 Forbidden. Code: Authorization_RequestDenied. Message: Insufficient privileges to complete the operation.",
            Some("ResourceAccessDenied"),
            &[(
                "insufficient privileges to complete the operation",
                "Microsoft Graph refused the",
            )],
        ),
        // Row 5.
        (
            "The signed-in user must be a Global Administrator to register the application.",
            None,
            &[("global administrator", "Registering the application, or")],
        ),
        // Row 6, and security defaults.
        (
            "Device code sign-in failed: AADSTS53003: Access has been blocked by Conditional Access policies.",
            None,
            &[("AADSTS53003", "A Conditional Access policy")],
        ),
        (
            "AADSTS530035: Access has been blocked by security defaults.",
            None,
            &[("AADSTS530035", "The organization's security defaults")],
        ),
        // Row 7.
        (
            "Graph returned 403 ErrorAccessDenied reading the mailbox: MailboxItem.ImportExport.All is required.",
            None,
            &[("mailboxitem.importexport.all", "Veeam Backup for Microsoft")],
        ),
        // Row 8.
        (
            "AADSTS700016: Application with identifier '1f2e' was not found in the directory 'Contoso'.",
            None,
            &[("AADSTS700016", "Microsoft Entra ID has")],
        ),
        (
            "AADSTS700011: Application with identifier was not found.",
            None,
            &[("AADSTS700011", "Microsoft Entra ID has")],
        ),
        // Row 9.
        (
            "AADSTS90002: Tenant 'contoso.onmicrosoft.com' not found.",
            None,
            &[("AADSTS90002", "Microsoft found no organization")],
        ),
        (
            "AADSTS90038: Tenant is in a national cloud.",
            None,
            &[("AADSTS90038", "Microsoft found no organization")],
        ),
        // Row 10.
        (
            "The certificate does not contain a private key.",
            Some("ParameterValidationFailure"),
            &[("private key", "The backup server could")],
        ),
        (
            "The specified network password is not correct.",
            None,
            &[("network password is not correct", "The backup server could")],
        ),
        // Row 11.
        (
            "AADSTS7000215: Invalid client secret provided.",
            None,
            &[("AADSTS7000215", "The application secret is")],
        ),
        (
            "AADSTS7000222: The provided client secret keys are expired.",
            None,
            &[("AADSTS7000222", "The application secret has")],
        ),
        // Row 12.
        (
            "AADSTS50126: Error validating credentials due to invalid username or password.",
            None,
            &[("AADSTS50126", "Microsoft refused the account's")],
        ),
        (
            "AADSTS50076: Due to a configuration change you must use multi-factor authentication.",
            None,
            &[("AADSTS50076", "The account must use")],
        ),
        (
            "AADSTS50034: The user account does not exist in the directory.",
            None,
            &[("AADSTS50034", "The account does not")],
        ),
        // Row 13.
        (
            "The remote server returned an error: (401) Unauthorized. Connecting to EWS failed.",
            None,
            &[("401", "Microsoft, or the organization,")],
        ),
        (
            "Basic authentication is disabled; remote PowerShell returned 401.",
            None,
            &[("401", "Microsoft, or the organization,")],
        ),
        // Row 14.
        (
            "Cannot assign the ApplicationImpersonation role to admin@contoso.com.",
            None,
            &[(
                "applicationimpersonation",
                "Microsoft retired the ApplicationImpersonation",
            )],
        ),
        // Row 15.
        (
            "EWS is disabled for this application by the organization's access policy.",
            None,
            &[("ews", "Exchange Web Services is")],
        ),
        // Row 16.
        (
            "AADSTS500011: The resource principal named https://outlook.office365.com was not found in the tenant.",
            None,
            &[("AADSTS500011", "The organization lacks a")],
        ),
        (
            "AADSTS650052: The app needs access to a service that your organization has not subscribed to.",
            None,
            &[("AADSTS650052", "The organization lacks a")],
        ),
        // Row 17.
        (
            "Microsoft Graph answered 429 Too Many Requests. Retry-After: 30",
            None,
            &[("429", "Microsoft is throttling this")],
        ),
        // Row 18.
        (
            "Service plan is not found for the organization.",
            None,
            &[("service plan is not found", "The backup server did")],
        ),
        // Row 19.
        (
            "The initial domain of the organization was changed.",
            None,
            &[(
                "initial domain",
                "The organization's initial .onmicrosoft.com",
            )],
        ),
        // Row 20.
        (
            "AADSTS70019: Verification code expired.",
            None,
            &[("AADSTS70019", "The code expired before")],
        ),
        (
            "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.",
            None,
            &[("AADSTS70016", "Microsoft is still waiting")],
        ),
        (
            "AADSTS7000112: Application is disabled.",
            None,
            &[("AADSTS7000112", "The application is disabled")],
        ),
        (
            "AADSTS50020: User account from identity provider does not exist in tenant.",
            None,
            &[("AADSTS50020", "The account that signed")],
        ),
        (
            "AADSTS90072: User account does not exist in tenant.",
            None,
            &[("AADSTS90072", "The account that signed")],
        ),
        // Two codes: both, in order.
        (
            "AADSTS50020: the guest cannot sign in. Then AADSTS65001: consent is missing.",
            None,
            &[
                ("AADSTS50020", "The account that signed"),
                ("AADSTS65001", "The application lacks the"),
            ],
        ),
        // The same entry twice gives it once.
        (
            "AADSTS90038 then AADSTS90002",
            None,
            &[("AADSTS90038", "Microsoft found no organization")],
        ),
        // Codes glued to other text, in lower case.
        (
            "error(aadsts50126)while signing in",
            None,
            &[("AADSTS50126", "Microsoft refused the account's")],
        ),
        // An unknown code beside a known one: the known one.
        (
            "AADSTS99999 and AADSTS50034",
            None,
            &[("AADSTS50034", "The account does not")],
        ),
        // The server's own code when the words say nothing.
        (
            "Failed to connect through the proxy.",
            Some("ProxyOffline"),
            &[("ProxyOffline", "The backup server could")],
        ),
    ];

    /// One message to the entries it gives: each row of the failures
    /// reference, codes inside longer text, two codes, lower case, an unknown
    /// code and no code.
    #[test]
    fn messages_to_entries() {
        for (message, code, want) in MESSAGES {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(s, m)| (s.to_string(), m.to_string()))
                .collect();
            assert_eq!(found(message, *code), want, "{message}");
        }
    }

    #[test]
    fn unknown_or_absent_codes_explain_nothing() {
        for message in [
            "AADSTS12345: Something new.",
            "AADSTS: no digits",
            "AADSTS1234567890: too long to be a code",
            "Organization contoso.onmicrosoft.com has already been added.",
            "",
            "news about views",
        ] {
            assert_eq!(
                explain(message, Some("ParameterValidationFailure"), None),
                vec![],
                "{message}"
            );
        }
    }

    #[test]
    fn words_are_whole_words() {
        assert!(contains_phrase("ews is disabled", "ews"));
        assert!(contains_phrase("(ews) blocked", "ews"));
        assert!(!contains_phrase("the news is blocked", "ews"));
        assert!(!contains_phrase("code 4290", "429"));
        assert!(contains_phrase("status=429,", "429"));
    }

    #[test]
    fn the_named_thumbprint_is_compared_with_the_sent_one() {
        let message = |thumb: &str| {
            format!(
                "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '{thumb}', Please visit]"
            )
        };
        let named = |m: &str, sent: Option<&str>| explain(m, None, sent)[0].thumbprint.clone();

        let same = named(&message(&SENT.to_ascii_lowercase()), Some(SENT)).unwrap();
        assert_eq!(same.is_sent(), Some(true));
        assert!(same.sentence().contains("the one this wizard sent"));

        let other = "0000000000000000000000000000000000000000";
        let differs = named(&message(other), Some(SENT)).unwrap();
        assert_eq!(differs.is_sent(), Some(false));
        assert!(differs.sentence().contains("not the one this wizard sent"));
        assert!(differs.sentence().contains(SENT));

        let unknown = named(&message(other), None).unwrap();
        assert_eq!(unknown.is_sent(), None);
        assert!(unknown.sentence().contains("compare it"));

        // Separators and case do not matter; a short hex run is no thumbprint.
        assert!(same_thumbprint("3f:25:04", "3F2504"));
        assert_eq!(named(&message("AB12"), Some(SENT)), None);
        // Only AADSTS700027 carries one.
        let consent = format!("AADSTS65001 Thumbprint of key used by client: '{SENT}'");
        assert_eq!(named(&consent, Some(SENT)), None);
    }

    #[test]
    fn every_remedy_has_a_sentence_and_every_entry_an_action() {
        for entry in CATALOGUE {
            assert!(!entry.actions.is_empty());
            assert!(entry.meaning.ends_with('.'));
            if let Some(remedy) = entry.remedy {
                assert!(remedy.sentence().ends_with('.'));
            }
        }
    }
}
