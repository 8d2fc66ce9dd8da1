//! An elapsed-seconds ticker, for showing how long a wait has lasted.

use leptos::prelude::*;
use std::time::Duration;

/// Seconds since `running` last became true, counted once a second while it
/// stays true; the count restarts at 0 each time `running` turns true.
pub fn use_elapsed(running: Signal<bool>) -> ReadSignal<u32> {
    let elapsed = RwSignal::new(0u32);
    let ticker = StoredValue::new_local(None::<IntervalHandle>);
    let stop = move || {
        ticker.try_update_value(|t| {
            if let Some(handle) = t.take() {
                handle.clear();
            }
        });
    };
    Effect::new(move |_| {
        let on = running.get();
        stop();
        if on {
            elapsed.set(0);
            let handle = set_interval_with_handle(
                move || elapsed.update(|s| *s += 1),
                Duration::from_secs(1),
            )
            .ok();
            ticker.update_value(|t| *t = handle);
        }
    });
    on_cleanup(stop);
    elapsed.read_only()
}
