//! Per-instance element ids, so two wizards on one page never share an id.

use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(1);

/// The id prefix of one mounted wizard, e.g. `m365w1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ids(String, usize);

impl Ids {
    /// A prefix no other wizard on this page has.
    pub fn fresh() -> Self {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        Self(format!("m365w{n}"), n)
    }

    /// 1 for the first wizard mounted on this page, 2 for the second…
    pub fn ordinal(&self) -> usize {
        self.1
    }

    /// A page-unique id for `name`.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.0)
    }
}
