//! The server's checks of a `POST /Organizations` body, over untyped JSON.
//!
//! Written from the product design and the vendor's OpenAPI documents, independently
//! of the client's request types.

use crate::Version;
use serde_json::{Map, Value};

pub(crate) const REGIONS: [&str; 5] =
    ["Worldwide", "Germany", "China", "USDefence", "USGovernment"];
const APPLICATION_FIELDS: [&str; 4] = [
    "applicationId",
    "applicationSecret",
    "applicationCertificate",
    "applicationCertificatePassword",
];

/// How a service's settings sign in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Auth {
    /// An account and its password (`useMfa: false`).
    Basic,
    /// Modern authentication with legacy protocols (`useMfa: true`).
    Legacy,
    /// Modern app-only authentication (`useApplicationOnlyAuth: true`).
    AppOnly,
}

/// What a body is checked for: a new organization, or an edit of one
/// that already exists (which v8 lets keep a legacy or basic method).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `POST /Organizations`.
    Add,
    /// `PUT /Organizations/{id}` of an organization that does not use
    /// app-only authentication: its method may stay.
    EditKeepingMethod,
    /// `PUT /Organizations/{id}` of an app-only organization.
    Edit,
}

/// Checks an organization body as a server of `version` does; `Err` holds
/// the message the server answers with.
pub fn validate_organization(
    body: &Value,
    version: Version,
    purpose: Purpose,
) -> Result<(), String> {
    // v8 adds no new legacy or basic organizations; existing ones are kept.
    let v8 = version == Version::V8 && purpose != Purpose::EditKeepingMethod;
    let Value::Object(org) = body else {
        return Err("The organization must be a JSON object.".into());
    };
    match org.get("type") {
        Some(Value::String(t)) if t == "Office365" => {}
        Some(Value::String(t)) => {
            return Err(format!(
                "Organization type {t} cannot be added this way: only Office365 is supported."
            ));
        }
        _ => return Err("The organization type is required and must be Office365.".into()),
    }
    let region = match org.get("region") {
        None | Some(Value::Null) => "Worldwide",
        Some(Value::String(r)) if REGIONS.contains(&r.as_str()) => r.as_str(),
        Some(other) => {
            return Err(format!(
                "Region {other} is not valid. Valid regions: {}.",
                REGIONS.join(", ")
            ));
        }
    };
    let services = chosen_services(org, region, v8)?;
    for (chosen, key) in [
        (services.exchange, "exchangeOnlineSettings"),
        (services.sharepoint, "sharePointOnlineSettings"),
    ] {
        match (chosen, org.get(key)) {
            (true, Some(Value::Object(settings))) => {
                check_block(org, key, settings, &services, region, v8)?;
            }
            (true, _) => return Err(format!("{key} is required for the chosen service.")),
            (false, None | Some(Value::Null)) => {}
            (false, Some(_)) => {
                return Err(format!("{key} was sent for a service that is not chosen."));
            }
        }
    }
    Ok(())
}

/// The services an organization body chooses.
struct Chosen {
    exchange: bool,
    sharepoint: bool,
    teams_chats: bool,
}

/// The services the body chooses, refused where they do not go together
/// or the region does not offer them.
fn chosen_services(org: &Map<String, Value>, region: &str, v8: bool) -> Result<Chosen, String> {
    let exchange = flag(org, "isExchangeOnline")?;
    let sharepoint = flag(org, "isSharePointOnline")?;
    let teams = flag(org, "isTeamsOnline")?;
    let teams_chats = flag(org, "isTeamsChatsOnline")?;
    if !exchange && !sharepoint {
        return Err("Select at least one of Exchange Online and SharePoint Online.".into());
    }
    if teams && !(exchange && sharepoint) {
        return Err("Microsoft Teams requires both Exchange Online and SharePoint Online.".into());
    }
    if teams_chats && !teams {
        return Err("Teams chats require Microsoft Teams.".into());
    }
    // The v8 documentation's region rules.
    if teams && region == "China" {
        return Err("Microsoft Teams is not supported for the China region.".into());
    }
    if teams_chats && ["China", "USDefence", "USGovernment"].contains(&region) {
        return Err(format!(
            "Teams chats are not supported for the {region} region."
        ));
    }
    // v8 documents Germany as REST-only, without Teams.
    if v8 && teams && region == "Germany" {
        return Err("Microsoft Teams is not supported for the Germany region.".into());
    }
    Ok(Chosen {
        exchange,
        sharepoint,
        teams_chats,
    })
}

/// One chosen service's settings block (`key`), as the server checks it.
fn check_block(
    org: &Map<String, Value>,
    key: &str,
    settings: &Map<String, Value>,
    services: &Chosen,
    region: &str,
    v8: bool,
) -> Result<(), String> {
    let new_application = org.get("newApplicationName").is_some_and(Value::is_string);
    let auth = check_settings(key, settings, new_application)?;
    if auth == Auth::AppOnly
        && key == "sharePointOnlineSettings"
        && !services.exchange
        && !settings
            .get("officeOrganizationName")
            .is_some_and(Value::is_string)
    {
        return Err(format!(
            "{key}.officeOrganizationName is required with application-only authentication when Exchange Online is not chosen."
        ));
    }
    refuse_by_version(auth, region, v8)?;
    let modern = auth == Auth::Legacy;
    if modern && region == "China" {
        return Err(
            "Modern authentication with legacy protocols is not available for the China region."
                .into(),
        );
    }
    if modern && services.teams_chats {
        return Err("Teams chats cannot be backed up with legacy protocols allowed.".into());
    }
    Ok(())
}

/// What the documentation of each version says a method cannot add: no
/// app-only for Germany; on v8 no legacy protocols (Germany aside) and basic
/// only for China.
fn refuse_by_version(auth: Auth, region: &str, v8: bool) -> Result<(), String> {
    match auth {
        Auth::AppOnly if region == "Germany" => Err(
            "Modern app-only authentication is not supported for the Germany region.".into(),
        ),
        Auth::Legacy if v8 && region != "Germany" => Err(
            "Adding organizations with modern authentication and legacy protocols is no longer supported. Use modern app-only authentication (useApplicationOnlyAuth).".into(),
        ),
        Auth::Basic if v8 && region != "China" => Err(
            "Basic authentication is supported only for organizations in the China region. Use modern app-only authentication (useApplicationOnlyAuth).".into(),
        ),
        _ => Ok(()),
    }
}

/// An optional boolean property; absent or null is false.
fn flag(org: &Map<String, Value>, key: &str) -> Result<bool, String> {
    match org.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(format!("{key} must be true or false, not {other}.")),
    }
}

/// Checks one service's settings; returns how they sign in.
/// `new_application`: the body asks the server to register the application
/// (`newApplicationName`), so the blocks carry no application ID.
fn check_settings(
    key: &str,
    s: &Map<String, Value>,
    new_application: bool,
) -> Result<Auth, String> {
    let text = |field: &str| match s.get(field) {
        Some(Value::String(v)) if !v.trim().is_empty() => Some(v.as_str()),
        _ => None,
    };
    if flag(s, "useApplicationOnlyAuth").map_err(|e| format!("{key}.{e}"))? {
        return check_app_only(key, s, new_application).map(|()| Auth::AppOnly);
    }
    let account = text("account").ok_or_else(|| format!("{key}.account is required."))?;
    if !is_account(account) {
        return Err(format!(
            "{key}.account {account} is not in the form user@domain.com."
        ));
    }
    if text("password").is_none() {
        return Err(format!("{key}.password is required."));
    }
    for field in ["grantAdminAccess", "useMfa"] {
        flag(s, field).map_err(|e| format!("{key}.{e}"))?;
    }
    let modern = flag(s, "useMfa")?;
    if !modern {
        if let Some(field) = APPLICATION_FIELDS.iter().find(|f| s.contains_key(**f)) {
            return Err(format!(
                "{key}.{field} cannot be used with basic authentication (useMfa is false)."
            ));
        }
        return Ok(Auth::Basic);
    }
    check_application_id(key, text("applicationId"), "with useMfa")?;
    match (text("applicationSecret"), text("applicationCertificate")) {
        (Some(_), Some(_)) => Err(format!(
            "{key}: specify either applicationSecret or applicationCertificate, not both."
        )),
        (None, None) => Err(format!(
            "{key}: applicationSecret or applicationCertificate is required with useMfa."
        )),
        (Some(_), None) if s.contains_key("applicationCertificatePassword") => Err(format!(
            "{key}.applicationCertificatePassword is only used with applicationCertificate."
        )),
        (Some(_), None) => Ok(Auth::Legacy),
        (None, Some(certificate)) => {
            open_certificate(key, certificate, text("applicationCertificatePassword"))?;
            Ok(Auth::Legacy)
        }
    }
}

fn check_application_id(key: &str, id: Option<&str>, when: &str) -> Result<(), String> {
    let id = id.ok_or_else(|| format!("{key}.applicationId is required {when}."))?;
    if is_guid(id) {
        Ok(())
    } else {
        Err(format!("{key}.applicationId {id} is not a valid GUID."))
    }
}

/// Application-only settings: an application with a certificate (never a
/// secret), and the impersonation account or the organization's name.
fn check_app_only(key: &str, s: &Map<String, Value>, new_application: bool) -> Result<(), String> {
    let text = |field: &str| match s.get(field) {
        Some(Value::String(v)) if !v.trim().is_empty() => Some(v.as_str()),
        _ => None,
    };
    const AUTH: &str = "with application-only authentication";
    match (new_application, text("applicationId")) {
        (true, Some(_)) => {
            return Err(format!(
                "{key}.applicationId cannot be given with newApplicationName: the server registers the application and gives it an ID."
            ));
        }
        (true, None) => {}
        (false, id) => check_application_id(key, id, AUTH)?,
    }
    if s.contains_key("applicationSecret") {
        return Err(format!(
            "{key}.applicationSecret cannot be used {AUTH}: it needs applicationCertificate."
        ));
    }
    let certificate = text("applicationCertificate")
        .ok_or_else(|| format!("{key}.applicationCertificate is required {AUTH}."))?;
    open_certificate(key, certificate, text("applicationCertificatePassword"))?;
    match (text("account"), text("officeOrganizationName")) {
        (None, None) => Err(format!(
            "{key}: account or officeOrganizationName is required {AUTH}."
        )),
        (Some(account), _) if !is_account(account) => Err(format!(
            "{key}.account {account} is not in the form user@domain.com."
        )),
        (_, Some(name)) if !is_account(&format!("x@{name}")) => Err(format!(
            "{key}.officeOrganizationName {name} is not a domain such as contoso.onmicrosoft.com."
        )),
        _ => Ok(()),
    }
}

/// Opens the .pfx as the server would: it must be strict, padded Base64 of
/// the standard alphabet (.NET's `Convert.FromBase64String` refuses URL-safe
/// and unpadded text), be PKCS#12, open with its password and hold a private
/// key with its certificate.
fn open_certificate(key: &str, text: &str, password: Option<&str>) -> Result<(), String> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .ok()
        .filter(|b| !b.is_empty())
        .ok_or_else(|| {
            format!("{key}.applicationCertificate is not valid Base64 (standard alphabet, padded).")
        })?;
    let now = crate::clock::unix_now();
    let opened = certificate::open(&[&bytes], password.unwrap_or(""), now).map_err(|e| {
        format!(
            "{key}.applicationCertificate cannot be opened with applicationCertificatePassword: {e}"
        )
    })?;
    if opened.original_pfx().is_none() {
        return Err(format!(
            "{key}.applicationCertificate must be a PKCS#12 (.pfx) file holding the certificate and its private key."
        ));
    }
    // The server signs in to Microsoft with it, which refuses some keys.
    match crate::microsoft::refusal(&opened.summary, now) {
        Some(refused) => Err(refused),
        None => Ok(()),
    }
}

/// The SHA-1 thumbprint of a settings block's certificate, if it opens.
fn thumbprint_of(settings: &Map<String, Value>) -> Option<String> {
    use base64::Engine as _;
    let text = settings.get("applicationCertificate")?.as_str()?;
    let password = settings
        .get("applicationCertificatePassword")
        .and_then(Value::as_str)
        .unwrap_or("");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .ok()?;
    let opened = certificate::open(&[&bytes], password, crate::clock::unix_now()).ok()?;
    Some(opened.summary.sha1_thumbprint)
}

/// Whether a body or a stored organization uses modern app-only
/// authentication (any chosen service's block says so).
pub fn is_app_only(organization: &Value) -> bool {
    ["exchangeOnlineSettings", "sharePointOnlineSettings"]
        .iter()
        .any(|key| organization[key]["useApplicationOnlyAuth"].as_bool() == Some(true))
}

fn is_account(account: &str) -> bool {
    match account.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !account.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// The hyphenated 8-4-4-4-12 form in any case, as .NET's Guid parser takes it.
fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The organization's name: `officeOrganizationName` where given, else the
/// domain of the first chosen service's account.
pub fn organization_name(body: &Value) -> String {
    let blocks = ["exchangeOnlineSettings", "sharePointOnlineSettings"];
    blocks
        .iter()
        .find_map(|key| body[key]["officeOrganizationName"].as_str())
        .map(str::to_ascii_lowercase)
        .or_else(|| {
            blocks
                .iter()
                .filter_map(|key| body[key]["account"].as_str())
                .find_map(|account| account.split_once('@').map(|(_, d)| d.to_ascii_lowercase()))
        })
        .unwrap_or_default()
}

/// A copy of the body without anything secret, as the server echoes it:
/// a certificate becomes its SHA-1 thumbprint
/// (`applicationCertificateThumbprint`), the one trace of it a server keeps.
pub fn strip_secrets(body: &Value) -> Value {
    let mut copy = body.clone();
    for key in ["exchangeOnlineSettings", "sharePointOnlineSettings"] {
        if let Some(Value::Object(settings)) = copy.get_mut(key) {
            if let Some(thumbprint) = thumbprint_of(settings) {
                settings.insert(
                    "applicationCertificateThumbprint".into(),
                    Value::from(thumbprint),
                );
            }
            for secret in [
                "password",
                "applicationSecret",
                "applicationCertificate",
                "applicationCertificatePassword",
            ] {
                settings.remove(secret);
            }
        }
    }
    copy
}
