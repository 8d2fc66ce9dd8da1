//! Step 6: sign in to the backup server if needed, send the organization, and
//! show the outcome. Entered data is kept on every failure.

use super::field::TextField;
use super::shell::Shared;
use crate::api::Client;
use crate::instance::Ids;
use crate::options::TokenSource;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wizard_core::api::find_created;
use wizard_core::{ApiError, Secret};

/// Where sending stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Waiting for the user (to sign in, or to try again).
    Idle,
    /// The token request is out.
    SigningIn,
    /// The organization request is out.
    Sending,
    /// Looking for the organization after an answer was lost.
    Checking,
    /// The last attempt failed; the message says why.
    Failed(String),
}

/// A fresh access token after a 401: from the host, or by the refresh token
/// (once). `None` means the user has to sign in again.
async fn renew(
    shared: Shared,
    client: &Client,
    host: &Option<SendWrapper<js_sys::Function>>,
) -> Option<Secret> {
    if let Some(host) = host {
        return TokenSource::from_host(host).await.ok();
    }
    let refresh = shared.refresh.get_untracked()?;
    shared.refresh.set(None);
    let tokens = client.refresh(&refresh).await.ok()?;
    shared.refresh.set(tokens.refresh_token);
    Some(tokens.access_token)
}

/// Looks for the organization a lost answer may have created.
async fn look_up(
    client: &Client,
    token: &Secret,
    body: &wizard_core::OrganizationRequest,
) -> Result<Option<wizard_core::CreatedOrganization>, ApiError> {
    let list = client.list_organizations(token).await?;
    Ok(find_created(&list, body))
}

/// Gets a token from the host if it supplies them, then sends the
/// organization and records the outcome, exactly once: a double click is
/// ignored, an expired token is renewed once, and when an answer is lost the
/// organization is looked up before anything is sent again.
async fn deliver(shared: Shared, client: Client, host: Option<SendWrapper<js_sys::Function>>) {
    let Shared {
        wizard,
        secrets,
        token,
        progress,
        added,
        unverified,
        ..
    } = shared;
    if matches!(
        progress.get_untracked(),
        Progress::Sending | Progress::Checking
    ) || added.with_untracked(Option::is_some)
    {
        return;
    }
    if token.with_untracked(Option::is_none) {
        let Some(host) = &host else { return };
        progress.set(Progress::SigningIn);
        match TokenSource::from_host(host).await {
            Ok(t) => token.set(Some(t)),
            Err(e) => return progress.set(Progress::Failed(e.to_string())),
        }
    }
    let Some(mut access) = token.get_untracked() else {
        return;
    };
    let body = match wizard.with_untracked(|w| secrets.with_untracked(|s| w.request(s))) {
        Ok(body) => body,
        Err((step, errors)) => {
            progress.set(Progress::Idle);
            wizard.update(|w| w.step = step);
            return shared.show_errors(errors);
        }
    };
    if unverified.get_untracked() {
        progress.set(Progress::Checking);
        match look_up(&client, &access, &body).await {
            Ok(Some(found)) => return shared.complete_after_look_up(found),
            Ok(None) => unverified.set(false),
            Err(e) => {
                return progress.set(Progress::Failed(format!(
                    "Whether the organization was added could not be checked: {e} Nothing was sent again."
                )));
            }
        }
    }
    progress.set(Progress::Sending);
    let mut result = client.add_organization(&access, &body).await;
    if result == Err(ApiError::Unauthorized) {
        match renew(shared, &client, &host).await {
            Some(fresh) => {
                token.set(Some(fresh.clone()));
                access = fresh;
                result = client.add_organization(&access, &body).await;
            }
            None => token.set(None),
        }
    }
    match result {
        Ok(created) => shared.complete(created),
        Err(e) if e.outcome_unknown() => {
            unverified.set(true);
            progress.set(Progress::Checking);
            match look_up(&client, &access, &body).await {
                Ok(Some(found)) => shared.complete_after_look_up(found),
                Ok(None) => {
                    unverified.set(false);
                    progress.set(Progress::Failed(format!(
                        "{e} The organization was not added, so it is safe to send it again."
                    )));
                }
                Err(check) => progress.set(Progress::Failed(format!(
                    "{e} Whether it was added could not be checked ({check}); Try again checks first and never adds it twice."
                ))),
            }
        }
        Err(ApiError::Unauthorized) => {
            token.set(None);
            progress.set(Progress::Failed(ApiError::Unauthorized.to_string()));
        }
        Err(e) => progress.set(Progress::Failed(e.to_string())),
    }
}

/// Sign in, send, outcome.
#[component]
pub fn FinishStep() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let client = expect_context::<Client>();
    let shared = expect_context::<Shared>();
    let host = match expect_context::<TokenSource>() {
        TokenSource::Host(f) => Some(f),
        _ => None,
    };
    let uses_sign_in = host.is_none();
    let Shared {
        token,
        progress,
        added,
        ..
    } = shared;
    let server_user = RwSignal::new(String::new());
    let server_password = RwSignal::new(Secret::default());
    let user_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);

    let send = {
        let client = client.clone();
        move || spawn_local(deliver(shared, client.clone(), host.clone()))
    };

    let sign_in = {
        let client = client.clone();
        let send = send.clone();
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
            let send = send.clone();
            spawn_local(async move {
                match client.sign_in(&user, &password).await {
                    Ok(tokens) => {
                        shared.refresh.set(tokens.refresh_token);
                        shared.own_session.set(true);
                        token.set(Some(tokens.access_token));
                        server_password.set(Secret::default());
                        progress.set(Progress::Idle);
                        send();
                    }
                    Err(e) => progress.set(Progress::Failed(e.to_string())),
                }
            });
        }
    };

    // Arriving here with a token, or with a host that gives one: send at once.
    if (token.with_untracked(Option::is_some) || !uses_sign_in)
        && progress.get_untracked() == Progress::Idle
    {
        send();
    }

    // The seconds spent waiting for the server, shown while a send is out.
    let elapsed = RwSignal::new(0u32);
    let ticker = StoredValue::new_local(None::<IntervalHandle>);
    Effect::new(move |_| {
        let sending = progress.get() == Progress::Sending;
        ticker.update_value(|t| {
            if let Some(handle) = t.take() {
                handle.clear();
            }
            if sending {
                elapsed.set(0);
                *t = set_interval_with_handle(
                    move || elapsed.update(|s| *s += 1),
                    std::time::Duration::from_secs(1),
                )
                .ok();
            }
        });
    });
    on_cleanup(move || {
        ticker.update_value(|t| {
            if let Some(handle) = t.take() {
                handle.clear();
            }
        });
    });
    let stop = {
        let client = client.clone();
        move |_| client.cancel()
    };

    let status = move || {
        match progress.get() {
        Progress::Idle => None,
        Progress::SigningIn => Some(view! { <p class="m365w-status">"Signing in\u{2026}"</p> }.into_any()),
        Progress::Sending => Some(
            view! {
                <p class="m365w-status">
                    "Adding the organization. The backup server connects to Microsoft 365 first: this often takes tens of seconds."
                </p>
                <p class="m365w-elapsed" aria-live="off">
                    {move || {
                        let s = elapsed.get();
                        format!("Waiting for {}:{:02}", s / 60, s % 60)
                    }}
                </p>
                <button type="button" class="m365w-button m365w-secondary" on:click=stop.clone()>
                    "Stop waiting"
                </button>
            }
            .into_any(),
        ),
        Progress::Checking => Some(
            view! {
                <p class="m365w-status">
                    "The answer was lost. Checking whether the backup server added the organization\u{2026}"
                </p>
            }
            .into_any(),
        ),
        Progress::Failed(message) => Some(
            view! {
                <div class="m365w-failure">
                    <h3>"Adding the organization did not finish"</h3>
                    <p>{message}</p>
                    <p>"Everything you entered is kept. Fix the problem and try again, or go back to change your answers."</p>
                </div>
            }
            .into_any(),
        ),
    }
    };
    let retry = {
        let send = send.clone();
        move |_| {
            progress.set(Progress::Idle);
            send();
        }
    };

    view! {
        <div class="m365w-step-body">
            <Show when=move || added.with(Option::is_some)>
                <div class="m365w-success" role="status">
                    <h3>"Organization added"</h3>
                    <Show when=move || shared.confirmed_by_lookup.get()>
                        <p>
                            "The answer was lost on the way, so the wizard looked the organization up: the backup server added it once."
                        </p>
                    </Show>
                    <dl class="m365w-summary">
                        <dt>"Name"</dt>
                        <dd class="m365w-org-name">{move || added.get().map(|o| o.name)}</dd>
                        <dt>"ID"</dt>
                        <dd class="m365w-org-id">{move || added.get().map(|o| o.id)}</dd>
                    </dl>
                    <button type="button" class="m365w-button m365w-secondary" on:click=move |_| shared.reset()>
                        "Add another organization"
                    </button>
                </div>
            </Show>
            <Show when=move || uses_sign_in && token.with(Option::is_none) && added.with(Option::is_none)>
                <form class="m365w-sign-in" on:submit=sign_in.clone() novalidate>
                    <h3 class="m365w-subheading">"Sign in to the backup server"</h3>
                    <p class="m365w-hint">
                        "A Veeam Backup for Microsoft 365 REST API account. It is used for this request only and never stored."
                    </p>
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
            <div class="m365w-live" role="status" aria-live="polite">
                {status}
            </div>
            <Show when=move || {
                (token.with(Option::is_some) || !uses_sign_in)
                    && matches!(progress.get(), Progress::Failed(_))
            }>
                <button type="button" class="m365w-button m365w-primary" on:click=retry.clone()>
                    "Try again"
                </button>
            </Show>
        </div>
    }
}
