//! The static page's configuration: `config.json` beside `index.html`, then
//! the URL parameters `apiBase` and `apiVersion`.

use gloo_net::http::Request;
use wizard_core::ApiConfig;

/// Reads the page's configuration, or says why the wizard cannot start.
pub async fn load() -> Result<ApiConfig, String> {
    let mut api = ApiConfig::default();
    // Relative to the page, so the page works under any sub-path.
    let response = Request::get("config.json")
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| format!("config.json could not be loaded: {e}"))?;
    match response.status() {
        200 => {
            let text = response
                .text()
                .await
                .map_err(|e| format!("config.json could not be read: {e}"))?;
            api = api.with_config_file(&text).map_err(|e| e.to_string())?;
        }
        404 => {}
        status => return Err(format!("config.json could not be loaded (HTTP {status}).")),
    }
    let location = web_sys::window().map(|w| w.location());
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    api.with_query(&search).map_err(|e| e.to_string())
}
