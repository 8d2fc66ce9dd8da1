//! What can be wrong with the wizard's configuration (`config.json`, the URL,
//! a host's options), worded for the person installing the page. A leaf:
//! both the configuration (`config.rs`) and the API-base judgement
//! (`api_base.rs`) report these.

use std::fmt;

/// A configuration problem, worded for the person installing the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// `apiVersion` is not one of the accepted values.
    UnknownVersion(String),
    /// `config.json` is not the expected JSON object.
    BadConfigFile(String),
    /// The API base uses plain HTTP on a host other than loopback (the
    /// origin it resolved to).
    InsecureApiBase(String),
    /// The API base is not an http or https address.
    BadApiBase(String),
    /// The API base carries a user name or password.
    CredentialsInApiBase(String),
    /// A link chose an origin the host did not allow.
    OriginNotAllowed {
        /// The address as the link gave it.
        given: String,
        /// The origin the browser resolved it to.
        origin: String,
    },
    /// An `allowedApiOrigins` entry is not an https origin.
    BadAllowedOrigin(String),
    /// The page itself is not served over http or https (opened from a file).
    PageNotOnTheWeb(String),
    /// `timeoutSeconds` is not a whole number from 1 to 3600.
    BadTimeout(String),
    /// `config.json` could not be fetched at all (the browser's reason).
    ConfigFileUnreachable(String),
    /// The server answered `config.json` with an error status other than 404.
    ConfigFileStatus(u16),
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
                "The API address \u{201c}{base}\u{201d} is not a web address. Use https://server:4443, a path such as /vb365, or leave it empty for this page's own server."
            ),
            ConfigError::CredentialsInApiBase(base) => write!(
                f,
                "The API address \u{201c}{base}\u{201d} carries a user name or password. Give the address alone: the wizard asks for the sign-in itself."
            ),
            ConfigError::OriginNotAllowed { given, origin } => write!(
                f,
                "This link asks the wizard to send your sign-in to {origin} (from apiBase \u{201c}{given}\u{201d}), which whoever installed this page has not allowed, so the wizard did not start. A link may only choose a path on this page's own server. If {origin} is your backup server, ask them to add it to \"allowedApiOrigins\" in config.json."
            ),
            ConfigError::BadAllowedOrigin(entry) => write!(
                f,
                "config.json lists \u{201c}{entry}\u{201d} in allowedApiOrigins, which is not an origin the wizard can use. List origins only, such as \"https://vb365.example.com:4443\": HTTPS (plain HTTP only on this computer), no path, no user name."
            ),
            ConfigError::ConfigFileUnreachable(reason) => {
                write!(f, "config.json could not be loaded: {reason}")
            }
            ConfigError::ConfigFileStatus(status) => {
                write!(f, "config.json could not be loaded (HTTP {status}).")
            }
            ConfigError::PageNotOnTheWeb(page) => write!(
                f,
                "This page was opened from {page}. Serve it from a web server (https://, or http:// on this computer) so it can reach the backup server."
            ),
        }
    }
}

impl std::error::Error for ConfigError {}
