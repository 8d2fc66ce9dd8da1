//! Organizations a simulator starts with: a few for a newcomer to edit and
//! check (`make serve`), healthy, legacy and failing, and any number for
//! trying the lists at a service provider's scale.

use crate::Sim;
use crate::health::Cause;
use crate::organizations::stored_form;
use serde_json::{Value, json};
use std::time::Duration;

/// An app-only organization whose certificate expires within 30 days, a
/// legacy one (modern authentication with legacy protocols) to move to
/// app-only, and app-only ones that fail: an expired certificate, a key
/// never registered, consent never given, and one whose first sync runs.
pub fn demo(sim: &Sim) {
    let thumbprint = expiring_thumbprint().unwrap_or_default();
    let app_only = json!({
        "type": "Office365",
        "region": "Worldwide",
        "isExchangeOnline": true,
        "isSharePointOnline": true,
        "isTeamsOnline": true,
        "isTeamsChatsOnline": false,
        "exchangeOnlineSettings": app_only_settings("northwind.onmicrosoft.com", "backup@northwind.onmicrosoft.com", "6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84", &thumbprint),
        "sharePointOnlineSettings": app_only_settings("northwind.onmicrosoft.com", "backup@northwind.onmicrosoft.com", "6a1f4c2e-93b7-4d85-a0e2-5c7b9d3f1e84", &thumbprint),
    });
    let legacy_settings = json!({
        "account": "admin@fabrikam.onmicrosoft.com",
        "grantAdminAccess": false,
        "useMfa": true,
        "useApplicationOnlyAuth": false,
        "applicationId": "2c9d7e51-0b4a-4f3e-8d61-7a5b3c2e9f10",
    });
    let legacy = json!({
        "type": "Office365",
        "region": "Worldwide",
        "isExchangeOnline": true,
        "isSharePointOnline": true,
        "isTeamsOnline": false,
        "isTeamsChatsOnline": false,
        "exchangeOnlineSettings": legacy_settings,
        "sharePointOnlineSettings": legacy_settings,
    });
    let hour = Duration::from_secs(3600);
    let id = add(sim, &app_only, "northwind.onmicrosoft.com");
    seed_state(sim, &id, None, hour);
    let id = add(sim, &legacy, "fabrikam.onmicrosoft.com");
    sim.health.seed_job(&id);
    let failing = [
        (
            "contoso",
            "3f2b8c61-7d4e-4a95-b0c3-9e1f5a7d2c48",
            Some(Cause::Expired),
        ),
        (
            "adatum",
            "8e5d1a27-4c9b-4f3e-a6d2-0b7c3e9f1a65",
            Some(Cause::NotRegistered),
        ),
        (
            "tailspin",
            "c47a9e02-6b1d-4e8f-93a5-2d8f0c6b7e19",
            Some(Cause::NoConsent),
        ),
        ("wingtip", "1d9c6f3a-8e27-4b50-a4c1-7f2e5b8d0a93", None),
    ];
    for (n, (tenant, application, cause)) in failing.into_iter().enumerate() {
        let name = format!("{tenant}.onmicrosoft.com");
        let thumbprint = format!("{:040X}", 0xC0FFEE_u64 * (n as u64 + 3));
        let body = app_only_body(&name, application, &thumbprint, true);
        let id = add(sim, &body, &name);
        if tenant == "wingtip" {
            // Added a moment ago: its first sync runs for a while.
            sim.health.start(&id, 10 * 60 * Duration::from_secs(1));
        } else {
            seed_state(sim, &id, cause, 5 * hour);
        }
    }
}

/// A seeded organization's last sync, ended `ago`.
fn seed_state(sim: &Sim, id: &str, cause: Option<Cause>, ago: Duration) {
    if let Some(organization) = sim.store.organization(id) {
        sim.health.seed(id, &organization, cause, ago);
    }
}

/// The cause of the `n`th scale organization's failure, if it fails: a
/// few in every hundred, of each kind.
fn scale_cause(n: usize) -> Option<Cause> {
    match n % 100 {
        17 | 61 => Some(Cause::Expired),
        43 => Some(Cause::NoConsent),
        88 if n % 200 == 88 => Some(Cause::NotRegistered),
        _ => None,
    }
}

/// `count` app-only organizations, `tenant0001.onmicrosoft.com` onwards,
/// a few in every hundred failing ([`scale_cause`]).
pub fn many(sim: &Sim, count: usize) {
    for n in 1..=count {
        let name = format!("tenant{n:04}.onmicrosoft.com");
        let application = format!("{:08x}-0000-4000-8000-{:012x}", n, n);
        let thumbprint = format!("{:040X}", n * 7919);
        let mut body = app_only_body(&name, &application, &thumbprint, n % 3 != 0);
        if n % 10 == 0 {
            body["region"] = Value::from("USGovernment");
        }
        let id = add(sim, &body, &name);
        seed_state(
            sim,
            &id,
            scale_cause(n),
            Duration::from_secs(3600 + n as u64),
        );
    }
}

/// An app-only organization with Exchange Online, and SharePoint Online
/// when `sharepoint`.
fn app_only_body(name: &str, application: &str, thumbprint: &str, sharepoint: bool) -> Value {
    let settings = app_only_settings(name, &format!("backup@{name}"), application, thumbprint);
    json!({
        "type": "Office365",
        "region": "Worldwide",
        "isExchangeOnline": true,
        "isSharePointOnline": sharepoint,
        "isTeamsOnline": false,
        "isTeamsChatsOnline": false,
        "exchangeOnlineSettings": settings,
        "sharePointOnlineSettings": if sharepoint { settings.clone() } else { Value::Null },
    })
}

fn app_only_settings(name: &str, account: &str, application: &str, thumbprint: &str) -> Value {
    json!({
        "account": account,
        "officeOrganizationName": name,
        "useApplicationOnlyAuth": true,
        "applicationId": application,
        "applicationCertificateThumbprint": thumbprint,
    })
}

/// Adds a seeded organization; answers its id.
fn add(sim: &Sim, body: &Value, name: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    // Seeding an empty store: no name can be taken yet.
    let _ = sim
        .store
        .add_organization(stored_form(body, &id, name, "v8"));
    id
}

/// The thumbprint of a real certificate that expires in 25 days, so the
/// demo's app-only organization has one worth renewing.
fn expiring_thumbprint() -> Option<String> {
    let now = crate::clock::unix_now();
    let (y, m, d) = certificate::civil_from_days(now / 86_400 + 25);
    let mut params =
        rcgen::CertificateParams::new(vec!["Veeam Backup for Microsoft 365 - northwind".into()])
            .ok()?;
    params.not_after = rcgen::date_time_ymd(
        i32::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    );
    let key = rcgen::KeyPair::generate().ok()?;
    let cert = params.self_signed(&key).ok()?;
    let opened = certificate::open(
        &[cert.pem().as_bytes(), key.serialize_pem().as_bytes()],
        "",
        now,
    )
    .ok()?;
    Some(opened.summary.sha1_thumbprint)
}
