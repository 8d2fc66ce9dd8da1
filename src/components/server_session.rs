//! A session with the backup server for a step that needs one before its
//! own work: the sign-in form (or the host's token, asked for at once),
//! the refusal explained, "Try again" for a host's. Used by "Log in to
//! Microsoft 365" (the DeviceCode calls) and by the edit's Organization
//! step (the organization list).

use super::explanation::{Explanations, explanations_of};
use super::sending::Sender;
use super::sign_in_form::ServerSignIn;
use super::state::Shared;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::answers::Secret;
use wizard_core::server::ApiError;

/// The sign-in until the wizard holds a token; the step's own content
/// shows once it does (the caller watches `shared.token`).
#[component]
pub fn ServerSession() -> impl IntoView {
    let shared = expect_context::<Shared>();
    let sender = Sender::from_context();
    let uses_sign_in = sender.signs_in();
    let token = shared.token;
    let error = RwSignal::new(None::<ApiError>);
    let signing_in = RwSignal::new(false);

    // A host that gives tokens is asked for one now (and again on "Try
    // again" if it could not give one).
    let asker = sender.clone();
    let ask_host = Callback::new(move |()| {
        if uses_sign_in {
            return;
        }
        error.set(None);
        let asker = asker.clone();
        spawn_local(async move {
            match asker.host_token().await {
                Some(Ok(t)) => {
                    token.try_set(Some(t));
                }
                Some(Err(e)) => {
                    error.try_set(Some(e));
                }
                None => {}
            }
        });
    });
    if !uses_sign_in && token.with_untracked(Option::is_none) {
        ask_host.run(());
    }
    let submit = Callback::new(move |(user, password): (String, Secret)| {
        let sender = sender.clone();
        signing_in.set(true);
        error.set(None);
        spawn_local(async move {
            if let Err(e) = sender.sign_in(shared, &user, &password).await {
                error.try_set(Some(e));
            }
            signing_in.try_set(false);
        });
    });
    view! {
        <Show when=move || uses_sign_in && token.with(Option::is_none)>
            <ServerSignIn on_submit=submit busy=signing_in />
        </Show>
        <div class="m365w-live" role="status">
            {move || error.get().map(|e| view! {
                <div class="m365w-failure">
                    <p class="m365w-server-message">{e.to_string()}</p>
                    <Explanations explanations=explanations_of(shared, &e) />
                </div>
            })}
        </div>
        <Show when=move || !uses_sign_in && error.with(Option::is_some)>
            <button type="button" class="m365w-button m365w-primary" on:click=move |_| ask_host.run(())>
                "Try again"
            </button>
        </Show>
    }
}
