//! The browser's own URL parser (WHATWG, `URL` in JavaScript) behind
//! wizard-core's [`UrlResolver`], so the rules judge an API base exactly as
//! the browser will resolve the requests made with it.

use wizard_core::server::{ParsedUrl, UrlResolver};

/// Resolves with `new URL(input, base)`.
pub struct BrowserUrls;

impl UrlResolver for BrowserUrls {
    fn resolve(&self, input: &str, base: &str) -> Option<ParsedUrl> {
        let url = web_sys::Url::new_with_base(input, base).ok()?;
        Some(ParsedUrl {
            protocol: url.protocol(),
            hostname: url.hostname(),
            origin: url.origin(),
            pathname: url.pathname(),
            has_credentials: !url.username().is_empty() || !url.password().is_empty(),
        })
    }
}

/// The page's own address, which an API base is resolved against.
pub fn page_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
