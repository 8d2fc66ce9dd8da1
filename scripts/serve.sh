#!/usr/bin/env bash
# `make serve`: builds the page and serves it with the VB365 simulator on one
# origin, http://127.0.0.1:${PORT:-8080}. Extra arguments go to the simulator.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
cargo build --quiet -p vb365-sim
exec target/debug/vb365-sim --port "${PORT:-8080}" --static dist "$@"
