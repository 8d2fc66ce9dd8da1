//! One organization in "Check connections": its name, its state in words
//! (a mark beside it, never colour alone), its method, when the server last
//! checked, the server's words one click away, its fix, and "Check again".

use super::fleet::Fleet;
use super::focus::focus_by_id;
use super::sending::Sender;
use super::state::Shared;
use super::sync_wait::confirm_sync;
use crate::instance::Ids;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::flow::OrganizationId;
use wizard_core::health::{
    Fix, Health, Reading, StateKind, Verdict, time_in_words, wizard_for_fix,
};
use wizard_core::machines::device_code::DeviceCodeMachine;
use wizard_core::machines::send::SendMachine;
use wizard_core::server::{ApiVersion, ServerOrganization};

/// The mark beside a state: its kind at a glance, the words say the rest.
fn mark(kind: StateKind) -> &'static str {
    match kind {
        StateKind::Connected => "\u{2713}",
        StateKind::Refused | StateKind::Legacy | StateKind::BackupFailed => "!",
        StateKind::Checking => "\u{21bb}",
        StateKind::Unknown => "?",
    }
}

fn kind_name(kind: StateKind) -> &'static str {
    match kind {
        StateKind::Connected => "connected",
        StateKind::Refused => "refused",
        StateKind::Legacy => "legacy",
        StateKind::BackupFailed => "backup-failed",
        StateKind::Checking => "checking",
        StateKind::Unknown => "unknown",
    }
}

/// One row.
#[component]
pub fn ConnectionRow(
    fleet: Fleet,
    index: usize,
    health: Health,
    /// Where the list says what a "Check again" found.
    said: RwSignal<String>,
) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let Some(organization) = fleet
        .organizations
        .with_untracked(|o| o.get(index).cloned())
    else {
        return ().into_any();
    };
    let key = ids.id(&format!("connection-{index}"));
    let name_id = format!("{key}-name");
    let busy = RwSignal::new(false);
    let kind = health.kind;
    let label = health.label.clone();
    let shown_label = move || {
        if busy.get() {
            "Checking\u{2026}".to_owned()
        } else {
            label.clone()
        }
    };
    let row = Row {
        fleet,
        index,
        name_id: name_id.clone(),
        again_id: format!("{key}-again"),
        busy,
        stop: RwSignal::new(false),
        said,
    };
    view! {
        <li class="m365w-connection" data-state=kind_name(kind)>
            <h3 class="m365w-connection-name" id=name_id>{organization.name.clone()}</h3>
            <p class="m365w-connection-state">
                <span class="m365w-state-mark" aria-hidden="true">{mark(kind)}</span>
                <strong>{shown_label}</strong>
            </p>
            {health.note.clone().map(|n| view! { <p class="m365w-connection-note">{n}</p> })}
            <RowDetails organization=organization.clone() health=health.clone() />
            <RowActions organization=organization fix=health.fix row=row />
        </li>
    }
    .into_any()
}

/// What a row's buttons share: where it is, its ids, and its wait.
#[derive(Clone)]
struct Row {
    fleet: Fleet,
    index: usize,
    name_id: String,
    again_id: String,
    busy: RwSignal<bool>,
    stop: RwSignal<bool>,
    said: RwSignal<String>,
}

/// The method, the last check, the thumbprint, and the server's words one
/// click away.
#[component]
fn RowDetails(organization: ServerOrganization, health: Health) -> impl IntoView {
    let details = [
        (
            "Authentication method",
            organization.method().label().to_owned(),
        ),
        (
            "Last checked",
            health
                .checked
                .map_or_else(|| "Not yet".to_owned(), time_in_words),
        ),
        (
            "Certificate thumbprint",
            organization
                .thumbprint()
                .unwrap_or_else(|| "None".to_owned()),
        ),
    ];
    view! {
        <dl class="m365w-organization-details">
            {details
                .into_iter()
                .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
                .collect_view()}
        </dl>
        {health.reason.map(|reason| view! {
            <details class="m365w-connection-why">
                <summary>"Why"</summary>
                {health.meaning.map(|m| view! { <p>{m}</p> })}
                <p class="m365w-server-message">{reason}</p>
            </details>
        })}
    }
}

/// The fix, "Check again" and, while it waits, "Stop waiting".
#[component]
fn RowActions(organization: ServerOrganization, fix: Option<Fix>, row: Row) -> impl IntoView {
    let shared = expect_context::<Shared>();
    let ids = expect_context::<Ids>();
    let version = row.fleet.version.get_untracked();
    let can_sync = version.is_some_and(|v| v != ApiVersion::V6)
        && organization.method() == wizard_core::answers::AuthMethod::AppOnly;
    let fix = fix.filter(|_| organization.not_editable().is_none());
    let open = {
        let organization = organization.clone();
        let heading = ids.id("step-heading");
        move |fix: Fix| {
            open_fix(shared, organization.clone(), fix, version);
            focus_by_id(heading.clone(), true);
        }
    };
    let Row {
        name_id,
        again_id,
        busy,
        stop,
        ..
    } = row.clone();
    let sender = Sender::from_context();
    view! {
        <div class="m365w-row-actions">
            {fix.map(|fix| view! {
                <button
                    type="button"
                    class="m365w-button m365w-primary"
                    aria-describedby=name_id.clone()
                    on:click=move |_| open(fix)
                >
                    {fix.label()}
                </button>
            })}
            {can_sync.then(|| view! {
                <button
                    type="button"
                    class="m365w-button m365w-secondary"
                    id=again_id
                    aria-describedby=name_id.clone()
                    disabled=move || busy.get()
                    on:click=move |_| check_again(shared, sender.clone(), &organization, row.clone())
                >
                    "Check again"
                </button>
                <Show when=move || busy.get()>
                    <button
                        type="button"
                        class="m365w-button m365w-link"
                        aria-describedby=name_id.clone()
                        on:click=move |_| stop.set(true)
                    >
                        "Stop waiting"
                    </button>
                </Show>
            })}
        </div>
    }
}

/// "Check again": asks the server to sync the organization, waits for the
/// result, then reads its state into the row, says it, and gives the focus
/// back to the row's button.
fn check_again(shared: Shared, sender: Sender, organization: &ServerOrganization, row: Row) {
    let Some(id) = OrganizationId::parse(&organization.id) else {
        return;
    };
    row.busy.set(true);
    row.stop.set(false);
    let name = organization.name.clone();
    spawn_local(async move {
        let Row {
            fleet,
            index,
            busy,
            stop,
            said,
            again_id,
            ..
        } = row;
        let verdict = confirm_sync(shared, &sender, &id, stop).await;
        let reading = match verdict {
            Verdict::Stopped => {
                busy.try_set(false);
                return;
            }
            Verdict::Gone | Verdict::Failed(_) | Verdict::SignInAgain => {
                Reading::Failed(verdict.sentence())
            }
            _ => fleet.read_one(shared, &sender, id.as_str()).await,
        };
        fleet.settle(index, reading);
        let now = fleet
            .healths
            .with_untracked(|h| h.get(index).map(|h| h.label.clone()));
        said.try_set(format!("{name}: {}", now.unwrap_or_default()));
        busy.try_set(false);
        focus_by_id(again_id, false);
    });
}

/// Opens the edit `fix` names for `organization`, with its choices made;
/// the list comes back when it is saved or cancelled.
fn open_fix(
    shared: Shared,
    organization: ServerOrganization,
    fix: Fix,
    version: Option<ApiVersion>,
) {
    let Ok(wizard) = wizard_for_fix(organization, fix, version) else {
        return;
    };
    shared.secrets.set(Default::default());
    shared.errors.set(Default::default());
    shared.send.set(SendMachine::for_edit());
    shared.device.set(DeviceCodeMachine::default());
    shared.notice.set(None);
    shared.saved_changes.set(Vec::new());
    shared.proof.set(None);
    shared.wizard.set(wizard);
    shared.checking.set(false);
}
