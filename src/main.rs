//! The static setup page: mounts the wizard into `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(m365_org_wizard::App);
}
