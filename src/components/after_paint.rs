//! Work the first screen does not need waits until the browser has drawn it.

use leptos::prelude::set_timeout;
use std::time::Duration;

/// Runs `work` in a task of its own after the current one, so the step
/// being rendered reaches the screen first (the version probe and the later
/// steps' module are not needed to read or answer the first step).
pub fn after_first_paint(work: impl FnOnce() + 'static) {
    set_timeout(work, Duration::ZERO);
}
