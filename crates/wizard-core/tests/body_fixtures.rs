//! The request body for each combination of answers, built through the whole
//! flow (`Wizard::request`) and compared with fixtures written by hand from the
//! OpenAPI reference (tests/fixtures/bodies).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use serde_json::Value;
use wizard_core::{
    AppCredentialKind, AppOnlyConnection, AuthMethod, CertificateState, CertificateUpload,
    CredentialsDraft, CredentialsSecrets, OrganizationRequest, Region, Services, Target, Wizard,
    WizardSecrets,
};

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/bodies/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Answers as a user would type them: braces, upper case, stray spaces.
fn first_step() -> (CredentialsDraft, CredentialsSecrets) {
    (
        CredentialsDraft {
            application_id: " {0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90}".into(),
            username: "backup.admin@contoso.onmicrosoft.com ".into(),
            grant_roles: true,
            ..Default::default()
        },
        CredentialsSecrets {
            application_secret: "kX8Q~fake.secret_value-123".into(),
            app_password: "App-Password-1".into(),
            ..Default::default()
        },
    )
}

fn sharepoint_step() -> (CredentialsDraft, CredentialsSecrets) {
    (
        CredentialsDraft {
            application_id: "11111111222243338444555555555555".into(),
            username: "sp.admin@contoso.onmicrosoft.com".into(),
            grant_roles: false,
            ..Default::default()
        },
        CredentialsSecrets {
            application_secret: "second~secret.value".into(),
            app_password: "Sp-App-Password-2".into(),
            ..Default::default()
        },
    )
}

fn body(services: Services, region: Region, method: AuthMethod, same: bool) -> Value {
    let (primary, primary_secrets) = first_step();
    let (sharepoint, sharepoint_secrets) = sharepoint_step();
    let mut wizard = Wizard::default();
    wizard.set_services(services);
    wizard.set_region(region);
    wizard.set_method(method);
    wizard.set_same_credentials(same);
    *wizard.draft_mut(Target::Primary) = primary;
    *wizard.draft_mut(Target::SharePoint) = sharepoint;
    let secrets = WizardSecrets {
        primary: primary_secrets,
        sharepoint: sharepoint_secrets,
    };
    let request = wizard.request(&secrets).expect("valid answers");
    serde_json::from_str(&request.to_json()).expect("the body is JSON")
}

const BOTH: Services = Services {
    exchange: true,
    sharepoint: true,
    teams: false,
    teams_chats: false,
};

const EXCHANGE: Services = Services {
    sharepoint: false,
    ..BOTH
};
const SHAREPOINT: Services = Services {
    exchange: false,
    ..BOTH
};
const TEAMS: Services = Services {
    teams: true,
    ..BOTH
};

#[test]
fn every_combination_matches_its_fixture() {
    use AuthMethod::{Basic, Modern};
    let (exchange, sharepoint, teams) = (EXCHANGE, SHAREPOINT, TEAMS);
    let table: &[(&str, Services, Region, AuthMethod, bool)] = &[
        ("both-secret-same", BOTH, Region::Worldwide, Modern, true),
        (
            "both-secret-separate",
            BOTH,
            Region::Worldwide,
            Modern,
            false,
        ),
        (
            "both-teams-secret-same",
            teams,
            Region::Worldwide,
            Modern,
            true,
        ),
        (
            "exchange-secret",
            exchange,
            Region::UsGovernment,
            Modern,
            false,
        ),
        (
            "sharepoint-secret",
            sharepoint,
            Region::Worldwide,
            Modern,
            false,
        ),
        ("both-basic-same", BOTH, Region::Germany, Basic, true),
        ("both-basic-separate", BOTH, Region::UsDefence, Basic, false),
        ("exchange-basic-china", exchange, Region::China, Basic, true),
    ];
    for (name, services, region, method, same) in table {
        pretty_assertions::assert_eq!(
            body(*services, *region, *method, *same),
            fixture(name),
            "{name}"
        );
    }
}

#[test]
fn a_certificate_replaces_the_secret_in_both_settings() {
    let (mut primary, mut primary_secrets) = first_step();
    primary.app_credential = AppCredentialKind::Certificate;
    primary_secrets.certificate = CertificateState::Ready(CertificateUpload {
        pfx_base64: "MIIKcQIBAzCCCicGCSqGSIb3DQEHAaCCChgEggoU".into(),
        password: "Pfx-Password-3".into(),
        thumbprint: "B4B166D7B39A1EB1D2DC9E569CCAA8A07CC5547E".into(),
        subject: "CN=app".into(),
    });
    let mut wizard = Wizard::default();
    wizard.set_services(BOTH);
    wizard.set_same_credentials(true);
    *wizard.draft_mut(Target::Primary) = primary;
    let secrets = WizardSecrets {
        primary: primary_secrets,
        sharepoint: CredentialsSecrets::default(),
    };
    let request = wizard.request(&secrets).expect("valid answers");
    let body: Value = serde_json::from_str(&request.to_json()).unwrap();
    assert_eq!(body, fixture("both-certificate-same"));
}

/// The application-only connection the fixtures were written for.
fn app_only(account: Option<&str>, name: Option<&str>) -> AppOnlyConnection {
    AppOnlyConnection {
        application_id: "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90".into(),
        certificate: CertificateUpload {
            pfx_base64: "MIIKcQIBAzCCCicGCSqGSIb3DQEHAaCCChgEggoU".into(),
            password: "Pfx-Password-3".into(),
            thumbprint: "B4B166D7B39A1EB1D2DC9E569CCAA8A07CC5547E".into(),
            subject: "CN=app".into(),
        },
        account: account.map(str::to_owned),
        organization_name: name.map(str::to_owned),
    }
}

#[test]
fn every_application_only_combination_matches_its_fixture() {
    let account = Some("impersonation@contoso.onmicrosoft.com");
    let name = Some("contoso.onmicrosoft.com");
    let (exchange, sharepoint, teams) = (EXCHANGE, SHAREPOINT, TEAMS);
    let table = [
        (
            "exchange-apponly",
            exchange,
            Region::Worldwide,
            app_only(account, name),
        ),
        (
            "sharepoint-apponly",
            sharepoint,
            Region::Worldwide,
            app_only(None, name),
        ),
        (
            "both-teams-apponly",
            teams,
            Region::UsGovernment,
            app_only(account, name),
        ),
        (
            "both-apponly-account-only",
            BOTH,
            Region::Worldwide,
            app_only(account, None),
        ),
    ];
    for (file, services, region, connection) in table {
        let request = OrganizationRequest::app_only(services, region, &connection);
        let sent: Value = serde_json::from_str(&request.to_json()).unwrap();
        pretty_assertions::assert_eq!(sent, fixture(file), "{file}");
        for forbidden in [
            "password",
            "useMfa",
            "grantAdminAccess",
            "applicationSecret",
        ] {
            assert!(
                !sent.to_string().contains(&format!("\"{forbidden}\"")),
                "{file}: {forbidden}"
            );
        }
    }
}
