//! The wizard's steps and how Next, Back and "Change" move between them.
//!
//! State is a plain struct and every transition a method, so the whole flow is
//! tested without a browser; the components call these and show the result.

use crate::answers::{AppRoute, AuthMethod, CredentialsDraft, CredentialsSecrets};
use crate::flow::Service;
use crate::flow::Step;
use crate::flow::Target;
use crate::flow::{first_available, method_refused};
use crate::server::ApiVersion;
use crate::server::{Region, Services};
use serde::{Deserialize, Serialize};

/// Everything the user has answered that may be kept across a reload.
/// Its fields are private: every change goes through a method that keeps
/// the rules (which services go together, which methods a region offers,
/// which steps exist), so the components cannot step past them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// The saved draft (draft.rs): a member it lacks keeps its default; one this
// build does not know is refused.
#[serde(default, deny_unknown_fields)]
pub struct Wizard {
    /// The step on screen.
    pub(crate) step: Step,
    /// The chosen services.
    pub(crate) services: Services,
    /// The chosen region.
    pub(crate) region: Region,
    /// The chosen authentication method.
    pub(crate) method: AuthMethod,
    /// "Use the same credentials for SharePoint Online, OneDrive for Business
    /// and Microsoft Teams".
    pub(crate) same_credentials: bool,
    /// The first credentials step.
    pub(crate) primary: CredentialsDraft,
    /// The separate SharePoint step.
    pub(crate) sharepoint: CredentialsDraft,
    /// The backup server's version once known (configured or detected); not
    /// an answer, so never saved in a draft.
    #[serde(skip)]
    pub(crate) server: Option<ApiVersion>,
    /// Editing an organization rather than adding one; never saved in a
    /// draft (an edit starts from what the server holds).
    #[serde(skip)]
    pub(crate) edit: Option<crate::flow::Editing>,
}

impl Default for Wizard {
    fn default() -> Self {
        Self {
            step: Step::Services,
            services: Services::default(),
            region: Region::default(),
            method: AuthMethod::default(),
            same_credentials: true,
            primary: CredentialsDraft::default(),
            // Site Collection Administrator is still granted as before.
            sharepoint: CredentialsDraft {
                grant_roles: true,
                ..CredentialsDraft::default()
            },
            server: None,
            edit: None,
        }
    }
}

/// Why `region` does not offer `service` on a server of `version` (the
/// vendor's documentation for each version), worded for the control it
/// disables.
pub fn region_refuses(
    region: Region,
    version: Option<ApiVersion>,
    service: Service,
) -> Option<&'static str> {
    let v8 = version == Some(ApiVersion::V8);
    match (region, service) {
        (Region::China, Service::Teams) => Some("Microsoft Teams is not available for China."),
        (Region::Germany, Service::Teams | Service::TeamsChats) if v8 => {
            Some("Microsoft Teams is not supported for Germany on version 8 of the backup server.")
        }
        (Region::China | Region::UsDefence | Region::UsGovernment, Service::TeamsChats) if v8 => {
            Some("Teams posts are not available for China, US DoD or US Government (GCC High).")
        }
        (Region::China | Region::UsDefence | Region::UsGovernment, Service::TeamsChats) => {
            Some("Teams chats are not available for China, US DoD or US Government (GCC High).")
        }
        _ => None,
    }
}

/// What a change of region, method or server version turned off, in
/// sentences the page says: nothing is dropped silently.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TurnedOff(Vec<String>, bool);

impl TurnedOff {
    /// Whether the Microsoft 365 sign-in with a device code no longer
    /// holds: a code belongs to one region's cloud, so another region needs
    /// a new one.
    pub fn voids_microsoft_sign_in(&self) -> bool {
        self.1
    }

    /// The notice, or `None` when nothing was turned off.
    pub fn notice(&self) -> Option<String> {
        (!self.0.is_empty()).then(|| self.0.join(" "))
    }

    /// Whether nothing was turned off.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The secrets of every step; never serialised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WizardSecrets {
    /// The first credentials step.
    pub primary: CredentialsSecrets,
    /// The separate SharePoint step.
    pub sharepoint: CredentialsSecrets,
    /// The device code a Global Administrator signed in with: it lets the
    /// server act in the tenant, once, so it is kept like a secret.
    pub user_code: Option<String>,
}

impl WizardSecrets {
    /// The secrets a credentials step edits.
    pub fn of(&self, target: Target) -> &CredentialsSecrets {
        target.pick(&self.primary, &self.sharepoint)
    }

    /// The secrets a credentials step edits, for writing.
    pub fn of_mut(&mut self, target: Target) -> &mut CredentialsSecrets {
        target.pick(&mut self.primary, &mut self.sharepoint)
    }
}

impl Wizard {
    /// The step on screen.
    pub fn step(&self) -> Step {
        self.step
    }

    /// The chosen services.
    pub fn services(&self) -> Services {
        self.services
    }

    /// The chosen region.
    pub fn region(&self) -> Region {
        self.region
    }

    /// The chosen authentication method.
    pub fn method(&self) -> AuthMethod {
        self.method
    }

    /// "Use the same credentials for SharePoint Online, OneDrive for
    /// Business and Microsoft Teams", as ticked (it applies only when
    /// [`Wizard::same_credentials_available`]).
    pub fn same_credentials(&self) -> bool {
        self.same_credentials
    }

    /// Ticks or clears "Use the same credentials".
    pub fn set_same_credentials(&mut self, on: bool) {
        self.same_credentials = on;
    }

    /// Chooses several services at once (a host's presets), in the order
    /// their rules need: each goes through [`Wizard::set_service`].
    pub fn set_services(&mut self, services: Services) {
        for (service, on) in [
            (Service::Exchange, services.exchange),
            (Service::SharePoint, services.sharepoint),
            (Service::Teams, services.teams),
            (Service::TeamsChats, services.teams_chats),
        ] {
            self.set_service(service, on);
        }
    }

    /// Moves to `step` to fix what it holds (after [`Wizard::request`] or
    /// [`Wizard::finish`] named it), if the flow shows it before Finish.
    pub fn fix(&mut self, step: Step) {
        if step < Step::Finish && self.steps().contains(&step) {
            self.step = step;
        }
    }

    /// After the organization is added: a fresh start's answers, on the
    /// Finish step that shows the outcome.
    pub fn show_outcome(&mut self) {
        self.step = Step::Finish;
    }

    /// A restored draft resumes no later than `step` (secrets are never
    /// saved, so it must not start past the first step that asks for them).
    pub fn resume_no_later_than(&mut self, step: Step) {
        self.step = self.step.min(step);
    }

    /// The step's heading.
    pub fn title(&self, step: Step) -> &'static str {
        match (step, self.method) {
            (Step::Services, _) => "Services",
            (Step::RegionAndMethod, _) => "Region and authentication method",
            (Step::AppCredentials, AuthMethod::AppOnly) => "Configure connection to Microsoft 365",
            (Step::AppCredentials, AuthMethod::Modern) => "Azure AD application credentials",
            (Step::AppCredentials, AuthMethod::Basic) => "Microsoft 365 account credentials",
            (Step::SharePointCredentials, _) => {
                "SharePoint Online, OneDrive for Business and Microsoft Teams credentials"
            }
            (Step::MicrosoftSignIn, _) => "Log in to Microsoft 365",
            (Step::Organization, _) => "Organization",
            (Step::Review, _) => "Review",
            (Step::Finish, _) => "Finish",
        }
    }

    /// Whether a service is chosen.
    pub fn has(&self, service: Service) -> bool {
        match service {
            Service::Exchange => self.services.exchange,
            Service::SharePoint => self.services.sharepoint,
            Service::Teams => self.services.teams,
            Service::TeamsChats => self.services.teams_chats,
        }
    }

    /// The backup server's version, once known.
    pub fn server_version(&self) -> Option<ApiVersion> {
        self.server
    }

    /// Records the server's version. A method or service that version does
    /// not take is turned off, and said.
    pub fn set_server_version(&mut self, version: ApiVersion) -> TurnedOff {
        self.server = Some(version);
        self.settle()
    }

    /// A service's name as the server's version calls it: version 8 says
    /// "Teams posts" for what earlier versions call "Teams chats".
    pub fn service_label(&self, service: Service) -> &'static str {
        match (service, self.server) {
            (Service::TeamsChats, Some(ApiVersion::V8)) => "Teams posts",
            _ => service.label(),
        }
    }

    /// Whether a service's check box can be ticked: the region offers it,
    /// the method can back it up, Teams needs both other services and Teams
    /// chats needs Teams. A refused service can still be cleared.
    pub fn can_choose(&self, service: Service) -> bool {
        if self.service_refused(service).is_some() {
            return self.has(service);
        }
        match service {
            Service::Exchange | Service::SharePoint => true,
            Service::Teams => self.services.exchange && self.services.sharepoint,
            Service::TeamsChats => self.services.teams,
        }
    }

    /// Why `service` cannot be chosen: the region does not offer it (on
    /// this server's version), or the chosen method cannot back it up.
    pub fn service_refused(&self, service: Service) -> Option<&'static str> {
        region_refuses(self.region, self.server, service).or_else(|| {
            (service == Service::TeamsChats && self.method != AuthMethod::AppOnly)
                .then_some("Teams chats can be backed up only with modern app-only authentication.")
        })
    }

    /// Ticks or clears a service, keeping the dependent ones consistent:
    /// clearing Exchange or SharePoint clears Teams, clearing Teams clears
    /// Teams chats.
    pub fn set_service(&mut self, service: Service, on: bool) {
        if on && !self.can_choose(service) {
            return;
        }
        let s = &mut self.services;
        match service {
            Service::Exchange => s.exchange = on,
            Service::SharePoint => s.sharepoint = on,
            Service::Teams => s.teams = on,
            Service::TeamsChats => s.teams_chats = on,
        }
        if !(s.exchange && s.sharepoint) {
            s.teams = false;
        }
        if !s.teams {
            s.teams_chats = false;
        }
    }

    /// Why `method` cannot be chosen in this region on this server.
    pub fn method_refused(&self, method: AuthMethod) -> Option<&'static str> {
        match self.edited() {
            Some(organization) => {
                crate::flow::method_refused_for(organization, method, self.server)
            }
            None => method_refused(method, self.region, self.server),
        }
    }

    /// Whether a method can be chosen in this region on this server.
    pub fn method_available(&self, method: AuthMethod) -> bool {
        self.method_refused(method).is_none()
    }

    /// Chooses the region. A method or services it does not offer are
    /// turned off, and returned so the page can say so.
    pub fn set_region(&mut self, region: Region) -> TurnedOff {
        if self.region_locked().is_some() {
            return TurnedOff::default();
        }
        let moved = self.region != region;
        self.region = region;
        let mut said = self.settle();
        said.1 = moved;
        said
    }

    /// Chooses the method, if it is offered; services it cannot back up are
    /// turned off, and returned so the page can say so.
    pub fn set_method(&mut self, method: AuthMethod) -> TurnedOff {
        if !self.method_available(method) {
            return TurnedOff::default();
        }
        self.method = method;
        self.settle()
    }

    /// Brings the method and services back within the rules after the
    /// region, method or version changed, saying what it turned off.
    fn settle(&mut self) -> TurnedOff {
        let mut said = Vec::new();
        if let Some(why) = self.method_refused(self.method) {
            let instead = first_available(self.region, self.server);
            said.push(format!(
                "{} was turned off. {why} {} is chosen instead.",
                self.method.label(),
                instead.label()
            ));
            self.method = instead;
        }
        let before = self.services;
        let refused: Vec<(Service, &'static str)> = Service::ALL
            .into_iter()
            .filter(|s| self.has(*s))
            .filter_map(|s| self.service_refused(s).map(|why| (s, why)))
            .collect();
        for (service, _) in &refused {
            self.set_service(*service, false);
        }
        let was_on = Wizard {
            services: before,
            ..self.clone()
        };
        for service in Service::ALL {
            if !was_on.has(service) || self.has(service) {
                continue;
            }
            let label = self.service_label(service);
            said.push(match refused.iter().find(|(s, _)| *s == service) {
                Some((_, why)) => format!("{label} was turned off. {why}"),
                None => format!("{label} was turned off with Microsoft Teams."),
            });
        }
        TurnedOff(said, false)
    }

    /// "Use the same credentials" may be ticked only when both services are
    /// chosen.
    pub fn same_credentials_available(&self) -> bool {
        self.method != AuthMethod::AppOnly && self.services.exchange && self.services.sharepoint
    }

    /// Whether the separate SharePoint step is part of the flow.
    pub fn needs_sharepoint_step(&self) -> bool {
        self.same_credentials_available() && !self.same_credentials
    }

    /// The service the first credentials step is for.
    pub fn primary_service(&self) -> Service {
        if self.services.exchange || !self.services.sharepoint {
            Service::Exchange
        } else {
            Service::SharePoint
        }
    }

    /// The application route in effect: a new application cannot be
    /// registered automatically with Teams chats, so then the existing one
    /// (the choice made is kept, and comes back when chats are cleared).
    pub fn route(&self) -> AppRoute {
        if self.edit.is_some() {
            return AppRoute::Existing;
        }
        match self.route_refused(self.primary.route) {
            Some(_) => AppRoute::Existing,
            None => self.primary.route,
        }
    }

    /// Why `route` cannot be chosen now.
    pub fn route_refused(&self, route: AppRoute) -> Option<&'static str> {
        if route == AppRoute::New && self.edit.is_some() {
            return Some(
                "An organization being edited keeps an existing application: give its Application ID.",
            );
        }
        (route == AppRoute::New && self.services.teams_chats).then_some(
            "Not available when Teams chats are chosen: the backup server registers new applications only without them.",
        )
    }

    /// Chooses the application route, if it can be chosen.
    pub fn set_route(&mut self, route: AppRoute) {
        if self.route_refused(route).is_none() {
            self.primary.route = route;
        }
    }

    /// Ticks or clears "Grant the required permissions to this application
    /// and register its certificate in Microsoft Entra ID".
    pub fn set_configure_application(&mut self, on: bool) {
        self.primary.configure_application = on;
    }

    /// Whether the flow has the "Log in to Microsoft 365" step: app-only
    /// with a new application, or with the grant to an existing one.
    pub fn needs_microsoft_sign_in(&self) -> bool {
        self.method == AuthMethod::AppOnly
            && (self.route() == AppRoute::New || self.primary.configure_application)
    }

    /// The steps shown, in order.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        if self
            .edit
            .as_ref()
            .is_some_and(crate::flow::Editing::shows_organization_step)
        {
            steps.push(Step::Organization);
        }
        steps.extend([Step::Services, Step::RegionAndMethod, Step::AppCredentials]);
        if self.needs_sharepoint_step() {
            steps.push(Step::SharePointCredentials);
        }
        if self.needs_microsoft_sign_in() {
            steps.push(Step::MicrosoftSignIn);
        }
        steps.extend([Step::Review, Step::Finish]);
        steps
    }

    /// 1-based position of the current step, and the number of steps.
    pub fn position(&self) -> (usize, usize) {
        let steps = self.steps();
        let index = steps.iter().position(|s| *s == self.step).unwrap_or(0);
        (index + 1, steps.len())
    }

    /// The credentials the current step edits, if it is a credentials step.
    pub fn editing(&self) -> Option<Target> {
        match self.step {
            Step::AppCredentials => Some(Target::Primary),
            Step::SharePointCredentials => Some(Target::SharePoint),
            _ => None,
        }
    }

    /// The draft a credentials step edits.
    pub fn draft(&self, target: Target) -> &CredentialsDraft {
        target.pick(&self.primary, &self.sharepoint)
    }

    /// The draft a credentials step edits, for writing: inside this crate
    /// only. Everyone else answers through [`Wizard::set_answer`] and the
    /// other setters, which keep the rules.
    pub(crate) fn draft_mut(&mut self, target: Target) -> &mut CredentialsDraft {
        target.pick(&mut self.primary, &mut self.sharepoint)
    }
}
