//! What the wizard itself offers for a refusal, and on which step: the
//! catalogue names a remedy per entry, the page shows its sentence and a
//! way back to its step.

use crate::flow::Step;

/// A remedy the wizard has for a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// Generate a new certificate on the connection step.
    NewCertificate,
    /// Tick the grant box: the server grants permissions and registers the
    /// certificate after a device-code sign-in.
    GrantPermissions,
    /// Use an existing application whose certificate is already uploaded:
    /// no device-code sign-in at all.
    ExistingApplication,
    /// Correct the Application ID or the organization name.
    CheckConnection,
    /// Choose the region the tenant lives in.
    Region,
    /// Untick a service the tenant does not have.
    Services,
    /// Move to modern app-only authentication.
    AppOnly,
    /// Ask for a new device code.
    NewCode,
}

impl Remedy {
    /// The step the remedy is taken on, when it is one of the wizard's.
    pub fn step(self) -> Option<Step> {
        match self {
            Remedy::NewCertificate
            | Remedy::GrantPermissions
            | Remedy::ExistingApplication
            | Remedy::CheckConnection => Some(Step::AppCredentials),
            Remedy::Region | Remedy::AppOnly => Some(Step::RegionAndMethod),
            Remedy::Services => Some(Step::Services),
            Remedy::NewCode => None,
        }
    }

    /// The sentence that offers it.
    pub fn sentence(self) -> &'static str {
        match self {
            Remedy::NewCertificate => {
                "This wizard can make one: on the connection step, choose \u{201c}Generate a new self-signed certificate\u{201d}, then upload its .cer to the application. For an organization already on the server, Edit organization renews it there."
            }
            Remedy::GrantPermissions => {
                "This wizard can have the backup server do it: on the connection step, tick \u{201c}Grant the required permissions to this application and register its certificate in Microsoft Entra ID\u{201d}; a Global Administrator then signs in with a code."
            }
            Remedy::ExistingApplication => {
                "On the connection step, \u{201c}Use an existing Microsoft Entra ID application\u{201d} whose certificate is already uploaded, with the grant box left clear, needs no sign-in with a code."
            }
            Remedy::CheckConnection => {
                "Correct it on the connection step; everything else you entered is kept."
            }
            Remedy::Region => "Change the region on the region and authentication method step.",
            Remedy::Services => "Untick that service on the Services step.",
            Remedy::AppOnly => {
                "On the region and authentication method step, choose \u{201c}Modern app-only authentication\u{201d}."
            }
            Remedy::NewCode => "Choose \u{201c}Get a new code\u{201d} and sign in with it.",
        }
    }
}
