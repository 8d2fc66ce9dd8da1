//! The body of `POST /v{6,7,8}/Organizations`, built from validated answers.
//!
//! Field names follow `RestOrganizationComposed` and
//! `RESTOffice365ConnectionSettings` in the vendor's OpenAPI documents; the
//! shape is the same in v6, v7 and v8 for every field the wizard sends.

use crate::answers::Secret;
use crate::answers::{AppCredentials, ApplicationCredential};
use serde::{Deserialize, Serialize};

/// The Microsoft 365 region (`RestOrganizationRegion`), named on the wire
/// (the API, saved drafts, hosts' options) as the API names it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Region {
    /// The global cloud.
    #[default]
    Worldwide,
    /// Microsoft Cloud Deutschland.
    Germany,
    /// Microsoft 365 operated by 21Vianet.
    China,
    /// US Government GCC High.
    #[serde(rename = "USGovernment")]
    UsGovernment,
    /// US Government DoD.
    #[serde(rename = "USDefence")]
    UsDefence,
}

impl Region {
    /// Every region, in the order the wizard lists them.
    pub const ALL: [Region; 5] = [
        Region::Worldwide,
        Region::Germany,
        Region::China,
        Region::UsGovernment,
        Region::UsDefence,
    ];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Region::Worldwide => "Worldwide",
            Region::Germany => "Germany",
            Region::China => "China",
            Region::UsGovernment => "US Government (GCC High)",
            Region::UsDefence => "US DoD",
        }
    }

    /// The region the API's name stands for (`"USGovernment"`), as hosts
    /// give it; read by the same derive as the body and the draft.
    pub fn from_wire(name: &str) -> Option<Region> {
        use serde::de::value::{Error, StrDeserializer};
        Region::deserialize(StrDeserializer::<Error>::new(name)).ok()
    }
}

/// Which Microsoft 365 services the organization is added for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Services {
    /// Exchange Online.
    pub exchange: bool,
    /// SharePoint Online and OneDrive for Business.
    pub sharepoint: bool,
    /// Microsoft Teams (needs both of the above).
    pub teams: bool,
    /// Teams chats (needs Teams; stays off in the legacy-protocols flow).
    pub teams_chats: bool,
}

#[cfg(test)]
impl Services {
    /// Exchange, SharePoint and Teams: the fullest choice the tests use.
    pub(crate) const WITH_TEAMS: Services = Services {
        exchange: true,
        sharepoint: true,
        teams: true,
        teams_chats: false,
    };
}

impl Default for Services {
    fn default() -> Self {
        Self {
            exchange: true,
            sharepoint: true,
            teams: false,
            teams_chats: false,
        }
    }
}

/// How one service connects (`RESTOffice365ConnectionSettings`). The
/// legacy and basic flows fill the account, password, grant and `useMfa`;
/// application-only authentication fills the application, its certificate
/// and the account or the organization's name, and none of the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionSettings {
    /// The Microsoft 365 account, `user@domain` (for application-only, the
    /// Exchange impersonation account).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The account's (app) password.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose")]
    pub password: Option<Secret>,
    /// Let the server assign the account the roles it needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant_admin_access: Option<bool>,
    /// True in the legacy-protocols flow, false for basic authentication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_mfa: Option<bool>,
    /// Modern application-only authentication.
    #[serde(skip_serializing_if = "is_false")]
    pub use_application_only_auth: bool,
    /// The tenant's domain (application-only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office_organization_name: Option<String>,
    /// The Microsoft Entra ID application, normalised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    /// The application secret's value.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose")]
    pub application_secret: Option<Secret>,
    /// Base64 of the whole .pfx file (it holds the private key).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose")]
    pub application_certificate: Option<Secret>,
    /// The .pfx file's password.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose")]
    pub application_certificate_password: Option<Secret>,
}

/// The one place a secret is written into a document: the request body.
/// [`Secret`] itself has no `Serialize`, so no other document (the draft,
/// the worker protocol) can carry one by mistake.
fn expose<S: serde::Serializer>(secret: &Option<Secret>, to: S) -> Result<S::Ok, S::Error> {
    match secret {
        Some(secret) => to.serialize_str(secret.expose()),
        None => to.serialize_none(),
    }
}

fn is_false(value: &bool) -> bool {
    !value
}

impl ConnectionSettings {
    /// Settings from a credentials step: with an application for modern
    /// authentication (`useMfa: true`), the account alone for basic.
    pub fn from_credentials(credentials: &AppCredentials) -> Self {
        let application = credentials.application.as_ref();
        let (secret, certificate) = match application.map(|a| &a.credential) {
            Some(ApplicationCredential::Secret(secret)) => (Some(secret.clone()), None),
            Some(ApplicationCredential::Certificate(upload)) => (None, Some(upload)),
            None => (None, None),
        };
        Self {
            account: Some(credentials.username.clone()),
            password: Some(credentials.app_password.clone()),
            grant_admin_access: Some(credentials.grant_roles),
            use_mfa: Some(application.is_some()),
            use_application_only_auth: false,
            office_organization_name: None,
            application_id: application.map(|a| a.id.clone()),
            application_secret: secret,
            application_certificate: certificate.map(|c| c.pfx_base64.clone()),
            application_certificate_password: certificate.map(|c| c.password.clone()),
        }
    }

    /// Application-only settings for one service, with `account` and/or
    /// `organization_name` as that service's block carries them.
    fn app_only(
        connection: &AppOnlyConnection,
        account: Option<String>,
        organization_name: Option<String>,
    ) -> Self {
        Self {
            account,
            password: None,
            grant_admin_access: None,
            use_mfa: None,
            use_application_only_auth: true,
            office_organization_name: organization_name,
            application_id: connection.application_id.clone(),
            application_secret: None,
            application_certificate: Some(connection.certificate.pfx_base64.clone()),
            application_certificate_password: Some(connection.certificate.password.clone()),
        }
    }
}

/// Modern application-only authentication: one Entra ID application with a
/// certificate for every chosen service (already validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppOnlyConnection {
    /// The existing application, normalised; `None` when the server
    /// registers a new one.
    pub application_id: Option<String>,
    /// The .pfx and its password.
    pub certificate: crate::answers::CertificateUpload,
    /// The Exchange impersonation account (when Exchange Online is chosen).
    pub account: Option<String>,
    /// The tenant's domain (required when only SharePoint is chosen).
    pub organization_name: Option<String>,
    /// The name of the application the server registers (`newApplicationName`).
    pub new_application_name: Option<String>,
    /// Let the server grant an existing application its permissions and
    /// register its certificate (`configureApplication`).
    pub configure_application: bool,
}

/// The whole `POST /Organizations` body (`RestOrganizationComposed`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationRequest {
    /// Always `Office365` for Microsoft 365.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The Microsoft 365 region.
    pub region: Region,
    /// Exchange Online chosen.
    pub is_exchange_online: bool,
    /// SharePoint Online and OneDrive for Business chosen.
    pub is_share_point_online: bool,
    /// Microsoft Teams chosen.
    pub is_teams_online: bool,
    /// Teams chats chosen.
    pub is_teams_chats_online: bool,
    /// Present exactly when Exchange Online is chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_online_settings: Option<ConnectionSettings>,
    /// Present exactly when SharePoint Online is chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_point_online_settings: Option<ConnectionSettings>,
    /// The device code a Global Administrator signed in with (`userCode`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_code: Option<String>,
    /// Register a new application with this name (`newApplicationName`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_application_name: Option<String>,
    /// Grant an existing application its permissions (`configureApplication`).
    #[serde(skip_serializing_if = "is_false")]
    pub configure_application: bool,
}

impl OrganizationRequest {
    /// Builds the body. A settings block is sent only for a chosen service, and
    /// "use the same credentials" is expressed by passing the same settings for
    /// both: the API has no field for it.
    pub fn new(
        services: Services,
        region: Region,
        exchange: ConnectionSettings,
        sharepoint: ConnectionSettings,
    ) -> Self {
        Self {
            kind: "Office365",
            region,
            is_exchange_online: services.exchange,
            is_share_point_online: services.sharepoint,
            is_teams_online: services.teams,
            is_teams_chats_online: services.teams_chats,
            exchange_online_settings: services.exchange.then_some(exchange),
            share_point_online_settings: services.sharepoint.then_some(sharepoint),
            user_code: None,
            new_application_name: None,
            configure_application: false,
        }
    }

    /// The application-only body: the Exchange block carries the
    /// impersonation account, the SharePoint block the organization's name
    /// (or, without one, the account); both carry the name when given.
    pub fn app_only(services: Services, region: Region, connection: &AppOnlyConnection) -> Self {
        let name = connection.organization_name.clone();
        let exchange =
            ConnectionSettings::app_only(connection, connection.account.clone(), name.clone());
        let sharepoint_account = if name.is_some() {
            None
        } else {
            connection.account.clone()
        };
        let sharepoint = ConnectionSettings::app_only(connection, sharepoint_account, name);
        Self {
            new_application_name: connection.new_application_name.clone(),
            configure_application: connection.configure_application,
            ..Self::new(services, region, exchange, sharepoint)
        }
    }

    /// Whether the server needs a device-code sign-in (`userCode`) for it.
    pub fn needs_user_code(&self) -> bool {
        self.new_application_name.is_some() || self.configure_application
    }

    /// The JSON text sent to the server.
    pub fn to_json(&self) -> String {
        crate::server::to_text(self)
    }
}
