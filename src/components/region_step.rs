//! Step 2: the Microsoft 365 region and the authentication method.

use super::field::{CheckField, Fieldset};
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::{AuthMethod, Field, Region};

/// Region and method radio groups; the methods offered follow the region
/// and the backup server's version, each refusal said beside its option.
#[component]
pub fn RegionStep() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let shared = expect_context::<Shared>();
    let Shared {
        wizard,
        errors,
        server: shared_server,
        notice,
        ..
    } = shared;
    let region_group = ids.id("region");
    let regions = Region::ALL
        .into_iter()
        .map(|region| {
            view! {
                <CheckField
                    id=ids.id(&format!("region-{region:?}").to_ascii_lowercase())
                    label=region.label()
                    radio_group=region_group.clone()
                    checked=Signal::derive(move || wizard.with(|w| w.region() == region))
                    on_toggle=move |on| {
                        if on {
                            let said = wizard.try_update(|w| w.set_region(region)).unwrap_or_default();
                            notice.set(said.notice());
                            // A device code belongs to one region's cloud.
                            shared.forget_microsoft_sign_in();
                            errors.update(|e| e.set(Field::Method, None));
                        }
                    }
                />
            }
        })
        .collect_view();
    let method_group = ids.id("method-group");
    let methods = AuthMethod::ALL
        .into_iter()
        .map(|method| {
            // The first option carries the group's id for the error summary.
            let id = match method {
                AuthMethod::AppOnly => ids.id(Field::Method.key()),
                AuthMethod::Modern => ids.id("method-modern"),
                AuthMethod::Basic => ids.id("method-basic"),
            };
            let hint = Signal::derive(move || {
                wizard
                    .with(|w| w.method_refused(method))
                    .or(Some(about(method)))
            });
            view! {
                <CheckField
                    id=id
                    label=method.label()
                    hint=hint
                    radio_group=method_group.clone()
                    checked=Signal::derive(move || wizard.with(|w| w.method() == method))
                    disabled=Signal::derive(move || wizard.with(|w| !w.method_available(method)))
                    on_toggle=move |on| {
                        if on {
                            let said = wizard.try_update(|w| w.set_method(method)).unwrap_or_default();
                            notice.set(said.notice());
                            errors.update(|e| e.set(Field::Method, None));
                        }
                    }
                />
            }
        })
        .collect_view();
    view! {
        <div class="m365w-step-body">
            <Fieldset id=ids.id("region-group") legend="Region">
                {regions}
            </Fieldset>
            <div class="m365w-live" role="status">
                {move || notice.get().map(|text| view! { <p class="m365w-notice">{text}</p> })}
            </div>
            <p class="m365w-server-version" aria-live="polite">
                {move || shared_server.get().unwrap_or_else(|| "Checking the backup server\u{2026}".to_owned())}
            </p>
            <Fieldset
                id=ids.id("method-fieldset")
                legend="Authentication method"
                error=Signal::derive(move || errors.with(|e| e.get(Field::Method).map(str::to_owned)))
            >
                {methods}
            </Fieldset>
        </div>
    }
}

/// What a method asks for and what Microsoft has changed about it.
fn about(method: AuthMethod) -> &'static str {
    match method {
        AuthMethod::AppOnly => {
            "A Microsoft Entra ID application with a certificate, and no user password. Version 8 of the backup server takes no other method for new organizations outside China."
        }
        AuthMethod::Modern => {
            "An Azure AD application with a secret or a certificate, plus an account for the legacy protocols. They rely on Exchange Web Services, which Microsoft has blocked by default in Exchange Online since 1 October 2026 and shuts down on 1 April 2027, and on the ApplicationImpersonation role, which Microsoft retired in 2025."
        }
        AuthMethod::Basic => {
            "An account and its password only. Microsoft is retiring basic authentication."
        }
    }
}
