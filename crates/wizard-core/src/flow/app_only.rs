//! Modern app-only authentication: which methods a server and region offer,
//! and the one connection step of the app-only flow ("Configure connection
//! to Microsoft 365"): an Entra ID application, its certificate, and the
//! Exchange impersonation account and/or the organization's name.

use crate::answers::default_application_name;
use crate::answers::normalize_application_id;
use crate::answers::validate_organization_name;
use crate::answers::{
    AppRoute, AuthMethod, CertificateState, CredentialsDraft, CredentialsSecrets, Field,
    FieldErrors, check_field,
};
use crate::answers::{domain_of, validate_username};
use crate::server::ApiVersion;
use crate::server::{AppOnlyConnection, Region, Services};

/// Why `method` cannot be chosen in `region` on a server of `version`
/// (`None` while the version is not known: then only the region decides,
/// and the server's own answer says the rest). Rules from the vendor's
/// documentation for each version.
pub fn method_refused(
    method: AuthMethod,
    region: Region,
    version: Option<ApiVersion>,
) -> Option<&'static str> {
    let v8 = version == Some(ApiVersion::V8);
    match method {
        AuthMethod::AppOnly if region == Region::Germany => {
            Some("Modern app-only authentication is not supported for Germany.")
        }
        AuthMethod::Modern if region == Region::China => Some("Not available for China."),
        // Germany is the documented exception: v8 still adds it, through
        // REST only, and not with app-only.
        AuthMethod::Modern if v8 && region != Region::Germany => Some(
            "Version 8 of the backup server no longer adds organizations with legacy protocols. Use modern app-only authentication.",
        ),
        AuthMethod::Basic if v8 && region != Region::China => Some(
            "Version 8 of the backup server accepts basic authentication only for China. Use modern app-only authentication.",
        ),
        _ => None,
    }
}

/// The first method (in the page's order) that `region` and `version`
/// offer: where a refused choice falls back to.
pub fn first_available(region: Region, version: Option<ApiVersion>) -> AuthMethod {
    AuthMethod::ALL
        .into_iter()
        .find(|m| method_refused(*m, region, version).is_none())
        .unwrap_or_default()
}

/// Whether the organization name is required: when Exchange Online is not
/// chosen there is no account to name the organization by.
pub fn organization_name_required(services: Services) -> bool {
    !services.exchange
}

/// The name a new application gets from `draft`: the one typed, or the
/// default named after the organization (its name, else the account's
/// domain).
pub fn application_name_of(draft: &CredentialsDraft) -> String {
    let typed = draft.application_name.trim();
    if typed.is_empty() {
        default_application_name_of(draft)
    } else {
        typed.to_owned()
    }
}

/// The default name for `draft`'s organization: after its name, else the
/// account's domain (what an empty "Application name" stands for).
pub fn default_application_name_of(draft: &CredentialsDraft) -> String {
    default_application_name(organization_of(draft).as_deref())
}

/// The organization `draft` names: its organization name when valid, else
/// the account's domain; `None` before either is typed.
pub fn organization_of(draft: &CredentialsDraft) -> Option<String> {
    validate_organization_name(&draft.organization_name)
        .ok()
        .or_else(|| domain_of(&draft.username))
}

/// The fields of the app-only connection step for `services` and `route`,
/// in page order.
pub fn app_only_fields(services: Services, route: AppRoute) -> Vec<Field> {
    let mut fields = match route {
        AppRoute::New => vec![Field::ApplicationName, Field::ApplicationCertificate],
        AppRoute::Existing => vec![Field::ApplicationId, Field::ApplicationCertificate],
    };
    if services.exchange {
        fields.push(Field::Username);
    }
    fields.push(Field::OrganizationName);
    fields
}

/// The error of one app-only field, if its value breaks a rule. The
/// organization name may be left empty when Exchange Online is chosen.
pub fn check_app_only_field(
    field: Field,
    services: Services,
    draft: &CredentialsDraft,
    secrets: &CredentialsSecrets,
) -> Option<String> {
    if field == Field::OrganizationName
        && !organization_name_required(services)
        && draft.organization_name.trim().is_empty()
    {
        return None;
    }
    check_field(field, AuthMethod::AppOnly, draft, secrets)
}

/// Checks the app-only step for `route` (the one in effect, see
/// [`crate::flow::Wizard::route`]); every error is reported at once.
pub fn validate_app_only(
    services: Services,
    route: AppRoute,
    draft: &CredentialsDraft,
    secrets: &CredentialsSecrets,
) -> Result<AppOnlyConnection, FieldErrors> {
    let mut errors = FieldErrors::default();
    for field in app_only_fields(services, route) {
        errors.set(field, check_app_only_field(field, services, draft, secrets));
    }
    errors.clone().into_result()?;
    // The checks above passed, so each conversion below succeeds; should one
    // not, its field gets its message rather than the step none.
    let fail = |field: Field, message: String| {
        let mut errors = FieldErrors::default();
        errors.set(field, Some(message));
        errors
    };
    let application_id = match route {
        AppRoute::New => None,
        AppRoute::Existing => Some(
            normalize_application_id(&draft.application_id)
                .map_err(|e| fail(Field::ApplicationId, e.to_string()))?,
        ),
    };
    let CertificateState::Ready(certificate) = &secrets.certificate else {
        return Err(fail(
            Field::ApplicationCertificate,
            "Choose the application's certificate again.".to_owned(),
        ));
    };
    let account = if services.exchange {
        Some(validate_username(&draft.username).map_err(|e| fail(Field::Username, e.to_string()))?)
    } else {
        None
    };
    let organization_name = if draft.organization_name.trim().is_empty() {
        None
    } else {
        Some(
            validate_organization_name(&draft.organization_name)
                .map_err(|e| fail(Field::OrganizationName, e.to_string()))?,
        )
    };
    let new_application_name = (route == AppRoute::New).then(|| application_name_of(draft));
    Ok(AppOnlyConnection {
        application_id,
        certificate: certificate.clone(),
        account,
        organization_name,
        new_application_name,
        configure_application: route == AppRoute::Existing && draft.configure_application,
    })
}

/// Sets the impersonation account, and keeps the organization name in step
/// with its domain while the name is empty or still the previous account's
/// domain (a name the person typed is never overwritten).
pub fn set_app_only_username(draft: &mut CredentialsDraft, username: String) {
    let name = draft.organization_name.trim().to_ascii_lowercase();
    let prefilled = name.is_empty() || domain_of(&draft.username) == Some(name.clone());
    if prefilled {
        draft.organization_name = domain_of(&username).unwrap_or_default();
    }
    draft.username = username;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::CertificateUpload;

    const VERSIONS: [Option<ApiVersion>; 4] = [
        None,
        Some(ApiVersion::V6),
        Some(ApiVersion::V7),
        Some(ApiVersion::V8),
    ];

    /// Which methods each version and region offer, as the table of the
    /// vendor's documentation (DESIGN.md §2) says.
    #[test]
    fn methods_by_version_and_region() {
        let offered = |region, version| -> Vec<AuthMethod> {
            AuthMethod::ALL
                .into_iter()
                .filter(|m| method_refused(*m, region, version).is_none())
                .collect()
        };
        use AuthMethod::{AppOnly, Basic, Modern};
        for version in VERSIONS {
            let v8 = version == Some(ApiVersion::V8);
            for region in Region::ALL {
                let expected: Vec<AuthMethod> = match (region, v8) {
                    (Region::China, _) => vec![AppOnly, Basic],
                    (Region::Germany, false) => vec![Modern, Basic],
                    (Region::Germany, true) => vec![Modern],
                    (_, true) => vec![AppOnly],
                    (_, false) => vec![AppOnly, Modern, Basic],
                };
                assert_eq!(offered(region, version), expected, "{region:?} {version:?}");
                assert_eq!(first_available(region, version), expected[0]);
            }
        }
    }

    #[test]
    fn refusals_say_what_to_use_instead() {
        let v8 = Some(ApiVersion::V8);
        let legacy = method_refused(AuthMethod::Modern, Region::Worldwide, v8).unwrap();
        assert!(
            legacy.contains("Version 8") && legacy.contains("app-only"),
            "{legacy}"
        );
        let basic = method_refused(AuthMethod::Basic, Region::UsDefence, v8).unwrap();
        assert!(basic.contains("only for China"), "{basic}");
    }

    fn ready() -> CredentialsSecrets {
        CredentialsSecrets {
            certificate: CertificateState::Ready(CertificateUpload {
                pfx_base64: "MIIK".into(),
                password: "pfx".into(),
                thumbprint: "AB".into(),
                subject: "CN=app".into(),
                not_after: "2028-01-01".into(),
            }),
            ..Default::default()
        }
    }

    fn only_sharepoint() -> Services {
        Services {
            exchange: false,
            ..Services::default()
        }
    }

    #[test]
    fn fields_follow_the_services() {
        assert_eq!(
            app_only_fields(Services::default(), AppRoute::Existing),
            [
                Field::ApplicationId,
                Field::ApplicationCertificate,
                Field::Username,
                Field::OrganizationName
            ]
        );
        assert_eq!(
            app_only_fields(only_sharepoint(), AppRoute::New),
            [
                Field::ApplicationName,
                Field::ApplicationCertificate,
                Field::OrganizationName
            ]
        );
    }

    #[test]
    fn every_field_has_its_own_message() {
        let draft = CredentialsDraft {
            application_id: "not-a-guid".into(),
            username: "admin".into(),
            organization_name: "https://contoso.com".into(),
            ..Default::default()
        };
        let errors = validate_app_only(
            Services::default(),
            AppRoute::Existing,
            &draft,
            &CredentialsSecrets::default(),
        )
        .unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            app_only_fields(Services::default(), AppRoute::Existing)
        );
        assert!(
            errors
                .get(Field::ApplicationCertificate)
                .unwrap()
                .contains("no secret")
        );
        assert!(
            errors
                .get(Field::OrganizationName)
                .unwrap()
                .contains("https://")
        );
        let mut secrets = ready();
        secrets.certificate =
            CertificateState::Rejected("The certificate expired on 2020-01-01.".into());
        let errors = validate_app_only(Services::default(), AppRoute::Existing, &draft, &secrets)
            .unwrap_err();
        assert_eq!(
            errors.get(Field::ApplicationCertificate),
            Some("The certificate expired on 2020-01-01.")
        );
    }

    #[test]
    fn the_organization_name_is_required_without_exchange() {
        let mut draft = CredentialsDraft {
            application_id: "{0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90}".into(),
            username: "backup@contoso.com".into(),
            ..Default::default()
        };
        let existing = AppRoute::Existing;
        let with_exchange =
            validate_app_only(Services::default(), existing, &draft, &ready()).unwrap();
        assert_eq!(with_exchange.account.as_deref(), Some("backup@contoso.com"));
        assert_eq!(with_exchange.organization_name, None);
        assert_eq!(
            with_exchange.application_id.as_deref(),
            Some("0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90")
        );
        let errors = validate_app_only(only_sharepoint(), existing, &draft, &ready()).unwrap_err();
        assert_eq!(
            errors.iter().map(|(f, _)| f).collect::<Vec<_>>(),
            [Field::OrganizationName]
        );
        draft.organization_name = " Contoso.onmicrosoft.com. ".into();
        let sharepoint = validate_app_only(only_sharepoint(), existing, &draft, &ready()).unwrap();
        assert_eq!(sharepoint.account, None);
        assert_eq!(
            sharepoint.organization_name.as_deref(),
            Some("contoso.onmicrosoft.com")
        );
    }

    #[test]
    fn the_name_follows_the_account_until_typed() {
        let mut draft = CredentialsDraft::default();
        set_app_only_username(&mut draft, "backup@contoso.com".into());
        assert_eq!(draft.organization_name, "contoso.com");
        set_app_only_username(&mut draft, "backup@fabrikam.onmicrosoft.com".into());
        assert_eq!(draft.organization_name, "fabrikam.onmicrosoft.com");
        set_app_only_username(&mut draft, "backup".into());
        assert_eq!(draft.organization_name, "");
        draft.organization_name = "contoso.onmicrosoft.com".into();
        set_app_only_username(&mut draft, "backup@contoso.com".into());
        assert_eq!(draft.organization_name, "contoso.onmicrosoft.com");
        assert_eq!(draft.username, "backup@contoso.com");
    }

    #[test]
    fn a_new_application_is_named_for_the_organization_unless_typed() {
        let mut draft = CredentialsDraft {
            application_id: "not even looked at".into(),
            ..Default::default()
        };
        set_app_only_username(&mut draft, "backup@contoso.com".into());
        let new = validate_app_only(Services::default(), AppRoute::New, &draft, &ready()).unwrap();
        assert_eq!(new.application_id, None);
        assert_eq!(
            new.new_application_name.as_deref(),
            Some("Veeam Backup for Microsoft 365 - contoso.com")
        );
        assert!(!new.configure_application);
        draft.application_name = "  Backup (Contoso)  ".into();
        draft.configure_application = true; // an existing application's box
        let named =
            validate_app_only(Services::default(), AppRoute::New, &draft, &ready()).unwrap();
        assert_eq!(
            named.new_application_name.as_deref(),
            Some("Backup (Contoso)")
        );
        assert!(!named.configure_application);
        draft.application_name = "x".repeat(121);
        let errors =
            validate_app_only(Services::default(), AppRoute::New, &draft, &ready()).unwrap_err();
        assert!(errors.get(Field::ApplicationName).unwrap().contains("120"));
        assert_eq!(
            default_application_name(None),
            "Veeam Backup for Microsoft 365"
        );
    }
}
