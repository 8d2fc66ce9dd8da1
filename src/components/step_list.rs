//! The list of steps, marking where the user is.

use leptos::prelude::*;
use wizard_core::Wizard;

/// A labelled `nav` with an ordered list of the steps; the current one has
/// `aria-current="step"`.
#[component]
pub fn StepList(
    /// The wizard whose steps are listed.
    wizard: RwSignal<Wizard>,
    /// The navigation landmark's name.
    label: String,
) -> impl IntoView {
    // The titles and which is current: a change of any other answer (each
    // keystroke) leaves the list as it is.
    let items = Memo::new(move |_| {
        wizard.with(|w| {
            w.steps()
                .into_iter()
                .map(|step| (w.title(step), step == w.step()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <nav class="m365w-steps" aria-label=label>
            <ol>
                {move || {
                    items
                        .get()
                        .into_iter()
                        .map(|(title, current)| {
                            view! {
                                <li
                                    class="m365w-step"
                                    class:m365w-step-current=current
                                    aria-current=current.then_some("step")
                                >
                                    {title}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </nav>
    }
}
