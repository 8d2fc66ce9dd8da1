//! The static page's start (`<body data-m365w-page>`).
//!
//! The page's script fetches `config.json` while the wasm compiles and hands
//! over what it got (scripts/post-build.mjs), so the first step is drawn in
//! one pass: no "Loading" state, no second round trip through the wasm. That
//! took about 15 ms off the start-up in `make bench`.

use wasm_bindgen::prelude::wasm_bindgen;
use wizard_core::ConfigFileAnswer;
use wizard_core::edit::EditStart;

/// Starts the static page with what its script got for `config.json`: the
/// HTTP status and body, or the reason the request failed. Does nothing on a
/// page that embeds the wizard (`mount()` and the element are for those).
#[wasm_bindgen(js_name = startPage)]
pub fn start_page(status: u16, text: String, failure: Option<String>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if !document
        .body()
        .is_some_and(|b| b.has_attribute("data-m365w-page"))
    {
        return;
    }
    let answer = match failure {
        Some(reason) => ConfigFileAnswer::Failed(reason),
        None => ConfigFileAnswer::Answered { status, text },
    };
    let query = document
        .location()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let edit = EditStart::from_query(&query);
    leptos::mount::mount_to_body(
        move || leptos::view! { <crate::App config=answer edit=edit query=query /> },
    );
}
