//! The m365-org-wizard browser component.
//!
//! The rules, state and request body live in the `wizard-core` crate; this crate
//! holds the Leptos components that show that state, the HTTP client that talks
//! to the backup server, and the entry points for hosts: the static page
//! (`startPage` mounts [`App`]) and, for embedding, `mount()` and the
//! `<m365-org-wizard>` element (`embed.rs`).

pub mod api;
mod components;
mod embed;
mod files;
mod instance;
mod options;
mod static_page;
mod storage;
mod urls;

pub use api::Client;
pub use components::{App, OrgWizard};
pub use embed::{WizardHandle, define_element, inspect_certificate, mount};
pub use options::{ApiSettings, Hooks, TokenSource, WizardOptions};
pub use static_page::start_page;

/// Sends a panic's message to the console before the page's WebAssembly
/// stops. (A panic is a bug: no input may cause one. The message is the
/// panic's own text, which never holds a secret.)
pub fn report_panics() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("m365-org-wizard stopped: {info}").into());
    }));
}
