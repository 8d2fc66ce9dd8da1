#!/usr/bin/env bash
# Builds the static page into dist/, offline (tools from setup.sh): Trunk for
# the HTML, stylesheet, icon and config.json; then the page's wasm, cut in
# two at the split point in src/components/later_steps.rs, so a first visit
# downloads only what the first step needs; then the certificate worker
# (crates/cert-worker), loaded only when a certificate is chosen.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

# Known, harmless notices filtered out of a tool's output; the rest, and the
# tool's exit status, pass through.
quietly() {
  local pattern=$1
  shift
  "$@" > >(grep -v -- "$pattern" || true) 2> >(grep -v -- "$pattern" >&2 || true)
}

# wasm-opt as Trunk would run it, on every module. (wasm-split leaves a name
# subsection wasm-opt does not know; it says so and carries on.)
optimize() {
  quietly 'unknown name subsection' wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals -o "$2" "$1"
}

# No Rust here on purpose (see Trunk.toml): Trunk says so.
quietly 'no rust project found' trunk --quiet build --release --offline

# The page: wasm-split needs the linker's relocations to move functions and
# data between modules; wasm-bindgen must keep the table and the shared
# globals the split-off modules import.
cargo rustc --quiet --release --target wasm32-unknown-unknown --bin m365-org-wizard \
  --features split -- -C link-arg=--emit-relocs
out=target/page-wasm
rm -rf "$out" && mkdir -p "$out/split"
# It logs every split point it finds on stderr: kept, and shown if it fails.
wasm-split-cli target/wasm32-unknown-unknown/release/m365-org-wizard.wasm "$out/split" \
  --out-name m365-org-wizard 2>"$out/split.log" || { cat "$out/split.log" >&2; exit 1; }
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$out/bound" \
  "$out/split/m365-org-wizard.wasm"
mv "$out/bound/m365-org-wizard.js" "$out/bound/snippets" "$out/"
optimize "$out/bound/m365-org-wizard_bg.wasm" "$out/m365-org-wizard_bg.wasm"
for chunk in "$out"/split/split_*.wasm; do
  optimize "$chunk" "$out/$(basename "$chunk")"
done
cp "$out/split/__wasm_split.js" "$out/"
node scripts/place-wasm.mjs dist "$out" >/dev/null
node scripts/page-policy.mjs dist >/dev/null

# The worker: its own wasm, loaded only when a certificate is chosen.
cargo build --quiet --release --target wasm32-unknown-unknown -p cert-worker
out=target/cert-worker
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" target/wasm32-unknown-unknown/release/cert_worker.wasm
optimize "$out/cert_worker_bg.wasm" "$out/cert_worker_bg.opt.wasm"
mv "$out/cert_worker_bg.opt.wasm" "$out/cert_worker_bg.wasm"
node scripts/place-worker.mjs dist "$out" >/dev/null
