//! How the backup server signs in to Microsoft 365, and how a legacy
//! flow's application proves itself: the two choices every credentials
//! field depends on.

use serde::{Deserialize, Serialize};

/// How the backup server signs in to Microsoft 365.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthMethod {
    /// Modern app-only authentication: an Entra ID application with a
    /// certificate, no user password (the only method a v8 server takes for
    /// new organizations outside China).
    #[default]
    AppOnly,
    /// Modern authentication with legacy protocols allowed: an Azure AD
    /// application plus an account (the vendor's seed flow).
    Modern,
    /// Basic authentication: an account and its password only.
    Basic,
}

impl AuthMethod {
    /// Every method, in the order the method step lists them.
    pub const ALL: [AuthMethod; 3] = [AuthMethod::AppOnly, AuthMethod::Modern, AuthMethod::Basic];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            AuthMethod::AppOnly => "Modern app-only authentication",
            AuthMethod::Modern => "Modern authentication with legacy protocols allowed",
            AuthMethod::Basic => "Basic authentication",
        }
    }
}

/// How the Azure AD application proves itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppCredentialKind {
    /// A client secret's value.
    #[default]
    Secret,
    /// A certificate with its private key (a .pfx the server keeps).
    Certificate,
}
