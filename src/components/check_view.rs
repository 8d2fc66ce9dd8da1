//! "Check connections": one sign-in, then every organization on the server
//! with how its connection to Microsoft 365 stands. The session is renewed
//! with the refresh token before its lifetime runs out, so the list may
//! stay open for hours; the password is asked again only when the renewal
//! is refused.

use super::connection_list::ConnectionList;
use super::fleet::Fleet;
use super::focus::focus_by_id;
use super::reading_status::ReadingOrganizations;
use super::sending::Sender;
use super::server_session::ServerSession;
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wizard_core::answers::FieldErrors;
use wizard_core::flow::{Step, WizardSecrets};
use wizard_core::machines::device_code::DeviceCodeMachine;
use wizard_core::machines::send::SendMachine;
use wizard_core::server::ApiError;

/// Where reading the fleet stands.
#[derive(Clone, Debug, PartialEq)]
enum Loading {
    /// Waiting for the sign-in.
    Waiting,
    /// Organizations arriving; this many so far.
    Reading(usize),
    /// Read (the states may still be arriving, on v7).
    Read,
    /// The server did not answer with them.
    Failed(ApiError),
}

/// The view in its region (`name`), with its heading (which takes focus
/// when a fix returns here).
#[component]
pub fn CheckView(name: String) -> impl IntoView {
    let shared = expect_context::<Shared>();
    let sender = Sender::from_context();
    let fleet = Fleet::new();
    let loading = RwSignal::new(Loading::Waiting);
    let load = Callback::new(move |()| {
        let sender = sender.clone();
        loading.set(Loading::Reading(0));
        spawn_local(async move {
            let progress = move |n| {
                loading.try_set(Loading::Reading(n));
            };
            match fleet.read_all(shared, sender, progress).await {
                Ok(()) => loading.try_set(Loading::Read),
                Err(ApiError::Unauthorized) => {
                    shared.token.try_set(None);
                    loading.try_set(Loading::Waiting)
                }
                Err(e) => loading.try_set(Loading::Failed(e)),
            };
        });
    });
    Effect::new(move |_| {
        if shared.token.with(Option::is_some)
            && loading.with_untracked(|l| matches!(l, Loading::Waiting))
        {
            load.run(());
        }
    });
    keep_session(shared);
    let heading = expect_context::<Ids>().id("check-heading");
    // Back from a fix (saved or cancelled): its answers and secrets go, the
    // session stays, and the focus comes to the list's heading.
    if shared
        .wizard
        .with_untracked(|w| w.is_editing() || w.step() != Step::Services)
    {
        put_fix_away(shared);
        focus_by_id(heading.clone(), true);
    }
    view! {
        <section class="m365w m365w-check" aria-label=name>
        <div class="m365w-panel">
        <h2 class="m365w-heading" tabindex="-1" id=heading>"Organizations and their connections"</h2>
        <p class="m365w-intro">
            "Sign in to the backup server: the wizard reads every organization and how its connection to Microsoft 365 stands, as the server last synced it. Fix one from its row."
        </p>
        <ServerSession />
        {move || match loading.get() {
            Loading::Waiting => None,
            Loading::Reading(n) => Some(view! { <ReadingOrganizations n=n /> }.into_any()),
            Loading::Read => Some(view! { <ConnectionList fleet=fleet /> }.into_any()),
            Loading::Failed(e) => Some(view! {
                <div class="m365w-failure" role="alert">
                    <p class="m365w-server-message">{format!("The organizations could not be read: {e}")}</p>
                </div>
                <button type="button" class="m365w-button m365w-primary" on:click=move |_| load.run(())>
                    "Try again"
                </button>
            }.into_any()),
        }}
        </div>
        </section>
    }
}

/// Renews the wizard's own session with its refresh token a minute before
/// the access token expires (at four fifths of a short lifetime), again
/// after each renewal; a refused renewal drops the token, so the sign-in
/// shows again. A host's tokens are the host's to renew.
fn keep_session(shared: Shared) {
    let sender = Sender::from_context();
    if !sender.signs_in() {
        return;
    }
    // Each token gets its own timer; an older timer finds a newer
    // generation and does nothing.
    let generation = StoredValue::new(0_u32);
    Effect::new(move |_| {
        // Tracks the token: a renewal sets a new one, which schedules the next.
        let held = shared.token.with(Option::is_some);
        generation.update_value(|g| *g = g.wrapping_add(1));
        let mine = generation.get_value();
        let lifetime = u64::from(shared.lifetime.get());
        if !held || lifetime == 0 {
            return;
        }
        let before = if lifetime > 300 {
            lifetime - 60
        } else {
            lifetime * 4 / 5
        };
        let sender = sender.clone();
        set_timeout(
            move || {
                // Signed out, or renewed meanwhile by a 401: nothing to do.
                if generation.try_get_value() != Some(mine) {
                    return;
                }
                spawn_local(async move {
                    if !sender.renew(shared).await {
                        shared.token.try_set(None);
                    }
                });
            },
            Duration::from_secs(before.max(1)),
        );
    });
}

/// A fix's answers, secrets and sending put away (the session stays).
fn put_fix_away(shared: Shared) {
    shared.secrets.set(WizardSecrets::default());
    shared.errors.set(FieldErrors::default());
    shared.send.set(SendMachine::for_edit());
    shared.device.set(DeviceCodeMachine::default());
    shared.notice.set(None);
    shared.proof.set(None);
    shared.wizard.set(shared.fresh());
}
