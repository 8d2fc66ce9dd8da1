//! The HTTP client for the backup server's REST API.
//!
//! Only the transport lives here; the sign-in form, the body, the version
//! rules and the mapping of failures to messages are in `wizard_core`, tested
//! natively.

use gloo_net::http::{Request, Response};
use std::sync::{Arc, Mutex};
use wizard_core::api::{classify_failure, parse_success};
use wizard_core::{
    ApiConfig, ApiError, ApiVersion, CreatedOrganization, OrganizationRequest, Secret, TokenGrant,
    Tokens, VersionChoice,
};

/// Where the API is and which version to speak; `"auto"` is resolved on first
/// use and remembered.
#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    choice: VersionChoice,
    resolved: Arc<Mutex<Option<ApiVersion>>>,
}

impl Client {
    /// A client for `config`.
    pub fn new(config: &ApiConfig) -> Self {
        Self {
            base: config.api_base.trim().to_owned(),
            choice: config.api_version,
            resolved: Arc::default(),
        }
    }

    /// The version to speak: the configured one, or the newest the server
    /// answers (a missing version answers 404; any other status means it is
    /// there).
    pub async fn version(&self) -> Result<ApiVersion, ApiError> {
        if let VersionChoice::Fixed(version) = self.choice {
            return Ok(version);
        }
        if let Some(version) = *self.resolved.lock().unwrap_or_else(|e| e.into_inner()) {
            return Ok(version);
        }
        for version in ApiVersion::NEWEST_FIRST {
            let response = Request::get(&version.url(&self.base, "Organizations"))
                .header("Accept", "application/json")
                .send()
                .await
                .map_err(network)?;
            if response.status() != 404 {
                *self.resolved.lock().unwrap_or_else(|e| e.into_inner()) = Some(version);
                return Ok(version);
            }
        }
        Err(ApiError::NoSupportedVersion)
    }

    /// Signs in with the backup server operator's credentials.
    pub async fn sign_in(&self, username: &str, password: &Secret) -> Result<Tokens, ApiError> {
        let version = self.version().await?;
        let grant = TokenGrant::Password {
            username: username.to_owned(),
            password: password.clone(),
        };
        let request = Request::post(&version.url(&self.base, "token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(version.token_form(&grant))
            .map_err(network)?;
        read(request.send().await.map_err(network)?).await
    }

    /// Sends the organization; answers with the created organization.
    pub async fn add_organization(
        &self,
        token: &Secret,
        body: &OrganizationRequest,
    ) -> Result<CreatedOrganization, ApiError> {
        let version = self.version().await?;
        let request = Request::post(&version.url(&self.base, "Organizations"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Authorization", &format!("Bearer {}", token.expose()))
            .body(body.to_json())
            .map_err(network)?;
        read(request.send().await.map_err(network)?).await
    }
}

/// Success (200 or 201) parsed as `T`, anything else classified.
async fn read<T: for<'de> serde::Deserialize<'de>>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let text = response.text().await.map_err(network)?;
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
