//! The steps after the first, in a WebAssembly module of their own.
//!
//! The release build (`--features split`, see scripts/build.sh) cuts
//! everything only these steps reach into a second module that the page
//! fetches once the first step shows, so a first visit downloads only what
//! the first step needs. Other builds (the browser tests) link it in.

use super::after_paint::after_first_paint;
use super::connection_step::ConnectionStep;
use super::credentials_step::CredentialsStep;
use super::device_code_step::MicrosoftSignInStep;
use super::finish_step::FinishStep;
use super::region_step::RegionStep;
use super::review_step::ReviewStep;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::{AuthMethod, Step, Target};

/// Draws a step after the first: the step, and the method chosen for it.
pub type StepView = fn(Step, AuthMethod) -> AnyView;

/// Why the later steps could not be loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadFailed;

/// The later steps as one wizard sees them: linked in, on their way, here,
/// or failed to arrive. Shared by the step on screen and the Next button,
/// which waits for the step it would check to be drawn.
#[derive(Debug, Clone, Copy)]
pub struct LaterSteps(RwSignal<Option<Result<StepView, LoadFailed>>>);

impl LaterSteps {
    /// Starts fetching them once the first step is on screen (unless linked).
    pub fn new() -> Self {
        let later = LaterSteps(RwSignal::new(linked().map(Ok)));
        if later.0.get_untracked().is_none() {
            after_first_paint(move || later.fetch());
        }
        later
    }

    /// Fetches them (again, after a failure).
    pub fn fetch(self) {
        // From a timer or a button: the wizard may be gone by the answer.
        self.0.try_set(None);
        spawn_local(async move {
            self.0.try_set(Some(load().await));
        });
    }

    /// The renderer, `None` while on its way (tracked).
    pub fn get(self) -> Option<Result<StepView, LoadFailed>> {
        self.0.get()
    }

    /// Whether `step` can be drawn now (tracked): the first step always can.
    pub fn can_draw(self, step: Step) -> bool {
        step == Step::Services || matches!(self.0.get(), Some(Ok(_)))
    }
}

/// The renderer, when it is linked into the page's own module.
fn linked() -> Option<StepView> {
    #[cfg(not(feature = "split"))]
    return Some(render);
    #[cfg(feature = "split")]
    None
}

/// Fetches the later steps' module (once; a failure is not remembered, so a
/// retry fetches again).
async fn load() -> Result<StepView, LoadFailed> {
    #[cfg(feature = "split")]
    return split::renderer().await.map_err(|_| LoadFailed);
    #[cfg(not(feature = "split"))]
    Ok(render)
}

/// The split point: `wasm-split` (scripts/build.sh) moves what only this
/// function reaches into the later steps' module, and the macro's loader
/// fetches it on the first call. A failed fetch is an error, never a panic.
#[cfg(feature = "split")]
mod split {
    use super::StepView;
    use leptos::wasm_split::{SplitLoaderError, wasm_split};

    #[wasm_split(later_steps, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn renderer() -> Result<StepView, SplitLoaderError> {
        Ok(super::render)
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
        // The first step is drawn by the page's own module.
        Step::Services => ().into_any(),
    }
}
