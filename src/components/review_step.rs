//! Step 5: every answer, secrets only as "set", each with a way back to change
//! it; the only place the organization can be sent from.

use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::{
    AppCredentialKind, AuthMethod, CertificateState, Service, Step, Target, Wizard, WizardSecrets,
};

/// One row of the review: the question, the answer, the step that asks it.
struct Row {
    term: &'static str,
    value: String,
    step: Step,
}

/// The check-your-answers page and the "Add organization" button.
#[component]
pub fn ReviewStep() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let shared = expect_context::<Shared>();
    let Shared {
        wizard, secrets, ..
    } = shared;

    let add = move |_| {
        // A second click while the first is being handled does nothing: the
        // step has already moved on to Finish.
        if wizard.with_untracked(|w| w.step) != Step::Review {
            return;
        }
        let mut moved = wizard.get_untracked();
        match secrets.with_untracked(|s| moved.finish(s)) {
            Ok(_) => wizard.set(moved),
            Err((step, errors)) => {
                wizard.update(|w| w.step = step);
                shared.show_errors(errors);
            }
        }
    };

    let rows = move || {
        let w = wizard.get();
        secrets.with(|s| rows(&w, s))
            .into_iter()
            .map(|row| {
                let step = row.step;
                let title = w.title(step);
                view! {
                    <div class="m365w-review-row">
                        <dt>{row.term}</dt>
                        <dd>{row.value}</dd>
                        <dd class="m365w-review-change">
                            <button
                                type="button"
                                class="m365w-button m365w-link"
                                on:click=move |_| {
                                    wizard.update(|w| {
                                        w.change(step);
                                    });
                                }
                            >
                                "Change"
                                <span class="m365w-visually-hidden">{format!(" {} ({title})", row.term)}</span>
                            </button>
                        </dd>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <div class="m365w-step-body">
            <p class="m365w-intro">
                "Check your answers. Nothing is sent to the backup server until you choose Add organization."
            </p>
            <dl class="m365w-review" id=ids.id("review")>{rows}</dl>
            <div class="m365w-actions">
                <button type="button" class="m365w-button m365w-primary" on:click=add>
                    "Add organization"
                </button>
            </div>
        </div>
    }
}

/// The answers as rows; secrets appear only as "set" or "not set".
fn rows(w: &Wizard, s: &WizardSecrets) -> Vec<Row> {
    let set = |present: bool| if present { "set" } else { "not set" }.to_owned();
    let yes_no = |value: bool| if value { "Yes" } else { "No" }.to_owned();
    let services = Service::ALL
        .iter()
        .filter(|service| w.has(**service))
        .map(|service| service.label())
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = vec![
        Row {
            term: "Services",
            value: services,
            step: Step::Services,
        },
        Row {
            term: "Region",
            value: w.region.label().to_owned(),
            step: Step::RegionAndMethod,
        },
        Row {
            term: "Authentication method",
            value: w.method.label().to_owned(),
            step: Step::RegionAndMethod,
        },
    ];
    let mut credentials = |target: Target| {
        let step = match target {
            Target::Primary => Step::AppCredentials,
            Target::SharePoint => Step::SharePointCredentials,
        };
        let draft = w.draft(target);
        let secrets = s.of(target);
        let term = |plain: &'static str, sharepoint: &'static str| {
            if target == Target::Primary {
                plain
            } else {
                sharepoint
            }
        };
        if w.method == AuthMethod::Modern {
            out.push(Row {
                term: term("Application ID", "SharePoint application ID"),
                value: draft.application_id.trim().to_owned(),
                step,
            });
            out.push(match (draft.app_credential, &secrets.certificate) {
                (AppCredentialKind::Certificate, CertificateState::Ready(upload)) => Row {
                    term: term(
                        "Application certificate",
                        "SharePoint application certificate",
                    ),
                    value: format!("{} (thumbprint {})", upload.subject, upload.thumbprint),
                    step,
                },
                (AppCredentialKind::Certificate, _) => Row {
                    term: term(
                        "Application certificate",
                        "SharePoint application certificate",
                    ),
                    value: set(false),
                    step,
                },
                (AppCredentialKind::Secret, _) => Row {
                    term: term("Application secret", "SharePoint application secret"),
                    value: set(!secrets.application_secret.is_empty()),
                    step,
                },
            });
        }
        out.push(Row {
            term: term("Username", "SharePoint username"),
            value: draft.username.trim().to_owned(),
            step,
        });
        out.push(Row {
            term: term(
                if w.method == AuthMethod::Modern {
                    "App password"
                } else {
                    "Password"
                },
                "SharePoint password",
            ),
            value: set(!secrets.app_password.is_empty()),
            step,
        });
        out.push(Row {
            term: term(
                "Grant this account required roles and permissions",
                "Grant the SharePoint account required roles and permissions",
            ),
            value: yes_no(draft.grant_roles),
            step,
        });
    };
    credentials(Target::Primary);
    if w.needs_sharepoint_step() {
        credentials(Target::SharePoint);
    } else if w.same_credentials_available() {
        out.push(Row {
            term: "Use the same credentials for SharePoint Online, OneDrive for Business and Microsoft Teams",
            value: yes_no(true),
            step: Step::AppCredentials,
        });
    }
    out
}
