//! The Finish step: sign in to the backup server if needed, send the
//! organization, and show the outcome. The send lifecycle is wizard-core's
//! machine (`send.rs`); `sending.rs` performs its effects. Entered data is
//! kept on every failure.

use super::elapsed::use_elapsed;
use super::explanation::{Explanations, explanations_of};
use super::sending::Sender;
use super::sign_in_form::ServerSignIn;
use super::state::Shared;
use super::sync_proof::SyncProof;
use crate::api::Client;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::answers::{AuthMethod, Secret};
use wizard_core::flow::Service;
use wizard_core::machines::send::{Event, Outcome, Phase, TokenSupply};
use wizard_core::server::ApiVersion;

/// Starts runs of the send machine: builds the body from the answers (or
/// sends the user back to the step that is missing something), then lets
/// the [`Sender`] carry the machine's effects out.
#[derive(Clone)]
struct Starter {
    shared: Shared,
    sender: Sender,
}

impl Starter {
    fn supply(&self) -> TokenSupply {
        if self.shared.token.with_untracked(Option::is_some) {
            TokenSupply::Held
        } else if !self.sender.signs_in() {
            TokenSupply::Host
        } else {
            TokenSupply::SignIn
        }
    }

    fn run(&self, event: Event, sign_in: Option<(String, Secret)>) {
        let Shared {
            wizard, secrets, ..
        } = self.shared;
        let body = match wizard.with_untracked(|w| secrets.with_untracked(|s| w.request(s))) {
            Ok(body) => body,
            Err((step, errors)) => {
                wizard.update(|w| w.fix(step));
                return self.shared.show_errors(errors);
            }
        };
        let (shared, sender) = (self.shared, self.sender.clone());
        spawn_local(async move { sender.run(shared, event, body, sign_in).await });
    }

    fn start(&self) {
        self.run(Event::Start(self.supply()), None);
    }
}

/// Sign in, send, outcome.
#[component]
pub fn FinishStep() -> impl IntoView {
    let shared = expect_context::<Shared>();
    let sender = Sender::from_context();
    let uses_sign_in = sender.signs_in();
    let client = sender.client.clone();
    let starter = Starter { shared, sender };
    let Shared { token, send, .. } = shared;

    // Leaving (Back, Change, Go to): a finished attempt's message goes.
    on_cleanup(move || {
        send.try_update(|m| {
            m.handle(Event::Left);
        });
    });
    // Arriving here with a token, or with a host that gives one: send at once.
    if starter.supply() != TokenSupply::SignIn {
        starter.start();
    }
    let phase = move || send.with(|m| m.phase().clone());
    let failed = move || matches!(phase(), Phase::Failed(_));
    let code_spent = move || send.with(|m| m.needs_new_code());
    let retry = {
        let starter = starter.clone();
        move |_| starter.start()
    };

    view! {
        <div class="m365w-step-body">
            <Show when=move || shared.is_done()>
                <Success shared=shared />
            </Show>
            <Show when=move || uses_sign_in && token.with(Option::is_none) && !shared.is_done()>
                <ServerSignIn
                    on_submit={
                        let starter = starter.clone();
                        Callback::new(move |(user, password)| {
                            starter.run(Event::SignInSubmitted, Some((user, password)));
                        })
                    }
                    busy=Signal::derive(move || send.with(|m| m.phase() == &Phase::SigningIn))
                />
            </Show>
            <div class="m365w-live" role="status" aria-live="polite">
                <Status shared=shared client=client.clone() />
            </div>
            <Show when=move || (token.with(Option::is_some) || !uses_sign_in) && failed() && !code_spent()>
                <button type="button" class="m365w-button m365w-primary" on:click=retry.clone()>
                    "Try again"
                </button>
            </Show>
            // A device code works once: after a send that may have used it,
            // the way on is a new sign-in, never the same code again.
            <Show when=move || failed() && code_spent()>
                <p>
                    "The Microsoft 365 sign-in code was used by this attempt, and a code works only once. Get a new code, have a Global Administrator sign in with it, then save again."
                </p>
                <button type="button" class="m365w-button m365w-primary" on:click=move |_| shared.sign_in_to_microsoft_again()>
                    "Get a new code"
                </button>
            </Show>
        </div>
    }
}

/// The organization is on the server: its name and id, and how the wizard
/// knows when the answer itself was lost; for an edit, what changed.
#[component]
fn Success(shared: Shared) -> impl IntoView {
    let editing = shared.send.with_untracked(|m| m.is_edit());
    let outcome = move || shared.outcome();
    let how = move || match outcome() {
        Some(Outcome::FoundAfterLostAnswer(_)) if editing => Some(
            "The answer was lost on the way, so the wizard read the organization back: the backup server holds what you saved.",
        ),
        Some(Outcome::FoundAfterLostAnswer(_)) => Some(
            "The answer was lost on the way, so the wizard looked the organization up: the backup server added it once.",
        ),
        Some(Outcome::HeldDespiteRefusal(_)) if editing => Some(
            "The backup server's answer to Save was lost on the way, and the browser sent the request again by itself; the server refused that repeat. Reading the organization back shows it holds what you saved.",
        ),
        Some(Outcome::HeldDespiteRefusal(_)) => Some(
            "The backup server refused the request, yet the wizard found the organization there with what you sent: the first answer was most likely lost on the way and the browser sent the request again by itself. The organization is on the server once.",
        ),
        Some(Outcome::AlreadyOnServer(_)) => Some(
            "The backup server said this organization was already added, and the wizard found it there with what you sent: it is on the server once.",
        ),
        _ => None,
    };
    let field = move |pick: fn(&Outcome) -> String| outcome().map(|o| pick(&o));
    let (heading, again) = if editing {
        ("Organization updated", "Edit another organization")
    } else {
        ("Organization added", "Add another organization")
    };
    view! {
        <div class="m365w-success" role="status">
            <h3>{heading}</h3>
            {move || how().map(|text| view! { <p>{text}</p> })}
            <dl class="m365w-summary">
                <dt>"Name"</dt>
                <dd class="m365w-org-name">{move || field(|o| o.organization().name.clone())}</dd>
                <dt>"ID"</dt>
                <dd class="m365w-org-id">{move || field(|o| o.organization().id.clone())}</dd>
                {move || outcome().and_then(|o| o.organization().application_id.clone()).map(|app| view! {
                    <dt>"Application ID"</dt>
                    <dd class="m365w-app-id">{app}</dd>
                })}
                {move || editing.then(|| outcome().and_then(|o| o.organization().certificate_thumbprint.clone())).flatten().map(|t| view! {
                    <dt>"Certificate thumbprint"</dt>
                    <dd class="m365w-thumbprint">{t}</dd>
                })}
            </dl>
            {editing.then(|| view! { <WhatChanged shared=shared /> })}
            {editing.then(|| view! { <SyncProof shared=shared /> })}
            {(!editing).then(|| view! { <FirstBackup shared=shared /> })}
            <div class="m365w-actions">
                {if shared.check_task {
                    view! {
                        <button type="button" class="m365w-button m365w-secondary" on:click=move |_| shared.checking.set(true)>
                            "Back to Check connections"
                        </button>
                    }
                    .into_any()
                } else {
                    view! {
                        <button type="button" class="m365w-button m365w-secondary" on:click=move |_| shared.reset()>
                            {again}
                        </button>
                    }
                    .into_any()
                }}
            </div>
        </div>
    }
}

/// What the saved edit changed, and what is left to do for a renewed
/// certificate the server did not register itself.
#[component]
fn WhatChanged(shared: Shared) -> impl IntoView {
    let rows = shared.saved_changes.get_untracked();
    let renewed = rows.iter().any(|r| r.term == "Certificate");
    let registered = rows
        .iter()
        .any(|r| r.term == "Permissions in Microsoft Entra ID");
    let list = rows
        .into_iter()
        .map(|row| {
            view! {
                <li>
                    <strong>{row.term}</strong>
                    {format!(": {} \u{2192} {}", row.now, row.after)}
                </li>
            }
        })
        .collect_view();
    view! {
        <h4>"What changed"</h4>
        <ul class="m365w-changed">{list}</ul>
        {(renewed && !registered).then(|| view! {
            <p class="m365w-notice">
                "Once backups of this organization run with the new certificate, remove the old one from the application in Microsoft Entra ID (App registrations, the application, Certificates & secrets)."
            </p>
        })}
    }
}

/// "Before the first backup": on v8 with app-only and Exchange Online, the
/// four Microsoft Graph permissions that 8.5 reads mailboxes with, which
/// the backup server does not grant by itself.
#[component]
fn FirstBackup(shared: Shared) -> impl IntoView {
    let applies = shared.wizard.with_untracked(|w| {
        w.method() == AuthMethod::AppOnly
            && w.has(Service::Exchange)
            && w.server_version() == Some(ApiVersion::V8)
    });
    applies.then(|| view! {
        <div class="m365w-notice">
            <h4>"Before the first backup"</h4>
            <p>
                "Veeam Backup for Microsoft 365 8.5 and later read Exchange Online mailboxes through Microsoft Graph, with four application permissions that the backup server does not grant by itself. Without them, mailbox backups fail with \u{201c}access denied\u{201d}."
            </p>
            <ol>
                <li>
                    "In the Microsoft Entra admin center, open App registrations, the application (its Application ID is above), API permissions, then Add a permission, Microsoft Graph, Application permissions."
                </li>
                <li>
                    "Add "<code>"User.Read.All"</code>", "<code>"MailboxItem.ImportExport.All"</code>", "
                    <code>"MailboxFolder.ReadWrite.All"</code>" and "<code>"MailboxItem.Read.All"</code>"."
                </li>
                <li>"Choose \u{201c}Grant admin consent for\u{201d} your organization. It can take up to an hour to apply."</li>
            </ol>
        </div>
    })
}

/// What the send is doing, for the live region: announced when it changes,
/// never every second (the elapsed time is outside the announcement).
#[component]
fn Status(shared: Shared, client: Client) -> impl IntoView {
    let editing = shared.send.with_untracked(|m| m.is_edit());
    // A memo: the status is rebuilt when the phase changes, not on every
    // event the machine takes (a rebuilt "Stop waiting" could miss a click).
    let phase = Memo::new(move |_| shared.send.with(|m| m.phase().clone()));
    let phase = move || phase.get();
    let waiting = Signal::derive(move || matches!(phase(), Phase::Sending | Phase::Renewing));
    let elapsed = use_elapsed(waiting);
    move || {
        match phase() {
        Phase::Idle | Phase::Done(_) => None,
        Phase::SigningIn | Phase::GettingToken => {
            Some(view! { <p class="m365w-status">"Signing in\u{2026}"</p> }.into_any())
        }
        Phase::Sending | Phase::Renewing => {
            let client = client.clone();
            Some(
                view! {
                    <p class="m365w-status">
                        {if editing {
                            "Saving the organization. The backup server connects to Microsoft 365 first: this often takes tens of seconds."
                        } else {
                            "Adding the organization. The backup server connects to Microsoft 365 first: this often takes tens of seconds."
                        }}
                    </p>
                    <p class="m365w-elapsed" aria-live="off">
                        {move || {
                            let s = elapsed.get();
                            format!("Waiting for {}:{:02}", s / 60, s % 60)
                        }}
                    </p>
                    <button type="button" class="m365w-button m365w-secondary" on:click=move |_| client.cancel()>
                        "Stop waiting"
                    </button>
                }
                .into_any(),
            )
        }
        Phase::Checking => Some(
            view! {
                <p class="m365w-status">
                    {if editing {
                        "Reading the organization back to see what the backup server holds\u{2026}"
                    } else {
                        "The answer was lost or the server says the organization exists. Checking whether the backup server has it\u{2026}"
                    }}
                </p>
            }
            .into_any(),
        ),
        Phase::Failed(failure) => {
            let explained = failure
                .refusal()
                .map(|e| explanations_of(shared, e))
                .unwrap_or_default();
            Some(
                view! {
                    <div class="m365w-failure">
                        <h3>{if editing { "Saving the organization did not finish" } else { "Adding the organization did not finish" }}</h3>
                        <p class="m365w-server-message">{failure.to_string()}</p>
                        <Explanations explanations=explained />
                        <p>"Everything you entered is kept. Fix the problem and try again, or go back to change your answers."</p>
                    </div>
                }
                .into_any(),
            )
        }
    }
    }
}
