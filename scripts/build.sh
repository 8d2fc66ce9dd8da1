#!/usr/bin/env bash
# Builds the static page into dist/ with Trunk, offline (tools from setup.sh),
# then the certificate worker beside it (crates/cert-worker).
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
trunk --quiet build --release --offline
node scripts/extract-loader.mjs dist >/dev/null
node scripts/page-policy.mjs dist >/dev/null

# The worker: its own wasm, loaded only when a certificate is chosen.
cargo build --quiet --release --target wasm32-unknown-unknown -p cert-worker
out=target/cert-worker
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" target/wasm32-unknown-unknown/release/cert_worker.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  -o "$out/cert_worker_bg.opt.wasm" "$out/cert_worker_bg.wasm"
mv "$out/cert_worker_bg.opt.wasm" "$out/cert_worker_bg.wasm"
node scripts/place-worker.mjs dist "$out" >/dev/null
