//! A row's fix as an edit (section 2b) with its choices made: the
//! organization chosen and prefilled, then the certificate to renew (with
//! the grant box on for a key Microsoft never had), the grant, or the move
//! to app-only, landing on the step that asks what is left to enter.

use crate::answers::{AppCredentialKind, AuthMethod};
use crate::flow::{Answer, Step, Target, Wizard};
use crate::health::Fix;
use crate::server::{ApiVersion, ServerOrganization};

/// The edit `fix` opens for `organization`, on a server of `version`;
/// refused, with the reason, for an organization this wizard cannot edit.
pub fn wizard_for_fix(
    organization: ServerOrganization,
    fix: Fix,
    version: Option<ApiVersion>,
) -> Result<Wizard, &'static str> {
    let mut wizard = Wizard::for_edit(true);
    if let Some(version) = version {
        wizard.set_server_version(version);
    }
    wizard.choose_organization(organization)?;
    match fix {
        Fix::RenewCertificate { register } => {
            wizard.set_answer(
                Target::Primary,
                Answer::AppCredential(AppCredentialKind::Certificate),
            );
            wizard.set_configure_application(register);
        }
        Fix::GrantPermissions => wizard.set_configure_application(true),
        Fix::MoveToAppOnly => {
            wizard.set_method(AuthMethod::AppOnly);
        }
    }
    wizard.fix(Step::AppCredentials);
    Ok(wizard)
}
