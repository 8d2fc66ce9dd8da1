//! What the host (the static page or an embedding console) tells the wizard.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wizard_core::answers::Secret;
use wizard_core::flow::EditStart;
use wizard_core::server::{ApiConfig, ApiError, CreatedOrganization, Region, Services};

/// How the wizard gets a token for the backup server.
#[derive(Clone, Default)]
pub enum TokenSource {
    /// The user signs in on the Finish step.
    #[default]
    SignIn,
    /// The host gave a token; the user signs in only if the server refuses it.
    Fixed(Secret),
    /// The host's function returning a promise of a token, asked each time
    /// one is needed.
    Host(js_sys::Function),
}

impl TokenSource {
    /// Asks the host's function for a token.
    pub async fn from_host(function: &js_sys::Function) -> Result<Secret, ApiError> {
        let fail = |e: JsValue| ApiError::HostToken(describe(&e));
        let value = function.call0(&JsValue::NULL).map_err(fail)?;
        let value = match value.dyn_into::<js_sys::Promise>() {
            Ok(promise) => JsFuture::from(promise).await.map_err(fail)?,
            Err(plain) => plain,
        };
        value
            .as_string()
            .filter(|t| !t.is_empty())
            .map(Secret::new)
            .ok_or_else(|| ApiError::HostToken("getAccessToken did not return a string".into()))
    }
}

/// Functions the host wants called.
#[derive(Clone, Default)]
pub struct Hooks {
    /// Called with `{id, name, applicationId}` once the organization is added.
    pub on_complete: Option<js_sys::Function>,
    /// Called with `{id, name, applicationId, certificateThumbprint}` once
    /// an edit is saved and read back.
    pub on_updated: Option<js_sys::Function>,
    /// Called when the user cancels and discards the wizard.
    pub on_cancel: Option<js_sys::Function>,
}

impl Hooks {
    /// Tells the host the organization was added.
    pub fn completed(&self, organization: &CreatedOrganization) {
        call_with(&self.on_complete, organization);
    }

    /// Tells the host the organization was edited.
    pub fn updated(&self, organization: &CreatedOrganization) {
        call_with(&self.on_updated, organization);
    }

    /// Tells the host the user cancelled.
    pub fn cancelled(&self) {
        if let Some(f) = &self.on_cancel {
            let _ = f.call0(&JsValue::NULL);
        }
    }
}

/// Calls the host's `function`, if any, with the organization as an event
/// detail: `{id, name}`, and `applicationId`, `certificateThumbprint` when
/// the server reports them.
fn call_with(function: &Option<js_sys::Function>, organization: &CreatedOrganization) {
    let Some(f) = function else {
        return;
    };
    let detail = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&detail, &key.into(), &value.into());
    };
    set("id", &organization.id);
    set("name", &organization.name);
    if let Some(app) = &organization.application_id {
        set("applicationId", app);
    }
    if let Some(thumbprint) = &organization.certificate_thumbprint {
        set("certificateThumbprint", thumbprint);
    }
    let _ = f.call1(&JsValue::NULL, &detail);
}

/// Where a wizard's API settings come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiSettings {
    /// The host's own (`mount()`'s options, the element's attributes):
    /// judged as the wizard starts.
    Given(ApiConfig),
    /// The static page's `config.json` beside it, and the page's query.
    /// Fetched and read with the later steps' module, which carries the JSON
    /// reader: the first step sends nothing, so neither the file nor serde
    /// delays it (docs/design.md, "Documents"). A file the wizard cannot use stops
    /// it then, before any request to the backup server.
    PageFile {
        /// The page's query string.
        query: String,
    },
}

impl Default for ApiSettings {
    fn default() -> Self {
        ApiSettings::Given(ApiConfig::default())
    }
}

/// Everything one wizard instance is configured with.
#[derive(Clone, Default)]
pub struct WizardOptions {
    /// Where the API is.
    pub api: ApiSettings,
    /// How to get a token.
    pub token: TokenSource,
    /// Services ticked at the start (when no draft is restored).
    pub services: Option<Services>,
    /// Region chosen at the start (when no draft is restored).
    pub region: Option<Region>,
    /// The host's callbacks.
    pub hooks: Hooks,
    /// The wizard is the whole page: it may set the document's title.
    pub owns_page: bool,
    /// The accessible name of the wizard's region and step list; needed to
    /// tell two wizards on one page apart.
    pub label: Option<String>,
    /// Edit an organization rather than add one.
    pub edit: Option<EditStart>,
    /// "Check connections": every organization's connection state, and a
    /// fix from its row.
    pub check: bool,
}

/// A readable text for a thrown JS value, for error messages.
pub fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
