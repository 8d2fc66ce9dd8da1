#!/usr/bin/env bash
# Lays out what the simulator serves for `make serve` and the end-to-end tests:
# the page at /, the same page under a sub-path (/console/wizard/), and the demo
# console at /demo/ embedding the wizard.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
www=target/www
rm -rf "$www"
mkdir -p "$www/console/wizard"
cp -r dist/. "$www/"
cp -r dist/. "$www/console/wizard/"
cp -r demo "$www/demo"
cp style/favicon.svg "$www/demo/favicon.svg"
# The demo links the wizard's stylesheet by a stable name.
cp dist/wizard-*.css "$www/wizard.css"
# Compressed copies, served when the browser accepts gzip, as a production
# server would (the simulator serves them; see its ServeDir).
find "$www" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.json' -o -name '*.svg' \) \
  -exec gzip -9 -k -n {} +
echo "$www"
