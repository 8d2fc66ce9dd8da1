//! Checking answers and moving between steps: Next, Back, "Change", the
//! last check before sending and the request body it builds.

use crate::answers::domain_of;
use crate::answers::{AuthMethod, Field, FieldErrors, check_field, secret_warning, validate};
use crate::flow::Service;
use crate::flow::{check_app_only_field, validate_app_only};
use crate::server::{ConnectionSettings, OrganizationRequest};

use crate::flow::{Answer, Step, Target};
use crate::flow::{Wizard, WizardSecrets};

impl Wizard {
    /// Checks one step's answers.
    pub fn check_step(&self, step: Step, secrets: &WizardSecrets) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        match step {
            Step::Organization => {
                errors.set(
                    Field::Organization,
                    self.edited()
                        .is_none()
                        .then(|| "Choose the organization to edit.".to_owned()),
                );
            }
            Step::Services => return self.check_services(),
            Step::RegionAndMethod => {
                errors.set(
                    Field::Method,
                    self.method_refused(self.method).map(str::to_owned),
                );
            }
            Step::AppCredentials if self.method == AuthMethod::AppOnly => {
                validate_app_only(self.services, self.route(), &self.primary, &secrets.primary)?;
                errors.set(Field::OrganizationName, self.identity_error());
            }
            Step::MicrosoftSignIn => {
                errors.set(
                    Field::DeviceCode,
                    secrets.user_code.is_none().then(|| {
                        "Sign in to Microsoft 365 with the code first: a Global Administrator enters it at Microsoft's sign-in page."
                            .to_owned()
                    }),
                );
            }
            Step::AppCredentials => {
                validate(self.method, &self.primary, &secrets.primary)?;
                errors.set(Field::Username, self.identity_error());
            }
            Step::SharePointCredentials => {
                validate(self.method, &self.sharepoint, &secrets.sharepoint)?;
            }
            Step::Review | Step::Finish => {}
        }
        errors.into_result()
    }

    /// Validates the current step only; moves on when it passes. From Review,
    /// use [`Wizard::request`] and [`Wizard::finish`] instead.
    pub fn next(&mut self, secrets: &WizardSecrets) -> Result<(), FieldErrors> {
        self.check_step(self.step, secrets)?;
        self.advance();
        Ok(())
    }

    /// Next from the first step, Services: only its own rule. The page's
    /// first module calls this one, so the rules of the later steps (and
    /// their text) travel with the later steps' module.
    pub fn next_from_services(&mut self) -> Result<(), FieldErrors> {
        if self.step == Step::Services {
            self.check_services()?;
            self.advance();
        }
        Ok(())
    }

    /// The Services step's rule: one of Exchange and SharePoint, Teams with
    /// both, and nothing the region or method refuses.
    fn check_services(&self) -> Result<(), FieldErrors> {
        let s = self.services;
        let problem = if !s.exchange && !s.sharepoint {
            Some("Choose at least one service: Exchange Online or SharePoint Online.")
        } else if s.teams && !(s.exchange && s.sharepoint) {
            Some("Microsoft Teams needs both Exchange Online and SharePoint Online.")
        } else {
            Service::ALL
                .into_iter()
                .filter(|service| self.has(*service))
                .find_map(|service| self.service_refused(service))
        };
        let mut errors = FieldErrors::default();
        errors.set(Field::Services, problem.map(str::to_owned));
        errors.into_result()
    }

    /// Moves to the step after this one (never to Finish: only
    /// [`Wizard::finish`] goes there).
    fn advance(&mut self) {
        let steps = self.steps();
        if let Some(i) = steps.iter().position(|s| *s == self.step)
            && let Some(next) = steps.get(i + 1)
            && *next != Step::Finish
        {
            self.step = *next;
        }
    }

    /// Goes to the previous step, keeping every answer.
    pub fn back(&mut self) {
        let steps = self.steps();
        if let Some(i) = steps.iter().position(|s| *s == self.step) {
            self.step = steps[i.saturating_sub(1)];
        }
    }

    /// Jumps back to an earlier step (the Review page's "Change" links).
    /// Returns false, and stays, for a step that is not shown or not earlier.
    pub fn change(&mut self, step: Step) -> bool {
        let allowed = step < self.step && step < Step::Review && self.steps().contains(&step);
        if allowed {
            self.step = step;
        }
        allowed
    }

    /// Moves from Review to Finish once the whole profile is valid.
    pub fn finish(
        &mut self,
        secrets: &WizardSecrets,
    ) -> Result<OrganizationRequest, (Step, FieldErrors)> {
        let request = self.request(secrets)?;
        self.step = Step::Finish;
        Ok(request)
    }

    /// The request body, or the first step whose answers do not pass.
    pub fn request(
        &self,
        secrets: &WizardSecrets,
    ) -> Result<OrganizationRequest, (Step, FieldErrors)> {
        for step in self.steps() {
            self.check_step(step, secrets).map_err(|e| (step, e))?;
        }
        if self.method == AuthMethod::AppOnly {
            let connection =
                validate_app_only(self.services, self.route(), &self.primary, &secrets.primary)
                    .map_err(|e| (Step::AppCredentials, e))?;
            let mut request =
                OrganizationRequest::app_only(self.services, self.region, &connection);
            if request.needs_user_code() {
                request.user_code = secrets.user_code.clone();
            }
            return Ok(request);
        }
        let settings = |draft, secrets| {
            validate(self.method, draft, secrets).map(|c| ConnectionSettings::from_credentials(&c))
        };
        let primary =
            settings(&self.primary, &secrets.primary).map_err(|e| (Step::AppCredentials, e))?;
        let sharepoint = if self.needs_sharepoint_step() {
            settings(&self.sharepoint, &secrets.sharepoint)
                .map_err(|e| (Step::SharePointCredentials, e))?
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

    /// Advice for the current step that does not block it, per field.
    pub fn warnings(&self, secrets: &WizardSecrets) -> Vec<(Field, String)> {
        let Some(target) = self.editing() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(w) = secret_warning(self.method, self.draft(target), secrets.of(target)) {
            out.push((Field::ApplicationSecret, w.to_owned()));
        }
        if target == Target::SharePoint
            && let (Some(first), Some(here)) = (
                domain_of(&self.primary.username),
                domain_of(&self.sharepoint.username),
            )
            && first != here
        {
            out.push((
                Field::Username,
                format!(
                    "This account is in {here}, but the Exchange Online account is in {first}. \
                     Both must belong to the same Microsoft 365 organization."
                ),
            ));
        }
        out
    }

    /// The error of one field of a credentials step, if its value breaks a
    /// rule (checked on leaving the field).
    pub fn check_field(
        &self,
        target: Target,
        field: Field,
        secrets: &WizardSecrets,
    ) -> Option<String> {
        let (draft, secrets) = (self.draft(target), secrets.of(target));
        match self.method {
            AuthMethod::AppOnly => check_app_only_field(field, self.services, draft, secrets),
            method => check_field(field, method, draft, secrets),
        }
    }

    /// Records one answer of `target`'s credentials step.
    pub fn set_answer(&mut self, target: Target, answer: Answer) {
        match answer {
            Answer::Username(username) => self.set_username(target, username),
            Answer::ApplicationId(id) => self.draft_mut(target).application_id = id,
            // An edited organization's identity is locked.
            Answer::OrganizationName(_) if self.edit.is_some() => {}
            Answer::OrganizationName(name) => self.draft_mut(target).organization_name = name,
            Answer::ApplicationName(name) => self.draft_mut(target).application_name = name,
            Answer::GrantRoles(on) => self.draft_mut(target).grant_roles = on,
            Answer::AppCredential(kind) => self.draft_mut(target).app_credential = kind,
            Answer::PfxAes(on) => self.draft_mut(target).pfx_aes = on,
        }
    }

    /// Sets a credentials step's username. In the app-only flow the
    /// organization name follows the account's domain until it is typed.
    pub fn set_username(&mut self, target: Target, username: String) {
        // An edited organization's name is locked: it does not follow.
        if self.method == AuthMethod::AppOnly && target == Target::Primary && self.edit.is_none() {
            crate::flow::set_app_only_username(&mut self.primary, username);
        } else {
            self.draft_mut(target).username = username;
        }
    }

    /// Whether the user has entered anything worth keeping (the server's
    /// version is not an answer).
    pub fn is_untouched(&self) -> bool {
        Wizard {
            server: None,
            ..self.clone()
        } == Wizard::default()
    }
}
