//! "Check connections": one sign-in, then every organization on the server
//! with how its connection to Microsoft 365 stands. The session is renewed
//! with the refresh token before its lifetime runs out, so the list may
//! stay open for hours; the password is asked again only when the renewal
//! is refused.

use super::connection_list::ConnectionList;
use super::fleet::Fleet;
use super::sending::Sender;
use super::server_session::ServerSession;
use super::state::Shared;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
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

/// The view, with its heading (which takes focus when a fix returns here).
#[component]
pub fn CheckView() -> impl IntoView {
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
    let heading = NodeRef::<leptos::html::H2>::new();
    // Back from a fix: the focus comes to the list's heading.
    if shared.wizard.with_untracked(|w| w.is_editing()) {
        request_animation_frame(move || {
            if let Some(h) = heading.get_untracked() {
                let _ = h.focus();
            }
        });
    }
    view! {
        <h2 class="m365w-heading" tabindex="-1" node_ref=heading>"Organizations and their connections"</h2>
        <p class="m365w-intro">
            "Sign in to the backup server: the wizard reads every organization and how its connection to Microsoft 365 stands, as the server last synced it. Fix one from its row."
        </p>
        <ServerSession />
        {move || match loading.get() {
            Loading::Waiting => None,
            Loading::Reading(n) => Some(view! {
                <p class="m365w-status" role="status">
                    {if n == 0 {
                        "Reading the backup server's organizations\u{2026}".to_owned()
                    } else {
                        format!("Reading the backup server's organizations\u{2026} {n} so far.")
                    }}
                </p>
            }.into_any()),
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
        let Some(lifetime) = shared.lifetime.get().filter(|_| held) else {
            return;
        };
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
