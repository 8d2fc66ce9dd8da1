//! The backup server's sign-in form, for a wizard without a host token. It
//! checks that both answers are there and hands them on; whoever shows it
//! decides what the sign-in is for (the Finish step's send, or the device
//! code the "Log in to Microsoft 365" step asks the server for).

use super::field::TextField;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::answers::Secret;

/// Server user name and password, and "Sign in".
#[component]
pub fn ServerSignIn(
    /// Called with the user name and password once both are given.
    on_submit: Callback<(String, Secret)>,
    /// A sign-in is under way: the button waits.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let server_user = RwSignal::new(String::new());
    let server_password = RwSignal::new(Secret::default());
    let user_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let user = server_user.get_untracked().trim().to_owned();
        let password = server_password.get_untracked();
        user_error.set(
            user.is_empty()
                .then(|| "Enter the backup server user name.".to_owned()),
        );
        password_error.set(
            password
                .is_empty()
                .then(|| "Enter the backup server password.".to_owned()),
        );
        if user.is_empty() || password.is_empty() {
            return;
        }
        // Kept for a correction if the sign-in fails; once it works the form
        // goes, and the password with it (a Secret is wiped when dropped).
        on_submit.run((user, password));
    };
    view! {
        <form class="m365w-sign-in" on:submit=submit novalidate>
            <h3 class="m365w-subheading">"Sign in to the backup server"</h3>
            <p class="m365w-hint">
                "A Veeam Backup for Microsoft 365 REST API account. It is used for this wizard only and never stored."
            </p>
            <TextField
                id=ids.id("server-user")
                label="Server user name"
                value=Signal::derive(move || server_user.get())
                on_input=move |v| server_user.set(v)
                on_change=|_| ()
                error=Signal::derive(move || user_error.get())
                autocomplete="username"
            />
            <TextField
                id=ids.id("server-password")
                label="Server password"
                value=Signal::derive(move || server_password.with(|p| p.expose().to_owned()))
                on_input=move |v| server_password.set(Secret::new(v))
                on_change=|_| ()
                error=Signal::derive(move || password_error.get())
                secret=true
                autocomplete="current-password"
            />
            <button type="submit" class="m365w-button m365w-primary" disabled=move || busy.get()>
                "Sign in"
            </button>
        </form>
    }
}
