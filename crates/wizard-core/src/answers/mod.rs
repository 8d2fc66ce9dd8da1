//! What the person answers, and the rule for each answer: the application's
//! id and name, the organization's name, accounts, secrets, the credentials
//! of a step and its fields, the certificate chosen and its expiry reminder.
//! A leaf: nothing here knows the server or the flow.

mod application_id;
mod application_name;
mod certificate_choice;
mod credentials;
mod field;
mod method;
mod organization_name;
mod reminder;
mod secret;
mod username;

pub use application_id::{ApplicationIdError, looks_like_guid, normalize_application_id};
pub use application_name::{check_application_name, default_application_name};
pub use certificate::Encryption as PfxEncryption;
pub use certificate_choice::{
    CardFinding, CertificateCard, CertificateOutcome, outcome_of, read_certificate,
};
pub use credentials::{
    AppCredentials, AppRoute, Application, ApplicationCredential, CertificateState,
    CertificateUpload, CredentialsDraft, CredentialsSecrets, check_field, secret_warning, validate,
};
pub use field::{Changed, Field, FieldErrors};
pub use method::{AppCredentialKind, AuthMethod};
pub use organization_name::{OrganizationNameError, validate_organization_name};
pub use reminder::{
    REMINDER_DAYS_BEFORE, REMINDER_WITHIN_DAYS, Reminder, calendar, calendar_file_name,
    date_in_words, expiry_in_words, offers_reminder,
};
pub use secret::Secret;
pub(crate) use username::is_domain;
pub use username::{UsernameError, domain_of, validate_username};
