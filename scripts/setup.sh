#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test the wizard, and nothing
# else: a second run finds everything and takes seconds. Safe to run anytime.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_missing=()
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || apt_missing+=("$1"); }
install_apt() {
  [ ${#apt_missing[@]} -eq 0 ] && return
  say "installing Debian packages: ${apt_missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${apt_missing[@]}" >/dev/null ||
    { as_root apt-get update -q >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${apt_missing[@]}" >/dev/null; }
  apt_missing=()
}

# 1. The wasm32 standard library: rustup's target, else Debian's rustc-web.
if ! has_rustup_wasm_target; then
  if command -v rustup >/dev/null 2>&1; then
    say "adding rustup's wasm32-unknown-unknown target (60 s limit)"
    timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || say "rustup could not download the target"
  fi
  if ! has_rustup_wasm_target; then
    say "falling back to Debian's rustc-web with build-std"
    for p in rustc-web cargo-web rust-web-src lld-19; do need_apt "$p"; done
    install_apt
  fi
fi
# shellcheck source=env.sh
source "$ROOT/scripts/env.sh"
if [ "$WASM_ROUTE" != "rustup wasm32-unknown-unknown target" ]; then
  # Leptos 0.8 needs rustc 1.88 or newer; some Debian snapshots carry an older rustc-web.
  have=$(rustc --version | awk '{print $2}')
  if [ "$(printf '%s\n1.88.0\n' "$have" | sort -V | head -1)" != "1.88.0" ]; then
    echo "setup: Debian's rustc-web is $have, older than the 1.88 Leptos 0.8 needs, and rustup could not" >&2
    echo "setup: download the wasm32 target. Run 'rustup target add wasm32-unknown-unknown' where it can." >&2
    exit 1
  fi
fi

# 2. Browsers for the browser and end-to-end tests; nginx for the deployment test.
for p in chromium chromium-driver; do need_apt "$p"; done
[ -x /usr/sbin/nginx ] || need_apt nginx-light
# The certificate tests check written .pfx files with two independent readers.
command -v openssl >/dev/null || need_apt openssl
python3 -c 'import cryptography' 2>/dev/null || need_apt python3-cryptography
# make test lints the shell scripts.
command -v shellcheck >/dev/null || need_apt shellcheck
install_apt

# 3. Trunk 0.21 (0.22 needs a newer rustc than these machines have).
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing Trunk 0.21 (about 10 minutes, once)"
  cargo install trunk --version '^0.21' --locked --quiet
fi

# 4. wasm-bindgen-cli equal to the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
  say "installing wasm-bindgen-cli $want"
  cargo install wasm-bindgen-cli --version "$want" --quiet
fi

# 4b. wasm-split-cli, which cuts the page's wasm at its split point; its
# format must match the wasm_split_helpers crate Leptos brings (0.2.x).
# (It has no --version; cargo's list of installed crates says which.)
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -q '^wasm_split_cli_support v0\.2\.4:'; then
  say "installing wasm-split-cli 0.2.4 (about 2 minutes, once)"
  cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked --quiet
fi

# 5. npm tools: wasm-opt (binaryen), esbuild and playwright-core, exactly as locked.
# npm ci records what it installed in node_modules/.package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
   [ ! -x node_modules/.bin/wasm-opt ]; then
  say "installing npm tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

# 6. Crates, so every later build can run --offline.
cargo fetch --quiet

say "ready (wasm: $WASM_ROUTE; $(trunk --version); $(wasm-bindgen --version); wasm-split-cli 0.2.4; wasm-opt $(wasm-opt --version | awk '{print $3}'); $(chromium --version 2>/dev/null | head -1))"
