//! Step 2: the Microsoft 365 region and the authentication method.

use super::field::{Choice, RadioGroup};
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::answers::{AuthMethod, Changed, Field};
use wizard_core::server::Region;

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
    let regions: Vec<Choice<Region>> = Region::ALL
        .into_iter()
        .map(|region| {
            let id = ids.id(&format!("region-{region:?}").to_ascii_lowercase());
            // An edited organization's region is locked (said once, under
            // the legend); its own stays on.
            let locked =
                move || wizard.with(|w| w.region() != region && w.region_locked().is_some());
            Choice::new(region, id, region.label()).disabled(Signal::derive(locked))
        })
        .collect();
    let methods: Vec<Choice<AuthMethod>> = AuthMethod::ALL
        .into_iter()
        .map(|method| {
            // The first option carries the group's id for the error summary.
            let id = match method {
                AuthMethod::AppOnly => ids.id(Field::Method.key()),
                AuthMethod::Modern => ids.id("method-modern"),
                AuthMethod::Basic => ids.id("method-basic"),
            };
            let note = wizard
                .with_untracked(|w| w.method_note(method))
                .unwrap_or(about(method));
            Choice::new(method, id, method.label())
                .refused_when(move || wizard.with(|w| w.method_refused(method)), note)
        })
        .collect();
    view! {
        <div class="m365w-step-body">
            <RadioGroup
                id=ids.id("region-group")
                name=ids.id("region")
                legend="Region"
                hint=wizard.with_untracked(|w| w.region_locked())
                choices=regions
                chosen=Signal::derive(move || wizard.with(|w| w.region()))
                on_choose=move |region| {
                    let said = wizard.try_update(|w| w.set_region(region)).unwrap_or_default();
                    notice.set(said.notice());
                    if said.voids_microsoft_sign_in() {
                        shared.forget_microsoft_sign_in();
                    }
                    errors.update(|e| e.settle(Changed::RegionOrMethod));
                }
            />
            <div class="m365w-live" role="status">
                {move || notice.get().map(|text| view! { <p class="m365w-notice">{text}</p> })}
            </div>
            <p class="m365w-server-version" aria-live="polite">
                {move || shared_server.get().unwrap_or_else(|| "Checking the backup server\u{2026}".to_owned())}
            </p>
            <RadioGroup
                id=ids.id("method-fieldset")
                name=ids.id("method-group")
                legend="Authentication method"
                error=Signal::derive(move || errors.with(|e| e.get(Field::Method).map(str::to_owned)))
                choices=methods
                chosen=Signal::derive(move || wizard.with(|w| w.method()))
                on_choose=move |method| {
                    let said = wizard.try_update(|w| w.set_method(method)).unwrap_or_default();
                    notice.set(said.notice());
                    errors.update(|e| e.settle(Changed::RegionOrMethod));
                }
            />
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
