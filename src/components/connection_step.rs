//! The app-only flow's connection step, "Configure connection to Microsoft
//! 365": one existing Microsoft Entra ID application with its certificate
//! for every chosen service, and the Exchange impersonation account and/or
//! the organization's name.

use super::binding::Binding;
use super::certificate_field::CertificateField;
use super::credentials_step::ApplicationIdField;
use super::field::{CheckField, Choice, RadioGroup, TextField};
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::answers::{AppRoute, Changed, Field};
use wizard_core::flow::{
    Answer, Target, Wizard, default_application_name_of, organization_name_required,
};
use wizard_core::server::ServerOrganization;

/// The app-only connection step.
#[component]
pub fn ConnectionStep() -> impl IntoView {
    let shared = expect_context::<Shared>();
    let bind = Binding::new(shared, Target::Primary);
    let wizard = shared.wizard;
    let services = wizard.with_untracked(|w| w.services());
    // A memo, so typing does not rebuild the fields below the choice.
    let route = Memo::new(move |_| wizard.with(|w| w.route()));
    view! {
        <div class="m365w-step-body">
            <p class="m365w-intro">
                "The backup server connects to every chosen service with one Microsoft Entra ID application and its certificate. No user password is needed."
            </p>
            {move || wizard.with(|w| w.edited().cloned()).map(|o| view! { <CurrentCertificate organization=o /> })}
            <RouteChoice />
            {move || match route.get() {
                AppRoute::New => view! { <ApplicationName bind=bind /> }.into_any(),
                AppRoute::Existing => view! {
                    <ApplicationIdField bind=bind />
                    <ConfigureApplication />
                }
                .into_any(),
            }}
            <CertificateField target=Target::Primary />
            {services.exchange.then(|| view! { <ImpersonationAccount bind=bind /> })}
            <OrganizationName bind=bind required=organization_name_required(services) />
        </div>
    }
}

/// The two applications the vendor offers: a new one the server registers,
/// or an existing one. A new one is not offered with Teams chats.
#[component]
fn RouteChoice() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let Shared { wizard, errors, .. } = expect_context::<Shared>();
    let choices: Vec<Choice<AppRoute>> = AppRoute::ALL
        .into_iter()
        .map(|route| {
            let id = ids.id(match route {
                AppRoute::New => "route-new",
                AppRoute::Existing => "route-existing",
            });
            let about = match route {
                AppRoute::New => "A Global Administrator signs in to Microsoft with a code at the next step; the backup server then registers the application with the permissions it needs and this certificate.",
                AppRoute::Existing => "An application you registered in Microsoft Entra ID, with this certificate uploaded under Certificates & secrets.",
            };
            Choice::new(route, id, route.label())
                .refused_when(move || wizard.with(|w| w.route_refused(route)), about)
        })
        .collect();
    view! {
        <RadioGroup
            id=ids.id("route-group")
            name=ids.id("route")
            legend="Microsoft Entra ID application"
            choices=choices
            chosen=Signal::derive(move || wizard.with(|w| w.route()))
            on_choose=move |route| {
                wizard.update(|w| w.set_route(route));
                errors.update(|e| e.settle(Changed::Route));
            }
        />
    }
}

/// The new application's name; empty takes the default, which the hint says.
#[component]
fn ApplicationName(bind: Binding) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let wizard = expect_context::<Shared>().wizard;
    let detail = Signal::derive(move || {
        let default = wizard.with(|w| default_application_name_of(w.draft(Target::Primary)));
        Some(format!("Left empty: \u{201c}{default}\u{201d}."))
    });
    view! {
        <TextField
            id=ids.id(Field::ApplicationName.key())
            label="Application name"
            hint="How the application is listed in Microsoft Entra ID."
            hint_detail=detail
            value=bind.draft_text(|d| &d.application_name)
            on_input=bind.set_draft(Field::ApplicationName, Answer::ApplicationName)
            on_change=move |_| bind.check(Field::ApplicationName)
            error=bind.error_of(Field::ApplicationName)
            autocomplete="off"
        />
    }
}

/// The certificate the server holds for the organization being edited, and
/// how a new one replaces it without a gap.
#[component]
fn CurrentCertificate(organization: ServerOrganization) -> impl IntoView {
    let wizard = expect_context::<Shared>().wizard;
    let thumbprint = organization.thumbprint();
    let granting = move || wizard.with(|w| w.draft(Target::Primary).configure_application);
    view! {
        <section class="m365w-current" aria-label="Current certificate">
            <h3 class="m365w-subheading">"Current certificate"</h3>
            <p>
                {match &thumbprint {
                    Some(t) => format!("The backup server holds the certificate with thumbprint {t}. The server keeps only its thumbprint: not the certificate, nor when it expires."),
                    None => "The backup server holds no certificate for this organization.".to_owned(),
                }}
            </p>
            <p class="m365w-hint">
                {move || if granting() {
                    "With the grant box ticked, the backup server registers the new certificate with the application itself, after a Global Administrator signs in with a code."
                } else {
                    "Give the new certificate below. Before saving, upload its .cer to the application beside the old one (Microsoft keeps several certificates on one application); remove the old one once backups run with the new."
                }}
            </p>
        </section>
    }
}

/// "Grant the required permissions to this application and register its
/// certificate in Microsoft Entra ID": ticked, the device-code sign-in
/// follows.
#[component]
fn ConfigureApplication() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let wizard = expect_context::<Shared>().wizard;
    view! {
        <CheckField
            id=ids.id("configure-application")
            label="Grant the required permissions to this application and register its certificate in Microsoft Entra ID"
            hint=Signal::derive(|| Some("A Global Administrator signs in to Microsoft with a code at the next step. Leave it clear if the application already has its permissions and this certificate."))
            checked=Signal::derive(move || wizard.with(|w| w.draft(Target::Primary).configure_application))
            on_toggle=move |on| wizard.update(|w| w.set_configure_application(on))
        />
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
    let editing = expect_context::<Shared>()
        .wizard
        .with_untracked(Wizard::is_editing);
    let hint = if editing {
        "The organization being edited: its name cannot change to another tenant's."
    } else if required {
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
            on_input=bind.set_draft(Field::OrganizationName, Answer::OrganizationName)
            on_change=move |_| bind.check(Field::OrganizationName)
            error=bind.error_of(Field::OrganizationName)
            autocomplete="off"
            readonly=editing
        />
    }
}
