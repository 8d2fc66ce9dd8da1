#!/usr/bin/env bash
# Builds the static page into dist/ with Trunk, offline (tools from setup.sh):
# `trunk build --release`. Trunk builds the page and the certificate worker;
# its post_build hook (scripts/post-build.mjs) cuts the page's wasm at its
# split point and writes the one script that loads it (see Trunk.toml).
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
trunk --quiet build --release --offline
