//! The m365-org-wizard browser component.
//!
//! The rules, state and request body live in the `wizard-core` crate; this crate
//! holds the Leptos components that show that state and the HTTP client that
//! talks to the backup server. `main.rs` only mounts [`App`].

pub mod api;
mod components;
mod instance;
mod storage;

pub use api::Client;
pub use components::{App, OrgWizard};
