//! Step 5: every answer, secrets only as "set", each with a way back to change
//! it; the only place the organization can be sent from.

use super::back_to::BackTo;
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::flow::{Step, Wizard, review_rows};

/// The check-your-answers page and the "Add organization" button.
#[component]
pub fn ReviewStep() -> AnyView {
    let ids = expect_context::<Ids>();
    let shared = expect_context::<Shared>();
    let Shared {
        wizard, secrets, ..
    } = shared;

    let add = move |_| {
        // A second click while the first is being handled does nothing: the
        // step has already moved on to Finish.
        if wizard.with_untracked(|w| w.step()) != Step::Review {
            return;
        }
        let mut moved = wizard.get_untracked();
        match secrets.with_untracked(|s| moved.finish(s)) {
            Ok(_) => {
                shared
                    .saved_changes
                    .set(secrets.with_untracked(|s| wizard.with_untracked(|w| w.changes(s))));
                wizard.set(moved);
            }
            Err((step, errors)) => {
                wizard.update(|w| w.fix(step));
                shared.show_errors(errors);
            }
        }
    };

    let rows = move || {
        let w = wizard.get();
        secrets
            .with(|s| review_rows(&w, s))
            .into_iter()
            .map(|row| {
                view! {
                    <div class="m365w-review-row">
                        <dt>{row.term}</dt>
                        <dd>{row.value}</dd>
                        <dd class="m365w-review-change">
                            <ChangeButton term=row.term step=row.step />
                        </dd>
                    </div>
                }
            })
            .collect_view()
    };

    if wizard.with_untracked(Wizard::is_editing) {
        return view! {
            <div class="m365w-step-body">
                <p class="m365w-intro">
                    "Check what changes. Nothing is sent to the backup server until you choose Save."
                </p>
                <Changes />
                <div class="m365w-actions">
                    <button type="button" class="m365w-button m365w-primary" on:click=add>
                        "Save"
                    </button>
                </div>
            </div>
        }
        .into_any();
    }
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
    .into_any()
}

/// The edit's review: each thing that changes, "Now" and "After saving",
/// with a way back to the step that changes it.
#[component]
fn Changes() -> impl IntoView {
    let ids = expect_context::<Ids>();
    let Shared {
        wizard, secrets, ..
    } = expect_context::<Shared>();
    let rows = wizard.with_untracked(|w| secrets.with_untracked(|s| w.changes(s)));
    let organization =
        wizard.with_untracked(|w| w.edited().map(|o| o.name.clone()).unwrap_or_default());
    if rows.is_empty() {
        return view! {
            <p class="m365w-notice" id=ids.id("review")>
                {format!("Nothing changes for {organization} yet: Save sends the same connection again. Go back to give a new certificate, or to change the method or services.")}
            </p>
        }
        .into_any();
    }
    let body = rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.term}</th>
                    <td>{row.now}</td>
                    <td>{row.after}</td>
                    <td>
                        <ChangeButton term=row.term step=row.step />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="m365w-changes" id=ids.id("review")>
            <caption>{format!("What changes for {organization}")}</caption>
            <thead>
                <tr>
                    <td></td>
                    <th scope="col">"Now"</th>
                    <th scope="col">"After saving"</th>
                    <td></td>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}

/// "Change", back to the step that holds `term` (its name and the step's
/// are read out with it).
#[component]
fn ChangeButton(term: &'static str, step: Step) -> impl IntoView {
    let title = expect_context::<Shared>()
        .wizard
        .with_untracked(|w| w.title(step));
    view! {
        <BackTo step=step class="m365w-link">
            "Change"
            <span class="m365w-visually-hidden">{format!(" {term} ({title})")}</span>
        </BackTo>
    }
}
