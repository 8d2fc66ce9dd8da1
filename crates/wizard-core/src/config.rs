//! Where the wizard finds the backup server, from the embedding host's options,
//! the static page's `config.json` and its URL parameters.

use crate::api::ApiVersion;
use serde::Deserialize;
use std::fmt;

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
/// Microsoft 365 before answering, which can take minutes.
pub const DEFAULT_TIMEOUT_SECONDS: u32 = 300;

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
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            api_base: String::new(),
            api_version: VersionChoice::default(),
            timeout_seconds: DEFAULT_TIMEOUT_SECONDS,
        }
    }
}

/// A configuration problem, worded for the person installing the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// `apiVersion` is not one of the accepted values.
    UnknownVersion(String),
    /// `config.json` is not the expected JSON object.
    BadConfigFile(String),
    /// The API base uses plain HTTP on a host other than loopback.
    InsecureApiBase(String),
    /// The API base is not a URL.
    BadApiBase(String),
    /// `timeoutSeconds` is not a whole number from 1 to 3600.
    BadTimeout(String),
}

/// Parses a timeout in whole seconds, 1 to 3600.
pub fn parse_timeout(text: &str) -> Result<u32, ConfigError> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|s| (1..=3600).contains(s))
        .ok_or_else(|| ConfigError::BadTimeout(text.trim().to_owned()))
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::UnknownVersion(v) => write!(
                f,
                "apiVersion \u{201c}{v}\u{201d} is not supported. Use v6, v7, v8 or auto."
            ),
            ConfigError::BadConfigFile(detail) => write!(
                f,
                "config.json could not be read ({detail}). It must be a JSON object such as {{\"apiBase\": \"\", \"apiVersion\": \"auto\"}}."
            ),
            ConfigError::InsecureApiBase(base) => write!(
                f,
                "The API address {base} uses plain HTTP. Credentials would cross the network unencrypted, so only HTTPS is allowed (plain HTTP only on this computer: localhost or 127.0.0.1)."
            ),
            ConfigError::BadTimeout(value) => write!(
                f,
                "timeoutSeconds \"{value}\" must be a whole number of seconds from 1 to 3600."
            ),
            ConfigError::BadApiBase(base) => write!(
                f,
                "The API address \u{201c}{base}\u{201d} is not a URL. Use https://server:4443, a path such as /vb365, or leave it empty for this page's own server."
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    api_base: Option<String>,
    #[serde(default)]
    api_version: Option<String>,
    #[serde(default)]
    timeout_seconds: Option<u32>,
}

impl ApiConfig {
    /// Applies `config.json`'s text on top of `self`.
    pub fn with_config_file(mut self, json: &str) -> Result<Self, ConfigError> {
        let file: ConfigFile =
            serde_json::from_str(json).map_err(|e| ConfigError::BadConfigFile(e.to_string()))?;
        if let Some(base) = file.api_base {
            self.api_base = base;
        }
        if let Some(version) = file.api_version {
            self.api_version = VersionChoice::parse(&version)?;
        }
        if let Some(seconds) = file.timeout_seconds {
            self.timeout_seconds = parse_timeout(&seconds.to_string())?;
        }
        Ok(self)
    }

    /// Applies URL query parameters (`apiBase`, `apiVersion`) on top of `self`.
    /// `query` is the part after `?`, with or without the `?`.
    pub fn with_query(mut self, query: &str) -> Result<Self, ConfigError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "apiBase" => self.api_base = value.into_owned(),
                "apiVersion" => self.api_version = VersionChoice::parse(&value)?,
                "timeoutSeconds" => self.timeout_seconds = parse_timeout(&value)?,
                _ => {}
            }
        }
        Ok(self)
    }

    /// Refuses an API base that would send credentials over plain HTTP to
    /// another machine. `page_origin` is where the page itself is served
    /// (`http://127.0.0.1:8080`), which a relative base resolves against.
    pub fn check_transport(&self, page_origin: &str) -> Result<(), ConfigError> {
        let base = self.api_base.trim();
        let effective = if base.is_empty() || base.starts_with('/') && !base.starts_with("//") {
            page_origin
        } else {
            base
        };
        let (scheme, rest) = effective
            .split_once("://")
            .ok_or_else(|| ConfigError::BadApiBase(base.to_owned()))?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = if host.starts_with('[') {
            host.split_once(']')
                .map_or(host, |(h, _)| h)
                .trim_start_matches('[')
        } else {
            host.rsplit_once(':').map_or(host, |(h, _)| h)
        };
        if host.is_empty() {
            return Err(ConfigError::BadApiBase(base.to_owned()));
        }
        match scheme.to_ascii_lowercase().as_str() {
            "https" => Ok(()),
            "http" if is_loopback(host) => Ok(()),
            "http" => Err(ConfigError::InsecureApiBase(effective.to_owned())),
            _ => Err(ConfigError::BadApiBase(base.to_owned())),
        }
    }
}

fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "::1"
        || host.strip_prefix("127.").is_some_and(|rest| {
            rest.split('.').count() == 3 && rest.split('.').all(|p| p.parse::<u8>().is_ok())
        })
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
        let config = config.with_query("apiBase=%2Fvb365%2Fapi").unwrap();
        assert_eq!(config.api_base, "/vb365/api");
    }

    #[test]
    fn timeouts_are_bounded() {
        let c = ApiConfig::default().with_query("timeoutSeconds=2").unwrap();
        assert_eq!(c.timeout_seconds, 2);
        assert_eq!(ApiConfig::default().timeout_seconds, 300);
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
    }

    #[test]
    fn plain_http_only_on_loopback() {
        let check = |base: &str, origin: &str| {
            ApiConfig {
                api_base: base.into(),
                ..ApiConfig::default()
            }
            .check_transport(origin)
        };
        for (base, origin) in [
            ("", "https://console.example"),
            ("", "http://127.0.0.1:8080"),
            ("/api", "http://localhost:3000"),
            ("https://vb365.example:4443", "http://127.0.0.1:8080"),
            ("http://127.0.0.2:4443", "https://console.example"),
            ("http://[::1]:4443", "https://console.example"),
            ("http://user@localhost:4443/x", "https://console.example"),
        ] {
            assert_eq!(check(base, origin), Ok(()), "{base} from {origin}");
        }
        for (base, origin) in [
            ("http://vb365.example:4443", "https://console.example"),
            ("", "http://console.example"),
            ("/api", "http://10.0.0.5"),
            ("http://127.0.0.1.evil.example", "https://x"),
        ] {
            assert!(
                matches!(check(base, origin), Err(ConfigError::InsecureApiBase(_))),
                "{base} from {origin}"
            );
        }
        assert!(matches!(
            check("vb365:4443", "https://x"),
            Err(ConfigError::BadApiBase(_))
        ));
        assert!(matches!(
            check("ftp://x", "https://x"),
            Err(ConfigError::BadApiBase(_))
        ));
    }
}
