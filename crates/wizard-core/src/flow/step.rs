//! The wizard's steps, the two credentials steps (targets), the services
//! and one answer of a credentials step: the words the flow is made of.

use crate::answers::AppCredentialKind;
use serde::{Deserialize, Serialize};

/// A step of the wizard, in flow order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Step {
    /// Editing: which organization (the server's list), or the one a host
    /// named being read.
    Organization,
    /// Which Microsoft 365 services to back up.
    Services,
    /// Region and authentication method.
    RegionAndMethod,
    /// Azure AD application credentials (the vendor's step 4), or the account
    /// alone with basic authentication.
    AppCredentials,
    /// Separate credentials for SharePoint Online, OneDrive and Teams.
    SharePointCredentials,
    /// "Log in to Microsoft 365": the device-code sign-in a new application,
    /// or the grant to an existing one, needs.
    MicrosoftSignIn,
    /// Every answer, with a way back to each step; the only place to send.
    Review,
    /// Sign in if needed, send, and the outcome.
    Finish,
}

/// Which credentials a credentials step edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The first credentials step (Exchange Online, or SharePoint Online when
    /// it is the only service).
    Primary,
    /// The separate SharePoint Online step.
    SharePoint,
}

impl Target {
    /// The one of two values this target stands for.
    pub(crate) fn pick<T>(self, primary: T, sharepoint: T) -> T {
        match self {
            Target::Primary => primary,
            Target::SharePoint => sharepoint,
        }
    }
}

/// One of the services the user can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// Exchange Online.
    Exchange,
    /// SharePoint Online and OneDrive for Business.
    SharePoint,
    /// Microsoft Teams.
    Teams,
    /// Teams chats.
    TeamsChats,
}

impl Service {
    /// Every service, in the order the page lists them.
    pub const ALL: [Service; 4] = [
        Service::Exchange,
        Service::SharePoint,
        Service::Teams,
        Service::TeamsChats,
    ];

    /// The check box's text.
    pub fn label(self) -> &'static str {
        match self {
            Service::Exchange => "Exchange Online",
            Service::SharePoint => "SharePoint Online and OneDrive for Business",
            Service::Teams => "Microsoft Teams",
            Service::TeamsChats => "Teams chats",
        }
    }

    /// A stable name for element ids.
    pub fn key(self) -> &'static str {
        match self {
            Service::Exchange => "exchange",
            Service::SharePoint => "sharepoint",
            Service::Teams => "teams",
            Service::TeamsChats => "teams-chats",
        }
    }
}

/// One answer of a credentials step, as [`crate::flow::Wizard::set_answer`] takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// "Application ID", as typed.
    ApplicationId(String),
    /// "Username", as typed (in the app-only flow the organization's name
    /// follows its domain until that is typed).
    Username(String),
    /// The organization's name (`officeOrganizationName`), as typed.
    OrganizationName(String),
    /// The new application's name, as typed (empty: the default).
    ApplicationName(String),
    /// "Grant this account required roles and permissions".
    GrantRoles(bool),
    /// A secret or a certificate for the application (legacy flow).
    AppCredential(AppCredentialKind),
    /// Protect a .pfx the wizard writes with AES-256 rather than 3DES.
    PfxAes(bool),
}
