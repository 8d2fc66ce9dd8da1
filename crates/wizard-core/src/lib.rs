//! The wizard's rules, state and request body, in plain Rust.
//!
//! Nothing here touches the browser: every rule the page enforces is decided
//! by these modules and tested natively with `cargo test -p wizard-core`. The
//! Leptos components only show this state and forward the user's events to
//! it. Each item has one public path, through its folder; the folders depend
//! on each other in this order only (`scripts/layout-check.py` holds every
//! module to it, and to its size):
//!
//! `answers` → `server` → `flow` → `machines`, `refusals` → `health`.
//!
//! Where things live:
//! - the add flow and the edit flow: [`flow`] (`Wizard`, its steps, checks,
//!   `edit`), and the send that ends both: [`machines::send`];
//! - the request body: [`server::OrganizationRequest`] (`server/body.rs`);
//! - a refusal's wording: [`refusals`] (`catalogue.rs` holds the words);
//! - an answer's rule (an Application ID, a name, a certificate): [`answers`];
//! - connection health ("Check connections"): [`health`].

pub mod answers;
pub mod flow;
pub mod health;
pub mod machines;
pub mod refusals;
pub mod server;
