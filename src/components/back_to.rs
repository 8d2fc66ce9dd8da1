//! A button back to an earlier step, every answer kept: the reviews'
//! "Change" and the refusal explanations' "Go to …".

use super::state::Shared;
use leptos::prelude::*;
use wizard_core::flow::Step;

/// Goes back to `step` when clicked; its text is the children.
#[component]
pub fn BackTo(
    /// The step to go back to.
    step: Step,
    /// The button's look: a link ("Change") or a secondary button.
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let wizard = expect_context::<Shared>().wizard;
    view! {
        <button
            type="button"
            class=format!("m365w-button {class}")
            on:click=move |_| {
                wizard.update(|w| {
                    w.change(step);
                });
            }
        >
            {children()}
        </button>
    }
}
