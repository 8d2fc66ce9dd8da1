//! Organizations a simulator starts with: two for a newcomer to edit
//! (`make serve`), and any number for trying the organization step at a
//! service provider's scale.

use crate::Store;
use crate::organizations::stored_form;
use serde_json::{Value, json};

/// An app-only organization whose certificate expires within 30 days, and
/// a legacy one (modern authentication with legacy protocols) to move to
/// app-only.
pub fn demo(store: &Store) {
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
    for (body, name) in [
        (app_only, "northwind.onmicrosoft.com"),
        (legacy, "fabrikam.onmicrosoft.com"),
    ] {
        add(store, &body, name);
    }
}

/// `count` app-only organizations, `tenant0001.onmicrosoft.com` onwards.
pub fn many(store: &Store, count: usize) {
    for n in 1..=count {
        let name = format!("tenant{n:04}.onmicrosoft.com");
        let application = format!("{:08x}-0000-4000-8000-{:012x}", n, n);
        let thumbprint = format!("{:040X}", n * 7919);
        let settings =
            app_only_settings(&name, &format!("backup@{name}"), &application, &thumbprint);
        let body = json!({
            "type": "Office365",
            "region": if n % 10 == 0 { "USGovernment" } else { "Worldwide" },
            "isExchangeOnline": true,
            "isSharePointOnline": n % 3 != 0,
            "isTeamsOnline": false,
            "isTeamsChatsOnline": false,
            "exchangeOnlineSettings": settings,
            "sharePointOnlineSettings": if n % 3 != 0 { settings.clone() } else { Value::Null },
        });
        add(store, &body, &name);
    }
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

fn add(store: &Store, body: &Value, name: &str) {
    let id = uuid::Uuid::new_v4().to_string();
    // Seeding an empty store: no name can be taken yet.
    let _ = store.add_organization(stored_form(body, &id, name, "v8"));
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
