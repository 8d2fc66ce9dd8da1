//! Performs the commands wizard-core's send machine asks for: the HTTP calls
//! and the host's token. The rules (what follows what, exactly once) are the
//! machine's; this only carries them out and feeds each result back.

use super::state::Shared;
use crate::api::Client;
use crate::options::TokenSource;
use leptos::prelude::*;
use wizard_core::answers::Secret;
use wizard_core::flow::OrganizationId;
use wizard_core::machines::send::{Command, Event, Payload, SendMachine};
use wizard_core::server::find_created;
use wizard_core::server::{ApiError, CreatedOrganization, OrganizationRequest};

/// What a run of commands needs besides the shared state.
#[derive(Clone)]
pub struct Sender {
    /// The backup server.
    pub client: Client,
    /// How the wizard gets its tokens, as the shell provides it (a host's
    /// function is JavaScript, so it stays in this thread's arena).
    tokens: StoredValue<TokenSource, LocalStorage>,
}

impl Sender {
    /// The wizard's backup server and the host's token function, as the
    /// wizard provides them to its steps.
    pub fn from_context() -> Self {
        Sender {
            client: expect_context::<Client>(),
            tokens: expect_context(),
        }
    }

    /// Whether the wizard signs in to the backup server itself (the host
    /// gives no tokens).
    pub fn signs_in(&self) -> bool {
        !self
            .tokens
            .try_with_value(|t| matches!(t, TokenSource::Host(_)))
            .unwrap_or(false)
    }

    /// A token from the host's function; `None` when the host gives none
    /// (or the wizard is gone).
    pub async fn host_token(&self) -> Option<Result<Secret, ApiError>> {
        let function = self
            .tokens
            .try_with_value(|t| match t {
                TokenSource::Host(f) => Some(f.clone()),
                _ => None,
            })
            .flatten()?;
        Some(TokenSource::from_host(&function).await)
    }

    /// Feeds `event` to the machine, then performs each command it gives
    /// and feeds the result back, until it asks for nothing. `body` is what
    /// is sent; `sign_in` the form's user name and password, for a sign-in.
    /// Stops quietly if the wizard is unmounted meanwhile.
    pub async fn run(
        &self,
        shared: Shared,
        event: Event,
        body: OrganizationRequest,
        sign_in: Option<(String, Secret)>,
    ) {
        let provable = shared
            .wizard
            .with_untracked(|w| shared.secrets.with_untracked(|s| w.edit_provable(s)));
        let payload = Payload {
            user_code: body.user_code.clone(),
            provable,
        };
        let mut next = shared
            .send
            .try_update(|m| {
                m.describe(payload);
                m.handle(event)
            })
            .flatten();
        while let Some(command) = next {
            let Some(event) = self.perform(shared, command, &body, &sign_in).await else {
                return;
            };
            next = shared.send.try_update(|m| m.handle(event)).flatten();
        }
    }

    /// Performs one command; answers the event it produced, if any.
    async fn perform(
        &self,
        shared: Shared,
        command: Command,
        body: &OrganizationRequest,
        sign_in: &Option<(String, Secret)>,
    ) -> Option<Event> {
        let token = || shared.token.try_get_untracked().flatten();
        Some(match command {
            Command::SignIn => {
                let (user, password) = sign_in.as_ref()?;
                Event::SignedIn(self.sign_in(shared, user, password).await)
            }
            Command::AskHostToken => {
                let got = self.host_token().await?;
                Event::HostToken(got.map(|t| {
                    shared.token.try_set(Some(t));
                }))
            }
            Command::Send if editing(shared) => Event::Saved(match (token(), edited_id(shared)) {
                (Some(t), Some(id)) => self.client.edit_organization(&t, &id, body).await,
                (None, _) => Err(ApiError::Unauthorized),
                (_, None) => Err(no_id()),
            }),
            Command::Send => Event::Sent(match token() {
                Some(t) => self.client.add_organization(&t, body).await,
                None => Err(ApiError::Unauthorized),
            }),
            Command::LookUp => Event::LookedUp(match token() {
                Some(t) if editing(shared) => self.read_back(shared, &t).await,
                Some(t) => self.look_up(&t, body).await,
                None => Err(ApiError::Unauthorized),
            }),
            Command::Renew => Event::Renewed(self.renew(shared).await),
            Command::ForgetToken => {
                shared.token.try_set(None);
                return None;
            }
            Command::Complete(created) => {
                shared.complete(&created);
                return None;
            }
        })
    }

    /// Signs in with the form's answers and keeps the session's tokens.
    pub async fn sign_in(
        &self,
        shared: Shared,
        user: &str,
        password: &Secret,
    ) -> Result<(), ApiError> {
        let tokens = self.client.sign_in(user, password).await?;
        shared.signed_in(tokens);
        Ok(())
    }

    /// A fresh access token after a 401: from the host, or by the refresh
    /// token (which works once). Answers whether one was obtained.
    pub async fn renew(&self, shared: Shared) -> bool {
        let fresh = match self.host_token().await {
            Some(got) => got.ok(),
            None => match shared.refresh.try_get_untracked().flatten() {
                Some(refresh) => {
                    shared.refresh.try_set(None);
                    match self.client.refresh(&refresh).await {
                        Ok(tokens) => {
                            shared.lifetime.try_set(super::state::lifetime_of(&tokens));
                            shared.refresh.try_set(tokens.refresh_token);
                            Some(tokens.access_token)
                        }
                        Err(_) => None,
                    }
                }
                None => None,
            },
        };
        let got = fresh.is_some();
        if got {
            shared.token.try_set(fresh);
        }
        got
    }

    /// One call with the token held; a 401 renews the token once (by the
    /// refresh token or the host) and tries again, as the send does. When
    /// no token comes back the session is over: it is dropped, so the step
    /// asks for the sign-in again.
    pub async fn authorised<T, F, Fut>(&self, shared: Shared, call: F) -> Result<T, ApiError>
    where
        F: Fn(Client, Secret) -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        let mut renewed = false;
        loop {
            let token = shared
                .token
                .try_get_untracked()
                .flatten()
                .ok_or(ApiError::Unauthorized)?;
            match call(self.client.clone(), token).await {
                Err(ApiError::Unauthorized) if !renewed => {
                    renewed = true;
                    if !self.renew(shared).await {
                        shared.token.try_set(None);
                        return Err(ApiError::Unauthorized);
                    }
                }
                other => return other,
            }
        }
    }

    /// Reads the edited organization back: found when it holds what was
    /// sent (the new certificate's thumbprint).
    async fn read_back(
        &self,
        shared: Shared,
        token: &Secret,
    ) -> Result<Option<CreatedOrganization>, ApiError> {
        let id = edited_id(shared).ok_or_else(no_id)?;
        let organization = self.client.organization(token, &id).await?;
        let held = shared.wizard.with_untracked(|w| {
            shared
                .secrets
                .with_untracked(|s| w.edit_held_by(&organization, s))
        });
        Ok(held.then(|| CreatedOrganization::from(organization)))
    }

    /// Looks for the organization `body` would create.
    async fn look_up(
        &self,
        token: &Secret,
        body: &OrganizationRequest,
    ) -> Result<Option<CreatedOrganization>, ApiError> {
        let list = self.client.list_organizations(token).await?;
        Ok(find_created(&list, body))
    }
}

/// Whether the wizard saves an edit rather than adding.
fn editing(shared: Shared) -> bool {
    shared.send.with_untracked(SendMachine::is_edit)
}

/// The id of the organization being edited, as the server gave it.
fn edited_id(shared: Shared) -> Option<OrganizationId> {
    shared
        .wizard
        .with_untracked(|w| w.edited().and_then(|o| OrganizationId::parse(&o.id)))
}

/// The server gave the organization an id no URL can carry.
fn no_id() -> ApiError {
    ApiError::Rejected {
        status: 400,
        message:
            "The backup server gave this organization an id the wizard cannot use in an address."
                .to_owned(),
        code: None,
    }
}
