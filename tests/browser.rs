//! Component tests in headless Chromium (wasm-bindgen-test): the wizard is
//! mounted into a real document and driven through DOM events.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use m365_org_wizard::{ApiSettings, OrgWizard, WizardOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use wizard_core::server::{ApiConfig, ApiVersion, VersionChoice};

wasm_bindgen_test_configure!(run_in_browser);

mod dom;
use dom::{button, container, error_text, input_labelled, settle, type_into};

/// Mounts a wizard into a fresh container and returns the container.
fn mount() -> HtmlElement {
    let host = container();
    let handle = leptos::mount::mount_to(host.clone(), || {
        view! { <OrgWizard options=WizardOptions::default() /> }
    });
    handle.forget();
    host
}

/// Mounts a wizard configured as the static page is: by `config.json` (the
/// test runner serves none: the defaults) and `query`, fetched and read
/// with the later steps (linked into this build).
fn mount_page(query: &str) -> HtmlElement {
    mount_with(ApiSettings::PageFile {
        query: query.to_owned(),
    })
}

/// Mounts a wizard with these API settings.
fn mount_with(api: ApiSettings) -> HtmlElement {
    let host = container();
    let options = WizardOptions {
        api,
        ..WizardOptions::default()
    };
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <OrgWizard options=options.clone() /> }
    });
    handle.forget();
    host
}

/// Waits (a hundred frames at most) for the configuration to be read: the
/// wizard then either cannot start or names its backup server.
async fn until_configured(root: &HtmlElement) -> String {
    for _ in 0..100 {
        settle().await;
        let shown = root.text_content().unwrap_or_default();
        if shown.contains("cannot start") || shown.contains("Backup server") {
            return shown;
        }
    }
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_page_configuration_is_read_with_the_later_steps() {
    // The first step is there at once, before the configuration is read.
    let good = mount_page("apiVersion=v7");
    let shown = good.text_content().unwrap();
    assert!(shown.contains("Services"), "{shown}");
    // Then the configuration, which the method step names.
    button(&good, "Next").click();
    let shown = until_configured(&good).await;
    assert!(shown.contains("version 7 (as configured)"), "{shown}");

    // One the wizard cannot use: the reason instead of the steps, and
    // nothing to press.
    for (query, reason) in [
        ("apiVersion=v9", "v9"),
        (
            "apiBase=https%3A%2F%2Felsewhere.example",
            "elsewhere.example",
        ),
    ] {
        let bad = mount_page(query);
        let shown = until_configured(&bad).await;
        assert!(
            shown.contains("The wizard cannot start"),
            "{query}: {shown}"
        );
        assert!(shown.contains(reason), "{query}: {shown}");
        assert!(bad.query_selector("button").unwrap().is_none(), "{shown}");
    }
}

#[wasm_bindgen_test]
async fn a_hosts_settings_are_judged_with_the_later_steps_too() {
    let api = |base: &str| {
        ApiSettings::Given(ApiConfig {
            api_base: base.to_owned(),
            api_version: VersionChoice::Fixed(ApiVersion::V8),
            ..ApiConfig::default()
        })
    };
    let good = mount_with(api("/vb365"));
    button(&good, "Next").click();
    let shown = until_configured(&good).await;
    assert!(shown.contains("version 8 (as configured)"), "{shown}");

    let bad = mount_with(api("http://vb365.example:4443"));
    let shown = until_configured(&bad).await;
    assert!(shown.contains("The wizard cannot start"), "{shown}");
    assert!(shown.contains("uses plain HTTP"), "{shown}");
}

/// From the first step to the legacy flow's Azure AD application
/// credentials step (the method chosen on the way).
async fn to_credentials(root: &HtmlElement) {
    button(root, "Next").click();
    settle().await;
    input_labelled(root, "Modern authentication with legacy protocols allowed").click();
    settle().await;
    button(root, "Next").click();
    settle().await;
    assert!(
        root.text_content()
            .unwrap()
            .contains("Azure AD application credentials")
    );
}

#[wasm_bindgen_test]
async fn bad_application_id_shows_inline_error_and_aria_invalid() {
    let root = mount();
    to_credentials(&root).await;
    let input = input_labelled(&root, "Application ID");
    assert_eq!(input.get_attribute("aria-invalid"), None);

    type_into(&input, "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b9");
    settle().await;

    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let message = error_text(&input).expect("inline error shown");
    assert!(message.contains("32 hexadecimal digits"), "{message}");
    let described = input.get_attribute("aria-describedby").unwrap();
    assert!(
        described
            .split(' ')
            .any(|id| id == format!("{}-error", input.id())),
        "{described}"
    );
    // What was typed stays in the field.
    assert_eq!(input.value(), "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b9");

    // Fixing it clears the error as the user types.
    type_into(&input, "{0B5F2A4E-7C1D-4E8A-9F3B-2D6C8E1A7B90}");
    settle().await;
    assert_eq!(input.get_attribute("aria-invalid"), None);
    assert_eq!(error_text(&input), None);
}

#[wasm_bindgen_test]
async fn next_on_an_empty_step_summarises_every_problem_and_takes_focus() {
    let root = mount();
    to_credentials(&root).await;
    button(&root, "Next").click();
    settle().await;

    let summary: HtmlElement = root
        .query_selector(".m365w-error-summary")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!summary.hidden());
    assert!(
        summary
            .text_content()
            .unwrap()
            .contains("There is a problem")
    );
    assert_eq!(summary.query_selector_all("a").unwrap().length(), 4);
    let active = document().active_element().unwrap();
    assert!(
        active.is_same_node(Some(&summary)),
        "focus is on {:?}",
        active.outer_html()
    );
    for label in [
        "Application ID",
        "Application secret",
        "Username",
        "App password",
    ] {
        let input = input_labelled(&root, label);
        assert_eq!(
            input.get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{label}"
        );
    }
    // Still on the credentials step: nothing moved on.
    assert!(root.text_content().unwrap().contains("Step 3 of 5"));
}

#[wasm_bindgen_test]
async fn teams_needs_both_services_and_chats_need_teams() {
    let root = mount();
    let teams = input_labelled(&root, "Microsoft Teams");
    let chats = input_labelled(&root, "Teams chats");
    assert!(!teams.disabled());
    assert!(chats.disabled(), "Teams chats need Teams");
    teams.click();
    settle().await;
    assert!(teams.checked());
    assert!(!chats.disabled(), "app-only backs up Teams chats");
    chats.click();
    settle().await;
    assert!(chats.checked());
    input_labelled(&root, "SharePoint Online and OneDrive for Business").click();
    settle().await;
    assert!(!teams.checked(), "Teams goes when SharePoint goes");
    assert!(!chats.checked(), "and its chats with it");
    assert!(teams.disabled());
}

#[wasm_bindgen_test]
async fn app_only_is_the_default_and_its_empty_step_names_each_field() {
    let root = mount();
    for _ in 0..2 {
        button(&root, "Next").click();
        settle().await;
    }
    let shown = root.text_content().unwrap();
    assert!(
        shown.contains("Configure connection to Microsoft 365"),
        "{shown}"
    );
    assert!(!shown.contains("App password"), "app-only asks no password");
    // The vendor's first choice: the server registers a new application.
    assert!(
        input_labelled(
            &root,
            "Register a new Microsoft Entra ID application automatically"
        )
        .checked()
    );
    button(&root, "Next").click();
    settle().await;
    let username = input_labelled(&root, "Username");
    assert_eq!(
        username.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let name = input_labelled(&root, "Application name");
    assert_eq!(
        name.get_attribute("aria-invalid"),
        None,
        "empty takes the default"
    );
    let certificate = error_text(&input_labelled(&root, "Certificate")).unwrap_or_default();
    assert!(certificate.contains("no secret"), "{certificate}");
    // A new application needs the Microsoft sign-in: one step more.
    assert!(root.text_content().unwrap().contains("Step 3 of 6"));
    input_labelled(&root, "Use an existing Microsoft Entra ID application").click();
    settle().await;
    button(&root, "Next").click();
    settle().await;
    let id = input_labelled(&root, "Application ID");
    assert_eq!(id.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(root.text_content().unwrap().contains("Step 3 of 5"));
}

#[wasm_bindgen_test]
async fn two_wizards_never_share_an_id() {
    let first = mount();
    let second = mount();
    to_credentials(&first).await;
    to_credentials(&second).await;
    let a = input_labelled(&first, "Username");
    let b = input_labelled(&second, "Username");
    assert_ne!(a.id(), b.id());
    assert!(first.contains(Some(&a)) && second.contains(Some(&b)));
}
