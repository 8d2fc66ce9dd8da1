//! The request body, compared with fixtures written by hand from the OpenAPI
//! reference (tests/fixtures/bodies).

use serde_json::Value;
use wizard_core::{
    ConnectionSettings, CredentialsDraft, CredentialsSecrets, OrganizationRequest, Region,
    Services, validate,
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
fn exchange_answers() -> ConnectionSettings {
    let draft = CredentialsDraft {
        application_id: " {0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90}".into(),
        username: "backup.admin@contoso.onmicrosoft.com ".into(),
        grant_roles: true,
    };
    let secrets = CredentialsSecrets {
        application_secret: "kX8Q~fake.secret_value-123".into(),
        app_password: "App-Password-1".into(),
    };
    ConnectionSettings::modern(&validate(&draft, &secrets).expect("valid answers"))
}

fn sharepoint_answers() -> ConnectionSettings {
    let draft = CredentialsDraft {
        application_id: "11111111222243338444555555555555".into(),
        username: "sp.admin@contoso.onmicrosoft.com".into(),
        grant_roles: false,
    };
    let secrets = CredentialsSecrets {
        application_secret: "second~secret.value".into(),
        app_password: "Sp-App-Password-2".into(),
    };
    ConnectionSettings::modern(&validate(&draft, &secrets).expect("valid answers"))
}

fn body(request: &OrganizationRequest) -> Value {
    serde_json::from_str(&request.to_json()).expect("the body is JSON")
}

#[test]
fn same_credentials_send_the_same_block_twice() {
    let exchange = exchange_answers();
    let request = OrganizationRequest::new(
        Services::default(),
        Region::Worldwide,
        exchange.clone(),
        exchange,
    );
    pretty_assertions::assert_eq!(
        body(&request),
        fixture("v7-exchange-sharepoint-secret-same")
    );
}

#[test]
fn separate_credentials_send_each_block() {
    let request = OrganizationRequest::new(
        Services::default(),
        Region::Worldwide,
        exchange_answers(),
        sharepoint_answers(),
    );
    pretty_assertions::assert_eq!(
        body(&request),
        fixture("v7-exchange-sharepoint-secret-separate")
    );
}

#[test]
fn unchosen_service_sends_no_block() {
    let services = Services {
        sharepoint: false,
        ..Services::default()
    };
    let value = body(&OrganizationRequest::new(
        services,
        Region::UsDefence,
        exchange_answers(),
        sharepoint_answers(),
    ));
    assert_eq!(value["isSharePointOnline"], Value::Bool(false));
    assert_eq!(value["region"], "USDefence");
    assert!(value.get("sharePointOnlineSettings").is_none());
    assert!(value.get("exchangeOnlineSettings").is_some());
}
