//! The credentials steps: "Azure AD application credentials" (or the account
//! alone with basic authentication), and the separate SharePoint Online,
//! OneDrive for Business and Microsoft Teams credentials.

use super::certificate_field::CertificateField;
use super::field::{CheckField, Fieldset, TextField};
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::{
    AppCredentialKind, AuthMethod, CredentialsDraft, CredentialsSecrets, Field, Secret, Service,
    Target, check_field,
};

/// One credentials step; `target` says whose credentials it edits.
#[component]
pub fn CredentialsStep(
    /// The first step, or the separate SharePoint step.
    target: Target,
) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let Shared {
        wizard,
        secrets,
        errors,
        ..
    } = expect_context::<Shared>();
    // The method cannot change while this step is shown.
    let method = wizard.with_untracked(|w| w.method());
    let for_sharepoint = target == Target::SharePoint
        || wizard.with_untracked(|w| w.primary_service()) == Service::SharePoint;

    let check = move |field: Field| {
        let message = wizard.with_untracked(|w| {
            secrets.with_untracked(|s| check_field(field, method, w.draft(target), s.of(target)))
        });
        errors.update(|e| e.set(field, message));
    };
    // Once an error shows, re-check on each keystroke so it clears as soon as
    // the value is right; before that, only on leaving the field.
    let recheck = move |field: Field| {
        if errors.with_untracked(|e| e.get(field).is_some()) {
            check(field);
        }
    };
    let error_of = move |field: Field| {
        Signal::derive(move || errors.with(|e| e.get(field).map(str::to_owned)))
    };
    let warning_of = move |field: Field| {
        Signal::derive(move || {
            wizard.with(|w| {
                secrets.with(|s| {
                    w.warnings(s)
                        .into_iter()
                        .find(|(f, _)| *f == field)
                        .map(|(_, m)| m)
                })
            })
        })
    };
    let draft_text = move |read: fn(&CredentialsDraft) -> &String| {
        Signal::derive(move || wizard.with(|w| read(w.draft(target)).clone()))
    };
    let set_draft = move |field: Field, write: fn(&mut CredentialsDraft, String)| {
        Callback::new(move |value: String| {
            wizard.update(|w| write(w.draft_mut(target), value));
            recheck(field);
        })
    };
    let secret_text = move |read: fn(&CredentialsSecrets) -> &Secret| {
        Signal::derive(move || secrets.with(|s| read(s.of(target)).expose().to_owned()))
    };
    let set_secret = move |field: Field, write: fn(&mut CredentialsSecrets, Secret)| {
        Callback::new(move |value: String| {
            secrets.update(|s| write(s.of_mut(target), Secret::new(value)));
            recheck(field);
        })
    };

    let intro = match (target, for_sharepoint, method) {
        (Target::SharePoint, _, _) => {
            "Enter the credentials used for SharePoint Online, OneDrive for Business and Microsoft Teams."
        }
        (_, true, AuthMethod::Modern) => {
            "Only SharePoint Online is chosen, so these are the SharePoint Online and OneDrive for Business credentials: the Azure AD application and an account."
        }
        (_, true, AuthMethod::Basic) => {
            "Only SharePoint Online is chosen, so this is the SharePoint Online and OneDrive for Business account."
        }
        (_, false, AuthMethod::Modern) => {
            "Enter the Azure AD application that gives the backup server access to the organization, and an Exchange Online account."
        }
        (_, false, AuthMethod::Basic) => "Enter the Exchange Online account and its password.",
    };
    let grant_hint = if for_sharepoint {
        "Assigns the Site Collection Administrator role, needed to back up SharePoint sites and OneDrive."
    } else {
        "Assigns the ApplicationImpersonation role, needed to back up Exchange mailboxes. The account must already be a member of the Organization Management group and hold the Role Management role."
    };
    let password_hint = match method {
        AuthMethod::Modern => "An app password of this account, used for the legacy protocols.",
        AuthMethod::Basic => "The account's password.",
    };
    // A memo, so typing elsewhere on the step does not rebuild the certificate
    // field (and lose the files it holds).
    let kind = Memo::new(move |_| wizard.with(|w| w.draft(target).app_credential));
    let kind_group = ids.id("app-credential");
    let kind_ids = ids.clone();
    let kind_choice = move |choice: AppCredentialKind, label: &'static str| {
        view! {
            <CheckField
                id=kind_ids.id(&format!("app-credential-{choice:?}").to_ascii_lowercase())
                label=label
                radio_group=kind_group.clone()
                checked=Signal::derive(move || kind.get() == choice)
                on_toggle=move |on| {
                    if on {
                        wizard.update(|w| w.draft_mut(target).app_credential = choice);
                        errors.update(|e| {
                            e.set(Field::ApplicationSecret, None);
                            e.set(Field::ApplicationCertificate, None);
                        });
                    }
                }
            />
        }
    };
    let secret_id = ids.id(Field::ApplicationSecret.key());
    let secret_field = move || {
        view! {
            <TextField
                id=secret_id.clone()
                label="Application secret"
                hint="The secret's Value from Certificates & secrets in the Azure portal. The portal shows it only once, right after the secret is created."
                value=secret_text(|s| &s.application_secret)
                on_input=set_secret(Field::ApplicationSecret, |s, v| s.application_secret = v)
                on_change=move |_| check(Field::ApplicationSecret)
                error=error_of(Field::ApplicationSecret)
                warning=warning_of(Field::ApplicationSecret)
                secret=true
                autocomplete="off"
            />
        }
    };
    let application = (method == AuthMethod::Modern).then(|| {
        view! {
            <TextField
                id=ids.id(Field::ApplicationId.key())
                label="Application ID"
                hint="The Application (client) ID from the application's Overview page in the Azure portal, like 00000000-0000-0000-0000-000000000000."
                value=draft_text(|d| &d.application_id)
                on_input=set_draft(Field::ApplicationId, |d, v| d.application_id = v)
                on_change=move |_| check(Field::ApplicationId)
                error=error_of(Field::ApplicationId)
            />
            <Fieldset
                id=ids.id("app-credential-group")
                legend="The application signs in with"
                hint="Use what you added under Certificates & secrets in the Azure portal."
            >
                {kind_choice(AppCredentialKind::Secret, "An application secret")}
                {kind_choice(AppCredentialKind::Certificate, "A certificate")}
            </Fieldset>
            {move || match kind.get() {
                AppCredentialKind::Secret => secret_field().into_any(),
                AppCredentialKind::Certificate => view! { <CertificateField target=target /> }.into_any(),
            }}
        }
    });
    let same_credentials = (target == Target::Primary).then(|| {
        view! {
            <CheckField
                id=ids.id("same-credentials")
                label="Use the same credentials for SharePoint Online, OneDrive for Business and Microsoft Teams"
                hint=Signal::derive(move || {
                    Some(if wizard.with(|w| w.same_credentials_available()) {
                        "Clear it to enter separate credentials at the next step."
                    } else {
                        "Available when both Exchange Online and SharePoint Online are chosen."
                    })
                })
                checked=Signal::derive(move || {
                    wizard.with(|w| w.same_credentials() && w.same_credentials_available())
                })
                disabled=Signal::derive(move || wizard.with(|w| !w.same_credentials_available()))
                on_toggle=move |on| wizard.update(|w| w.set_same_credentials(on))
            />
        }
    });

    view! {
        <div class="m365w-step-body">
            <p class="m365w-intro">{intro}</p>
            {application}
            <TextField
                id=ids.id(Field::Username.key())
                label="Username"
                hint="In the form user@domain.com or user@domain.onmicrosoft.com. An ADFS account must not have MFA enabled."
                value=draft_text(|d| &d.username)
                on_input=set_draft(Field::Username, |d, v| d.username = v)
                on_change=move |_| check(Field::Username)
                error=error_of(Field::Username)
                warning=warning_of(Field::Username)
                autocomplete="off"
            />
            <TextField
                id=ids.id(Field::AppPassword.key())
                label=Field::AppPassword.label(method)
                hint=password_hint
                value=secret_text(|s| &s.app_password)
                on_input=set_secret(Field::AppPassword, |s, v| s.app_password = v)
                on_change=move |_| check(Field::AppPassword)
                error=error_of(Field::AppPassword)
                secret=true
                autocomplete="new-password"
            />
            <CheckField
                id=ids.id("grant")
                label="Grant this account required roles and permissions"
                hint=Signal::derive(move || Some(grant_hint))
                checked=Signal::derive(move || wizard.with(|w| w.draft(target).grant_roles))
                on_toggle=move |on| wizard.update(|w| w.draft_mut(target).grant_roles = on)
            />
            {same_credentials}
        </div>
    }
}
