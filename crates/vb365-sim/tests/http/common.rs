//! What every test of the simulator shares: a simulator on loopback, with
//! calls to it, and the bodies the tests send.
#![allow(dead_code)] // each endpoint's tests use a part

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use std::net::SocketAddr;
use vb365_sim::Config;

pub(crate) struct Sim {
    pub(crate) base: String,
    pub(crate) http: Client,
}

impl Sim {
    pub(crate) async fn start() -> Self {
        Self::start_with(Config::default()).await
    }

    pub(crate) async fn start_with(config: Config) -> Self {
        let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let bound = vb365_sim::spawn(addr, config).await.expect("bind");
        Self {
            base: format!("http://{bound}"),
            http: Client::new(),
        }
    }

    pub(crate) async fn token_form(&self, version: &str, form: &str) -> (StatusCode, Value) {
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

    pub(crate) async fn sign_in(&self, version: &str) -> String {
        let (status, body) = self
            .token_form(version, "grant_type=password&username=admin&password=admin")
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// One API call with the bearer `token`, and a JSON body if given.
    pub(crate) async fn call(
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

    pub(crate) async fn add(
        &self,
        version: &str,
        token: &str,
        body: &Value,
    ) -> (StatusCode, Value) {
        let path = format!("{version}/Organizations");
        let response = self
            .call(reqwest::Method::POST, &path, token, Some(body))
            .await;
        (response.status(), response.json().await.unwrap())
    }

    pub(crate) async fn list(&self, version: &str, token: &str) -> Value {
        let path = format!("{version}/Organizations");
        let response = self.call(reqwest::Method::GET, &path, token, None).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    pub(crate) async fn get_one(
        &self,
        version: &str,
        token: &str,
        id: &str,
    ) -> (StatusCode, Value) {
        let path = format!("{version}/Organizations/{id}");
        let response = self.call(reqwest::Method::GET, &path, token, None).await;
        (response.status(), response.json().await.unwrap())
    }

    pub(crate) async fn put(
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
pub(crate) async fn count_v8(sim: &Sim, token: &str) -> usize {
    sim.list("v8", token).await["results"]
        .as_array()
        .unwrap()
        .len()
}

/// A service block every version accepts for a new organization: modern
/// app-only, with a certificate OpenSSL wrote and the account to impersonate.
pub(crate) fn settings(account: &str) -> Value {
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
pub(crate) fn legacy_settings(account: &str) -> Value {
    json!({
        "account": account,
        "password": "app-pass",
        "grantAdminAccess": true,
        "useMfa": true,
        "applicationId": "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90",
        "applicationSecret": "s3cret~value"
    })
}

pub(crate) fn valid_body() -> Value {
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
pub(crate) fn legacy_body() -> Value {
    let mut body = valid_body();
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        body[key] = legacy_settings("admin@contoso.onmicrosoft.com");
    }
    body
}

pub(crate) async fn logout(sim: &Sim, version: &str, token: &str) -> StatusCode {
    sim.http
        .post(format!("{}/{version}/token/logout", sim.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

pub(crate) fn uuid_like(text: &str) -> bool {
    text.len() == 36 && text.matches('-').count() == 4
}

pub(crate) async fn arm(sim: &Sim, target: &str, fault: Value) {
    let response = sim
        .http
        .post(format!("{}/_sim/faults", sim.base))
        .json(&json!({ "target": target, "fault": fault }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

pub(crate) fn corpus_file(name: &str) -> Vec<u8> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/certs/corpus");
    std::fs::read(dir.join(name)).unwrap()
}

/// The body with a certificate instead of the secret in both settings.
pub(crate) fn certificate_body(file: &str, password: &str) -> Value {
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

/// An application-only body, written from the vendor's documents: one
/// application with a certificate; the account, the organization's name, or
/// both, in each chosen service's block.
pub(crate) fn app_only_body(exchange: bool, sharepoint: bool) -> Value {
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

pub(crate) async fn post_json(
    sim: &Sim,
    path: &str,
    token: &str,
    body: &Value,
) -> (StatusCode, Value) {
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

pub(crate) async fn sign_in_code(sim: &Sim, code: &str) -> StatusCode {
    sim.http
        .post(format!("{}/_sim/device-codes/{code}/sign-in", sim.base))
        .send()
        .await
        .unwrap()
        .status()
}

/// The SHA-1 thumbprint of a corpus .pfx.
pub(crate) fn thumbprint_of(file: &str) -> String {
    certificate::open(&[&corpus_file(file)], "Fixture-Passw0rd", 0)
        .unwrap()
        .summary
        .sha1_thumbprint
}

/// An app-only body for `name` with the certificate `file`.
pub(crate) fn app_only_with(name: &str, file: &str) -> Value {
    let mut body = app_only_body(true, true);
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        body[key]["officeOrganizationName"] = json!(name);
        body[key]["applicationCertificate"] =
            json!(certificate::base64::encode(&corpus_file(file)));
    }
    body
}

/// Sends `method path` with the JSON `body` over a raw connection and
/// answers every byte that came back before the server closed it: what a
/// client reads when a fault cuts the answer.
pub(crate) async fn raw_answer(
    sim: &Sim,
    method: &str,
    path: &str,
    token: &str,
    body: &Value,
) -> Vec<u8> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let text = body.to_string();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{text}",
        text.len()
    );
    let mut stream = tokio::net::TcpStream::connect(sim.base.trim_start_matches("http://"))
        .await
        .unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    answer
}
