#!/usr/bin/env bash
# Builds the static page into dist/ with Trunk, offline (tools from setup.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
trunk --quiet build --release --offline
node scripts/extract-loader.mjs dist >/dev/null
