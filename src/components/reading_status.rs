//! "Reading the backup server's organizations… N so far.": said while the
//! pages arrive, by the edit's Organization step and "Check connections".

use leptos::prelude::*;

/// The status while `n` organizations have arrived.
#[component]
pub fn ReadingOrganizations(n: usize) -> impl IntoView {
    view! {
        <p class="m365w-status" role="status">
            {if n == 0 {
                "Reading the backup server's organizations\u{2026}".to_owned()
            } else {
                format!("Reading the backup server's organizations\u{2026} {n} so far.")
            }}
        </p>
    }
}
