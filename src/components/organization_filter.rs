//! The filter above a list of organizations (the edit's Organization step,
//! "Check connections"): one text field, matched by
//! `ServerOrganization::matches`.

use super::field::TextField;
use leptos::prelude::*;

/// "Filter", writing what is typed to `value`.
#[component]
pub fn OrganizationFilter(
    /// The input's id.
    id: String,
    /// What is typed.
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <TextField
            id=id
            label="Filter"
            hint="Part of the organization's name, Application ID, certificate thumbprint or account."
            value=value
            on_input=Callback::new(move |v| value.set(v))
            on_change=Callback::new(|_| ())
            error=Signal::derive(|| None::<String>)
            autocomplete="off"
        />
    }
}
