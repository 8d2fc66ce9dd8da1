//! Step 5: every answer, secrets only as "set", each with a way back to change
//! it; the only place the organization can be sent from.

use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::{Step, review_rows};

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
        if wizard.with_untracked(|w| w.step()) != Step::Review {
            return;
        }
        let mut moved = wizard.get_untracked();
        match secrets.with_untracked(|s| moved.finish(s)) {
            Ok(_) => wizard.set(moved),
            Err((step, errors)) => {
                wizard.update(|w| w.fix(step));
                shared.show_errors(errors);
            }
        }
    };

    let rows = move || {
        let w = wizard.get();
        secrets.with(|s| review_rows(&w, s))
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
