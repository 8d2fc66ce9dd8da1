//! The static page (`<body data-m365w-page>`): its start, and its
//! `config.json`.
//!
//! The first step needs no API, so the page starts without its
//! configuration: `config.json` is fetched beside the later steps' module,
//! once the first step shows, and read by it (serde comes with that module).
//! Off the first step's path, it took about 5 ms off the start-up in
//! `make bench`, and a request fewer competes with the page's own files.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;
use wizard_core::flow::EditStart;
use wizard_core::server::ConfigFileAnswer;

/// Starts the static page. Does nothing on a page that embeds the wizard
/// (`mount()` and the element are for those).
#[wasm_bindgen(js_name = startPage)]
pub fn start_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if !document
        .body()
        .is_some_and(|b| b.has_attribute("data-m365w-page"))
    {
        return;
    }
    let query = document
        .location()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let edit = EditStart::from_query(&query);
    let check = EditStart::checks_connections(&query);
    leptos::mount::mount_to_body(
        move || leptos::view! { <crate::App edit=edit check=check query=query /> },
    );
}

/// Fetches `config.json` beside the page, starting now: what came back, or
/// why nothing did.
pub fn fetch_config() -> impl Future<Output = ConfigFileAnswer> + use<> {
    let request = web_sys::window().map(|w| w.fetch_with_str("config.json"));
    async move {
        let failed =
            |e: wasm_bindgen::JsValue| ConfigFileAnswer::Failed(crate::options::describe(&e));
        let Some(request) = request else {
            return ConfigFileAnswer::Failed("the page has no window".into());
        };
        let response = match JsFuture::from(request)
            .await
            .map(JsCast::dyn_into::<web_sys::Response>)
        {
            Ok(Ok(response)) => response,
            Ok(Err(other)) | Err(other) => return failed(other),
        };
        let status = response.status();
        if status != 200 {
            return ConfigFileAnswer::Answered {
                status,
                text: String::new(),
            };
        }
        match response.text().map(JsFuture::from) {
            Ok(body) => match body.await {
                Ok(text) => ConfigFileAnswer::Answered {
                    status,
                    text: text.as_string().unwrap_or_default(),
                },
                Err(e) => failed(e),
            },
            Err(e) => failed(e),
        }
    }
}
