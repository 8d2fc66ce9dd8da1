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
echo "$www"
