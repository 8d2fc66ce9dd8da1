//! The simulator's rules, exercised over real HTTP on loopback.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use std::net::SocketAddr;
use vb365_sim::Config;

struct Sim {
    base: String,
    http: Client,
}

impl Sim {
    async fn start() -> Self {
        Self::start_with(Config::default()).await
    }

    async fn start_with(config: Config) -> Self {
        let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let bound = vb365_sim::spawn(addr, config).await.expect("bind");
        Self {
            base: format!("http://{bound}"),
            http: Client::new(),
        }
    }

    async fn token_form(&self, version: &str, form: &str) -> (StatusCode, Value) {
        let response = self
            .http
            .post(format!("{}/{version}/token", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form.to_owned())
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
    }

    async fn sign_in(&self, version: &str) -> String {
        let (status, body) = self
            .token_form(version, "grant_type=password&username=admin&password=admin")
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// One API call with the bearer `token`, and a JSON body if given.
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> reqwest::Response {
        let request = self
            .http
            .request(method, format!("{}/{path}", self.base))
            .bearer_auth(token);
        let request = match body {
            Some(body) => request.json(body),
            None => request,
        };
        request.send().await.unwrap()
    }

    async fn add(&self, version: &str, token: &str, body: &Value) -> (StatusCode, Value) {
        let path = format!("{version}/Organizations");
        let response = self
            .call(reqwest::Method::POST, &path, token, Some(body))
            .await;
        (response.status(), response.json().await.unwrap())
    }

    async fn list(&self, version: &str, token: &str) -> Value {
        let path = format!("{version}/Organizations");
        let response = self.call(reqwest::Method::GET, &path, token, None).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn get_one(&self, version: &str, token: &str, id: &str) -> (StatusCode, Value) {
        let path = format!("{version}/Organizations/{id}");
        let response = self.call(reqwest::Method::GET, &path, token, None).await;
        (response.status(), response.json().await.unwrap())
    }

    async fn put(
        &self,
        version: &str,
        token: &str,
        id: &str,
        body: &Value,
    ) -> (StatusCode, String) {
        let path = format!("{version}/Organizations/{id}");
        let response = self
            .call(reqwest::Method::PUT, &path, token, Some(body))
            .await;
        (response.status(), response.text().await.unwrap())
    }
}

/// How many organizations the v8 list holds.
async fn count_v8(sim: &Sim, token: &str) -> usize {
    sim.list("v8", token).await["results"]
        .as_array()
        .unwrap()
        .len()
}

/// A service block every version accepts for a new organization: modern
/// app-only, with a certificate OpenSSL wrote and the account to impersonate.
fn settings(account: &str) -> Value {
    json!({
        "account": account,
        "useApplicationOnlyAuth": true,
        "applicationId": "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90",
        "applicationCertificate": certificate::base64::encode(&corpus_file("openssl-default.p12")),
        "applicationCertificatePassword": "Fixture-Passw0rd",
    })
}

/// A block of the legacy flow (modern authentication with legacy
/// protocols), which v8 no longer takes.
fn legacy_settings(account: &str) -> Value {
    json!({
        "account": account,
        "password": "app-pass",
        "grantAdminAccess": true,
        "useMfa": true,
        "applicationId": "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90",
        "applicationSecret": "s3cret~value"
    })
}

fn valid_body() -> Value {
    json!({
        "type": "Office365",
        "region": "Worldwide",
        "isExchangeOnline": true,
        "isSharePointOnline": true,
        "isTeamsOnline": false,
        "isTeamsChatsOnline": false,
        "exchangeOnlineSettings": settings("admin@contoso.onmicrosoft.com"),
        "sharePointOnlineSettings": settings("admin@contoso.onmicrosoft.com"),
    })
}

/// The same organization in the legacy flow, which v6 and v7 still add.
fn legacy_body() -> Value {
    let mut body = valid_body();
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        body[key] = legacy_settings("admin@contoso.onmicrosoft.com");
    }
    body
}

#[tokio::test]
async fn password_grant_form_and_json() {
    let sim = Sim::start().await;
    let (status, body) = sim
        .token_form(
            "v7",
            "grant_type=password&username=admin&password=admin&disable_antiforgery_token=true",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["userName"], "admin");
    assert!(body["refresh_token"].is_string() && body[".expires"].is_string());

    let response = sim
        .http
        .post(format!("{}/v8/token", sim.base))
        .json(&json!({"grant_type": "password", "username": "admin", "password": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn wrong_password_is_an_oauth_error() {
    let sim = Sim::start().await;
    let (status, body) = sim
        .token_form("v6", "grant_type=password&username=admin&password=nope")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("incorrect")
    );
    let (status, body) = sim.token_form("v7", "username=admin").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_request");
    let (_, body) = sim.token_form("v7", "grant_type=integration").await;
    assert_eq!(body["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn refresh_token_works_once() {
    let sim = Sim::start().await;
    let (_, first) = sim
        .token_form("v7", "grant_type=password&username=admin&password=admin")
        .await;
    let refresh = first["refresh_token"].as_str().unwrap();
    let form = format!("grant_type=refresh_token&refresh_token={refresh}");
    let (status, second) = sim.token_form("v7", &form).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(second["access_token"], first["access_token"]);
    let (status, body) = sim.token_form("v7", &form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
}

async fn logout(sim: &Sim, version: &str, token: &str) -> StatusCode {
    sim.http
        .post(format!("{}/{version}/token/logout", sim.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn logout_ends_the_session_on_v7_and_v8_only() {
    let sim = Sim::start().await;
    for (version, answer) in [("v7", StatusCode::OK), ("v8", StatusCode::NO_CONTENT)] {
        let (_, tokens) = sim
            .token_form(version, "grant_type=password&username=admin&password=admin")
            .await;
        let access = tokens["access_token"].as_str().unwrap();
        let refresh = tokens["refresh_token"].as_str().unwrap();
        assert_eq!(logout(&sim, version, access).await, answer, "{version}");
        // The access token and its refresh token are both finished.
        let (status, _) = sim.add(version, access, &valid_body()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{version}");
        let form = format!("grant_type=refresh_token&refresh_token={refresh}");
        assert_eq!(
            sim.token_form(version, &form).await.0,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            logout(&sim, version, access).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(logout(&sim, "v8", "forged").await, StatusCode::UNAUTHORIZED);
    let token = sim.sign_in("v6").await;
    assert_eq!(logout(&sim, "v6", &token).await, StatusCode::NOT_FOUND);
    // v6 had nothing to end: the token still works.
    assert_eq!(
        sim.list("v6", &token).await.as_array().map(Vec::len),
        Some(0)
    );
}

#[tokio::test]
async fn expired_token_is_refused() {
    let sim = Sim::start_with(Config {
        token_lifetime_secs: 0,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v7").await;
    let (status, body) = sim.add("v7", &token, &valid_body()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body["message"].is_string());
}

#[tokio::test]
async fn organizations_need_a_bearer_token() {
    let sim = Sim::start().await;
    let response = sim
        .http
        .post(format!("{}/v7/Organizations", sim.base))
        .json(&valid_body())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = sim.add("v7", "forged", &valid_body()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

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

/// Each rule: a change to the valid body and words the refusal must contain.
#[tokio::test]
async fn every_rule_refuses_with_a_clear_message() {
    type Change = fn(&mut Value);
    let cases: &[(&str, Change, &str)] = &[
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

#[tokio::test]
async fn serves_static_files() {
    let dir = std::env::temp_dir().join(format!("vb365-sim-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<title>wizard</title>").unwrap();
    let sim = Sim::start_with(Config {
        static_dir: Some(dir.clone()),
        ..Config::default()
    })
    .await;
    let text = sim
        .http
        .get(format!("{}/", sim.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("wizard"));
    assert_eq!(sim.sign_in("v7").await.len(), 32);
    std::fs::remove_dir_all(dir).unwrap();
}

fn uuid_like(text: &str) -> bool {
    text.len() == 36 && text.matches('-').count() == 4
}

#[tokio::test]
async fn an_older_server_lacks_the_newer_versions() {
    use vb365_sim::Version;
    let sim = Sim::start_with(Config {
        versions: vec![Version::V6, Version::V7],
        ..Config::default()
    })
    .await;
    let (status, _) = sim
        .token_form("v8", "grant_type=password&username=admin&password=admin")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let probe = |v: &'static str| {
        sim.http
            .get(format!("{}/{v}/Organizations", sim.base))
            .send()
    };
    assert_eq!(probe("v8").await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(
        probe("v7").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn strict_csp_is_sent_when_asked() {
    let sim = Sim::start_with(Config {
        strict_csp: true,
        ..Config::default()
    })
    .await;
    let response = sim
        .http
        .post(format!("{}/v7/token", sim.base))
        .send()
        .await
        .unwrap();
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(
        csp.contains("require-trusted-types-for 'script'; trusted-types m365-org-wizard default"),
        "{csp}"
    );
    let plain = Sim::start().await;
    let response = plain
        .http
        .post(format!("{}/v7/token", plain.base))
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("content-security-policy").is_none());
}

async fn arm(sim: &Sim, target: &str, fault: Value) {
    let response = sim
        .http
        .post(format!("{}/_sim/faults", sim.base))
        .json(&json!({ "target": target, "fault": fault }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn armed_faults_strike_once_each() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v7").await;
    arm(&sim, "add", json!({"kind": "status", "status": 503})).await;
    let response = sim
        .http
        .post(format!("{}/v7/Organizations", sim.base))
        .bearer_auth(&token)
        .json(&valid_body())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        sim.list("v7", &token).await.as_array().unwrap().is_empty(),
        "nothing created"
    );

    arm(&sim, "add", json!({"kind": "expired_token"})).await;
    assert_eq!(
        sim.add("v7", &token, &valid_body()).await.0,
        StatusCode::UNAUTHORIZED
    );
    // Spent: the next request is served normally.
    assert_eq!(sim.add("v7", &token, &valid_body()).await.0, StatusCode::OK);
}

#[tokio::test]
async fn close_after_commit_adds_then_sends_not_one_byte() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    arm(&sim, "add", json!({"kind": "close_after_commit"})).await;
    let body = valid_body().to_string();
    let request = format!(
        "POST /v8/Organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(sim.base.trim_start_matches("http://"))
        .await
        .unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
    assert_eq!(count_v8(&sim, &token).await, 1, "the work was done");
    // What a browser's silent resend meets: a duplicate refusal.
    let (status, refusal) = sim.add("v8", &token, &valid_body()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        refusal["message"].as_str().unwrap().contains("already"),
        "{refusal}"
    );
}

#[tokio::test]
async fn faults_after_the_work_leave_the_organization_created() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    arm(&sim, "add", json!({"kind": "drop_after_commit"})).await;
    let sent = sim
        .http
        .post(format!("{}/v8/Organizations", sim.base))
        .bearer_auth(&token)
        .json(&valid_body())
        .send()
        .await;
    let failed = match sent {
        Err(_) => true,
        Ok(response) => response.bytes().await.is_err(),
    };
    assert!(failed, "the answer is cut");
    assert_eq!(count_v8(&sim, &token).await, 1);

    let mut other = valid_body();
    other["exchangeOnlineSettings"]["account"] = json!("a@malformed.com");
    arm(&sim, "add", json!({"kind": "malformed_after_commit"})).await;
    let response = sim
        .http
        .post(format!("{}/v8/Organizations", sim.base))
        .bearer_auth(&token)
        .json(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(serde_json::from_slice::<Value>(&response.bytes().await.unwrap()).is_err());
    assert_eq!(count_v8(&sim, &token).await, 2);
}

#[tokio::test]
async fn latency_and_trickle_delay_but_answer() {
    let sim = Sim::start().await;
    arm(&sim, "token", json!({"kind": "latency", "ms": 200})).await;
    let started = std::time::Instant::now();
    sim.sign_in("v7").await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(200));
    arm(&sim, "token", json!({"kind": "trickle", "ms": 20})).await;
    let started = std::time::Instant::now();
    sim.sign_in("v7").await;
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn cors_only_for_the_one_origin_asked_for() {
    let preflight = |sim: &Sim, origin: &str| {
        sim.http
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/v7/Organizations", sim.base),
            )
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type",
            )
            .send()
    };
    let plain = Sim::start().await;
    let response = preflight(&plain, "https://console.example").await.unwrap();
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    let sim = Sim::start_with(Config {
        cors_origin: Some("https://console.example".into()),
        ..Config::default()
    })
    .await;
    let response = preflight(&sim, "https://console.example").await.unwrap();
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://console.example"
    );
    let allowed = response.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(allowed.contains("authorization"), "{allowed}");
    let response = preflight(&sim, "https://evil.example").await.unwrap();
    assert_ne!(
        response
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_owned()),
        Some("https://evil.example".to_owned())
    );
}

fn corpus_file(name: &str) -> Vec<u8> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certs/corpus");
    std::fs::read(dir.join(name)).unwrap()
}

/// The body with a certificate instead of the secret in both settings.
fn certificate_body(file: &str, password: &str) -> Value {
    let mut body = valid_body();
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        let s = body[key].as_object_mut().unwrap();
        s.remove("applicationSecret");
        s.insert(
            "applicationCertificate".into(),
            json!(certificate::base64::encode(&corpus_file(file))),
        );
        s.insert("applicationCertificatePassword".into(), json!(password));
    }
    body
}

#[tokio::test]
async fn the_certificate_must_open_with_its_password_and_hold_a_key() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let refusals = [
        (
            certificate_body("openssl-default.p12", "wrong"),
            "password does not open",
        ),
        (
            certificate_body("openssl-certonly.p12", "Fixture-Passw0rd"),
            "not its private key",
        ),
        (
            certificate_body("cert-and-key.pem", ""),
            "must be a PKCS#12 (.pfx)",
        ),
    ];
    for (body, words) in refusals {
        let (status, reply) = sim.add("v8", &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{reply}");
        let message = reply["message"].as_str().unwrap();
        assert!(message.contains(words), "{message}");
        assert!(!message.contains("Fixture-Passw0rd"), "{message}");
    }
    let (status, reply) = sim
        .add(
            "v8",
            &token,
            &certificate_body("openssl-default.p12", "Fixture-Passw0rd"),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert_eq!(count_v8(&sim, &token).await, 1);
}

/// The server decodes with .NET's strict Base64: a page that sent URL-safe,
/// unpadded or wrapped text must fail here, not only against a real server.
#[tokio::test]
async fn the_certificate_must_be_standard_padded_base64() {
    // Its length is not a multiple of three, so the standard form is padded.
    let file = "openssl-chain.p12";
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let standard = certificate::base64::encode(&corpus_file(file));
    let url_safe = standard.replace('+', "-").replace('/', "_");
    let unpadded = standard.trim_end_matches('=').to_owned();
    let wrapped = standard
        .as_bytes()
        .chunks(64)
        .map(|line| std::str::from_utf8(line).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let with = |text: &str| {
        let mut body = certificate_body(file, "Fixture-Passw0rd");
        for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
            body[key]["applicationCertificate"] = json!(text);
        }
        body
    };
    for (name, text) in [
        ("url-safe", url_safe),
        ("unpadded", unpadded),
        ("wrapped", wrapped),
    ] {
        assert_ne!(
            text, standard,
            "{name}: the fixture must tell the forms apart"
        );
        let (status, reply) = sim.add("v8", &token, &with(&text)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {reply}");
        let message = reply["message"].as_str().unwrap();
        assert!(message.contains("not valid Base64"), "{name}: {message}");
    }
    assert_eq!(count_v8(&sim, &token).await, 0);
    // The same file in the standard form is taken: only the encoding was wrong.
    let (status, reply) = sim.add("v8", &token, &with(&standard)).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
}

/// An application-only body, written from the vendor's documents: one
/// application with a certificate; the account, the organization's name, or
/// both, in each chosen service's block.
fn app_only_body(exchange: bool, sharepoint: bool) -> Value {
    let block = |with_account: bool| {
        let mut s = json!({
            "useApplicationOnlyAuth": true,
            "applicationId": "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90",
            "applicationCertificate": certificate::base64::encode(&corpus_file("openssl-default.p12")),
            "applicationCertificatePassword": "Fixture-Passw0rd",
            "officeOrganizationName": "appOnly.onmicrosoft.com",
        });
        if with_account {
            s["account"] = json!("impersonation@apponly.onmicrosoft.com");
        }
        s
    };
    let mut body = json!({
        "type": "Office365", "region": "Worldwide",
        "isExchangeOnline": exchange, "isSharePointOnline": sharepoint,
        "isTeamsOnline": false, "isTeamsChatsOnline": false,
    });
    if exchange {
        body["exchangeOnlineSettings"] = block(true);
    }
    if sharepoint {
        body["sharePointOnlineSettings"] = block(exchange);
    }
    body
}

#[tokio::test]
async fn application_only_bodies_are_accepted_on_every_version() {
    let sim = Sim::start().await;
    for (version, exchange, sharepoint) in
        [("v6", true, false), ("v7", false, true), ("v8", true, true)]
    {
        let token = sim.sign_in(version).await;
        let mut body = app_only_body(exchange, sharepoint);
        // One organization per version: duplicates are refused by name.
        let name = format!("apponly-{version}.onmicrosoft.com");
        for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
            if body[key].is_object() {
                body[key]["officeOrganizationName"] = json!(name);
            }
        }
        let (status, created) = sim.add(version, &token, &body).await;
        assert!(status.is_success(), "{version}: {created}");
        assert_eq!(
            created["name"],
            name.as_str(),
            "the organization name names it"
        );
        let echoed = created.to_string();
        for secret in [
            "\"applicationCertificate\"",
            "applicationCertificatePassword",
            "Fixture-Passw0rd",
        ] {
            assert!(!echoed.contains(secret), "no secret echoed: {secret}");
        }
        let (status, again) = sim.add(version, &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            again["message"].as_str().unwrap().contains("already"),
            "{again}"
        );
    }
}

/// A refusal case: what is wrong, how the body is changed, what the message says.
type Refusal = (&'static str, fn(&mut Value), &'static str);

#[tokio::test]
async fn application_only_refusals_name_what_is_wrong() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let cases: Vec<Refusal> = vec![
        (
            "a secret",
            |b| b["exchangeOnlineSettings"]["applicationSecret"] = json!("x~y"),
            "needs applicationCertificate",
        ),
        (
            "no certificate",
            |b| {
                b["exchangeOnlineSettings"]
                    .as_object_mut()
                    .unwrap()
                    .remove("applicationCertificate");
            },
            "applicationCertificate is required",
        ),
        (
            "a wrong password",
            |b| b["exchangeOnlineSettings"]["applicationCertificatePassword"] = json!("nope"),
            "cannot be opened",
        ),
        (
            "no application",
            |b| {
                b["exchangeOnlineSettings"]
                    .as_object_mut()
                    .unwrap()
                    .remove("applicationId");
            },
            "applicationId is required",
        ),
        (
            "a bad application ID",
            |b| b["exchangeOnlineSettings"]["applicationId"] = json!("0b5f2a4e"),
            "not a valid GUID",
        ),
        (
            "neither account nor name",
            |b| {
                let s = b["exchangeOnlineSettings"].as_object_mut().unwrap();
                s.remove("account");
                s.remove("officeOrganizationName");
            },
            "account or officeOrganizationName is required",
        ),
        (
            "a name that is not a domain",
            |b| b["exchangeOnlineSettings"]["officeOrganizationName"] = json!("contoso"),
            "not a domain",
        ),
        (
            "SharePoint alone without the name",
            |b| {
                *b = app_only_body(false, true);
                b["sharePointOnlineSettings"]
                    .as_object_mut()
                    .unwrap()
                    .remove("officeOrganizationName");
                b["sharePointOnlineSettings"]["account"] = json!("a@apponly.onmicrosoft.com");
            },
            "officeOrganizationName is required",
        ),
    ];
    for (what, change, words) in cases {
        let mut body = app_only_body(true, false);
        change(&mut body);
        let (status, answer) = sim.add("v8", &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {answer}");
        let message = answer["message"].as_str().unwrap();
        assert!(message.contains(words), "{what}: {message}");
    }
}

async fn post_json(sim: &Sim, path: &str, token: &str, body: &Value) -> (StatusCode, Value) {
    let response = sim
        .http
        .post(format!("{}{path}", sim.base))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    (
        response.status(),
        response.json().await.unwrap_or(Value::Null),
    )
}

async fn sign_in_code(sim: &Sim, code: &str) -> StatusCode {
    sim.http
        .post(format!("{}/_sim/device-codes/{code}/sign-in", sim.base))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn device_codes_are_issued_checked_and_used_once() {
    let sim = Sim::start().await;
    for version in ["v6", "v7", "v8"] {
        let token = sim.sign_in(version).await;
        let path = format!("/{version}/DeviceCode");
        let (status, code) =
            post_json(&sim, &path, &token, &json!({"targetRegion": "Worldwide"})).await;
        assert_eq!(status, StatusCode::OK, "{version}: {code}");
        let user_code = code["userCode"].as_str().unwrap().to_owned();
        assert_eq!(user_code.len(), 9);
        assert_eq!(code["verificationUrl"], "https://microsoft.com/devicelogin");
        assert_eq!(code["expiresIn"], 900);
        assert!(code["message"].as_str().unwrap().contains(&user_code));

        let check = format!("/{version}/DeviceCode/check");
        let ask = json!({ "userCode": user_code });
        assert_eq!(
            post_json(&sim, &check, &token, &ask).await.1["authenticated"],
            false
        );
        assert_eq!(sign_in_code(&sim, &user_code).await, StatusCode::NO_CONTENT);
        assert_eq!(
            post_json(&sim, &check, &token, &ask).await.1["authenticated"],
            true
        );

        // The organization request carries the code once.
        let mut body = app_only_body(true, false);
        let name = format!("devicecode-{version}.onmicrosoft.com");
        body["exchangeOnlineSettings"]["officeOrganizationName"] = json!(name);
        body["userCode"] = json!(user_code);
        body["newApplicationName"] = json!("Veeam Backup for Microsoft 365 - devicecode");
        // The server registers the application: an ID of one is refused.
        let (status, refused) = sim.add(version, &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{version}: {refused}");
        assert!(
            refused["message"]
                .as_str()
                .unwrap()
                .contains("cannot be given with newApplicationName")
        );
        body["exchangeOnlineSettings"]
            .as_object_mut()
            .unwrap()
            .remove("applicationId");
        let (status, created) = sim.add(version, &token, &body).await;
        assert!(status.is_success(), "{version}: {created}");
        let application = created["exchangeOnlineSettings"]["applicationId"]
            .as_str()
            .unwrap();
        assert_ne!(
            application, "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90",
            "the new application's id"
        );
        body["exchangeOnlineSettings"]["officeOrganizationName"] = json!(format!("again-{name}"));
        let (status, again) = sim.add(version, &token, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            again["message"]
                .as_str()
                .unwrap()
                .contains("already been used"),
            "{again}"
        );
    }
}

#[tokio::test]
async fn device_code_refusals_name_what_is_wrong() {
    let sim = Sim::start_with(Config {
        device_code_lifetime_secs: 0,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v8").await;
    let (status, _) = post_json(&sim, "/v8/DeviceCode", "forged", &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, answer) = post_json(
        &sim,
        "/v8/DeviceCode",
        &token,
        &json!({"targetRegion": "Mars"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    // Lifetime 0: every code has already expired.
    let (_, code) = post_json(&sim, "/v8/DeviceCode", &token, &json!({})).await;
    let user_code = code["userCode"].as_str().unwrap();
    let (status, answer) = post_json(
        &sim,
        "/v8/DeviceCode/check",
        &token,
        &json!({"userCode": user_code}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["message"].as_str().unwrap().contains("expired"),
        "{answer}"
    );
    let (status, answer) = post_json(
        &sim,
        "/v8/DeviceCode/check",
        &token,
        &json!({"userCode": "NOPE"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["message"].as_str().unwrap().contains("not issued"),
        "{answer}"
    );
    assert_eq!(sign_in_code(&sim, "NOPE").await, StatusCode::NOT_FOUND);

    let mut body = app_only_body(true, false);
    body["configureApplication"] = json!(true);
    let (status, answer) = sim.add("v8", &token, &body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("userCode is required"),
        "{answer}"
    );
    body["userCode"] = json!(user_code);
    let (_, answer) = sim.add("v8", &token, &body).await;
    assert!(
        answer["message"].as_str().unwrap().contains("expired"),
        "{answer}"
    );

    let mut chats = app_only_body(true, true);
    chats["isTeamsOnline"] = json!(true);
    chats["isTeamsChatsOnline"] = json!(true);
    chats["newApplicationName"] = json!("x");
    chats["userCode"] = json!(user_code);
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        chats[key].as_object_mut().unwrap().remove("applicationId");
    }
    let (_, answer) = sim.add("v8", &token, &chats).await;
    assert!(
        answer["message"].as_str().unwrap().contains("Teams chats"),
        "{answer}"
    );
}

#[tokio::test]
async fn auto_sign_in_lets_the_demo_finish_without_a_tenant() {
    let sim = Sim::start_with(Config {
        auto_sign_in_secs: Some(0),
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v8").await;
    let (_, code) = post_json(&sim, "/v8/DeviceCode", &token, &json!({})).await;
    let (_, checked) = post_json(
        &sim,
        "/v8/DeviceCode/check",
        &token,
        &json!({"userCode": code["userCode"]}),
    )
    .await;
    assert_eq!(checked["authenticated"], true);
}

/// A refusal armed with Microsoft's words comes back as the server sends it,
/// once; the add after it goes through.
#[tokio::test]
async fn refuse_answers_with_the_given_message() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    let message = "Failed to connect: AADSTS65001: The user or administrator has not consented to use the application.";
    arm(
        &sim,
        "add",
        json!({"kind": "refuse", "message": message, "errorCode": "ResourceAccessDenied"}),
    )
    .await;
    let (status, reply) = sim.add("v8", &token, &valid_body()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(reply["message"], message);
    assert_eq!(reply["errorCode"], "ResourceAccessDenied");
    assert_eq!(count_v8(&sim, &token).await, 0);

    arm(
        &sim,
        "add",
        json!({"kind": "refuse", "status": 403, "message": "No."}),
    )
    .await;
    let (status, reply) = sim.add("v8", &token, &valid_body()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(reply.get("errorCode"), None);
    assert_eq!(
        sim.add("v8", &token, &valid_body()).await.0,
        StatusCode::CREATED
    );
}

/// What Microsoft would answer the server for a certificate it cannot sign
/// in with, with the thumbprint of the certificate sent.
#[tokio::test]
async fn microsoft_refuses_expired_and_weak_keys() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v8").await;
    for (file, reason) in [
        ("openssl-expired.p12", "[Reason - The key used is expired."),
        (
            "openssl-rsa1024.p12",
            "[Reason - RSA key size 1024 is less than the minimum required 2048 bits.",
        ),
    ] {
        let bytes = corpus_file(file);
        let thumbprint = certificate::open(&[&bytes], "Fixture-Passw0rd", 0)
            .unwrap()
            .summary
            .sha1_thumbprint;
        let (status, reply) = sim
            .add("v8", &token, &certificate_body(file, "Fixture-Passw0rd"))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{file}: {reply}");
        let message = reply["message"].as_str().unwrap();
        assert!(
            message.contains("AADSTS700027: Client assertion contains an invalid signature."),
            "{message}"
        );
        assert!(message.contains(reason), "{file}: {message}");
        assert!(
            message.contains(&format!("Thumbprint of key used by client: '{thumbprint}'")),
            "{message}"
        );
        assert!(message.contains("Trace ID: "), "{message}");
    }
    assert_eq!(count_v8(&sim, &token).await, 0);
}

/// The SHA-1 thumbprint of a corpus .pfx.
fn thumbprint_of(file: &str) -> String {
    certificate::open(&[&corpus_file(file)], "Fixture-Passw0rd", 0)
        .unwrap()
        .summary
        .sha1_thumbprint
}

/// An app-only body for `name` with the certificate `file`.
fn app_only_with(name: &str, file: &str) -> Value {
    let mut body = app_only_body(true, true);
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        body[key]["officeOrganizationName"] = json!(name);
        body[key]["applicationCertificate"] =
            json!(certificate::base64::encode(&corpus_file(file)));
    }
    body
}

/// The server keeps a certificate's thumbprint, and an edit that gives a new
/// certificate replaces it; every version, the answers without secrets.
#[tokio::test]
async fn an_edit_renews_the_certificate_and_the_server_keeps_its_thumbprint() {
    let sim = Sim::start().await;
    for version in ["v6", "v7", "v8"] {
        let token = sim.sign_in(version).await;
        let name = format!("renew-{version}.onmicrosoft.com");
        let (status, created) = sim
            .add(
                version,
                &token,
                &app_only_with(&name, "openssl-default.p12"),
            )
            .await;
        assert!(status.is_success(), "{created}");
        let id = created["id"].as_str().unwrap();
        let (status, read) = sim.get_one(version, &token, id).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            read["exchangeOnlineSettings"]["applicationCertificateThumbprint"],
            thumbprint_of("openssl-default.p12")
        );

        let (status, text) = sim
            .put(
                version,
                &token,
                id,
                &app_only_with(&name, "openssl-rsa4096.p12"),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{text}");
        assert_eq!(text, "");
        let (_, read) = sim.get_one(version, &token, id).await;
        let new = thumbprint_of("openssl-rsa4096.p12");
        assert_ne!(new, thumbprint_of("openssl-default.p12"));
        assert_eq!(
            read["exchangeOnlineSettings"]["applicationCertificateThumbprint"],
            new.as_str()
        );
        assert_eq!(
            read["sharePointOnlineSettings"]["applicationCertificateThumbprint"],
            new.as_str()
        );
        assert_eq!(read["id"], id);
        assert_eq!(read["name"], name.as_str());
        assert!(!read.to_string().contains("Fixture-Passw0rd"));
    }
}

/// What an edit may not do: become another organization, leave app-only,
/// register a new application; and an unknown id is 404.
#[tokio::test]
async fn an_edit_keeps_the_identity_and_app_only() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v7").await;
    let name = "kept.onmicrosoft.com";
    let (_, created) = sim
        .add("v7", &token, &app_only_with(name, "openssl-default.p12"))
        .await;
    let id = created["id"].as_str().unwrap();

    let (status, text) = sim
        .put(
            "v7",
            &token,
            id,
            &app_only_with("other.onmicrosoft.com", "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("cannot become another one"), "{text}");

    let mut legacy = valid_body();
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        legacy[key] = legacy_settings(&format!("admin@{name}"));
    }
    let (status, text) = sim.put("v7", &token, id, &legacy).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("cannot be switched back"), "{text}");

    let mut registering = app_only_with(name, "openssl-default.p12");
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        registering[key]
            .as_object_mut()
            .unwrap()
            .remove("applicationId");
    }
    registering["newApplicationName"] = json!("Another");
    registering["userCode"] = json!("ABC");
    let (status, text) = sim.put("v7", &token, id, &registering).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("keeps an existing application"), "{text}");

    let (status, text) = sim
        .put(
            "v7",
            &token,
            "3f1c0000-0000-4000-8000-000000000000",
            &app_only_with(name, "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(text.contains("was not found"), "{text}");
    let (status, _) = sim.get_one("v7", &token, "nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The demo's two organizations: on v8 the legacy one may keep its method
/// in an edit (only new ones are refused), and may move to app-only, once.
#[tokio::test]
async fn a_legacy_organization_on_v8_keeps_its_method_or_moves_to_app_only() {
    let sim = Sim::start_with(Config {
        demo_organizations: true,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v8").await;
    let list = sim.list("v8", &token).await["results"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(list.len(), 2);
    let northwind = &list[0];
    assert_eq!(northwind["name"], "northwind.onmicrosoft.com");
    assert_eq!(
        northwind["exchangeOnlineSettings"]["useApplicationOnlyAuth"],
        true
    );
    assert_eq!(
        northwind["exchangeOnlineSettings"]["applicationCertificateThumbprint"]
            .as_str()
            .unwrap()
            .len(),
        40
    );
    let fabrikam = &list[1];
    assert_eq!(fabrikam["name"], "fabrikam.onmicrosoft.com");
    let id = fabrikam["id"].as_str().unwrap();

    // Kept legacy: taken in an edit, refused in an add.
    let mut legacy = valid_body();
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        legacy[key] = legacy_settings("admin@fabrikam.onmicrosoft.com");
    }
    let (status, text) = sim.put("v8", &token, id, &legacy).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{text}");
    let (status, _) = sim.add("v8", &token, &legacy).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Moved to app-only, then it cannot go back.
    let (status, text) = sim
        .put(
            "v8",
            &token,
            id,
            &app_only_with("fabrikam.onmicrosoft.com", "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{text}");
    let (status, text) = sim.put("v8", &token, id, &legacy).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("cannot be switched back"), "{text}");
}

/// Faults reach the edit and the read, and `--organizations` seeds many.
#[tokio::test]
async fn edit_faults_and_many_organizations() {
    let sim = Sim::start_with(Config {
        organizations: 2000,
        ..Config::default()
    })
    .await;
    let token = sim.sign_in("v7").await;
    let all = sim.list("v7", &token).await;
    assert_eq!(all.as_array().unwrap().len(), 2000);
    let id = all[0]["id"].as_str().unwrap().to_owned();
    arm(&sim, "edit", json!({"kind": "status", "status": 503})).await;
    let (status, _) = sim
        .put(
            "v7",
            &token,
            &id,
            &app_only_with("tenant0001.onmicrosoft.com", "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    arm(&sim, "read", json!({"kind": "expired_token"})).await;
    assert_eq!(
        sim.get_one("v7", &token, &id).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, text) = sim
        .put(
            "v7",
            &token,
            &id,
            &app_only_with("tenant0001.onmicrosoft.com", "openssl-default.p12"),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{text}");
}

/// `GET /_sim/idle` answers once the abandoned slow request is done.
#[tokio::test]
async fn idle_waits_for_requests_in_flight() {
    let sim = Sim::start().await;
    let token = sim.sign_in("v7").await;
    arm(&sim, "add", json!({"kind": "latency", "ms": 400})).await;
    let slow = {
        let (http, url, token) = (
            sim.http.clone(),
            format!("{}/v7/Organizations", sim.base),
            token.clone(),
        );
        tokio::spawn(async move {
            http.post(url)
                .bearer_auth(token)
                .json(&valid_body())
                .send()
                .await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let started = std::time::Instant::now();
    let idle = sim
        .http
        .get(format!("{}/_sim/idle", sim.base))
        .send()
        .await
        .unwrap();
    assert_eq!(idle.status(), StatusCode::NO_CONTENT);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(250),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        sim.list("v7", &token).await.as_array().unwrap().len(),
        1,
        "the slow add was done"
    );
    slow.await.unwrap().unwrap();
    // With nothing in flight it answers at once.
    let started = std::time::Instant::now();
    assert_eq!(
        sim.http
            .get(format!("{}/_sim/idle", sim.base))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert!(started.elapsed() < std::time::Duration::from_millis(200));
}

/// What a browser meets when the connection closes after a PUT that granted
/// through a device code: the edit is saved, not one byte comes back, and
/// the same body sent again is refused, because Microsoft takes a code once.
#[tokio::test]
async fn a_cut_edit_through_a_device_code_is_saved_and_its_repeat_refused() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sim = Sim::start().await;
    for version in ["v7", "v8"] {
        let token = sim.sign_in(version).await;
        let name = format!("granted-{version}.onmicrosoft.com");
        let (status, created) = sim
            .add(
                version,
                &token,
                &app_only_with(&name, "openssl-default.p12"),
            )
            .await;
        assert!(status.is_success(), "{created}");
        let id = created["id"].as_str().unwrap().to_owned();
        let (_, issued) =
            post_json(&sim, &format!("/{version}/DeviceCode"), &token, &json!({})).await;
        let code = issued["userCode"].as_str().unwrap().to_owned();
        assert_eq!(sign_in_code(&sim, &code).await, StatusCode::NO_CONTENT);
        let mut body = app_only_with(&name, "openssl-rsa4096.p12");
        body["configureApplication"] = json!(true);
        body["userCode"] = json!(code);

        arm(&sim, "edit", json!({"kind": "close_after_commit"})).await;
        let text = body.to_string();
        let request = format!(
            "PUT /{version}/Organizations/{id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{text}",
            text.len()
        );
        let mut stream = tokio::net::TcpStream::connect(sim.base.trim_start_matches("http://"))
            .await
            .unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer).await;
        assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
        let (_, read) = sim.get_one(version, &token, &id).await;
        assert_eq!(
            read["exchangeOnlineSettings"]["applicationCertificateThumbprint"],
            thumbprint_of("openssl-rsa4096.p12").as_str(),
            "{version}: the work was done"
        );
        // The browser's repeat: the same body, the same code.
        let (status, refused) = sim.put(version, &token, &id, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{version}: {refused}");
        assert!(refused.contains("already been used"), "{refused}");
    }
}
