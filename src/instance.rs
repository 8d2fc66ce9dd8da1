//! Per-instance element ids, so two wizards on one page never share an id.

use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(1);

/// The id prefix of one mounted wizard, e.g. `m365w1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ids(String);

impl Ids {
    /// A prefix no other wizard on this page has.
    pub fn fresh() -> Self {
        Self(format!("m365w{}", NEXT.fetch_add(1, Ordering::Relaxed)))
    }

    /// A page-unique id for `name`.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.0)
    }
}
