//! The send lifecycle of the Finish step as a pure machine: sign in, send,
//! renew an expired token once, and, whenever the answer may have been lost,
//! look the organization up before anything is sent again.
//!
//! The machine performs nothing: each [`Event`] may ask for one [`Command`],
//! which the component performs (an HTTP call, asking the host for a token)
//! and answers with the next event. That keeps the exactly-once rule here,
//! where a table test can walk every fault sequence.

use crate::server::{ApiError, CreatedOrganization};
use std::fmt;

/// Where a send stands, as the Finish step shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Phase {
    /// Waiting for the user: to sign in, or to try again.
    #[default]
    Idle,
    /// The backup server sign-in is out.
    SigningIn,
    /// Asking the embedding host for a token.
    GettingToken,
    /// The organization request is out.
    Sending,
    /// The token expired during the send; a fresh one is being fetched.
    Renewing,
    /// Looking for the organization, because an answer was lost or the
    /// server says it already exists.
    Checking,
    /// The organization is on the server.
    Done(Outcome),
    /// The last attempt failed; the failure says why and what is safe.
    Failed(Failure),
}

/// How the wizard knows the organization is on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered the add with the created organization.
    Added(CreatedOrganization),
    /// The answer was lost; the look-up found the organization added.
    FoundAfterLostAnswer(CreatedOrganization),
    /// The server refused the add as a duplicate; the look-up found an
    /// organization matching what was sent (for example, the browser
    /// resent a request whose answer was cut, and the first one added it).
    AlreadyOnServer(CreatedOrganization),
    /// The edit was saved, and reading the organization back shows the
    /// server holds what was sent.
    Updated(CreatedOrganization),
    /// The server refused, but the organization holds what was sent: the
    /// first request's answer was lost and the browser sent it again by
    /// itself; the repeat is what the server refused (its device code was
    /// spent by the first).
    HeldDespiteRefusal(CreatedOrganization),
}

impl Outcome {
    /// The organization, however it was established.
    pub fn organization(&self) -> &CreatedOrganization {
        match self {
            Outcome::Added(o)
            | Outcome::FoundAfterLostAnswer(o)
            | Outcome::AlreadyOnServer(o)
            | Outcome::Updated(o)
            | Outcome::HeldDespiteRefusal(o) => o,
        }
    }
}

/// Why a send did not finish, worded for the person at the Finish step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The server (or the sign-in, or the host) refused; shown as given.
    Refused(ApiError),
    /// The answer was lost and the look-up shows nothing was added.
    LostNotAdded(ApiError),
    /// The answer was lost and the look-up failed too: whether it was added
    /// is unknown, so the next attempt looks again first.
    LostUnchecked {
        /// What happened to the send.
        error: ApiError,
        /// What happened to the look-up.
        check: ApiError,
    },
    /// Before sending again, the look-up failed: nothing was sent.
    CheckFailed(ApiError),
    /// The organization being edited is no longer on the server.
    Removed,
    /// The server answered the edit, but reading the organization back
    /// shows something else than what was sent.
    NotConfirmed,
    /// The answer was lost, and reading the organization back cannot tell
    /// whether the edit was saved: it changes nothing the server shows (a
    /// grant of permissions alone).
    LostUnprovable(ApiError),
    /// The device code of this request went out with an earlier attempt
    /// and works once: a new sign-in must come before sending again.
    CodeSpent,
}

impl Failure {
    /// The refusal, when the server (or its sign-in) said in words why:
    /// what the refusal catalogue explains.
    pub fn refusal(&self) -> Option<&ApiError> {
        match self {
            Failure::Refused(error) => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Refused(e) => write!(f, "{e}"),
            Failure::LostNotAdded(e) => write!(
                f,
                "{e} The backup server does not have it, so it is safe to send it again."
            ),
            Failure::LostUnchecked { error, check } => write!(
                f,
                "{error} Whether it was added could not be checked ({check}); Try again checks first and never adds it twice."
            ),
            Failure::CheckFailed(e) => write!(
                f,
                "Whether the organization was added or saved could not be checked: {e} Nothing was sent again."
            ),
            Failure::Removed => f.write_str(
                "The organization is no longer on the backup server: someone removed it while you were editing. Nothing was saved.",
            ),
            Failure::NotConfirmed => f.write_str(
                "The backup server accepted the edit, but reading the organization back does not show the new certificate. Check the organization in the backup server's console before trying again.",
            ),
            Failure::LostUnprovable(e) => write!(
                f,
                "{e} The organization shows no sign of whether the permissions were granted; granting them again does no harm."
            ),
            Failure::CodeSpent => f.write_str(
                "The Microsoft 365 sign-in code went to the backup server with an earlier attempt, and a code works only once. Nothing was sent again.",
            ),
        }
    }
}

/// Where the next token comes from when the wizard has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSupply {
    /// A token is at hand.
    Held,
    /// The embedding host gives one on request.
    Host,
    /// The user has to sign in.
    SignIn,
}

/// What the machine must know of the request it sends, given before each
/// run ([`SendMachine::describe`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Payload {
    /// The device code the request carries, if any. The server uses a code
    /// once, so once a request carrying it may have reached the server it
    /// is never sent again.
    pub user_code: Option<String>,
    /// Editing: reading the organization back shows whether this edit was
    /// saved, because it changes what the server held before (a new
    /// certificate, another method). A grant alone changes nothing shown.
    pub provable: bool,
}

/// What happened: the user's actions and the results of commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Send (Add organization, arriving at Finish, or Try again).
    Start(TokenSupply),
    /// The user submitted the sign-in form.
    SignInSubmitted,
    /// The sign-in's result.
    SignedIn(Result<(), ApiError>),
    /// The host's token, or why it gave none.
    HostToken(Result<(), ApiError>),
    /// The add's result.
    Sent(Result<CreatedOrganization, ApiError>),
    /// The edit's result (`PUT` answers 204 and no body).
    Saved(Result<(), ApiError>),
    /// Whether a fresh token was obtained after a 401.
    Renewed(bool),
    /// The look-up's result: the matching organization, if any.
    LookedUp(Result<Option<CreatedOrganization>, ApiError>),
    /// The user left the step (Back): a finished attempt's message goes.
    Left,
}

/// What the component must do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Sign in with the form's user name and password.
    SignIn,
    /// Ask the host for a token.
    AskHostToken,
    /// `POST /Organizations` (adding) or `PUT /Organizations/{id}`
    /// (editing) with the held token.
    Send,
    /// Adding: `GET /Organizations` and find what was sent. Editing: `GET
    /// /Organizations/{id}`, found when it holds what was sent
    /// ([`crate::flow::Wizard::edit_held_by`]); 404 when it is gone.
    LookUp,
    /// A fresh token: from the host, or by the refresh token.
    Renew,
    /// Drop the held token: the server no longer accepts it.
    ForgetToken,
    /// Tell the wizard (and the host) the organization is on the server.
    Complete(CreatedOrganization),
}

/// Why a look-up is under way; decides what its answer means.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Check {
    /// An earlier answer was lost: look before sending again.
    BeforeResend,
    /// This send's answer was lost.
    LostAnswer(ApiError),
    /// The server refused this send: as a duplicate, or (the request
    /// carried what works once) perhaps because it was a repeat the browser
    /// sent by itself after the first one's answer was lost.
    Refused(ApiError),
    /// The edit was answered: confirm the server holds it.
    Confirm,
}

/// The send lifecycle of one wizard.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SendMachine {
    phase: Phase,
    /// Editing an organization (`PUT`) rather than adding one.
    edit: bool,
    /// An earlier send's outcome is unknown: look up before sending again.
    unverified: bool,
    /// The token was renewed during this attempt (renewal happens once).
    renewed: bool,
    check: Option<Check>,
    /// What the current run sends.
    payload: Payload,
    /// Device codes that went out with a request that may have reached the
    /// server: each works once.
    spent: Vec<String>,
}

impl SendMachine {
    /// The machine of an edit: `PUT`, then a read back that confirms it.
    pub fn for_edit() -> Self {
        Self {
            edit: true,
            ..Self::default()
        }
    }

    /// Whether it saves an edit rather than adding.
    pub fn is_edit(&self) -> bool {
        self.edit
    }

    /// Tells the machine what the next run sends (before its first event).
    pub fn describe(&mut self, payload: Payload) {
        self.payload = payload;
    }

    /// The send failed and its device code is spent: the way on is a new
    /// Microsoft 365 sign-in, not "Try again".
    pub fn needs_new_code(&self) -> bool {
        matches!(self.phase, Phase::Failed(_)) && self.code_spent()
    }

    fn code_spent(&self) -> bool {
        self.payload
            .user_code
            .as_ref()
            .is_some_and(|code| self.spent.contains(code))
    }

    /// Where the send stands.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// A request (or a wait for the host) is under way: the user may not
    /// start another, nor leave the step mid-send.
    pub fn busy(&self) -> bool {
        matches!(
            self.phase,
            Phase::SigningIn
                | Phase::GettingToken
                | Phase::Sending
                | Phase::Renewing
                | Phase::Checking
        )
    }

    /// Takes one event; answers the command it gives, if any.
    pub fn handle(&mut self, event: Event) -> Option<Command> {
        match event {
            Event::Start(supply) => self.start(supply),
            Event::SignInSubmitted => self.sign_in(),
            Event::SignedIn(result) | Event::HostToken(result) => self.token_arrived(result),
            Event::Sent(result) => self.sent(result.map(Some)),
            Event::Saved(result) => self.sent(result.map(|()| None)),
            Event::Renewed(fresh) => self.renewed(fresh),
            Event::LookedUp(result) => self.looked_up(result),
            Event::Left => {
                if !self.busy() && !matches!(self.phase, Phase::Done(_)) {
                    self.phase = Phase::Idle;
                }
                None
            }
        }
    }

    fn start(&mut self, supply: TokenSupply) -> Option<Command> {
        if self.busy() || matches!(self.phase, Phase::Done(_)) {
            return None;
        }
        self.renewed = false;
        match supply {
            TokenSupply::Held => self.proceed(),
            TokenSupply::Host => {
                self.phase = Phase::GettingToken;
                Some(Command::AskHostToken)
            }
            TokenSupply::SignIn => {
                self.phase = Phase::Idle;
                None
            }
        }
    }

    fn sign_in(&mut self) -> Option<Command> {
        if self.busy() || matches!(self.phase, Phase::Done(_)) {
            return None;
        }
        self.renewed = false;
        self.phase = Phase::SigningIn;
        Some(Command::SignIn)
    }

    fn token_arrived(&mut self, result: Result<(), ApiError>) -> Option<Command> {
        if !matches!(self.phase, Phase::SigningIn | Phase::GettingToken) {
            return None;
        }
        match result {
            Ok(()) => self.proceed(),
            Err(e) => self.fail(Failure::Refused(e)),
        }
    }

    /// With a token in hand: look first if an earlier answer was lost,
    /// otherwise send.
    fn proceed(&mut self) -> Option<Command> {
        if self.unverified && self.readable() {
            return self.look(Check::BeforeResend);
        }
        self.send()
    }

    /// Sends, unless the request's device code already went out.
    fn send(&mut self) -> Option<Command> {
        if self.code_spent() {
            return self.fail(Failure::CodeSpent);
        }
        if let Some(code) = &self.payload.user_code {
            self.spent.push(code.clone());
        }
        self.phase = Phase::Sending;
        Some(Command::Send)
    }

    /// Whether reading the server shows if a send took effect: always for
    /// an add, for an edit when it changes what the server shows.
    fn readable(&self) -> bool {
        !self.edit || self.payload.provable
    }

    /// A 401 is given at the door, before the body is read: the request's
    /// device code was not used.
    fn unspend(&mut self) {
        if let Some(code) = &self.payload.user_code {
            self.spent.retain(|c| c != code);
        }
    }

    /// The add's answer (the created organization) or the edit's (none:
    /// confirmed by reading it back).
    fn sent(&mut self, result: Result<Option<CreatedOrganization>, ApiError>) -> Option<Command> {
        if self.phase != Phase::Sending {
            return None;
        }
        match result {
            Ok(Some(created)) => self.complete(Outcome::Added(created)),
            Ok(None) => self.look(Check::Confirm),
            Err(ApiError::Rejected { status: 404, .. }) if self.edit => self.fail(Failure::Removed),
            Err(ApiError::Unauthorized) => {
                self.unspend();
                if self.renewed {
                    return self.session_over();
                }
                self.phase = Phase::Renewing;
                Some(Command::Renew)
            }
            Err(e) if e.outcome_unknown() && !self.readable() => {
                self.fail(Failure::LostUnprovable(e))
            }
            Err(e) if e.outcome_unknown() => {
                self.unverified = true;
                self.look(Check::LostAnswer(e))
            }
            // A refusal may answer the browser's own repeat of a request
            // whose answer was lost: read the server before saying it.
            Err(e) if self.edit && self.payload.provable => self.look(Check::Refused(e)),
            Err(e) if !self.edit && (e.is_duplicate() || self.payload.user_code.is_some()) => {
                self.look(Check::Refused(e))
            }
            Err(e) => self.fail(Failure::Refused(e)),
        }
    }

    fn renewed(&mut self, fresh: bool) -> Option<Command> {
        if self.phase != Phase::Renewing {
            return None;
        }
        if !fresh {
            return self.session_over();
        }
        self.renewed = true;
        self.send()
    }

    fn looked_up(
        &mut self,
        result: Result<Option<CreatedOrganization>, ApiError>,
    ) -> Option<Command> {
        if self.phase != Phase::Checking {
            return None;
        }
        let check = self.check.take()?;
        match (check, result) {
            (_, Err(ApiError::Rejected { status: 404, .. })) if self.edit => {
                self.unverified = false;
                self.fail(Failure::Removed)
            }
            (Check::Confirm, Ok(Some(found))) => self.complete(Outcome::Updated(found)),
            (Check::Confirm, Ok(None)) => self.fail(Failure::NotConfirmed),
            // Saved, but not read back: say so, and check before any resend.
            (Check::Confirm, Err(check)) => {
                self.unverified = true;
                self.fail(Failure::CheckFailed(check))
            }
            (Check::Refused(refusal), Ok(Some(found))) => {
                // A request carrying a code met it spent before anything
                // else: the repeat, not a duplicate added by someone else.
                let repeat = self.edit || self.payload.user_code.is_some();
                self.complete(if !repeat && refusal.is_duplicate() {
                    Outcome::AlreadyOnServer(found)
                } else {
                    Outcome::HeldDespiteRefusal(found)
                })
            }
            (_, Ok(Some(found))) => self.complete(Outcome::FoundAfterLostAnswer(found)),
            (Check::BeforeResend, Ok(None)) => {
                self.unverified = false;
                self.send()
            }
            (Check::BeforeResend, Err(check)) => self.fail(Failure::CheckFailed(check)),
            (Check::LostAnswer(error), Ok(None)) => {
                self.unverified = false;
                self.fail(Failure::LostNotAdded(error))
            }
            (Check::LostAnswer(error), Err(check)) => {
                self.fail(Failure::LostUnchecked { error, check })
            }
            (Check::Refused(refusal), Ok(None)) => self.fail(Failure::Refused(refusal)),
            // Refused, and whether an earlier repeat saved it is unknown:
            // the refusal stands, and the next attempt reads first.
            (Check::Refused(refusal), Err(_)) => {
                self.unverified = true;
                self.fail(Failure::Refused(refusal))
            }
        }
    }

    fn look(&mut self, check: Check) -> Option<Command> {
        self.check = Some(check);
        self.phase = Phase::Checking;
        Some(Command::LookUp)
    }

    fn complete(&mut self, outcome: Outcome) -> Option<Command> {
        let organization = outcome.organization().clone();
        self.unverified = false;
        self.phase = Phase::Done(outcome);
        Some(Command::Complete(organization))
    }

    fn session_over(&mut self) -> Option<Command> {
        self.phase = Phase::Failed(Failure::Refused(ApiError::Unauthorized));
        Some(Command::ForgetToken)
    }

    fn fail(&mut self, failure: Failure) -> Option<Command> {
        self.phase = Phase::Failed(failure);
        None
    }
}
