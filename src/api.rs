//! The HTTP client for the backup server's REST API.
//!
//! Only the transport lives here; the sign-in form, the body, the version
//! rules, the mapping of failures to messages and the look-up of an
//! organization whose answer was lost are in `wizard_core`, tested natively.

use crate::urls::{BrowserUrls, page_href};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::{LocalStorage, SetValue, StoredValue, UpdateValue};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use web_sys::AbortController;
use wizard_core::answers::Secret;
use wizard_core::flow::OrganizationId;
use wizard_core::machines::device_code::{CheckAnswer, DeviceCode, check_request, code_request};
use wizard_core::server::{
    ApiConfig, ApiError, ApiVersion, ConfigError, CreatedOrganization, OrganizationRequest, Region,
    TokenGrant, Tokens, VersionChoice,
};
use wizard_core::server::{ListPage, PAGE_LIMIT, ServerOrganization, read_list, read_one};
use wizard_core::server::{classify_failure, parse_success};

/// Where the API is and which version to speak; `"auto"` is resolved on first
/// use and remembered. Every request is abandoned after the configured time,
/// or when [`Client::cancel`] is called.
#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    choice: VersionChoice,
    timeout_seconds: u32,
    resolved: Arc<Mutex<Option<ApiVersion>>>,
    /// The request under way (a JavaScript object: held in this thread's
    /// arena, so the client itself can be shared as Leptos asks).
    in_flight: StoredValue<Option<AbortController>, LocalStorage>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Client {
    /// A client for `config`.
    pub fn new(config: &ApiConfig) -> Self {
        Self {
            base: config.api_base.trim().to_owned(),
            choice: config.api_version,
            timeout_seconds: config.timeout_seconds,
            resolved: Arc::default(),
            in_flight: StoredValue::new_local(None),
        }
    }

    /// A client for `config` on this page: its API base resolved against the
    /// page's address and judged by wizard-core's rules (HTTPS, a link's
    /// choice among the allowed origins) before any request can be made.
    pub fn for_this_page(config: &ApiConfig) -> Result<Self, ConfigError> {
        let base = config.resolve_base(&page_href(), &BrowserUrls)?;
        Ok(Self::new(&ApiConfig {
            api_base: base,
            ..config.clone()
        }))
    }

    /// Whether the version is found by asking the server (`auto`) rather
    /// than configured.
    pub fn detects_version(&self) -> bool {
        self.choice == VersionChoice::Auto
    }

    /// Stops waiting for the request under way, if any; it fails with
    /// [`ApiError::Cancelled`].
    pub fn cancel(&self) {
        if let Some(controller) = self.in_flight.try_update_value(Option::take).flatten() {
            controller.abort();
        }
    }

    /// The version to speak: the configured one, or the newest the server
    /// answers (a missing version answers 404; any other status means it is
    /// there).
    pub async fn version(&self) -> Result<ApiVersion, ApiError> {
        if let VersionChoice::Fixed(version) = self.choice {
            return Ok(version);
        }
        if let Some(version) = *lock(&self.resolved) {
            return Ok(version);
        }
        for version in ApiVersion::NEWEST_FIRST {
            let (status, _) = self
                .exchange(
                    Request::get(&version.url(&self.base, "Organizations")),
                    None,
                )
                .await?;
            if status != 404 {
                *lock(&self.resolved) = Some(version);
                return Ok(version);
            }
        }
        Err(ApiError::NoSupportedVersion)
    }

    /// Signs in with the backup server operator's credentials.
    pub async fn sign_in(&self, username: &str, password: &Secret) -> Result<Tokens, ApiError> {
        self.token(TokenGrant::Password {
            username: username.to_owned(),
            password: password.clone(),
        })
        .await
    }

    /// Trades a refresh token for new tokens.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<Tokens, ApiError> {
        self.token(TokenGrant::Refresh(refresh_token.clone())).await
    }

    async fn token(&self, grant: TokenGrant) -> Result<Tokens, ApiError> {
        let version = self.version().await?;
        let request = Request::post(&version.url(&self.base, "token"))
            .header("Content-Type", "application/x-www-form-urlencoded");
        read(
            self.exchange(request, Some(version.token_form(&grant)))
                .await?,
        )
    }

    /// Sends the organization; answers with the created organization.
    pub async fn add_organization(
        &self,
        token: &Secret,
        body: &OrganizationRequest,
    ) -> Result<CreatedOrganization, ApiError> {
        self.post_json(token, "Organizations", body.to_json()).await
    }

    /// Ends the session `token` belongs to, on versions that can (v7, v8);
    /// on v6 the token simply expires.
    pub async fn logout(&self, token: &Secret) -> Result<(), ApiError> {
        let version = self.version().await?;
        let Some(resource) = version.logout_resource() else {
            return Ok(());
        };
        let request = Request::post(&version.url(&self.base, resource))
            .header("Authorization", &format!("Bearer {}", token.expose()));
        let (status, text) = self.exchange(request, Some(String::new())).await?;
        if version.logged_out(status) {
            Ok(())
        } else {
            Err(classify_failure(status, &text))
        }
    }

    /// `POST /DeviceCode`: the backup server asks Microsoft for a code a
    /// Global Administrator signs in with, for `region`'s cloud.
    pub async fn device_code(
        &self,
        token: &Secret,
        region: Region,
    ) -> Result<DeviceCode, ApiError> {
        self.post_json(token, "DeviceCode", code_request(region))
            .await
    }

    /// `POST /DeviceCode/check`: whether someone has signed in with `code`.
    pub async fn check_device_code(&self, token: &Secret, code: &str) -> Result<bool, ApiError> {
        let answer: CheckAnswer = self
            .post_json(token, "DeviceCode/check", check_request(code))
            .await?;
        Ok(answer.authenticated)
    }

    async fn post_json<T: serde::de::DeserializeOwned>(
        &self,
        token: &Secret,
        resource: &str,
        body: String,
    ) -> Result<T, ApiError> {
        let version = self.version().await?;
        let request = Request::post(&version.url(&self.base, resource))
            .header("Content-Type", "application/json")
            .header("Authorization", &format!("Bearer {}", token.expose()));
        read(self.exchange(request, Some(body)).await?)
    }

    /// `GET /Organizations` as text (an array or a page, by version).
    pub async fn list_organizations(&self, token: &Secret) -> Result<String, ApiError> {
        let version = self.version().await?;
        let request = Request::get(&version.url(&self.base, "Organizations?limit=10000"))
            .header("Authorization", &format!("Bearer {}", token.expose()));
        let (status, text) = self.exchange(request, None).await?;
        if status == 200 {
            Ok(text)
        } else {
            Err(classify_failure(status, &text))
        }
    }

    /// One page of `GET /Organizations` (v8 pages; v6 and v7 answer the
    /// whole list, whatever is asked).
    async fn organizations_page(
        &self,
        token: &Secret,
        offset: usize,
        limit: usize,
    ) -> Result<ListPage, ApiError> {
        let version = self.version().await?;
        let resource = format!("Organizations?offset={offset}&limit={limit}");
        let request = Request::get(&version.url(&self.base, &resource))
            .header("Authorization", &format!("Bearer {}", token.expose()));
        match self.exchange(request, None).await? {
            (200, text) => read_list(200, &text, limit),
            (status, text) => Err(classify_failure(status, &text)),
        }
    }

    /// Every organization on the server: v8 page by page ([`PAGE_LIMIT`]
    /// each), `read` told how many have arrived after each.
    pub async fn all_organizations(
        &self,
        token: &Secret,
        read: impl Fn(usize),
    ) -> Result<Vec<ServerOrganization>, ApiError> {
        self.organizations_in_pages(token, PAGE_LIMIT, read).await
    }

    /// Every organization on the server, `limit` per v8 page.
    pub async fn organizations_in_pages(
        &self,
        token: &Secret,
        limit: usize,
        read: impl Fn(usize),
    ) -> Result<Vec<ServerOrganization>, ApiError> {
        let mut all = Vec::new();
        loop {
            let page = self.organizations_page(token, all.len(), limit).await?;
            let more = page.more && !page.organizations.is_empty();
            all.extend(page.organizations);
            read(all.len());
            if !more {
                return Ok(all);
            }
        }
    }

    /// `GET /Organizations/{id}`: the organization with its connection
    /// (a 404 is [`ApiError::Rejected`] with that status).
    pub async fn organization(
        &self,
        token: &Secret,
        id: &OrganizationId,
    ) -> Result<ServerOrganization, ApiError> {
        let version = self.version().await?;
        let request = Request::get(&version.url(&self.base, &id.resource()))
            .header("Authorization", &format!("Bearer {}", token.expose()));
        match self.exchange(request, None).await? {
            (200, text) => read_one(200, &text),
            (status, text) => Err(classify_failure(status, &text)),
        }
    }

    /// `PUT /Organizations/{id}` ("Edit Organization"): 204, no body.
    pub async fn edit_organization(
        &self,
        token: &Secret,
        id: &OrganizationId,
        body: &OrganizationRequest,
    ) -> Result<(), ApiError> {
        let version = self.version().await?;
        let request = Request::put(&version.url(&self.base, &id.resource()))
            .header("Content-Type", "application/json")
            .header("Authorization", &format!("Bearer {}", token.expose()));
        match self.exchange(request, Some(body.to_json())).await? {
            (200 | 204, _) => Ok(()),
            (status, text) => Err(classify_failure(status, &text)),
        }
    }

    /// `GET` of `resource` on the version's API: the status and the text,
    /// whatever the status (connection health reads its own refusals).
    pub async fn get_text(
        &self,
        token: &Secret,
        resource: &str,
    ) -> Result<(u16, String), ApiError> {
        let version = self.version().await?;
        let request = Request::get(&version.url(&self.base, resource))
            .header("Authorization", &format!("Bearer {}", token.expose()));
        self.exchange(request, None).await
    }

    /// `GET` of `resource`: its text on 200, the failure classified otherwise.
    pub async fn read_text(&self, token: &Secret, resource: &str) -> Result<String, ApiError> {
        match self.get_text(token, resource).await? {
            (200, text) => Ok(text),
            (status, text) => Err(classify_failure(status, &text)),
        }
    }

    /// `POST /Organizations/{id}/Sync` with `{"type": "Incremental"}`: v8
    /// answers 204, v7 200.
    pub async fn start_sync(&self, token: &Secret, id: &OrganizationId) -> Result<(), ApiError> {
        let version = self.version().await?;
        let resource = format!("{}/Sync", id.resource());
        let request = Request::post(&version.url(&self.base, &resource))
            .header("Content-Type", "application/json")
            .header("Authorization", &format!("Bearer {}", token.expose()));
        match self
            .exchange(request, Some(r#"{"type":"Incremental"}"#.to_owned()))
            .await?
        {
            (200 | 202 | 204, _) => Ok(()),
            (status, text) => Err(classify_failure(status, &text)),
        }
    }

    /// Sends a request and reads the whole answer, within the time limit.
    async fn exchange(
        &self,
        request: RequestBuilder,
        body: Option<String>,
    ) -> Result<(u16, String), ApiError> {
        let controller =
            AbortController::new().map_err(|_| ApiError::Network("no AbortController".into()))?;
        let signal = controller.signal();
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            leptos::prelude::set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    controller.abort();
                },
                Duration::from_secs(u64::from(self.timeout_seconds)),
            )
            .ok()
        };
        self.in_flight.try_set_value(Some(controller));
        let request = request
            .header("Accept", "application/json")
            .abort_signal(Some(&signal));
        let sent = match body {
            Some(body) => request.body(body).map_err(network)?.send().await,
            None => request.send().await,
        };
        let answer = match sent {
            Ok(response) => read_text(response).await,
            Err(e) => Err(e),
        };
        if let Some(timer) = timer {
            timer.clear();
        }
        self.in_flight.try_set_value(None);
        answer.map_err(|e| {
            if timed_out.get() {
                ApiError::Timeout {
                    seconds: self.timeout_seconds,
                }
            } else if signal.aborted() {
                ApiError::Cancelled
            } else {
                network(e)
            }
        })
    }
}

async fn read_text(response: Response) -> Result<(u16, String), gloo_net::Error> {
    let status = response.status();
    Ok((status, response.text().await?))
}

/// Success (200 or 201) parsed as `T`, anything else classified.
fn read<T: serde::de::DeserializeOwned>((status, text): (u16, String)) -> Result<T, ApiError> {
    if status == 200 || status == 201 {
        parse_success(status, &text)
    } else {
        Err(classify_failure(status, &text))
    }
}

fn network(error: gloo_net::Error) -> ApiError {
    // gloo's message names the failure kind ("Failed to fetch"), never the body.
    ApiError::Network(error.to_string())
}
