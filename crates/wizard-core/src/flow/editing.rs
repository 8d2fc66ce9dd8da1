//! An edit under way, the rows of its review, and which method an
//! organization may move to: what the wizard's state holds of an edit.

use crate::answers::AuthMethod;
use crate::flow::Step;
use crate::server::ApiVersion;
use crate::server::ServerOrganization;

/// An edit under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    /// The organization as the server held it when it was chosen; `None`
    /// until then.
    pub(crate) organization: Option<ServerOrganization>,
    /// The person chooses it on the Organization step (a host that names
    /// one skips that step once it is read).
    pub(crate) chosen_here: bool,
}

impl Editing {
    /// Whether the flow shows the Organization step: when the person
    /// chooses, or while the organization a host named is being read.
    pub(crate) fn shows_organization_step(&self) -> bool {
        self.chosen_here || self.organization.is_none()
    }
}

/// One row of the edit's review: a thing that changes, as it is and as it
/// will be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    /// What changes, e.g. "Certificate".
    pub term: &'static str,
    /// As the server holds it now.
    pub now: String,
    /// As it will be after saving.
    pub after: String,
    /// The step that changes it.
    pub step: Step,
}

/// Why `method` cannot be chosen for `organization` on a server of
/// `version`.
pub(crate) fn method_refused_for(
    organization: &ServerOrganization,
    method: AuthMethod,
    version: Option<ApiVersion>,
) -> Option<&'static str> {
    let current = organization.method();
    match (current, method) {
        (AuthMethod::AppOnly, AuthMethod::AppOnly) => None,
        (AuthMethod::AppOnly, _) => Some(
            "This organization uses modern app-only authentication, which cannot be changed back.",
        ),
        // The organization's own method, even where a new one would be refused.
        (current, method) if current == method => None,
        (_, AuthMethod::AppOnly) => {
            crate::flow::method_refused(method, organization.region(), version)
        }
        _ => Some("An organization can move only to modern app-only authentication."),
    }
}
