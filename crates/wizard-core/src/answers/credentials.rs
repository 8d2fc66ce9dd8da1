//! The credentials steps: their fields, their rules and the validated result.
//!
//! The same fields serve the first credentials step and the separate
//! SharePoint step; with basic authentication only the account is asked for.

use crate::answers::AppCredentialKind;
use crate::answers::AuthMethod;
use crate::answers::Secret;
use crate::answers::validate_organization_name;
use crate::answers::validate_username;
use crate::answers::{Field, FieldErrors};
use crate::answers::{looks_like_guid, normalize_application_id};
use serde::{Deserialize, Serialize};

/// What the user typed that may be kept (in sessionStorage) across a reload.
/// Secrets live in [`CredentialsSecrets`] so they cannot be saved by mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CredentialsDraft {
    /// As typed; normalised on validation.
    pub application_id: String,
    /// As typed; trimmed on validation.
    pub username: String,
    /// "Grant this account required roles and permissions". Off by
    /// default: for Exchange Online it assigns ApplicationImpersonation,
    /// which Microsoft retired in 2025.
    pub grant_roles: bool,
    /// Secret or certificate for the application.
    pub app_credential: AppCredentialKind,
    /// Protect a .pfx built from PEM files with AES-256 rather than 3DES.
    pub pfx_aes: bool,
    /// App-only: the tenant's domain (`officeOrganizationName`), as typed
    /// or prefilled from the username's domain.
    pub organization_name: String,
    /// App-only: a new application registered by the server, or an
    /// existing one.
    pub route: AppRoute,
    /// App-only, new application: its name as typed (empty: the default).
    pub application_name: String,
    /// App-only, existing application: "Grant the required permissions to
    /// this application and register its certificate in Microsoft Entra ID".
    pub configure_application: bool,
}

impl CredentialsDraft {
    /// How a .pfx the wizard writes (from PEM, or generated) is protected.
    pub fn pfx_encryption(&self) -> certificate::Encryption {
        if self.pfx_aes {
            certificate::Encryption::Aes256
        } else {
            certificate::Encryption::Compatible
        }
    }
}

/// Which Microsoft Entra ID application the backup server uses (the v8
/// console's two choices on "Configure connection to Microsoft 365").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppRoute {
    /// The server registers a new application after a device-code sign-in.
    #[default]
    New,
    /// An application already registered in Entra ID.
    Existing,
}

impl AppRoute {
    /// Both, in the order the vendor's console lists them.
    pub const ALL: [AppRoute; 2] = [AppRoute::New, AppRoute::Existing];

    /// The option's text, in the vendor's words.
    pub fn label(self) -> &'static str {
        match self {
            AppRoute::New => "Register a new Microsoft Entra ID application automatically",
            AppRoute::Existing => "Use an existing Microsoft Entra ID application",
        }
    }
}

impl Default for CredentialsDraft {
    fn default() -> Self {
        Self {
            application_id: String::new(),
            username: String::new(),
            grant_roles: false,
            app_credential: AppCredentialKind::Secret,
            pfx_aes: false,
            organization_name: String::new(),
            route: AppRoute::default(),
            application_name: String::new(),
            configure_application: false,
        }
    }
}

/// The step's secrets, held apart from the draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CredentialsSecrets {
    /// The application secret's value.
    pub application_secret: Secret,
    /// The account's (app) password.
    pub app_password: Secret,
    /// The password typed for the certificate file (or for the .pfx the
    /// wizard builds from PEM files).
    pub certificate_password: Secret,
    /// The application certificate, once a file was chosen.
    pub certificate: CertificateState,
}

/// Where the certificate field stands. The page opens the files (with the
/// certificate crate) and records the outcome here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CertificateState {
    /// No file chosen yet.
    #[default]
    Empty,
    /// The files did not give a usable certificate; the message says why.
    Rejected(String),
    /// Ready to send.
    Ready(CertificateUpload),
}

/// A certificate ready for the request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateUpload {
    /// Base64 of the .pfx: the user's own file, or one built from PEM.
    pub pfx_base64: Secret,
    /// The password that opens that .pfx.
    pub password: Secret,
    /// SHA-1 thumbprint in uppercase hex, shown on the review page.
    pub thumbprint: String,
    /// The certificate's subject, shown on the review page.
    pub subject: String,
    /// The last day of validity, `YYYY-MM-DD`, shown on the review page.
    pub not_after: String,
}

/// The Azure AD application of the modern flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// Lowercase, hyphenated, without braces.
    pub id: String,
    /// How it proves itself.
    pub credential: ApplicationCredential,
}

/// The application's proof: a secret or a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplicationCredential {
    /// The client secret's value.
    Secret(Secret),
    /// A .pfx and its password.
    Certificate(CertificateUpload),
}

/// A credentials step's answers once every rule passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppCredentials {
    /// Present in the modern flow, absent with basic authentication.
    pub application: Option<Application>,
    /// `user@domain`, trimmed.
    pub username: String,
    /// The (app) password.
    pub app_password: Secret,
    /// Let the server assign the required roles.
    pub grant_roles: bool,
}

/// The error of one credentials field, if its current value breaks a rule.
/// Used on blur and, for every field at once, by [`validate`].
pub fn check_field(
    field: Field,
    method: AuthMethod,
    draft: &CredentialsDraft,
    secrets: &CredentialsSecrets,
) -> Option<String> {
    match field {
        Field::ApplicationId => normalize_application_id(&draft.application_id)
            .err()
            .map(|e| e.to_string()),
        Field::ApplicationSecret => secrets
            .application_secret
            .expose()
            .trim()
            .is_empty()
            .then(|| {
                "Enter the application secret's value. The Azure portal shows it only once, when the secret is created.".to_owned()
            }),
        Field::ApplicationCertificate => match &secrets.certificate {
            CertificateState::Ready(_) => None,
            CertificateState::Rejected(why) => Some(why.clone()),
            CertificateState::Empty if method == AuthMethod::AppOnly => Some(
                "Choose the application's certificate: modern app-only authentication has no secret. Give a .pfx or .p12 file, or a PEM certificate with its private key.".to_owned(),
            ),
            CertificateState::Empty => Some(
                "Choose the application's certificate: a .pfx or .p12 file, or a PEM certificate with its private key.".to_owned(),
            ),
        },
        Field::Username => validate_username(&draft.username)
            .err()
            .map(|e| e.to_string()),
        Field::AppPassword => secrets.app_password.is_empty().then(|| match method {
            AuthMethod::Basic => "Enter the password of this account.".to_owned(),
            _ => "Enter the app password of this account.".to_owned(),
        }),
        Field::OrganizationName => validate_organization_name(&draft.organization_name)
            .err()
            .map(|e| e.to_string()),
        Field::ApplicationName => crate::answers::check_application_name(&draft.application_name),
        Field::Organization | Field::Services | Field::Method | Field::DeviceCode => None,
    }
}

/// Checks every field of a credentials step; all errors are reported at once.
pub fn validate(
    method: AuthMethod,
    draft: &CredentialsDraft,
    secrets: &CredentialsSecrets,
) -> Result<AppCredentials, FieldErrors> {
    let mut errors = FieldErrors::default();
    for field in Field::credentials(method, draft.app_credential) {
        errors.set(*field, check_field(*field, method, draft, secrets));
    }
    errors.into_result()?;
    // The checks above passed, so these conversions succeed; if one ever did
    // not, its field still gets its own message rather than none.
    let only = |field: Field, message: String| {
        let mut errors = FieldErrors::default();
        errors.set(field, Some(message));
        errors
    };
    let username =
        validate_username(&draft.username).map_err(|e| only(Field::Username, e.to_string()))?;
    let application = match method {
        AuthMethod::Basic => None,
        AuthMethod::Modern | AuthMethod::AppOnly => Some(Application {
            id: normalize_application_id(&draft.application_id)
                .map_err(|e| only(Field::ApplicationId, e.to_string()))?,
            credential: match (draft.app_credential, &secrets.certificate) {
                (AppCredentialKind::Certificate, CertificateState::Ready(upload)) => {
                    ApplicationCredential::Certificate(upload.clone())
                }
                (AppCredentialKind::Certificate, _) => {
                    let field = Field::ApplicationCertificate;
                    let message = check_field(field, method, draft, secrets)
                        .unwrap_or_else(|| "Choose the application's certificate again.".into());
                    return Err(only(field, message));
                }
                (AppCredentialKind::Secret, _) => {
                    ApplicationCredential::Secret(secrets.application_secret.clone())
                }
            },
        }),
    };
    Ok(AppCredentials {
        application,
        username,
        app_password: secrets.app_password.clone(),
        grant_roles: draft.grant_roles,
    })
}

/// Advice on the secret that does not block the step.
pub fn secret_warning(
    method: AuthMethod,
    draft: &CredentialsDraft,
    secrets: &CredentialsSecrets,
) -> Option<&'static str> {
    (method == AuthMethod::Modern
        && draft.app_credential == AppCredentialKind::Secret
        && looks_like_guid(secrets.application_secret.expose()))
    .then_some(
        "This looks like the secret's ID, not its value. In the Azure portal, copy the \u{201c}Value\u{201d} column, not \u{201c}Secret ID\u{201d}.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> (CredentialsDraft, CredentialsSecrets) {
        (
            CredentialsDraft {
                application_id: " {0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90} ".into(),
                username: " admin@contoso.onmicrosoft.com".into(),
                grant_roles: true,
                ..Default::default()
            },
            CredentialsSecrets {
                application_secret: "kX8Q~abc.DEF_123-xyz".into(),
                app_password: "app-pass".into(),
                ..Default::default()
            },
        )
    }

    #[test]
    fn valid_answers_are_normalised() {
        let (draft, secrets) = filled();
        let ok = validate(AuthMethod::Modern, &draft, &secrets).unwrap();
        let app = ok.application.unwrap();
        assert_eq!(app.id, "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90");
        assert_eq!(ok.username, "admin@contoso.onmicrosoft.com");
        assert!(ok.grant_roles);
    }

    #[test]
    fn every_error_is_reported_in_page_order() {
        let errors = validate(
            AuthMethod::Modern,
            &CredentialsDraft::default(),
            &CredentialsSecrets::default(),
        )
        .unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            Field::credentials(AuthMethod::Modern, AppCredentialKind::Secret)
        );
    }

    #[test]
    fn basic_authentication_asks_only_for_the_account() {
        let errors = validate(
            AuthMethod::Basic,
            &CredentialsDraft::default(),
            &CredentialsSecrets::default(),
        )
        .unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(fields, [Field::Username, Field::AppPassword]);
        assert_eq!(
            errors.get(Field::AppPassword),
            Some("Enter the password of this account.")
        );
        let (mut draft, mut secrets) = filled();
        draft.application_id = "garbage".into();
        secrets.application_secret = Secret::default();
        let ok = validate(AuthMethod::Basic, &draft, &secrets).unwrap();
        assert_eq!(ok.application, None);
    }

    #[test]
    fn one_bad_field_is_named_alone() {
        let (mut draft, secrets) = filled();
        draft.application_id = "not-a-guid".into();
        let errors = validate(AuthMethod::Modern, &draft, &secrets).unwrap_err();
        assert_eq!(errors.iter().count(), 1);
        assert!(
            errors
                .get(Field::ApplicationId)
                .unwrap()
                .contains("\u{201c}n\u{201d}")
        );
    }

    #[test]
    fn set_keeps_page_order() {
        let mut errors = FieldErrors::default();
        errors.set(Field::AppPassword, Some("p".into()));
        errors.set(Field::ApplicationId, Some("a".into()));
        errors.set(Field::Username, Some("u".into()));
        let order: Vec<Field> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(
            order,
            [Field::ApplicationId, Field::Username, Field::AppPassword]
        );
        errors.set(Field::Username, None);
        assert_eq!(errors.get(Field::Username), None);
        assert_eq!(errors.iter().count(), 2);
    }

    #[test]
    fn whitespace_secret_is_not_a_secret() {
        let (draft, mut secrets) = filled();
        secrets.application_secret = "   ".into();
        let errors = validate(AuthMethod::Modern, &draft, &secrets).unwrap_err();
        assert!(errors.get(Field::ApplicationSecret).is_some());
    }

    #[test]
    fn warns_when_the_secret_is_its_id() {
        let (mut draft, mut secrets) = filled();
        assert_eq!(secret_warning(AuthMethod::Modern, &draft, &secrets), None);
        secrets.application_secret = "7d3c1b2a-0000-4000-8000-1234567890ab".into();
        assert!(secret_warning(AuthMethod::Modern, &draft, &secrets).is_some());
        assert_eq!(secret_warning(AuthMethod::Basic, &draft, &secrets), None);
        draft.app_credential = AppCredentialKind::Certificate;
        assert_eq!(secret_warning(AuthMethod::Modern, &draft, &secrets), None);
    }

    #[test]
    fn the_certificate_replaces_the_secret() {
        let (mut draft, mut secrets) = filled();
        draft.app_credential = AppCredentialKind::Certificate;
        let errors = validate(AuthMethod::Modern, &draft, &secrets).unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(fields, [Field::ApplicationCertificate]);
        secrets.certificate =
            CertificateState::Rejected("The password does not open this file.".into());
        let errors = validate(AuthMethod::Modern, &draft, &secrets).unwrap_err();
        assert_eq!(
            errors.get(Field::ApplicationCertificate),
            Some("The password does not open this file.")
        );
        let upload = CertificateUpload {
            pfx_base64: "MIIK".into(),
            password: "pfx-pass".into(),
            thumbprint: "AB".into(),
            subject: "CN=app".into(),
            not_after: "2028-01-01".into(),
        };
        secrets.certificate = CertificateState::Ready(upload.clone());
        secrets.application_secret = Secret::default();
        let ok = validate(AuthMethod::Modern, &draft, &secrets).unwrap();
        assert_eq!(
            ok.application.unwrap().credential,
            ApplicationCredential::Certificate(upload)
        );
    }

    #[test]
    fn errors_never_contain_secrets() {
        let (mut draft, secrets) = filled();
        draft.username = "bad".into();
        let errors = validate(AuthMethod::Modern, &draft, &secrets).unwrap_err();
        let text = format!("{errors:?}");
        assert!(
            !text.contains("kX8Q") && !text.contains("app-pass"),
            "{text}"
        );
        assert!(!format!("{secrets:?}").contains("app-pass"));
    }
}
