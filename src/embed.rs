//! The JavaScript entry points for embedding: `mount(element, options)` and
//! the `<m365-org-wizard>` custom element.

use crate::components::OrgWizard;
use crate::options::{ApiSettings, Hooks, TokenSource, WizardOptions};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wizard_core::answers::Secret;
use wizard_core::flow::{EditStart, OrganizationId};
use wizard_core::server::{ApiConfig, Region, Services, VersionChoice};

thread_local! {
    // Mounted wizards by handle number. The handle object JS holds is only a
    // number, so its garbage collection (which wasm-bindgen turns into a
    // drop) never unmounts a wizard: only `unmount()` does.
    static MOUNTED: RefCell<HashMap<u32, Box<dyn std::any::Any>>> = RefCell::new(HashMap::new());
    static NEXT: RefCell<u32> = const { RefCell::new(1) };
}

/// What `mount` returns. Keep it to call `unmount()`; losing it is harmless
/// (the wizard stays until its element is removed and `unmount` is called).
#[wasm_bindgen]
pub struct WizardHandle(u32);

#[wasm_bindgen]
impl WizardHandle {
    /// Removes the wizard from its element and drops everything it held,
    /// secrets included. Calling it twice does nothing.
    pub fn unmount(&self) {
        let mounted = MOUNTED.with(|m| m.borrow_mut().remove(&self.0));
        drop(mounted);
    }
}

/// Mounts a wizard into `element`. `options` (all optional): `apiBase`,
/// `apiVersion` (`"v6"`, `"v7"`, `"v8"` or `"auto"`), `timeoutSeconds`
/// (default 600: see `wizard_core::server::DEFAULT_TIMEOUT_SECONDS`), `accessToken` or
/// `getAccessToken` (a function returning a promise of a token), `services`
/// (an array of `"exchange"`, `"sharepoint"`, `"teams"`), `region`
/// (`"Worldwide"`, `"Germany"`, `"China"`, `"USGovernment"`, `"USDefence"`),
/// `label` (the accessible name, to tell several wizards apart),
/// `organizationId` (edit that organization), `task: "edit"` (choose one
/// to edit) or `task: "check"` ("Check connections"), `onComplete(organization)`, `onUpdated(organization)` and
/// `onCancel()`.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<WizardHandle, JsError> {
    let options = read_options(&options).map_err(|e| JsError::new(&e))?;
    let handle = leptos::mount::mount_to(element, move || view! { <OrgWizard options=options /> });
    let id = NEXT.with(|n| {
        let mut n = n.borrow_mut();
        *n += 1;
        *n - 1
    });
    MOUNTED.with(|m| m.borrow_mut().insert(id, Box::new(handle)));
    Ok(WizardHandle(id))
}

/// Opens certificate files as the wizard's certificate field does (in its
/// worker, off the main thread) and resolves with the inspector's JSON (see
/// `cargo run -p certificate --example inspect`). `files` is an array of
/// `Uint8Array`: a .pfx, or PEM/DER certificate and key files. For hosts that
/// want to check a file before mounting, and for the benchmark. The password
/// is used and dropped; it is never in the report.
#[wasm_bindgen(js_name = inspectCertificate)]
pub async fn inspect_certificate(
    files: js_sys::Array,
    password: String,
) -> Result<String, JsError> {
    let password = Secret::new(password);
    let bytes: Vec<zeroize::Zeroizing<Vec<u8>>> = files
        .iter()
        .map(|f| zeroize::Zeroizing::new(js_sys::Uint8Array::new(&f).to_vec()))
        .collect();
    let slices: Vec<&[u8]> = bytes.iter().map(|b| b.as_slice()).collect();
    let ask = worker().await?;
    ask(
        wizard_core::server::WorkerJob::Inspect {},
        &slices,
        password.expose(),
    )
    .await
    .map_err(|e| JsError::new(&e))
}

/// Generates a key pair and a self-signed certificate in the certificate
/// worker (WebCrypto), for hosts and the benchmark: resolves with the
/// outcome's JSON (`rejected`, `pfx_base64` protected by `password`, and the
/// `card` with the `.cer` in Base64).
#[wasm_bindgen(js_name = generateCertificate)]
pub async fn generate_certificate(
    subject: String,
    years: u8,
    bits: u32,
    password: String,
) -> Result<String, JsError> {
    let password = Secret::new(password);
    let job = wizard_core::server::WorkerJob::Generate {
        subject,
        years,
        bits,
        encryption: wizard_core::answers::PfxEncryption::Compatible,
    };
    let ask = worker().await?;
    ask(job, &[], password.expose())
        .await
        .map_err(|e| JsError::new(&e))
}

/// The way to the certificate worker, which comes with the later steps'
/// module (its requests are serde documents the first module does not
/// carry); fetched now if no wizard has fetched it yet.
async fn worker() -> Result<crate::files::AskWorker, JsError> {
    crate::components::load_later()
        .await
        .map(|later| later.ask_worker)
        .map_err(|_| {
            JsError::new(
                "The certificate reader could not be loaded. Check the connection to the server, then try again.",
            )
        })
}

#[wasm_bindgen(module = "/src/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineWizardElement)]
    fn define_wizard_element(mount: &js_sys::Function);
}

/// Registers `<m365-org-wizard>` (once; later calls do nothing).
#[wasm_bindgen(js_name = defineElement)]
pub fn define_element() {
    let mount_fn =
        Closure::<dyn Fn(web_sys::HtmlElement, JsValue) -> Result<WizardHandle, JsError>>::new(
            mount,
        );
    define_wizard_element(mount_fn.as_ref().unchecked_ref());
    // The element class keeps calling it for every new element.
    mount_fn.forget();
}

fn get(options: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(options, &key.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn text(options: &JsValue, key: &str) -> Result<Option<String>, String> {
    match get(options, key) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| format!("m365-org-wizard: option {key} must be a string")),
    }
}

fn function(options: &JsValue, key: &str) -> Result<Option<js_sys::Function>, String> {
    match get(options, key) {
        None => Ok(None),
        Some(v) => v
            .dyn_into::<js_sys::Function>()
            .map(Some)
            .map_err(|_| format!("m365-org-wizard: option {key} must be a function")),
    }
}

/// Reads the options object; a wrong one is refused with a message naming
/// the option, rather than half-working.
fn read_options(options: &JsValue) -> Result<WizardOptions, String> {
    let token = match (
        text(options, "accessToken")?,
        function(options, "getAccessToken")?,
    ) {
        (Some(_), Some(_)) => {
            return Err("m365-org-wizard: give accessToken or getAccessToken, not both".into());
        }
        (Some(token), None) => TokenSource::Fixed(Secret::new(token)),
        (None, Some(f)) => TokenSource::Host(f),
        (None, None) => TokenSource::SignIn,
    };
    let region = match text(options, "region")? {
        None => None,
        Some(name) => Some(
            Region::from_wire(&name).ok_or_else(|| {
                format!(
                    "m365-org-wizard: unknown region {name}; use Worldwide, Germany, China, USGovernment or USDefence"
                )
            })?,
        ),
    };
    Ok(WizardOptions {
        api: ApiSettings::Given(api_options(options)?),
        token,
        services: services_option(options)?,
        region,
        hooks: Hooks {
            on_complete: function(options, "onComplete")?,
            on_updated: function(options, "onUpdated")?,
            on_cancel: function(options, "onCancel")?,
        },
        owns_page: false,
        label: text(options, "label")?,
        edit: task_option(options)?,
        check: text(options, "task")?.as_deref() == Some("check"),
    })
}

/// `apiBase`, `apiVersion` and `timeoutSeconds`.
fn api_options(options: &JsValue) -> Result<ApiConfig, String> {
    let mut api = ApiConfig::default();
    if let Some(base) = text(options, "apiBase")? {
        api.api_base = base;
    }
    if let Some(version) = text(options, "apiVersion")? {
        api.api_version = VersionChoice::parse(&version).map_err(|e| e.to_string())?;
    }
    if let Some(seconds) = get(options, "timeoutSeconds").filter(|v| v.as_f64().is_some()) {
        // The number as JavaScript writes it: the wasm then carries no
        // float formatting of its own (6 KB).
        let text = js_sys::Number::from(seconds)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        api.timeout_seconds =
            wizard_core::server::parse_timeout(&text).map_err(|e| e.to_string())?;
    }
    Ok(api)
}

/// `services`: the names of the services chosen at the start.
fn services_option(options: &JsValue) -> Result<Option<Services>, String> {
    let Some(list) = get(options, "services") else {
        return Ok(None);
    };
    let names: Vec<String> = js_sys::Array::from(&list)
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if let Some(bad) = names
        .iter()
        .find(|n| !["exchange", "sharepoint", "teams"].contains(&n.to_ascii_lowercase().as_str()))
    {
        return Err(format!(
            "m365-org-wizard: unknown service {bad}; use exchange, sharepoint, teams"
        ));
    }
    Ok(Some(Services {
        exchange: has("exchange"),
        sharepoint: has("sharepoint"),
        teams: has("teams"),
        teams_chats: false,
    }))
}

/// `organizationId` and `task`: adding, or editing a chosen or named one.
fn task_option(options: &JsValue) -> Result<Option<EditStart>, String> {
    match (
        text(options, "organizationId")?,
        text(options, "task")?.as_deref(),
    ) {
        (Some(id), _) => Ok(Some(EditStart::Organization(
            OrganizationId::parse(&id).ok_or_else(|| {
                format!("m365-org-wizard: organizationId {id} is not an organization's id")
            })?,
        ))),
        (None, Some("edit")) => Ok(Some(EditStart::Choose)),
        (None, None | Some("add" | "check")) => Ok(None),
        (None, Some(other)) => Err(format!(
            "m365-org-wizard: unknown task {other}; use add, edit or check"
        )),
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn options(json: &str) -> JsValue {
        js_sys::JSON::parse(json).unwrap_or(JsValue::NULL)
    }

    #[wasm_bindgen_test]
    fn a_hosts_time_limit_is_read_as_written() {
        let read = read_options(&options(r#"{"timeoutSeconds": 45}"#));
        let expected = ApiConfig {
            timeout_seconds: 45,
            ..ApiConfig::default()
        };
        assert_eq!(read.map(|o| o.api), Ok(ApiSettings::Given(expected)));
        for bad in ["1.5", "0", "3601", "-2"] {
            let text = format!(r#"{{"timeoutSeconds": {bad}}}"#);
            let message = read_options(&options(&text)).err().unwrap_or_default();
            assert!(message.contains(bad), "{bad}: {message}");
        }
    }
}
