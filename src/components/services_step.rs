//! Step 1: which Microsoft 365 services to back up.

use super::field::{CheckField, Fieldset};
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::answers::{Changed, Field};
use wizard_core::flow::Service;

/// The services check boxes; Teams and Teams chats follow the flow's rules.
#[component]
pub fn ServicesStep() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let Shared { wizard, errors, .. } = expect_context::<Shared>();
    let hint = move |service: Service| {
        let usual = move || match service {
            Service::Exchange => None,
            Service::SharePoint => {
                Some("OneDrive for Business is backed up with SharePoint Online.")
            }
            Service::Teams => Some("Needs both Exchange Online and SharePoint Online."),
            Service::TeamsChats => Some(
                "Needs Microsoft Teams and modern app-only authentication (Microsoft Graph export APIs).",
            ),
        };
        // The region's or the method's refusal is the reason that counts.
        Signal::derive(move || wizard.with(|w| w.service_refused(service)).or_else(usual))
    };
    let boxes = Service::ALL
        .into_iter()
        .map(|service| {
            // The first box carries the group's id so the error summary's
            // link lands on it.
            let id = match service {
                Service::Exchange => ids.id(Field::Services.key()),
                other => ids.id(&format!("service-{}", other.key())),
            };
            view! {
                <CheckField
                    id=id
                    label=Signal::derive(move || wizard.with(|w| w.service_label(service)))
                    hint=hint(service)
                    checked=Signal::derive(move || wizard.with(|w| w.has(service)))
                    disabled=Signal::derive(move || {
                        wizard.with(|w| !w.has(service) && !w.can_choose(service))
                    })
                    on_toggle=move |on| {
                        wizard.update(|w| w.set_service(service, on));
                        errors.update(|e| e.settle(Changed::Service));
                    }
                />
            }
        })
        .collect_view();
    view! {
        <div class="m365w-step-body">
            <Fieldset
                id=ids.id("services-group")
                legend="Which services of the organization do you want to back up?"
                hint=Some("Choose at least one.")
                error=Signal::derive(move || errors.with(|e| e.get(Field::Services).map(str::to_owned)))
            >
                {boxes}
            </Fieldset>
        </div>
    }
}
