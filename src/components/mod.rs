//! The wizard's Leptos components: one per step plus small shared widgets.
//! Each shows state from `wizard_core` and forwards events to it.

mod back_to;
mod binding;
mod certificate_card;
mod certificate_field;
mod certificate_password;
mod check_view;
mod connection_list;
mod connection_row;
mod connection_step;
mod credentials_step;
mod device_code_step;
mod device_sign_in;
mod drop_zone;
mod elapsed;
mod error_summary;
mod explanation;
mod field;
mod finish_step;
mod fleet;
mod focus;
mod generate_field;
mod later_steps;
mod organization_filter;
mod organization_step;
mod reading_status;
mod region_step;
mod review_step;
mod sending;
mod server_session;
mod services_step;
mod shell;
mod sign_in_form;
mod state;
mod step_list;
#[cfg(all(test, target_arch = "wasm32"))]
mod step_tests;
mod sync_proof;
mod sync_wait;

pub use later_steps::load as load_later;
pub use shell::{App, OrgWizard};
