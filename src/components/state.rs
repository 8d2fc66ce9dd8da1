//! The state the steps of one wizard share, and how it is made. A leaf: the
//! steps and the shell import it; it imports no component.

use crate::api::Client;
use crate::instance::Ids;
use crate::options::{ApiSettings, Hooks, TokenSource, WizardOptions};
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wizard_core::answers::{FieldErrors, Secret};
use wizard_core::flow::{ChangeRow, EditStart, OrganizationId};
use wizard_core::flow::{Step, Wizard, WizardSecrets};
use wizard_core::machines::device_code::DeviceCodeMachine;
use wizard_core::machines::send::{Event, Outcome, Phase, SendMachine};
use wizard_core::server::{ConfigError, ConfigFileAnswer, CreatedOrganization, Tokens};

/// Ends, on the server, a session the wizard signed in to itself.
type LogOut = fn(Client, Secret);

/// The backup server a wizard's settings name, judged (brought by the later
/// steps' module, with the static page's `config.json` reader): the
/// settings, and what came back for `config.json` when they are the page's.
pub type Connect = fn(ApiSettings, Option<ConfigFileAnswer>) -> Result<Client, ConfigError>;

/// The token's lifetime as [`Shared::lifetime`] keeps it (0: not said).
pub fn lifetime_of(tokens: &Tokens) -> u32 {
    tokens
        .lifetime()
        .map_or(0, |s| u32::try_from(s).unwrap_or(u32::MAX))
}

/// Logs the wizard's own session out. Nothing to tell anyone if it fails:
/// the token expires anyway.
fn log_out(client: Client, token: Secret) {
    spawn_local(async move {
        let _ = client.logout(&token).await;
    });
}

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
    /// How to end the session of the wizard's own sign-in (a host's token is
    /// the host's): set by that sign-in, so the code to log out is fetched
    /// with the steps that sign in, not with the first step.
    log_out: StoredValue<Option<LogOut>>,
    /// Where sending stands (wizard-core's send machine).
    pub send: RwSignal<SendMachine>,
    /// Where the device-code sign-in to Microsoft 365 stands.
    pub device: RwSignal<DeviceCodeMachine>,
    /// What the method step says about the backup server's version, once
    /// known (asked as soon as the later steps arrive, so it is known before the
    /// method is chosen).
    pub server: RwSignal<Option<String>>,
    /// What the last change of region, method or server version turned
    /// off, said on the method step until the next change.
    pub notice: RwSignal<Option<String>>,
    /// The sessionStorage key of this wizard's draft.
    draft_key: StoredValue<String>,
    /// A saved draft's text, until the later steps' module reads it; the
    /// first step waits while there is one ([`Shared::restoring`]).
    pending_draft: RwSignal<Option<String>>,
    /// An earlier draft with answers in it was restored.
    pub restored: RwSignal<bool>,
    /// The answers a fresh start begins with (the host's presets).
    initial: StoredValue<Wizard>,
    /// The host's callbacks.
    /// (JavaScript functions: kept in this thread's arena.)
    hooks: StoredValue<Hooks, LocalStorage>,
    /// The backup server, once its settings are judged
    /// ([`Shared::configure`]).
    client: StoredValue<Option<Client>>,
    /// Where the API is, until judged.
    settings: StoredValue<Option<ApiSettings>>,
    /// Why the wizard cannot start, found when its configuration was read:
    /// shown instead of the steps.
    pub start_failure: RwSignal<Option<String>>,
    /// Editing: the organization a host (or link) named, read on the
    /// Organization step; `None` when the person chooses, or when adding.
    pub edit_target: StoredValue<Option<OrganizationId>>,
    /// Editing: what Save changes, kept for "Organization updated" (the
    /// answers and secrets are gone by then).
    pub saved_changes: RwSignal<Vec<ChangeRow>>,
    /// "Check connections" is this wizard's task: its list is the home a
    /// fix returns to, and the session lasts while the list is open.
    pub check_task: bool,
    /// The list of "Check connections" is on screen (rather than a fix).
    pub checking: RwSignal<bool>,
    /// The access token's lifetime in seconds, 0 when the server did not
    /// say. (A `u32` and, below, a `String`: signal types the first module
    /// already has, so these cost it no new code.)
    pub lifetime: RwSignal<u32>,
    /// The id of a saved edit's organization, whose sync the Finish step
    /// waits for: the proof that Microsoft 365 accepts the connection.
    pub proof: RwSignal<Option<String>>,
}

impl Shared {
    /// The state of a new wizard configured by `options`: the host's
    /// presets; a draft saved under this instance's key is restored when
    /// the later steps' module, which reads it, arrives
    /// ([`Shared::restore_draft`]), and the API settings are judged then too
    /// ([`Shared::configure`]).
    pub fn new(options: &WizardOptions, ids: &Ids) -> Self {
        let (mut initial, edit_target) = match &options.edit {
            None => (Wizard::default(), None),
            Some(EditStart::Choose) => (Wizard::for_edit(true), None),
            Some(EditStart::Organization(id)) => (Wizard::for_edit(false), Some(id.clone())),
        };
        // Presets are for adding: an edit starts from the organization.
        if !initial.is_editing() {
            if let Some(services) = options.services {
                initial.set_services(services);
            }
            if let Some(region) = options.region {
                initial.set_region(region);
            }
        }
        let preset_token = match &options.token {
            TokenSource::Fixed(token) => Some(token.clone()),
            _ => None,
        };
        let draft_key = format!("m365-org-wizard:{}", ids.id("draft"));
        // An edit starts from what the server holds: no draft.
        let saved = (!initial.is_editing())
            .then(|| storage::load(&draft_key))
            .flatten();
        let send = if initial.is_editing() {
            SendMachine::for_edit()
        } else {
            SendMachine::default()
        };
        Shared {
            wizard: RwSignal::new(initial.clone()),
            secrets: RwSignal::new(WizardSecrets::default()),
            errors: RwSignal::new(FieldErrors::default()),
            failed_attempts: RwSignal::new(0),
            token: RwSignal::new(preset_token),
            refresh: RwSignal::new(None),
            log_out: StoredValue::new(None),
            send: RwSignal::new(send),
            device: RwSignal::new(DeviceCodeMachine::default()),
            server: RwSignal::new(None),
            notice: RwSignal::new(None),
            draft_key: StoredValue::new(draft_key),
            restored: RwSignal::new(false),
            pending_draft: RwSignal::new(saved),
            initial: StoredValue::new(initial),
            hooks: StoredValue::new_local(options.hooks.clone()),
            client: StoredValue::new(None),
            settings: StoredValue::new(Some(options.api.clone())),
            start_failure: RwSignal::new(None),
            edit_target: StoredValue::new(edit_target),
            saved_changes: RwSignal::new(Vec::new()),
            check_task: options.check,
            checking: RwSignal::new(options.check),
            lifetime: RwSignal::new(0),
            proof: RwSignal::new(None),
        }
    }

    /// Whether the wizard waits for the static page's `config.json`.
    pub fn awaits_page_config(&self) -> bool {
        self.settings
            .try_with_value(|s| matches!(s, Some(ApiSettings::PageFile { .. })))
            .unwrap_or(false)
    }

    /// Judges the API settings with `connect` (the later steps' module
    /// brings it, with the reader of `config.json`, whose answer is `file`
    /// on the static page), once. Answers whether the wizard can go on;
    /// when it cannot, the reason is in [`Shared::start_failure`], which the
    /// wizard shows instead of its steps, before any request to the backup
    /// server.
    pub fn configure(&self, connect: Connect, file: Option<ConfigFileAnswer>) -> bool {
        if let Some(settings) = self.settings.try_update_value(Option::take).flatten() {
            match connect(settings, file) {
                Ok(client) => {
                    self.client.try_set_value(Some(client));
                }
                Err(problem) => {
                    self.start_failure.try_set(Some(problem.to_string()));
                }
            }
        }
        self.client().is_some()
    }

    /// The backup server, once known.
    pub fn client(&self) -> Option<Client> {
        self.client.try_get_value().flatten()
    }

    /// Reads the saved draft, if any, with `read` (the later steps' module
    /// brings it). Secrets are never saved, so a restored draft resumes no
    /// later than the first step that asks for them.
    pub fn restore_draft(&self, read: fn(&str) -> Option<Wizard>) {
        let restored = self
            .pending_draft
            .try_with_untracked(|text| text.as_deref().and_then(read))
            .flatten();
        if let Some(mut restored) = restored {
            restored.resume_no_later_than(Step::AppCredentials);
            self.restored.try_set(!restored.is_untouched());
            self.wizard.try_set(restored);
        }
        self.stop_waiting_for_draft();
    }

    /// Drops the saved draft's text, read or not (or never read: the later
    /// steps' module did not arrive): the first step waits no longer.
    pub fn stop_waiting_for_draft(&self) {
        self.pending_draft.try_set(None);
    }

    /// A saved draft is still to be read (tracked).
    pub fn restoring(&self) -> bool {
        self.pending_draft.with(Option::is_some)
    }

    /// Asks the backup server's version now, so the method step can say it
    /// and offer only the methods that version takes.
    pub fn detect_version(&self) {
        // Called from a timer: the wizard may be gone by then.
        let Some(client) = self.client() else {
            return;
        };
        let server = self.server;
        let (wizard, notice) = (self.wizard, self.notice);
        spawn_local(async move {
            let text = match client.version().await {
                Ok(version) => {
                    let said = wizard.try_update(|w| w.set_server_version(version));
                    notice.try_set(said.and_then(|s| s.notice()));
                    version.describe(client.detects_version())
                }
                Err(e) => format!("The backup server's version could not be found yet: {e}"),
            };
            server.try_set(Some(text));
        });
    }

    /// How the organization got onto the server, once it has.
    pub fn outcome(&self) -> Option<Outcome> {
        self.send.with(|m| match m.phase() {
            Phase::Done(outcome) => Some(outcome.clone()),
            _ => None,
        })
    }

    /// The organization is on the server (tracked).
    pub fn is_done(&self) -> bool {
        self.send.with(|m| matches!(m.phase(), Phase::Done(_)))
    }

    /// Saves the non-secret draft, unless the wizard is done with it.
    pub fn save_draft(&self, write: fn(&Wizard) -> String) {
        let done = self
            .send
            .with_untracked(|m| matches!(m.phase(), Phase::Done(_)));
        let editing = self.wizard.with_untracked(Wizard::is_editing);
        if !done && !editing && self.pending_draft.with_untracked(Option::is_none) {
            let text = self.wizard.with(write);
            storage::save(&self.draft_key.get_value(), &text);
        }
    }

    /// Shows `errors` on the current step and moves focus to their summary.
    pub fn show_errors(&self, errors: FieldErrors) {
        self.errors.set(errors);
        self.failed_attempts.update(|n| *n += 1);
    }

    /// The server has the organization: drop every secret and the saved
    /// draft, tell the host, keep only the outcome on screen.
    pub fn complete(&self, created: &CreatedOrganization) {
        self.secrets.set(WizardSecrets::default());
        // An app-only organization edited on v7 or v8 gets the server's
        // proof (a sync) on the Finish step, which needs the session; the
        // list of "Check connections" keeps it while open.
        let proof = self.wizard.with_untracked(|w| {
            (w.is_editing()
                && w.method() == wizard_core::answers::AuthMethod::AppOnly
                && w.server_version()
                    .is_some_and(|v| v != wizard_core::server::ApiVersion::V6))
            .then(|| created.id.clone())
        });
        let keep_session = proof.is_some() || self.check_task;
        self.proof.set(proof);
        if !keep_session {
            self.end_session();
        }
        if self.send.with_untracked(SendMachine::is_edit) {
            self.hooks.with_value(|h| h.updated(created));
        } else {
            self.hooks.with_value(|h| h.completed(created));
        }
        // The answers go; the step stays Finish, showing the outcome. A fix
        // from "Check connections" was an edit: its steps stay listed.
        let mut fresh = self.fresh();
        if self.check_task {
            let version = fresh.server_version();
            fresh = Wizard::for_edit(true);
            if let Some(version) = version {
                fresh.set_server_version(version);
            }
        }
        fresh.show_outcome();
        self.wizard.set(fresh);
        storage::clear(&self.draft_key.get_value());
    }

    /// Keeps the tokens of the wizard's own sign-in (memory only); the
    /// wizard ends that session when it is done.
    pub fn signed_in(&self, tokens: Tokens) {
        self.lifetime.try_set(lifetime_of(&tokens));
        self.refresh.try_set(tokens.refresh_token);
        self.log_out.try_set_value(Some(log_out));
        self.token.try_set(Some(tokens.access_token));
    }

    /// Drops the device-code sign-in (its code is for one region's cloud,
    /// and used once): the "Log in to Microsoft 365" step starts afresh.
    pub fn forget_microsoft_sign_in(&self) {
        self.secrets.update(|s| s.user_code = None);
        self.device.set(DeviceCodeMachine::default());
    }

    /// After a send spent the device code: a new Microsoft 365 sign-in, on
    /// its step; everything else entered is kept.
    pub fn sign_in_to_microsoft_again(&self) {
        self.forget_microsoft_sign_in();
        self.send.update(|m| {
            m.handle(Event::Left);
        });
        self.wizard.update(|w| w.fix(Step::MicrosoftSignIn));
    }

    /// Forgets the tokens; a session the wizard opened itself is ended on
    /// the server too (v7 and v8), while a host's token is the host's.
    /// Safe to call while the wizard is being unmounted.
    pub fn end_session(&self) {
        let token = self.token.try_get_untracked().flatten();
        let log_out = self.log_out.try_update_value(Option::take).flatten();
        self.token.try_set(None);
        self.refresh.try_set(None);
        if let (Some(log_out), Some(token), Some(client)) = (log_out, token, self.client()) {
            log_out(client, token);
        }
    }

    /// A fresh start's answers: the host's presets, on the server already
    /// found (its version is not an answer, and does not change).
    pub fn fresh(&self) -> Wizard {
        let mut fresh = self.initial.get_value();
        if let Some(version) = self.wizard.with_untracked(Wizard::server_version) {
            fresh.set_server_version(version);
        }
        fresh
    }

    /// Forgets every answer and secret and starts again.
    pub fn reset(&self) {
        self.secrets.set(WizardSecrets::default());
        self.end_session();
        self.errors.set(FieldErrors::default());
        let editing = self.send.with_untracked(SendMachine::is_edit);
        self.send.set(if editing {
            SendMachine::for_edit()
        } else {
            SendMachine::default()
        });
        self.device.set(DeviceCodeMachine::default());
        self.proof.set(None);
        self.wizard.set(self.fresh());
        self.notice.set(None);
        storage::clear(&self.draft_key.get_value());
    }

    /// The user cancelled: everything goes, and the host is told; a fix
    /// started from "Check connections" returns to its list instead.
    pub fn cancel(&self) {
        if self.check_task {
            // The list puts the rest away as it comes back (check_view.rs).
            self.checking.set(true);
            return;
        }
        self.reset();
        self.hooks.with_value(Hooks::cancelled);
    }
}
