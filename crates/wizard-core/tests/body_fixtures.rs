//! The request body for each combination of answers, built through the whole
//! flow (`Wizard::request`) and compared with fixtures written by hand from the
//! OpenAPI reference (tests/fixtures/bodies).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use serde_json::Value;
use wizard_core::answers::{
    AppCredentialKind, AppRoute, AuthMethod, CertificateState, CertificateUpload,
    CredentialsSecrets,
};
use wizard_core::flow::{Answer, Target, Wizard, WizardSecrets};
use wizard_core::server::{AppOnlyConnection, OrganizationRequest, Region, Services};

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/bodies/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Answers as a user would type them: braces, upper case, stray spaces.
fn first_step() -> (Vec<Answer>, CredentialsSecrets) {
    (
        vec![
            Answer::ApplicationId(" {0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90}".into()),
            Answer::Username("backup.admin@contoso.onmicrosoft.com ".into()),
            Answer::GrantRoles(true),
        ],
        CredentialsSecrets {
            application_secret: "kX8Q~fake.secret_value-123".into(),
            app_password: "App-Password-1".into(),
            ..Default::default()
        },
    )
}

fn sharepoint_step() -> (Vec<Answer>, CredentialsSecrets) {
    (
        vec![
            Answer::ApplicationId("11111111222243338444555555555555".into()),
            Answer::Username("sp.admin@contoso.onmicrosoft.com".into()),
            Answer::GrantRoles(false),
        ],
        CredentialsSecrets {
            application_secret: "second~secret.value".into(),
            app_password: "Sp-App-Password-2".into(),
            ..Default::default()
        },
    )
}

/// Types `answers` into `target`'s step, as the page does.
fn answer(wizard: &mut Wizard, target: Target, answers: Vec<Answer>) {
    for a in answers {
        wizard.set_answer(target, a);
    }
}

fn body(services: Services, region: Region, method: AuthMethod, same: bool) -> Value {
    let (primary, primary_secrets) = first_step();
    let (sharepoint, sharepoint_secrets) = sharepoint_step();
    let mut wizard = Wizard::default();
    wizard.set_services(services);
    wizard.set_region(region);
    wizard.set_method(method);
    wizard.set_same_credentials(same);
    answer(&mut wizard, Target::Primary, primary);
    answer(&mut wizard, Target::SharePoint, sharepoint);
    let secrets = WizardSecrets {
        primary: primary_secrets,
        sharepoint: sharepoint_secrets,
        user_code: None,
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
    primary.push(Answer::AppCredential(AppCredentialKind::Certificate));
    primary_secrets.certificate = CertificateState::Ready(CertificateUpload {
        pfx_base64: "MIIKcQIBAzCCCicGCSqGSIb3DQEHAaCCChgEggoU".into(),
        password: "Pfx-Password-3".into(),
        thumbprint: "B4B166D7B39A1EB1D2DC9E569CCAA8A07CC5547E".into(),
        subject: "CN=app".into(),
        not_after: "2028-01-01".into(),
    });
    let mut wizard = Wizard::default();
    wizard.set_method(AuthMethod::Modern);
    wizard.set_services(BOTH);
    wizard.set_same_credentials(true);
    answer(&mut wizard, Target::Primary, primary);
    let secrets = WizardSecrets {
        primary: primary_secrets,
        sharepoint: CredentialsSecrets::default(),
        user_code: None,
    };
    let request = wizard.request(&secrets).expect("valid answers");
    let body: Value = serde_json::from_str(&request.to_json()).unwrap();
    assert_eq!(body, fixture("both-certificate-same"));
}

/// The application-only connection the fixtures were written for.
fn app_only(account: Option<&str>, name: Option<&str>) -> AppOnlyConnection {
    AppOnlyConnection {
        application_id: Some("0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90".into()),
        certificate: CertificateUpload {
            pfx_base64: "MIIKcQIBAzCCCicGCSqGSIb3DQEHAaCCChgEggoU".into(),
            password: "Pfx-Password-3".into(),
            thumbprint: "B4B166D7B39A1EB1D2DC9E569CCAA8A07CC5547E".into(),
            subject: "CN=app".into(),
            not_after: "2028-01-01".into(),
        },
        account: account.map(str::to_owned),
        organization_name: name.map(str::to_owned),
        new_application_name: None,
        configure_application: false,
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

/// The app-only body as the whole flow builds it from typed answers: the
/// fixture for each choice of services, Teams chats included.
#[test]
fn the_app_only_flow_builds_the_fixture_bodies() {
    let certificate = || CertificateState::Ready(app_only(None, None).certificate);
    let table: &[(&str, Services, Region, &str, &str)] = &[
        (
            "exchange-apponly",
            EXCHANGE,
            Region::Worldwide,
            "impersonation@contoso.onmicrosoft.com",
            "Contoso.onmicrosoft.com ",
        ),
        (
            "sharepoint-apponly",
            SHAREPOINT,
            Region::Worldwide,
            "",
            "contoso.onmicrosoft.com",
        ),
        (
            "both-teams-apponly",
            TEAMS,
            Region::UsGovernment,
            " impersonation@contoso.onmicrosoft.com",
            "",
        ),
        (
            "both-apponly-account-only",
            BOTH,
            Region::Worldwide,
            "impersonation@contoso.onmicrosoft.com",
            "",
        ),
        (
            "both-teams-chats-apponly",
            Services {
                teams_chats: true,
                ..TEAMS
            },
            Region::Worldwide,
            "impersonation@contoso.onmicrosoft.com",
            "",
        ),
    ];
    for (file, services, region, account, name) in table {
        let mut wizard = Wizard::default();
        assert_eq!(wizard.method(), AuthMethod::AppOnly);
        wizard.set_services(*services);
        wizard.set_region(*region);
        wizard.set_route(AppRoute::Existing);
        wizard.set_answer(
            Target::Primary,
            Answer::ApplicationId(" {0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90}".into()),
        );
        wizard.set_username(Target::Primary, (*account).to_owned());
        if *file == "both-apponly-account-only" {
            wizard.set_answer(Target::Primary, Answer::OrganizationName(String::new()));
        } else if !name.is_empty() {
            wizard.set_answer(
                Target::Primary,
                Answer::OrganizationName((*name).to_owned()),
            );
        }
        let secrets = WizardSecrets {
            primary: CredentialsSecrets {
                certificate: certificate(),
                // Typed on other steps of other flows: never sent here.
                app_password: "App-Password-1".into(),
                application_secret: "kX8Q~fake.secret_value-123".into(),
                ..Default::default()
            },
            sharepoint: CredentialsSecrets::default(),
            user_code: None,
        };
        let request = wizard
            .request(&secrets)
            .unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let sent: Value = serde_json::from_str(&request.to_json()).unwrap();
        pretty_assertions::assert_eq!(sent, fixture(file), "{file}");
    }
}

/// The device-code routes through the flow: the server registers a new
/// application, or grants an existing one its permissions; both carry the
/// signed-in code, and neither can be built without it.
#[test]
fn the_device_code_routes_build_their_fixture_bodies() {
    let secrets = |code: Option<&str>| WizardSecrets {
        primary: CredentialsSecrets {
            certificate: CertificateState::Ready(app_only(None, None).certificate),
            ..Default::default()
        },
        sharepoint: CredentialsSecrets::default(),
        user_code: code.map(str::to_owned),
    };
    // A new application, named by default after the organization.
    let mut new = Wizard::default();
    new.set_services(BOTH);
    new.set_username(
        Target::Primary,
        "impersonation@contoso.onmicrosoft.com".to_owned(),
    );
    assert!(new.needs_microsoft_sign_in());
    assert!(
        new.steps()
            .contains(&wizard_core::flow::Step::MicrosoftSignIn)
    );
    let (step, _) = new.request(&secrets(None)).unwrap_err();
    assert_eq!(step, wizard_core::flow::Step::MicrosoftSignIn);
    let body: Value =
        serde_json::from_str(&new.request(&secrets(Some("F3KQ9ZX2L"))).unwrap().to_json()).unwrap();
    pretty_assertions::assert_eq!(body, fixture("both-apponly-new-application"));

    // An existing application with the grant box ticked.
    let mut existing = Wizard::default();
    existing.set_services(EXCHANGE);
    existing.set_route(AppRoute::Existing);
    existing.set_answer(
        Target::Primary,
        Answer::ApplicationId("0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90".into()),
    );
    existing.set_username(
        Target::Primary,
        "impersonation@contoso.onmicrosoft.com".to_owned(),
    );
    assert!(!existing.needs_microsoft_sign_in(), "unticked: no sign-in");
    existing.set_configure_application(true);
    assert!(existing.needs_microsoft_sign_in());
    let body: Value = serde_json::from_str(
        &existing
            .request(&secrets(Some("H7PW2M4QR")))
            .unwrap()
            .to_json(),
    )
    .unwrap();
    pretty_assertions::assert_eq!(body, fixture("exchange-apponly-configure"));

    // Teams chats: no new application, so the existing one is in effect.
    let mut chats = Wizard::default();
    chats.set_services(Services {
        teams: true,
        teams_chats: true,
        ..BOTH
    });
    assert_eq!(chats.route(), AppRoute::Existing);
    assert!(chats.route_refused(AppRoute::New).is_some());
    chats.set_service(wizard_core::flow::Service::TeamsChats, false);
    assert_eq!(chats.route(), AppRoute::New, "the choice comes back");
}

/// The vendor's OpenAPI documents, read where the project's design keeps
/// them (beside the repository), never copied into it.
fn openapi() -> Value {
    let path = format!(
        "{}/../../../shared/reference/vb365-rest-openapi-organizations-subset.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{path}: {e} (the OpenAPI reference sits in ../shared beside the repository)")
    });
    serde_json::from_str(&text).unwrap()
}

/// Where `value` breaks `schema` (properties, types, enums, uuid format),
/// `$ref`s resolved in `schemas`.
fn conformance(value: &Value, schema: &Value, schemas: &Value, at: &str, found: &mut Vec<String>) {
    if let Some(name) = schema["$ref"].as_str() {
        let name = name.rsplit('/').next().unwrap();
        return conformance(value, &schemas[name], schemas, at, found);
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        found.push(format!("{at}: {value} is not one of {allowed:?}"));
    }
    let kind_ok = match schema["type"].as_str() {
        Some("object") => value.is_object(),
        Some("string") => value.is_string(),
        Some("boolean") => value.is_boolean(),
        Some(other) => panic!("{at}: a type this check does not know: {other}"),
        None => true,
    };
    if !kind_ok {
        found.push(format!("{at}: {value} is not a {}", schema["type"]));
    }
    if schema["format"] == "uuid" {
        let text = value.as_str().unwrap_or_default();
        let shape = text.len() == 36
            && text.chars().enumerate().all(|(i, c)| {
                if [8, 13, 18, 23].contains(&i) {
                    c == '-'
                } else {
                    c.is_ascii_hexdigit()
                }
            });
        if !shape {
            found.push(format!("{at}: {value} is not a uuid"));
        }
    }
    if let Some(object) = value.as_object() {
        for (key, member) in object {
            match schema["properties"].get(key) {
                Some(property) if property["readOnly"] == true => {
                    found.push(format!("{at}.{key} is read-only"));
                }
                Some(property) => {
                    conformance(member, property, schemas, &format!("{at}.{key}"), found)
                }
                None => found.push(format!("{at}.{key} is not in the schema")),
            }
        }
    }
}

#[test]
fn every_fixture_conforms_to_all_three_openapi_documents() {
    let documents = openapi();
    let dir = format!("{}/../../tests/fixtures/bodies", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let body = fixture(&name);
        for version in ["v6", "v7", "v8"] {
            let schemas = &documents[version]["schemas"];
            let mut found = Vec::new();
            conformance(
                &body,
                &schemas["RestOrganizationComposed"],
                schemas,
                &name,
                &mut found,
            );
            assert!(found.is_empty(), "{version}: {found:#?}");
            checked += 1;
        }
    }
    assert!(
        checked >= 3 * 14,
        "only {checked} checks: are the fixtures there?"
    );

    // The check itself finds what it is for.
    let mut wrong = fixture("exchange-apponly");
    wrong["exchangeOnlineSettings"]["useMFA"] = Value::Bool(true);
    wrong["region"] = Value::from("Europe");
    wrong["exchangeOnlineSettings"]["applicationId"] = Value::from("0b5f2a4e");
    wrong["id"] = Value::from("00000000-0000-0000-0000-000000000000");
    let schemas = &documents["v8"]["schemas"];
    let mut found = Vec::new();
    conformance(
        &wrong,
        &schemas["RestOrganizationComposed"],
        schemas,
        "wrong",
        &mut found,
    );
    assert_eq!(found.len(), 4, "{found:#?}");
}
