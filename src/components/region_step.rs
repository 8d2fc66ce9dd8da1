//! Step 2: the Microsoft 365 region and the authentication method.

use super::field::{CheckField, Fieldset};
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::{AuthMethod, Field, Region};

/// Region and method radio groups; China offers basic authentication only.
#[component]
pub fn RegionStep() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let Shared { wizard, errors, .. } = expect_context::<Shared>();
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
                            wizard.update(|w| w.set_region(region));
                            errors.update(|e| e.set(Field::Method, None));
                        }
                    }
                />
            }
        })
        .collect_view();
    let method_group = ids.id("method-group");
    let methods = [AuthMethod::Modern, AuthMethod::Basic]
        .into_iter()
        .map(|method| {
            // The first option carries the group's id for the error summary.
            let id = match method {
                AuthMethod::Modern => ids.id(Field::Method.key()),
                AuthMethod::Basic => ids.id("method-basic"),
            };
            let hint = Signal::derive(move || match method {
                AuthMethod::Modern if wizard.with(|w| !w.method_available(method)) => {
                    Some("Not available for China.")
                }
                AuthMethod::Modern => Some(
                    "An Azure AD application with a secret, plus an account for the legacy protocols.",
                ),
                AuthMethod::Basic => Some(
                    "An account and its password only. Microsoft is retiring basic authentication.",
                ),
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
                            wizard.update(|w| w.set_method(method));
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
