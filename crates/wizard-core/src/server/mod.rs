//! The backup server as the wizard sees it: API versions, the sign-in's
//! tokens and every way a call fails (`api`), where the API is (`api_base`,
//! `config`), the request body sent to add or edit an organization
//! (`body`), the organizations it answers (`organization`), and the
//! messages of the certificate worker (`worker_protocol`).

mod api;
mod api_base;
mod body;
mod config;
mod config_error;
mod document;
mod organization;
mod worker_protocol;

pub use api::{ApiError, ApiVersion, TokenGrant, Tokens, classify_failure, parse_success};
pub use api_base::{BaseSource, ParsedUrl, UrlResolver, judge_api_base};
pub use body::{AppOnlyConnection, ConnectionSettings, OrganizationRequest, Region, Services};
pub use config::{
    ApiConfig, ConfigFileAnswer, DEFAULT_TIMEOUT_SECONDS, VersionChoice, parse_timeout,
};
pub use config_error::ConfigError;
pub use document::{from_object, to_text};
pub use organization::{
    CreatedOrganization, ListPage, PAGE_LIMIT, ServerOrganization, ServerSettings, find_created,
    read_list, read_one,
};
pub use worker_protocol::{UNREADABLE_ANSWER, WorkerJob};
