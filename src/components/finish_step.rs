//! The last step: what will be sent, the sign-in to the backup server, the
//! "Add organization" button and the outcome.

use super::field::TextField;
use super::shell::Shared;
use crate::api::Client;
use crate::instance::Ids;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::{ApiError, CreatedOrganization, Secret, Step, Wizard};

/// Where sending stands.
#[derive(Clone, PartialEq, Eq)]
enum Progress {
    Idle,
    SigningIn,
    Sending,
    Added(CreatedOrganization),
    Failed(String),
}

/// Review, sign in and send.
#[component]
pub fn FinishStep() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let client = expect_context::<Client>();
    let shared = expect_context::<Shared>();
    let Shared {
        wizard,
        secrets,
        token,
        ..
    } = shared;
    let progress = RwSignal::new(Progress::Idle);
    let server_user = RwSignal::new(String::new());
    let server_password = RwSignal::new(Secret::default());
    let user_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);

    let sign_in = {
        let client = client.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if progress.get_untracked() == Progress::SigningIn {
                return;
            }
            let user = server_user.get_untracked().trim().to_owned();
            let password = server_password.get_untracked();
            user_error.set(
                user.is_empty()
                    .then(|| "Enter the backup server user name.".to_owned()),
            );
            password_error.set(
                password
                    .is_empty()
                    .then(|| "Enter the backup server password.".to_owned()),
            );
            if user.is_empty() || password.is_empty() {
                return;
            }
            progress.set(Progress::SigningIn);
            let client = client.clone();
            spawn_local(async move {
                match client.sign_in(&user, &password).await {
                    Ok(tokens) => {
                        token.set(Some(tokens.access_token));
                        server_password.set(Secret::default());
                        progress.set(Progress::Idle);
                    }
                    Err(e) => progress.set(Progress::Failed(e.to_string())),
                }
            });
        }
    };

    let add = move |_| {
        if matches!(
            progress.get_untracked(),
            Progress::Sending | Progress::Added(_)
        ) {
            return;
        }
        let request = wizard.with_untracked(|w| secrets.with_untracked(|s| w.request(s)));
        let body = match request {
            Ok(body) => body,
            Err((step, errors)) => {
                wizard.update(|w| w.step = step);
                shared.show_errors(errors);
                return;
            }
        };
        let Some(access) = token.get_untracked() else {
            return;
        };
        progress.set(Progress::Sending);
        let client = client.clone();
        spawn_local(async move {
            match client.add_organization(&access, &body).await {
                Ok(created) => {
                    // The answers did their job: drop every secret now.
                    shared.secrets.set(Default::default());
                    token.set(None);
                    progress.set(Progress::Added(created));
                }
                Err(ApiError::Unauthorized) => {
                    token.set(None);
                    progress.set(Progress::Failed(ApiError::Unauthorized.to_string()));
                }
                Err(e) => progress.set(Progress::Failed(e.to_string())),
            }
        });
    };

    let summary = move || {
        let w = wizard.get();
        review_rows(&w)
            .into_iter()
            .map(|(term, value)| view! { <dt>{term}</dt> <dd>{value}</dd> })
            .collect_view()
    };

    let status = move || {
        match progress.get() {
        Progress::Idle => None,
        Progress::SigningIn => Some(view! { <p class="m365w-status">"Signing in\u{2026}"</p> }.into_any()),
        Progress::Sending => Some(
            view! {
                <p class="m365w-status">
                    "Adding the organization. The backup server connects to Microsoft 365 first; this can take a minute."
                </p>
            }
            .into_any(),
        ),
        Progress::Added(org) => Some(
            view! {
                <div class="m365w-success">
                    <h3>"Organization added"</h3>
                    <dl class="m365w-summary">
                        <dt>"Name"</dt>
                        <dd class="m365w-org-name">{org.name}</dd>
                        <dt>"ID"</dt>
                        <dd class="m365w-org-id">{org.id}</dd>
                    </dl>
                </div>
            }
            .into_any(),
        ),
        Progress::Failed(message) => Some(
            view! {
                <div class="m365w-failure">
                    <h3>"The organization was not added"</h3>
                    <p>{message}</p>
                    <p>"Everything you entered is kept. Fix the problem and try again."</p>
                </div>
            }
            .into_any(),
        ),
    }
    };

    view! {
        <div class="m365w-step-body">
            <h3 class="m365w-subheading">"What will be added"</h3>
            <dl class="m365w-summary">{summary}</dl>
            <Show when=move || token.with(Option::is_none) && !matches!(progress.get(), Progress::Added(_))>
                <form class="m365w-sign-in" on:submit=sign_in.clone() novalidate>
                    <h3 class="m365w-subheading">"Sign in to the backup server"</h3>
                    <TextField
                        id=ids.id("server-user")
                        label="Server user name"
                        value=Signal::derive(move || server_user.get())
                        on_input=move |v| server_user.set(v)
                        on_change=|_| ()
                        error=Signal::derive(move || user_error.get())
                        autocomplete="username"
                    />
                    <TextField
                        id=ids.id("server-password")
                        label="Server password"
                        value=Signal::derive(move || server_password.with(|p| p.expose().to_owned()))
                        on_input=move |v| server_password.set(Secret::new(v))
                        on_change=|_| ()
                        error=Signal::derive(move || password_error.get())
                        secret=true
                        autocomplete="current-password"
                    />
                    <button
                        type="submit"
                        class="m365w-button m365w-primary"
                        disabled=move || progress.get() == Progress::SigningIn
                    >
                        "Sign in"
                    </button>
                </form>
            </Show>
            <Show when=move || token.with(Option::is_some)>
                <p class="m365w-signed-in">"Signed in to the backup server."</p>
                <button
                    type="button"
                    class="m365w-button m365w-primary"
                    aria-disabled=move || (progress.get() == Progress::Sending).then_some("true")
                    on:click=add.clone()
                >
                    "Add organization"
                </button>
            </Show>
            <div class="m365w-live" role="status" aria-live="polite">
                {status}
            </div>
        </div>
    }
}

/// The answers as label and value pairs; secrets appear only as "set".
fn review_rows(w: &Wizard) -> Vec<(&'static str, String)> {
    let set = |present: bool| if present { "set" } else { "not set" }.to_owned();
    let mut rows = vec![
        ("Application ID", w.primary.application_id.trim().to_owned()),
        ("Application secret", set(true)),
        ("Username", w.primary.username.trim().to_owned()),
        ("App password", set(true)),
        (
            "Grant this account required roles and permissions",
            yes_no(w.primary.grant_roles),
        ),
    ];
    if w.steps().contains(&Step::SharePointCredentials) {
        rows.push((
            "SharePoint username",
            w.sharepoint.username.trim().to_owned(),
        ));
    } else {
        rows.push((
            "Use the same credentials for SharePoint Online, OneDrive for Business and Microsoft Teams",
            yes_no(w.same_credentials),
        ));
    }
    rows
}

fn yes_no(value: bool) -> String {
    if value { "Yes" } else { "No" }.to_owned()
}
