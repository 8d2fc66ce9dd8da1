#!/usr/bin/env bash
# Seeds the fuzz corpora from the project's fixtures: each certificate file
# with its password in the target's input format, and each request body.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
certs=corpus/certificate_reader bodies=corpus/sim_body
mkdir -p "$certs" "$bodies"
python3 - "$certs" <<'PY'
import json, os, sys
out = sys.argv[1]
base = "../tests/fixtures/certs"
expected = json.load(open(f"{base}/expected.json"))
for name, entry in expected.items():
    pw = entry["password"].encode()[:31]
    data = open(f"{base}/corpus/{name}", "rb").read()
    open(f"{out}/{name}", "wb").write(bytes([len(pw)]) + pw + data)
PY
cp ../tests/fixtures/bodies/*.json "$bodies"/
echo "seeded $(ls "$certs" | wc -l) certificate inputs and $(ls "$bodies" | wc -l) bodies"
