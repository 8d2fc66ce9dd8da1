//! The wizard's rules, state and request body, in plain Rust.
//!
//! Nothing here touches the browser: every rule the page enforces is decided by
//! these modules and tested natively with `cargo test -p wizard-core`. The Leptos
//! components only show this state and forward the user's events to it.

pub mod api;
pub mod api_base;
pub mod app_only;
pub mod application_id;
pub mod application_name;
pub mod body;
pub mod certificate_choice;
pub mod config;
pub mod config_error;
pub mod credentials;
pub mod device_code;
pub mod document;
pub mod draft;
pub mod edit;
pub mod flow;
pub mod generation;
pub mod organization_name;
pub mod refusal;
mod refusal_catalogue;
pub mod reminder;
pub mod review;
pub mod secret;
pub mod send;
pub mod server_organization;
pub mod username;
pub mod worker_protocol;

pub use api::{ApiError, ApiVersion, CreatedOrganization, TokenGrant, Tokens};
pub use api_base::{BaseSource, ParsedUrl, UrlResolver};
pub use app_only::{
    application_name_of, default_application_name_of, method_refused, organization_name_required,
    organization_of,
};
pub use application_id::{ApplicationIdError, normalize_application_id};
pub use application_name::default_application_name;
pub use body::{AppOnlyConnection, ConnectionSettings, OrganizationRequest, Region, Services};
pub use certificate::Encryption as PfxEncryption;
pub use certificate_choice::{
    CardFinding, CertificateCard, CertificateOutcome, outcome_of, read_certificate,
};
pub use config::{ApiConfig, ConfigError, ConfigFileAnswer, VersionChoice, parse_timeout};
pub use credentials::{
    AppCredentialKind, AppCredentials, AppRoute, ApplicationCredential, AuthMethod,
    CertificateState, CertificateUpload, CredentialsDraft, CredentialsSecrets, Field, FieldErrors,
    check_field, validate,
};
pub use flow::{Answer, Service, Step, Target, TurnedOff, Wizard, WizardSecrets, region_refuses};
pub use organization_name::{OrganizationNameError, validate_organization_name};
pub use review::{ReviewRow, review_rows};
pub use secret::Secret;
pub use username::{UsernameError, validate_username};
pub use worker_protocol::WorkerJob;
