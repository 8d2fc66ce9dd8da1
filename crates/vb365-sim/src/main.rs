//! `vb365-sim`: serves the simulated VB365 REST API (and optionally the built
//! page) on loopback.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use vb365_sim::{Config, Version};

const USAGE: &str = "\
Usage: vb365-sim [--port N] [--static DIR] [--user NAME] [--password PASS]
                 [--token-lifetime SECS] [--versions v6,v7,v8] [--csp]
                 [--cors-origin ORIGIN] [--tls] [--tls-cert-out FILE]
                 [--device-code-lifetime SECS] [--auto-sign-in SECS]
                 [--demo-organizations] [--organizations N] [--sync-millis N]

Serves the simulated VB365 REST API on 127.0.0.1 and, with --static, the
files of DIR at /. --versions limits the versions offered (an older server);
--csp sends a strict Content-Security-Policy with every answer; --cors-origin
lets one browser origin call the API (the real server sends no CORS headers);
--tls serves HTTPS with a fresh self-signed certificate for localhost and
127.0.0.1, written as PEM to --tls-cert-out if given. Device codes last
--device-code-lifetime seconds (900); --auto-sign-in treats each as signed in
at Microsoft that many seconds after it was issued (tests instead call
POST /_sim/device-codes/CODE/sign-in). --demo-organizations starts with two
organizations to edit and check (an app-only one whose certificate expires
within 30 days, a legacy one, one whose certificate expired, one whose key
was never registered, one without consent, one still syncing);
--organizations adds N app-only ones, a few failing. A sync asked for runs
--sync-millis (3000). Defaults:
port 8080 (0 picks a free one), user admin, password admin, all versions.";

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(Some((port, config, tls))) => run(port, config, tls),
        Ok(None) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("vb365-sim: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Whether and how to serve HTTPS.
#[derive(Default)]
struct Tls {
    enabled: bool,
    cert_out: Option<PathBuf>,
}

type Parsed = (u16, Config, Tls);

fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Parsed>, String> {
    let mut port = 8080;
    let mut config = Config::default();
    let mut tls = Tls::default();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--help" | "-h" => return Ok(None),
            "--csp" => {
                config.strict_csp = true;
                continue;
            }
            "--tls" => {
                tls.enabled = true;
                continue;
            }
            "--demo-organizations" => {
                config.demo_organizations = true;
                continue;
            }
            _ => {}
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--port" => port = value.parse().map_err(|_| format!("bad port {value}"))?,
            "--static" => config.static_dir = Some(PathBuf::from(value)),
            "--user" => config.user = value,
            "--password" => config.password = value,
            "--cors-origin" => config.cors_origin = Some(value),
            "--tls-cert-out" => tls.cert_out = Some(PathBuf::from(value)),
            "--versions" => {
                config.versions = value
                    .split(',')
                    .map(|v| {
                        Version::from_segment(v.trim())
                            .ok_or_else(|| format!("unknown version {v}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--device-code-lifetime" => {
                config.device_code_lifetime_secs =
                    value.parse().map_err(|_| format!("bad lifetime {value}"))?;
            }
            "--auto-sign-in" => {
                config.auto_sign_in_secs =
                    Some(value.parse().map_err(|_| format!("bad seconds {value}"))?);
            }
            "--organizations" => {
                config.organizations = value.parse().map_err(|_| format!("bad count {value}"))?;
            }
            "--sync-millis" => {
                config.sync_millis = value.parse().map_err(|_| format!("bad time {value}"))?;
            }
            "--token-lifetime" => {
                config.token_lifetime_secs =
                    value.parse().map_err(|_| format!("bad lifetime {value}"))?;
            }
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(Some((port, config, tls)))
}

#[tokio::main]
async fn run(port: u16, config: Config, tls: Tls) -> ExitCode {
    // Loopback only: the demo sign-in must never be reachable from the network.
    let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("vb365-sim: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bound = listener.local_addr().unwrap_or(addr);
    let scheme = if tls.enabled { "https" } else { "http" };
    println!("VB365 simulator listening on {scheme}://{bound}/");
    if config.static_dir.is_some() {
        println!("  Wizard:   {scheme}://{bound}/");
    }
    println!("  REST API: {scheme}://{bound}/v6/, /v7/, /v8/");
    println!(
        "  Sign in as user \u{201c}{}\u{201d} with password \u{201c}{}\u{201d} (demo only, loopback only).",
        config.user, config.password
    );
    let served = if tls.enabled {
        vb365_sim::serve_tls(listener, config, tls.cert_out).await
    } else {
        vb365_sim::serve(listener, config).await
    };
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vb365-sim: {e}");
            ExitCode::FAILURE
        }
    }
}
