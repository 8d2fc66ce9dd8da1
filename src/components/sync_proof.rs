//! "Organization updated", then the server's proof: the wizard asks the
//! backup server to sync the organization with Microsoft 365 and says
//! whether Microsoft accepted the connection, or why not (with "Stop
//! waiting" while it waits). The session the wait needed ends after it,
//! unless "Check connections" keeps it.

use super::sending::Sender;
use super::state::Shared;
use super::sync_wait::confirm_sync;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::flow::OrganizationId;
use wizard_core::health::Verdict;
use wizard_core::refusals::explain;

/// The wait and its verdict, for the organization in `Shared::proof`.
#[component]
pub fn SyncProof(shared: Shared) -> impl IntoView {
    let Some(id) = shared
        .proof
        .get_untracked()
        .and_then(|id| OrganizationId::parse(&id))
    else {
        return ().into_any();
    };
    let sender = Sender::from_context();
    let verdict = RwSignal::new(None::<Verdict>);
    let stop = RwSignal::new(false);
    spawn_local(async move {
        let said = confirm_sync(shared, &sender, &id, stop).await;
        // Gone from the page (the person went on): the session is no
        // longer this wait's to end.
        if verdict.try_set(Some(said)).is_some() {
            return;
        }
        if !shared.check_task {
            shared.end_session();
        }
    });
    view! {
        <div class="m365w-proof" role="status">
            {move || match verdict.get() {
                None => view! {
                    <p class="m365w-status">
                        "Asking the backup server to sync the organization with Microsoft 365, to prove the connection works\u{2026}"
                    </p>
                    <button
                        type="button"
                        class="m365w-button m365w-secondary"
                        on:click=move |_| stop.set(true)
                        disabled=move || stop.get()
                    >
                        "Stop waiting"
                    </button>
                }
                .into_any(),
                Some(said) => view! { <ProofVerdict verdict=said /> }.into_any(),
            }}
        </div>
    }
    .into_any()
}

/// How the wait ended, with Microsoft's refusal explained.
#[component]
fn ProofVerdict(verdict: Verdict) -> impl IntoView {
    let accepted = matches!(verdict, Verdict::Accepted { .. });
    let sentence = verdict.sentence();
    // The meaning and what to do; the wizard's own remedies point at
    // steps of an edit that is over, so the way back is "Check connections".
    let explained = match &verdict {
        Verdict::Refused(health) => {
            explain(health.reason.as_deref().unwrap_or_default(), None, None)
                .into_iter()
                .next()
        }
        _ => None,
    };
    let words = match &verdict {
        Verdict::Refused(health) => health.reason.clone(),
        _ => None,
    };
    view! {
        <p class=if accepted { "m365w-proof-ok" } else { "m365w-proof-not" }>
            <strong>{if accepted { "Connection confirmed. " } else { "Not confirmed. " }}</strong>
            {sentence}
        </p>
        {words.map(|w| view! { <p class="m365w-server-message">{w}</p> })}
        {explained.map(|e| view! {
            <div class="m365w-explanation">
                <h4>"What this means"</h4>
                <p>{e.meaning}</p>
                <ol>{e.actions.iter().map(|a| view! { <li>{*a}</li> }).collect_view()}</ol>
            </div>
        })}
    }
}
