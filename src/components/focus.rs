//! Moving the focus to an element once it is drawn: a leaf, for the views
//! that put the focus back where a person expects it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Puts the focus on the element `id` once it is drawn: unless the person
/// has moved the focus elsewhere meanwhile, or `always`.
pub fn focus_by_id(id: String, always: bool) {
    request_animation_frame(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let lost = document
            .active_element()
            .is_none_or(|e| Some(e) == document.body().map(Into::into));
        if (always || lost)
            && let Some(element) = document
                .get_element_by_id(&id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
