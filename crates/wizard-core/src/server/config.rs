//! Where the wizard finds the backup server, from the embedding host's options,
//! the static page's `config.json` and its URL parameters.

use crate::server::ApiVersion;
use crate::server::ConfigError;
use crate::server::{BaseSource, UrlResolver, judge_api_base};
use serde::Deserialize;

/// Which API version to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VersionChoice {
    /// Probe v8, v7, v6 and use the newest the server answers.
    #[default]
    Auto,
    /// Always this version.
    Fixed(ApiVersion),
}

impl VersionChoice {
    /// Parses `auto`, `v6`, `v7` or `v8` (any case, surrounding spaces allowed).
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        if text.trim().eq_ignore_ascii_case("auto") {
            return Ok(VersionChoice::Auto);
        }
        ApiVersion::parse(text)
            .map(VersionChoice::Fixed)
            .ok_or_else(|| ConfigError::UnknownVersion(text.trim().to_owned()))
    }
}

/// How long to wait for the backup server by default: it connects to
/// Microsoft 365 before answering, which can take minutes, and longer when it
/// registers a new application in Entra ID.
pub const DEFAULT_TIMEOUT_SECONDS: u32 = 600;

/// Where the API is and how to speak to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiConfig {
    /// Base URL without the version: absolute (`https://vb365:4443`), a path
    /// on the page's origin (`/backup-api`), or empty for the page's origin.
    pub api_base: String,
    /// The API version, or automatic detection.
    pub api_version: VersionChoice,
    /// How long to wait for an answer before looking for the outcome.
    pub timeout_seconds: u32,
    /// Who chose `api_base`: a link may only pick the page's own origin or
    /// one of `allowed_api_origins`.
    pub api_base_source: BaseSource,
    /// Origins the host lets a link choose (`allowedApiOrigins` in
    /// `config.json`), as written there.
    pub allowed_api_origins: Vec<String>,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            api_base: String::new(),
            api_version: VersionChoice::default(),
            timeout_seconds: DEFAULT_TIMEOUT_SECONDS,
            api_base_source: BaseSource::Host,
            allowed_api_origins: Vec::new(),
        }
    }
}

/// What the static page's script found at `config.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigFileAnswer {
    /// The server answered with this status and body.
    Answered {
        /// The HTTP status.
        status: u16,
        /// The body.
        text: String,
    },
    /// The request failed before any answer: the browser's reason.
    Failed(String),
}

/// `config.json` as its host writes it; `null` is the same as absent.
#[derive(Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "a JSON object"
)]
struct ConfigFile {
    #[serde(default, deserialize_with = "api_base")]
    api_base: Option<String>,
    #[serde(default, deserialize_with = "api_version")]
    api_version: Option<String>,
    #[serde(default, deserialize_with = "timeout_seconds")]
    timeout_seconds: Option<u64>,
    #[serde(default, deserialize_with = "allowed_api_origins")]
    allowed_api_origins: Option<Vec<String>>,
}

/// Reads one key's value, naming the key and the expected value in the
/// host's terms when it is of the wrong type (serde says where).
fn named<'de, D, T>(from: D, key: &str) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(from).map_err(|e| {
        let plain = e
            .to_string()
            .replace("expected u64", "expected a whole number")
            .replace("expected a sequence", "expected a list of strings");
        serde::de::Error::custom(format_args!("{key}: {plain}"))
    })
}

fn api_base<'de, D: serde::Deserializer<'de>>(from: D) -> Result<Option<String>, D::Error> {
    named(from, "apiBase")
}

fn api_version<'de, D: serde::Deserializer<'de>>(from: D) -> Result<Option<String>, D::Error> {
    named(from, "apiVersion")
}

fn timeout_seconds<'de, D: serde::Deserializer<'de>>(from: D) -> Result<Option<u64>, D::Error> {
    named(from, "timeoutSeconds")
}

fn allowed_api_origins<'de, D: serde::Deserializer<'de>>(
    from: D,
) -> Result<Option<Vec<String>>, D::Error> {
    named(from, "allowedApiOrigins")
}

/// Parses a timeout in whole seconds, 1 to 3600.
pub fn parse_timeout(text: &str) -> Result<u32, ConfigError> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|s| (1..=3600).contains(s))
        .ok_or_else(|| ConfigError::BadTimeout(text.trim().to_owned()))
}

impl ApiConfig {
    /// The static page's configuration: `config.json` as the page found it
    /// (none at all, 404, means the defaults), then the page's query string.
    pub fn for_page(answer: ConfigFileAnswer, query: &str) -> Result<Self, ConfigError> {
        let api = match answer {
            ConfigFileAnswer::Failed(reason) => {
                return Err(ConfigError::ConfigFileUnreachable(reason));
            }
            ConfigFileAnswer::Answered { status: 200, text } => {
                ApiConfig::default().with_config_file(&text)?
            }
            ConfigFileAnswer::Answered { status: 404, .. } => ApiConfig::default(),
            ConfigFileAnswer::Answered { status, .. } => {
                return Err(ConfigError::ConfigFileStatus(status));
            }
        };
        api.with_query(query)
    }

    /// Applies `config.json`'s text on top of `self`. Every key is
    /// checked: a misspelt one is named rather than silently ignored (the
    /// file is the host's, written for this page).
    pub fn with_config_file(mut self, json: &str) -> Result<Self, ConfigError> {
        let file: ConfigFile = crate::server::from_object(json)
            .map_err(|e| ConfigError::BadConfigFile(e.to_string()))?;
        if let Some(base) = file.api_base {
            self.api_base = base;
            self.api_base_source = BaseSource::Host;
        }
        if let Some(version) = file.api_version {
            self.api_version = VersionChoice::parse(&version)?;
        }
        if let Some(seconds) = file.timeout_seconds {
            self.timeout_seconds = parse_timeout(&seconds.to_string())?;
        }
        if let Some(origins) = file.allowed_api_origins {
            self.allowed_api_origins = origins;
        }
        Ok(self)
    }

    /// Applies URL query parameters (`apiBase`, `apiVersion`) on top of `self`.
    /// `query` is the part after `?`, with or without the `?`.
    pub fn with_query(mut self, query: &str) -> Result<Self, ConfigError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "apiBase" => {
                    self.api_base = value.into_owned();
                    self.api_base_source = BaseSource::Link;
                }
                "apiVersion" => self.api_version = VersionChoice::parse(&value)?,
                "timeoutSeconds" => self.timeout_seconds = parse_timeout(&value)?,
                _ => {}
            }
        }
        Ok(self)
    }

    /// The absolute API base requests go to, judged on the URL the browser
    /// resolves it to (see [`judge_api_base`]); `page` is the page's own URL.
    pub fn resolve_base(
        &self,
        page: &str,
        resolver: &impl UrlResolver,
    ) -> Result<String, ConfigError> {
        judge_api_base(
            &self.api_base,
            self.api_base_source,
            page,
            &self.allowed_api_origins,
            resolver,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse() {
        assert_eq!(VersionChoice::parse(" AUTO "), Ok(VersionChoice::Auto));
        assert_eq!(
            VersionChoice::parse("v6"),
            Ok(VersionChoice::Fixed(ApiVersion::V6))
        );
        assert!(
            matches!(VersionChoice::parse("7"), Err(ConfigError::UnknownVersion(v)) if v == "7")
        );
    }

    #[test]
    fn url_parameters_override_the_config_file() {
        let config = ApiConfig::default()
            .with_config_file(r#"{"apiBase": "https://vb365.example:4443", "apiVersion": "v7"}"#)
            .unwrap()
            .with_query("?apiVersion=v8&other=1")
            .unwrap();
        assert_eq!(config.api_base, "https://vb365.example:4443");
        assert_eq!(config.api_version, VersionChoice::Fixed(ApiVersion::V8));
        assert_eq!(config.api_base_source, BaseSource::Host);
        let config = config.with_query("apiBase=%2Fvb365%2Fapi").unwrap();
        assert_eq!(config.api_base, "/vb365/api");
        assert_eq!(config.api_base_source, BaseSource::Link);
    }

    #[test]
    fn the_config_file_lists_origins_links_may_choose() {
        let config = ApiConfig::default()
            .with_config_file(r#"{"allowedApiOrigins": ["https://vb365.example:4443"]}"#)
            .unwrap();
        assert_eq!(config.allowed_api_origins, ["https://vb365.example:4443"]);
        assert_eq!(
            ApiConfig::default().allowed_api_origins,
            Vec::<String>::new()
        );
    }

    #[test]
    fn timeouts_are_bounded() {
        let c = ApiConfig::default().with_query("timeoutSeconds=2").unwrap();
        assert_eq!(c.timeout_seconds, 2);
        assert_eq!(ApiConfig::default().timeout_seconds, 600);
        for bad in ["0", "3601", "-1", "1.5", "soon"] {
            let got = ApiConfig::default().with_query(&format!("timeoutSeconds={bad}"));
            assert!(matches!(got, Err(ConfigError::BadTimeout(_))), "{bad}");
        }
        let c = ApiConfig::default()
            .with_config_file(r#"{"timeoutSeconds": 60}"#)
            .unwrap();
        assert_eq!(c.timeout_seconds, 60);
    }

    #[test]
    fn a_bad_config_file_says_what_is_wrong() {
        let err = ApiConfig::default()
            .with_config_file("{\"apiBse\": 1}")
            .unwrap_err();
        assert!(
            matches!(&err, ConfigError::BadConfigFile(d) if d.contains("apiBse")),
            "{err:?}"
        );
        let err = ApiConfig::default()
            .with_config_file(r#"{"apiVersion":"v9"}"#)
            .unwrap_err();
        assert!(err.to_string().contains("v9"));
        for (text, words) in [
            ("[]", "expected a JSON object"),
            (
                "{\"apiBase\": 1}",
                "apiBase: invalid type: integer `1`, expected a string",
            ),
            (
                "{\"timeoutSeconds\": \"60\"}",
                "timeoutSeconds: invalid type: string \"60\", expected a whole number",
            ),
            ("{\"timeoutSeconds\": -5}", "timeoutSeconds"),
            (
                "{\"allowedApiOrigins\": \"https://x\"}",
                "allowedApiOrigins: invalid type: string \"https://x\", expected a list of strings",
            ),
            (
                "{\"allowedApiOrigins\": [1]}",
                "allowedApiOrigins: invalid type: integer `1`, expected a string",
            ),
            ("{\"apiBase\": ", "line 1 column 12"),
        ] {
            let err = ApiConfig::default().with_config_file(text).unwrap_err();
            assert!(err.to_string().contains(words), "{text}: {err}");
        }
        let nulls = ApiConfig::default()
            .with_config_file(r#"{"apiBase": null, "apiVersion": null}"#)
            .unwrap();
        assert_eq!(nulls, ApiConfig::default());
    }

    #[test]
    fn the_page_reads_what_it_found_at_config_json() {
        let answered = |status, text: &str| ConfigFileAnswer::Answered {
            status,
            text: text.to_owned(),
        };
        // No file: the defaults, and the link still counts.
        assert_eq!(
            ApiConfig::for_page(answered(404, "Not Found"), "?apiVersion=v7"),
            ApiConfig::default().with_query("?apiVersion=v7")
        );
        assert_eq!(
            ApiConfig::for_page(answered(200, r#"{"apiVersion": "v6"}"#), ""),
            ApiConfig::default().with_config_file(r#"{"apiVersion": "v6"}"#)
        );
        // The link is applied after the file.
        let both = ApiConfig::for_page(answered(200, r#"{"apiVersion": "v6"}"#), "?apiVersion=v8");
        assert_eq!(
            both.map(|c| c.api_version),
            Ok(VersionChoice::Fixed(ApiVersion::V8))
        );
        let failed = ApiConfig::for_page(answered(500, "oops"), "");
        assert_eq!(
            failed.map_err(|e| e.to_string()),
            Err("config.json could not be loaded (HTTP 500).".to_owned())
        );
        let unreachable =
            ApiConfig::for_page(ConfigFileAnswer::Failed("Failed to fetch".into()), "");
        assert_eq!(
            unreachable.map_err(|e| e.to_string()),
            Err("config.json could not be loaded: Failed to fetch".to_owned())
        );
        assert!(matches!(
            ApiConfig::for_page(answered(200, "{not json"), ""),
            Err(ConfigError::BadConfigFile(_))
        ));
    }
}
