//! The wizard's steps and how Next and Back move between them.
//!
//! State is a plain struct and every transition a method, so the whole flow is
//! tested without a browser; the components call these and show the result.

use crate::body::{ConnectionSettings, OrganizationRequest, Region, Services};
use crate::credentials::{CredentialsDraft, CredentialsSecrets, FieldErrors, validate};
use serde::{Deserialize, Serialize};

/// A step of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Azure AD application credentials (the vendor's step 4).
    AppCredentials,
    /// Separate credentials for SharePoint Online, OneDrive and Teams.
    SharePointCredentials,
    /// Review the answers, sign in to the backup server and send.
    Finish,
}

impl Step {
    /// The step's heading.
    pub fn title(self) -> &'static str {
        match self {
            Step::AppCredentials => "Azure AD application credentials",
            Step::SharePointCredentials => {
                "SharePoint Online, OneDrive for Business and Microsoft Teams credentials"
            }
            Step::Finish => "Add the organization",
        }
    }
}

/// Which credentials a credentials step edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The first credentials step (Exchange Online, or SharePoint when it is the
    /// only service).
    Primary,
    /// The separate SharePoint Online step.
    SharePoint,
}

/// Everything the user has answered that may be kept across a reload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wizard {
    /// The step on screen.
    pub step: Step,
    /// The chosen services.
    pub services: Services,
    /// The chosen region.
    pub region: Region,
    /// "Use the same credentials for SharePoint Online, OneDrive for Business
    /// and Microsoft Teams".
    pub same_credentials: bool,
    /// The first credentials step.
    pub primary: CredentialsDraft,
    /// The separate SharePoint step.
    pub sharepoint: CredentialsDraft,
}

impl Default for Wizard {
    fn default() -> Self {
        Self {
            step: Step::AppCredentials,
            services: Services::default(),
            region: Region::default(),
            same_credentials: true,
            primary: CredentialsDraft::default(),
            sharepoint: CredentialsDraft::default(),
        }
    }
}

/// The secrets of every step; never serialised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WizardSecrets {
    /// The first credentials step.
    pub primary: CredentialsSecrets,
    /// The separate SharePoint step.
    pub sharepoint: CredentialsSecrets,
}

impl WizardSecrets {
    /// The secrets a credentials step edits.
    pub fn of(&self, target: Target) -> &CredentialsSecrets {
        match target {
            Target::Primary => &self.primary,
            Target::SharePoint => &self.sharepoint,
        }
    }

    /// The secrets a credentials step edits, for writing.
    pub fn of_mut(&mut self, target: Target) -> &mut CredentialsSecrets {
        match target {
            Target::Primary => &mut self.primary,
            Target::SharePoint => &mut self.sharepoint,
        }
    }
}

impl Wizard {
    /// The draft a credentials step edits.
    pub fn draft(&self, target: Target) -> &CredentialsDraft {
        match target {
            Target::Primary => &self.primary,
            Target::SharePoint => &self.sharepoint,
        }
    }

    /// The draft a credentials step edits, for writing.
    pub fn draft_mut(&mut self, target: Target) -> &mut CredentialsDraft {
        match target {
            Target::Primary => &mut self.primary,
            Target::SharePoint => &mut self.sharepoint,
        }
    }

    /// "Use the same credentials" may be ticked only when both services are
    /// chosen.
    pub fn same_credentials_available(&self) -> bool {
        self.services.exchange && self.services.sharepoint
    }

    /// Whether the separate SharePoint step is part of the flow.
    fn needs_sharepoint_step(&self) -> bool {
        self.same_credentials_available() && !self.same_credentials
    }

    /// The steps shown, in order.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = vec![Step::AppCredentials];
        if self.needs_sharepoint_step() {
            steps.push(Step::SharePointCredentials);
        }
        steps.push(Step::Finish);
        steps
    }

    /// 1-based position of the current step, and the number of steps.
    pub fn position(&self) -> (usize, usize) {
        let steps = self.steps();
        let index = steps.iter().position(|s| *s == self.step).unwrap_or(0);
        (index + 1, steps.len())
    }

    /// Validates the current step only; moves on when it passes.
    pub fn next(&mut self, secrets: &WizardSecrets) -> Result<(), FieldErrors> {
        if let Some(target) = self.editing() {
            validate(self.draft(target), secrets.of(target))?;
        }
        let steps = self.steps();
        if let Some(i) = steps.iter().position(|s| *s == self.step) {
            self.step = steps.get(i + 1).copied().unwrap_or(self.step);
        }
        Ok(())
    }

    /// Goes to the previous step, keeping every answer.
    pub fn back(&mut self) {
        let steps = self.steps();
        if let Some(i) = steps.iter().position(|s| *s == self.step) {
            self.step = steps[i.saturating_sub(1)];
        }
    }

    /// The credentials the current step edits, if it is a credentials step.
    pub fn editing(&self) -> Option<Target> {
        match self.step {
            Step::AppCredentials => Some(Target::Primary),
            Step::SharePointCredentials => Some(Target::SharePoint),
            Step::Finish => None,
        }
    }

    /// The request body, or the first step whose answers do not pass.
    pub fn request(
        &self,
        secrets: &WizardSecrets,
    ) -> Result<OrganizationRequest, (Step, FieldErrors)> {
        let primary =
            validate(&self.primary, &secrets.primary).map_err(|e| (Step::AppCredentials, e))?;
        let primary = ConnectionSettings::modern(&primary);
        let sharepoint = if self.needs_sharepoint_step() {
            let separate = validate(&self.sharepoint, &secrets.sharepoint)
                .map_err(|e| (Step::SharePointCredentials, e))?;
            ConnectionSettings::modern(&separate)
        } else {
            primary.clone()
        };
        Ok(OrganizationRequest::new(
            self.services,
            self.region,
            primary,
            sharepoint,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Field;

    fn filled_secrets() -> WizardSecrets {
        let s = CredentialsSecrets {
            application_secret: "v~alue".into(),
            app_password: "pw".into(),
        };
        WizardSecrets {
            primary: s.clone(),
            sharepoint: s,
        }
    }

    fn fill(draft: &mut CredentialsDraft, user: &str) {
        draft.application_id = "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90".into();
        draft.username = user.into();
    }

    #[test]
    fn next_validates_only_the_current_step() {
        let mut w = Wizard::default();
        let errors = w.next(&WizardSecrets::default()).unwrap_err();
        assert!(errors.get(Field::ApplicationId).is_some());
        assert_eq!(w.step, Step::AppCredentials);
        fill(&mut w.primary, "a@contoso.com");
        w.next(&filled_secrets()).unwrap();
        assert_eq!(w.step, Step::Finish);
        assert_eq!(w.position(), (2, 2));
    }

    #[test]
    fn separate_credentials_add_a_step_and_back_keeps_answers() {
        let mut w = Wizard {
            same_credentials: false,
            ..Wizard::default()
        };
        fill(&mut w.primary, "a@contoso.com");
        w.next(&filled_secrets()).unwrap();
        assert_eq!(w.step, Step::SharePointCredentials);
        assert_eq!(w.position(), (2, 3));
        w.back();
        assert_eq!(w.step, Step::AppCredentials);
        assert_eq!(w.primary.username, "a@contoso.com");
        w.back();
        assert_eq!(w.step, Step::AppCredentials);
    }

    #[test]
    fn same_credentials_needs_both_services() {
        let mut w = Wizard {
            same_credentials: false,
            ..Wizard::default()
        };
        w.services.sharepoint = false;
        assert!(!w.same_credentials_available());
        assert_eq!(w.steps(), vec![Step::AppCredentials, Step::Finish]);
    }

    #[test]
    fn request_names_the_step_to_fix() {
        let mut w = Wizard {
            same_credentials: false,
            ..Wizard::default()
        };
        fill(&mut w.primary, "a@contoso.com");
        let (step, _) = w.request(&filled_secrets()).unwrap_err();
        assert_eq!(step, Step::SharePointCredentials);
        fill(&mut w.sharepoint, "b@contoso.com");
        let body = w.request(&filled_secrets()).unwrap();
        let json: serde_json::Value = serde_json::from_str(&body.to_json()).unwrap();
        assert_eq!(json["sharePointOnlineSettings"]["account"], "b@contoso.com");
        assert_eq!(json["exchangeOnlineSettings"]["account"], "a@contoso.com");
    }

    #[test]
    fn the_saved_draft_holds_no_secrets() {
        let mut w = Wizard::default();
        fill(&mut w.primary, "a@contoso.com");
        let saved = serde_json::to_string(&w).unwrap();
        assert!(saved.contains("a@contoso.com"));
        assert!(!saved.contains("v~alue") && !saved.contains("\"pw\""));
    }
}
