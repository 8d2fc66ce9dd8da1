//! The Review step's rows: every answer with the step that asks it, secrets
//! only ever as "set" or "not set".

use crate::answers::{AppCredentialKind, AppRoute, AuthMethod, CertificateState};
use crate::flow::{Service, Step, Target, Wizard, WizardSecrets};
use crate::flow::{application_name_of, organization_name_required};

/// One row of the review: the question, the answer, the step that asks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    /// The question, in the step's own words.
    pub term: &'static str,
    /// The answer; a secret appears only as "set" or "not set".
    pub value: String,
    /// Where "Change" goes.
    pub step: Step,
}

fn set(present: bool) -> String {
    if present { "set" } else { "not set" }.to_owned()
}

fn yes_no(value: bool) -> String {
    if value { "Yes" } else { "No" }.to_owned()
}

/// Every answer of `w`, in page order.
pub fn review_rows(w: &Wizard, s: &WizardSecrets) -> Vec<ReviewRow> {
    let services = Service::ALL
        .iter()
        .filter(|service| w.has(**service))
        .map(|service| w.service_label(*service))
        .collect::<Vec<_>>()
        .join(", ");
    let mut rows = vec![
        ReviewRow {
            term: "Services",
            value: services,
            step: Step::Services,
        },
        ReviewRow {
            term: "Region",
            value: w.region().label().to_owned(),
            step: Step::RegionAndMethod,
        },
        ReviewRow {
            term: "Authentication method",
            value: w.method().label().to_owned(),
            step: Step::RegionAndMethod,
        },
    ];
    if w.method() == AuthMethod::AppOnly {
        rows.extend(app_only_rows(w, s));
        return rows;
    }
    rows.extend(credential_rows(w, s, Target::Primary));
    if w.needs_sharepoint_step() {
        rows.extend(credential_rows(w, s, Target::SharePoint));
    } else if w.same_credentials_available() {
        rows.push(ReviewRow {
            term: "Use the same credentials for SharePoint Online, OneDrive for Business and Microsoft Teams",
            value: yes_no(true),
            step: Step::AppCredentials,
        });
    }
    rows
}

/// The rows of the app-only connection step: the application, its
/// certificate (subject, thumbprint, expiry; never the file or password),
/// the account and the organization's name.
fn app_only_rows(w: &Wizard, s: &WizardSecrets) -> Vec<ReviewRow> {
    let draft = w.draft(Target::Primary);
    let row = |term: &'static str, value: String| ReviewRow {
        term,
        value,
        step: Step::AppCredentials,
    };
    let route = w.route();
    let mut rows = vec![row(
        "Microsoft Entra ID application",
        route.label().to_owned(),
    )];
    match route {
        AppRoute::New => rows.push(row("Application name", application_name_of(draft))),
        AppRoute::Existing => {
            rows.push(row(
                "Application ID",
                draft.application_id.trim().to_owned(),
            ));
            rows.push(row(
                "Grant the required permissions to this application and register its certificate in Microsoft Entra ID",
                yes_no(draft.configure_application),
            ));
        }
    }
    match &s.primary.certificate {
        CertificateState::Ready(upload) => rows.extend([
            row("Certificate", upload.subject.clone()),
            row("Thumbprint", upload.thumbprint.clone()),
            row("Valid until", upload.not_after.clone()),
            row("Certificate password", set(!upload.password.is_empty())),
        ]),
        _ => rows.push(row("Certificate", set(false))),
    }
    if w.has(Service::Exchange) {
        rows.push(row("Username", draft.username.trim().to_owned()));
    }
    let name = draft.organization_name.trim();
    if !name.is_empty() || organization_name_required(w.services()) {
        rows.push(row("Organization name", name.to_owned()));
    }
    rows
}

/// The rows of one credentials step.
fn credential_rows(w: &Wizard, s: &WizardSecrets, target: Target) -> Vec<ReviewRow> {
    let step = match target {
        Target::Primary => Step::AppCredentials,
        Target::SharePoint => Step::SharePointCredentials,
    };
    let draft = w.draft(target);
    let secrets = s.of(target);
    let term = |plain: &'static str, sharepoint: &'static str| match target {
        Target::Primary => plain,
        Target::SharePoint => sharepoint,
    };
    let row = |term: &'static str, value: String| ReviewRow { term, value, step };
    let mut rows = Vec::new();
    if w.method() == AuthMethod::Modern {
        rows.push(row(
            term("Application ID", "SharePoint application ID"),
            draft.application_id.trim().to_owned(),
        ));
        let certificate = term(
            "Application certificate",
            "SharePoint application certificate",
        );
        rows.push(match (draft.app_credential, &secrets.certificate) {
            (AppCredentialKind::Certificate, CertificateState::Ready(upload)) => row(
                certificate,
                format!("{} (thumbprint {})", upload.subject, upload.thumbprint),
            ),
            (AppCredentialKind::Certificate, _) => row(certificate, set(false)),
            (AppCredentialKind::Secret, _) => row(
                term("Application secret", "SharePoint application secret"),
                set(!secrets.application_secret.is_empty()),
            ),
        });
    }
    let password = match w.method() {
        AuthMethod::Basic => "Password",
        _ => "App password",
    };
    rows.push(row(
        term("Username", "SharePoint username"),
        draft.username.trim().to_owned(),
    ));
    rows.push(row(
        term(password, "SharePoint password"),
        set(!secrets.app_password.is_empty()),
    ));
    rows.push(row(
        term(
            "Grant this account required roles and permissions",
            "Grant the SharePoint account required roles and permissions",
        ),
        yes_no(draft.grant_roles),
    ));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::CertificateUpload;
    use crate::answers::Secret;
    use crate::server::Services;

    const SECRETS: [&str; 6] = [
        "app~secret~value",
        "app-password-1",
        "cert-password-1",
        "sp~secret~value",
        "sp-password-2",
        "cert-password-2",
    ];

    fn secrets(certificate: bool) -> WizardSecrets {
        let mut s = WizardSecrets::default();
        for (target, base) in [(Target::Primary, 0), (Target::SharePoint, 3)] {
            let c = s.of_mut(target);
            c.application_secret = Secret::new(SECRETS[base].to_owned());
            c.app_password = Secret::new(SECRETS[base + 1].to_owned());
            c.certificate_password = Secret::new(SECRETS[base + 2].to_owned());
            if certificate {
                c.certificate = CertificateState::Ready(CertificateUpload {
                    pfx_base64: Secret::new("MIIKpfxBASE64".to_owned()),
                    password: Secret::new(SECRETS[base + 2].to_owned()),
                    thumbprint: "A1B2".into(),
                    subject: "CN=wizard".into(),
                    not_after: "2028-01-01".into(),
                });
            }
        }
        s
    }

    fn wizard(method: AuthMethod, same: bool, certificate: bool) -> Wizard {
        let mut w = Wizard::default();
        w.set_services(Services::WITH_TEAMS);
        w.set_method(method);
        w.set_same_credentials(same);
        for target in [Target::Primary, Target::SharePoint] {
            let d = w.draft_mut(target);
            d.application_id = "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90".into();
            d.username = "ops@contoso.com".into();
            if certificate {
                d.app_credential = AppCredentialKind::Certificate;
            }
        }
        w
    }

    #[test]
    fn secrets_show_only_as_set() {
        for method in AuthMethod::ALL {
            for same in [true, false] {
                for certificate in [false, true] {
                    if method == AuthMethod::AppOnly && !certificate {
                        continue; // no certificate, no secret row: see below
                    }
                    let s = secrets(certificate);
                    let rows = review_rows(&wizard(method, same, certificate), &s);
                    let label = format!("{method:?} same={same} certificate={certificate}");
                    for row in &rows {
                        for secret in SECRETS.iter().chain(&["MIIKpfxBASE64"]) {
                            assert!(!row.value.contains(secret), "{label}: {row:?}");
                        }
                    }
                    let secret_rows: Vec<&ReviewRow> = rows
                        .iter()
                        .filter(|r| {
                            let term = r.term.to_lowercase();
                            term.contains("password") || term.contains("secret")
                        })
                        .collect();
                    assert!(!secret_rows.is_empty(), "{label}");
                    for row in secret_rows {
                        assert_eq!(row.value, "set", "{label}: {row:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn missing_secrets_say_not_set_and_rows_follow_the_steps() {
        let w = wizard(AuthMethod::Modern, false, false);
        let rows = review_rows(&w, &WizardSecrets::default());
        let terms: Vec<&str> = rows.iter().map(|r| r.term).collect();
        assert_eq!(
            terms,
            [
                "Services",
                "Region",
                "Authentication method",
                "Application ID",
                "Application secret",
                "Username",
                "App password",
                "Grant this account required roles and permissions",
                "SharePoint application ID",
                "SharePoint application secret",
                "SharePoint username",
                "SharePoint password",
                "Grant the SharePoint account required roles and permissions",
            ]
        );
        assert!(
            rows.iter()
                .filter(|r| r.term.contains("password"))
                .all(|r| r.value == "not set")
        );
        assert_eq!(
            rows[0].value,
            "Exchange Online, SharePoint Online and OneDrive for Business, Microsoft Teams"
        );
        assert!(
            rows[8..]
                .iter()
                .all(|r| r.step == Step::SharePointCredentials)
        );
        let same = review_rows(&wizard(AuthMethod::Modern, true, true), &secrets(true));
        assert_eq!(same[4].value, "CN=wizard (thumbprint A1B2)");
        assert_eq!(same.last().map(|r| r.value.as_str()), Some("Yes"));
    }

    #[test]
    fn app_only_shows_the_application_and_certificate() {
        let mut w = wizard(AuthMethod::AppOnly, true, true);
        w.set_username(Target::Primary, "ops@contoso.com".into());
        let new = review_rows(&w, &secrets(true));
        let name = new.iter().find(|r| r.term == "Application name");
        assert_eq!(
            name.map(|r| r.value.as_str()),
            Some("Veeam Backup for Microsoft 365 - contoso.com"),
            "{new:#?}"
        );
        w.set_route(AppRoute::Existing);
        let rows = review_rows(&w, &secrets(true));
        let shown: Vec<(&str, &str)> = rows.iter().map(|r| (r.term, r.value.as_str())).collect();
        assert_eq!(
            shown[2..],
            [
                ("Authentication method", "Modern app-only authentication"),
                (
                    "Microsoft Entra ID application",
                    "Use an existing Microsoft Entra ID application"
                ),
                ("Application ID", "0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90"),
                (
                    "Grant the required permissions to this application and register its certificate in Microsoft Entra ID",
                    "No"
                ),
                ("Certificate", "CN=wizard"),
                ("Thumbprint", "A1B2"),
                ("Valid until", "2028-01-01"),
                ("Certificate password", "set"),
                ("Username", "ops@contoso.com"),
                ("Organization name", "contoso.com"),
            ]
        );
        let none = review_rows(&w, &WizardSecrets::default());
        assert!(
            none.iter()
                .any(|r| r.term == "Certificate" && r.value == "not set")
        );
        w.set_services(Services {
            exchange: false,
            sharepoint: true,
            teams: false,
            teams_chats: false,
        });
        w.draft_mut(Target::Primary).organization_name.clear();
        let rows = review_rows(&w, &secrets(true));
        assert!(!rows.iter().any(|r| r.term == "Username"));
        assert!(
            rows.iter()
                .any(|r| r.term == "Organization name" && r.value.is_empty())
        );
    }
}
