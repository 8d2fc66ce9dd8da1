//! "Certificate password", shared by the certificate field's two halves
//! (import and generate), in a file of its own so neither half imports the
//! other for it.

use super::field::TextField;
use super::state::Shared;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::answers::Secret;
use wizard_core::flow::Target;

/// "Certificate password": the one secret of both halves of the field (the
/// file's password, or the new .pfx's).
#[component]
pub(super) fn CertificatePassword(
    target: Target,
    hint: &'static str,
    on_change: Callback<()>,
    autocomplete: &'static str,
) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let secrets = expect_context::<Shared>().secrets;
    view! {
        <TextField
            id=ids.id("certificate-password")
            label="Certificate password"
            hint=hint
            value=Signal::derive(move || {
                secrets.with(|s| s.of(target).certificate_password.expose().to_owned())
            })
            on_input=Callback::new(move |value: String| {
                secrets.update(|s| s.of_mut(target).certificate_password = Secret::new(value));
            })
            on_change=on_change
            error=Signal::derive(|| None::<String>)
            secret=true
            autocomplete=autocomplete
        />
    }
}
