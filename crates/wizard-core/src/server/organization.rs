//! An organization as the backup server answers it (`RestOrganizationComposed`
//! in `GET /Organizations` and `GET /Organizations/{id}`), the members the
//! edit reads: what it is, how it connects, and which certificate the server
//! holds (its thumbprint only: no secret and no expiry ever come back).
//! Members the API adds from version to version are ignored.

use crate::answers::AuthMethod;
use crate::server::{ApiError, ApiVersion};
use crate::server::{Region, Services};
use serde::Deserialize;

/// One organization on the server.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerOrganization {
    /// The server's id.
    pub id: String,
    /// The organization's name, e.g. `contoso.onmicrosoft.com`.
    pub name: String,
    /// `Office365`, `OnPremises` or `Hybrid`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// `Worldwide`, `China`…, as the API names it.
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    is_exchange_online: Option<bool>,
    #[serde(default)]
    is_share_point_online: Option<bool>,
    #[serde(default)]
    is_teams_online: Option<bool>,
    #[serde(default)]
    is_teams_chats_online: Option<bool>,
    /// Exchange Online's connection, when the organization has it.
    #[serde(default)]
    pub exchange_online_settings: Option<ServerSettings>,
    /// SharePoint Online's connection, when the organization has it.
    #[serde(default)]
    pub share_point_online_settings: Option<ServerSettings>,
}

/// `RESTOffice365ConnectionSettings` in an answer: no secret comes back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerSettings {
    /// The account (`user@domain`).
    #[serde(default)]
    pub account: Option<String>,
    /// The tenant's name (app-only).
    #[serde(default)]
    pub office_organization_name: Option<String>,
    /// The Entra ID application.
    #[serde(default)]
    pub application_id: Option<String>,
    /// SHA-1 thumbprint of the certificate the server holds.
    #[serde(default)]
    pub application_certificate_thumbprint: Option<String>,
    /// Modern app-only authentication.
    #[serde(default)]
    pub use_application_only_auth: Option<bool>,
    /// Legacy protocols with an application (true) or basic (false).
    #[serde(default)]
    pub use_mfa: Option<bool>,
}

/// `GET /Organizations`: an array on v6 and v7, a page on v8.
#[derive(Deserialize)]
#[serde(untagged)]
enum OrganizationList {
    All(Vec<ServerOrganization>),
    Page { results: Vec<ServerOrganization> },
}

/// One `GET /Organizations` answer read: its organizations, and whether
/// another page may follow (a full v8 page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage {
    /// The organizations in it.
    pub organizations: Vec<ServerOrganization>,
    /// Ask again from `offset + limit`.
    pub more: bool,
}

/// How many organizations one v8 page asks for: a service provider's
/// thousands arrive in a few round trips.
pub const PAGE_LIMIT: usize = 500;

/// Reads a `GET /Organizations` answer asked with `limit` (v8 pages; the
/// array of v6 and v7 is the whole list).
pub fn read_list(status: u16, text: &str, limit: usize) -> Result<ListPage, ApiError> {
    match serde_json::from_str(text) {
        Ok(OrganizationList::All(organizations)) => Ok(ListPage {
            organizations,
            more: false,
        }),
        Ok(OrganizationList::Page { results }) => Ok(ListPage {
            more: results.len() >= limit,
            organizations: results,
        }),
        Err(_) => Err(ApiError::NotJson { status }),
    }
}

/// Reads a `GET /Organizations/{id}` answer.
pub fn read_one(status: u16, text: &str) -> Result<ServerOrganization, ApiError> {
    serde_json::from_str(text).map_err(|_| ApiError::NotJson { status })
}

impl ServerOrganization {
    /// Both connection blocks, Exchange's first.
    pub fn settings(&self) -> impl Iterator<Item = &ServerSettings> {
        [
            &self.exchange_online_settings,
            &self.share_point_online_settings,
        ]
        .into_iter()
        .flatten()
    }

    /// The services it is backed up for.
    pub fn services(&self) -> Services {
        let on = |flag: Option<bool>| flag == Some(true);
        Services {
            exchange: on(self.is_exchange_online),
            sharepoint: on(self.is_share_point_online),
            teams: on(self.is_teams_online),
            teams_chats: on(self.is_teams_chats_online),
        }
    }

    /// Its region (Worldwide when the server leaves it out).
    pub fn region(&self) -> Region {
        self.region
            .as_deref()
            .and_then(Region::from_wire)
            .unwrap_or_default()
    }

    /// How it signs in to Microsoft 365.
    pub fn method(&self) -> AuthMethod {
        if self
            .settings()
            .any(|s| s.use_application_only_auth == Some(true))
        {
            AuthMethod::AppOnly
        } else if self.settings().any(|s| s.use_mfa == Some(true)) {
            AuthMethod::Modern
        } else {
            AuthMethod::Basic
        }
    }

    /// The application it connects with, if any.
    pub fn application_id(&self) -> Option<&str> {
        self.settings().find_map(|s| s.application_id.as_deref())
    }

    /// The SHA-1 thumbprint of the certificate the server holds, upper
    /// case, if it holds one.
    pub fn thumbprint(&self) -> Option<String> {
        self.settings()
            .find_map(|s| s.application_certificate_thumbprint.as_deref())
            .filter(|t| !t.trim().is_empty())
            .map(|t| t.trim().to_ascii_uppercase())
    }

    /// The account of the first block that names one.
    pub fn account(&self) -> Option<&str> {
        self.settings().find_map(|s| s.account.as_deref())
    }

    /// Why this wizard cannot edit it, if it cannot: it edits Microsoft 365
    /// organizations; on-premises and hybrid ones belong to the console.
    pub fn not_editable(&self) -> Option<&'static str> {
        match self.kind.as_deref() {
            None | Some("Office365") => None,
            Some("OnPremises") => {
                Some("An on-premises organization: edit it in the backup server's console.")
            }
            Some(_) => Some("A hybrid organization: edit it in the backup server's console."),
        }
    }

    /// The services in words, as the organization list shows them.
    pub fn services_in_words(&self, version: Option<ApiVersion>) -> String {
        Self::services_of(self.services(), version)
    }

    /// `services` in words, named as a server of `version` names them.
    pub fn services_of(s: Services, version: Option<ApiVersion>) -> String {
        let chats = if version == Some(ApiVersion::V8) {
            "Teams posts"
        } else {
            "Teams chats"
        };
        let names: Vec<&str> = [
            (s.exchange, "Exchange Online"),
            (s.sharepoint, "SharePoint Online and OneDrive for Business"),
            (s.teams, "Microsoft Teams"),
            (s.teams_chats, chats),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        if names.is_empty() {
            "None".to_owned()
        } else {
            names.join(", ")
        }
    }

    /// Whether the organization list's filter `query` finds it: any of its
    /// name, Application ID, thumbprint or account holds the words, in any
    /// case.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return true;
        }
        let thumbprint = self.thumbprint().unwrap_or_default();
        let haystack = [
            self.name.as_str(),
            self.application_id().unwrap_or_default(),
            thumbprint.as_str(),
            self.account().unwrap_or_default(),
        ];
        query
            .split_whitespace()
            .all(|word| haystack.iter().any(|h| h.to_lowercase().contains(word)))
    }
}

/// An organization on the server, as the wizard reports it (to the page
/// and to the host) once it is added or edited.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "ServerOrganization")]
pub struct CreatedOrganization {
    /// The server's id of the organization.
    pub id: String,
    /// The organization's name, e.g. `contoso.onmicrosoft.com`.
    pub name: String,
    /// The Entra ID application it connects with, as the server reports
    /// it: for an application the server registered, the only place a
    /// person learns its ID.
    pub application_id: Option<String>,
    /// The SHA-1 thumbprint of the certificate the server holds, if any.
    pub certificate_thumbprint: Option<String>,
}

impl From<ServerOrganization> for CreatedOrganization {
    fn from(answer: ServerOrganization) -> Self {
        CreatedOrganization {
            application_id: answer.application_id().map(str::to_owned),
            certificate_thumbprint: answer.thumbprint(),
            id: answer.id,
            name: answer.name,
        }
    }
}

/// The organization `request` would create, if `GET /Organizations`
/// (`list`: a v6/v7 array or a v8 page) shows it already exists: same account
/// for the first chosen service.
pub fn find_created(
    list: &str,
    request: &crate::server::OrganizationRequest,
) -> Option<CreatedOrganization> {
    let items = read_list(200, list, usize::MAX).ok()?.organizations;
    let sent = request
        .exchange_online_settings
        .as_ref()
        .or(request.share_point_online_settings.as_ref())?;
    let same = |a: &Option<String>, wanted: &str| {
        a.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(wanted))
    };
    // An application-only add is known by its organization name (the
    // server names the organization after it); any other by its account.
    let found = match (&sent.office_organization_name, &sent.account) {
        (Some(name), _) => items.into_iter().find(|org| {
            org.name.eq_ignore_ascii_case(name)
                || org
                    .settings()
                    .any(|s| same(&s.office_organization_name, name))
        }),
        (None, Some(account)) => items
            .into_iter()
            .find(|org| org.settings().any(|s| same(&s.account, account))),
        (None, None) => None,
    };
    found.map(CreatedOrganization::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::parse_success;

    const V8_PAGE: &str = r#"{"offset":0,"limit":2,"results":[
        {"id":"a1","name":"northwind.onmicrosoft.com","type":"Office365","region":"Worldwide",
         "isExchangeOnline":true,"isSharePointOnline":true,"isTeamsOnline":true,"isTeamsChatsOnline":false,
         "exchangeOnlineSettings":{"account":"backup@northwind.onmicrosoft.com","officeOrganizationName":"northwind.onmicrosoft.com",
           "useApplicationOnlyAuth":true,"applicationId":"6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84",
           "applicationCertificateThumbprint":"ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12"},
         "sharePointOnlineSettings":null,"_links":{"self":{"href":"/v8/Organizations/a1"}},"msid":"x"},
        {"id":"b2","name":"fabrikam.onmicrosoft.com","type":"Office365","region":"USGovernment",
         "isExchangeOnline":true,"isSharePointOnline":false,
         "exchangeOnlineSettings":{"account":"admin@fabrikam.onmicrosoft.com","useMfa":true,"useApplicationOnlyAuth":false,
           "applicationId":"2c9d7e51-0b4a-4f3e-8d61-7a5b3c2e9f10","grantAdminAccess":false}}
    ],"_links":{}}"#;

    #[test]
    fn reads_a_v8_page_and_a_v7_array() {
        let page = read_list(200, V8_PAGE, 2).unwrap();
        assert!(page.more, "a full page may have a next");
        assert_eq!(page.organizations.len(), 2);
        let northwind = &page.organizations[0];
        assert_eq!(northwind.method(), AuthMethod::AppOnly);
        assert_eq!(northwind.region(), Region::Worldwide);
        assert_eq!(northwind.services(), Services::WITH_TEAMS);
        assert_eq!(
            northwind.thumbprint().as_deref(),
            Some("AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12")
        );
        assert_eq!(
            northwind.application_id(),
            Some("6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84")
        );
        let fabrikam = &page.organizations[1];
        assert_eq!(fabrikam.method(), AuthMethod::Modern);
        assert_eq!(fabrikam.region(), Region::UsGovernment);
        assert_eq!(fabrikam.thumbprint(), None);
        assert_eq!(fabrikam.services_in_words(None), "Exchange Online");

        let v7 = r#"[{"id":"c3","name":"contoso.onmicrosoft.com","isExchangeOnline":true,
            "exchangeOnlineSettings":{"account":"a@contoso.onmicrosoft.com","useMfa":false}}]"#;
        let page = read_list(200, v7, PAGE_LIMIT).unwrap();
        assert!(!page.more);
        assert_eq!(page.organizations[0].method(), AuthMethod::Basic);
        assert_eq!(
            read_list(200, "<html>", 10),
            Err(ApiError::NotJson { status: 200 })
        );
        assert_eq!(
            read_list(200, "{\"results\":3}", 10),
            Err(ApiError::NotJson { status: 200 })
        );
    }

    #[test]
    fn reads_one_and_says_what_it_cannot_edit() {
        let one = read_one(
            200,
            r#"{"id":"d4","name":"onprem.local","type":"OnPremises","isExchangeOnline":true}"#,
        )
        .unwrap();
        assert!(one.not_editable().unwrap().contains("on-premises"));
        let hybrid = read_one(200, r#"{"id":"e5","name":"h","type":"Hybrid"}"#).unwrap();
        assert!(hybrid.not_editable().unwrap().contains("hybrid"));
        let cloud = read_one(200, r#"{"id":"f6","name":"c","type":"Office365"}"#).unwrap();
        assert_eq!(cloud.not_editable(), None);
        assert_eq!(cloud.services_in_words(None), "None");
        assert!(read_one(200, r#"{"name":"no id"}"#).is_err());
    }

    #[test]
    fn the_filter_finds_by_name_application_thumbprint_or_account() {
        let page = read_list(200, V8_PAGE, 2).unwrap();
        let northwind = &page.organizations[0];
        for query in [
            "",
            "  ",
            "NORTH",
            "6a1f4c2e",
            "ab12cd",
            "backup@",
            "north onmicrosoft",
        ] {
            assert!(northwind.matches(query), "{query:?}");
        }
        for query in ["fabrikam", "north fabrikam", "zzz"] {
            assert!(!northwind.matches(query), "{query:?}");
        }
    }

    #[test]
    fn the_created_organization_names_its_application() {
        let read = |text: &str| parse_success::<CreatedOrganization>(201, text);
        let created = read(
            r#"{"id":"7","name":"contoso.com","sharePointOnlineSettings":{"applicationId":"11111111-2222-4333-8444-555555555555"}}"#,
        );
        assert_eq!(
            created.map(|o| o.application_id),
            Ok(Some("11111111-2222-4333-8444-555555555555".to_owned()))
        );
        let basic = read(
            r#"{"id":"8","name":"contoso.cn","exchangeOnlineSettings":{"account":"a@contoso.cn"}}"#,
        );
        assert_eq!(basic.map(|o| o.application_id), Ok(None));
    }

    #[test]
    fn finds_the_organization_a_lost_answer_created() {
        use crate::server::{ConnectionSettings, OrganizationRequest, Region, Services};
        let settings = ConnectionSettings {
            account: Some("Admin@Contoso.onmicrosoft.com".into()),
            password: Some("p".into()),
            grant_admin_access: Some(true),
            use_mfa: Some(false),
            use_application_only_auth: false,
            office_organization_name: None,
            application_id: None,
            application_secret: None,
            application_certificate: None,
            application_certificate_password: None,
        };
        let request = OrganizationRequest::new(
            Services::default(),
            Region::Worldwide,
            settings.clone(),
            settings,
        );
        let array = r#"[{"id":"1","name":"other.com","exchangeOnlineSettings":{"account":"x@other.com"}},
                        {"id":"2","name":"contoso.onmicrosoft.com","exchangeOnlineSettings":{"account":"admin@contoso.onmicrosoft.com"}}]"#;
        assert_eq!(
            find_created(array, &request).map(|o| o.id),
            Some("2".into())
        );
        let page = r#"{"offset":0,"limit":30,"results":[{"id":"3","name":"c","sharePointOnlineSettings":{"account":"ADMIN@contoso.onmicrosoft.com"}}]}"#;
        assert_eq!(find_created(page, &request).map(|o| o.id), Some("3".into()));

        // An application-only add is found by its organization name.
        let connection = crate::server::AppOnlyConnection {
            application_id: Some("0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90".into()),
            certificate: crate::answers::CertificateUpload {
                pfx_base64: "MIIK".into(),
                password: "pw".into(),
                thumbprint: "A1".into(),
                subject: "CN=app".into(),
                not_after: "2028-01-01".into(),
            },
            account: None,
            organization_name: Some("AppOnly.onmicrosoft.com".into()),
            new_application_name: None,
            configure_application: false,
        };
        let services = Services {
            exchange: false,
            ..Services::default()
        };
        let app_only = OrganizationRequest::app_only(services, Region::Worldwide, &connection);
        let listed = r#"[{"id":"4","name":"apponly.onmicrosoft.com","sharePointOnlineSettings":{"officeOrganizationName":"apponly.onmicrosoft.com"}},
                         {"id":"5","name":"contoso.onmicrosoft.com","exchangeOnlineSettings":{"account":"admin@contoso.onmicrosoft.com"}}]"#;
        assert_eq!(
            find_created(listed, &app_only).map(|o| o.id),
            Some("4".into())
        );
        // The server's echo may drop the name from the blocks: its name is enough.
        let named = r#"[{"id":"6","name":"APPONLY.onmicrosoft.com"}]"#;
        assert_eq!(
            find_created(named, &app_only).map(|o| o.id),
            Some("6".into())
        );
        assert_eq!(find_created(array, &app_only), None);
        assert_eq!(find_created("[]", &request), None);
        assert_eq!(find_created("not json", &request), None);
    }
}
