//! The Microsoft 365 account name: `user@domain.com` or `user@domain.onmicrosoft.com`.

use std::fmt;

/// Why a username was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsernameError {
    /// Nothing was entered.
    Empty,
    /// A down-level `DOMAIN\user` logon name instead of a user principal name.
    DownLevelLogon,
    /// No `@` at all.
    MissingAt,
    /// More than one `@`.
    SeveralAts,
    /// Nothing before the `@`.
    EmptyUser,
    /// Spaces inside the name.
    ContainsSpace,
    /// A character mailbox names cannot hold.
    InvalidCharacter(char),
    /// The part after `@` is not a domain such as `contoso.com`.
    InvalidDomain,
}

impl fmt::Display for UsernameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const FORM: &str = "user@domain.com or user@domain.onmicrosoft.com";
        match self {
            Self::Empty => write!(f, "Enter the username, in the form {FORM}."),
            Self::DownLevelLogon => write!(
                f,
                "Enter the username as user@domain, not DOMAIN\\user: {FORM}."
            ),
            Self::MissingAt => write!(f, "The username needs an @ and a domain: {FORM}."),
            Self::SeveralAts => write!(f, "The username can contain only one @: {FORM}."),
            Self::EmptyUser => write!(f, "Enter the user's name before the @: {FORM}."),
            Self::ContainsSpace => write!(f, "The username cannot contain spaces: {FORM}."),
            Self::InvalidCharacter(c) => write!(
                f,
                "The username cannot contain \u{201c}{c}\u{201d}. Use the form {FORM}."
            ),
            Self::InvalidDomain => write!(
                f,
                "The part after the @ must be a domain such as contoso.com or contoso.onmicrosoft.com."
            ),
        }
    }
}

impl std::error::Error for UsernameError {}

/// Checks a username and returns it without surrounding spaces.
pub fn validate_username(input: &str) -> Result<String, UsernameError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(UsernameError::Empty);
    }
    if text.contains('\\') && !text.contains('@') {
        return Err(UsernameError::DownLevelLogon);
    }
    if text.chars().any(char::is_whitespace) {
        return Err(UsernameError::ContainsSpace);
    }
    let mut parts = text.split('@');
    let (user, domain) = match (parts.next(), parts.next(), parts.next()) {
        (Some(user), Some(domain), None) => (user, domain),
        (_, None, _) => return Err(UsernameError::MissingAt),
        _ => return Err(UsernameError::SeveralAts),
    };
    if user.is_empty() {
        return Err(UsernameError::EmptyUser);
    }
    if let Some(bad) = user.chars().find(|c| !is_user_char(*c)) {
        return Err(UsernameError::InvalidCharacter(bad));
    }
    if user.starts_with('.') || user.ends_with('.') || user.contains("..") {
        return Err(UsernameError::InvalidCharacter('.'));
    }
    if !is_domain(domain) {
        return Err(UsernameError::InvalidDomain);
    }
    Ok(text.to_owned())
}

/// The domain part of a username already accepted by [`validate_username`],
/// lowercased, for comparing two accounts' tenants.
pub fn domain_of(username: &str) -> Option<String> {
    username
        .trim()
        .rsplit_once('@')
        .map(|(_, d)| d.to_ascii_lowercase())
}

/// Characters Exchange Online allows in the local part of a user principal name.
fn is_user_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c)
}

pub(crate) fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || domain.len() > 253 {
        return false;
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let tld = labels[labels.len() - 1];
    labels.iter().all(label_ok) && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_user_principal_names() {
        for input in [
            "admin@contoso.com",
            "admin@contoso.onmicrosoft.com",
            "  Backup.Admin@Contoso.OnMicrosoft.com ",
            "o'neil+backup@sub.contoso.co.uk",
            "svc-veeam_01@xn--mnchen-3ya.de",
        ] {
            assert_eq!(
                validate_username(input),
                Ok(input.trim().to_owned()),
                "{input:?}"
            );
        }
    }

    #[test]
    fn refuses_with_a_specific_reason() {
        use UsernameError::*;
        let cases: &[(&str, UsernameError)] = &[
            ("", Empty),
            ("   ", Empty),
            ("CONTOSO\\admin", DownLevelLogon),
            ("admin", MissingAt),
            ("admin@contoso@com", SeveralAts),
            ("@contoso.com", EmptyUser),
            ("back up@contoso.com", ContainsSpace),
            ("admin@contoso", InvalidDomain),
            ("admin@contoso.", InvalidDomain),
            ("admin@-contoso.com", InvalidDomain),
            ("admin@contoso.c0m", InvalidDomain),
            ("admin@contoso..com", InvalidDomain),
            ("adm(in)@contoso.com", InvalidCharacter('(')),
            (".admin@contoso.com", InvalidCharacter('.')),
            ("ädmin@contoso.com", InvalidCharacter('ä')),
        ];
        for (input, expected) in cases {
            assert_eq!(
                validate_username(input).as_ref(),
                Err(expected),
                "{input:?}"
            );
        }
    }

    #[test]
    fn domain_is_compared_in_lower_case() {
        assert_eq!(domain_of("a@Contoso.COM").as_deref(), Some("contoso.com"));
        assert_eq!(domain_of("nodomain"), None);
    }
}
