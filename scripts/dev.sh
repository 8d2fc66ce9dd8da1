#!/usr/bin/env bash
# `make dev`: the development loop. The simulator on 127.0.0.1:8081 (Trunk.toml
# proxies /v6/, /v7/ and /v8/ to it) and `trunk serve`, which rebuilds and
# reloads the page on every change. Extra arguments go to the simulator.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
cargo build --quiet -p vb365-sim
target/debug/vb365-sim --port 8081 --auto-sign-in 5 --demo-organizations "$@" &
sim=$!
trap 'kill "$sim" 2>/dev/null || true' EXIT
echo "The page: http://127.0.0.1:${PORT:-8080}/ (sign in as admin / admin); the API: the simulator on 127.0.0.1:8081"
trunk serve --offline --address 127.0.0.1 --port "${PORT:-8080}"
