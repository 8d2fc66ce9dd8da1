#!/usr/bin/env bash
# Builds the static page into dist/ with Trunk, offline (tools from setup.sh):
# `trunk build --release`. Trunk builds the page and the certificate worker;
# its post_build hook (scripts/post-build.mjs) cuts the page's wasm at its
# split point and writes the one script that loads it (see Trunk.toml).
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
# Trunk builds the page and the worker side by side, so each cargo waits
# for the other's lock and says so; that notice and cargo's "Finished"
# lines are dropped. So is "Failed to minify JS": Trunk's minifier (which
# minifies the HTML and CSS, Trunk.toml) cannot parse wasm-bindgen's glue
# and leaves it as it is; the hook bundles and minifies the page's with
# esbuild, and checks the worker's is whole. Everything else goes to
# stderr, and Trunk's exit status is the script's (pipefail).
trunk --quiet build --release --offline 2>&1 |
  { grep -v -e 'Blocking waiting for file lock' -e '^ *Finished .release. profile' -e 'Failed to minify JS' >&2 || true; }
