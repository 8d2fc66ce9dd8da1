//! The flow's rules, table-tested: which steps appear, what Next refuses, and
//! how choices constrain each other.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test is meant to panic

use wizard_core::answers::{AuthMethod, CredentialsSecrets, Field};
use wizard_core::flow::{Answer, Service, Step, Target, Wizard, WizardSecrets};
use wizard_core::server::{ApiVersion, Region, Services};

fn services(exchange: bool, sharepoint: bool) -> Services {
    Services {
        exchange,
        sharepoint,
        ..Services::default()
    }
}

fn secrets() -> WizardSecrets {
    let s = CredentialsSecrets {
        application_secret: "v~alue".into(),
        app_password: "pw".into(),
        ..Default::default()
    };
    WizardSecrets {
        primary: s.clone(),
        sharepoint: s,
        user_code: None,
    }
}

/// A legacy-flow wizard (modern authentication with legacy protocols).
fn with_services(services: Services, same: bool) -> Wizard {
    let mut w = Wizard::default();
    w.set_method(AuthMethod::Modern);
    w.set_services(services);
    w.set_same_credentials(same);
    w
}

fn filled(services: Services, method: AuthMethod, same: bool) -> Wizard {
    let mut w = with_services(services, same);
    w.set_method(method);
    for target in [Target::Primary, Target::SharePoint] {
        w.set_answer(
            target,
            Answer::ApplicationId("0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90".into()),
        );
        w.set_answer(target, Answer::Username("a@contoso.com".into()));
    }
    w
}

/// Walks forward with Next, as a person would, up to `step`.
fn walk_to(w: &mut Wizard, step: Step) {
    while w.step() < step {
        w.next(&secrets()).unwrap();
    }
    assert_eq!(w.step(), step);
}

/// A draft as sessionStorage might give it back: the only way an answer can
/// arrive without passing through the rules.
fn restored(changes: &[(&str, serde_json::Value)]) -> Wizard {
    let mut draft: serde_json::Value = serde_json::from_str(&Wizard::default().to_draft()).unwrap();
    for (key, value) in changes {
        draft[*key] = value.clone();
    }
    Wizard::from_draft(&draft.to_string()).unwrap()
}

#[test]
fn steps_for_each_combination() {
    use Step::*;
    let table: &[(bool, bool, bool, &[Step])] = &[
        // exchange, sharepoint, same credentials, steps
        (
            true,
            true,
            true,
            &[Services, RegionAndMethod, AppCredentials, Review, Finish],
        ),
        (
            true,
            true,
            false,
            &[
                Services,
                RegionAndMethod,
                AppCredentials,
                SharePointCredentials,
                Review,
                Finish,
            ],
        ),
        (
            true,
            false,
            false,
            &[Services, RegionAndMethod, AppCredentials, Review, Finish],
        ),
        (
            false,
            true,
            false,
            &[Services, RegionAndMethod, AppCredentials, Review, Finish],
        ),
        (
            false,
            true,
            true,
            &[Services, RegionAndMethod, AppCredentials, Review, Finish],
        ),
    ];
    for (exchange, sharepoint, same, expected) in table {
        let w = with_services(services(*exchange, *sharepoint), *same);
        assert_eq!(&w.steps(), expected, "{exchange} {sharepoint} {same}");
        assert_eq!(
            w.same_credentials_available(),
            *exchange && *sharepoint,
            "{exchange} {sharepoint}"
        );
    }
}

#[test]
fn app_only_has_one_connection_step_for_every_service() {
    use Step::*;
    for (exchange, sharepoint) in [(true, true), (true, false), (false, true)] {
        let mut w = Wizard::default();
        assert_eq!(w.method(), AuthMethod::AppOnly, "the default");
        w.set_services(services(exchange, sharepoint));
        w.set_same_credentials(false);
        // A new application (the default) needs the device-code sign-in.
        assert_eq!(
            w.steps(),
            [
                Services,
                RegionAndMethod,
                AppCredentials,
                MicrosoftSignIn,
                Review,
                Finish
            ]
        );
        assert_eq!(w.title(MicrosoftSignIn), "Log in to Microsoft 365");
        w.set_route(wizard_core::answers::AppRoute::Existing);
        assert_eq!(
            w.steps(),
            [Services, RegionAndMethod, AppCredentials, Review, Finish]
        );
        assert!(!w.same_credentials_available());
        assert_eq!(
            w.title(AppCredentials),
            "Configure connection to Microsoft 365"
        );
    }
}

#[test]
fn sharepoint_only_uses_the_first_step_for_sharepoint() {
    let w = with_services(services(false, true), true);
    assert_eq!(w.primary_service(), Service::SharePoint);
    assert_eq!(Wizard::default().primary_service(), Service::Exchange);
}

#[test]
fn service_rules() {
    let mut w = with_services(Services::default(), true);
    assert!(w.can_choose(Service::Teams));
    w.set_service(Service::Teams, true);
    assert!(
        !w.can_choose(Service::TeamsChats),
        "chats stay off in the legacy flow"
    );
    w.set_service(Service::TeamsChats, true);
    assert!(!w.has(Service::TeamsChats));
    assert!(
        w.service_refused(Service::TeamsChats)
            .unwrap()
            .contains("app-only")
    );
    w.set_service(Service::Teams, false);
    w.set_service(Service::Teams, true);
    assert!(w.has(Service::Teams));
    w.set_service(Service::SharePoint, false);
    assert!(!w.has(Service::Teams), "Teams goes with SharePoint");
    assert!(!w.can_choose(Service::Teams));
    w.set_service(Service::Teams, true);
    assert!(!w.has(Service::Teams));
}

#[test]
fn services_step_refusals() {
    let cases: &[(Services, Option<&str>)] = &[
        (services(true, true), None),
        (services(true, false), None),
        (services(false, true), None),
        (services(false, false), Some("at least one service")),
        (
            Services {
                teams: true,
                ..services(true, false)
            },
            Some("needs both"),
        ),
        (
            Services {
                teams: true,
                teams_chats: true,
                ..services(true, true)
            },
            Some("only with modern app-only"),
        ),
    ];
    for (s, expected) in cases {
        let json = serde_json::json!({
            "exchange": s.exchange, "sharepoint": s.sharepoint,
            "teams": s.teams, "teams_chats": s.teams_chats,
        });
        let w = restored(&[("services", json), ("method", "Modern".into())]);
        assert_eq!(w.services(), *s);
        let result = w.check_step(Step::Services, &WizardSecrets::default());
        match expected {
            None => assert!(result.is_ok(), "{s:?}"),
            Some(words) => {
                let errors = result.unwrap_err();
                let message = errors.get(Field::Services).unwrap();
                assert!(message.contains(words), "{s:?}: {message}");
            }
        }
    }
}

#[test]
fn china_offers_app_only_and_basic_authentication() {
    let mut w = with_services(Services::default(), true);
    assert_eq!(w.method(), AuthMethod::Modern);
    let said = w.set_region(Region::China);
    assert_eq!(w.method(), AuthMethod::AppOnly);
    assert_eq!(
        said.notice().as_deref(),
        Some(
            "Modern authentication with legacy protocols allowed was turned off. Not available for China. Modern app-only authentication is chosen instead."
        )
    );
    assert!(!w.method_available(AuthMethod::Modern));
    assert!(w.set_method(AuthMethod::Modern).is_empty());
    assert_eq!(w.method(), AuthMethod::AppOnly);
    w.set_method(AuthMethod::Basic);
    assert_eq!(w.method(), AuthMethod::Basic);
    w.set_region(Region::Germany);
    w.set_method(AuthMethod::Modern);
    assert_eq!(w.method(), AuthMethod::Modern);
    w.set_method(AuthMethod::AppOnly);
    assert_eq!(
        w.method(),
        AuthMethod::Modern,
        "app-only is not for Germany"
    );

    // A restored draft that breaks the rule is refused at Next.
    let bad = restored(&[
        ("region", "China".into()),
        ("method", "Modern".into()),
        ("step", "RegionAndMethod".into()),
    ]);
    assert_eq!(
        (bad.region(), bad.method()),
        (Region::China, AuthMethod::Modern)
    );
    let errors = bad
        .check_step(Step::RegionAndMethod, &WizardSecrets::default())
        .unwrap_err();
    assert!(errors.get(Field::Method).unwrap().contains("China"));
}

#[test]
fn a_version_8_server_takes_app_only_and_says_why_not_the_others() {
    let mut w = with_services(services(true, true), true);
    w.set_service(Service::Teams, true);
    let said = w.set_server_version(ApiVersion::V8);
    assert_eq!(
        w.method(),
        AuthMethod::AppOnly,
        "legacy was chosen before the version was known"
    );
    assert!(said.notice().unwrap().contains("Version 8"));
    for method in [AuthMethod::Modern, AuthMethod::Basic] {
        assert!(w.method_refused(method).unwrap().contains("Version 8"));
    }
    w.set_service(Service::TeamsChats, true);
    assert!(w.has(Service::TeamsChats), "app-only backs up Teams chats");
    assert_eq!(w.service_label(Service::TeamsChats), "Teams posts");

    // China on v8: basic only there, and neither Teams nor its posts.
    let said = w.set_region(Region::China);
    assert!(!w.has(Service::Teams) && !w.has(Service::TeamsChats));
    let notice = said.notice().unwrap();
    assert!(
        notice.contains(
            "Microsoft Teams was turned off. Microsoft Teams is not available for China."
        ),
        "{notice}"
    );
    assert!(notice.contains("Teams posts was turned off."), "{notice}");
    w.set_method(AuthMethod::Basic);
    assert_eq!(w.method(), AuthMethod::Basic);

    // Germany on v8: legacy only (through REST), and no Teams.
    w.set_region(Region::Germany);
    assert_eq!(w.method(), AuthMethod::Modern);
    assert!(
        w.service_refused(Service::Teams)
            .unwrap()
            .contains("Germany")
    );

    // On v7 every method stays, and Teams is offered for Germany.
    let mut w = Wizard::default();
    w.set_server_version(ApiVersion::V7);
    w.set_region(Region::Germany);
    assert!(w.can_choose(Service::Teams));
    assert!(w.method_available(AuthMethod::Basic));
    assert_eq!(w.service_label(Service::TeamsChats), "Teams chats");
}

#[test]
fn choosing_a_legacy_method_turns_teams_chats_off_and_says_so() {
    let mut w = Wizard::default();
    w.set_services(Services {
        teams: true,
        teams_chats: true,
        ..services(true, true)
    });
    assert!(w.has(Service::TeamsChats));
    let said = w.set_method(AuthMethod::Basic);
    assert!(!w.has(Service::TeamsChats));
    assert!(w.has(Service::Teams));
    assert_eq!(
        said.notice().as_deref(),
        Some(
            "Teams chats was turned off. Teams chats can be backed up only with modern app-only authentication."
        )
    );
}

#[test]
fn next_validates_only_the_current_step_and_stops_at_review() {
    let mut w = filled(services(true, true), AuthMethod::Modern, false);
    let mut empty_sp = secrets();
    empty_sp.sharepoint = CredentialsSecrets::default();
    w.next(&empty_sp).unwrap();
    w.next(&empty_sp).unwrap();
    assert_eq!(w.step(), Step::AppCredentials);
    w.next(&empty_sp).unwrap();
    assert_eq!(w.step(), Step::SharePointCredentials);
    let errors = w.next(&empty_sp).unwrap_err();
    assert!(errors.get(Field::AppPassword).is_some());
    assert_eq!(w.step(), Step::SharePointCredentials);
    w.next(&secrets()).unwrap();
    assert_eq!(w.step(), Step::Review);
    w.next(&secrets()).unwrap();
    assert_eq!(w.step(), Step::Review, "only finish() leaves Review");
}

#[test]
fn back_and_change_keep_every_answer() {
    let mut w = filled(services(true, true), AuthMethod::Modern, true);
    walk_to(&mut w, Step::Review);
    let before = w.clone();
    w.back();
    assert_eq!(w.step(), Step::AppCredentials);
    walk_to(&mut w, Step::Review);
    assert!(w.change(Step::Services));
    assert_eq!(w.step(), Step::Services);
    assert!(!w.change(Step::Review), "not forward");
    walk_to(&mut w, Step::Review);
    assert_eq!(w, before, "every answer kept");
    assert!(!w.change(Step::SharePointCredentials), "not a hidden step");
}

#[test]
fn finish_refuses_and_names_the_step_to_fix() {
    let mut w = filled(services(true, true), AuthMethod::Modern, false);
    walk_to(&mut w, Step::Review);
    w.set_answer(Target::SharePoint, Answer::Username("nope".into()));
    let (step, errors) = w.finish(&secrets()).unwrap_err();
    assert_eq!(step, Step::SharePointCredentials);
    assert!(errors.get(Field::Username).is_some());
    assert_eq!(w.step(), Step::Review);
    w.fix(step);
    assert_eq!(w.step(), Step::SharePointCredentials);
    w.set_answer(
        Target::SharePoint,
        Answer::Username("sp@contoso.com".into()),
    );
    walk_to(&mut w, Step::Review);
    w.finish(&secrets()).unwrap();
    assert_eq!(w.step(), Step::Finish);
}

#[test]
fn warns_when_the_two_accounts_are_in_different_domains() {
    let mut w = filled(services(true, true), AuthMethod::Modern, false);
    walk_to(&mut w, Step::SharePointCredentials);
    assert!(w.warnings(&secrets()).is_empty());
    w.set_answer(
        Target::SharePoint,
        Answer::Username("sp@Fabrikam.com".into()),
    );
    let warnings = w.warnings(&secrets());
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].0, Field::Username);
    assert!(warnings[0].1.contains("fabrikam.com") && warnings[0].1.contains("contoso.com"));
}

#[test]
fn warns_when_the_secret_is_its_id() {
    let mut w = filled(services(true, true), AuthMethod::Modern, true);
    walk_to(&mut w, Step::AppCredentials);
    let mut s = secrets();
    s.primary.application_secret = "{7D3C1B2A-0000-4000-8000-1234567890AB}".into();
    assert_eq!(w.warnings(&s)[0].0, Field::ApplicationSecret);
}

#[test]
fn the_saved_draft_holds_no_secrets_and_restores() {
    let w = filled(services(true, true), AuthMethod::Modern, false);
    let saved = w.to_draft();
    assert!(saved.contains("a@contoso.com"));
    assert!(!saved.contains("v~alue") && !saved.contains("\"pw\""));
    let restored = Wizard::from_draft(&saved).unwrap();
    assert_eq!(restored, w);
    // A partial or older draft fills in defaults rather than failing.
    let partial = Wizard::from_draft(r#"{"region":"Germany"}"#).unwrap();
    assert_eq!(partial.region(), Region::Germany);
    assert_eq!(partial.step(), Step::Services);
}

#[test]
fn the_retired_exchange_grant_starts_off_and_sharepoint_keeps_its_own() {
    let w = Wizard::default();
    assert!(
        !w.draft(Target::Primary).grant_roles,
        "ApplicationImpersonation is retired"
    );
    assert!(
        w.draft(Target::SharePoint).grant_roles,
        "Site Collection Administrator"
    );
}

#[test]
fn regions_turn_off_what_they_do_not_offer_and_say_so() {
    let mut w = Wizard::default();
    w.set_service(Service::Teams, true);
    assert!(w.set_region(Region::UsGovernment).is_empty());
    assert!(w.has(Service::Teams));
    let said = w.set_region(Region::China);
    assert!(!w.has(Service::Teams));
    assert!(!w.can_choose(Service::Teams), "not offered for China");
    w.set_service(Service::Teams, true);
    assert!(!w.has(Service::Teams));
    assert_eq!(
        said.notice().as_deref(),
        Some("Microsoft Teams was turned off. Microsoft Teams is not available for China.")
    );
    assert_eq!(w.set_region(Region::China).notice(), None);
    w.set_region(Region::Worldwide);
    assert!(
        w.can_choose(Service::Teams),
        "offered again, not ticked again"
    );
    assert!(!w.has(Service::Teams));
    for region in [Region::China, Region::UsDefence, Region::UsGovernment] {
        assert!(wizard_core::flow::region_refuses(region, None, Service::TeamsChats).is_some());
    }
    assert_eq!(
        wizard_core::flow::region_refuses(Region::UsGovernment, None, Service::Teams),
        None
    );

    // A restored draft that breaks the rule is refused at Next.
    let bad = restored(&[
        ("region", "China".into()),
        (
            "services",
            serde_json::json!({"exchange": true, "sharepoint": true, "teams": true, "teams_chats": false}),
        ),
    ]);
    let errors = bad
        .check_step(Step::Services, &WizardSecrets::default())
        .unwrap_err();
    assert!(
        errors
            .get(Field::Services)
            .unwrap()
            .contains("not available for China")
    );
}

/// A device code belongs to one region's cloud: another region voids the
/// Microsoft 365 sign-in, choosing the same one again does not, and a
/// method's change never does.
#[test]
fn another_region_voids_the_microsoft_sign_in() {
    let mut w = with_services(Services::default(), true);
    assert!(!w.set_region(Region::Worldwide).voids_microsoft_sign_in());
    assert!(w.set_region(Region::Germany).voids_microsoft_sign_in());
    assert!(!w.set_region(Region::Germany).voids_microsoft_sign_in());
    assert!(!w.set_method(AuthMethod::Basic).voids_microsoft_sign_in());
    assert!(w.set_region(Region::China).voids_microsoft_sign_in());
}

/// A changed choice clears the messages it makes stale and keeps the rest.
#[test]
fn a_changed_choice_settles_its_own_messages_only() {
    use wizard_core::answers::{Changed, FieldErrors};
    let mut errors = FieldErrors::default();
    for field in [
        Field::Services,
        Field::Method,
        Field::ApplicationId,
        Field::ApplicationName,
        Field::Username,
    ] {
        errors.set(field, Some("Wrong.".into()));
    }
    errors.settle(Changed::Route);
    assert_eq!(errors.get(Field::ApplicationId), None);
    assert_eq!(errors.get(Field::ApplicationName), None);
    assert_eq!(errors.get(Field::Username), Some("Wrong."));
    errors.settle(Changed::RegionOrMethod);
    assert_eq!(errors.get(Field::Method), None);
    errors.settle(Changed::Service);
    assert_eq!(errors.get(Field::Services), None);
    assert_eq!(errors.get(Field::Username), Some("Wrong."), "untouched");
}
