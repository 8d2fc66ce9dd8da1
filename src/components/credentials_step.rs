//! The credentials steps: "Azure AD application credentials" (or the account
//! alone with basic authentication), and the separate SharePoint Online,
//! OneDrive for Business and Microsoft Teams credentials.

use super::binding::Binding;
use super::certificate_field::CertificateField;
use super::field::{CheckField, Choice, RadioGroup, TextField};
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::answers::{AppCredentialKind, AuthMethod, Changed, Field};
use wizard_core::flow::{Answer, Service, Target};

/// One credentials step; `target` says whose credentials it edits.
#[component]
pub fn CredentialsStep(
    /// The first step, or the separate SharePoint step.
    target: Target,
) -> impl IntoView {
    let shared = expect_context::<Shared>();
    let bind = Binding::new(shared, target);
    let for_sharepoint = target == Target::SharePoint
        || shared.wizard.with_untracked(|w| w.primary_service()) == Service::SharePoint;
    view! {
        <div class="m365w-step-body">
            <p class="m365w-intro">{intro(target, for_sharepoint, bind.method)}</p>
            {(bind.method == AuthMethod::Modern).then(|| view! { <ApplicationFields bind=bind /> })}
            <AccountFields bind=bind for_sharepoint=for_sharepoint />
            {(target == Target::Primary).then(|| view! { <SameCredentials /> })}
        </div>
    }
}

/// What the step is for, in a sentence.
fn intro(target: Target, for_sharepoint: bool, method: AuthMethod) -> &'static str {
    match (target, for_sharepoint, method) {
        (Target::SharePoint, _, _) => {
            "Enter the credentials used for SharePoint Online, OneDrive for Business and Microsoft Teams."
        }
        (_, true, AuthMethod::Modern) => {
            "Only SharePoint Online is chosen, so these are the SharePoint Online and OneDrive for Business credentials: the Azure AD application and an account."
        }
        (_, true, _) => {
            "Only SharePoint Online is chosen, so this is the SharePoint Online and OneDrive for Business account."
        }
        (_, false, AuthMethod::Modern) => {
            "Enter the Azure AD application that gives the backup server access to the organization, and an Exchange Online account."
        }
        (_, false, _) => "Enter the Exchange Online account and its password.",
    }
}

/// The Azure AD application: its ID, and a secret or a certificate.
#[component]
fn ApplicationFields(bind: Binding) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let Shared { wizard, errors, .. } = expect_context::<Shared>();
    let target = bind.target;
    // A memo, so typing elsewhere on the step does not rebuild the certificate
    // field (and lose the files it holds).
    let kind = Memo::new(move |_| wizard.with(|w| w.draft(target).app_credential));
    let kind_choices = [
        (AppCredentialKind::Secret, "An application secret"),
        (AppCredentialKind::Certificate, "A certificate"),
    ]
    .into_iter()
    .map(|(choice, label)| {
        let id = ids.id(&format!("app-credential-{choice:?}").to_ascii_lowercase());
        Choice::new(choice, id, label)
    })
    .collect::<Vec<_>>();
    let secret_id = ids.id(Field::ApplicationSecret.key());
    let secret_field = move || {
        view! {
            <TextField
                id=secret_id.clone()
                label="Application secret"
                hint="The secret's Value from Certificates & secrets in the Azure portal. The portal shows it only once, right after the secret is created."
                value=bind.secret_text(|s| &s.application_secret)
                on_input=bind.set_secret(Field::ApplicationSecret, |s, v| s.application_secret = v)
                on_change=move |_| bind.check(Field::ApplicationSecret)
                error=bind.error_of(Field::ApplicationSecret)
                warning=bind.warning_of(Field::ApplicationSecret)
                secret=true
                autocomplete="off"
            />
        }
    };
    view! {
        <ApplicationIdField bind=bind />
        <RadioGroup
            id=ids.id("app-credential-group")
            name=ids.id("app-credential")
            legend="The application signs in with"
            hint=Some("Use what you added under Certificates & secrets in the Azure portal.")
            choices=kind_choices
            chosen=kind
            on_choose=move |choice| {
                wizard.update(|w| w.set_answer(target, Answer::AppCredential(choice)));
                errors.update(|e| e.settle(Changed::AppCredential));
            }
        />
        {move || match kind.get() {
            AppCredentialKind::Secret => secret_field().into_any(),
            AppCredentialKind::Certificate => view! { <CertificateField target=target /> }.into_any(),
        }}
    }
}

/// Application ID: the same tolerant GUID field in every flow.
#[component]
pub(super) fn ApplicationIdField(bind: Binding) -> impl IntoView {
    let ids = expect_context::<Ids>();
    view! {
        <TextField
            id=ids.id(Field::ApplicationId.key())
            label="Application ID"
            hint="The Application (client) ID from the application's Overview page in Microsoft Entra ID (the Azure portal), like 00000000-0000-0000-0000-000000000000."
            value=bind.draft_text(|d| &d.application_id)
            on_input=bind.set_draft(Field::ApplicationId, Answer::ApplicationId)
            on_change=move |_| bind.check(Field::ApplicationId)
            error=bind.error_of(Field::ApplicationId)
        />
    }
}

/// The account: username, (app) password and the grant check box.
#[component]
fn AccountFields(bind: Binding, for_sharepoint: bool) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let wizard = expect_context::<Shared>().wizard;
    let target = bind.target;
    let grant_hint = if for_sharepoint {
        "Assigns the Site Collection Administrator role, needed to back up SharePoint sites and OneDrive."
    } else {
        "Would assign the ApplicationImpersonation role. Microsoft retired that role in Exchange Online in 2025, so this grant now fails there: leave it off unless the account already holds what the backup needs."
    };
    let password_hint = match bind.method {
        AuthMethod::Modern => "An app password of this account, used for the legacy protocols.",
        _ => "The account's password.",
    };
    view! {
        <TextField
            id=ids.id(Field::Username.key())
            label="Username"
            hint="In the form user@domain.com or user@domain.onmicrosoft.com. An ADFS account must not have MFA enabled."
            value=bind.draft_text(|d| &d.username)
            on_input=bind.set_draft(Field::Username, Answer::Username)
            on_change=move |_| bind.check(Field::Username)
            error=bind.error_of(Field::Username)
            warning=bind.warning_of(Field::Username)
            autocomplete="off"
        />
        <TextField
            id=ids.id(Field::AppPassword.key())
            label=Field::AppPassword.label(bind.method)
            hint=password_hint
            value=bind.secret_text(|s| &s.app_password)
            on_input=bind.set_secret(Field::AppPassword, |s, v| s.app_password = v)
            on_change=move |_| bind.check(Field::AppPassword)
            error=bind.error_of(Field::AppPassword)
            secret=true
            autocomplete="new-password"
        />
        <CheckField
            id=ids.id("grant")
            label="Grant this account required roles and permissions"
            hint=Signal::derive(move || Some(grant_hint))
            checked=Signal::derive(move || wizard.with(|w| w.draft(target).grant_roles))
            on_toggle=move |on| wizard.update(|w| w.set_answer(target, Answer::GrantRoles(on)))
        />
    }
}

/// "Use the same credentials for SharePoint Online, OneDrive for Business
/// and Microsoft Teams", on the first credentials step.
#[component]
fn SameCredentials() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let wizard = expect_context::<Shared>().wizard;
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
}
