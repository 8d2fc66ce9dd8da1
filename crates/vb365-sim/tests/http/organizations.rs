//! `GET`/`POST /v{N}/Organizations` and `GET /Organizations/{id}`: adding,
//! listing and reading, and every rule a body is checked by.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn adds_per_version_with_its_status_and_list_shape() {
    let sim = Sim::start().await;
    for (version, status, domain) in [
        ("v6", StatusCode::OK, "six.onmicrosoft.com"),
        ("v7", StatusCode::OK, "seven.onmicrosoft.com"),
        ("v8", StatusCode::CREATED, "eight.onmicrosoft.com"),
    ] {
        let token = sim.sign_in(version).await;
        let mut body = valid_body();
        body["exchangeOnlineSettings"] = settings(&format!("admin@{domain}"));
        let (got, created) = sim.add(version, &token, &body).await;
        assert_eq!(got, status, "{version}: {created}");
        assert_eq!(created["name"], domain);
        assert!(uuid_like(created["id"].as_str().unwrap()));
        let text = created.to_string();
        assert!(
            !text.contains("app-pass") && !text.contains("s3cret"),
            "{text}"
        );
        assert_eq!(
            created["exchangeOnlineSettings"]["account"],
            format!("admin@{domain}")
        );
    }
    let token = sim.sign_in("v7").await;
    let list = sim.list("v7", &token).await;
    assert_eq!(list.as_array().unwrap().len(), 3);
    let page = sim.list("v8", &token).await;
    assert_eq!(page["results"].as_array().unwrap().len(), 3);
    assert_eq!(page["offset"], 0);
}

#[tokio::test]
async fn reads_one_organization_by_id() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let (_, created) = sim.add("v8", &token, &valid_body()).await;
    let id = created["id"].as_str().unwrap();
    let response = sim
        .http
        .get(format!("{}/v8/Organizations/{id}", sim.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<Value>().await.unwrap()["id"], id);
}

#[tokio::test]
async fn the_same_organization_twice_is_refused() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    assert_eq!(
        sim.add("v8", &token, &valid_body()).await.0,
        StatusCode::CREATED
    );
    let mut again = valid_body();
    again["exchangeOnlineSettings"]["account"] = json!("other@CONTOSO.onmicrosoft.com");
    let (status, body) = sim.add("v8", &token, &again).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["errorCode"], "ParameterValidationFailure");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("already been added"),
        "{body}"
    );
    assert_eq!(count_v8(&sim, &token).await, 1);
}

/// A change that breaks one rule of a valid body.
type Change = fn(&mut Value);

/// Each rule a body is checked by: its name, a change to a valid body that
/// breaks it, and words the server's refusal must hold.
const RULES: &[(&str, Change, &str)] = &[
    (
        "type",
        |b| b["type"] = json!("OnPremises"),
        "only Office365",
    ),
    (
        "missing type",
        |b| {
            b.as_object_mut().unwrap().remove("type");
        },
        "type is required",
    ),
    ("region", |b| b["region"] = json!("Mars"), "Region"),
    (
        "no service",
        |b| {
            b["isExchangeOnline"] = json!(false);
            b["isSharePointOnline"] = json!(false);
            b.as_object_mut().unwrap().remove("exchangeOnlineSettings");
            b.as_object_mut()
                .unwrap()
                .remove("sharePointOnlineSettings");
        },
        "at least one",
    ),
    (
        "flag type",
        |b| b["isExchangeOnline"] = json!("yes"),
        "true or false",
    ),
    (
        "teams without sharepoint",
        |b| {
            b["isTeamsOnline"] = json!(true);
            b["isSharePointOnline"] = json!(false);
            b.as_object_mut()
                .unwrap()
                .remove("sharePointOnlineSettings");
        },
        "Teams requires both",
    ),
    (
        "chats without teams",
        |b| b["isTeamsChatsOnline"] = json!(true),
        "require Microsoft Teams",
    ),
    (
        "chats in legacy flow",
        |b| {
            b["isTeamsOnline"] = json!(true);
            b["isTeamsChatsOnline"] = json!(true);
        },
        "legacy protocols",
    ),
    (
        "missing block",
        |b| {
            b.as_object_mut()
                .unwrap()
                .remove("sharePointOnlineSettings");
        },
        "sharePointOnlineSettings is required",
    ),
    (
        "block of unchosen service",
        |b| b["isSharePointOnline"] = json!(false),
        "not chosen",
    ),
    (
        "account",
        |b| b["exchangeOnlineSettings"]["account"] = json!("CONTOSO\\admin"),
        "user@domain.com",
    ),
    (
        "password",
        |b| {
            b["exchangeOnlineSettings"]
                .as_object_mut()
                .unwrap()
                .remove("password");
        },
        "password is required",
    ),
    (
        "guid",
        |b| {
            b["exchangeOnlineSettings"]["applicationId"] =
                json!("{0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90}")
        },
        "not a valid GUID",
    ),
    (
        "no application id",
        |b| {
            b["exchangeOnlineSettings"]
                .as_object_mut()
                .unwrap()
                .remove("applicationId");
        },
        "applicationId is required",
    ),
    (
        "secret and certificate",
        |b| b["exchangeOnlineSettings"]["applicationCertificate"] = json!("AAAA"),
        "not both",
    ),
    (
        "neither secret nor certificate",
        |b| {
            b["exchangeOnlineSettings"]
                .as_object_mut()
                .unwrap()
                .remove("applicationSecret");
        },
        "is required with useMfa",
    ),
    (
        "certificate password with a secret",
        |b| b["exchangeOnlineSettings"]["applicationCertificatePassword"] = json!("x"),
        "only used with applicationCertificate",
    ),
    (
        "certificate not base64",
        |b| {
            let s = b["exchangeOnlineSettings"].as_object_mut().unwrap();
            s.remove("applicationSecret");
            s.insert("applicationCertificate".into(), json!("not base64!"));
        },
        "not valid Base64",
    ),
    (
        "basic auth with application",
        |b| b["exchangeOnlineSettings"]["useMfa"] = json!(false),
        "basic authentication",
    ),
    ("china", |b| b["region"] = json!("China"), "China"),
];

/// Each rule: a change to the valid body and words the refusal must contain.
#[tokio::test]
async fn every_rule_refuses_with_a_clear_message() {
    let cases = RULES;
    let sim = Sim::start().await;
    let token = sim.sign_in("v7").await;
    for (name, change, words) in cases {
        let mut body = legacy_body();
        change(&mut body);
        let (status, answer) = sim.add("v7", &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {answer}");
        let message = answer["message"].as_str().unwrap_or_default();
        assert!(message.contains(words), "{name}: {message}");
    }
    assert!(sim.list("v7", &token).await.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn regions_refuse_what_the_documentation_says_they_do_not_offer() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v7").await;
    let mut body = legacy_body();
    body["isTeamsOnline"] = json!(true);
    body["region"] = json!("China");
    for block in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        let settings = body[block].as_object_mut().unwrap();
        settings.insert("useMfa".into(), json!(false));
        for key in ["applicationId", "applicationSecret"] {
            settings.remove(key);
        }
    }
    let (status, answer) = sim.add("v7", &token, &body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer["message"],
        "Microsoft Teams is not supported for the China region."
    );
    body["region"] = json!("USGovernment");
    body["isTeamsChatsOnline"] = json!(true);
    let (status, answer) = sim.add("v7", &token, &body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("Teams chats are not supported for the USGovernment region"),
        "{answer}"
    );
    body["isTeamsChatsOnline"] = json!(false);
    assert_eq!(
        sim.add("v7", &token, &body).await.0,
        StatusCode::OK,
        "Teams itself is fine there"
    );
}

/// Version 8 adds new organizations with app-only authentication only:
/// basic for China, and Germany (REST only) with legacy protocols, as its
/// documentation says; every version refuses app-only for Germany.
#[tokio::test]
async fn each_version_takes_the_methods_its_documentation_lists() {
    let sim = Sim::start().await;
    let basic = |region: &str, account: &str| {
        json!({
            "type": "Office365", "region": region,
            "isExchangeOnline": true, "isSharePointOnline": false,
            "exchangeOnlineSettings": {"account": account, "password": "pw", "grantAdminAccess": false, "useMfa": false},
        })
    };
    let legacy = |region: &str, account: &str| {
        let mut body = legacy_body();
        body["region"] = json!(region);
        body["isSharePointOnline"] = json!(false);
        body.as_object_mut()
            .unwrap()
            .remove("sharePointOnlineSettings");
        body["exchangeOnlineSettings"] = legacy_settings(account);
        body
    };
    let token = sim.sign_in("v8").await;
    for (what, body, words) in [
        (
            "legacy",
            legacy("Worldwide", "a@legacy.com"),
            "legacy protocols is no longer supported",
        ),
        (
            "basic",
            basic("USDefence", "a@basic.com"),
            "only for organizations in the China region",
        ),
    ] {
        let (status, answer) = sim.add("v8", &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {answer}");
        assert_eq!(answer["errorCode"], "ParameterValidationFailure", "{what}");
        let message = answer["message"].as_str().unwrap();
        assert!(
            message.contains(words) && message.contains("app-only"),
            "{what}: {message}"
        );
        // The same body is still an add on v7.
        let v7 = sim.sign_in("v7").await;
        assert_eq!(
            sim.add("v7", &v7, &body).await.0,
            StatusCode::OK,
            "{what} on v7"
        );
    }
    let (status, answer) = sim.add("v8", &token, &basic("China", "a@contoso.cn")).await;
    assert_eq!(status, StatusCode::CREATED, "basic for China: {answer}");
    let (status, answer) = sim
        .add("v8", &token, &legacy("Germany", "a@contoso.de"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "legacy for Germany: {answer}");
    let mut teams = legacy("Germany", "b@contoso.de");
    teams["isSharePointOnline"] = json!(true);
    teams["isTeamsOnline"] = json!(true);
    teams["sharePointOnlineSettings"] = legacy_settings("b@contoso.de");
    let (status, answer) = sim.add("v8", &token, &teams).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer["message"],
        "Microsoft Teams is not supported for the Germany region."
    );
    for version in ["v6", "v7", "v8"] {
        let token = sim.sign_in(version).await;
        let mut body = valid_body();
        body["region"] = json!("Germany");
        let (status, answer) = sim.add(version, &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{version}");
        assert!(
            answer["message"]
                .as_str()
                .unwrap()
                .contains("not supported for the Germany region")
        );
    }
}

#[tokio::test]
async fn basic_authentication_and_china_are_accepted_without_an_application() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v6").await;
    let basic = json!({"account": "admin@contoso.cn", "password": "pw", "grantAdminAccess": false, "useMfa": false});
    let body = json!({
        "type": "Office365", "region": "China",
        "isExchangeOnline": true, "isSharePointOnline": false,
        "exchangeOnlineSettings": basic,
    });
    let (status, created) = sim.add("v6", &token, &body).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["name"], "contoso.cn");
}

#[tokio::test]
async fn malformed_json_and_unknown_versions() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let response = sim
        .http
        .post(format!("{}/v8/Organizations", sim.base))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"type\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("not valid JSON"));
    let (status, _) = sim.token_form("v5", "grant_type=password").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
