#!/usr/bin/env bash
# `make test`: every test layer, failing on the first failure.
#   1. native: formatting, clippy, wizard-core and the simulator (over HTTP);
#   2. browser: wasm-bindgen-test components in headless Chromium;
#   3. end-to-end: Playwright drives the built page served by the simulator.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh

stage() { printf '\n== %s\n' "$*"; }

stage "native: format and lints"
cargo fmt --all -- --check
cargo clippy --quiet -p wizard-core -p vb365-sim -p certificate --all-targets -- -D warnings
cargo clippy --quiet -p m365-org-wizard -p cert-worker --target wasm32-unknown-unknown --all-targets -- -D warnings

stage "native: rules, request body, simulator"
cargo test --quiet -p wizard-core -p vb365-sim -p certificate

stage "browser: components in headless Chromium"
cargo test -p m365-org-wizard --target wasm32-unknown-unknown --test browser --test certificates

stage "end-to-end: the built page against the simulator"
bash scripts/build.sh
www=$(bash scripts/stage-www.sh)
cargo build --quiet -p vb365-sim
tmp=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$tmp"' EXIT

# start_sim LOG ARGS...: starts the simulator on a free port and sets $url.
# (Not in a $(…) subshell, so its pid reaches the trap that stops it.)
start_sim() {
  local log=$1; shift
  target/debug/vb365-sim --port 0 "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q 'listening on' "$log" && break; sleep 0.1; done
  url=$(sed -n 's|.*listening on \(https\?://[^/]*\)/.*|\1|p' "$log" | head -1)
  [ -n "$url" ] || { cat "$log"; echo "the simulator did not start: $*" >&2; exit 1; }
}

# The page and API on one origin, under the strict CSP: a violation fails
# the test that caused it.
start_sim "$tmp/sim.log" --static "$www" --csp
SIM_URL=$url

# Production's shape: nginx serves the page and proxies /v6-8/ to a VB365
# (the simulator over TLS with a self-signed certificate nginx is told to trust).
start_sim "$tmp/tls.log" --tls --tls-cert-out "$tmp/vb365.pem"
UPSTREAM=$url
nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -e "s|{{LISTEN}}|127.0.0.1:$nginx_port|" \
    -e "s|{{WIZARD_ROOT}}|$ROOT/$www|" \
    -e "s|{{VB365_UPSTREAM}}|${UPSTREAM#https://}|" \
    -e "s|{{VB365_TLS_NAME}}|localhost|" \
    -e "s|{{VB365_CA}}|$tmp/vb365.pem|" \
    deploy/nginx-m365-org-wizard.conf >"$tmp/m365-org-wizard.conf"
sed -e "s|{{TMP}}|$tmp|g" tests/e2e/nginx-main.conf >"$tmp/nginx.conf"
/usr/sbin/nginx -t -q -c "$tmp/nginx.conf" -p "$tmp"
/usr/sbin/nginx -c "$tmp/nginx.conf" -p "$tmp" &
pids+=($!)
NGINX_URL="http://127.0.0.1:$nginx_port"
for _ in $(seq 50); do curl -fs "$NGINX_URL/" >/dev/null && break; sleep 0.1; done

mkdir -p tests/e2e/artifacts
SIM_URL="$SIM_URL" NGINX_URL="$NGINX_URL" node --test --test-concurrency=1 tests/e2e/
