//! What the send machine's two test files share: the organization a send
//! establishes, a refusal and a lost answer.

use wizard_core::server::{ApiError, CreatedOrganization};

/// The organization the server holds once the send is done.
pub fn org() -> CreatedOrganization {
    CreatedOrganization {
        id: "3f1c0000-0000-4000-8000-000000000001".into(),
        name: "contoso.onmicrosoft.com".into(),
        application_id: None,
        certificate_thumbprint: None,
    }
}

/// The server's refusal with `message`.
pub fn refusal(message: &str) -> ApiError {
    ApiError::Rejected {
        status: 400,
        message: message.into(),
        code: Some("ParameterValidationFailure".into()),
    }
}

/// An answer lost on the way.
pub fn lost() -> ApiError {
    ApiError::Network("Failed to fetch".into())
}
