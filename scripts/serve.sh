#!/usr/bin/env bash
# `make serve`: builds the page and serves it with the VB365 simulator on one
# origin, http://127.0.0.1:${PORT:-8080}. Extra arguments go to the simulator.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
www=$(bash scripts/stage-www.sh)
cargo build --quiet -p vb365-sim
echo "Demo console embedding the wizard: http://127.0.0.1:${PORT:-8080}/demo/"
# Device codes count as signed in after 5 seconds: the demo has no Microsoft tenant.
exec target/debug/vb365-sim --port "${PORT:-8080}" --static "$www" --csp --auto-sign-in 5 --demo-organizations "$@"
