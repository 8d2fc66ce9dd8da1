//! "What this means" and "What to do" under a refusal the server put in
//! words: wizard-core's refusal catalogue, shown below the server's message,
//! which stays as given (support asks for it).

use super::back_to::BackTo;
use super::state::Shared;
use leptos::prelude::*;
use wizard_core::flow::Target;
use wizard_core::refusals::{Explanation, explain_error, sent_thumbprint};
use wizard_core::server::ApiError;

/// What the catalogue says about `error`, with the thumbprint Microsoft
/// names compared with the certificate the connection step holds.
pub fn explanations_of(shared: Shared, error: &ApiError) -> Vec<Explanation> {
    shared.secrets.with_untracked(|s| {
        explain_error(error, sent_thumbprint(&s.of(Target::Primary).certificate))
    })
}

/// The explanations, each with its way back to the step that fixes it;
/// nothing when the catalogue knows nothing of the refusal.
#[component]
pub fn Explanations(explanations: Vec<Explanation>) -> impl IntoView {
    let shared = expect_context::<Shared>();
    let wizard = shared.wizard;
    explanations
        .into_iter()
        .map(|e| {
            let go = e.remedy.and_then(|r| r.step()).filter(|step| {
                wizard.with_untracked(|w| *step < w.step() && w.steps().contains(step))
            });
            view! {
                <div class="m365w-explanation">
                    <h4>"What this means"</h4>
                    <p>{e.meaning}</p>
                    {e.thumbprint.map(|t| view! { <p class="m365w-thumbprint-check">{t.sentence()}</p> })}
                    <h4>"What to do"</h4>
                    <ol>
                        {e.actions.iter().map(|a| view! { <li>{*a}</li> }).collect_view()}
                    </ol>
                    {e.remedy.map(|r| view! { <p>{r.sentence()}</p> })}
                    {go.map(|step| {
                        let title = wizard.with_untracked(|w| w.title(step));
                        view! {
                            <BackTo step=step class="m365w-secondary">
                                {format!("Go to \u{201c}{title}\u{201d}")}
                            </BackTo>
                        }
                    })}
                </div>
            }
        })
        .collect_view()
}
