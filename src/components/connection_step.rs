//! The app-only flow's connection step, "Configure connection to Microsoft
//! 365": one existing Microsoft Entra ID application with its certificate
//! for every chosen service, and the Exchange impersonation account and/or
//! the organization's name.

use super::binding::Binding;
use super::certificate_field::CertificateField;
use super::credentials_step::ApplicationIdField;
use super::field::TextField;
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::{Field, Target, organization_name_required};

/// The app-only connection step.
#[component]
pub fn ConnectionStep() -> impl IntoView {
    let shared = expect_context::<Shared>();
    let bind = Binding::new(shared, Target::Primary);
    let services = shared.wizard.with_untracked(|w| w.services());
    view! {
        <div class="m365w-step-body">
            <p class="m365w-intro">
                "The backup server connects to every chosen service with one Microsoft Entra ID application and its certificate. No user password is needed."
            </p>
            <h3 class="m365w-subheading">"Use an existing Microsoft Entra ID application"</h3>
            <ApplicationIdField bind=bind />
            <CertificateField target=Target::Primary />
            {services.exchange.then(|| view! { <ImpersonationAccount bind=bind /> })}
            <OrganizationName bind=bind required=organization_name_required(services) />
        </div>
    }
}

/// "Username": the account the backup server impersonates in Exchange
/// Online. Typing it keeps a prefilled organization name in step.
#[component]
fn ImpersonationAccount(bind: Binding) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let wizard = expect_context::<Shared>().wizard;
    let on_input = Callback::new(move |value: String| {
        wizard.update(|w| w.set_username(Target::Primary, value));
        bind.recheck(Field::Username);
        bind.recheck(Field::OrganizationName);
    });
    view! {
        <TextField
            id=ids.id(Field::Username.key())
            label="Username"
            hint="The Exchange Online account used for impersonation, in the form user@domain.com. Its password is not needed."
            value=bind.draft_text(|d| &d.username)
            on_input=on_input
            on_change=move |_| bind.check(Field::Username)
            error=bind.error_of(Field::Username)
            autocomplete="off"
        />
    }
}

/// "Organization name": the tenant's domain. Required when only SharePoint
/// Online is chosen; otherwise offered, filled in from the username.
#[component]
fn OrganizationName(bind: Binding, required: bool) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let hint = if required {
        "The organization's domain, such as contoso.onmicrosoft.com. Needed because only SharePoint Online is chosen."
    } else {
        "The organization's domain, such as contoso.onmicrosoft.com. Filled in from the username; change it if the organization's name differs, or clear it to name the organization by the account alone."
    };
    view! {
        <TextField
            id=ids.id(Field::OrganizationName.key())
            label="Organization name"
            hint=hint
            value=bind.draft_text(|d| &d.organization_name)
            on_input=bind.set_draft(Field::OrganizationName, |d, v| d.organization_name = v)
            on_change=move |_| bind.check(Field::OrganizationName)
            error=bind.error_of(Field::OrganizationName)
            autocomplete="off"
        />
    }
}
