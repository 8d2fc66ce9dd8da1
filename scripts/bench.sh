#!/usr/bin/env bash
# `make bench`: size, start-up, certificate parsing beside node-forge and
# PKI.js, long tasks and memory, printed as tables (see bench/bench.mjs).
# Separate from `make test`: figures, not pass/fail. Installs what it needs.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
(cd bench && npm ci --no-audit --no-fund --silent)
bench/node_modules/.bin/esbuild bench/pkijs-entry.mjs --bundle --format=iife --global-name=PKIBench \
  --minify --log-level=warning --outfile=target/bench/pkijs.js
bash scripts/build.sh >/dev/null
www=$(bash scripts/stage-www.sh)
# A release simulator: static files served as fast as a production server would.
cargo build --quiet --release -p vb365-sim
log=$(mktemp)
# shellcheck source=sim.sh
source scripts/sim.sh
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -f "$log"' EXIT
start_sim target/release/vb365-sim "$log" --static "$www" --csp
SIM_URL="$url" DIST=dist WWW="$www" PKIJS_BUNDLE=target/bench/pkijs.js node bench/bench.mjs
