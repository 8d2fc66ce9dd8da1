//! Editing an organization ("Edit organization"): the organization as the
//! server holds it, the answers prefilled from it, what an edit may change
//! (its identity and region never; app-only authentication, once chosen,
//! for good; on v8 a legacy or basic organization may keep its method, as
//! only new ones are refused), and the review's "Now" and "After saving".
//!
//! The edit sends the whole `RestOrganizationComposed` body, as the add
//! does (whether a PUT may leave members out is not documented), so the
//! same checks and the same body builder serve both.

use crate::answers::date_in_words;
use crate::answers::domain_of;
use crate::answers::{AppCredentialKind, AppRoute, AuthMethod, CertificateState, CredentialsDraft};
use crate::flow::{Step, Target, Wizard, WizardSecrets};
use crate::server::ServerOrganization;

use crate::flow::{ChangeRow, Editing};

impl Wizard {
    /// A wizard that edits an organization: the person chooses it from the
    /// server's list (`chosen_here`), or a host named one, which is read
    /// before the first step.
    pub fn for_edit(chosen_here: bool) -> Wizard {
        Wizard {
            step: Step::Organization,
            edit: Some(Editing {
                organization: None,
                chosen_here,
            }),
            ..Wizard::default()
        }
    }

    /// Whether this wizard edits an organization rather than adding one.
    pub fn is_editing(&self) -> bool {
        self.edit.is_some()
    }

    /// The organization being edited, as the server held it, once chosen.
    pub fn edited(&self) -> Option<&ServerOrganization> {
        self.edit.as_ref()?.organization.as_ref()
    }

    /// What the method step says about `method` when editing: moving to
    /// app-only is one way.
    pub fn method_note(&self, method: AuthMethod) -> Option<&'static str> {
        let organization = self.edited()?;
        (method == AuthMethod::AppOnly && organization.method() != AuthMethod::AppOnly).then_some(
            "Moving this organization to modern app-only authentication cannot be changed back: once saved, it keeps this method for good. It needs no user password and no legacy protocols.",
        )
    }

    /// Why the region cannot be changed: a tenant lives in one cloud.
    pub fn region_locked(&self) -> Option<&'static str> {
        self.edited()
            .map(|_| "An organization's region cannot change: its tenant lives in one cloud.")
    }

    /// Takes `organization` as the one to edit: every answer prefilled from
    /// it (a host's goes on to Services). Refused, with the reason, for one this
    /// wizard cannot edit; nothing changes then.
    pub fn choose_organization(
        &mut self,
        organization: ServerOrganization,
    ) -> Result<(), &'static str> {
        let Some(edit) = &self.edit else {
            return Err("This wizard adds organizations.");
        };
        if let Some(why) = organization.not_editable() {
            return Err(why);
        }
        let chosen_here = edit.chosen_here;
        let method = organization.method();
        let draft_of = |block: Option<&crate::server::ServerSettings>| {
            let block = block.cloned().unwrap_or_default();
            CredentialsDraft {
                application_id: block
                    .application_id
                    .or_else(|| organization.application_id().map(str::to_owned))
                    .unwrap_or_default(),
                username: block.account.unwrap_or_default(),
                grant_roles: false,
                app_credential: if organization.thumbprint().is_some() {
                    AppCredentialKind::Certificate
                } else {
                    AppCredentialKind::Secret
                },
                organization_name: organization.name.clone(),
                route: AppRoute::Existing,
                ..CredentialsDraft::default()
            }
        };
        let exchange = organization.exchange_online_settings.as_ref();
        let sharepoint = organization.share_point_online_settings.as_ref();
        let primary = draft_of(exchange.or(sharepoint));
        // Legacy and basic organizations may use another account for
        // SharePoint: the separate step, prefilled.
        let separate = method != AuthMethod::AppOnly
            && exchange.is_some()
            && sharepoint.is_some_and(|s| s.account.as_deref() != Some(primary.username.as_str()));
        *self = Wizard {
            // Chosen from the list: the person goes on with Next (and may
            // choose another first); a host's: straight to the first step.
            step: if chosen_here {
                Step::Organization
            } else {
                Step::Services
            },
            services: organization.services(),
            region: organization.region(),
            method,
            same_credentials: !separate,
            sharepoint: if separate {
                draft_of(sharepoint)
            } else {
                Wizard::default().sharepoint
            },
            primary,
            server: self.server,
            edit: Some(Editing {
                organization: Some(organization),
                chosen_here,
            }),
        };
        Ok(())
    }

    /// The identity rule of an edit: the organization the answers name is
    /// the one being edited (the app-only organization name, else the
    /// account's domain).
    pub(crate) fn identity_error(&self) -> Option<String> {
        let organization = self.edited()?;
        let named = if self.method == AuthMethod::AppOnly {
            let typed = self.primary.organization_name.trim();
            (!typed.is_empty())
                .then(|| typed.to_ascii_lowercase())
                .or_else(|| domain_of(&self.primary.username))
        } else {
            domain_of(&self.primary.username)
        };
        match named {
            Some(name) if !name.eq_ignore_ascii_case(&organization.name) => {
                Some(if self.method == AuthMethod::AppOnly {
                    format!(
                        "This wizard edits {}: the organization cannot change to another tenant's.",
                        organization.name
                    )
                } else {
                    format!(
                        "The account must belong to {}, the organization being edited.",
                        organization.name
                    )
                })
            }
            _ => None,
        }
    }

    /// The review of an edit: each thing that changes, as it is now and as
    /// it will be after saving (method, services, Application ID,
    /// certificate, secrets as "set", the grant); nothing else.
    pub fn changes(&self, secrets: &WizardSecrets) -> Vec<ChangeRow> {
        let Some(organization) = self.edited() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        let before = organization.method();
        if before != self.method {
            rows.push(ChangeRow {
                term: "Authentication method",
                now: before.label().to_owned(),
                after: self.method.label().to_owned(),
                step: Step::RegionAndMethod,
            });
        }
        if organization.services() != self.services {
            let after = ServerOrganization::services_of(self.services, self.server);
            rows.push(ChangeRow {
                term: "Services",
                now: organization.services_in_words(self.server),
                after,
                step: Step::Services,
            });
        }
        let now_id = organization.application_id().unwrap_or_default();
        let after_id = crate::answers::normalize_application_id(&self.primary.application_id)
            .unwrap_or_else(|_| self.primary.application_id.trim().to_owned());
        if self.method != AuthMethod::Basic && !now_id.eq_ignore_ascii_case(&after_id) {
            rows.push(ChangeRow {
                term: "Application ID",
                now: none_if_empty(now_id),
                after: none_if_empty(&after_id),
                step: Step::AppCredentials,
            });
        }
        if let CertificateState::Ready(upload) = &secrets.primary.certificate
            && self.uses_certificate()
        {
            let now = organization.thumbprint();
            if now.as_deref() != Some(upload.thumbprint.as_str()) {
                let until =
                    date_in_words(&upload.not_after).unwrap_or_else(|| upload.not_after.clone());
                rows.push(ChangeRow {
                    term: "Certificate",
                    now: now.map_or_else(|| "None".to_owned(), |t| format!("Thumbprint {t}")),
                    after: format!("Thumbprint {}, valid until {until}", upload.thumbprint),
                    step: Step::AppCredentials,
                });
            }
        }
        for (term, given) in self.secrets_given(secrets) {
            rows.push(ChangeRow {
                term,
                now: "Set".to_owned(),
                after: if given {
                    "Set (replaced)".to_owned()
                } else {
                    "Set".to_owned()
                },
                step: Step::AppCredentials,
            });
        }
        if self.method == AuthMethod::AppOnly && self.primary.configure_application {
            rows.push(ChangeRow {
                term: "Permissions in Microsoft Entra ID",
                now: "As granted before".to_owned(),
                after: "Granted again, and the certificate registered, by the backup server"
                    .to_owned(),
                step: Step::AppCredentials,
            });
        }
        rows
    }

    /// Whether `organization`, read back after a save (or after its answer
    /// was lost), holds what these answers send: the new certificate's
    /// thumbprint; without a certificate, the method and application.
    pub fn edit_held_by(&self, organization: &ServerOrganization, secrets: &WizardSecrets) -> bool {
        if let CertificateState::Ready(upload) = &secrets.primary.certificate
            && self.uses_certificate()
        {
            return organization
                .thumbprint()
                .is_some_and(|t| t.eq_ignore_ascii_case(&upload.thumbprint));
        }
        let application =
            crate::answers::normalize_application_id(&self.primary.application_id).ok();
        organization.method() == self.method
            && organization.application_id().map(str::to_ascii_lowercase)
                == application.map(|a| a.to_ascii_lowercase())
    }

    /// Whether reading the organization back can show that this edit was
    /// saved: the organization as it was before did not hold what these
    /// answers send. A grant of permissions alone changes nothing the
    /// server shows, so after a lost answer it stays unknown.
    pub fn edit_provable(&self, secrets: &WizardSecrets) -> bool {
        self.edited()
            .is_some_and(|before| !self.edit_held_by(before, secrets))
    }

    /// Whether the answers connect with a certificate.
    fn uses_certificate(&self) -> bool {
        match self.method {
            AuthMethod::AppOnly => true,
            AuthMethod::Modern => self.primary.app_credential == AppCredentialKind::Certificate,
            AuthMethod::Basic => false,
        }
    }

    /// The secrets a legacy or basic edit sends again, and whether each was
    /// typed: the server never gives them back.
    fn secrets_given(&self, secrets: &WizardSecrets) -> Vec<(&'static str, bool)> {
        let s = secrets.of(Target::Primary);
        match self.method {
            AuthMethod::AppOnly => Vec::new(),
            AuthMethod::Modern => {
                let mut out = vec![("App password", !s.app_password.is_empty())];
                if self.primary.app_credential == AppCredentialKind::Secret {
                    out.insert(0, ("Application secret", !s.application_secret.is_empty()));
                }
                out
            }
            AuthMethod::Basic => vec![("Password", !s.app_password.is_empty())],
        }
    }
}

fn none_if_empty(text: &str) -> String {
    if text.trim().is_empty() {
        "None".to_owned()
    } else {
        text.to_owned()
    }
}
