//! The static setup page: mounts the wizard into `<body>`.
//!
//! The same module is loaded by hosts that embed the wizard (through
//! `embed.js`); there `<body>` lacks `data-m365w-page` and nothing is mounted
//! until the host asks.

fn main() {
    m365_org_wizard::report_panics();
    let is_page = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute("data-m365w-page"));
    if is_page {
        leptos::mount::mount_to_body(m365_org_wizard::App);
    }
}
