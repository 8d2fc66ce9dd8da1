//! The list of steps, marking where the user is.

use leptos::prelude::*;
use wizard_core::flow::Wizard;

/// A labelled `nav` with an ordered list of the steps; the current one has
/// `aria-current="step"`.
#[component]
pub fn StepList(
    /// The wizard whose steps are listed.
    wizard: RwSignal<Wizard>,
    /// The navigation landmark's name.
    label: String,
) -> impl IntoView {
    view! {
        <nav class="m365w-steps" aria-label=label>
            <ol>
                {move || {
                    let w = wizard.get();
                    w.steps()
                        .into_iter()
                        .map(|step| {
                            let current = step == w.step();
                            view! {
                                <li
                                    class="m365w-step"
                                    class:m365w-step-current=current
                                    aria-current=current.then_some("step")
                                >
                                    {w.title(step)}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
    }
}
