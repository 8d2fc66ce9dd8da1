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
cargo clippy --quiet -p wizard-core -p vb365-sim --all-targets -- -D warnings
cargo clippy --quiet -p m365-org-wizard --target wasm32-unknown-unknown --all-targets -- -D warnings

stage "native: rules, request body, simulator"
cargo test --quiet -p wizard-core -p vb365-sim

stage "browser: components in headless Chromium"
cargo test -p m365-org-wizard --target wasm32-unknown-unknown --test browser

stage "end-to-end: the built page against the simulator"
bash scripts/build.sh
www=$(bash scripts/stage-www.sh)
cargo build --quiet -p vb365-sim
log=$(mktemp)
# Strict CSP on every answer: a violation fails the test that caused it.
target/debug/vb365-sim --port 0 --static "$www" --csp >"$log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q 'listening on' "$log" && break; sleep 0.1; done
SIM_URL=$(sed -n 's|.*listening on \(http://[^/]*\)/.*|\1|p' "$log" | head -1)
[ -n "$SIM_URL" ] || { cat "$log"; echo "the simulator did not start" >&2; exit 1; }
mkdir -p tests/e2e/artifacts
SIM_URL="$SIM_URL" node --test --test-concurrency=1 tests/e2e/
