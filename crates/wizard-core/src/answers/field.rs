//! The wizard's fields, in page order, and the errors of one step keyed by
//! them: what the error summary and the inline messages show.

use crate::answers::{AppCredentialKind, AuthMethod};

/// A field of the wizard, in the order the pages show them. The error summary
/// and the inline errors are keyed by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The organization an edit changes (the Organization step's list).
    Organization,
    /// The services check boxes (as a group).
    Services,
    /// The region and authentication method (as a group).
    Method,
    /// Application ID.
    ApplicationId,
    /// Application secret.
    ApplicationSecret,
    /// Application certificate (the file and its password, as one field).
    ApplicationCertificate,
    /// Username.
    Username,
    /// App password (Password with basic authentication).
    AppPassword,
    /// Organization name (app-only: the tenant's domain).
    OrganizationName,
    /// The name of the application the server registers (app-only, new).
    ApplicationName,
    /// The device-code sign-in to Microsoft 365.
    DeviceCode,
}

impl Field {
    /// Every field, in page order (the error summary follows it).
    pub const ALL: [Field; 11] = [
        Field::Organization,
        Field::Services,
        Field::Method,
        Field::ApplicationName,
        Field::ApplicationId,
        Field::ApplicationSecret,
        Field::ApplicationCertificate,
        Field::Username,
        Field::AppPassword,
        Field::OrganizationName,
        Field::DeviceCode,
    ];

    /// The fields of a legacy or basic credentials step for `method` and
    /// the application's credential `kind`, in page order (app-only's depend
    /// on the services: [`crate::flow::app_only_fields`]).
    pub fn credentials(method: AuthMethod, kind: AppCredentialKind) -> &'static [Field] {
        match (method, kind) {
            (AuthMethod::AppOnly, _) => &[Field::ApplicationId, Field::ApplicationCertificate],
            (AuthMethod::Modern, AppCredentialKind::Secret) => &[
                Field::ApplicationId,
                Field::ApplicationSecret,
                Field::Username,
                Field::AppPassword,
            ],
            (AuthMethod::Modern, AppCredentialKind::Certificate) => &[
                Field::ApplicationId,
                Field::ApplicationCertificate,
                Field::Username,
                Field::AppPassword,
            ],
            (AuthMethod::Basic, _) => &[Field::Username, Field::AppPassword],
        }
    }

    /// The label, exactly as the vendor's page names the field.
    pub fn label(self, method: AuthMethod) -> &'static str {
        match (self, method) {
            (Field::Organization, _) => "Organization",
            (Field::Services, _) => "Services",
            (Field::Method, _) => "Authentication method",
            (Field::ApplicationId, _) => "Application ID",
            (Field::ApplicationSecret, _) => "Application secret",
            (Field::ApplicationCertificate, _) => "Certificate",
            (Field::Username, _) => "Username",
            (Field::AppPassword, AuthMethod::Basic) => "Password",
            (Field::AppPassword, _) => "App password",
            (Field::OrganizationName, _) => "Organization name",
            (Field::ApplicationName, _) => "Application name",
            (Field::DeviceCode, _) => "Log in to Microsoft 365",
        }
    }

    /// A stable name for element ids; the error summary links to it.
    pub fn key(self) -> &'static str {
        match self {
            Field::Organization => "organization",
            Field::Services => "services",
            Field::Method => "method",
            Field::ApplicationId => "application-id",
            Field::ApplicationSecret => "application-secret",
            Field::ApplicationCertificate => "application-certificate",
            Field::Username => "username",
            Field::AppPassword => "app-password",
            Field::OrganizationName => "organization-name",
            Field::ApplicationName => "application-name",
            Field::DeviceCode => "device-code",
        }
    }
}

/// Field errors of one step, in page order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(Field, String)>);

impl FieldErrors {
    /// The message for one field, if it has an error.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// True when every field passed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors in page order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &str)> {
        self.0.iter().map(|(f, m)| (*f, m.as_str()))
    }

    /// Replaces one field's error (or clears it with `None`), keeping page order.
    pub fn set(&mut self, field: Field, message: Option<String>) {
        self.0.retain(|(f, _)| *f != field);
        if let Some(message) = message {
            // Inserted in place (a handful of entries): no sort in the wasm.
            let rank = |f: &Field| Field::ALL.iter().position(|x| x == f);
            let at = self
                .0
                .iter()
                .position(|(f, _)| rank(f) > rank(&field))
                .unwrap_or(self.0.len());
            self.0.insert(at, (field, message));
        }
    }

    /// `Ok(())` when empty, else the errors.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// A choice on a step (a radio group, a box) whose change makes some of
/// the step's messages stale: the choice's own, and those of the fields it
/// shows or hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Existing or new Entra ID application (the app-only step).
    Route,
    /// Secret or certificate (the legacy flow's application).
    AppCredential,
    /// The region or the method (the region and method step).
    RegionOrMethod,
    /// A service box.
    Service,
    /// The organization to edit.
    Organization,
}

impl Changed {
    /// The fields whose messages the choice makes stale.
    pub fn settles(self) -> &'static [Field] {
        match self {
            Changed::Route => &[Field::ApplicationId, Field::ApplicationName],
            Changed::AppCredential => &[Field::ApplicationSecret, Field::ApplicationCertificate],
            Changed::RegionOrMethod => &[Field::Method],
            Changed::Service => &[Field::Services],
            Changed::Organization => &[Field::Organization],
        }
    }
}

impl FieldErrors {
    /// Clears the messages a changed choice makes stale; the rest stay.
    pub fn settle(&mut self, choice: Changed) {
        for field in choice.settles() {
            self.set(*field, None);
        }
    }
}
