//! The wizard's frame: step list, heading, error summary, the current step and
//! the Back / Next / Cancel buttons.

use super::error_summary::ErrorSummary;
use super::later_steps::{Later, LaterSteps};
use super::services_step::ServicesStep;
use super::state::Shared;
use super::step_list::StepList;
use crate::instance::Ids;
use crate::options::{ApiSettings, WizardOptions};
use leptos::prelude::*;
use wizard_core::answers::FieldErrors;
use wizard_core::flow::EditStart;
use wizard_core::flow::{Step, Wizard};

/// The static setup page: the wizard under the page's main heading, with
/// the configuration from `config.json` and the URL parameters (read with
/// the later steps: [`ApiSettings::PageFile`]), and links to the other two
/// tasks (adding is what the page opens on).
#[component]
pub fn App(
    /// Editing rather than adding (`?edit`, `?organization=<id>`), or why
    /// the link cannot be followed.
    edit: Result<Option<EditStart>, String>,
    /// "Check connections" (`?check`).
    check: bool,
    /// The page's query, kept by the links to the other tasks.
    query: String,
) -> impl IntoView {
    let editing = matches!(edit, Ok(Some(_)));
    let (title, first, second) = if check {
        (
            "Check connections",
            (None, "Add organization"),
            (Some("edit"), "Edit organization"),
        )
    } else if editing {
        (
            "Edit organization",
            (None, "Add organization"),
            (Some("check"), "Check connections"),
        )
    } else {
        (
            "Add a Microsoft 365 organization",
            (Some("edit"), "Edit organization"),
            (Some("check"), "Check connections"),
        )
    };
    let [first_href, second_href] = EditStart::switch_queries(&query, [first.0, second.0]);
    view! {
        <main class="m365w-page">
            <div class="m365w-page-head">
                <h1 class="m365w-page-title">{title}</h1>
                <a class="m365w-task-link" href=first_href>{first.1}</a>
                <a class="m365w-task-link" href=second_href>{second.1}</a>
            </div>
            {match edit {
                Err(message) => view! { <StartFailure message=message /> }.into_any(),
                Ok(edit) => {
                    let api = ApiSettings::PageFile { query };
                    let options = WizardOptions { api, owns_page: true, edit, check, ..WizardOptions::default() };
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
    let ids = Ids::fresh();
    provide_context(ids.clone());
    // The host's token function is JavaScript: held in this thread's arena.
    provide_context(StoredValue::new_local(options.token.clone()));
    // The API settings are judged, and the static page's config.json read,
    // when the later steps' module arrives (Shared::configure): the first
    // step sends nothing.
    let shared = Shared::new(&options, &ids);
    // A host that removes the wizard mid-way still ends its session.
    on_cleanup(move || shared.end_session());
    provide_context(shared);
    let later = LaterSteps::new(shared);
    provide_context(later);
    // Saved on every change once the later steps' module (which writes the
    // text) is here; a restored draft is in place by then.
    Effect::new(move |_| {
        if let Some(write) = later.draft_writer() {
            shared.save_draft(write);
        }
    });
    let task = if options.check {
        "Check connections"
    } else if options.edit.is_some() {
        "Edit organization"
    } else {
        "Add a Microsoft 365 organization"
    };
    let name = options
        .label
        .clone()
        .unwrap_or_else(|| match ids.ordinal() {
            1 => task.to_owned(),
            n => format!("{task} ({n})"),
        });
    let owns_page = options.owns_page;
    // Tracks only the failure (a component's body is untracked): the steps
    // are drawn once, and replaced if the page's config.json cannot be used.
    (move || {
        if let Some(message) = shared.start_failure.get() {
            if owns_page {
                // Not the first step's any more.
                document().set_title(&format!("The wizard cannot start \u{2013} {task}"));
            }
            return view! { <StartFailure message=message /> }.into_any();
        }
        // "Check connections" comes whole with the later steps' module (its
        // frame too: each view's shape costs the first module its own code).
        // Tracked here: the view replaces "Loading…" when the module comes.
        if shared.checking.get() {
            if owns_page {
                document().set_title(task);
            }
            return when_later(later, shared, &|here| (here.check)(name.clone()));
        }
        view! {
            <section class="m365w" aria-label=name.clone()>
                <StepList wizard=shared.wizard label=format!("{name}: steps") />
                <div class="m365w-panel">
                    <StepHeading owns_page=owns_page task=task />
                    {move || shared.restored.get().then(|| {
                        view! {
                            <p class="m365w-notice">
                                "Your earlier answers were restored. Secrets and passwords are never stored: enter them again."
                            </p>
                        }
                    })}
                    <ErrorSummary errors=shared.errors attempts=shared.failed_attempts.read_only() />
                    <CurrentStep />
                    <Actions />
                </div>
            </section>
        }
        .into_any()
    })
    .into_any()
}

/// "Step N of M" and the step's heading, which takes focus when the step
/// changes; on the static page, the document's title follows.
#[component]
fn StepHeading(owns_page: bool, task: &'static str) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let wizard = expect_context::<Shared>().wizard;
    let step = Memo::new(move |_| wizard.with(|w| w.step()));
    let title = Memo::new(move |_| wizard.with(|w| w.title(w.step())));
    let position = Memo::new(move |_| wizard.with(Wizard::position));
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |previous: Option<Step>| {
        let current = step.get();
        let (n, total) = position.get();
        if owns_page {
            document().set_title(&format!(
                "Step {n} of {total}: {} \u{2013} {task}",
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
    view! {
        <p class="m365w-progress">
            {move || {
                let (n, total) = position.get();
                format!("Step {n} of {total}")
            }}
        </p>
        <h2 class="m365w-heading" id=ids.id("step-heading") node_ref=heading tabindex="-1">
            {move || title.get()}
        </h2>
    }
}

/// The step on screen. Only a change of step re-renders it: typing must not
/// rebuild inputs.
#[component]
fn CurrentStep() -> impl IntoView {
    let wizard = expect_context::<Shared>().wizard;
    let step = Memo::new(move |_| wizard.with(|w| w.step()));
    let later = expect_context::<LaterSteps>();
    let shared = expect_context::<Shared>();
    move || match step.get() {
        // A saved draft may start elsewhere: wait for it rather than flash
        // the first step.
        Step::Services if shared.restoring() => {
            view! { <p class="m365w-status" role="status">"Loading\u{2026}"</p> }.into_any()
        }
        Step::Services => view! { <ServicesStep /> }.into_any(),
        other => when_later(later, shared, &|here| {
            (here.render)(other, wizard.with_untracked(|w| w.method()))
        }),
    }
}

/// What `draw` makes of the later steps' module once it is here (tracked),
/// "Loading…" until then, or its failure with "Try again". One function for
/// the steps and "Check connections": the first module carries it once.
fn when_later(later: LaterSteps, shared: Shared, draw: &dyn Fn(Later) -> AnyView) -> AnyView {
    match (later.get(), shared.client()) {
        (Some(Ok(here)), Some(client)) => {
            // The steps that reach the server find it here (it is known
            // by the time the module that reads config.json is here).
            provide_context(client);
            draw(here)
        }
        (Some(Err(_)), _) => view! { <LoadFailure later=later /> }.into_any(),
        _ => view! { <p class="m365w-status" role="status">"Loading\u{2026}"</p> }.into_any(),
    }
}

/// The later steps did not arrive: say so, and offer to fetch them again.
#[component]
fn LoadFailure(later: LaterSteps) -> impl IntoView {
    let shared = expect_context::<Shared>();
    view! {
        <div class="m365w-failure" role="alert">
            <p>
                "This step could not be loaded. Check the connection to the server, then try again."
            </p>
            <button
                type="button"
                class="m365w-button m365w-secondary"
                on:click=move |_| later.fetch(shared)
            >
                "Try again"
            </button>
        </div>
    }
}

/// "Discard everything you entered?", while the person is deciding.
#[component]
fn ConfirmCancel(
    /// Shown while set; cleared by either answer.
    confirming: RwSignal<bool>,
) -> impl IntoView {
    let shared = expect_context::<Shared>();
    view! {
        <Show when=move || confirming.get()>
            <div class="m365w-confirm" role="group" aria-label="Cancel the wizard">
                <p>"Discard everything you entered? This cannot be undone."</p>
                <button
                    type="button"
                    class="m365w-button m365w-danger"
                    on:click=move |_| {
                        confirming.set(false);
                        shared.cancel();
                    }
                >
                    "Discard"
                </button>
                <button
                    type="button"
                    class="m365w-button m365w-secondary"
                    on:click=move |_| confirming.set(false)
                >
                    "Keep editing"
                </button>
            </div>
        </Show>
    }
}

/// Back, Next and Cancel (which asks before discarding).
#[component]
fn Actions() -> impl IntoView {
    let shared = expect_context::<Shared>();
    let Shared {
        wizard,
        secrets,
        errors,
        send,
        ..
    } = shared;
    let confirming_cancel = RwSignal::new(false);
    let later = expect_context::<LaterSteps>();
    let go_next = move |_| {
        let mut moved = wizard.get_untracked();
        // The first step's rule is here; the later steps' rules come with
        // them (Next is shown only once the step on screen is drawn).
        let checked = match later.next_untracked() {
            _ if moved.step() == Step::Services => moved.next_from_services(),
            Some(next) => secrets.with_untracked(|s| next(&mut moved, s)),
            None => return,
        };
        match checked {
            Ok(()) => {
                errors.set(FieldErrors::default());
                wizard.set(moved);
            }
            Err(found) => shared.show_errors(found),
        }
    };
    let go_back = move |_| {
        errors.set(FieldErrors::default());
        wizard.update(Wizard::back);
    };
    let done = move || shared.is_done();
    let can_go_back =
        move || wizard.with(|w| w.position().0 > 1) && !done() && !send.with(|m| m.busy());
    // Not before the step is drawn: Next would check answers nobody saw.
    let can_go_next = move || {
        let step = wizard.with(|w| w.step());
        step < Step::Review && later.can_draw(step) && !shared.restoring()
    };
    view! {
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
        <ConfirmCancel confirming=confirming_cancel />
    }
}
