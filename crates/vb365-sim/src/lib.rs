//! A simulator of the parts of the Veeam Backup for Microsoft 365 REST API that
//! the wizard calls: sign-in and logout, adding and listing organizations, for v6, v7 and
//! v8. It also serves the built page, so page and API share one origin, as they
//! do behind the reverse proxy in production.
//!
//! The simulator implements the contract from the vendor's OpenAPI documents on
//! its own, over untyped JSON: it shares no request types with the client, so a
//! mistake in the client's types cannot be mirrored here and pass unnoticed.

mod admission;
mod clock;
mod device_code;
mod faults;
mod health;
mod idle;
mod microsoft;
pub use faults::{Fault, Target as FaultTarget};
mod organizations;
mod reply;
mod seed;
mod store;
mod sync;
mod tls;
mod token;
mod validate;
mod version;

use axum::Router;
use axum::http::{HeaderValue, Method, header};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::cors::CorsLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub use store::Store;
pub use validate::validate_organization;
pub use version::Version;

/// How a simulator instance behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// The operator user name the token endpoint accepts.
    pub user: String,
    /// The operator password the token endpoint accepts.
    pub password: String,
    /// Lifetime of an access token, in seconds.
    pub token_lifetime_secs: u64,
    /// A directory served at `/` (the built page), if any.
    pub static_dir: Option<PathBuf>,
    /// The API versions this server offers (an older server lacks v8).
    pub versions: Vec<Version>,
    /// Serve every answer with the strict Content-Security-Policy the wizard
    /// must work under.
    pub strict_csp: bool,
    /// Allow this one origin to call the API from a browser (CORS). The real
    /// server sends no CORS headers, so neither does the simulator by default.
    pub cors_origin: Option<String>,
    /// How long a device code stays valid, in seconds (Microsoft: 15 minutes).
    pub device_code_lifetime_secs: u64,
    /// Treat every device code as signed in this many seconds after it was
    /// issued (for a person trying the demo without a Microsoft tenant).
    pub auto_sign_in_secs: Option<u64>,
    /// Start with two organizations to edit: an app-only one whose
    /// certificate expires within 30 days, and a legacy one.
    pub demo_organizations: bool,
    /// Start with this many more app-only organizations (scale), a few
    /// of them failing to connect.
    pub organizations: usize,
    /// How long a sync asked for with `POST /Organizations/{id}/Sync`
    /// (or a new organization's first) runs, in milliseconds.
    pub sync_millis: u64,
}

/// The policy `strict_csp` sends: no inline script or style, wasm allowed.
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types m365-org-wizard default";

impl Default for Config {
    fn default() -> Self {
        Self {
            user: "admin".into(),
            password: "admin".into(),
            token_lifetime_secs: 3600,
            static_dir: None,
            versions: vec![Version::V6, Version::V7, Version::V8],
            strict_csp: false,
            cors_origin: None,
            device_code_lifetime_secs: 900,
            auto_sign_in_secs: None,
            demo_organizations: false,
            organizations: 0,
            sync_millis: 3000,
        }
    }
}

/// Shared state of one simulator.
pub(crate) struct Sim {
    pub config: Config,
    pub store: Store,
    pub faults: faults::Faults,
    pub codes: device_code::Codes,
    /// Each organization's sync with Microsoft.
    pub health: health::Health,
    /// API requests being worked on (`GET /_sim/idle`).
    pub busy: std::sync::atomic::AtomicUsize,
}

impl Sim {
    /// The version named by a path segment, if this server offers it.
    pub fn offered(&self, segment: &str) -> Option<Version> {
        Version::from_segment(segment).filter(|v| self.config.versions.contains(v))
    }
}

/// The simulator's routes.
pub fn router(config: Config) -> Router {
    let static_dir = config.static_dir.clone();
    let strict_csp = config.strict_csp;
    let cors = config.cors_origin.as_deref().and_then(cors_layer);
    let sim = Arc::new(Sim {
        config,
        store: Store::default(),
        faults: faults::Faults::default(),
        codes: device_code::Codes::default(),
        health: health::Health::default(),
        busy: std::sync::atomic::AtomicUsize::new(0),
    });
    if sim.config.demo_organizations {
        seed::demo(&sim);
    }
    seed::many(&sim, sim.config.organizations);
    let api = Router::new()
        .route("/{version}/token", post(token::issue))
        .route("/{version}/token/logout", post(token::logout))
        .route(
            "/{version}/Organizations",
            get(organizations::list).post(organizations::add),
        )
        .route(
            "/{version}/Organizations/{id}",
            get(organizations::get_one).put(organizations::edit),
        )
        .route("/{version}/Organizations/SyncState", get(sync::list))
        .route("/{version}/Organizations/{id}/SyncState", get(sync::one))
        .route("/{version}/Organizations/{id}/Sync", post(sync::start))
        .route("/{version}/Jobs", get(sync::jobs))
        .route("/{version}/ServiceInstance", get(sync::service_instance))
        .route("/{version}/DeviceCode", post(device_code::issue))
        .route("/{version}/DeviceCode/check", post(device_code::check))
        .route(
            "/_sim/device-codes/{code}/sign-in",
            post(device_code::sign_in),
        )
        // A fault's answer may be megabytes (a runaway server's).
        .route(
            "/_sim/faults",
            post(faults::arm)
                .delete(faults::clear)
                .layer(axum::extract::DefaultBodyLimit::max(16 << 20)),
        )
        .route("/_sim/idle", get(idle::idle))
        .with_state(sim);
    let app = match static_dir {
        Some(dir) => api.fallback_service(
            ServeDir::new(dir)
                .append_index_html_on_directories(true)
                .precompressed_gzip(),
        ),
        None => api,
    };
    let app = match cors {
        Some(layer) => app.layer(layer),
        None => app,
    };
    if strict_csp {
        app.layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(STRICT_CSP),
        ))
    } else {
        app
    }
}

/// CORS for exactly one origin, with what the wizard sends.
fn cors_layer(origin: &str) -> Option<CorsLayer> {
    let origin = HeaderValue::from_str(origin.trim_end_matches('/')).ok()?;
    Some(
        CorsLayer::new()
            .allow_origin(origin)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT]),
    )
}

/// Serves the simulator on an already bound listener until the process ends.
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    // Without TCP_NODELAY a small answer written in two pieces waits up to
    // 40 ms for the browser's delayed ACK (Nagle): production servers set it,
    // and the start-up figures in `make bench` would otherwise measure that.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, router(config)).await
}

/// Serves over TLS with a self-signed certificate for `localhost` and
/// 127.0.0.1, as a real VB365 server usually runs; returns the certificate's
/// PEM so a client (nginx, a test) can be told to trust it.
pub async fn serve_tls(
    listener: TcpListener,
    config: Config,
    cert_out: Option<PathBuf>,
) -> std::io::Result<()> {
    let (acceptor, pem) = tls::self_signed()?;
    if let Some(path) = cert_out {
        std::fs::write(path, pem)?;
    }
    axum::serve(tls::TlsListener::new(listener, acceptor), router(config)).await
}

/// Binds `addr` and serves in a background task; returns the bound address.
/// For tests: bind port 0 and read the port back.
pub async fn spawn(addr: SocketAddr, config: Config) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = serve(listener, config).await;
    });
    Ok(bound)
}
