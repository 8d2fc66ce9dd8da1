//! "There is a problem": the list of a step's errors, each linking to its field.

use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::answers::FieldErrors;

/// Shown after a failed Next; takes focus so screen readers announce it.
#[component]
pub fn ErrorSummary(
    /// The errors to list; nothing is shown when empty.
    errors: RwSignal<FieldErrors>,
    /// Bumped on every failed Next, to move focus here again.
    attempts: ReadSignal<u32>,
) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if attempts.get() > 0 {
            // After the frame is drawn: a hidden summary cannot take focus, and
            // the render that unhides it may not have run yet.
            request_animation_frame(move || {
                if let Some(el) = node.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    let heading_id = ids.id("error-summary-title");
    let labelled_by = heading_id.clone();
    view! {
        <div
            class="m365w-error-summary"
            node_ref=node
            tabindex="-1"
            role="alert"
            aria-labelledby=labelled_by
            hidden=move || errors.with(FieldErrors::is_empty)
        >
            <h3 class="m365w-error-summary-title" id=heading_id>"There is a problem"</h3>
            <ul class="m365w-error-summary-list">
                {move || {
                    errors
                        .get()
                        .iter()
                        .map(|(field, message)| {
                            let href = format!("#{}", ids.id(field.key()));
                            view! {
                                <li>
                                    <a href=href>{message.to_owned()}</a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
