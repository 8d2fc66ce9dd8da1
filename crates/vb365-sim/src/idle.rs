//! `GET /_sim/idle`: answers once no API request is being worked on, so a
//! test that abandoned a slow request can wait for it to end instead of
//! sleeping for a guessed time.

use axum::extract::State;
use axum::http::StatusCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::Sim;

/// One request being worked on, counted until it is answered or dropped.
pub(crate) struct Busy<'a>(&'a AtomicUsize);

impl<'a> Busy<'a> {
    /// Counts one more request in `count`.
    pub fn new(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Busy(count)
    }
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// 204 once nothing is in flight; 503 if something still is after 30 s.
pub(crate) async fn idle(State(sim): State<Arc<Sim>>) -> StatusCode {
    for _ in 0..1500 {
        if sim.busy.load(Ordering::SeqCst) == 0 {
            return StatusCode::NO_CONTENT;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    StatusCode::SERVICE_UNAVAILABLE
}
