//! The HTTP client for the backup server's REST API.
//!
//! Only the transport lives here; the sign-in form, the body and the mapping of
//! failures to messages are in `wizard_core::api`, tested natively.

use gloo_net::http::{Request, Response};
use wizard_core::api::{classify_failure, parse_success};
use wizard_core::{
    ApiError, ApiVersion, CreatedOrganization, OrganizationRequest, Secret, TokenGrant, Tokens,
};

/// Where the API is and which version to speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// Base URL without the version, e.g. `https://vb365:4443`; empty for the
    /// page's own origin.
    pub base: String,
    /// The API version.
    pub version: ApiVersion,
}

impl Client {
    /// Signs in with the backup server operator's credentials.
    pub async fn sign_in(&self, username: &str, password: &Secret) -> Result<Tokens, ApiError> {
        let grant = TokenGrant::Password {
            username: username.to_owned(),
            password: password.clone(),
        };
        let request = Request::post(&self.version.url(&self.base, "token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(self.version.token_form(&grant))
            .map_err(network)?;
        read(request.send().await.map_err(network)?).await
    }

    /// Sends the organization; answers with the created organization.
    pub async fn add_organization(
        &self,
        token: &Secret,
        body: &OrganizationRequest,
    ) -> Result<CreatedOrganization, ApiError> {
        let request = Request::post(&self.version.url(&self.base, "Organizations"))
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
