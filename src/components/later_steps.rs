//! The steps after the first, in a WebAssembly module of their own.
//!
//! In the release build (`--features split`), scripts/post-build.mjs (Trunk's
//! post_build hook, run by scripts/build.sh) cuts everything only these
//! steps reach into a second module that the page
//! fetches once the first step shows, so a first visit downloads only what
//! the first step needs. Other builds (the browser tests) link it in.

use super::check_view::CheckView;
use super::connection_step::ConnectionStep;
use super::credentials_step::CredentialsStep;
use super::device_code_step::MicrosoftSignInStep;
use super::finish_step::FinishStep;
use super::organization_step::OrganizationStep;
use super::region_step::RegionStep;
use super::review_step::ReviewStep;
use super::state::{Connect, Shared};
use crate::api::Client;
use crate::files::AskWorker;
use crate::options::ApiSettings;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wizard_core::answers::{AuthMethod, FieldErrors};
use wizard_core::flow::{Step, Target, Wizard, WizardSecrets};
use wizard_core::server::{ApiConfig, ConfigError, ConfigFileAnswer};

/// Draws a step after the first: the step, and the method chosen for it.
pub type StepView = fn(Step, AuthMethod) -> AnyView;

/// Next from a step after the first ([`Wizard::next`]).
pub type NextStep = fn(&mut Wizard, &WizardSecrets) -> Result<(), FieldErrors>;

/// What the later steps' module holds for the page: the steps, the version
/// probe (its answer first shows on the second step, and its HTTP client
/// need not slow the first), and the JSON documents' serde, which the first
/// step does not use.
#[derive(Debug, Clone, Copy)]
pub struct Later {
    /// Draws a step after the first.
    pub render: StepView,
    /// Asks the backup server its version, once.
    detect_version: fn(Shared),
    /// A saved draft's text as answers (serde, which the first step needs
    /// not: a first visit has no draft to read).
    pub read_draft: fn(&str) -> Option<Wizard>,
    /// The answers as a draft's text.
    pub write_draft: fn(&Wizard) -> String,
    /// Next from a step after the first: every step's rules live here, with
    /// the steps they check.
    pub next: NextStep,
    /// Judges the API settings (reading the static page's `config.json`).
    connect: Connect,
    /// Asks the certificate worker (its requests are serde documents).
    pub ask_worker: AskWorker,
    /// Draws "Check connections" in its region, named by the argument.
    pub check: fn(String) -> AnyView,
}

/// Why the later steps could not be loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadFailed;

/// The later steps as one wizard sees them: on their way, here, or failed
/// to arrive. Shared by the step on screen and the Next button, which waits
/// for the step it would check to be drawn.
#[derive(Debug, Clone, Copy)]
pub struct LaterSteps(RwSignal<Option<Result<Later, LoadFailed>>>);

impl LaterSteps {
    /// Fetches them once the first step is drawn (linked in, they are here
    /// at once), then asks the server's version.
    pub fn new(shared: Shared) -> Self {
        // The static page's config.json is fetched with the module, so
        // even linked in, the steps wait for it.
        let here = linked().filter(|_| !shared.awaits_page_config());
        if let Some(here) = here
            && shared.configure(here.connect, None)
        {
            shared.restore_draft(here.read_draft);
        }
        let later = LaterSteps(RwSignal::new(here.map(Ok)));
        // A task after the one drawing the first step: neither the module nor
        // the probe is needed to read or answer it. By then a host may have
        // removed the wizard (`None`): nothing to do.
        set_timeout(
            move || match later.0.try_get_untracked() {
                Some(Some(Ok(here))) => (here.detect_version)(shared),
                Some(_) => later.fetch(shared),
                None => {}
            },
            Duration::ZERO,
        );
        later
    }

    /// Fetches them (again, after a failure); the first arrival asks the
    /// server's version.
    pub fn fetch(self, shared: Shared) {
        // From a timer or a button: the wizard may be gone by the answer.
        self.0.try_set(None);
        // The static page's config.json is on its way as the module is.
        let config = shared
            .awaits_page_config()
            .then(crate::static_page::fetch_config);
        spawn_local(async move {
            let loaded = load().await;
            // The configuration first: a page that cannot start says so and
            // asks nothing of the backup server.
            let file = match config {
                Some(config) => Some(config.await),
                None => None,
            };
            let configured = match &loaded {
                Ok(here) => shared.configure(here.connect, file),
                Err(_) => false,
            };
            match loaded {
                Ok(here) if configured => {
                    // Restored before the steps are drawn, so the restored
                    // step is the first one seen.
                    shared.restore_draft(here.read_draft);
                    (here.detect_version)(shared);
                }
                Ok(_) | Err(_) => shared.stop_waiting_for_draft(),
            }
            self.0.try_set(Some(loaded));
        });
    }

    /// The later steps, `None` while on their way (tracked).
    pub fn get(self) -> Option<Result<Later, LoadFailed>> {
        self.0.get()
    }

    /// Whether `step` can be drawn now (tracked): the first step always can.
    pub fn can_draw(self, step: Step) -> bool {
        step == Step::Services || matches!(self.0.get(), Some(Ok(_)))
    }

    /// Next from a step after the first, once the module is here.
    pub fn next_untracked(self) -> Option<NextStep> {
        match self.0.try_get_untracked() {
            Some(Some(Ok(here))) => Some(here.next),
            _ => None,
        }
    }

    /// How to write the draft, once the module is here (tracked).
    pub fn draft_writer(self) -> Option<fn(&Wizard) -> String> {
        match self.0.get() {
            Some(Ok(here)) => Some(here.write_draft),
            _ => None,
        }
    }
}

/// Everything the module holds; only the split point (or `linked`) names it.
fn later() -> Later {
    Later {
        render,
        detect_version: |shared| shared.detect_version(),
        read_draft: Wizard::from_draft,
        write_draft: Wizard::to_draft,
        next: Wizard::next,
        connect,
        ask_worker: crate::files::ask_worker_boxed,
        check: |name| view! { <CheckView name=name /> }.into_any(),
    }
}

/// The backup server `settings` name, judged on this page: the host's as
/// given, or the static page's `config.json` (`file`) with its query.
fn connect(settings: ApiSettings, file: Option<ConfigFileAnswer>) -> Result<Client, ConfigError> {
    let api = match settings {
        ApiSettings::Given(api) => api,
        ApiSettings::PageFile { query } => {
            // Never without the file (LaterSteps::fetch fetches it): said
            // as unread rather than taken as absent.
            let file = file
                .unwrap_or_else(|| ConfigFileAnswer::Failed("config.json was not read".to_owned()));
            ApiConfig::for_page(file, &query)?
        }
    };
    Client::for_this_page(&api)
}

/// The later steps, when they are linked into the page's own module.
fn linked() -> Option<Later> {
    #[cfg(not(feature = "split"))]
    return Some(later());
    #[cfg(feature = "split")]
    None
}

/// Fetches the later steps' module (once; a failure is not remembered, so a
/// retry fetches again). The page's exports that need it (the certificate
/// worker's) wait for it too.
pub async fn load() -> Result<Later, LoadFailed> {
    #[cfg(feature = "split")]
    return split::later().await.map_err(|_| LoadFailed);
    #[cfg(not(feature = "split"))]
    Ok(later())
}

/// The split point: wasm-split-cli (run by scripts/post-build.mjs) moves what only this
/// function reaches into the later steps' module, and the macro's loader
/// fetches it on the first call. A failed fetch is an error, never a panic.
#[cfg(feature = "split")]
mod split {
    use super::Later;
    use leptos::wasm_split::{SplitLoaderError, wasm_split};

    #[wasm_split(later_steps, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn later() -> Result<Later, SplitLoaderError> {
        Ok(super::later())
    }
}

fn render(step: Step, method: AuthMethod) -> AnyView {
    match step {
        Step::RegionAndMethod => view! { <RegionStep /> }.into_any(),
        Step::AppCredentials if method == AuthMethod::AppOnly => {
            view! { <ConnectionStep /> }.into_any()
        }
        Step::AppCredentials => view! { <CredentialsStep target=Target::Primary /> }.into_any(),
        Step::SharePointCredentials => {
            view! { <CredentialsStep target=Target::SharePoint /> }.into_any()
        }
        Step::MicrosoftSignIn => view! { <MicrosoftSignInStep /> }.into_any(),
        Step::Review => view! { <ReviewStep /> }.into_any(),
        Step::Finish => view! { <FinishStep /> }.into_any(),
        Step::Organization => view! { <OrganizationStep /> }.into_any(),
        // The first step is drawn by the page's own module.
        Step::Services => ().into_any(),
    }
}
