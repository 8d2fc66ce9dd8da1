//! The wizard's frame: step list, heading, error summary, the current step and
//! the Back / Next / Cancel buttons.

use super::credentials_step::CredentialsStep;
use super::error_summary::ErrorSummary;
use super::finish_step::{FinishStep, Progress};
use super::region_step::RegionStep;
use super::review_step::ReviewStep;
use super::services_step::ServicesStep;
use super::step_list::StepList;
use crate::api::Client;
use crate::instance::Ids;
use crate::options::{Hooks, TokenSource, WizardOptions};
use crate::storage;
use crate::urls::{BrowserUrls, page_href};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::{
    ApiConfig, CreatedOrganization, FieldErrors, Secret, Step, Target, Wizard, WizardSecrets,
};

/// State shared by the steps of one wizard.
#[derive(Clone, Copy)]
pub struct Shared {
    /// Every non-secret answer and the current step.
    pub wizard: RwSignal<Wizard>,
    /// Every secret answer; never stored.
    pub secrets: RwSignal<WizardSecrets>,
    /// The current step's field errors.
    pub errors: RwSignal<FieldErrors>,
    /// Bumped on every failed Next, so the error summary takes focus again.
    pub failed_attempts: RwSignal<u32>,
    /// The backup server's access token, once signed in; memory only.
    pub token: RwSignal<Option<Secret>>,
    /// The refresh token from the sign-in, used once when the access token
    /// has expired; memory only.
    pub refresh: RwSignal<Option<Secret>>,
    /// `token` came from the wizard's own sign-in (not the host), so the
    /// wizard ends that session when it is done.
    pub own_session: RwSignal<bool>,
    /// A send's outcome is unknown (its answer was lost): the next attempt
    /// must look for the organization before sending again.
    pub unverified: RwSignal<bool>,
    /// Set when the success was established by looking the organization up.
    pub confirmed_by_lookup: RwSignal<bool>,
    /// Where sending stands.
    pub progress: RwSignal<Progress>,
    /// The organization the server created, once it has.
    pub added: RwSignal<Option<CreatedOrganization>>,
    /// The sessionStorage key of this wizard's draft.
    draft_key: StoredValue<String>,
    /// The answers a fresh start begins with (the host's presets).
    initial: StoredValue<Wizard>,
    /// The host's callbacks.
    hooks: StoredValue<Hooks>,
    /// The backup server, for ending the session.
    client: StoredValue<Client>,
}

impl Shared {
    /// Shows `errors` on the current step and moves focus to their summary.
    pub fn show_errors(&self, errors: FieldErrors) {
        self.errors.set(errors);
        self.failed_attempts.update(|n| *n += 1);
    }

    /// The server added the organization: drop every secret and the saved
    /// draft, keep only the outcome on screen.
    pub fn complete(&self, created: CreatedOrganization) {
        self.secrets.set(WizardSecrets::default());
        self.end_session();
        self.unverified.set(false);
        self.progress.set(Progress::Idle);
        self.hooks.with_value(|h| h.completed(&created));
        self.added.set(Some(created));
        self.wizard.set(Wizard {
            step: Step::Finish,
            ..self.initial.get_value()
        });
        storage::clear(&self.draft_key.get_value());
    }

    /// The organization a lost answer had created was found on the server:
    /// complete, and say that is how it was established.
    pub fn complete_after_look_up(&self, found: CreatedOrganization) {
        self.confirmed_by_lookup.set(true);
        self.complete(found);
    }

    /// Forgets the tokens; a session the wizard opened itself is ended on
    /// the server too (v7 and v8), while a host's token is the host's.
    /// Safe to call while the wizard is being unmounted.
    pub fn end_session(&self) {
        let token = self.token.try_get_untracked().flatten();
        let own = self.own_session.try_get_untracked().unwrap_or(false);
        self.token.try_set(None);
        self.refresh.try_set(None);
        self.own_session.try_set(false);
        if let (true, Some(token), Some(client)) = (own, token, self.client.try_get_value()) {
            // Nothing to tell anyone if it fails: the token expires anyway.
            spawn_local(async move {
                let _ = client.logout(&token).await;
            });
        }
    }

    /// Forgets every answer and secret and starts again.
    pub fn reset(&self) {
        self.secrets.set(WizardSecrets::default());
        self.end_session();
        self.unverified.set(false);
        self.confirmed_by_lookup.set(false);
        self.errors.set(FieldErrors::default());
        self.progress.set(Progress::Idle);
        self.added.set(None);
        self.wizard.set(self.initial.get_value());
        storage::clear(&self.draft_key.get_value());
    }
}

/// The static setup page: the wizard under the page's main heading, once
/// `config.json` and the URL parameters are read.
#[component]
pub fn App() -> impl IntoView {
    let config = RwSignal::new(None::<Result<ApiConfig, String>>);
    spawn_local(async move { config.set(Some(crate::page_config::load().await)) });
    view! {
        <main class="m365w-page">
            <h1 class="m365w-page-title">"Add a Microsoft 365 organization"</h1>
            {move || match config.get() {
                None => view! { <p class="m365w-status">"Loading\u{2026}"</p> }.into_any(),
                Some(Err(message)) => view! { <StartFailure message=message /> }.into_any(),
                Some(Ok(api)) => {
                    let options = WizardOptions { api, owns_page: true, ..WizardOptions::default() };
                    view! { <OrgWizard options=options /> }.into_any()
                }
            }}
        </main>
    }
}

/// Why the wizard cannot start, for the person who installed it.
#[component]
fn StartFailure(message: String) -> impl IntoView {
    view! {
        <div class="m365w m365w-failure" role="alert">
            <h2>"The wizard cannot start"</h2>
            <p>{message}</p>
        </div>
    }
}

/// The wizard itself, configured by its host.
#[component]
pub fn OrgWizard(
    /// Where the API is, how to get a token, presets and callbacks.
    options: WizardOptions,
) -> impl IntoView {
    let api = match options.api.resolve_base(&page_href(), &BrowserUrls) {
        Ok(base) => ApiConfig {
            api_base: base,
            ..options.api.clone()
        },
        Err(problem) => {
            return view! { <StartFailure message=problem.to_string() /> }.into_any();
        }
    };
    let ids = Ids::fresh();
    provide_context(ids.clone());
    let client = Client::new(&api);
    provide_context(client.clone());
    provide_context(options.token.clone());
    let owns_page = options.owns_page;
    let mut initial = Wizard::default();
    if let Some(services) = options.services {
        initial.services = services;
    }
    if let Some(region) = options.region {
        initial.set_region(region);
    }
    let preset_token = match &options.token {
        TokenSource::Fixed(token) => Some(token.clone()),
        _ => None,
    };
    let draft_key = format!("m365-org-wizard:{}", ids.id("draft"));
    // Secrets are never saved, so a restored draft resumes no later than the
    // first step that asks for them.
    let restored = storage::load(&draft_key).map(|mut w| {
        w.step = w.step.min(Step::AppCredentials);
        w
    });
    let was_restored = restored.as_ref().is_some_and(|w| !w.is_untouched());
    let shared = Shared {
        wizard: RwSignal::new(restored.unwrap_or_else(|| initial.clone())),
        secrets: RwSignal::new(WizardSecrets::default()),
        errors: RwSignal::new(FieldErrors::default()),
        failed_attempts: RwSignal::new(0),
        token: RwSignal::new(preset_token),
        refresh: RwSignal::new(None),
        own_session: RwSignal::new(false),
        unverified: RwSignal::new(false),
        confirmed_by_lookup: RwSignal::new(false),
        progress: RwSignal::new(Progress::Idle),
        added: RwSignal::new(None),
        draft_key: StoredValue::new(draft_key.clone()),
        initial: StoredValue::new(initial),
        hooks: StoredValue::new(options.hooks.clone()),
        client: StoredValue::new(client),
    };
    // A host that removes the wizard mid-way still ends its session.
    on_cleanup(move || shared.end_session());
    provide_context(shared);
    let Shared {
        wizard,
        secrets,
        errors,
        added,
        progress,
        ..
    } = shared;

    Effect::new(move |_| {
        let w = wizard.get();
        if added.with_untracked(Option::is_none) {
            storage::save(&draft_key, &w);
        }
    });

    // Only a change of step re-renders the step: typing must not rebuild inputs.
    let step = Memo::new(move |_| wizard.with(|w| w.step));
    let title = Memo::new(move |_| wizard.with(|w| w.title(w.step)));
    let position = Memo::new(move |_| wizard.with(Wizard::position));
    let heading = NodeRef::<leptos::html::H2>::new();
    let confirming_cancel = RwSignal::new(false);

    Effect::new(move |previous: Option<Step>| {
        let current = step.get();
        let (n, total) = position.get();
        if owns_page {
            document().set_title(&format!(
                "Step {n} of {total}: {} \u{2013} Add a Microsoft 365 organization",
                title.get()
            ));
        }
        // Not on first render: an embedded wizard must not steal the host's focus.
        if previous.is_some_and(|p| p != current)
            && let Some(h) = heading.get()
        {
            let _ = h.focus();
        }
        current
    });

    let go_next = move |_| {
        let mut moved = wizard.get_untracked();
        match secrets.with_untracked(|s| moved.next(s)) {
            Ok(()) => {
                errors.set(FieldErrors::default());
                wizard.set(moved);
            }
            Err(found) => shared.show_errors(found),
        }
    };
    let go_back = move |_| {
        errors.set(FieldErrors::default());
        if progress.get_untracked() != Progress::Sending {
            progress.set(Progress::Idle);
        }
        wizard.update(Wizard::back);
    };
    let done = move || added.with(Option::is_some);
    let can_go_back =
        move || position.get().0 > 1 && !done() && progress.get() != Progress::Sending;
    let can_go_next = move || step.get() < Step::Review;

    let heading_id = ids.id("step-heading");
    let name = options
        .label
        .clone()
        .unwrap_or_else(|| match ids.ordinal() {
            1 => "Add a Microsoft 365 organization".to_owned(),
            n => format!("Add a Microsoft 365 organization ({n})"),
        });
    view! {
        <section class="m365w" aria-label=name.clone()>
            <StepList wizard=wizard label=format!("{name}: steps") />
            <div class="m365w-panel">
                <p class="m365w-progress">
                    {move || {
                        let (n, total) = position.get();
                        format!("Step {n} of {total}")
                    }}
                </p>
                <h2 class="m365w-heading" id=heading_id node_ref=heading tabindex="-1">
                    {move || title.get()}
                </h2>
                {was_restored
                    .then(|| {
                        view! {
                            <p class="m365w-notice">
                                "Your earlier answers were restored. Secrets and passwords are never stored: enter them again."
                            </p>
                        }
                    })}
                <ErrorSummary errors=errors attempts=shared.failed_attempts.read_only() />
                {move || match step.get() {
                    Step::Services => view! { <ServicesStep /> }.into_any(),
                    Step::RegionAndMethod => view! { <RegionStep /> }.into_any(),
                    Step::AppCredentials => view! { <CredentialsStep target=Target::Primary /> }.into_any(),
                    Step::SharePointCredentials => {
                        view! { <CredentialsStep target=Target::SharePoint /> }.into_any()
                    }
                    Step::Review => view! { <ReviewStep /> }.into_any(),
                    Step::Finish => view! { <FinishStep /> }.into_any(),
                }}
                <Show when=move || !done()>
                    <div class="m365w-actions">
                        <Show when=can_go_back>
                            <button type="button" class="m365w-button m365w-secondary" on:click=go_back>
                                "Back"
                            </button>
                        </Show>
                        <Show when=can_go_next>
                            <button type="button" class="m365w-button m365w-primary" on:click=go_next>
                                "Next"
                            </button>
                        </Show>
                        <button
                            type="button"
                            class="m365w-button m365w-link"
                            aria-expanded=move || confirming_cancel.get().to_string()
                            on:click=move |_| confirming_cancel.set(true)
                        >
                            "Cancel"
                        </button>
                    </div>
                </Show>
                <Show when=move || confirming_cancel.get()>
                    <div class="m365w-confirm" role="group" aria-label="Cancel the wizard">
                        <p>"Discard everything you entered? This cannot be undone."</p>
                        <button
                            type="button"
                            class="m365w-button m365w-danger"
                            on:click=move |_| {
                                confirming_cancel.set(false);
                                shared.reset();
                                shared.hooks.with_value(Hooks::cancelled);
                            }
                        >
                            "Discard"
                        </button>
                        <button
                            type="button"
                            class="m365w-button m365w-secondary"
                            on:click=move |_| confirming_cancel.set(false)
                        >
                            "Keep editing"
                        </button>
                    </div>
                </Show>
            </div>
        </section>
    }
    .into_any()
}
