//! "Log in to Microsoft 365": the backup server asks Microsoft for a device
//! code; a Global Administrator enters it at Microsoft's page; the step asks
//! the server every few seconds whether that happened. The lifecycle is
//! wizard-core's machine (`device_code.rs`), run by `device_sign_in.rs`.
//!
//! The DeviceCode calls need the backup server's token, so the sign-in to
//! the server happens here when this step is part of the flow; the Finish
//! step then sends with that token and asks nothing again.

use super::device_sign_in::{DeviceRunner, now};
use super::elapsed::use_elapsed;
use super::explanation::{Explanations, explanations_of};
use super::sending::Sender;
use super::server_session::ServerSession;
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::flow::{Target, organization_of};
use wizard_core::machines::device_code::{DeviceCode, Event, Phase};
use wizard_core::server::ApiError;

/// The step: the server sign-in if needed, then the code.
#[component]
pub fn MicrosoftSignInStep() -> impl IntoView {
    let shared = expect_context::<Shared>();
    let runner = DeviceRunner::new(Sender::from_context());
    let token = shared.token;
    // With a token, the code is asked for (or a kept one resumed).
    {
        let runner = runner.clone();
        Effect::new(move |_| {
            if token.with(Option::is_some) {
                runner.feed(shared, Event::Shown { now: now() });
            }
        });
    }
    // A background tab's timers are slowed down: when the page is seen
    // again, the machine looks at the clock at once (an expired code says
    // so, a due check goes out).
    let wake = {
        let runner = runner.clone();
        leptos::prelude::window_event_listener(leptos::ev::focus, move |_| {
            runner.feed(shared, Event::Woke { now: now() });
        })
    };
    {
        let runner = runner.clone();
        on_cleanup(move || {
            wake.remove();
            runner.stop();
            shared.device.try_update(|m| m.handle(Event::Left));
        });
    }
    view! {
        <div class="m365w-step-body">
            <p class="m365w-intro">
                "A Global Administrator of the organization signs in to Microsoft with a code, so the backup server can register the application, or grant it its permissions, in Microsoft Entra ID."
            </p>
            <BeforeSignIn shared=shared />
            <ServerSession />
            <Show when=move || token.with(Option::is_some)>
                <CodePanel shared=shared runner=runner.clone() />
            </Show>
        </div>
    }
}

/// What stops a device-code sign-in, said before it bites: the role the
/// account needs, and the Conditional Access policy Microsoft ships that
/// blocks the device code flow.
#[component]
fn BeforeSignIn(shared: Shared) -> impl IntoView {
    let organization = shared.wizard.with_untracked(|w| {
        organization_of(w.draft(Target::Primary)).unwrap_or_else(|| "the organization".to_owned())
    });
    view! {
        <div class="m365w-notice">
            <h3 class="m365w-subheading">"Before you sign in"</h3>
            <ul>
                <li>
                    {format!("Sign in as a Global Administrator of {organization}. No other role can register an application or grant its permissions; where roles are activated on demand (Privileged Identity Management), activate it first.")}
                </li>
                <li>
                    "A Conditional Access policy that blocks the device code flow stops this sign-in. Microsoft now adds one to tenants, \u{201c}Block device code flow\u{201d}, which turns itself on unless an administrator turns it off: exclude the administrator who signs in from it, under Conditional Access in the Microsoft Entra admin center, while the backup server is set up."
                </li>
                <li>
                    "No sign-in is needed at all with an existing application whose certificate is already uploaded, with the grant box left clear: go back to the connection step to choose that."
                </li>
            </ul>
        </div>
    }
}

/// The code, its link and countdown, and where the sign-in stands.
#[component]
fn CodePanel(shared: Shared, runner: DeviceRunner) -> impl IntoView {
    // A memo: the panel is rebuilt when the phase changes, not on every
    // check (a rebuilt button could miss a click).
    let phase = Memo::new(move |_| shared.device.with(|m| m.phase().clone()));
    let new_code = move |_| runner.feed(shared, Event::NewCode);
    let new_code = Callback::new(new_code);
    let announce = move || match phase.get() {
        Phase::Idle | Phase::Requesting | Phase::Left => {
            "Asking the backup server for a code\u{2026}".to_owned()
        }
        Phase::Waiting { .. } => {
            "Waiting for a Global Administrator to sign in with the code\u{2026}".to_owned()
        }
        Phase::SignedIn { .. } => {
            "Signed in to Microsoft 365. Go on to Review to add the organization.".to_owned()
        }
        Phase::Expired => "The code expired before anyone signed in with it.".to_owned(),
        // The server's own words as given, not wrapped as a refused add.
        Phase::Failed(ApiError::Rejected { message, .. }) => {
            format!("The backup server could not get a code: {message}")
        }
        Phase::Failed(e) => format!("The backup server could not get a code: {e}"),
    };
    view! {
        // Heard once per change of phase, never every second.
        <p class="m365w-status" role="status">{announce}</p>
        {move || match phase.get() {
            Phase::Waiting { code, .. } => {
                view! { <CodeCard code=code /> }.into_any()
            }
            Phase::Expired => view! {
                <button type="button" class="m365w-button m365w-primary" on:click=move |e| new_code.run(e)>
                    "Get a new code"
                </button>
            }
            .into_any(),
            Phase::Failed(error) => view! {
                {
                    let explained = explanations_of(shared, &error);
                    (!explained.is_empty()).then(|| view! {
                        <div class="m365w-failure">
                            <Explanations explanations=explained />
                        </div>
                    })
                }
                <button type="button" class="m365w-button m365w-primary" on:click=move |e| new_code.run(e)>
                    "Try again"
                </button>
            }
            .into_any(),
            // Codes are used once: after the server refused one (used, or
            // expired meanwhile), a new sign-in is one click away.
            Phase::SignedIn { .. } => view! {
                <button
                    type="button"
                    class="m365w-button m365w-secondary"
                    on:click=move |e| {
                        shared.secrets.update(|s| s.user_code = None);
                        new_code.run(e);
                    }
                >
                    "Sign in again with a new code"
                </button>
            }
            .into_any(),
            _ => ().into_any(),
        }}
    }
}

/// The code large, "Copy code", the verification link, Microsoft's message
/// and the time left.
#[component]
fn CodeCard(code: DeviceCode) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let code_id = ids.id("device-code");
    let labelled = code_id.clone();
    let copied = RwSignal::new(None::<&'static str>);
    let user_code = code.user_code.clone();
    let copy = move |_| {
        let text = user_code.clone();
        spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            copied.try_set(Some(if done.is_ok() {
                "Copied."
            } else {
                "The browser did not allow copying: select the code and copy it."
            }));
        });
    };
    let ticking = Signal::derive(|| true);
    let tick = use_elapsed(ticking);
    let device = expect_context::<Shared>().device;
    let left = move || {
        tick.track();
        // Shown only while the code waits, so the machine always has a time.
        let seconds = device.with(|m| m.seconds_left(now())).unwrap_or(0);
        format!("The code expires in {}:{:02}.", seconds / 60, seconds % 60)
    };
    let link = (!code.verification_url.is_empty()).then(|| {
        let url = code.verification_url.clone();
        view! {
            <p>
                "Open "
                <a href=url.clone() target="_blank" rel="noopener noreferrer">{url.clone()}</a>
                " (a new tab), sign in as a Global Administrator and enter the code."
            </p>
        }
    });
    view! {
        <section class="m365w-card m365w-device" aria-labelledby=labelled>
            <p class="m365w-hint">"Code"</p>
            <p class="m365w-device-code" id=code_id>{code.user_code.clone()}</p>
            <button type="button" class="m365w-button m365w-secondary" on:click=copy>
                "Copy code"
            </button>
            <span class="m365w-live" role="status">{move || copied.get()}</span>
            {link}
            {(!code.message.is_empty()).then(|| view! { <p class="m365w-hint">{code.message.clone()}</p> })}
            <p class="m365w-elapsed" aria-live="off">{left}</p>
        </section>
    }
}
