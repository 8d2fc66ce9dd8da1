//! `vb365-sim`: serves the simulated VB365 REST API (and optionally the built
//! page) on loopback.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use vb365_sim::{Config, Version};

const USAGE: &str = "\
Usage: vb365-sim [--port N] [--static DIR] [--user NAME] [--password PASS]
                 [--token-lifetime SECS] [--versions v6,v7,v8] [--csp]

Serves the simulated VB365 REST API on 127.0.0.1 and, with --static, the
files of DIR at /. --versions limits the versions offered (an older server);
--csp sends a strict Content-Security-Policy with every answer. Defaults:
port 8080 (0 picks a free one), user admin, password admin, all versions.";

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(Some((port, config))) => run(port, config),
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

fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<(u16, Config)>, String> {
    let mut port = 8080;
    let mut config = Config::default();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--help" | "-h" => return Ok(None),
            "--csp" => {
                config.strict_csp = true;
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
            "--versions" => {
                config.versions = value
                    .split(',')
                    .map(|v| {
                        Version::from_segment(v.trim())
                            .ok_or_else(|| format!("unknown version {v}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--token-lifetime" => {
                config.token_lifetime_secs =
                    value.parse().map_err(|_| format!("bad lifetime {value}"))?;
            }
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(Some((port, config)))
}

#[tokio::main]
async fn run(port: u16, config: Config) -> ExitCode {
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
    println!("VB365 simulator listening on http://{bound}/");
    if config.static_dir.is_some() {
        println!("  Wizard:   http://{bound}/");
    }
    println!("  REST API: http://{bound}/v6/, /v7/, /v8/");
    println!(
        "  Sign in as user \u{201c}{}\u{201d} with password \u{201c}{}\u{201d} (demo only, loopback only).",
        config.user, config.password
    );
    match vb365_sim::serve(listener, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vb365-sim: {e}");
            ExitCode::FAILURE
        }
    }
}
