# shellcheck shell=bash
# Sourced by the other scripts: puts the project's tools on PATH and, on a
# machine without rustup's wasm32 target, selects Debian's rustc-web with
# build-std (the README lists both routes). Decided afresh each time, from
# what is installed, so it never goes stale.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

has_rustup_wasm_target() {
  command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

use_debian_wasm_toolchain() {
  export PATH="/usr/bin:$PATH"
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
}

if ! has_rustup_wasm_target && [ -x /usr/bin/wasm-ld-19 ] && [ -d /usr/lib/rustlib/src/rust ]; then
  use_debian_wasm_toolchain
  export WASM_ROUTE="debian rustc-web + build-std"
else
  export WASM_ROUTE="rustup wasm32-unknown-unknown target"
fi

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROME_BIN=/usr/bin/chromium
export CHROMEDRIVER=/usr/bin/chromedriver
