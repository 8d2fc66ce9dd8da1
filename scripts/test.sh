#!/usr/bin/env bash
# `make test`: every test layer, failing on the first failure.
#   1. native: formatting, clippy, wizard-core and the simulator (over HTTP);
#   2. browser: wasm-bindgen-test components in headless Chromium;
#   3. end-to-end: Playwright drives the built page served by the simulator.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
# Each phase's time, printed as it ends and again at the end, so a slow
# machine shows where its minutes went.
phase_name="set-up (scripts/setup.sh)"
phase_start=$SECONDS
timings=()
end_phase() {
  local took=$((SECONDS - phase_start))
  timings+=("$(printf '%4d:%02d  %s' $((took / 60)) $((took % 60)) "$phase_name")")
  printf '== %s: %d:%02d\n' "$phase_name" $((took / 60)) $((took % 60))
}
stage() {
  end_phase
  phase_name="$*"
  phase_start=$SECONDS
  printf '\n== %s\n' "$*"
}
bash scripts/setup.sh

stage "native: format and lints"
cargo fmt --all -- --check
# No import circle, wizard-core's folders in order, no Rust file over 600
# lines and no function over 80.
python3 scripts/layout-check.py
shellcheck scripts/*.sh tests/fixtures/certs/generate.sh
cargo clippy --quiet -p wizard-core -p vb365-sim -p certificate --all-targets -- -D warnings
cargo clippy --quiet -p m365-org-wizard -p cert-worker --target wasm32-unknown-unknown --all-targets -- -D warnings
# The release build of the page, cut at its split point (scripts/build.sh).
cargo clippy --quiet -p m365-org-wizard --target wasm32-unknown-unknown --features split -- -D warnings
# embed.d.ts against a typed copy of the demo console's use of both routes.
node_modules/.bin/tsc -p tests/types
# The build's, the benchmark's and the page's JavaScript (tsconfig.json).
node_modules/.bin/tsc -p tsconfig.json

stage "native: rules, request body, simulator"
cargo test --quiet -p wizard-core -p vb365-sim -p certificate

stage "browser: components in headless Chromium"
cargo test -p m365-org-wizard --target wasm32-unknown-unknown --lib --test browser --test certificates
cargo test -p cert-worker --target wasm32-unknown-unknown --test generate

stage "end-to-end: build the release page (scripts/build.sh)"
bash scripts/build.sh
www=$(bash scripts/stage-www.sh)
cargo build --quiet -p vb365-sim
tmp=$(mktemp -d)
# shellcheck source=sim.sh
source scripts/sim.sh
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$tmp"' EXIT

# The page and API on one origin, under the strict CSP: a violation fails
# the test that caused it.
start_sim target/debug/vb365-sim "$tmp/sim.log" --static "$www" --csp
SIM_URL=$url

# Production's shape: nginx serves the page and proxies /v6-8/ to a VB365
# (the simulator over TLS with a self-signed certificate nginx is told to trust).
start_sim target/debug/vb365-sim "$tmp/tls.log" --tls --tls-cert-out "$tmp/vb365.pem"
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
wait_for_http "$NGINX_URL/" nginx

stage "end-to-end: the built page against the simulator (Playwright)"
mkdir -p tests/e2e/artifacts
SIM_URL="$SIM_URL" NGINX_URL="$NGINX_URL" node --test --test-concurrency=1 tests/e2e/
end_phase
printf '\n== time per phase (min:s)\n'
printf '%s\n' "${timings[@]}"
printf '%4d:%02d  in all\n' $((SECONDS / 60)) $((SECONDS % 60))
