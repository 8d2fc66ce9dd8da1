//! The Microsoft 365 organization's name for application-only
//! authentication (`officeOrganizationName`): the tenant's domain, such as
//! `contoso.onmicrosoft.com`.

use crate::answers::is_domain;
use std::fmt;

/// Why an organization name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganizationNameError {
    /// Nothing was entered.
    Empty,
    /// An account was entered; its domain is what is wanted.
    Account(String),
    /// A web address was entered.
    Address,
    /// Not a domain such as `contoso.onmicrosoft.com`.
    NotADomain,
}

impl fmt::Display for OrganizationNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str(
                "Enter the organization name: its domain, such as contoso.onmicrosoft.com.",
            ),
            Self::Account(domain) => write!(
                f,
                "Enter the organization's domain, not an account: {domain}, for example."
            ),
            Self::Address => f.write_str(
                "Enter the domain alone, without https:// or a path: contoso.onmicrosoft.com, for example.",
            ),
            Self::NotADomain => f.write_str(
                "The organization name must be a domain such as contoso.onmicrosoft.com or contoso.com.",
            ),
        }
    }
}

impl std::error::Error for OrganizationNameError {}

/// Checks an organization name; returns it trimmed, in lower case, without
/// a trailing dot.
pub fn validate_organization_name(input: &str) -> Result<String, OrganizationNameError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(OrganizationNameError::Empty);
    }
    if text.contains("://") || text.contains('/') {
        return Err(OrganizationNameError::Address);
    }
    if let Some((_, domain)) = text.rsplit_once('@') {
        return Err(OrganizationNameError::Account(domain.to_ascii_lowercase()));
    }
    let name = text.strip_suffix('.').unwrap_or(text).to_ascii_lowercase();
    if is_domain(&name) {
        Ok(name)
    } else {
        Err(OrganizationNameError::NotADomain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_tenant_domains_in_any_case() {
        for (input, name) in [
            ("contoso.onmicrosoft.com", "contoso.onmicrosoft.com"),
            ("  Contoso.OnMicrosoft.com. ", "contoso.onmicrosoft.com"),
            ("fabrikam.co.uk", "fabrikam.co.uk"),
            ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ] {
            assert_eq!(
                validate_organization_name(input).as_deref(),
                Ok(name),
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_with_a_specific_reason() {
        use OrganizationNameError::*;
        for (input, error) in [
            ("", Empty),
            ("   ", Empty),
            (
                "admin@Contoso.onmicrosoft.com",
                Account("contoso.onmicrosoft.com".into()),
            ),
            ("https://contoso.sharepoint.com", Address),
            ("contoso.sharepoint.com/sites/x", Address),
            ("contoso", NotADomain),
            ("contoso..com", NotADomain),
            ("-contoso.com", NotADomain),
            ("contoso.c0m", NotADomain),
            ("con toso.com", NotADomain),
        ] {
            assert_eq!(validate_organization_name(input), Err(error), "{input}");
        }
        assert!(Account("x.com".into()).to_string().contains("x.com"));
    }
}
