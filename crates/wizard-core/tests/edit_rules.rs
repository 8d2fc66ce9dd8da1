//! Editing an organization: the prefill from the server's answer (v6, v7,
//! v8 shapes), what an edit may change, the review's rows, and the PUT body
//! against hand-written fixtures (checked against the three OpenAPI
//! documents with the add's, in body_fixtures.rs).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use serde_json::Value;
use wizard_core::answers::{
    AppRoute, AuthMethod, CertificateState, CertificateUpload, CredentialsSecrets, Field,
};
use wizard_core::flow::{Answer, Service, Step, Target, Wizard, WizardSecrets};
use wizard_core::server::{ApiVersion, Region};
use wizard_core::server::{ServerOrganization, read_one};

/// As v8 answers `GET /Organizations/{id}` for an app-only organization.
const APP_ONLY_V8: &str = r#"{"id":"5e0c0c67-8a51-4d0e-9c37-0d2b7e1f4a11","name":"northwind.onmicrosoft.com",
  "type":"Office365","region":"Worldwide","isExchangeOnline":true,"isSharePointOnline":true,
  "isTeamsOnline":true,"isTeamsChatsOnline":false,"isBackedup":true,"msid":"x","description":null,
  "exchangeOnlineSettings":{"account":"backup@northwind.onmicrosoft.com","officeOrganizationName":"northwind.onmicrosoft.com",
    "useApplicationOnlyAuth":true,"applicationId":"6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84",
    "applicationCertificateThumbprint":"0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C"},
  "sharePointOnlineSettings":{"account":"backup@northwind.onmicrosoft.com","officeOrganizationName":"northwind.onmicrosoft.com",
    "useApplicationOnlyAuth":true,"applicationId":"6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84",
    "applicationCertificateThumbprint":"0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C"},
  "_links":{"self":{"href":"/v8/Organizations/5e0c0c67-8a51-4d0e-9c37-0d2b7e1f4a11"}}}"#;

/// As v7 answers it for a legacy organization (modern authentication with
/// legacy protocols), SharePoint with its own account.
const LEGACY_V7: &str = r#"{"id":"7b3e","name":"fabrikam.onmicrosoft.com","type":"Office365","region":"Worldwide",
  "isExchangeOnline":true,"isSharePointOnline":true,"isTeamsOnline":false,
  "exchangeOnlineSettings":{"account":"admin@fabrikam.onmicrosoft.com","grantAdminAccess":false,"useMfa":true,
    "useApplicationOnlyAuth":false,"applicationId":"2c9d7e51-0b4a-4f3e-8d61-7a5b3c2e9f10"},
  "sharePointOnlineSettings":{"account":"sp@fabrikam.onmicrosoft.com","grantAdminAccess":true,"useMfa":true,
    "applicationId":"2c9d7e51-0b4a-4f3e-8d61-7a5b3c2e9f10"}}"#;

/// As v6 answers it for a basic-authentication organization.
const BASIC_V6: &str = r#"{"id":"9a9a","name":"china.partner.onmschina.cn","region":"China","isExchangeOnline":true,
  "exchangeOnlineSettings":{"account":"admin@china.partner.onmschina.cn","useMfa":false}}"#;

fn org(text: &str) -> ServerOrganization {
    read_one(200, text).unwrap()
}

fn chosen(text: &str, version: ApiVersion) -> Wizard {
    let mut w = Wizard::for_edit(true);
    w.set_server_version(version);
    w.choose_organization(org(text)).unwrap();
    assert_eq!(w.step(), Step::Organization, "chosen here: Next goes on");
    w.next(&WizardSecrets::default()).unwrap();
    w
}

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/bodies/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn certificate() -> CertificateState {
    CertificateState::Ready(CertificateUpload {
        pfx_base64: "MIIKcQIBAzCCCicGCSqGSIb3DQEHAaCCChgEggoU".into(),
        password: "Pfx-Password-3".into(),
        thumbprint: "A1B2C3D4E5F60718293A4B5C6D7E8F9001122334".into(),
        subject: "CN=Veeam Backup for Microsoft 365 - northwind.onmicrosoft.com".into(),
        not_after: "2028-12-06".into(),
    })
}

fn with_certificate() -> WizardSecrets {
    WizardSecrets {
        primary: CredentialsSecrets {
            certificate: certificate(),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn the_organization_step_comes_first_and_needs_a_choice() {
    let mut w = Wizard::for_edit(true);
    assert!(w.is_editing());
    assert_eq!(w.step(), Step::Organization);
    assert_eq!(w.title(Step::Organization), "Organization");
    assert_eq!(w.steps()[0], Step::Organization);
    let errors = w.next(&WizardSecrets::default()).unwrap_err();
    assert_eq!(
        errors.get(Field::Organization),
        Some("Choose the organization to edit.")
    );

    let refused = org(r#"{"id":"d4","name":"onprem.local","type":"OnPremises"}"#);
    assert!(
        w.choose_organization(refused)
            .unwrap_err()
            .contains("on-premises")
    );
    assert_eq!(w.step(), Step::Organization);
    assert_eq!(w.edited(), None);

    // Adding: nothing to choose.
    assert!(
        Wizard::default()
            .choose_organization(org(APP_ONLY_V8))
            .is_err()
    );
    assert!(!Wizard::default().steps().contains(&Step::Organization));
}

#[test]
fn a_host_named_organization_skips_the_step_once_read() {
    let mut w = Wizard::for_edit(false);
    assert_eq!(w.steps()[0], Step::Organization, "while it is read");
    w.choose_organization(org(APP_ONLY_V8)).unwrap();
    assert_eq!(w.step(), Step::Services);
    assert_eq!(w.steps()[0], Step::Services);
    assert_eq!(w.position().0, 1);
    // Chosen here, Back from Services returns to the list.
    let mut here = chosen(APP_ONLY_V8, ApiVersion::V8);
    here.back();
    assert_eq!(here.step(), Step::Organization);
}

#[test]
fn an_app_only_organization_is_prefilled_and_cannot_leave_app_only() {
    let w = chosen(APP_ONLY_V8, ApiVersion::V8);
    assert_eq!(w.step(), Step::Services);
    assert!(w.has(Service::Exchange) && w.has(Service::SharePoint) && w.has(Service::Teams));
    assert_eq!(w.region(), Region::Worldwide);
    assert_eq!(w.method(), AuthMethod::AppOnly);
    let draft = w.draft(Target::Primary);
    assert_eq!(draft.application_id, "6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84");
    assert_eq!(draft.username, "backup@northwind.onmicrosoft.com");
    assert_eq!(draft.organization_name, "northwind.onmicrosoft.com");
    assert_eq!(w.route(), AppRoute::Existing);
    assert!(
        w.route_refused(AppRoute::New)
            .unwrap()
            .contains("keeps an existing application")
    );
    assert!(
        w.method_refused(AuthMethod::Modern)
            .unwrap()
            .contains("cannot be changed back")
    );
    assert!(w.method_refused(AuthMethod::Basic).is_some());
    assert_eq!(w.method_refused(AuthMethod::AppOnly), None);
    assert!(w.region_locked().is_some());

    // The region and the identity are locked.
    let mut w = w;
    w.set_region(Region::China);
    assert_eq!(w.region(), Region::Worldwide);
    w.set_answer(
        Target::Primary,
        Answer::OrganizationName("contoso.onmicrosoft.com".into()),
    );
    assert_eq!(
        w.draft(Target::Primary).organization_name,
        "northwind.onmicrosoft.com"
    );
    w.set_username(Target::Primary, "ops@northwind.onmicrosoft.com".into());
    assert_eq!(
        w.draft(Target::Primary).organization_name,
        "northwind.onmicrosoft.com"
    );
    w.set_route(AppRoute::New);
    assert_eq!(w.route(), AppRoute::Existing);
}

#[test]
fn a_legacy_organization_on_v8_keeps_its_method_or_moves_to_app_only() {
    let mut w = chosen(LEGACY_V7, ApiVersion::V8);
    assert_eq!(w.method(), AuthMethod::Modern);
    assert_eq!(
        w.method_refused(AuthMethod::Modern),
        None,
        "kept, though v8 adds no new ones"
    );
    assert_eq!(w.method_refused(AuthMethod::AppOnly), None);
    assert!(
        w.method_refused(AuthMethod::Basic)
            .unwrap()
            .contains("only to modern app-only")
    );
    // Its SharePoint account differs: the separate step, prefilled.
    assert!(w.needs_sharepoint_step());
    assert_eq!(
        w.draft(Target::SharePoint).username,
        "sp@fabrikam.onmicrosoft.com"
    );

    // Kept legacy: the account must stay in the organization.
    w.set_username(Target::Primary, "admin@contoso.onmicrosoft.com".into());
    let secrets = WizardSecrets {
        primary: CredentialsSecrets {
            application_secret: "s~ecret".into(),
            app_password: "pw".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let errors = w.check_step(Step::AppCredentials, &secrets).unwrap_err();
    assert_eq!(
        errors.get(Field::Username),
        Some("The account must belong to fabrikam.onmicrosoft.com, the organization being edited.")
    );
    w.set_username(Target::Primary, "admin@fabrikam.onmicrosoft.com".into());
    assert!(w.check_step(Step::AppCredentials, &secrets).is_ok());
    // Secrets come back as "set": the server never returns them.
    let rows = w.changes(&secrets);
    assert_eq!(
        rows.iter()
            .map(|r| (r.term, r.after.as_str()))
            .collect::<Vec<_>>(),
        [
            ("Application secret", "Set (replaced)"),
            ("App password", "Set (replaced)")
        ]
    );

    // Moved to app-only: the method row, the certificate, the body.
    w.set_method(AuthMethod::AppOnly);
    assert_eq!(w.method(), AuthMethod::AppOnly);
    assert!(!w.needs_sharepoint_step());
    let rows = w.changes(&with_certificate());
    assert_eq!(rows[0].term, "Authentication method");
    assert_eq!(
        rows[0].now,
        "Modern authentication with legacy protocols allowed"
    );
    assert_eq!(rows[0].after, "Modern app-only authentication");
    assert_eq!(rows[1].term, "Certificate");
    assert_eq!(rows[1].now, "None");
    assert_eq!(
        rows[1].after,
        "Thumbprint A1B2C3D4E5F60718293A4B5C6D7E8F9001122334, valid until 6 December 2028"
    );
    let body: Value =
        serde_json::from_str(&w.request(&with_certificate()).unwrap().to_json()).unwrap();
    pretty_assertions::assert_eq!(body, fixture("edit-legacy-to-apponly"));
}

#[test]
fn renewing_the_certificate_changes_only_the_certificate() {
    let w = chosen(APP_ONLY_V8, ApiVersion::V8);
    // Nothing given yet: no certificate, nothing to review.
    assert_eq!(w.changes(&WizardSecrets::default()), vec![]);
    let rows = w.changes(&with_certificate());
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].term, "Certificate");
    assert_eq!(
        rows[0].now,
        "Thumbprint 0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C"
    );
    assert_eq!(rows[0].step, Step::AppCredentials);
    let body: Value =
        serde_json::from_str(&w.request(&with_certificate()).unwrap().to_json()).unwrap();
    pretty_assertions::assert_eq!(body, fixture("edit-renew-apponly"));

    // With the grant box: the signed-in code goes with it, and a row says so.
    let mut w = w;
    w.set_configure_application(true);
    assert!(w.steps().contains(&Step::MicrosoftSignIn));
    let mut secrets = with_certificate();
    assert!(w.request(&secrets).is_err(), "no code yet");
    secrets.user_code = Some("H7PW2M4QR".into());
    let body = w.request(&secrets).unwrap();
    assert_eq!(body.user_code.as_deref(), Some("H7PW2M4QR"));
    assert!(body.configure_application);
    assert_eq!(body.new_application_name, None);
    assert!(
        w.changes(&secrets)
            .iter()
            .any(|r| r.term == "Permissions in Microsoft Entra ID")
    );

    // Services and the Application ID are changes too.
    let mut w = chosen(APP_ONLY_V8, ApiVersion::V8);
    w.set_service(Service::Teams, false);
    w.set_answer(
        Target::Primary,
        Answer::ApplicationId("{11111111-2222-4333-8444-555555555555}".into()),
    );
    let terms: Vec<&str> = w
        .changes(&with_certificate())
        .iter()
        .map(|r| r.term)
        .collect();
    assert_eq!(terms, ["Services", "Application ID", "Certificate"]);
    let services = &w.changes(&with_certificate())[0];
    assert_eq!(
        services.now,
        "Exchange Online, SharePoint Online and OneDrive for Business, Microsoft Teams"
    );
    assert_eq!(
        services.after,
        "Exchange Online, SharePoint Online and OneDrive for Business"
    );
}

#[test]
fn a_basic_organization_from_v6_is_prefilled() {
    let w = chosen(BASIC_V6, ApiVersion::V6);
    assert_eq!(w.method(), AuthMethod::Basic);
    assert_eq!(w.region(), Region::China);
    assert_eq!(
        w.draft(Target::Primary).username,
        "admin@china.partner.onmschina.cn"
    );
    assert!(!w.has(Service::SharePoint));
    assert_eq!(w.method_refused(AuthMethod::Basic), None);
    assert!(w.method_refused(AuthMethod::Modern).is_some());
}

#[test]
fn drafts_never_hold_an_edit() {
    let w = chosen(APP_ONLY_V8, ApiVersion::V8);
    let restored = Wizard::from_draft(&w.to_draft()).unwrap();
    assert!(!restored.is_editing());
}

#[test]
fn a_read_back_holds_the_edit_when_it_has_the_new_thumbprint() {
    let w = chosen(APP_ONLY_V8, ApiVersion::V8);
    let before = org(APP_ONLY_V8);
    assert!(
        !w.edit_held_by(&before, &with_certificate()),
        "the old certificate"
    );
    let after = org(&APP_ONLY_V8.replace(
        "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C",
        "a1b2c3d4e5f60718293a4b5c6d7e8f9001122334",
    ));
    assert!(w.edit_held_by(&after, &with_certificate()));
    // Kept legacy with a secret: the method and the application.
    let legacy = chosen(LEGACY_V7, ApiVersion::V7);
    assert!(legacy.edit_held_by(&org(LEGACY_V7), &WizardSecrets::default()));
    assert!(!legacy.edit_held_by(&before, &WizardSecrets::default()));
}

#[test]
fn only_an_id_reaches_a_url() {
    use wizard_core::flow::OrganizationId;
    let id = OrganizationId::parse(" 5e0c0c67-8a51-4d0e-9c37-0d2b7e1f4a11 ").unwrap();
    assert_eq!(
        id.resource(),
        "Organizations/5e0c0c67-8a51-4d0e-9c37-0d2b7e1f4a11"
    );
    for bad in [
        "",
        "../token",
        "a/b",
        "x?y=1",
        "x#y",
        "%2e%2e",
        "a b",
        &"a".repeat(65),
    ] {
        assert_eq!(OrganizationId::parse(bad), None, "{bad}");
    }
}

#[test]
fn the_static_page_query_opens_the_edit() {
    use wizard_core::flow::{EditStart, OrganizationId};
    assert_eq!(EditStart::from_query(""), Ok(None));
    assert_eq!(EditStart::from_query("?apiVersion=v8"), Ok(None));
    assert_eq!(EditStart::from_query("?edit"), Ok(Some(EditStart::Choose)));
    assert_eq!(
        EditStart::from_query("?organization="),
        Ok(Some(EditStart::Choose))
    );
    assert_eq!(
        EditStart::from_query("?apiVersion=v8&organization=5e0c0c67-8a51"),
        Ok(Some(EditStart::Organization(
            OrganizationId::parse("5e0c0c67-8a51").unwrap()
        )))
    );
    assert!(
        EditStart::from_query("?organization=..%2Ftoken")
            .unwrap_err()
            .contains("not an organization's id")
    );
    assert_eq!(
        EditStart::switch_query("?apiVersion=v8&organization=x", None),
        "?apiVersion=v8"
    );
    assert_eq!(
        EditStart::switch_query("?apiVersion=v8", Some("edit")),
        "?apiVersion=v8&edit"
    );
    assert_eq!(EditStart::switch_query("", Some("edit")), "?edit");
    assert_eq!(
        EditStart::switch_query("?check&apiVersion=v7", Some("edit")),
        "?apiVersion=v7&edit"
    );
    assert_eq!(EditStart::switch_query("?edit", Some("check")), "?check");
    assert_eq!(EditStart::switch_query("?edit", None), "?");
    assert!(EditStart::checks_connections("?apiVersion=v8&check"));
    assert!(EditStart::checks_connections("?check="));
    assert!(!EditStart::checks_connections("?check&edit"));
    assert!(!EditStart::checks_connections("?checks"));
    // Every other parameter kept as written, encoded names of the task's
    // own parameters recognised, empty parts dropped.
    assert_eq!(
        EditStart::switch_query(
            "?apiBase=%2Fvb365%2Fapi&&%65dit=&apiVersion=v7&organization",
            Some("edit")
        ),
        "?apiBase=%2Fvb365%2Fapi&apiVersion=v7&edit"
    );
}
