//! "Organization" (Edit organization): after the sign-in to the backup
//! server, its organizations, each with what the edit will start from; a
//! filter once there are more than ten; those this wizard cannot edit
//! listed disabled, with the reason. A host (or link) that names one skips
//! the choice: it is read and the wizard goes on to Services.

use super::explanation::{Explanations, explanations_of};
use super::field::Fieldset;
use super::fleet::Fleet;
use super::organization_filter::OrganizationFilter;
use super::reading_status::ReadingOrganizations;
use super::sending::Sender;
use super::server_session::ServerSession;
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wizard_core::answers::{Changed, Field};
use wizard_core::flow::{OrganizationId, SHOWN, list_summary};
use wizard_core::server::ServerOrganization;
use wizard_core::server::{ApiError, ApiVersion};

/// Where reading the server's organizations stands.
#[derive(Clone, Debug, PartialEq)]
enum Listing {
    /// Waiting for the sign-in.
    Waiting,
    /// Pages are arriving; this many so far.
    Reading(usize),
    /// All of them, in the server's order.
    Read(Arc<Vec<ServerOrganization>>),
    /// The organization a host named cannot be edited here.
    Refused(&'static str),
    /// The server did not answer with them.
    Failed(ApiError),
}

/// The step.
#[component]
pub fn OrganizationStep() -> impl IntoView {
    let shared = expect_context::<Shared>();
    let sender = Sender::from_context();
    let listing = RwSignal::new(Listing::Waiting);
    // Each organization's connection state, as "Check connections" says it.
    let fleet = Fleet::new();
    let target = shared.edit_target.get_value();
    let load = {
        let target = target.clone();
        Callback::new(move |()| {
            let (sender, target) = (sender.clone(), target.clone());
            spawn_local(async move { read(shared, sender, target, listing, fleet).await });
        })
    };
    // Read once a token is held (signed in here, or a host's).
    Effect::new(move |_| {
        if shared.token.with(Option::is_some)
            && listing.with_untracked(|l| matches!(l, Listing::Waiting))
        {
            load.run(());
        }
    });
    let intro = if target.is_some() {
        "Sign in to the backup server: the wizard then reads the organization and starts from what the server holds for it."
    } else {
        "Sign in to the backup server, then choose the organization to edit. Its answers are filled in from what the server holds; nothing changes until you choose Save."
    };
    view! {
        <div class="m365w-step-body">
            <p class="m365w-intro">{intro}</p>
            <ServerSession />
            {move || match listing.get() {
                Listing::Waiting => None,
                Listing::Reading(n) => Some(view! { <ReadingOrganizations n=n /> }.into_any()),
                Listing::Read(all) => Some(view! { <OrganizationList all=all fleet=fleet /> }.into_any()),
                Listing::Refused(why) => Some(
                    view! { <div class="m365w-failure" role="alert"><p>{why}</p></div> }.into_any(),
                ),
                Listing::Failed(error) => Some(
                    view! {
                        <div class="m365w-failure" role="alert">
                            <p class="m365w-server-message">{failure_text(&error)}</p>
                            <Explanations explanations=explanations_of(shared, &error) />
                        </div>
                        <button
                            type="button"
                            class="m365w-button m365w-primary"
                            on:click=move |_| {
                                listing.set(Listing::Reading(0));
                                load.run(());
                            }
                        >
                            "Try again"
                        </button>
                    }
                    .into_any(),
                ),
            }}
        </div>
    }
}

/// What the step says when a read failed: a removed organization plainly.
fn failure_text(error: &ApiError) -> String {
    match error {
        ApiError::Rejected { status: 404, .. } => {
            "The organization is not on the backup server: it may have been removed. Check the link, or choose the organization from the list (Edit organization).".to_owned()
        }
        e => format!("The organizations could not be read: {e}"),
    }
}

/// Reads the organization a host named (and goes on with it), or every
/// organization on the server. An expired token is renewed once, as
/// everywhere; a session that is over shows the sign-in again.
async fn read(
    shared: Shared,
    sender: Sender,
    target: Option<OrganizationId>,
    listing: RwSignal<Listing>,
    fleet: Fleet,
) {
    listing.try_set(Listing::Reading(0));
    let result = match &target {
        Some(id) => sender
            .authorised(shared, |client, token| async move {
                client.organization(&token, id).await
            })
            .await
            .map(|organization| {
                let chosen = shared
                    .wizard
                    .try_update(|w| w.choose_organization(organization))
                    .unwrap_or(Ok(()));
                if let Err(why) = chosen {
                    listing.try_set(Listing::Refused(why));
                }
            }),
        None => sender
            .authorised(shared, |client, token| async move {
                client
                    .all_organizations(&token, |n| {
                        listing.try_set(Listing::Reading(n));
                    })
                    .await
            })
            .await
            .map(|all| {
                listing.try_set(Listing::Read(Arc::new(all.clone())));
                // The states follow the list; a failure leaves rows without one.
                let sender = sender.clone();
                spawn_local(async move {
                    let _ = fleet.read_states(shared, &sender, all).await;
                });
            }),
    };
    match result {
        Ok(()) => {}
        Err(ApiError::Unauthorized) => {
            shared.token.try_set(None);
            listing.try_set(Listing::Waiting);
        }
        Err(e) => {
            listing.try_set(Listing::Failed(e));
        }
    }
}

/// The organizations as radio buttons, with the filter when there are
/// more than ten.
#[component]
pub(super) fn OrganizationList(
    all: Arc<Vec<ServerOrganization>>,
    /// Their connection states, by the same index, as they arrive.
    fleet: Fleet,
) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let shared = expect_context::<Shared>();
    let Shared { wizard, errors, .. } = shared;
    let query = RwSignal::new(String::new());
    let total = all.len();
    let matching = {
        let all = all.clone();
        Memo::new(move |_| {
            query.with(|q| {
                all.iter()
                    .enumerate()
                    .filter(|(_, o)| o.matches(q))
                    .map(|(i, _)| i)
                    .collect::<Vec<usize>>()
            })
        })
    };
    let version = wizard.with_untracked(|w| w.server_version());
    let chosen = Memo::new(move |_| wizard.with(|w| w.edited().map(|o| o.id.clone())));
    let group = ids.id(Field::Organization.key());
    let group_id = format!("{group}-group");
    let name = ids.id("organization-choice");
    let error =
        Signal::derive(move || errors.with(|e| e.get(Field::Organization).map(str::to_owned)));
    let rows = {
        let all = all.clone();
        move || {
            matching
                .get()
                .into_iter()
                .take(SHOWN)
                .enumerate()
                .map(|(n, i)| {
                    let organization = all[i].clone();
                    // The first shown carries the group's id: the error
                    // summary's link lands on it.
                    let id = (n == 0).then(|| group.clone());
                    let connection = Signal::derive(move || {
                        fleet.healths.with(|h| h.get(i).map(|h| h.label.clone()))
                    });
                    view! {
                        <OrganizationRow
                            organization=organization
                            name=name.clone()
                            chosen=chosen
                            version=version
                            id=id
                            connection=connection
                        />
                    }
                })
                .collect_view()
        }
    };
    // Choosing clears the step's error.
    Effect::new(move |_| {
        if chosen.with(Option::is_some) {
            errors.update(|e| e.settle(Changed::Organization));
        }
    });
    let summary = move || list_summary(total, matching.with(Vec::len));
    view! {
        {(total > 10).then(|| view! {
            <OrganizationFilter id=ids.id("organization-filter") value=query />
        })}
        <p class="m365w-status" role="status">{summary}</p>
        <Fieldset id=group_id legend="Organization" hint=None error=error>
            <div class="m365w-organizations">{rows}</div>
        </Fieldset>
    }
}

/// One organization: its name as the radio's label, and what the edit will
/// start from below it.
#[component]
fn OrganizationRow(
    organization: ServerOrganization,
    name: String,
    chosen: Memo<Option<String>>,
    version: Option<ApiVersion>,
    /// The radio's id, when it must be the group's.
    id: Option<String>,
    /// How its connection stands, once read.
    connection: Signal<Option<String>>,
) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let wizard = expect_context::<Shared>().wizard;
    let id = id.unwrap_or_else(|| ids.id(&format!("organization-{}", organization.id)));
    let details_id = format!("{id}-details");
    let refused = organization.not_editable();
    let details = [
        ("Region", organization.region().label().to_owned()),
        ("Services", organization.services_in_words(version)),
        (
            "Authentication method",
            organization.method().label().to_owned(),
        ),
        (
            "Application ID",
            organization.application_id().unwrap_or("None").to_owned(),
        ),
        (
            "Certificate thumbprint",
            organization
                .thumbprint()
                .unwrap_or_else(|| "None".to_owned()),
        ),
    ];
    let own_id = organization.id.clone();
    let checked = move || chosen.with(|c| c.as_deref() == Some(own_id.as_str()));
    let label = organization.name.clone();
    view! {
        <div class="m365w-organization" class:m365w-organization-disabled=refused.is_some()>
            <input
                class="m365w-radio"
                type="radio"
                id=id.clone()
                name=name
                prop:checked=checked
                disabled=refused.is_some()
                aria-describedby=details_id.clone()
                on:change=move |_| {
                    wizard.update(|w| {
                        // Refused ones are disabled: nothing to say here.
                        let _ = w.choose_organization(organization.clone());
                    });
                }
            />
            <label class="m365w-check-label" for=id>{label}</label>
            <dl class="m365w-organization-details" id=details_id>
                {refused.map(|why| view! { <div><dt>"Cannot be edited here"</dt><dd>{why}</dd></div> })}
                {details
                    .into_iter()
                    .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
                    .collect_view()}
                {move || connection.get().map(|label| view! { <div><dt>"Connection"</dt><dd>{label}</dd></div> })}
            </dl>
        </div>
    }
}
