//! Connection health for every organization on the server: the sync states
//! and jobs read (`sync_state`, `jobs`), each organization's state in words
//! with its fix (`state`), the dates Microsoft and the server give
//! (`time`), the order and counts of "Needs attention" (`attention`), the
//! CSV (`csv`), a row's fix as an edit with its choices made (`fix`),
//! and the wait for the server's proof after a fix
//! (`confirm`).

mod attention;
mod confirm;
mod csv;
mod fix;
mod jobs;
mod state;
mod sync_state;
mod time;

pub use attention::{attention_count, attention_order, attention_summary, view_summary};
pub use confirm::{Baseline, GIVE_UP_AFTER_MS, Next, POLL_EVERY_MS, SyncConfirm, Verdict};
pub use csv::{CsvRow, write_csv};
pub use fix::wizard_for_fix;
pub use jobs::{JobSummary, JobsPage, read_jobs};
pub use state::{Fix, Health, Reading, StateKind, classify};
pub use sync_state::{
    LastSync, SyncList, SyncReadError, SyncReport, WORDS_KEPT, read_sync_list, read_sync_one,
};
pub use time::{day_in_words, iso_day, key_end, parse_time, time_in_words};
