//! Performs the commands wizard-core's device-code machine asks for: the two
//! DeviceCode calls and the timer. What follows what (one check at a time,
//! back-off, expiry, a late answer after leaving) is the machine's; this
//! carries it out and feeds each result back.

use super::sending::Sender;
use super::state::Shared;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wizard_core::machines::device_code::{Command, Event};

/// Milliseconds on the page's clock: the machine's time.
pub fn now() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Runs the device-code sign-in of one wizard.
#[derive(Clone)]
pub struct DeviceRunner {
    /// The calls and the token renewal, shared with the send.
    pub sender: Sender,
    /// The one timer the machine may ask for; a new one replaces it.
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl DeviceRunner {
    /// A runner that calls the server through `sender`.
    pub fn new(sender: Sender) -> Self {
        Self {
            sender,
            timer: StoredValue::new(None),
        }
    }

    /// Stops the timer (the step was left or the wizard unmounted).
    pub fn stop(&self) {
        self.timer.try_update_value(|t| t.take().map(|h| h.clear()));
    }

    /// Feeds `event`, then carries out what the machine asks for. Quietly
    /// stops once the wizard is unmounted.
    pub fn feed(&self, shared: Shared, event: Event) {
        let Some(command) = shared.device.try_update(|m| m.handle(event)).flatten() else {
            return;
        };
        match command {
            Command::RequestCode => {
                let runner = self.clone();
                spawn_local(async move {
                    let region = shared.wizard.with_untracked(|w| w.region());
                    let asked = runner
                        .sender
                        .authorised(shared, |client, token| async move {
                            client.device_code(&token, region).await
                        })
                        .await;
                    let event = match asked {
                        Ok(code) => Event::CodeIssued { code, now: now() },
                        Err(error) => Event::CodeRefused(error),
                    };
                    runner.feed(shared, event);
                });
            }
            Command::Check(code) => {
                let runner = self.clone();
                spawn_local(async move {
                    let checked = runner
                        .sender
                        .authorised(shared, |client, token| {
                            let code = code.clone();
                            async move { client.check_device_code(&token, &code).await }
                        })
                        .await;
                    let event = match checked {
                        Ok(authenticated) => Event::Checked {
                            authenticated,
                            now: now(),
                        },
                        Err(_) => Event::CheckFailed { now: now() },
                    };
                    runner.feed(shared, event);
                });
            }
            Command::WakeAt(at) => {
                let runner = self.clone();
                let wait = Duration::from_millis(at.saturating_sub(now()));
                let timeout = set_timeout_with_handle(
                    move || runner.feed(shared, Event::Woke { now: now() }),
                    wait,
                )
                .ok();
                if let Some(old) = self
                    .timer
                    .try_update_value(|t| std::mem::replace(t, timeout))
                    .flatten()
                {
                    old.clear();
                }
            }
            Command::Proceed { user_code, move_on } => {
                shared.secrets.update(|s| s.user_code = Some(user_code));
                if move_on {
                    let secrets = shared.secrets.get_untracked();
                    shared.wizard.update(|w| {
                        let _ = w.next(&secrets);
                    });
                }
            }
        }
    }
}
