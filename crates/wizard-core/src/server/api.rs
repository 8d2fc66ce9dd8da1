//! The backup server's REST contract as the client sees it: versions, the
//! sign-in form, and every way a call can fail, mapped to a message a person can
//! act on. The HTTP transport lives in the browser crate; this is the pure part.

use crate::answers::Secret;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::fmt;

/// A version of the VB365 REST API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiVersion {
    /// Veeam Backup for Microsoft 365 v6.
    V6,
    /// Veeam Backup for Microsoft 365 v7.
    V7,
    /// Veeam Backup for Microsoft 365 v8.
    V8,
}

impl ApiVersion {
    /// Newest first: the order `"auto"` probes in.
    pub const NEWEST_FIRST: [ApiVersion; 3] = [ApiVersion::V8, ApiVersion::V7, ApiVersion::V6];

    /// What the method step says about the server, e.g. "Backup server:
    /// version 8"; `detected` when the wizard asked the server rather than
    /// being told by its configuration.
    pub fn describe(self, detected: bool) -> String {
        let number = &self.segment()[1..];
        if detected {
            format!("Backup server: version {number}")
        } else {
            format!("Backup server: version {number} (as configured)")
        }
    }

    /// The path segment, `v6`, `v7` or `v8`.
    pub fn segment(self) -> &'static str {
        match self {
            ApiVersion::V6 => "v6",
            ApiVersion::V7 => "v7",
            ApiVersion::V8 => "v8",
        }
    }

    /// Parses `v6`, `v7` or `v8` (any case).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "v6" => Some(ApiVersion::V6),
            "v7" => Some(ApiVersion::V7),
            "v8" => Some(ApiVersion::V8),
            _ => None,
        }
    }

    /// The sign-out resource, where the version has one: v6 has no way to
    /// end a session early; v7 and v8 have `POST /token/logout`.
    pub fn logout_resource(self) -> Option<&'static str> {
        match self {
            ApiVersion::V6 => None,
            ApiVersion::V7 | ApiVersion::V8 => Some("token/logout"),
        }
    }

    /// Whether `status` answers a logout as this version documents it (v7:
    /// 200, v8: 204; either is taken from either).
    pub fn logged_out(self, status: u16) -> bool {
        self.logout_resource().is_some() && matches!(status, 200 | 204)
    }

    /// The full URL of a resource under this version, e.g. `…/v7/Organizations`.
    pub fn url(self, base: &str, resource: &str) -> String {
        format!(
            "{}/{}/{}",
            base.trim_end_matches('/'),
            self.segment(),
            resource
        )
    }

    /// The form-encoded body of `POST /token`. v7 and v8 are told not to expect
    /// the antiforgery cookie, which a page on another origin cannot send.
    pub fn token_form(self, grant: &TokenGrant) -> String {
        let mut form = form_urlencoded::Serializer::new(String::new());
        match grant {
            TokenGrant::Password { username, password } => {
                form.append_pair("grant_type", "password");
                form.append_pair("username", username);
                form.append_pair("password", password.expose());
            }
            TokenGrant::Refresh(token) => {
                form.append_pair("grant_type", "refresh_token");
                form.append_pair("refresh_token", token.expose());
            }
        }
        if self != ApiVersion::V6 {
            form.append_pair("disable_antiforgery_token", "true");
        }
        form.finish()
    }
}

/// How to ask the token endpoint for an access token.
#[derive(Debug, Clone)]
pub enum TokenGrant {
    /// The backup server operator's credentials.
    Password {
        /// The operator's user name.
        username: String,
        /// The operator's password.
        password: Secret,
    },
    /// A refresh token from an earlier sign-in.
    Refresh(Secret),
}

/// The token endpoint's answer (`OAuthTokenResponse`), the parts the client
/// uses; the rest (`token_type`, `expires_in`, …) is ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct Tokens {
    /// Sent as `Authorization: Bearer …`.
    pub access_token: Secret,
    /// Used once when the access token has expired.
    pub refresh_token: Option<Secret>,
    /// The access token's lifetime in seconds (the server's setting, 60
    /// minutes by default): a long-open list renews the session before it.
    /// Read leniently: a lifetime the wizard cannot read must not fail a
    /// sign-in ([`Tokens::lifetime`]).
    #[serde(default)]
    expires_in: Option<Lifetime>,
}

/// `expires_in` as a server may write it: a number, a number in a string,
/// or something else (ignored).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Lifetime {
    Seconds(u64),
    Text(String),
    Other(serde::de::IgnoredAny),
}

impl Tokens {
    /// The access token's lifetime in seconds, if the server gave a
    /// readable one (a number, or a number in a string).
    pub fn lifetime(&self) -> Option<u64> {
        match self.expires_in.as_ref()? {
            Lifetime::Seconds(n) => Some(*n),
            Lifetime::Text(s) => s.trim().parse().ok(),
            Lifetime::Other(_) => None,
        }
        .filter(|&s| s > 0)
    }
}

/// Every way a call to the backup server can fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The token endpoint refused the sign-in (`{error, error_description}`).
    SignInRefused {
        /// The server's description, shown as given.
        description: String,
    },
    /// The access token was missing, wrong or expired.
    Unauthorized,
    /// The server refused the request and said why (`{message, errorCode}`).
    Rejected {
        /// The HTTP status.
        status: u16,
        /// The server's message, shown as given.
        message: String,
        /// The server's error code, when it sent one.
        code: Option<String>,
    },
    /// The server failed (5xx) without a message.
    ServerFailure {
        /// The HTTP status.
        status: u16,
    },
    /// The answer was not the JSON the API promises (a proxy's page, say).
    NotJson {
        /// The HTTP status.
        status: u16,
    },
    /// The request never got an answer.
    Network(String),
    /// None of v8, v7 and v6 answered at the API address.
    NoSupportedVersion,
    /// No answer within the configured time.
    Timeout {
        /// The limit that passed.
        seconds: u32,
    },
    /// The user stopped waiting.
    Cancelled,
    /// The embedding console could not give a token.
    HostToken(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::SignInRefused { description } => write!(
                f,
                "The backup server refused the sign-in: {description} Check the server user name and password."
            ),
            ApiError::Unauthorized => f.write_str(
                "The backup server no longer accepts this session. Sign in again; nothing you entered is lost.",
            ),
            ApiError::Rejected { message, .. } => write!(f, "The backup server refused the organization: {message}"),
            ApiError::ServerFailure { status } => write!(
                f,
                "The backup server failed (HTTP {status}) without saying why. Try again in a moment; if it keeps failing, check the server's logs."
            ),
            ApiError::NotJson { status } => write!(
                f,
                "The answer (HTTP {status}) did not come from the VB365 REST API. Check the API address: a proxy or another web server may have answered."
            ),
            ApiError::Timeout { seconds } => write!(
                f,
                "The backup server did not answer within {} minutes{}.",
                seconds / 60,
                if seconds % 60 == 0 { String::new() } else { format!(" {} seconds", seconds % 60) }
            ),
            ApiError::Cancelled => f.write_str("You stopped waiting for the backup server."),
            ApiError::NoSupportedVersion => f.write_str(
                "No VB365 REST API (v8, v7 or v6) answered at the configured address. Check the API address in config.json or the apiBase parameter.",
            ),
            ApiError::HostToken(detail) => write!(
                f,
                "The console could not provide a sign-in to the backup server ({detail}). Sign in to the console again, then try again."
            ),
            ApiError::Network(detail) => write!(
                f,
                "The backup server could not be reached ({detail}). Check the API address, that the server is running, and that this page is served from the same origin as the API."
            ),
        }
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    /// True when the request may have reached the server and done its work
    /// anyway: the answer was lost (network, timeout, cancelled), garbled, or
    /// came from a gateway rather than the server. Before sending again the
    /// client must look for the organization, or it could add it twice.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout { .. } | ApiError::Cancelled => true,
            ApiError::NotJson { status } => matches!(status, 200 | 201 | 502 | 504),
            ApiError::ServerFailure { status } => matches!(status, 502 | 504),
            _ => false,
        }
    }
}

impl ApiError {
    /// True when the server refused the add because the organization is
    /// already there. The API has no code of its own for this, so the
    /// refusal's message is read: every version words it "already".
    pub fn is_duplicate(&self) -> bool {
        matches!(self, ApiError::Rejected { status: 400 | 409, message, .. }
            if message.to_ascii_lowercase().contains("already"))
    }
}

/// A failed answer's body: the token endpoint's OAuth error
/// (`{error, error_description}`) or every other endpoint's
/// `RESTExceptionInfo` (`{message, errorCode}`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FailureAnswer {
    error: Option<String>,
    #[serde(rename = "error_description")]
    error_description: Option<String>,
    message: Option<String>,
    error_code: Option<String>,
}

/// Maps a failed answer (any status other than 200 or 201) to an [`ApiError`].
pub fn classify_failure(status: u16, body: &str) -> ApiError {
    let Ok(failure) = serde_json::from_str::<FailureAnswer>(body) else {
        return match status {
            401 => ApiError::Unauthorized,
            500.. if body.trim().is_empty() => ApiError::ServerFailure { status },
            _ => ApiError::NotJson { status },
        };
    };
    if let Some(error) = failure.error {
        return ApiError::SignInRefused {
            description: failure
                .error_description
                .unwrap_or_else(|| format!("{error}.")),
        };
    }
    if status == 401 {
        return ApiError::Unauthorized;
    }
    match failure.message {
        Some(message) => ApiError::Rejected {
            status,
            message,
            code: failure.error_code,
        },
        None if status >= 500 => ApiError::ServerFailure { status },
        None => ApiError::NotJson { status },
    }
}

/// Reads a successful answer's JSON, or says the answer was not JSON.
pub fn parse_success<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|_| ApiError::NotJson { status })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_form_per_version() {
        let grant = TokenGrant::Password {
            username: "admin".into(),
            password: "p&ss =word".into(),
        };
        assert_eq!(
            ApiVersion::V6.token_form(&grant),
            "grant_type=password&username=admin&password=p%26ss+%3Dword"
        );
        assert_eq!(
            ApiVersion::V7.token_form(&grant),
            "grant_type=password&username=admin&password=p%26ss+%3Dword&disable_antiforgery_token=true"
        );
        assert_eq!(
            ApiVersion::V8.token_form(&TokenGrant::Refresh("r1".into())),
            "grant_type=refresh_token&refresh_token=r1&disable_antiforgery_token=true"
        );
    }

    #[test]
    fn urls_join_cleanly() {
        assert_eq!(
            ApiVersion::V7.url("https://h:4443/", "token"),
            "https://h:4443/v7/token"
        );
        assert_eq!(ApiVersion::V8.url("", "Organizations"), "/v8/Organizations");
        assert_eq!(ApiVersion::parse(" V8 "), Some(ApiVersion::V8));
        assert_eq!(ApiVersion::parse("v9"), None);
    }

    #[test]
    fn versions_are_described_for_people() {
        assert_eq!(ApiVersion::V8.describe(true), "Backup server: version 8");
        assert_eq!(
            ApiVersion::V6.describe(false),
            "Backup server: version 6 (as configured)"
        );
    }

    #[test]
    fn only_v7_and_v8_log_out() {
        assert_eq!(ApiVersion::V6.logout_resource(), None);
        assert!(!ApiVersion::V6.logged_out(200));
        for v in [ApiVersion::V7, ApiVersion::V8] {
            assert_eq!(v.logout_resource(), Some("token/logout"));
            assert!(v.logged_out(200) && v.logged_out(204));
            assert!(!v.logged_out(401));
        }
    }

    #[test]
    fn failures_are_classified() {
        assert_eq!(
            classify_failure(
                400,
                r#"{"error":"invalid_grant","error_description":"Wrong user name or password."}"#
            ),
            ApiError::SignInRefused {
                description: "Wrong user name or password.".into()
            }
        );
        assert_eq!(classify_failure(401, ""), ApiError::Unauthorized);
        assert_eq!(
            classify_failure(
                400,
                r#"{"message":"Organization already exists.","errorCode":"ParameterValidationFailure"}"#
            ),
            ApiError::Rejected {
                status: 400,
                message: "Organization already exists.".into(),
                code: Some("ParameterValidationFailure".into())
            }
        );
        assert_eq!(
            classify_failure(500, ""),
            ApiError::ServerFailure { status: 500 }
        );
        assert_eq!(
            classify_failure(503, "{}"),
            ApiError::ServerFailure { status: 503 }
        );
        assert_eq!(
            classify_failure(502, "<html>Bad gateway</html>"),
            ApiError::NotJson { status: 502 }
        );
        assert_eq!(
            classify_failure(404, "Not Found"),
            ApiError::NotJson { status: 404 }
        );
    }

    #[test]
    fn messages_are_actionable() {
        let text = ApiError::Rejected {
            status: 400,
            message: "Bad region.".into(),
            code: None,
        }
        .to_string();
        assert!(text.ends_with("Bad region."), "{text}");
        assert!(ApiError::Unauthorized.to_string().contains("Sign in again"));
    }

    #[test]
    fn unknown_outcomes_are_the_ones_that_may_have_worked() {
        for e in [
            ApiError::Network("Failed to fetch".into()),
            ApiError::Timeout { seconds: 300 },
            ApiError::Cancelled,
            ApiError::NotJson { status: 201 },
            ApiError::ServerFailure { status: 504 },
        ] {
            assert!(e.outcome_unknown(), "{e:?}");
        }
        for e in [
            ApiError::ServerFailure { status: 500 },
            ApiError::ServerFailure { status: 503 },
            ApiError::Unauthorized,
            ApiError::NotJson { status: 404 },
            ApiError::Rejected {
                status: 400,
                message: "x".into(),
                code: None,
            },
        ] {
            assert!(!e.outcome_unknown(), "{e:?}");
        }
        assert_eq!(
            ApiError::Timeout { seconds: 300 }.to_string(),
            "The backup server did not answer within 5 minutes."
        );
        assert_eq!(
            ApiError::Timeout { seconds: 2 }.to_string(),
            "The backup server did not answer within 0 minutes 2 seconds."
        );
    }

    #[test]
    fn tokens_debug_hides_values() {
        let t: Tokens = parse_success(
            200,
            r#"{"access_token":"AAA","refresh_token":"RRR","token_type":"bearer"}"#,
        )
        .unwrap();
        let dbg = format!("{t:?}");
        assert!(!dbg.contains("AAA") && !dbg.contains("RRR"), "{dbg}");
    }
}
