//! Each step mounted alone in headless Chromium (wasm-bindgen-test), with
//! only the shared state around it: a step needs no shell to be tested.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use super::finish_step::FinishStep;
use super::region_step::RegionStep;
use super::review_step::ReviewStep;
use super::services_step::ServicesStep;
use super::state::Shared;
use crate::api::Client;
use crate::instance::Ids;
use crate::options::{TokenSource, WizardOptions};
use leptos::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use wizard_core::answers::{AuthMethod, Secret};
use wizard_core::flow::{Answer, Service, Step, Target, Wizard, WizardSecrets};
use wizard_core::server::{ApiConfig, Region, Services};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../../tests/dom/mod.rs"]
mod dom;
use dom::{button, container, input_labelled, settle, type_into};

/// Mounts `step` alone, with a wizard prepared by `prepare`; answers the
/// container and the state, so a test can check both.
fn mount_step<V: IntoView + 'static>(
    prepare: impl FnOnce(&mut Wizard, &mut WizardSecrets) + 'static,
    step: fn() -> V,
) -> (HtmlElement, Shared) {
    let host = container();
    let state = StoredValue::new_local(None::<Shared>);
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let ids = Ids::fresh();
        provide_context(ids.clone());
        let client = Client::new(&ApiConfig::default());
        provide_context(client.clone());
        provide_context(StoredValue::new_local(TokenSource::SignIn));
        let shared = Shared::new(&WizardOptions::default(), &ids);
        shared.configure(|_, _| Ok(Client::new(&ApiConfig::default())), None);
        let (mut w, mut s) = (Wizard::default(), WizardSecrets::default());
        prepare(&mut w, &mut s);
        shared.wizard.set(w);
        shared.secrets.set(s);
        provide_context(shared);
        state.set_value(Some(shared));
        step()
    });
    handle.forget();
    let shared = state.get_value().expect("the step was mounted");
    (host, shared)
}

fn text(root: &HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn services_alone_keeps_teams_with_both_services() {
    let (root, shared) = mount_step(|_, _| {}, || view! { <ServicesStep /> });
    input_labelled(&root, "Microsoft Teams").click();
    settle().await;
    assert!(shared.wizard.with_untracked(|w| w.has(Service::Teams)));
    input_labelled(&root, "Exchange Online").click();
    settle().await;
    let services = shared.wizard.with_untracked(Wizard::services);
    assert!(!services.exchange && !services.teams, "{services:?}");
    assert!(input_labelled(&root, "Microsoft Teams").disabled());
}

#[wasm_bindgen_test]
async fn region_alone_moves_china_off_legacy_protocols_and_says_so() {
    let (root, shared) = mount_step(
        |w, _| {
            w.set_method(AuthMethod::Modern);
        },
        || view! { <RegionStep /> },
    );
    input_labelled(&root, "China").click();
    settle().await;
    assert_eq!(shared.wizard.with_untracked(Wizard::region), Region::China);
    assert_eq!(
        shared.wizard.with_untracked(Wizard::method),
        AuthMethod::AppOnly
    );
    assert!(input_labelled(&root, AuthMethod::AppOnly.label()).checked());
    assert!(input_labelled(&root, AuthMethod::Modern.label()).disabled());
    assert!(!input_labelled(&root, AuthMethod::Basic.label()).disabled());
    let status = root.query_selector("[role=status]").unwrap().unwrap();
    let said = status.text_content().unwrap_or_default();
    assert!(
        said.contains("legacy protocols allowed was turned off"),
        "{said}"
    );
}

#[wasm_bindgen_test]
async fn region_alone_on_version_8_disables_legacy_and_basic_with_the_reason() {
    let (root, _) = mount_step(
        |w, _| {
            w.set_server_version(wizard_core::server::ApiVersion::V8);
        },
        || view! { <RegionStep /> },
    );
    settle().await;
    for method in [AuthMethod::Modern, AuthMethod::Basic] {
        let input = input_labelled(&root, method.label());
        assert!(input.disabled(), "{method:?}");
        let hint = dom::hint_text(&input).unwrap_or_default();
        assert!(hint.contains("Version 8"), "{method:?}: {hint}");
    }
    input_labelled(&root, "China").click();
    settle().await;
    assert!(!input_labelled(&root, AuthMethod::Basic.label()).disabled());
}

#[wasm_bindgen_test]
async fn connection_alone_asks_the_name_without_exchange_and_follows_the_account() {
    let (root, shared) = mount_step(
        |_, _| {},
        || view! { <super::connection_step::ConnectionStep /> },
    );
    type_into(&input_labelled(&root, "Username"), "backup@contoso.com");
    settle().await;
    assert_eq!(
        input_labelled(&root, "Organization name").value(),
        "contoso.com"
    );
    assert!(
        text(&root).contains("Certificates & secrets")
            || text(&root).contains("Drop the files here")
    );
    // Only SharePoint: no username, and the name is required.
    let (root, _) = mount_step(
        |w, _| {
            w.set_service(Service::Exchange, false);
        },
        || view! { <super::connection_step::ConnectionStep /> },
    );
    assert!(
        root.query_selector("input[id$='-username']")
            .unwrap()
            .is_none()
    );
    let name = input_labelled(&root, "Organization name");
    type_into(&name, "https://contoso.sharepoint.com");
    settle().await;
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        name.value(),
        "https://contoso.sharepoint.com",
        "what was typed is kept"
    );
    let _ = shared;
}

fn filled(w: &mut Wizard, s: &mut WizardSecrets) {
    w.set_method(AuthMethod::Modern);
    w.set_services(Services {
        exchange: true,
        sharepoint: true,
        teams: false,
        teams_chats: false,
    });
    w.set_answer(
        Target::Primary,
        Answer::ApplicationId("0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90".into()),
    );
    w.set_answer(Target::Primary, Answer::Username("ops@contoso.com".into()));
    s.primary.application_secret = Secret::new("alone~secret~value".to_owned());
    s.primary.app_password = Secret::new("alone-app-password".to_owned());
}

#[wasm_bindgen_test]
async fn review_alone_shows_answers_and_no_secret() {
    let (root, _) = mount_step(filled, || view! { <ReviewStep /> });
    settle().await;
    let shown = text(&root);
    assert!(shown.contains("ops@contoso.com"), "{shown}");
    assert!(shown.contains("0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90"));
    assert!(!shown.contains("alone~secret~value") && !shown.contains("alone-app-password"));
    assert!(shown.contains("set"));
}

#[wasm_bindgen_test]
async fn review_alone_sends_the_user_back_to_a_wrong_answer() {
    let (root, shared) = mount_step(filled, || view! { <ReviewStep /> });
    let secrets = shared.secrets.get_untracked();
    shared.wizard.update(|w| {
        while w.step() < Step::Review {
            w.next(&secrets).unwrap();
        }
        // Changed after its step passed, as a restored draft could be.
        w.set_answer(Target::Primary, Answer::Username("not-an-address".into()));
    });
    settle().await;
    button(&root, "Add organization").click();
    settle().await;
    assert_eq!(
        shared.wizard.with_untracked(Wizard::step),
        Step::AppCredentials
    );
    assert!(
        shared
            .errors
            .with_untracked(|e| e.get(wizard_core::answers::Field::Username).is_some())
    );
}

#[wasm_bindgen_test]
async fn finish_alone_asks_for_the_sign_in_and_names_what_is_missing() {
    let (root, shared) = mount_step(filled, || view! { <FinishStep /> });
    settle().await;
    assert!(text(&root).contains("Sign in to the backup server"));
    button(&root, "Sign in").click();
    settle().await;
    let shown = text(&root);
    assert!(
        shown.contains("Enter the backup server user name."),
        "{shown}"
    );
    assert!(
        shown.contains("Enter the backup server password."),
        "{shown}"
    );
    // Nothing was started: no sign-in without both.
    assert!(!shared.send.with_untracked(|m| m.busy()));
    type_into(&input_labelled(&root, "Server user name"), "admin");
    settle().await;
    assert_eq!(input_labelled(&root, "Server user name").value(), "admin");
}

#[wasm_bindgen_test]
async fn credentials_alone_checks_on_leaving_and_offers_a_certificate() {
    let (root, shared) = mount_step(
        |w, _| {
            w.set_method(AuthMethod::Modern);
        },
        || view! { <super::credentials_step::CredentialsStep target=Target::Primary /> },
    );
    let id = input_labelled(&root, "Application ID");
    type_into(&id, "not-a-guid");
    settle().await;
    assert_eq!(id.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        shared
            .wizard
            .with_untracked(|w| w.draft(Target::Primary).application_id.clone()),
        "not-a-guid",
        "what was typed is kept"
    );
    input_labelled(&root, "A certificate").click();
    settle().await;
    assert!(text(&root).contains("Drop the files here or choose them."));
    assert!(
        input_labelled(&root, "Certificate password")
            .value()
            .is_empty()
    );
}

/// Thirteen organizations: twelve in the cloud (one with legacy
/// protocols), one on premises.
fn organizations() -> Vec<wizard_core::server::ServerOrganization> {
    let mut all: Vec<_> = (1..=12)
        .map(|n| {
            let method = if n == 3 {
                r#""useMfa":true,"useApplicationOnlyAuth":false"#.to_owned()
            } else {
                format!(r#""useApplicationOnlyAuth":true,"applicationCertificateThumbprint":"{n:040X}""#)
            };
            wizard_core::server::read_one(
                200,
                &format!(
                    r#"{{"id":"id-{n}","name":"contoso-{n}.onmicrosoft.com","type":"Office365","region":"Worldwide",
                    "isExchangeOnline":true,"exchangeOnlineSettings":{{"account":"a@contoso-{n}.onmicrosoft.com",
                    "applicationId":"0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b{n:02}",{method}}}}}"#
                ),
            )
            .unwrap()
        })
        .collect();
    all.push(
        wizard_core::server::read_one(
            200,
            r#"{"id":"id-onprem","name":"exchange.fabrikam.local","type":"OnPremises"}"#,
        )
        .unwrap(),
    );
    all
}

fn organization_list() -> impl IntoView {
    use super::organization_step::OrganizationList;
    view! { <OrganizationList all=std::sync::Arc::new(organizations()) fleet=super::fleet::Fleet::new() /> }
}

#[wasm_bindgen_test]
async fn the_organization_list_alone_filters_disables_and_chooses() {
    let (root, shared) = mount_step(|w, _| *w = Wizard::for_edit(true), organization_list);
    settle().await;
    let radios = root.query_selector_all("input[type=radio]").unwrap();
    assert_eq!(radios.length(), 13);
    // One group, each radio described by its details.
    let name = input_labelled(&root, "contoso-1.onmicrosoft.com").name();
    for i in 0..radios.length() {
        let radio: web_sys::HtmlInputElement =
            wasm_bindgen::JsCast::dyn_into(radios.item(i).unwrap()).unwrap();
        assert_eq!(radio.name(), name);
        let details = radio.get_attribute("aria-describedby").unwrap();
        assert!(
            root.query_selector(&format!("#{details}"))
                .unwrap()
                .is_some()
        );
    }
    assert!(text(&root).contains("13 organizations on the backup server."));
    // On premises: listed, disabled, with the reason.
    let onprem = input_labelled(&root, "exchange.fabrikam.local");
    assert!(onprem.disabled());
    assert!(
        text(&root)
            .contains("An on-premises organization: edit it in the backup server's console.")
    );
    // The filter (more than ten), by name and by thumbprint.
    let filter = input_labelled(&root, "Filter");
    type_into(&filter, "CONTOSO-1");
    settle().await;
    assert_eq!(
        root.query_selector_all("input[type=radio]")
            .unwrap()
            .length(),
        4,
        "1, 10, 11, 12"
    );
    assert!(text(&root).contains("4 of 13 organizations match."));
    type_into(&filter, &format!("{:040X}", 7));
    settle().await;
    assert_eq!(
        root.query_selector_all("input[type=radio]")
            .unwrap()
            .length(),
        1
    );
    type_into(&filter, "nothing like it");
    settle().await;
    assert!(text(&root).contains("No organization matches the filter."));
    type_into(&filter, "");
    settle().await;
    // Choosing prefills the wizard, and the step stays until Next.
    input_labelled(&root, "contoso-3.onmicrosoft.com").click();
    settle().await;
    shared.wizard.with_untracked(|w| {
        assert_eq!(
            w.edited().map(|o| o.name.as_str()),
            Some("contoso-3.onmicrosoft.com")
        );
        assert_eq!(w.method(), AuthMethod::Modern);
        assert_eq!(w.step(), Step::Organization);
    });
    assert!(input_labelled(&root, "contoso-3.onmicrosoft.com").checked());
}

// "Check connections"'s list alone: the states in words, those that need
// attention first, "Needs attention" exact with the filter inside it.
use super::connection_list::ConnectionList;
use super::fleet::Fleet;
use wizard_core::health::{LastSync, Reading, SyncReport};
use wizard_core::server::{ApiVersion, read_one};

fn organization(name: &str, app_only: bool) -> wizard_core::server::ServerOrganization {
    let settings = if app_only {
        format!(
            r#"{{"officeOrganizationName":"{name}","useApplicationOnlyAuth":true,"applicationId":"3f2b8c61-7d4e-4a95-b0c3-9e1f5a7d2c48","applicationCertificateThumbprint":"9F3A"}}"#
        )
    } else {
        format!(
            r#"{{"account":"admin@{name}","useApplicationOnlyAuth":false,"useMfa":true,"applicationId":"3f2b8c61-7d4e-4a95-b0c3-9e1f5a7d2c48"}}"#
        )
    };
    let text = format!(
        r#"{{"id":"id-{name}","name":"{name}","type":"Office365","region":"Worldwide","isExchangeOnline":true,"isSharePointOnline":false,"exchangeOnlineSettings":{settings}}}"#
    );
    read_one(200, &text).unwrap()
}

fn synced(succeeded: bool, error: &str) -> Reading {
    Reading::Report(SyncReport {
        last: Some(LastSync {
            succeeded: Some(succeeded),
            ended: Some(1_764_558_729),
            error: (!error.is_empty()).then(|| error.to_owned()),
        }),
        running: false,
    })
}

fn mount_list() -> HtmlElement {
    let host = container();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let ids = Ids::fresh();
        provide_context(ids.clone());
        provide_context(Client::new(&ApiConfig::default()));
        provide_context(StoredValue::new_local(TokenSource::SignIn));
        provide_context(Shared::new(&WizardOptions::default(), &ids));
        let fleet = Fleet::read(
            vec![
                organization("northwind.onmicrosoft.com", true),
                organization("contoso.onmicrosoft.com", true),
                organization("fabrikam.onmicrosoft.com", false),
                organization("tailspin.onmicrosoft.com", true),
            ],
            vec![
                synced(true, ""),
                synced(
                    false,
                    "AADSTS700027: Client assertion contains an invalid signature. [Reason - The key used is expired., Found key 'Start=11/26/2025 18:56:32, End=11/25/2026 23:59:59']",
                ),
                Reading::Absent,
                Reading::Waiting,
            ],
            ApiVersion::V8,
        );
        view! { <ConnectionList fleet=fleet /> }
    });
    handle.forget();
    host
}

fn names(root: &HtmlElement) -> Vec<String> {
    let found = root.query_selector_all(".m365w-connection-name").unwrap();
    (0..found.length())
        .map(|i| found.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn the_list_alone_says_every_state_and_narrows_to_those_that_need_attention() {
    let root = mount_list();
    settle().await;
    let all = text(&root);
    for said in [
        "2 of 4 organizations need attention.",
        "Connected",
        "Certificate expired on 25 November 2026",
        "Legacy authentication: move to modern app-only",
        "Checking\u{2026}",
        "Renew certificate",
        "Move to app-only",
    ] {
        assert!(all.contains(said), "{said:?} in {all}");
    }
    // Those that need attention first, each group in the server's order.
    assert_eq!(
        names(&root),
        [
            "contoso.onmicrosoft.com",
            "fabrikam.onmicrosoft.com",
            "northwind.onmicrosoft.com",
            "tailspin.onmicrosoft.com"
        ]
    );
    let toggle = button(&root, "Needs attention (2)");
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    toggle.click();
    settle().await;
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        names(&root),
        ["contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com"]
    );
    type_into(&input_labelled(&root, "Filter"), "fabri");
    settle().await;
    assert_eq!(names(&root), ["fabrikam.onmicrosoft.com"]);
    assert!(text(&root).contains("Showing the 1 organization that needs attention."));
    // Out of the attention view, the filter still holds.
    toggle.click();
    settle().await;
    assert_eq!(names(&root), ["fabrikam.onmicrosoft.com"]);
    type_into(&input_labelled(&root, "Filter"), "");
    settle().await;
    assert_eq!(names(&root).len(), 4);
}
