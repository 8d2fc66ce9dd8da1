//! Carries out wizard-core's wait for a sync ([`SyncConfirm`]): reads the
//! state before, asks the server to sync (`POST …/Sync`), reads until the
//! machine says the wait is over, or the person stops it. Used by a row's
//! "Check again" and by the proof after Save.

use super::sending::Sender;
use super::state::Shared;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wizard_core::flow::OrganizationId;
use wizard_core::health::{Baseline, Next, SyncConfirm, Verdict, read_sync_one};
use wizard_core::server::ApiError;

/// Milliseconds since the page's clock epoch, as a wait measures itself.
fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Waits `ms` milliseconds (no wait without a window: a worker never runs this).
async fn sleep(ms: u64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            i32::try_from(ms).unwrap_or(i32::MAX),
        );
    });
    let _ = JsFuture::from(promise).await;
}

/// Whether the wait is to end: "Stop waiting", or its view is gone.
fn stopped(stop: RwSignal<bool>) -> bool {
    stop.try_get_untracked().unwrap_or(true)
}

/// Lets the browser run whatever waits (a paint, an input) before going on.
pub async fn yield_now() {
    sleep(0).await;
}

/// Asks the server to sync the organization `id` and waits for the
/// result; `stop` set by "Stop waiting" (or disposed with its view) ends
/// the wait at its next turn, and no request goes out after it.
pub async fn confirm_sync(
    shared: Shared,
    sender: &Sender,
    id: &OrganizationId,
    stop: RwSignal<bool>,
) -> Verdict {
    let read = || {
        let resource = format!("{}/SyncState", id.resource());
        sender.authorised(shared, move |client, token| {
            let resource = resource.clone();
            async move {
                let text = client.read_text(&token, &resource).await?;
                read_sync_one(&text).map_err(|why| ApiError::Rejected {
                    status: 200,
                    message: why.reason().to_owned(),
                    code: None,
                })
            }
        })
    };
    let baseline = match read().await {
        Ok(report) => match report.last.and_then(|l| l.ended) {
            Some(at) => Baseline::Ended(at),
            None => Baseline::Never,
        },
        Err(_) => Baseline::Unknown,
    };
    if stopped(stop) {
        return Verdict::Stopped;
    }
    let started = now_ms();
    let elapsed = move || (now_ms() - started).max(0.0) as u64;
    let mut wait = SyncConfirm::new((started / 1000.0) as i64, baseline);
    let requested = sender
        .authorised(shared, |client, token| {
            let id = id.clone();
            async move { client.start_sync(&token, &id).await }
        })
        .await;
    let mut next = wait.requested(requested, elapsed());
    loop {
        match next {
            Next::Done(verdict) => return verdict,
            Next::Read { after_ms } => {
                sleep(after_ms).await;
                if stopped(stop) {
                    return Verdict::Stopped;
                }
                next = wait.read(read().await, elapsed());
            }
        }
    }
}
