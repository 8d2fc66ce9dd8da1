//! Adding and editing an organization: the steps (`step`), the wizard's
//! state and what keeps it whole when a choice changes (`wizard`), checking
//! answers and moving between steps (`checks`), the app-only rules
//! (`app_only`), the edit (`edit_start`, `editing`, `edit`, and the
//! Organization step's list in words, `organization_list`), the review
//! (`review`) and the draft kept across a reload (`draft`).

mod app_only;
mod checks;
mod draft;
mod edit;
mod edit_start;
mod editing;
mod organization_list;
mod review;
mod step;
mod wizard;

pub use app_only::{
    app_only_fields, application_name_of, check_app_only_field, default_application_name_of,
    first_available, method_refused, organization_name_required, organization_of,
    set_app_only_username, validate_app_only,
};
pub use edit_start::{EditStart, OrganizationId};
pub(crate) use editing::method_refused_for;
pub use editing::{ChangeRow, Editing};
pub use organization_list::{SHOWN, count_in_words, list_summary};
pub use review::{ReviewRow, review_rows};
pub use step::{Answer, Service, Step, Target};
pub use wizard::{TurnedOff, Wizard, WizardSecrets, region_refuses};
